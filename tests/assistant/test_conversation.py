# ruff: noqa: E501  (a table of conversations reads best one per line)
"""Follow-up questions made standalone from the earlier turns, without an LLM."""

from __future__ import annotations

import pytest

from assistant.answer import Answer, Citation, Passage
from assistant.conversation import (
    Conversation,
    PreviousDocuments,
    RuleRewriter,
    Turn,
    focus,
    subjects,
)
from assistant.service import Assistant


def _earlier(*questions: str) -> list[Turn]:
    return [Turn(q, q, Answer(q, True, "")) for q in questions]


@pytest.mark.parametrize(
    ("previous", "question", "standalone"),
    [
        # a pronoun takes the previous question's subject
        ("What is the minimum wage?", "and when was it raised?", "When was the minimum wage raised?"),
        ("How is a grievance committee formed?", "who sits on it?", "who sits on a grievance committee?"),
        ("When was the Pavlodar seminar held?", "how many people were there", "how many people were at the Pavlodar seminar"),
        # ... and the subject it did not take stays beside it: a pronoun may point at either
        ("What did the 2022 address say about retraining?", "who pays for it?", "who pays for the 2022 address — retraining?"),
        # an entity switched: the same head noun, a name, a year, a Russian or Kazakh place
        ("How many delegates came to the Pavlodar seminar?", "what about the Semey seminar?", "How many delegates came to the Semey seminar?"),
        ("How many delegates came to the Pavlodar seminar?", "what about semey?", "How many delegates came to the Semey seminar?"),
        ("How many days of study leave can I take?", "what about unpaid leave?", "How many days of unpaid leave can I take?"),
        ("What did the 2021 congress decide on pensions?", "and in 2019?", "What did the 2019 congress decide on pensions?"),
        ("Сколько делегатов было на съезде в Павлодаре?", "а в Семее?", "Сколько делегатов было на съезде в Семее?"),
        # ... a Russian place named alone takes the prepositional (it once gave "в Караганда")
        ("Сколько делегатов было на съезде в Павлодаре?", "а Караганда?", "Сколько делегатов было на съезде в Караганде?"),
        ("Кто открыл семинар в Таразе?", "а что насчёт Костанай?", "Кто открыл семинар в Костанае?"),
        ("Павлодарда жиналысты кім ашты?", "Семейде ше?", "Семейде жиналысты кім ашты?"),
        # ... in the case of the place it replaces (it once gave "Павлодарда семинарды")
        ("Семейдегі семинарды кім ашты?", "Павлодарда ше?", "Павлодардағы семинарды кім ашты?"),
        ("Семей семинарында кім сөйледі?", "ал Шымкентте ше?", "Шымкент семинарында кім сөйледі?"),
        # a qualifier added to the previous question
        ("How long is a night shift?", "and for miners?", "How long is a night shift for miners?"),
        # ... with a number, it is no name: it once gave "How long is a shift in Year Olds?"
        ("How long is a shift in Aktau?", "and for 16 to 18 year olds", "How long is a shift for 16 to 18 year olds?"),
        # an inflected Russian question word makes it a question, not a phrase to swap in
        # (it once gave "... по Какого Числа 2022 года?")
        ("На сколько выросли пособия по Посланию 2022 года?", "а с какого числа?", "С какого числа — Посланию 2022 года, выросли пособия?"),
        # no subject of its own: the named subject and the topic, which it once lost ("From
        # when — the 2022 address?")
        ("When was the Pavlodar seminar held?", "How many delegates?", "How many delegates — the Pavlodar seminar?"),
        ("What did the 2022 address say about pensions?", "and from when?", "From when — the 2022 address, pensions?"),
        # a year in its case: the year's own word is no new subject
        ("2022 жылдың бірінші тоқсанында қанша шағым түсті?", "2023 жылы ше?", "2023 жылдың бірінші тоқсанында қанша шағым түсті?"),
        # a question that names its own place: the pronoun is the topic, and a determiner
        # ("этот срок") is replaced with its noun
        ("Что говорили в Семее про срок уведомления?", "а в Павлодаре что про этот срок говорили", "В Павлодаре что про срок уведомления говорили"),
    ],
)  # fmt: skip
def test_a_follow_up_is_made_standalone(previous, question, standalone):
    assert RuleRewriter().standalone(question, _earlier(previous)) == standalone


@pytest.mark.parametrize("pointing", ["об этом", "в этой", "этих", "этому"])
def test_a_russian_demonstrative_in_any_case_points_back(pointing):
    # only the nominative ("этот", "это") was read as pointing back: "кто об этом рассказывал"
    # was answered alone, as a new question
    earlier = _earlier("Сколько представлений выдали профсоюзные техинспекторы за 2022 год?")
    question = f"кто рассказывал {pointing} на семинаре"
    standalone = RuleRewriter().standalone(question, earlier)
    assert pointing.split()[-1] not in standalone.split()
    assert "техинспекторы" in standalone


@pytest.mark.parametrize(
    "question",
    [
        "How is a conciliation commission formed?",
        "And what does the law say about probation periods?",
        "Also, who chairs the youth council in Almaty?",
        "Какой срок испытания при приёме на работу?",
        # a question word that asks, in the chat's spelling or Kazakh's "қай": no phrase to swap
        "Ал түнгі ауысым қай сағатта басталады",
        "А ночные скока стоят",
        "also whats the rule for remote workers",
    ],
)
def test_a_question_with_a_subject_of_its_own_starts_afresh(question):
    earlier = _earlier("How many days of study leave can I take?")
    assert RuleRewriter().standalone(question, earlier) == question


