from dataclasses import replace

import numpy as np

from eval.unread_choice import ChoiceRow, Features, out_of_corpus, table

PLAIN = Features(1.0, 0.8, 0.6, 0.7, 0.5, 0.6, -0.1, 0.0, 0.0, 0.0)


def row(
    corpus: str,
    unread_right: bool,
    *,
    passed: bool = True,
    replaced: bool = False,
    margin: float = -0.1,
) -> ChoiceRow:
    features = replace(PLAIN, english_passed=float(passed), unread_margin=margin)
    return ChoiceRow(corpus, True, not unread_right, unread_right, replaced, features)


def test_only_a_question_one_answer_gets_right_is_contested():
    assert row("a", True).contested
    both = ChoiceRow("a", True, True, True, False, PLAIN)
    assert not both.contested


def test_the_table_counts_each_rule_and_threshold_by_what_the_english_model_did():
    rows = [
        row("a", True, replaced=True),
        row("a", False, replaced=True),
        row("a", True, passed=False),
        row("a", False, passed=False),
    ]
    got = table(rows, np.array([0.9, 0.6, 0.7, 0.2]))
    assert got["English answer passed"] == {
        "rules": (1, 1),
        "learned, p > 0.5": (1, 1),
        "learned, p > 0.8": (1, 0),
    }
    assert got["English answer refused"] == {
        "rules": (0, 0),
        "learned, p > 0.5": (1, 0),
        "learned, p > 0.8": (0, 0),
    }


def test_a_corpus_is_predicted_only_by_a_learner_that_never_saw_it():
    rows = [
        row(corpus, right, margin=0.05 if right else -0.2)
        for corpus in ("a", "b", "c")
        for right in (True, False, True, False)
    ]
    p = out_of_corpus(rows)
    assert all((p[i] > 0.5) == r.unread_right for i, r in enumerate(rows))
    # a corpus whose questions all lean one way is predicted from the others alone
    lopsided = rows[:8] + [row("c", True, margin=-0.2)]
    assert out_of_corpus(lopsided)[-1] < 0.5
