"""Vectors of passage sentences and words, kept between questions.

Answering embeds every candidate sentence of the retrieved passages; that is most of the time of
an extractive answer, and the same passages come back for related questions. A batch call looks
up each text and embeds only the misses, in one model call. Hand-written because
`functools.lru_cache` caches one text per call (each miss would be its own model call, which is
several times slower than one batch), and llama-index's cache belongs to its ingestion pipeline.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np


class EmbeddingCache:
    """A thread-safe least-recently-used map from text to its unit vector."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], max_entries: int) -> None:
        self._embed = embed
        self._max = max_entries
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self._max <= 0 or not texts:
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
            for text, vector in zip(missing, self._embed(missing), strict=True):
                found[text] = vector
            with self._lock:
                for text in missing:
                    self._vectors[text] = found[text]
                while len(self._vectors) > self._max:
                    self._vectors.popitem(last=False)
        return np.stack([found[text] for text in texts])