def _closer_when_joined(question: str) -> float:
    """A question the materials do not answer comes closer to them with any earlier subject."""
    return 0.8 if " — " in question else 0.3


@pytest.mark.parametrize(
    "question",
    [
        "also whats the notice period for seasonal workers",
        "Ал түнгі жұмыс үшін жұмыс беруші қанша қосымша ақы төлейді",
    ],
)
def test_a_question_with_several_words_of_its_own_does_not_lean_however_close_the_join(question):
    earlier = _earlier("How many days of study leave can I take?")
    assert RuleRewriter(_closer_when_joined).standalone(question, earlier) == question


def test_a_question_of_few_words_leans_where_the_join_comes_closer():
    earlier = _earlier("Who ran the leadership school in Almaty?")
    joined = RuleRewriter(_closer_when_joined).standalone("which project won?", earlier)
    assert joined.startswith("Which project won — ") and "leadership school" in joined


def test_the_first_question_is_left_as_it_is():
    assert RuleRewriter().standalone("who opened it?", []) == "who opened it?"


def test_the_focus_is_the_named_phrase_without_a_trailing_participle():
    assert focus("How many delegates came to the Pavlodar seminar?") == "the Pavlodar seminar"
    assert focus("How is a grievance committee formed?") == "a grievance committee"


def test_subjects_do_not_run_across_a_dash_and_a_capital_opening_the_sentence_is_no_name():
    assert subjects("Which project won — Almaty, the leadership school?") == [
        "Almaty",
        "the leadership school",
        "project",
    ]
    assert subjects("Bargaining deadlines in the Semey seminar") == [
        "the Semey seminar",
        "Bargaining deadlines",
    ]


def test_an_assistant_answers_follow_ups_and_keeps_the_turns(assistant):
    talk = Conversation()
    first = assistant.ask("How long is basic annual paid leave?", conversation=talk)
    follow = assistant.ask("and for heavy work?", conversation=talk)
    assert first.standalone == "How long is basic annual paid leave?"
    assert follow.question == "and for heavy work?"
    assert follow.standalone == "How long is basic annual paid leave for heavy work?"
    assert follow.as_json()["standalone"] == follow.standalone
    assert [t.asked for t in talk.turns] == [
        "How long is basic annual paid leave?",
        "and for heavy work?",
    ]
    assert "standalone" not in assistant.ask("How long is basic annual paid leave?").as_json()


def test_a_follow_up_with_a_subject_of_its_own_keeps_to_the_previous_answers_document(
    assistant, ingested
):
    """Asked after a Kazakh question the Kazakh overtime note answered, a question on the
    working week of its own went to the English guide on the same subject."""
    leaving = Assistant(ingested.model_copy(update={"disabled_checks": "previous-documents"}))
    turns = [
        "Үстеме жұмыс айына неше сағаттан аспайды?",
        "жасөспірімдердің жұмыс аптасы қанша сағат",
    ]
    cited, talks = {}, {}
    for name, answering in (("kept", assistant), ("left", leaving)):
        talk = talks[name] = Conversation()
        answers = [answering.ask(turn, conversation=talk) for turn in turns]
        assert all(a.answered for a in answers)
        assert answers[1].standalone == turns[1]  # not rewritten: a subject of its own
        cited[name] = [{c.passage.doc_id for c in a.citations} for a in answers]
        assert answers[1].as_json()["kept_to_conversation"] is (name == "kept")
        said = "Жауап алдыңғы жауаптың құжаттарынан берілді."
        assert (said in (answers[1].notice or "")) is (name == "kept")
    note = "guidance/zhumys-uakyty-zhane-usteme-zhumys.md"
    assert cited["kept"] == [{note}, {note}]
    assert cited["left"][1] != {note}  # what the stage is for
    new_topic = assistant.ask(
        "How many people took part in the Atyrau seminar?", conversation=talks["kept"]
    )
    assert not new_topic.kept_to_conversation
    assert {c.passage.doc_id for c in new_topic.citations} == {
        "seminars/2024-11-20-seminar-oil-gas-conciliation-atyrau.md"
    }


def _drafts(**by_documents):
    """A `Drafted` that answers from a table: the documents filtered to (or None) -> draft."""

    def drafted(question, filters):
        return by_documents["within" if filters and filters.documents is not None else "fresh"]

    return drafted


def _answered_from(doc_id: str) -> list[Turn]:
    passage = Passage("c1", doc_id, doc_id, "title", None, "guidance", "English", 0, "text", 0.5)
    answer = Answer("q", True, "text", (Citation(1, passage, ("text",)),))
    return [Turn("q", "q", answer)]


@pytest.mark.parametrize(
    ("fresh", "within", "kept"),
    [
        ((0.60, frozenset({"b"})), (0.60, frozenset({"a"})), True),  # as well: stays
        ((0.60, frozenset({"b"})), (0.55, frozenset({"a"})), False),  # better elsewhere
        ((0.60, frozenset({"b"})), None, False),  # its documents do not answer it
        (None, (0.60, frozenset({"a"})), False),  # a refusal stays a refusal
        ((0.60, frozenset({"a", "b"})), (0.70, frozenset({"a"})), False),  # already there
    ],
)
def test_previous_documents_are_kept_only_when_they_answer_as_well(fresh, within, kept):
    stage = PreviousDocuments(_drafts(fresh=fresh, within=within))
    filters = stage.filters("q", None, _answered_from("a"))
    assert (filters is not None and filters.documents == frozenset({"a"})) is kept
    assert stage.filters("q", None, []) is None  # no earlier turn
