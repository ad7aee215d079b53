"""The sentence-vector cache returns exactly what the model would, embedding each text once."""

from __future__ import annotations

import numpy as np

from index_store.embedding_cache import EmbeddingCache


class CountingModel:
    """Stands in for nothing we ship: it records which texts the cache asked to embed."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.embedder.embed(texts)


def test_cached_vectors_equal_fresh_ones_and_misses_are_batched(embedder):
    model = CountingModel(embedder)
    cache = EmbeddingCache(model, max_entries=3)
    texts = ["Overtime is paid double.", "Leave lasts 24 days.", "Overtime is paid double."]
    first = cache(texts)
    assert model.calls == [["Overtime is paid double.", "Leave lasts 24 days."]]
    np.testing.assert_allclose(first, embedder.embed(texts), atol=1e-6)
    again = cache(["Leave lasts 24 days.", "Strikes need a vote."])
    assert model.calls[-1] == ["Strikes need a vote."]
    np.testing.assert_allclose(again[0], first[1])
    cache(["A fourth sentence."])  # evicts the least recently used: "Overtime ..."
    cache(["Overtime is paid double."])
    assert model.calls[-1] == ["Overtime is paid double."]
    assert cache(["Leave lasts 24 days."]).shape == (1, embedder.dimension)


def test_size_zero_disables_the_cache(embedder):
    model = CountingModel(embedder)
    cache = EmbeddingCache(model, max_entries=0)
    cache(["Same text."])
    cache(["Same text."])
    assert len(model.calls) == 2
