# ruff: noqa: E501  (a table of conversations reads best one per line)
"""The learned follow-up decision: whether a conversation's next question leans on the last."""

from __future__ import annotations

import json

import pytest

from assistant.answer import Answer
from assistant.conversation import Turn
from assistant.follow_up import FOLLOW_UP_FEATURES, LearnedFollowUp
from assistant.learned_check import CheckWeights, follow_up_weights_path
from index_store.settings import DEFAULT_MODEL_ID

SEMINAR = "What did the Kostanay seminar say about safety briefings?"


@pytest.fixture(scope="module")
def learned(ingested):
    from assistant.service import Assistant

    return Assistant(ingested.model_copy(update={"follow_up_decision": "learned"}))


def test_the_default_model_ships_weights_for_the_features_it_computes():
    path = follow_up_weights_path(DEFAULT_MODEL_ID)
    weights = CheckWeights.read(path, FOLLOW_UP_FEATURES)
    assert 0.0 < weights.threshold < 1.0
    assert json.loads(path.read_text())["trained_on"]


def test_weights_trained_on_other_features_say_how_to_rebuild_them(tmp_path):
    path = tmp_path / "follow_up.json"
    path.write_text(json.dumps({"features": ["opener"], "mean": [0], "scale": [1], "coef": [1]}))
    with pytest.raises(ValueError, match="eval.train_follow_up"):
        CheckWeights.read(path, FOLLOW_UP_FEATURES, "python -m eval.train_follow_up")


def test_a_model_without_weights_leaves_the_decision_to_the_rules(learned):
    assert LearnedFollowUp.load("no-such-model", learned.rewriter, learned._ranked) is None


@pytest.mark.parametrize(
    ("question", "standalone"),
    [
        # no pronoun, no opener, no name: the rules left it alone
        ("how many people attended", "How many people attended — the Kostanay seminar, safety briefings?"),
        ("and who spoke there", "Who spoke at the Kostanay seminar — safety briefings?"),
        # a question about something else starts afresh
        ("How long can a probation period last?", "How long can a probation period last?"),
    ],
)  # fmt: skip
def test_the_learned_decision_joins_what_leans_and_leaves_a_new_topic(
    learned, question, standalone
):
    earlier = [Turn(SEMINAR, SEMINAR, Answer(SEMINAR, True, ""))]
    assert learned.rewriter.standalone(question, earlier) == standalone


def test_the_rules_leave_a_follow_up_with_no_pronoun_alone(assistant):
    earlier = [Turn(SEMINAR, SEMINAR, Answer(SEMINAR, True, ""))]
    assert assistant.rewriter.decision is None  # the default
    assert assistant.rewriter.standalone("how many people attended", earlier) == (
        "how many people attended"
    )
