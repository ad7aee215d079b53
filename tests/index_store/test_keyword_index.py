"""The BM25 index: persisted with the store's fingerprint, rebuilt by sync, stemmed per script."""

from __future__ import annotations

import shutil

from assistant.retrieval import Filters, KeywordRetriever
from index_store.keyword_index import KeywordIndex, index_folder
from index_store.store import Store
from ingest.sync import sync_folder
from tests.conftest import SAMPLE_CORPUS, make_settings


def test_sync_keeps_the_persisted_index_in_step_with_chroma(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS / "guidance", corpus)
    settings = make_settings(tmp_path / "data")
    sync_folder(corpus, settings)
    store = Store(settings)
    saved = KeywordIndex.load(index_folder(settings.data_dir))
    assert saved is not None and saved.fingerprint == store.fingerprint()
    hits = saved.search("overtime limits per year", 3)
    assert hits[0].metadata["doc_id"] == "working-time-and-overtime.md"

    (corpus / "working-time-and-overtime.md").unlink()
    sync_folder(corpus, settings)
    reloaded = KeywordIndex.load(index_folder(settings.data_dir))
    assert reloaded.fingerprint == Store(settings).fingerprint() != saved.fingerprint
    assert all(
        h.metadata["doc_id"] != "working-time-and-overtime.md"
        for h in reloaded.search("overtime limits per year", 10)
    )


def test_stale_or_missing_index_is_rebuilt_from_chroma(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS / "guidance", corpus)
    settings = make_settings(tmp_path / "data")
    sync_folder(corpus, settings)
    shutil.rmtree(index_folder(settings.data_dir))
    store = Store(settings)
    index = KeywordIndex.load_or_build(store, settings.data_dir)
    assert index.fingerprint == store.fingerprint()
    assert KeywordIndex.load(index_folder(settings.data_dir)).fingerprint == index.fingerprint

    # A run killed after its Chroma writes leaves the marker; the next sync rebuilds the index.
    (settings.data_dir / "bm25.dirty").touch()
    shutil.rmtree(index_folder(settings.data_dir))
    report = sync_folder(corpus, settings)
    assert report.unchanged == report.documents
    assert KeywordIndex.load(index_folder(settings.data_dir)) is not None
    assert not (settings.data_dir / "bm25.dirty").exists()


def test_russian_words_match_across_inflections(ingested):
    retriever = KeywordRetriever(KeywordIndex.load_or_build(Store(ingested), ingested.data_dir))
    # "работников"/"профсоюзной" in the question, "работники"/"профсоюзную" in the document
    passages = retriever.retrieve("работники создают профсоюзную организацию", 3)
    assert passages[0].doc_id == "guidance/pamyatka-pervichnaya-organizatsiya.md"
    filtered = retriever.retrieve("организация", 5, Filters(language="en"))
    assert all(p.language == "en" for p in filtered)


def test_each_filter_gets_its_own_mask(ingested):
    retriever = KeywordRetriever(KeywordIndex.load_or_build(Store(ingested), ingested.data_dir))
    question = "collective agreement overtime strike"
    for _ in range(2):  # the second round reads the kept masks
        for doc_type in ("address_summary", "law_guidance", "seminar_report"):
            found = retriever.retrieve(question, 5, Filters(doc_type=doc_type))
            assert found and all(p.doc_type == doc_type for p in found), doc_type
        dated = retriever.retrieve(question, 5, Filters(since="2024-06-01"))
        assert dated and all(p.date and p.date >= "2024-06-01" for p in dated)
    assert len(retriever.retrieve(question, 5, Filters())) == 5


def test_a_place_spelt_in_latin_letters_finds_the_report_spelt_in_cyrillic(ingested):
    """No English document names Taraz or Kostanay, and one names Shymkent in passing; the
    Russian and Kazakh reports on their seminars spell them in Cyrillic, with case endings ("в
    Таразе", "Қостанайда", "в Шымкенте")."""
    index = KeywordIndex.load_or_build(Store(ingested), ingested.data_dir)
    retriever = KeywordRetriever(index)
    assert "taraz" in retriever.retrieve("the Taraz seminar", 1)[0].doc_id
    for question, report in [
        ("what was said in Kostanay about safety", "enbek-kauipsizdigi-kostanay"),
        ("Who opened the Shymkent seminar?", "ohrana-truda-shymkent"),
    ]:
        found = [p.doc_id for p in retriever.retrieve(question, 3)]
        assert any(report in doc for doc in found), (question, found)
    assert index.spelt_otherwise("Atyrau") == []  # a report in English spells it so
    # The Russian spelling finds the Kazakh report ("Ақтөбе").
    found = [p.doc_id for p in retriever.retrieve("Что говорили в Актобе?", 3)]
    assert any("enbekti-korgau-aktobe" in doc for doc in found), found
