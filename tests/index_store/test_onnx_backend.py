"""The ONNX Runtime backend gives the same vectors as sentence-transformers (int8: nearly)."""

from __future__ import annotations

import numpy as np
import pytest

from index_store.embedder import Embedder
from index_store.settings import FedqaSettings

TEXTS = [
    "How is a conciliation commission formed?",
    "Overtime may not exceed one hundred and twenty hours a year.",
    "Примирительная комиссия создаётся по решению сторон.",
    "word " * 400,  # longer than the model reads: truncated the same way
]


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx")


@pytest.mark.parametrize(("backend", "closest"), [("onnx", 0.9999), ("onnx-int8", 0.975)])
def test_onnx_vectors_match_the_torch_ones(embedder, onnx_cache, backend, closest):
    model_path = FedqaSettings().resolved_model_path()
    onnx = Embedder(model_path, "cpu", 16, backend, onnx_cache)
    expected = embedder.embed(TEXTS)
    got = onnx.embed(TEXTS)
    assert got.shape == expected.shape and got.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    similarity = (got * expected).sum(axis=1)
    assert similarity.min() >= closest, similarity
    assert onnx.embed([]).shape == (0, expected.shape[1])


def test_the_exported_model_is_cached(onnx_cache):
    model_path = FedqaSettings().resolved_model_path()
    Embedder(model_path, "cpu", 16, "onnx-int8", onnx_cache)
    files = sorted(p.name for p in onnx_cache.rglob("*.onnx"))
    assert files == ["model.int8.onnx", "model.onnx"]
    stamps = [p.stat().st_mtime_ns for p in onnx_cache.rglob("*.onnx")]
    Embedder(model_path, "cpu", 16, "onnx-int8", onnx_cache)
    assert [p.stat().st_mtime_ns for p in onnx_cache.rglob("*.onnx")] == stamps


def test_switching_backend_re_embeds_the_store(tmp_path):
    from ingest.sync import sync_folder
    from tests.conftest import SAMPLE_CORPUS, make_settings

    settings = make_settings(tmp_path / "data")
    first = sync_folder(SAMPLE_CORPUS / "guidance", settings)
    assert sync_folder(SAMPLE_CORPUS / "guidance", settings).chunks == 0
    onnx = settings.model_copy(update={"embed_backend": "onnx-int8"})
    switched = sync_folder(SAMPLE_CORPUS / "guidance", onnx)
    assert switched.updated == first.added and switched.chunks == first.chunks
