"""The scripted LLM that measures the conversation's LLM path (`eval.llm_rewrite`)."""

from __future__ import annotations

from eval.golden import GoldenItem
from eval.llm_rewrite import responder


def _turn(conversation: str, question: str, standalone: str = "") -> GoldenItem:
    kind = "follow_up" if standalone else "opening"
    return GoldenItem(
        f"{conversation}-{question}", question, kind, True, (), (),
        conversation=conversation, standalone=standalone,
    )  # fmt: skip


ITEMS = [
    _turn("a", "How long is annual leave?"),
    _turn("a", "and for miners?", "How long is annual leave for miners?"),
    _turn("b", "How long is a night shift?"),
    _turn("b", "and for miners?", "How long is a night shift for miners?"),
]


def _condense(history: str, follow_up: str) -> str:
    """The text of llama-index's condense-question request."""
    from llama_index.core.chat_engine.condense_question import DEFAULT_PROMPT

    return DEFAULT_PROMPT.format(chat_history=history, question=follow_up)


def test_the_reference_rewrite_is_the_one_of_the_conversation_in_the_history():
    respond = responder(ITEMS, "reference")
    history = "user: How long is a night shift?\nassistant: Eight hours."
    asked = _condense(history, "and for miners?")
    assert respond(asked).text == "How long is a night shift for miners?"
    asked = _condense("user: How long is annual leave?", "and for miners?")
    assert respond(asked).text == "How long is annual leave for miners?"


def test_the_other_llms_and_the_answer_requests():
    asked = _condense("user: How long is annual leave?", "and for miners?")
    assert responder(ITEMS, "unchanged")(asked).text == "and for miners?"
    assert responder(ITEMS, "failing")(asked).status == 500
    assert responder(ITEMS, "reference")("Answer from these passages: ...").text == ""
