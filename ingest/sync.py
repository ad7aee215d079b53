"""Keep the store in step with a folder: add new files, replace changed ones, delete removed ones.

The plan is made from file hashes and the manifest alone, so a run with nothing to do imports
neither Chroma nor the model. Writes go through the manifest's journal (see index_store.manifest)
so that a run killed at any point is repaired by the next one.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index_store.errors import FedqaError
from index_store.manifest import Manifest, ManifestEntry
from index_store.sentence_vectors import SentenceVectors
from index_store.sentences import texts_to_embed
from index_store.settings import FedqaSettings
from index_store.store import ensure_writable
from ingest.corpus import remember_corpus_folder
from ingest.document import Document, UnreadableFileError
from ingest.loaders import loader_for

log = logging.getLogger(__name__)

# Bump when splitting or metadata rules change so that every document is re-embedded once.
# "2": a bad front matter value is inferred instead of used as written (a title given as a list).
# "3": web pages keep their lists and headings (trafilatura favor_recall).
# "4": Markdown's strong emphasis marks are dropped (**bold** is stored as plain words).
PIPELINE_VERSION = "4"


class IngestPathError(FedqaError):
    """The folder to ingest does not exist or is not a folder."""


class IngestLockedError(FedqaError):
    """Another ingest is writing to the same data folder."""


@dataclass
class Skipped:
    source: str
    reason: str


@dataclass
class FileWarning:
    """A file that was ingested, but not quite as written (e.g. its front matter is broken).

    A warning comes from reading the file, so it is given on every run that reads it: when the
    file is new or changed, or PIPELINE_VERSION changed. A run that finds the file unchanged
    reads nothing and repeats no warning; the run report of the run that read it (reports/ in
    the data folder) keeps it.
    """

    source: str
    reason: str


@dataclass
class SyncReport:
    """What a sync did; `as_json()` is the CLI contract of `fedqa ingest --json`."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0
    documents: int = 0
    total_chunks: int = 0
    duplicates: list[dict] = field(default_factory=list)
    warnings: list[FileWarning] = field(default_factory=list)
    multilingual_chunks: int = 0  # the second, multilingual store's chunks (0: none)

    def as_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass
class _Planned:
    document: Document
    is_update: bool


ProgressFn = Callable[[str, int, int], None]


def _pipeline_signature(settings: FedqaSettings) -> bytes:
    model = settings.model_id
    # int8 weights move the vectors (cosine >= 0.975): a store is embedded with them throughout.
    # torch and ONNX Runtime in full precision agree to cosine >= 0.9999, so switching between
    # them (as 'auto' does between a GPU and a CPU machine) re-embeds nothing.
    backend = "|onnx-int8" if settings.embed_backend == "onnx-int8" else ""
    return (
        f"{PIPELINE_VERSION}|{model}|{settings.chunk_size}|{settings.chunk_overlap}{backend}\n"
    ).encode()


def discover(root: Path) -> Iterator[tuple[Path, str]]:
    """Every non-hidden file under root, with its POSIX path relative to root, sorted.

    Symbolic links are followed only when they stay inside root.
    """
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            yield path, path.relative_to(root).as_posix()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


