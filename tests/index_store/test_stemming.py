"""Each chunk's words are reduced by its own language, each question's by the question's."""

from __future__ import annotations

import json

import pytest

from index_store.keyword_index import KeywordIndex, index_folder
from index_store.stemming import TOKENS_VERSION, index_words, kazakh_stem, language_of
from index_store.store import Store
from ingest.sync import sync_folder
from tests.conftest import make_settings


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("қатысушылардың", "қатысушы"),  # plural, then genitive
        ("инспекторлары", "инспектор"),  # plural, then possessive
        ("семинарға", "семинар"),
        ("семинарды", "семинар"),
        ("төрағасы", "төраға"),  # a possessive; the root's own "ға" stays
        ("жылы", "жылы"),  # the stem keeps four letters
        ("шымкенттегі", "шымкент"),  # "in Shymkent" as an attribute: locative, then -гі
        ("жұмыстағы", "жұмыс"),  # "at work" as an attribute
    ],
)
def test_kazakh_endings_are_stripped_slot_by_slot(word, stem):
    assert kazakh_stem(word) == stem


def test_the_language_of_a_text_decides_how_its_words_are_reduced():
    assert language_of("Семинарға неше адам қатысты?") == "kk"
    assert language_of("Сколько человек пришло на семинар?") == "ru"
    assert index_words("семинарларға қатысты", "kk") == ["семинар", "қатыс"]
    assert index_words("семинарах", "ru") == ["семинар"]
    assert index_words("the seminars and the reports") == ["seminar", "report"]  # no stopword


def test_a_kazakh_question_finds_another_inflection_of_its_words(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kostanay.md").write_text(
        "# Қостанай семинары\n\nСеминарды облыстық бірлестіктің төрағасы ашты. Оған 56 адам "
        "қатысты.\n",
        encoding="utf-8",
    )
    (corpus / "leave.md").write_text(
        "# Жыл сайынғы демалыс\n\nЖұмыскерге жыл сайын ақы төленетін демалыс беріледі.\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "data")
    sync_folder(corpus, settings)
    index = KeywordIndex.load_or_build(Store(settings), settings.data_dir)
    # "семинарларға" and "төрағалары" are not in the text; "Семинарды" and "төрағасы" are.
    hits = index.search("семинарларға төрағалары", 2)
    assert hits and hits[0].metadata["doc_id"] == "kostanay.md"
    assert index.has_term("төрағалары")


def test_an_index_of_other_words_is_rebuilt(tmp_path, corpus_dir):
    settings = make_settings(tmp_path / "data")
    sync_folder(corpus_dir, settings)
    folder = index_folder(settings.data_dir)
    meta = json.loads((folder / "fedqa-index.json").read_text())
    assert meta["tokens"] == TOKENS_VERSION
    (folder / "fedqa-index.json").write_text(json.dumps({**meta, "tokens": "0"}))
    assert KeywordIndex.load(folder) is None
    rebuilt = KeywordIndex.load_or_build(Store(settings), settings.data_dir)
    assert rebuilt.fingerprint == meta["fingerprint"]
