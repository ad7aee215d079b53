"""Near misses made from answerable questions (eval.near_misses), on a real store and model."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.answer_types import mentions
from assistant.gate import flatten
from eval.golden import PROJECT_ROOT, load_set
from eval.near_misses import corpus_vocabulary, swap_one_word
from eval.pairs import _corpus_pairs
from eval.train_check import drafting_assistant
from tests.conftest import make_settings

SAMPLE = PROJECT_ROOT / "eval" / "sets" / "sample.jsonl"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("near-misses"))
    with drafting_assistant(load_set(SAMPLE).corpus, settings) as assistant:
        index = assistant.keyword_index
        texts = [index.document_text([doc]) for doc in index.document_ids()]
        yield assistant, corpus_vocabulary(texts, assistant.gate.lexicon)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_one_word_is_swapped_for_a_corpus_word_the_answering_document_lacks(drafted):
    assistant, vocabulary = drafted
    index, lexicon = assistant.keyword_index, assistant.gate.lexicon
    items = [i for i in load_set(SAMPLE).items if i.answerable and len(i.documents) == 1][:8]
    made = 0
    for item in items:
        answer = index.document_text(item.documents)
        swapped = swap_one_word(item.question, answer, vocabulary, lexicon)
        if swapped is None:
            continue
        made += 1
        before, after = _words(item.question), _words(swapped)
        assert len(before) == len(after)
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1, (item.question, swapped)
        old, new = changed[0]
        assert mentions(old, flatten(answer)) and not mentions(new, flatten(answer))
        assert new in vocabulary
    assert made >= len(items) // 2


def test_a_question_with_no_word_of_its_answer_gives_no_near_miss(drafted):
    assistant, vocabulary = drafted
    answer = "Basic annual paid leave lasts twenty-four calendar days."
    question = "Who chaired the congress?"
    assert swap_one_word(question, answer, vocabulary, assistant.gate.lexicon) is None


def test_a_near_miss_pair_row_follows_its_original_with_the_answering_sentences(tmp_path):
    golden = load_set(SAMPLE)
    answerable = [i for i in golden.items if i.answerable and i.facts][:3]
    rows = _corpus_pairs(
        golden.corpus, [replace(golden, items=answerable)], make_settings(tmp_path), True
    )
    near = [n for n, r in enumerate(rows) if r.get("synthetic")]
    assert near, "no near miss was made from three answerable questions"
    for n in near:
        original, miss = rows[n - 1], rows[n]
        assert miss["item"] == f"{original['item']}~near-miss"
        assert not miss["answerable"] and not any(miss["labels"])
        assert miss["answered_original"] == original["labels"]
        assert miss["texts"] == original["texts"] and miss["question"] != original["question"]
