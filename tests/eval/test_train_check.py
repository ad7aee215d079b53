"""The learned sentence ranker and the learned check's cross-validation (`eval.train_check`)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer_features import FEATURES
from assistant.extractive import SENTENCE_FEATURES
from eval.train_check import Row, cross_validate, fit_ranker


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


def _decision_row(n: int, answerable: bool, signal: float, synthetic: bool = False) -> Row:
    return Row(
        set="near-miss" if synthetic else "written",
        item=f"{'m' if synthetic else 'q'}{n}",
        corpus=f"corpus{n % 4}",
        group=f"doc{n % 10}",
        answerable=answerable,
        drafted=True,
        features=[signal] + [0.0] * (len(FEATURES) - 1),
        rule="year" if synthetic and n % 2 else None,
        facts=int(answerable),
        n_facts=1,
        correct_citations=int(answerable),
        citation_slots=1,
        synthetic=synthetic,
    )


def test_near_misses_train_the_learned_check_and_are_never_scored():
    """Near misses only join the training folds: the figures count the written questions."""
    written = [_decision_row(n, n % 3 != 0, float(n % 3 != 0)) for n in range(60)]
    near_misses = [_decision_row(n, False, 0.0, synthetic=True) for n in range(40)]
    from sklearn.linear_model import LogisticRegression

    learners = {"logistic": LogisticRegression()}
    alone = cross_validate(written, learners)
    both = cross_validate(written + near_misses, learners)
    assert both["rule checks"] == alone["rule checks"]
    assert both["no check"] == alone["no check"]
    assert "rules + logistic + near misses" in both
    assert "rules + logistic + near misses" not in alone
    # half the near misses are refused by a rule: counted, they would raise this above 0
    assert both["rule checks"]["all"]["no_answer_accuracy"] == 0.0


def test_the_caution_cautions_the_share_of_right_answers_it_is_set_for():
    """One right training answer in ten is read twice; the unanswerable ones, which the model
    tells apart by their features, are cautioned far more often; the skipped feature is not
    weighed, whatever the rows say of it."""
    from eval.train_check import CAUTION_SKIPS, CAUTIONED_RIGHT, caution_report, fit_caution

    rng = np.random.default_rng(0)
    rows = [_decision_row(n, True, 1.0 + rng.normal(0, 0.3)) for n in range(200)]
    rows += [_decision_row(200 + n, False, rng.normal(0, 0.3)) for n in range(40)]
    skipped = FEATURES.index(CAUTION_SKIPS[0])
    for row in rows:
        row.features[skipped] = float(row.answerable)  # would separate perfectly if weighed
    weights = fit_caution(rows)
    assert weights.skipped == CAUTION_SKIPS and weights.coef[skipped] == 0.0
    assert 0.0 < weights.caution_below < 1.0
    report = caution_report(rows, weights)
    assert abs(report["right"] - CAUTIONED_RIGHT) <= 0.02
    assert report["unanswerable"] >= 0.9


def test_the_ranker_ablation_shows_what_a_feature_is_worth():
    """Switching off the only feature that tells the answer costs; switching off one that is
    the same for every sentence costs nothing; a name that is no feature is an error."""
    from eval.train_check import ranker_ablation

    rng = np.random.default_rng(1)
    rows = []
    for n in range(40):
        x = np.zeros((5, len(SENTENCE_FEATURES)))
        x[:, 0] = rng.uniform(0, 1, size=5)  # similarity: noise
        answer = int(rng.integers(5))
        x[answer, 1] = 1.0  # shared_words: only the answer has the question's words
        x[:, 2] = 0.5  # shared_pairs: the same for every sentence
        rows.append(_row(n, x, (np.arange(5) == answer).astype(int)))
    shares = ranker_ablation(rows, [["shared_words"], ["shared_pairs"]])
    assert shares["none off"] == 1.0
    assert shares["shared_pairs"] == 1.0
    assert shares["shared_words"] < 0.5
    with pytest.raises(ValueError, match="no sentence feature"):
        ranker_ablation(rows, [["topics"]])


def test_a_ranker_borrowed_from_another_model_is_compared_out_of_fold():
    """Rows where the answer is told by a feature the hand weights ignore (the sentence that
    opens its document): a ranker fitted on another model's rows that learned it ranks them as
    well as their own, and the hand weights, which follow the noisy similarity, do not."""
    from eval.train_check import ranker_transfer

    rng = np.random.default_rng(2)

    def rows(offset: int) -> list:
        made = []
        for n in range(40):
            x = np.zeros((5, len(SENTENCE_FEATURES)))
            x[:, 0] = rng.uniform(0, 1, size=5)  # similarity: noise
            answer = int(rng.integers(5))
            x[answer, SENTENCE_FEATURES.index("opening")] = 1.0
            made.append(_row(offset + n, x, (np.arange(5) == answer).astype(int)))
        return made

    shares = ranker_transfer(rows(0), rows(0))
    assert shares["the other model's"] == shares["its own"] == 1.0
    assert shares["hand weights"] < 0.5
