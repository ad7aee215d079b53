"""Why an answer was refused, in the asker's language (assistant.reasons)."""

from __future__ import annotations

import string

import pytest

from assistant.languages import LANGUAGES, en
from assistant.reasons import Reason, refusal_notice


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_language_spells_every_reason_with_the_same_values(code):
    module = LANGUAGES[code]
    assert module.NOTICES.keys() == en.NOTICES.keys()
    for key, template in en.NOTICES.items():
        assert _fields(module.NOTICES[key]) == _fields(template), (code, key)
    assert module.UNIT_NAMES.keys() == en.UNIT_NAMES.keys()


def test_a_reason_is_its_english_text():
    """`fedqa eval`, logs and the learned check read the reason as text, as before."""
    assert Reason("missing", word="Astana") == "no passage found mentions Astana"
    assert Reason("no_unit", unit="day") == "the passages found do not state a number of days"


def test_a_reason_is_spelt_in_the_question_language_nested_ones_too():
    inner = Reason("no_unit", unit="hour")
    outer = Reason("second_opinion", reason=inner, check="asked-unit")
    assert inner.in_language("ru") == "в найденных фрагментах не указано число часов"
    assert refusal_notice(outer, "second-opinion", "kk").startswith(
        "Жауап берілмеді: табылған үзінділерде сағат саны көрсетілмеген"
    )
    assert refusal_notice(outer, "second-opinion", "de").startswith("Not answered because")
    assert (
        refusal_notice("a reason with no key", "x", "ru")
        == "Нет ответа: a reason with no key (проверка: x)."
    )


@pytest.mark.parametrize(
    ("question", "opening", "place"),
    [
        (
            "Жезқазғандағы еңбекті қорғау семинарына неше адам қатысты?",
            "Жауап берілмеді",
            "Жезқазған",
        ),
        ("Сколько человек участвовало в семинаре в Астане?", "Нет ответа", "Астане"),
        ("How many people attended the seminar held in Astana?", "Not answered", "Astana"),
    ],
)
def test_a_refusal_says_why_in_the_question_language(assistant, question, opening, place):
    answer = assistant.ask(question)
    assert not answer.answered
    assert answer.notice.startswith(opening) and place in answer.notice
