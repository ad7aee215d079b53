"""Drafting training questions into (question, sentence) pairs, on a real store."""

from __future__ import annotations

from dataclasses import replace

from eval.golden import PROJECT_ROOT, load_set
from eval.pairs import _corpus_pairs
from tests.conftest import make_settings


def test_an_answerable_question_has_a_sentence_labelled_with_its_fact(tmp_path):
    golden = load_set(PROJECT_ROOT / "eval" / "sets" / "sample.jsonl")
    answerable = [i for i in golden.items if i.answerable and i.facts][:2]
    unanswerable = [i for i in golden.items if not i.answerable][:1]
    small = replace(golden, items=answerable + unanswerable)
    rows = _corpus_pairs(golden.corpus, [small], make_settings(tmp_path))
    assert [r["item"] for r in rows] == [i.id for i in answerable + unanswerable]
    for row in rows:
        assert len(row["texts"]) == len(row["labels"]) == len(row["learned"]) == len(row["hand"])
    assert all(any(r["labels"]) for r in rows[:2])
    assert not any(rows[2]["labels"])