class _Lock:
    """An exclusive lock on the data folder so two ingests never write at once."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "ingest.lock"
        self._handle = None

    def __enter__(self) -> _Lock:
        self._handle = open(self.path, "w")  # noqa: SIM115 - held for the whole sync
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._handle.close()
            raise IngestLockedError(
                "Another `fedqa ingest` is running on this data folder. Wait for it to finish, "
                "then run this one again."
            ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()


class FolderSync:
    """One sync run of a folder into the store configured by `settings`."""

    def __init__(
        self, settings: FedqaSettings, progress: ProgressFn | None = None, embedder=None
    ) -> None:
        self.settings = settings
        self.progress = progress or (lambda stage, done, total: None)
        self.manifest = Manifest(settings.data_dir)
        # Present from the first Chroma write until the BM25 index is rebuilt: a run killed in
        # between leaves it, and the next run rebuilds the index even if nothing else changed.
        self._keyword_index_dirty = settings.data_dir / "bm25.dirty"
        self._store = None
        self._embedder = embedder  # a process that has the model loaded already passes it
        self._splitter = None
        self._sentences = (
            SentenceVectors.from_settings(settings) if settings.sentence_vectors else None
        )
        self.events: list[dict] = []  # per-file outcomes for the run report

    # -- lazily loaded heavy parts ---------------------------------------------------------

    @property
    def store(self):
        if self._store is None:
            from index_store.store import Store

            self._store = Store(self.settings)
        return self._store

    def _embed_parts(self):
        if self._splitter is None:
            from ingest.splitter import Splitter

            self._splitter = Splitter.from_settings(self.settings)
        if self._embedder is None:
            from index_store.embedder import Embedder

            self._embedder = Embedder.from_settings(self.settings)
        return self._splitter, self._embedder

    # -- the run ---------------------------------------------------------------------------

    def run(self, root: Path) -> SyncReport:
        started = time.perf_counter()
        root = Path(root)
        if not root.is_dir():
            raise IngestPathError(
                f"{root} is not a folder. Give `fedqa ingest` the folder that holds your documents."
            )
        ensure_writable(self.settings.data_dir)
        report = SyncReport()
        with _Lock(self.settings.data_dir):
            self._recover()
            planned = self._plan(root, report)
            removed = self._removed_ids(report)
            if planned or removed:
                self._keyword_index_dirty.touch()
                self._apply(planned, removed, report)
            if self._keyword_index_dirty.exists():
                self._rebuild_keyword_index()
            remember_corpus_folder(self.settings.data_dir, root)
        report.documents = len(self.manifest.entries)
        report.total_chunks = sum(e.chunks for e in self.manifest.entries.values())
        report.seconds = time.perf_counter() - started
        self._write_run_report(root, report)
        return report

    def _write_run_report(self, root: Path, report: SyncReport) -> None:
        """One JSON line per file outcome, then the summary, in reports/ of the data folder."""
        folder = self.settings.data_dir / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        lines = [{"event": "file", **event} for event in self.events]
        lines += [
            {"event": "file", "source": s.source, "outcome": "skipped", "reason": s.reason}
            for s in report.skipped
        ]
        lines.append({"event": "summary", "folder": str(root.resolve()), **report.as_json()})
        path = folder / f"ingest-{stamp}-{os.getpid()}.jsonl"
        path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))

    def _rebuild_keyword_index(self) -> None:
        from index_store.keyword_index import KeywordIndex

        KeywordIndex.rebuild(self.store, self.settings.data_dir)
        self._keyword_index_dirty.unlink(missing_ok=True)

    def _recover(self) -> None:
        """Repair what a killed run left, and make sure the manifest mirrors Chroma."""
        pending = self.manifest.pending()
        if pending is None and self.manifest.load():
            return
        if pending:
            log.warning("repairing an interrupted ingest of %d documents", len(pending))
            self.store.delete_documents(pending)
        self.manifest.entries = {
            doc.doc_id: ManifestEntry(doc.doc_hash, doc.source, doc.chunks)
            for doc in self.store.documents().values()
        }
        self.manifest.commit()

    def _plan(self, root: Path, report: SyncReport) -> list[_Planned]:
        signature = _pipeline_signature(self.settings)
        by_source = {entry.source: doc_id for doc_id, entry in self.manifest.entries.items()}
        max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
        self.seen: set[str] = set()
        planned: list[_Planned] = []
        files = list(discover(root))

        def skip(source: str, reason: str) -> None:
            # A file that was ingested before and is now unreadable keeps its old version:
            # a lecturer's typo must not silently delete a document from the answers.
            known_id = by_source.get(source)
            if known_id:
                self.seen.add(known_id)
                reason += "; the version ingested earlier is kept"
            report.skipped.append(Skipped(source, reason))

        hashed: list[tuple[Path, str, str]] = []
        for index, (path, source) in enumerate(files):
            self.progress("reading", index + 1, len(files))
            reason = self._unusable(path, root, source, max_bytes)
            if reason:
                skip(source, reason)
                continue
            try:
                raw = path.read_bytes()
            except OSError as exc:
                skip(source, f"cannot be read ({exc.strerror})")
                continue
            hashed.append((path, source, hashlib.sha256(signature + raw).hexdigest()))

        # The same bytes under several paths are stored once, under the first path in sort
        # order (so a synced store equals a clean one); the others are listed in `also_at`.
        copies: dict[str, list[str]] = {}
        for _, source, content_hash in hashed:
            copies.setdefault(content_hash, []).append(source)
        for path, source, content_hash in hashed:
            primary, *others = sorted(copies[content_hash])
            if source != primary:
                report.duplicates.append({"source": source, "same_as": primary})
                self.events.append({"source": source, "outcome": "duplicate", "same_as": primary})
                continue
            doc_hash = content_hash
            if others:  # the alias list is part of what is stored, so part of the hash
                doc_hash = hashlib.sha256(f"{content_hash}|{'|'.join(others)}".encode()).hexdigest()
            known_id = by_source.get(source)
            if known_id and self.manifest.entries[known_id].doc_hash == doc_hash:
                self.seen.add(known_id)
                report.unchanged += 1
                self.events.append({"source": source, "outcome": "unchanged"})
                continue
            try:
                document = loader_for(source)(path.read_bytes(), source, doc_hash)
            except UnreadableFileError as exc:
                skip(source, str(exc))
                continue
            except Exception as exc:  # a loader bug must not stop the batch
                log.exception("loader failed on %s", source)
                skip(source, f"could not be read ({type(exc).__name__})")
                continue
            document.also_at = others
            report.warnings += [FileWarning(source, reason) for reason in document.warnings]
            if document.doc_id in self.seen:
                report.skipped.append(
                    Skipped(source, f"another file already uses the id '{document.doc_id}'")
                )
                continue
            self.seen.add(document.doc_id)
            planned.append(_Planned(document, document.doc_id in self.manifest.entries))
        # A copy of a file that could not be read is reported like it, not as a duplicate.
        failed = {item.source: item.reason for item in report.skipped}
        for duplicate in [d for d in report.duplicates if d["same_as"] in failed]:
            report.duplicates.remove(duplicate)
            report.skipped.append(Skipped(duplicate["source"], failed[duplicate["same_as"]]))
        return planned

    def _unusable(self, path: Path, root: Path, source: str, max_bytes: int) -> str | None:
        if path.is_symlink() and not _inside(path, root):
            return "it is a link to a file outside the folder, which is not followed"
        if loader_for(source) is None:
            return f"the format '{path.suffix or '(no extension)'}' is not supported yet"
        try:
            size = path.stat().st_size
        except OSError as exc:
            return f"cannot be read ({exc.strerror})"
        if size > max_bytes:
            return (
                f"it is {size / 1024 / 1024:.1f} MB, over the {self.settings.max_file_mb:g} MB "
                "limit (FEDQA_MAX_FILE_MB)"
            )
        if size == 0:
            return "the file is empty"
        return None

    def _removed_ids(self, report: SyncReport) -> list[str]:
        removed = sorted(set(self.manifest.entries) - self.seen)
        report.removed = len(removed)
        return removed

    def _apply(self, planned: list[_Planned], removed: list[str], report: SyncReport) -> None:
        if removed:
            self.manifest.begin(removed)
            self.store.delete_documents(removed)
            for doc_id in removed:
                self.events.append(
                    {"source": self.manifest.entries[doc_id].source, "outcome": "removed"}
                )
                del self.manifest.entries[doc_id]
            self.manifest.commit()
        if not planned:
            return
        splitter, embedder = self._embed_parts()
        split = []
        for item in planned:
            chunks = splitter.split(item.document)
            if chunks:
                split.append((item, chunks))
            else:
                report.skipped.append(Skipped(item.document.source, "the file has no text"))
        if not split:
            return
        total_chunks = sum(len(chunks) for _, chunks in split)
        done = 0
        batches: list[list[tuple[_Planned, list]]] = [[]]
        batch_chunks = 0
        for item, chunks in split:
            if batch_chunks >= self.settings.commit_chunks:
                batches.append([])
                batch_chunks = 0
            batches[-1].append((item, chunks))
            batch_chunks += len(chunks)
        # Encoding overlaps with writing: batch N goes to Chroma on a writer thread while the
        # model encodes batch N+1 (both release the GIL in native code). One write at a time,
        # in order, so the journal still covers exactly one batch.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fedqa-write") as writer:
            writing = None
            for batch in batches:
                chunks = [chunk for _, doc_chunks in batch for chunk in doc_chunks]
                vectors = embedder.embed([chunk.text for chunk in chunks])
                self._store_sentence_vectors(chunks, embedder)
                if writing is not None:
                    writing.result()  # a failed write stops the run before the next one
                writing = writer.submit(self._write_batch, batch, chunks, vectors, report)
                done += len(chunks)
                self.progress("chunks", done, total_chunks)
            if writing is not None:
                writing.result()

    def _store_sentence_vectors(self, chunks, embedder) -> None:
        """Embed and keep the batch's sentences that have no stored vector yet (see
        index_store.sentence_vectors). A cache keyed by the text: nothing to journal."""
        if self._sentences is not None:
            texts = self._sentences.missing(
                [text for chunk in chunks for text in texts_to_embed(chunk.text)]
            )
            self._sentences.put(texts, embedder.embed(texts))

    def _write_batch(self, batch, chunks, vectors, report: SyncReport) -> None:
        doc_ids = [item.document.doc_id for item, _ in batch]
        self.manifest.begin(doc_ids)
        self.store.delete_documents(item.document.doc_id for item, _ in batch if item.is_update)
        self.store.upsert(chunks, vectors)
        for item, doc_chunks in batch:
            doc = item.document
            self.manifest.entries[doc.doc_id] = ManifestEntry(
                doc.doc_hash, doc.source, len(doc_chunks)
            )
            if item.is_update:
                report.updated += 1
            else:
                report.added += 1
            outcome = "updated" if item.is_update else "added"
            self.events.append(
                {"source": doc.source, "outcome": outcome, "chunks": len(doc_chunks)}
            )
        report.chunks += len(chunks)
        self.manifest.commit()


def sync_folder(
    root: Path, settings: FedqaSettings, progress: ProgressFn | None = None, embedder=None
) -> SyncReport:
    """Bring the store in line with the folder `root`; the public entry point of ingest.

    `embedder`: the web app passes the model it answers with, instead of loading a second copy.
    The multilingual store (`FedqaSettings.multilingual`), when there is one, is synced after
    the main one, by the same rules: a run cut off between the two is completed by the next.
    """
    report = FolderSync(settings, progress, embedder).run(root)
    second = settings.multilingual()
    if second is not None:
        extra = FolderSync(second, progress).run(root)
        report.multilingual_chunks = extra.total_chunks
        report.seconds += extra.seconds
    return report
