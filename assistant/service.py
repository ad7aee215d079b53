"""The assistant: a question in, a cited `Answer` (or an honest "not covered") out.

Loads the store and the model once; the CLI's batch mode, the web chat and the evaluation keep
one `Assistant` for all their questions.
"""

from __future__ import annotations

import time

from assistant.answer import Answer
from assistant.extractive import compose
from assistant.retrieval import DenseRetriever, Filters, KeywordRetriever
from index_store.errors import NotIngestedError, QuestionError
from index_store.settings import FedqaSettings

NOT_COVERED = (
    "The materials do not cover this question. The closest passages are listed below; "
    "they are not an answer."
)
CLOSEST_SHOWN = 3


class Assistant:
    """Answers questions from the store configured by `settings`."""

    def __init__(self, settings: FedqaSettings) -> None:
        from index_store.embedder import Embedder
        from index_store.store import Store, StoreError

        self.settings = settings
        try:
            self.store = Store(settings, create=False)
        except StoreError as exc:
            raise NotIngestedError(str(exc)) from None
        self.embedder = Embedder(
            settings.resolved_model_path(), settings.device, settings.embed_batch_size
        )
        self.retriever = DenseRetriever(self.store, self.embedder)
        self._keyword_retriever: KeywordRetriever | None = None

    def retrievers(self) -> dict[str, DenseRetriever | KeywordRetriever]:
        """Every retriever by name, for comparing them; "configured" is the one `ask` uses."""
        if self._keyword_retriever is None:
            from index_store.keyword_index import KeywordIndex

            self._keyword_retriever = KeywordRetriever(KeywordIndex(self.store))
        return {
            "dense": DenseRetriever(self.store, self.embedder),
            "bm25": self._keyword_retriever,
            "configured": self.retriever,
        }

    def check_question(self, question: str | None) -> str:
        """The question, trimmed; a QuestionError with a polite message when it is unusable."""
        text = " ".join((question or "").split())
        if not text:
            raise QuestionError("Please type a question.")
        if len(text) > self.settings.max_question_chars:
            raise QuestionError(
                f"The question is {len(text):,} characters long; please keep it under "
                f"{self.settings.max_question_chars:,} characters."
            )
        return text

    def ask(self, question: str | None, filters: Filters | None = None) -> Answer:
        started = time.perf_counter()
        text = self.check_question(question)
        if self.store.count() == 0:
            raise NotIngestedError("Nothing has been ingested yet. Run `fedqa ingest PATH` first.")
        question_vector = self.embedder.embed_one(text)
        passages = self.retriever.retrieve(
            text, self.settings.top_k, filters, vector=question_vector
        )
        top_score = passages[0].score if passages else None
        relevant = [p for p in passages if p.score >= self.settings.relevance_threshold]
        if relevant:
            body, citations = compose(text, question_vector, relevant, self.embedder)
            if citations:
                return Answer(
                    text,
                    True,
                    body,
                    citations,
                    seconds=time.perf_counter() - started,
                    top_score=top_score,
                )
        return Answer(
            text,
            False,
            NOT_COVERED,
            closest=tuple(passages[:CLOSEST_SHOWN]),
            seconds=time.perf_counter() - started,
            top_score=top_score,
        )
