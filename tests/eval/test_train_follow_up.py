"""The follow-up decision's training: cross-validation by set and the threshold it chooses."""

from __future__ import annotations

import numpy as np

from assistant.follow_up import FOLLOW_UP_FEATURES
from eval.train_follow_up import THRESHOLDS, Row, cross_validate


def _rows(name: str) -> list[Row]:
    """Turns whose first feature tells the label; the rules decide by another that does not."""
    rows = []
    for i in range(40):
        leans = i % 3 != 0
        features = np.zeros(len(FOLLOW_UP_FEATURES))
        features[0] = 1.0 if leans else 0.0
        features[1] = i % 2
        rows.append(Row(set=name, kind="x", features=features, leans=leans, rules=bool(i % 2)))
    return rows


def test_cross_validation_is_by_set_and_reports_rules_beside_the_learned_decision():
    threshold, table = cross_validate(_rows("a") + _rows("b") + _rows("c"))
    assert threshold in THRESHOLDS
    assert set(table) == {"a", "b", "c", "all"}
    assert table["all"]["learned"]["accuracy"] == 1.0
    assert table["all"]["rules"]["accuracy"] < 0.6
    assert table["all"]["learned"]["inherited"] == 0
    assert table["all"]["rules"]["new_topics"] == 42
