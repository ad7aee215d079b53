"""Multi-part questions are split into parts that are ranked on their own."""

from __future__ import annotations

import pytest

from assistant.question_parts import question_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Who moderated the oil industry seminar and who directs the Department of Legal "
            "Support?",
            [
                "Who moderated the oil industry seminar?",
                "Who directs the Department of Legal Support?",
            ],
        ),
        (
            "How many seminars were held from January to May, and how many of them were offline?",
            ["How many seminars were held from January to May?", "How many of them were offline?"],
        ),
        (
            "Сколько длится отпуск и как его переносят?",
            ["Сколько длится отпуск?", "Как его переносят?"],
        ),
        # one question: "and" joins words, not questions
        ("How are wages and bonuses set?", ["How are wages and bonuses set?"]),
        ("What do employers and unions sign?", ["What do employers and unions sign?"]),
    ],
)
def test_question_parts(question, parts):
    assert question_parts(question) == parts


def test_each_part_of_a_two_part_question_is_answered(assistant):
    """A two-part question was answered with the moderator's name only."""
    answer = assistant.ask(
        "Who moderated the oil industry seminar and who directs the Department of Legal Support?"
    )
    assert answer.answered
    assert "Lyazzat Eszhanova" in answer.text and "Timur Nugmanov" in answer.text
