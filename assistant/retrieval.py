"""Find the passages most related to a question (dense retrieval over Chroma for now)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.answer import Passage


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to a document type, a language or a date range (ISO dates)."""

    doc_type: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.doc_type:
            clauses.append({"doc_type": self.doc_type})
        if self.language:
            clauses.append({"language": self.language})
        if len(clauses) > 1:
            return {"$and": clauses}
        return clauses[0] if clauses else None

    def accepts(self, passage: Passage) -> bool:
        """Date bounds are checked here: Chroma compares only numbers with $gte/$lte."""
        if self.since and (not passage.date or passage.date < self.since):
            return False
        return not (self.until and (not passage.date or passage.date > self.until))


class DenseRetriever:
    """Embeds the question and asks Chroma for the nearest chunks."""

    def __init__(self, store: Any, embedder: Any) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(
        self, question: str, k: int, filters: Filters | None = None, vector=None
    ) -> list[Passage]:
        """The k best passages; pass `vector` when the caller has already embedded the question."""
        filters = filters or Filters()
        if vector is None:
            vector = self.embedder.embed_one(question)
        wanted = k * 4 if (filters.since or filters.until) else k
        hits = self.store.search(vector, wanted, where=filters.chroma_where())
        passages = [Passage.from_hit(hit) for hit in hits]
        return [p for p in passages if filters.accepts(p)][:k]
