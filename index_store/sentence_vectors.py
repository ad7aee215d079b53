"""Vectors of passage sentences, stored beside the chunks when they are ingested.

An extractive answer ranks the sentences of every retrieved passage by their vectors. Embedding
them per question was four fifths of an answer's time at 100,000 chunks; ingestion now embeds
each chunk's sentences once and keeps them here, so a question embeds only itself.

A plain SQLite table, keyed by a hash of the model's signature and the sentence's text: a
sentence is never read with another model's vector, a store ingested before this file existed
still answers (its sentences are embedded when first asked and then kept), and nothing in it
has to be journaled with the chunks: a vector for a sentence that is gone is never looked up.
Vectors are kept as float16 (half the disk; cosines move by under 0.001), and `rounded` gives
freshly embedded ones the same precision, so an answer does not depend on where its vectors
came from. Hand-written because Chroma's collections index every vector for search, which these
do not need, and llama-index's caches hold documents, not sentences.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from pathlib import Path

import numpy as np

from index_store.settings import FedqaSettings

log = logging.getLogger(__name__)

FILE_NAME = "sentence-vectors.sqlite"
_LOOKUP_BATCH = 500  # SQLite's default limit on parameters is 999


def rounded(vectors: np.ndarray) -> np.ndarray:
    """`vectors` at the stored precision."""
    return vectors.astype(np.float16).astype(np.float32)


def signature(settings: FedqaSettings) -> str:
    """The model and the weights' precision: int8 weights move vectors, so they get their own."""
    return f"{settings.model_id}|{'int8' if settings.embed_backend == 'onnx-int8' else 'full'}"


class SentenceVectors:
    """A persistent map from sentence text to its unit vector, for one embedding model."""

    def __init__(self, data_dir: Path, model_signature: str) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self._prefix = model_signature.encode() + b"\0"
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._writable = True

    @classmethod
    def from_settings(cls, settings: FedqaSettings) -> SentenceVectors:
        return cls(settings.data_dir, signature(settings))

    def _key(self, text: str) -> bytes:
        return hashlib.blake2b(self._prefix + text.encode(), digest_size=16).digest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None:
            if not self.path.parent.is_dir():
                return None
            connection = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)"
                " WITHOUT ROWID"
            )
            self._connection = connection
        return self._connection

    def _rows(self, texts: list[str], columns: str) -> dict[str, tuple]:
        """`columns` of the stored rows of `texts`, by text; nothing when unreadable."""
        keys = {self._key(text): text for text in dict.fromkeys(texts)}
        found: dict[str, tuple] = {}
        with self._lock:
            try:
                connection = self._connect()
                if connection is None:
                    return found
                ordered = list(keys)
                for start in range(0, len(ordered), _LOOKUP_BATCH):
                    batch = ordered[start : start + _LOOKUP_BATCH]
                    marks = ",".join("?" * len(batch))
                    rows = connection.execute(
                        f"SELECT key, {columns} FROM vectors WHERE key IN ({marks})", batch
                    )
                    for key, *values in rows:
                        found[keys[key]] = tuple(values)
            except sqlite3.Error as error:  # unreadable: answer by embedding, as before
                log.warning("cannot read stored sentence vectors (%s): %s", self.path, error)
        return found

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those `texts` that have one."""
        return {
            text: np.frombuffer(blob, dtype=np.float16).astype(np.float32)
            for text, (blob,) in self._rows(texts, "vector").items()
        }

    def missing(self, texts: list[str]) -> list[str]:
        """Those of `texts` (once each) that have no stored vector: only keys are read."""
        have = self._rows(texts, "1")
        return [text for text in dict.fromkeys(texts) if text not in have]

    def put(self, texts: list[str], vectors: np.ndarray) -> None:
        """Keep the vectors of `texts`; a read-only data folder keeps nothing, with a warning."""
        if not texts or not self._writable:
            return
        rows = [
            (self._key(text), vector.astype(np.float16).tobytes())
            for text, vector in zip(texts, vectors, strict=True)
        ]
        with self._lock:
            try:
                connection = self._connect()
                if connection is None:
                    return
                with connection:
                    connection.executemany(
                        "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows
                    )
            except sqlite3.Error as error:
                self._writable = False
                log.warning("cannot store sentence vectors (%s): %s", self.path, error)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
