"""Multi-part questions: "Who moderated the seminar and who directs the legal department?"

One ranking of sentences against the whole question favours whichever half the embedding weighs
more, and the other fact is lost (a two-part question was answered with one name of two). Each part
is ranked on its own instead. A part that leans on the first ("and how many of them were
settled?") keeps the whole question's meaning through the vector it is ranked with.
"""

from __future__ import annotations

from assistant.languages import for_text


def question_parts(question: str) -> list[str]:
    """The sub-questions, each ending in "?"; a one-part question is returned as it is."""
    pieces = [p.strip(" ,?") for p in for_text(question).part_start.split(question)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return [question]
    return [p[0].upper() + p[1:] + "?" for p in pieces]
