"""Each language reads its own questions; sentences are read in every language."""

from __future__ import annotations

import pytest

from assistant.answer_types import (
    OTHER,
    PERSON,
    QUANTITY,
    TIME,
    question_type,
    states,
)
from assistant.languages import LANGUAGES, in_case_of, patterns
from assistant.question import Question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many days of leave does a worker get?", QUANTITY),
        ("Сколько дней отпуска положено работнику?", QUANTITY),
        ("Жыл сайынғы демалыс қанша күн?", QUANTITY),
        ("When was the seminar held?", TIME),
        ("Когда прошёл семинар?", TIME),
        ("Семинар қашан өтті?", TIME),
        ("Who opened the seminar?", PERSON),
        ("Кто открыл семинар?", PERSON),
        ("Семинарды кім ашты?", PERSON),
        ("Кім демалысқа құқылы?", OTHER),  # who is entitled: a role answers, not a name
        ("Кто может обратиться в комиссию?", OTHER),
        ("What is a collective agreement?", OTHER),
    ],
)
def test_the_asked_type_in_each_language(question, kind):
    assert question_type(question) == kind


def test_a_kazakh_question_is_not_read_through_the_russian_patterns():
    # "когда" is Russian; a Kazakh question that quotes it asks nothing about time.
    assert not patterns("kk").time_question.search("«когда» сөзі нені білдіреді?")
    assert patterns("ru").time_question.search("Когда прошёл семинар?")


def test_every_language_module_defines_the_same_names():
    names = {n for n in vars(LANGUAGES["en"]) if n.isupper() and not n.startswith("_")}
    for code, module in LANGUAGES.items():
        assert {n for n in vars(module) if n.isupper() and not n.startswith("_")} == names, code


def test_a_sentence_states_a_number_or_a_date_in_any_language():
    assert states(QUANTITY, "Семинарға отыз бес адам қатысты.")
    assert states(TIME, "Семинар 2024 жылғы қазанда өтті.")
    assert states(TIME, "Семинар прошёл в октябре.")
    assert not states(QUANTITY, "Семинарда еңбек даулары талқыланды.")


def test_a_question_is_parsed_once_with_its_language():
    question = Question.parse("How many inspectors attended the Pavlodar seminar in 2023?")
    assert (question.language, question.kind) == ("en", QUANTITY)
    assert question.counted == ("inspectors", "attended")
    assert question.years == {"2023"} and "Pavlodar" in question.names
    assert Question.parse("Семинарды кім ашты?").language == "kk"
    assert Question.of(question) is question


def test_months_are_read_in_each_language_with_their_endings():
    from assistant.languages import months_named

    assert months_named("held in October 2024") == {10}
    assert months_named("в октябре 2024 года, до 1 июня") == {10, 6}
    assert months_named("2024 жылғы қазанда") == {10}
    assert months_named("the seminar of May 2024") == {5}
    assert months_named("when may the mayor speak? Как приготовить плов в казане?") == set()


@pytest.mark.parametrize(
    ("new", "old", "code", "declined"),
    [
        ("Павлодарда", "Семейдегі", "kk", "Павлодардағы"),  # a voiced stem, back vowels
        ("Шымкентте", "Семейдегі", "kk", "Шымкенттегі"),  # a voiceless stem, front vowels
        ("Павлодар", "Семейде", "kk", "Павлодарда"),
        ("Павлодарда", "Семей", "kk", "Павлодар"),  # the old name undeclined: the stem
        ("Өскеменде", "Семейден", "kk", "Өскеменнен"),  # after a nasal
        ("Тараз", "Шымкенттің", "kk", "Тараздың"),
        ("Қарағандыда", "Атырауда", "kk", "Қарағандыда"),  # the same case: as typed
        ("Павлодар", "Караганде", "ru", "Павлодаре"),  # a consonant adds the ending
        ("Караганда", "Павлодаре", "ru", "Караганде"),
        ("Костанай", "Семее", "ru", "Костанае"),
        ("Алматы", "Семее", "ru", "Алматы"),  # not declined
        ("Павлодаре", "Караганде", "ru", "Павлодаре"),  # already in the case: as typed
        ("Караганда", "Павлодар", "ru", "Караганда"),  # the old one undeclined: as typed
        ("Pavlodar", "Semey", "en", "Pavlodar"),
    ],
)
def test_a_place_takes_the_case_of_the_place_it_replaces(new, old, code, declined):
    assert in_case_of(new, old, code) == declined
