"""The calibration's fitting texts: read from every golden set, whatever its form."""

from pathlib import Path

from index_store.calibration import _fitting_texts

ROOT = Path(__file__).resolve().parents[2]


def test_fitting_texts_read_the_golden_sets_including_conversations() -> None:
    questions, sentences, words = _fitting_texts(ROOT)
    assert len(questions) > 300
    assert sentences and words
    assert all(isinstance(q, str) and q for q in questions)
