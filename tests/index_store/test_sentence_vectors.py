"""Sentence vectors kept on disk: what ingestion embedded is read back, never another model's."""

from __future__ import annotations

import logging

import numpy as np

from index_store.embedding_cache import EmbeddingCache
from index_store.sentence_vectors import FILE_NAME, SentenceVectors, rounded
from tests.index_store.test_embedding_cache import CountingModel

TEXTS = ["Overtime is paid double.", "Leave lasts 24 days."]


def test_stored_vectors_come_back_at_float16_precision_for_the_same_model_only(tmp_path, embedder):
    vectors = embedder.embed(TEXTS)
    SentenceVectors(tmp_path, "model-a").put(TEXTS, vectors)
    reopened = SentenceVectors(tmp_path, "model-a")  # another process
    got = reopened.get([*TEXTS, "Never stored."])
    assert list(got) == TEXTS
    np.testing.assert_array_equal(np.stack([got[t] for t in TEXTS]), rounded(vectors))
    assert float(np.max(np.abs(rounded(vectors) - vectors))) < 1e-3
    assert reopened.missing(["Never stored.", TEXTS[0]]) == ["Never stored."]
    assert SentenceVectors(tmp_path, "model-b").get(TEXTS) == {}


def test_the_cache_reads_stored_vectors_and_stores_what_it_embeds(tmp_path, embedder):
    SentenceVectors(tmp_path, "m").put(TEXTS[:1], embedder.embed(TEXTS[:1]))
    model = CountingModel(embedder)
    cache = EmbeddingCache(model, max_entries=100, disk=SentenceVectors(tmp_path, "m"))
    first = cache(TEXTS)
    assert model.calls == [TEXTS[1:]]  # the stored one is not embedded again
    later = CountingModel(embedder)  # a new process, memory empty
    again = EmbeddingCache(later, max_entries=0, disk=SentenceVectors(tmp_path, "m"))(TEXTS)
    assert later.calls == []
    np.testing.assert_array_equal(first, again)  # same vectors wherever they came from


def test_an_unusable_vector_file_still_answers_with_a_warning(tmp_path, embedder, caplog):
    (tmp_path / FILE_NAME).mkdir()  # what SQLite cannot open, even for root
    cache = EmbeddingCache(embedder.embed, 10, disk=SentenceVectors(tmp_path, "m"))
    with caplog.at_level(logging.WARNING):
        vectors = cache(TEXTS)
    np.testing.assert_allclose(vectors, embedder.embed(TEXTS), atol=1e-3)
    assert "sentence vectors" in caplog.text
