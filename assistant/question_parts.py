"""Multi-part questions: "Who moderated the seminar and who directs the legal department?"

One ranking of sentences against the whole question favours whichever half the embedding weighs
more, and the other fact is lost (a two-part question was answered with one name of two). Each part
is ranked on its own instead. A part that leans on the first ("and how many of them were
settled?") keeps the whole question's meaning through the vector it is ranked with.

One question asked of two names ("How many took part in the seminars in Shymkent and in
Petropavl?") is two parts too, one per name: each name's report holds its own answer, and one
ranking against both names quoted one report and the gate refused for the other name.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.languages import for_text


def question_parts(question: str, is_name: Callable[[str], bool] | None = None) -> list[str]:
    """The sub-questions, each ending in "?"; a one-part question is returned as it is.
    `is_name`: whether a word names something for the corpus (see `one_per_name`); without
    it, two names are one part."""
    pieces = [p.strip(" ,?") for p in for_text(question).part_start.split(question)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return one_per_name(question, is_name) or [question]
    return [p[0].upper() + p[1:] + "?" for p in pieces]


def one_per_name(question: str, is_name: Callable[[str], bool] | None) -> list[str]:
    """The question once per name of a pair it is asked of, where `is_name` holds for both:
    "... in Shymkent and in Petropavl?" is "... in Shymkent?" and "... in Petropavl?"."""
    if is_name is None:
        return []
    match = for_text(question).name_pair.search(question)
    if match is None:
        return []
    names = [group for group in match.groups() if group]
    if len(names) != 2 or not all(is_name(name) for name in names):
        return []
    before, after = question[: match.start()], question[match.end() :]
    return [f"{before}{name}{after}" for name in names]
