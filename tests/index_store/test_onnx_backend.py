"""The ONNX Runtime backend gives the same vectors as sentence-transformers (int8: nearly), and
the default picks it on a CPU."""

from __future__ import annotations

import os
import subprocess
import sys

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


def test_auto_is_onnx_runtime_on_a_cpu_and_torch_on_a_gpu():
    from index_store.embedder import resolve_backend

    assert resolve_backend("auto", "cpu") == ("onnx", "cpu")
    assert resolve_backend("auto", "cuda") == ("torch", "cuda")
    assert resolve_backend("torch", "cpu") == ("torch", "cpu")
    assert resolve_backend("onnx-int8", "cpu") == ("onnx-int8", "cpu")


def test_the_default_loads_without_torch(tmp_path):
    """ONNX Runtime on a CPU spares each process the 2 s import of torch and transformers."""
    script = (
        "import sys\n"
        "from index_store.embedder import Embedder\n"
        "from index_store.settings import FedqaSettings\n"
        "embedder = Embedder.from_settings(FedqaSettings(device='cpu'))\n"
        "assert embedder.embed(['a question']).shape == (1, 384)\n"
        "print(embedder.backend, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    env = {**os.environ, "FEDQA_ONNX_CACHE_DIR": str(tmp_path / "onnx")}
    env.pop("FEDQA_EMBED_BACKEND", None)
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split()[0] == "onnx"  # the first run exports, which needs torch
    again = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert again.stdout.split() == ["onnx", "False", "False"], again.stderr
    assert "Warning" not in first.stderr + again.stderr  # the exporter's noise is not shown


def test_auto_falls_back_to_torch_when_the_export_cannot_be_written(tmp_path, caplog):
    model_path = FedqaSettings().resolved_model_path()
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    embedder = Embedder(model_path, "cpu", 16, "auto", not_a_folder / "onnx")
    assert embedder.backend == "torch"
    assert "using sentence-transformers" in caplog.text
    assert embedder.embed(["a question"]).shape == (1, 384)
    with pytest.raises(OSError):  # asked for by name, the failure is the user's to see
        Embedder(model_path, "cpu", 16, "onnx", not_a_folder / "onnx")


def test_torch_and_full_precision_onnx_share_a_store(tmp_path):
    """Vectors agree to cosine 0.9999, so moving a store between a GPU and a CPU machine (where
    'auto' picks different backends) re-embeds nothing."""
    from ingest.sync import sync_folder
    from tests.conftest import SAMPLE_CORPUS, make_settings

    settings = make_settings(tmp_path / "data", embed_backend="torch")
    assert sync_folder(SAMPLE_CORPUS / "guidance", settings).chunks > 0
    onnx = settings.model_copy(update={"embed_backend": "onnx"})
    assert sync_folder(SAMPLE_CORPUS / "guidance", onnx).chunks == 0
