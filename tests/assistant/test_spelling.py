"""Misspelt question words put right against the dictionary and the materials' own words."""

from __future__ import annotations

import pytest

from assistant.spelling import SpellingCorrector

# What the materials use, as the BM25 index answers it (real questions go through the index).
MATERIALS = {
    "pregnant", "until", "allowed", "commission", "business", "participants", "maternity",
    "done", "rest", "section", "отказаться", "сверхурочной",
}  # fmt: skip


@pytest.fixture
def corrector() -> SpellingCorrector:
    return SpellingCorrector(lambda word: word.lower() in MATERIALS)


@pytest.mark.parametrize(
    ("asked", "meant"),
    [
        ("can my boss fire me while im pregnent?", "can my boss fire me while im pregnant?"),
        ("am i alowed to stop untill they pay", "am i allowed to stop until they pay"),
        ("the regional comission", "the regional commission"),  # one letter left out
        ("Particpants of a buisness trip", "Participants of a business trip"),  # capital kept
        ("могу ли я отказатся от сверхурочной?", "могу ли я отказаться от сверхурочной?"),
    ],
)
def test_a_misspelt_word_becomes_the_word_the_materials_use(corrector, asked, meant):
    assert corrector.corrected(asked) == meant


@pytest.mark.parametrize(
    "asked",
    [
        "How long is paternity leave?",  # a real word the materials lack: a near miss, kept
        "What is the statutory sanction?",  # "section" is one edit away, and no misspelling
        "can they punish me if i dont reply?",  # "don't", not "done"
        "Who spoke in Pavlodra?",  # a name (capitalized inside the question) is never changed
        "how often must my foreman resit the exam?",  # a real word, although "rest" is near
        "Жыл сайынғы демалыс қанша күн?",  # no Kazakh dictionary: left as typed
    ],
)
def test_real_words_names_and_languages_without_a_dictionary_are_left_as_typed(corrector, asked):
    assert corrector.corrected(asked) == asked


def test_a_misspelt_word_with_no_near_word_in_the_materials_is_left_as_typed():
    nothing = SpellingCorrector(lambda word: False)
    assert nothing.corrected("my wife is pregant") == "my wife is pregant"
