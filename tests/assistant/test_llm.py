"""The LLM path against a scripted OpenAI-compatible server: our checks, retries and fallbacks."""

from __future__ import annotations

import pytest

from assistant.answer import Answer
from assistant.conversation import Conversation, RuleRewriter, Turn
from eval.scripted_llm import Reply, ScriptedLLMServer, prompt_of

QUESTION = "How many hours of overtime are allowed in a year?"


@pytest.fixture(scope="module")
def llm_setup(ingested):
    from assistant.service import Assistant

    with ScriptedLLMServer() as (url, script):
        settings = ingested.model_copy(
            update={"llm_url": url, "llm_timeout": 1.0, "llm_retries": 1}
        )
        yield Assistant(settings), script


def ask_with(llm_setup, *replies: Reply, question: str = QUESTION) -> Answer:
    assistant, script = llm_setup
    script.replies[:] = list(replies)
    script.requests.clear()
    return assistant.ask(question)


def test_good_citations_are_kept_and_renumbered(llm_setup):
    answer = ask_with(
        llm_setup,
        Reply("Overtime may not exceed 120 hours a year [2]. It needs the worker's consent [2]."),
    )
    assert answer.answered and answer.answerer == "llm" and answer.notice is None
    assert answer.text == (
        "Overtime may not exceed 120 hours a year. [1] It needs the worker's consent. [1]"
    )
    assert [c.n for c in answer.citations] == [1]
    _, script = llm_setup
    prompt = script.requests[0]["messages"][-1]["content"]
    assert "[2]" in prompt and QUESTION in prompt
    assert answer.citations[0].passage.text in prompt


def test_citation_to_a_missing_passage_is_removed(llm_setup):
    answer = ask_with(
        llm_setup,
        Reply("Overtime is limited to 120 hours a year [1][9]. Night work pays triple [9]."),
    )
    assert answer.answered and answer.answerer == "llm"
    assert "[9]" not in answer.text and "triple" not in answer.text
    assert "120 hours a year" in answer.text
    assert "1 sentence(s) without a valid source were removed" in answer.notice
    assert "2 citation(s) to no passage were removed" in answer.notice


def test_uncited_sentence_is_dropped(llm_setup):
    answer = ask_with(
        llm_setup,
        Reply("Overtime is limited to 120 hours a year [1]. Everyone loves overtime."),
    )
    assert "loves" not in answer.text and answer.notice.startswith("1 sentence(s)")


def test_answer_with_no_supported_sentence_falls_back_to_extractive(llm_setup):
    answer = ask_with(llm_setup, Reply("Overtime is fine. Work as much as you like [7]."))
    assert answer.answered and answer.answerer == "extractive"
    assert "one hundred and twenty hours a year" in answer.text
    assert "cited no passage" in answer.notice


def test_timeout_is_retried_then_falls_back(llm_setup):
    answer = ask_with(llm_setup, Reply("too late [1].", delay=2.5))
    assert answer.answered and answer.answerer == "extractive"
    assert "did not answer" in answer.notice
    _, script = llm_setup
    assert len(script.requests) == 2  # the first try and one retry (llm_retries=1)


def test_server_error_falls_back(llm_setup):
    answer = ask_with(llm_setup, Reply(status=500))
    assert answer.answered and answer.answerer == "extractive" and "did not answer" in answer.notice


def test_model_refusal_is_a_refusal(llm_setup):
    answer = ask_with(llm_setup, Reply("NOT COVERED"))
    assert not answer.answered and answer.citations == () and answer.closest


def test_gate_refuses_before_calling_the_model(llm_setup):
    answer = ask_with(llm_setup, Reply("Borscht needs beets [1]."), question="Recipe for borscht?")
    assert not answer.answered
    _, script = llm_setup
    assert script.requests == []


def test_stream_yields_growing_text_then_the_checked_answer(llm_setup):
    assistant, script = llm_setup
    script.replies[:] = [Reply("Overtime is limited to 120 hours a year [1].")]
    steps = list(assistant.ask_stream(QUESTION))
    partial = [s for s in steps if isinstance(s, str)]
    assert len(partial) >= 3 and partial[-1].startswith("Overtime is limited")
    assert all(len(a) <= len(b) for a, b in zip(partial, partial[1:], strict=False))
    assert isinstance(steps[-1], Answer) and steps[-1].answerer == "llm"


# llama-index's condense-question prompt, which the LLM rewriter sends for a follow-up
CONDENSE = "rewrite the message to be a standalone question"
FOLLOW_UP = "and how is it paid?"


def _talk(llm_setup, rewrite: Reply) -> tuple[Answer, Answer, list[str]]:
    """A two-turn conversation; the server rewrites with `rewrite` and answers with nothing it
    can ground (so the extractive answer stands). Returns both answers and the rewrite prompts."""
    assistant, script = llm_setup
    script.requests.clear()
    script.respond = lambda prompt: rewrite if CONDENSE in prompt else Reply("")
    try:
        talk = Conversation()
        first = assistant.ask(QUESTION, conversation=talk)
        follow = assistant.ask(FOLLOW_UP, conversation=talk)
    finally:
        script.respond = None
    prompts = [prompt_of(r) for r in script.requests]
    return first, follow, [p for p in prompts if CONDENSE in p]


def test_a_follow_up_is_made_standalone_by_the_llm(llm_setup):
    first, follow, rewrites = _talk(llm_setup, Reply("How is overtime work paid?"))
    assert len(rewrites) == 1  # the opening question needs no rewrite
    assert QUESTION in rewrites[0] and FOLLOW_UP in rewrites[0]
    assert first.text.split("[")[0] in rewrites[0]  # the earlier answer is the history too
    assert follow.standalone == "How is overtime work paid?"
    assert follow.answered and "one and a half" in follow.text


@pytest.mark.parametrize("broken", [Reply(status=500), Reply(""), Reply("overtime " * 200)])
def test_a_failed_llm_rewrite_falls_back_to_the_rules(llm_setup, broken):
    assistant, _script = llm_setup
    first, follow, rewrites = _talk(llm_setup, broken)
    assert rewrites
    rules = assistant.rewriter.fallback
    assert isinstance(rules, RuleRewriter)
    assert follow.standalone == rules.standalone(FOLLOW_UP, [Turn(QUESTION, QUESTION, first)])
    # the pronoun takes the likeliest subject; the previous question's next one stays beside it
    # after a dash, for retrieval to read (since 4d95a47)
    assert follow.standalone.startswith("How is overtime paid")


def test_both_models_answer_through_one_llm_client(llm_setup):
    # Failed while the multilingual assistant built a second client from the same settings.
    assistant, script = llm_setup
    assert assistant.llm is not None and assistant.multilingual.llm is assistant.llm


RUSSIAN = "Сколько часов сверхурочной работы допускается в год?"


@pytest.mark.parametrize(
    ("reply", "notice"),
    [
        (
            Reply("Не более 120 часов в год [1][9]. Ночная работа оплачивается втройне [9]."),
            "Удалено предложений без действительного источника: 1",
        ),
        (Reply(status=500), "Языковая модель не ответила"),
    ],
)
def test_the_notice_speaks_the_question_language(llm_setup, reply, notice):
    answer = ask_with(llm_setup, reply, question=RUSSIAN)
    assert answer.answered and answer.notice.startswith(notice)
