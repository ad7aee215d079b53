"""The learned answer check: how likely the quoted evidence answers the question at all, from a
logistic regression over general features (`assistant.answer_features`).

As a refusal it cost more answerable questions than it saved unanswerable ones on the blind set,
so it cautions instead: an answer the rules pass is given with a caution under its threshold.
The weights ship in `assistant/models/caution-<model>.json` (the scores differ by embedding
model), rebuilt deterministically by `python -m eval.train_check`, with the sets they were
trained on. The learned sentence ranker's weights ship beside them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer_features import FEATURES, answer_features
from assistant.gate import Evidence, Lexicon

MODELS_DIR = Path(__file__).resolve().parent / "models"


def model_file(kind: str, model_id: str) -> Path:
    """The weights of one learned decision for one embedding model (its scores differ)."""
    safe = re.sub(r"[^\w.-]+", "_", model_id)
    return MODELS_DIR / f"{kind}-{safe}.json"


def caution_weights_path(model_id: str) -> Path:
    return model_file("caution", model_id)


def ranker_weights_path(model_id: str) -> Path:
    return model_file("sentence_ranker", model_id)


def load_ranker_weights(model_id: str) -> np.ndarray:
    """The learned sentence ranker's weights, in the order of SENTENCE_FEATURES."""
    from assistant.extractive import SENTENCE_FEATURES

    path = ranker_weights_path(model_id)
    if not path.exists():
        raise FileNotFoundError(
            f"No learned sentence ranker for the model {model_id!r} ({path.name} is missing). "
            "Train one with `python -m eval.train_check`, or set FEDQA_SENTENCE_RANKER=hand."
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != SENTENCE_FEATURES:
        raise ValueError(
            f"{path} was trained on other features; rebuild it with "
            "`python -m eval.train_check --ranker-only`"
        )
    return np.asarray(data["weights"], dtype=np.float64)


@dataclass(frozen=True)
class CheckWeights:
    """A fitted logistic regression on standardized features, and where it cautions."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    # Under this probability a passed answer is given with a caution (`Gate.confidence`);
    # None: never (a regression fitted but not yet given its caution, `eval.train_check`).
    caution_below: float | None = None
    # Features held at their neutral value, neither computed nor weighed (the caution's model
    # leaves out those too slow to compute for every answer: `answer_features`).
    skipped: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The fields `read` takes back; the caution's only where set."""
        return {
            "features": list(self.features),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6),
        } | (
            {"caution_below": self.caution_below, "skipped": list(self.skipped)}
            if self.caution_below is not None
            else {}
        )

    def probability(self, x: np.ndarray) -> float:
        z = float(((x - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def read(cls, path: Path) -> CheckWeights:
        """The weights in `path`, which must have been trained on today's FEATURES."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(
                f"{path} was trained on other features; rebuild it: python -m eval.train_check"
            )
        return cls(
            features=tuple(data["features"]),
            mean=np.asarray(data["mean"]),
            scale=np.asarray(data["scale"]),
            coef=np.asarray(data["coef"]),
            intercept=float(data["intercept"]),
            caution_below=data.get("caution_below"),
            skipped=tuple(data.get("skipped", ())),
        )


class LearnedCheck:
    """The learned probability that the evidence answers, which cautions a passed answer."""

    def __init__(self, weights: CheckWeights) -> None:
        self.weights = weights

    @classmethod
    def for_caution(cls, model_id: str) -> LearnedCheck | None:
        """The check whose probability cautions a passed answer, when one was trained for the
        model (`python -m eval.train_check`); None otherwise (answers come without one)."""
        path = caution_weights_path(model_id)
        if not path.exists():
            return None
        check = cls(CheckWeights.read(path))
        return check if check.weights.caution_below is not None else None

    def probability(self, evidence: Evidence, lexicon: Lexicon) -> float:
        """Its model was fitted on answers every rule passed, so the rules' findings weigh
        nothing in it: none are computed."""
        features = answer_features(evidence, lexicon, {}, skip=self.weights.skipped)
        return self.weights.probability(features)
