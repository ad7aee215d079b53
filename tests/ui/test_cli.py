"""The command line as scripts use it: JSON contracts, exit codes, one-sentence errors."""

from __future__ import annotations

import json
import logging
import re

import pytest
from click.testing import CliRunner

from tests.conftest import STORE_MODE, run_fedqa, store_env

INGEST_KEYS = {"added", "updated", "removed", "unchanged", "skipped", "chunks", "seconds"}
# Added later: files ingested with a problem (broken front matter), [{"source", "reason"}].
INGEST_KEYS_ADDED = {"warnings", "multilingual_chunks"}
ANSWER_KEYS = {"question", "answered", "text", "citations"}
CITATION_KEYS = {"n", "doc_id", "source", "title", "date", "doc_type", "passage", "score"}


def assert_user_error(result, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip()
    assert message.startswith("Error: ") and "\n" not in message, message
    for word in words:
        assert word in message


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory, shared_corpus):
    data_dir = tmp_path_factory.mktemp("cli-data")
    result = run_fedqa("ingest", str(shared_corpus), "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir, json.loads(result.stdout.strip().splitlines()[-1])


def test_ingest_json_contract(cli_data, shared_corpus):
    data_dir, first = cli_data
    assert set(first) >= INGEST_KEYS | INGEST_KEYS_ADDED
    assert (first["added"], first["updated"], first["removed"]) == (2, 0, 0)
    assert first["skipped"] == [] and first["warnings"] == [] and first["chunks"] > 2
    assert isinstance(first["seconds"], float)
    again = run_fedqa("ingest", str(shared_corpus), "--json", data_dir=data_dir)
    report = json.loads(again.stdout.strip().splitlines()[-1])
    assert (report["unchanged"], report["chunks"], report["added"]) == (2, 0, 0)


@pytest.fixture()
def cli_runner(tmp_path):
    """Runs `fedqa` in this process; the log handler it installs is removed afterwards."""
    before = list(logging.getLogger().handlers)
    yield CliRunner()
    for handler in set(logging.getLogger().handlers) - set(before):
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_ingest_lists_files_with_broken_front_matter_as_warnings(tmp_path, cli_runner):
    from ui.cli import cli

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "broken.md").write_text(
        "---\ntitle: [unclosed\n---\nThe union's choir rehearses on Fridays in the hall.\n"
    )
    (folder / "good.md").write_text("# Good\n\nThe union meets every Tuesday at noon.\n")
    data_dir = tmp_path / "data"
    env = {"FEDQA_DATA_DIR": str(data_dir), **store_env(data_dir)}

    result = cli_runner.invoke(cli, ["ingest", str(folder), "--json"], env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(report) >= INGEST_KEYS | INGEST_KEYS_ADDED
    assert (report["added"], report["skipped"]) == (2, [])
    assert report["warnings"] == [
        {
            "source": "broken.md",
            "reason": "the front matter is not valid YAML (line 2); "
            "its metadata was inferred from the text",
        }
    ]

    (folder / "broken.md").write_text("---\ndoc_type: memo\n---\nThe choir rehearses.\n")
    result = cli_runner.invoke(cli, ["ingest", str(folder)], env=env)
    assert result.exit_code == 0, result.output
    assert "warnings" in result.stdout
    assert "  warning broken.md: the front matter's doc_type 'memo' is not one of" in result.stdout


def test_status_reads_the_store(cli_data):
    data_dir, first = cli_data
    result = run_fedqa("status", "--json", data_dir=data_dir)
    assert result.returncode == 0
    status = json.loads(result.stdout)
    assert {k: status[k] for k in ("documents", "chunks", "data_dir")} == {
        "documents": 2,
        "chunks": first["chunks"],
        "data_dir": str(data_dir),
    }
    assert status["store"] == ("server" if STORE_MODE == "server" else "embedded")
    assert status["reachable"] is True


def test_ask_one_question_json(cli_data):
    data_dir, _ = cli_data
    result = run_fedqa(
        "ask", "How many seminars were held from January to May?", "--json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= ANSWER_KEYS and answer["answered"] is True
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["text"])}
    assert markers == {c["n"] for c in answer["citations"]}
    for citation in answer["citations"]:
        assert set(citation) >= CITATION_KEYS
    assert "159" in answer["text"]


