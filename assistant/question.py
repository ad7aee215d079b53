"""A question, read once: its language, the kind of fact it asks for, what it counts, its
numbers, names and years, and its parts. Every stage (retrieval, sentence ranking, the gate) reads
these from one `Question` instead of parsing the text again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer_types import (
    asked_unit,
    asks_about_an_event,
    asks_across_documents,
    asks_for_amount,
    asks_for_measure,
    asks_for_share,
    counted_words,
    dates_the_event,
    months_in,
    names_in,
    numbers_in,
    question_type,
    title_nouns_in,
    years_in,
)
from assistant.languages import language_of
from assistant.question_parts import question_parts
from assistant.question_shape import event_places, named_or_unknown


@dataclass(frozen=True)
class Question:
    """What a question asks, parsed from its text by `Question.parse`."""

    text: str
    language: str  # "en", "ru" or "kk"
    kind: str  # the asked type: assistant.answer_types.QUANTITY, TIME, PERSON or OTHER
    counted: tuple[str, ...]  # what "how many" counts ("technical", "labor", "inspectors")
    unit: str | None  # the unit of time "how many" counts ("day" for "how many working days")
    numbers: tuple[str, ...]  # figures as written ("2024", "1,000")
    names: tuple[str, ...]  # capitalized words after the first: places, people, bodies
    titles: tuple[str, ...]  # nouns capitalized by convention ("Address", "Жолдау"): no names
    places: tuple[str, ...]  # where its event was held ("the seminar in Atyrau", "Атырауда")
    months: tuple[str, ...]  # months and days of the week ("January", "Monday")
    years: frozenset[str]
    parts: tuple[str, ...]  # the sub-questions of a multi-part question, or the question
    across_documents: bool  # "compare", "both", "which seminars": several documents answer
    asks_amount: bool  # a budget, fine, cost, increase: the answer is a figure
    asks_measure: bool  # "the longest", "the maximum": the answer is a number of something
    asks_share: bool  # "what share of": the answer is a part of a whole
    about_an_event: bool  # a seminar, a meeting, a conference: its report is dated by it
    dates_the_event: bool  # its year is the event's ("the seminar held in 2024"), not figures'

    @classmethod
    def parse(
        cls,
        text: str,
        is_name: Callable[[str], bool] | None = None,
        is_word: Callable[[str], bool] | None = None,
    ) -> Question:
        """`is_name`: whether the corpus uses a word as a name (see `names_in`); `is_word`:
        whether it uses the word at all (see `event_places`)."""

        def names_something(word: str) -> bool:
            return named_or_unknown(word, is_name, is_word)

        return cls(
            text=text,
            language=language_of(text),
            kind=question_type(text),
            counted=tuple(counted_words(text)),
            unit=asked_unit(text),
            numbers=tuple(numbers_in(text)),
            names=tuple(names_in(text, is_name, is_word)),
            titles=tuple(title_nouns_in(text)),
            places=tuple(event_places(text, is_name, is_word)),
            months=tuple(months_in(text)),
            years=frozenset(years_in(text)),
            parts=tuple(question_parts(text, names_something)),
            across_documents=asks_across_documents(text),
            asks_amount=asks_for_amount(text),
            asks_measure=asks_for_measure(text),
            asks_share=asks_for_share(text),
            about_an_event=asks_about_an_event(text),
            dates_the_event=dates_the_event(text),
        )

    @classmethod
    def of(cls, question: Question | str) -> Question:
        """`question` parsed, unless it already is."""
        return question if isinstance(question, Question) else cls.parse(question)

    def __str__(self) -> str:
        return self.text
