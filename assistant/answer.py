"""What the assistant returns: an answer, its numbered citations and the passages behind them.

`Answer.as_json()` is the `ask --json` contract (docs/architecture.md): fields may be added, never
renamed or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index_store.sentences import Block, blocks


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with the metadata a reader needs to judge and find it."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    date: str | None
    doc_type: str
    language: str
    position: int
    text: str
    score: float

    @classmethod
    def from_hit(cls, hit: Any) -> Passage:
        meta = hit.metadata
        return cls(
            chunk_id=hit.chunk_id,
            doc_id=str(meta.get("doc_id", "")),
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            date=str(meta["date"]) if meta.get("date") else None,
            doc_type=str(meta.get("doc_type", "other")),
            language=str(meta.get("language", "")),
            position=int(meta.get("position", 0)),
            text=hit.text,
            score=float(hit.score),
        )

    @property
    def language_code(self) -> str:
        """The language's two-letter code ("en" for a front matter's "en-GB"), as a question's
        language is given; empty when unknown."""
        return self.language[:2]

    def blocks(self) -> list[Block]:
        """Its headings, list items and paragraphs, as a reader sees them (none ends it on a
        heading)."""
        return blocks(self.text)

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "doc_type": self.doc_type,
            "passage": self.text,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Citation:
    """`[n]` in the answer text points to `passage`; `quotes` are the sentences taken from it."""

    n: int
    passage: Passage
    quotes: tuple[str, ...] = ()
    # Those of `quotes` given as context: the answering document's next best sentences, quoted
    # after the ones the evidence gate judged.
    context: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            **self.passage.as_json(),
            "quotes": list(self.quotes),
            "context": list(self.context),
        }


@dataclass(frozen=True)
class Answer:
    """The assistant's reply. When `answered` is False, `closest` holds passages, not citations."""

    question: str
    answered: bool
    text: str
    citations: tuple[Citation, ...] = ()
    closest: tuple[Passage, ...] = ()
    seconds: float = 0.0
    notice: str | None = None
    top_score: float | None = None
    answerer: str = "extractive"
    # Why it was refused: a check's id, "relevance" (no passage near the question) or None.
    refused_by: str | None = None
    # In a conversation: the question as answered, made standalone from the earlier turns.
    standalone: str | None = None
    # In a conversation: answered from the previous answer's documents, though not rewritten
    # (`assistant.conversation.PreviousDocuments`).
    kept_to_conversation: bool = False
    # The learned answer check's probability that the evidence answers (None: not judged), and
    # whether it is low enough that the answer is given with a caution (in `notice`).
    confidence: float | None = None
    cautious: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "text": self.text,
            "citations": [c.as_json() for c in self.citations],
            "closest": [p.as_json() for p in self.closest],
            "seconds": round(self.seconds, 4),
            "notice": self.notice,
            "answerer": self.answerer,
            "top_score": None if self.top_score is None else round(self.top_score, 4),
            "refused_by": self.refused_by,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "cautious": self.cautious,
            "kept_to_conversation": self.kept_to_conversation,
        } | ({} if self.standalone is None else {"standalone": self.standalone})
