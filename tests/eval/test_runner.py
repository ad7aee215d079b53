"""Running golden sets: a store built for a corpus is copied for the next set over it."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

from eval.golden import GoldenItem, GoldenSet, load_set
from eval.report import tables
from eval.runner import ItemResult, SetResult, StoreCache, lead, run_set
from tests.conftest import make_settings

OIL = "2022-11-24-seminar-oil-industry-activists.txt"


def _set(tmp_path, corpus, name, question, answerable, facts):
    records = [
        {"_meta": {"set": name, "corpus": str(corpus)}},
        {
            "id": f"{name}-1",
            "question": question,
            "kind": "fact" if answerable else "out_of_scope",
            "answerable": answerable,
            "documents": [OIL] if answerable else [],
            "facts": facts,
        },
    ]
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    return load_set(path)


def test_a_second_set_over_the_same_corpus_answers_from_a_copy_of_the_first_ones_store(
    tmp_path, shared_corpus
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(shared_corpus / OIL, corpus / OIL)
    moderator = _set(
        tmp_path, corpus, "first", "Who moderated the seminar for oil industry activists?",
        True, [["Lyazzat Eszhanova"]],
    )  # fmt: skip
    painter = _set(tmp_path, corpus, "second", "Who painted the Mona Lisa?", False, [])
    settings = make_settings(tmp_path / "unused")
    with StoreCache() as stores:
        first = run_set(moderator, settings, stores)
        second = run_set(painter, settings, stores)
        again = run_set(moderator, settings, stores)
        assert len(stores) == 1  # one corpus, one ingest
    assert first.results[0].answered and first.results[0].facts_found == 1
    assert not second.results[0].answered
    # The copy answers as the store it was copied from, and as a store of its own would.
    assert again.results[0].text == first.results[0].text
    assert run_set(moderator, settings).results[0].text == first.results[0].text


def _turn(kind: str, question: str, standalone: str, answered: bool, language: str) -> ItemResult:
    item = GoldenItem(
        f"c-{kind}-{language}", question, kind, True, (OIL,), (("fact",),),
        language=language, conversation="c", standalone=standalone,
    )  # fmt: skip
    return ItemResult(
        item, answered, "the fact [1]" if answered else "", [OIL] if answered else [], 0,
        int(answered), 0.5, 0.01, standalone=standalone,
    )  # fmt: skip


def test_follow_up_figures_are_split_by_path_and_language(tmp_path):
    golden = GoldenSet("c", tmp_path / "c.jsonl", tmp_path, ())
    results = [
        _turn("opening", "Who ran the oil seminar?", "Who ran the oil seminar?", True, "en"),
        _turn("follow_up", "and who opened it?", "Who opened the oil seminar?", True, "en"),
        _turn("switch", "Шымкентте ше?", "Шымкентте ше?", False, "kk"),
    ]  # fmt: skip
    result = SetResult(golden, results, 0.4, 0.0)
    talk = result.conversation_metrics()
    assert talk["follow_up"]["fact_recall"] == 0.5
    # the rewritten follow-up was answered; the switch left alone was refused
    assert talk["follow_up_by_path"]["carried"]["fact_recall"] == 1.0
    assert talk["follow_up_by_path"]["left_alone"]["false_refusal_rate"] == 1.0
    assert talk["follow_up_by_language"]["kk"]["n"] == 1
    assert talk["follow_up_by_language"]["en"]["fact_recall"] == 1.0
    assert "path: left alone" in tables(result.metrics())


def test_a_follow_up_is_also_asked_as_written_where_asked_to(tmp_path, shared_corpus):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(shared_corpus / OIL, corpus / OIL)
    moderator = "Who moderated the seminar for oil industry activists?"
    turns = [
        {"question": "When was the seminar for oil industry activists held?", "kind": "opening",
         "answerable": False, "documents": [], "facts": []},
        {"question": "and who moderated it?", "kind": "follow_up", "standalone": moderator,
         "answerable": True, "documents": [OIL], "facts": [["Lyazzat Eszhanova"]]},
    ]  # fmt: skip
    path = tmp_path / "talk.jsonl"
    records = [{"_meta": {"set": "talk", "corpus": str(corpus)}}, {"id": "t", "turns": turns}]
    path.write_text("\n".join(json.dumps(r) for r in records))
    settings = make_settings(tmp_path / "unused")
    result = run_set(load_set(path), settings, written_standalones=True)
    opening, follow_up = result.results
    assert opening.written is None  # an opening stands alone already
    assert follow_up.written is not None and follow_up.written.item.question == moderator
    assert follow_up.written.facts_found == 1
    talk = result.metrics()["conversation"]
    assert talk["follow_up_as_written"]["fact_recall"] == 1.0
    assert "as written (a perfect rewrite)" in tables(result.metrics())
    # without it, each turn is asked once, as the conversation has it
    plain = run_set(load_set(path), settings).metrics()["conversation"]
    assert "follow_up_as_written" not in plain


def test_lead_fact_recall_counts_only_the_answers_first_sentence(tmp_path):
    """What a reader takes for the answer: the facts before the first `[n]`."""
    assert lead("Overtime is work beyond hours. [1] It may not exceed 120 hours a year. [1]") == (
        "Overtime is work beyond hours. [1]"
    )
    assert lead("no marker at all") == "no marker at all"
    golden = GoldenSet("s", tmp_path / "s.jsonl", tmp_path, ())
    buried = _turn("opening", "How long?", "How long?", True, "en")
    first = replace(buried, item=replace(buried.item, id="first"), facts_in_lead=1)
    answers = SetResult(golden, [buried, first], 0.4, 0.0).answer_metrics([buried, first])
    assert answers["fact_recall"] == 1.0
    assert answers["lead_fact_recall"] == 0.5
