"""`fedqa eval` end to end on a small set: metrics, report with plots, floors, feedback."""

from __future__ import annotations

import json

from assistant.feedback import read_feedback, record_feedback
from eval.candidates import candidates_from_feedback
from tests.conftest import make_settings, run_fedqa

OIL = "2022-11-24-seminar-oil-industry-activists.txt"


MONA_LISA = {
    "id": "t2",
    "question": "Who painted the Mona Lisa?",
    "kind": "out_of_scope",
    "answerable": False,
    "documents": [],
    "facts": [],
}


def _write_set(tmp_path, shared_corpus, name, items):
    records = [{"_meta": {"set": name, "corpus": str(shared_corpus)}}, *items]
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    return path


def _tiny_set(tmp_path, shared_corpus):
    moderator = {
        "id": "t1",
        "question": "Who moderated the seminar for oil industry activists?",
        "kind": "fact",
        "answerable": True,
        "documents": [OIL],
        "facts": [["Lyazzat Eszhanova"]],
    }
    return _write_set(tmp_path, shared_corpus, "tiny", [moderator, MONA_LISA])


def test_eval_json_report_and_floors(tmp_path, shared_corpus):
    tiny = _tiny_set(tmp_path, shared_corpus)
    report_dir = tmp_path / "report"
    result = run_fedqa(
        "eval", "--set", str(tiny), "--json", "--report", str(report_dir), data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    metrics = data["sets"][0]
    assert metrics["set"] == "tiny" and metrics["questions"] == 2
    assert metrics["answers"]["fact_recall"] == 1.0
    assert metrics["answers"]["no_answer_accuracy"] == 1.0
    assert set(metrics["retrieval"]) == {"dense", "bm25", "hybrid", "rrf", "configured"}
    assert metrics["retrieval"]["dense"]["recall@1"] == 1.0
    # The moderator's name is in one passage of the report: it must be among the first five.
    assert metrics["retrieval"]["hybrid"]["evidence_recall@5"] == 1.0
    assert 0.0 < metrics["retrieval"]["hybrid"]["evidence_mrr"] <= 1.0
    # Its one fact was quoted: none lost at any stage.
    assert metrics["fact_losses"] == {
        "facts": 1,
        "quoted": 1,
        "cited_passage_not_quoted": 0,
        "read_not_cited": 0,
        "refused_a_draft_quoting_it": 0,
        "refused_though_read": 0,
        "not_retrieved": 0,
    }
    report = (report_dir / "report.md").read_text()
    assert "| read not cited | 0 |" in report
    assert "No floor in `" in report and "floors.toml` is broken." in report
    for plot in ("kinds", "scores", "latency", "retrievers"):
        assert (report_dir / f"tiny-{plot}.png").stat().st_size > 5000
        assert f"tiny-{plot}.png" in report
    assert not (tmp_path / "chroma").exists(), "eval must not touch the configured data dir"

    floors = tmp_path / "floors.toml"
    floors.write_text('[tiny]\n"answers.fact_recall" = 1.01\n')
    # The exit code of a floor not met; the English model alone answers the two questions.
    english_only = {"FEDQA_MULTILINGUAL_BACKEND": "none"}
    failing = run_fedqa(
        "eval", "--set", str(tiny), "--floors", str(floors), data_dir=tmp_path, env=english_only
    )
    assert failing.returncode == 3
    assert "BELOW FLOOR: tiny: answers.fact_recall = 1.000 is under its floor 1.010" in (
        failing.stdout
    )
    # Said "All floors in eval/floors.toml are met." whatever file was given, floors or none.
    floors.write_text('[tiny]\n"answers.fact_recall" = 0.5\n')
    passing = run_fedqa("eval", "--set", str(tiny), "--floors", str(floors), data_dir=tmp_path)
    assert passing.returncode == 0 and f"All 1 floors in {floors} are met." in passing.stdout
    none = tmp_path / "none.toml"
    none.write_text("")
    unchecked = run_fedqa("eval", "--set", str(tiny), "--floors", str(none), data_dir=tmp_path)
    assert f"No floors in {none} apply to these sets." in unchecked.stdout


def test_feedback_becomes_candidate_items(tmp_path):
    settings = make_settings(tmp_path)
    answer = {
        "question": "Who moderated the seminar?",
        "answered": True,
        "text": "Lyazzat Eszhanova moderated it. [1]",
        "citations": [
            {
                "n": 1,
                "doc_id": OIL,
                "source": OIL,
                "title": "T",
                "date": None,
                "doc_type": "seminar_report",
                "passage": "...",
                "score": 0.6,
            }
        ],
    }
    record_feedback(settings, answer, "up")
    record_feedback(settings, {**answer, "question": "Who paid for it?"}, "down", "wrong person")
    with open(tmp_path / "feedback.jsonl", "a") as handle:
        handle.write('{"torn')  # a crash mid-write must not break reading
    records = list(read_feedback(settings))
    assert [r["verdict"] for r in records] == ["up", "down"]
    items = candidates_from_feedback(records)
    assert items[0]["answerable"] and items[0]["documents"] == [OIL]
    assert not items[1]["answerable"] and items[1]["review"]["comment"] == "wrong person"
    result = run_fedqa("eval", "--from-feedback", data_dir=tmp_path)
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == [
        "Who moderated the seminar?",
        "Who paid for it?",
    ]


def test_a_set_of_near_misses_only_is_measured(tmp_path, shared_corpus):
    """Regression: a set with no answerable question (eval/sets/nearmiss.jsonl) crashed the
    report with a KeyError, having no retrieval metrics to compare."""
    path = _write_set(tmp_path, shared_corpus, "unanswerable", [MONA_LISA])
    report_dir = tmp_path / "report"
    result = run_fedqa("eval", "--set", str(path), "--report", str(report_dir), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no-answer accuracy" in result.stdout and "not measured" in result.stdout
    assert (report_dir / "report.md").exists()


def test_written_standalones_add_what_a_perfect_rewrite_gets(tmp_path, shared_corpus):
    moderator = "Who moderated the seminar for oil industry activists?"
    talk = {
        "id": "c",
        "turns": [
            {"question": moderator, "kind": "opening", "answerable": True,
             "documents": [OIL], "facts": [["Lyazzat Eszhanova"]]},
            {"question": "and who moderated it?", "kind": "follow_up", "standalone": moderator,
             "answerable": True, "documents": [OIL], "facts": [["Lyazzat Eszhanova"]]},
        ],
    }  # fmt: skip
    path = _write_set(tmp_path, shared_corpus, "talk", [talk])
    args = ("eval", "--set", str(path), "--json", "--floors", "/dev/null")
    result = run_fedqa(*args, "--written-standalones", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    written = json.loads(result.stdout.strip().splitlines()[-1])["sets"][0]["conversation"]
    assert written["follow_up_as_written"]["n"] == 1
    assert written["follow_up_as_written"]["fact_recall"] == 1.0