def test_ask_batch_from_stdin_keeps_order_and_loads_model_once(cli_data):
    data_dir, _ = cli_data
    questions = [
        "Who is the head of the Friedrich Ebert Foundation office in Kazakhstan?",
        "",
        "What is the recipe for borscht?",
        "When did the oil industry seminar start?",
    ]
    log = data_dir / "fedqa.log"
    before = log.read_text().count("loaded ") if log.exists() else 0
    result = run_fedqa("ask", "--json", data_dir=data_dir, stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line["question"] for line in lines] == questions
    assert lines[0]["answered"] and "Zauresh Shutova" in lines[0]["text"]
    assert not lines[1]["answered"] and "Please type a question" in lines[1]["text"]
    assert not lines[2]["answered"] and lines[2]["citations"] == []
    assert lines[3]["answered"]
    assert all("standalone" not in line for line in lines)  # none was rewritten or corrected
    # each model once: the English one and multilingual-e5-small beside it
    loaded = log.read_text().count("loaded ") - before
    assert loaded == 2 and log.read_text().count("loaded multilingual-e5-small") >= 1


def test_human_output(cli_data):
    data_dir, _ = cli_data
    result = run_fedqa("ask", "Who is Eduard Vokhmin?", data_dir=data_dir)
    assert result.returncode == 0
    assert "Sources:" in result.stdout and "[1]" in result.stdout


def test_empty_question(cli_data):
    assert_user_error(run_fedqa("ask", "   ", data_dir=cli_data[0]), "Please type a question")


def test_huge_question(cli_data):
    assert_user_error(run_fedqa("ask", "why " * 600, data_dir=cli_data[0]), "2,000")


def test_ask_before_any_ingest(tmp_path):
    assert_user_error(run_fedqa("ask", "What is a union?", data_dir=tmp_path / "d"), "fedqa ingest")


def test_data_dir_not_writable(tmp_path, shared_corpus):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_fedqa("ingest", str(shared_corpus), data_dir=blocker / "data")
    assert_user_error(result, "not writable", "FEDQA_DATA_DIR")


def test_ingest_path_that_does_not_exist(tmp_path):
    result = run_fedqa("ingest", str(tmp_path / "missing"), data_dir=tmp_path / "d")
    assert_user_error(result, "is not a folder")


def test_invalid_setting_is_explained(tmp_path):
    result = run_fedqa("status", data_dir=tmp_path, env={"FEDQA_TOP_K": "many"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "FEDQA_TOP_K" in result.stderr


def _invoke(tmp_path, *args: str):
    from ui.cli import cli

    env = {"FEDQA_DATA_DIR": str(tmp_path / "empty")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize(
    ("option", "valid"),
    [("--lang", "'en', 'ru', 'kk'"), ("--type", "'seminar_report', 'address_summary'")],
)
def test_unknown_language_or_type_is_an_error_listing_the_valid_ones(tmp_path, option, valid):
    result = _invoke(tmp_path, "ask", "What is a union?", option, "de")
    assert result.exit_code == 2 and valid in result.output


def test_an_empty_question_is_refused_before_the_store_or_model_is_opened(tmp_path):
    """Nothing is ingested in this data folder: opening it would fail with "run fedqa ingest"."""
    result = _invoke(tmp_path, "ask", "   ")
    assert result.exit_code == 2 and "Please type a question" in result.output
    assert "fedqa ingest" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("ask", " ", "--json"), {"answered": False, "citations": []}),
        (("ingest", "no-such-folder", "--json"), {}),
    ],
)
def test_json_errors_print_the_json_error_object(tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    result = _invoke(tmp_path, *args)
    assert result.exit_code == 2
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert {key: payload[key] for key in expected} == expected and payload["error"]


def test_ask_conversation_continues_until_an_empty_line(cli_data):
    data_dir, _ = cli_data
    questions = [
        "When did the oil industry seminar start?",
        "and who opened it?",
        "",
        "who opened it?",
    ]
    result = run_fedqa(
        "ask", "--json", "--conversation", data_dir=data_dir, stdin="\n".join(questions) + "\n"
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [line["question"] for line in lines] == [q for q in questions if q]
    assert all(set(line) >= ANSWER_KEYS | {"standalone"} for line in lines)
    assert lines[0]["standalone"] == questions[0]
    assert "oil industry seminar" in lines[1]["standalone"]  # "it" made explicit
    assert lines[2]["standalone"] == "who opened it?"  # a new conversation: nothing to lean on


def test_conversation_needs_standard_input(tmp_path):
    result = _invoke(tmp_path, "ask", "who opened it?", "--conversation")
    assert result.exit_code == 2 and "standard input" in result.output
