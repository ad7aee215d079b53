"""The optional LLM answerer, through llama-index's OpenAI-compatible client.

One client serves Ollama (its `/v1` endpoint), vLLM, llama.cpp's server and hosted APIs alike.
Its answer is never shown unchecked: `assistant.grounding` keeps only cited sentences.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answer import Passage
from assistant.grounding import NOT_COVERED_REPLY
from index_store.settings import FedqaSettings

SYSTEM_PROMPT = (
    "You answer questions of trade-union activists using only the numbered passages given. "
    "Write a short paragraph. After every sentence that states something, put the number of the "
    "passage it comes from in square brackets, like [1] or [1][3]. Keep numbers, names and dates "
    "exactly as the passages write them. Do not use any knowledge beyond the passages. If the "
    f"passages do not answer the question, reply exactly: {NOT_COVERED_REPLY}"
)


def build_user_prompt(question: str, passages: list[Passage]) -> str:
    blocks = []
    for n, passage in enumerate(passages, start=1):
        date = passage.date or "undated"
        blocks.append(f"[{n}] {passage.title} ({date})\n{passage.text}")
    return "Passages:\n\n" + "\n\n".join(blocks) + f"\n\nQuestion: {question}\nAnswer:"


class LLMAnswerer:
    """A chat model behind an OpenAI-compatible endpoint, with timeouts and retries."""

    def __init__(self, settings: FedqaSettings) -> None:
        from llama_index.llms.openai_like import OpenAILike

        self.llm = OpenAILike(
            model=settings.llm_model,
            api_base=settings.llm_url,
            api_key=settings.llm_api_key or "none",
            is_chat_model=True,
            temperature=0.0,
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
            context_window=8192,
        )

    def _messages(self, question: str, passages: list[Passage]):
        from llama_index.core.llms import ChatMessage

        return [
            ChatMessage(role="system", content=SYSTEM_PROMPT),
            ChatMessage(role="user", content=build_user_prompt(question, passages)),
        ]

    def stream(self, question: str, passages: list[Passage]) -> Iterator[str]:
        """The answer as it is generated: each item is the text so far."""
        for response in self.llm.stream_chat(self._messages(question, passages)):
            yield response.message.content or ""
