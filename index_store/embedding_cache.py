"""Vectors of passage sentences and words, kept between questions.

Answering embeds every candidate sentence of the retrieved passages; that is most of the time of
an extractive answer, and the same passages come back for related questions. A batch call looks
up each text and embeds only the misses, in one model call. Hand-written because
`functools.lru_cache` caches one text per call (each miss would be its own model call, which is
several times slower than one batch), and llama-index's cache belongs to its ingestion pipeline.
Behind the memory sits, for passage sentences, the store's `SentenceVectors`: what ingestion
embedded is read from disk, and what is embedded here is kept there.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from index_store.sentence_vectors import SentenceVectors, rounded


class EmbeddingCache:
    """A thread-safe least-recently-used map from text to its unit vector."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        max_entries: int,
        disk: SentenceVectors | None = None,
    ) -> None:
        self._embed = embed
        self._disk = disk
        self._max = max_entries
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0  # in memory
        self.embedded = 0  # texts sent to the model

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts or (self._max <= 0 and self._disk is None):
            self.embedded += len(texts)
            return self._embed(texts)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                vector = self._vectors.get(text)
                if vector is not None:
                    self._vectors.move_to_end(text)
                    found[text] = vector
            missing = list(dict.fromkeys(t for t in texts if t not in found))
            self.hits += len(texts) - len(missing)
            self.misses += len(missing)
        if missing:
            self._fill(missing, found)
        return np.stack([found[text] for text in texts])

    def _fill(self, missing: list[str], found: dict[str, np.ndarray]) -> None:
        """Vectors of `missing` into `found`: from disk where stored, else embedded (in one
        model call) and stored; then remembered in memory."""
        fresh = missing
        if self._disk is not None:
            found.update(self._disk.get(missing))
            fresh = [text for text in missing if text not in found]
        if fresh:
            self.embedded += len(fresh)
            vectors = self._embed(fresh)
            if self._disk is not None:
                vectors = rounded(vectors)
                self._disk.put(fresh, vectors)
            found.update(zip(fresh, vectors, strict=True))
        if self._max <= 0:
            return
        with self._lock:
            for text in missing:
                self._vectors[text] = found[text]
            while len(self._vectors) > self._max:
                self._vectors.popitem(last=False)
