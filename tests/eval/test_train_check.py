"""Fitting the learned sentence ranker (`eval.train_check.fit_ranker`)."""

from __future__ import annotations

import numpy as np

from assistant.extractive import SENTENCE_FEATURES
from eval.train_check import Row, fit_ranker


def _row(n: int, sentences: np.ndarray, labels: np.ndarray) -> Row:
    return Row(
        set="synthetic",
        item=f"q{n}",
        corpus="",
        group=f"doc{n}",
        answerable=True,
        drafted=True,
        features=[],
        rule=None,
        facts=0,
        n_facts=1,
        correct_citations=0,
        citation_slots=0,
        sentences=sentences.tolist(),
        sentence_labels=labels.tolist(),
    )


def test_a_ranker_whose_similarity_weight_is_negative_keeps_its_order():
    """Scaling the weights to a similarity weight of 1 once flipped every weight's sign when the
    similarity's came out negative, and the ranker then put the answering sentence last."""
    rng = np.random.default_rng(0)
    rows = []
    for n in range(30):
        x = rng.uniform(0, 1, size=(6, len(SENTENCE_FEATURES)))
        answer = int(rng.integers(6))
        x[:, 0] = 0.9
        x[answer, 0] = 0.2  # the answer is the least similar sentence
        x[:, 1] = 0.0
        x[answer, 1] = 1.0  # and the only one with the question's words
        rows.append(_row(n, x, (np.arange(6) == answer).astype(int)))
    weights = fit_ranker(rows)
    assert weights[0] == -1.0
    for row in rows:
        x = np.asarray(row.sentences)
        assert row.sentence_labels[int(np.argmax(x @ weights))] == 1
