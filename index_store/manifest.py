"""A small on-disk cache of which documents the store holds, with a journal for crash repair.

Why it exists: an unchanged re-ingest must not pay for importing Chroma and the model (seconds),
so the sync plans against this file first. Chroma stays the store of truth: the manifest is
written only after Chroma has committed, and before any Chroma write the documents about to be
touched are listed in the journal. A run that finds a journal (the last one died mid-write)
deletes those documents from Chroma and rebuilds the manifest from Chroma, so the two never
disagree after a run.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST_VERSION = 1


@dataclass(frozen=True)
class ManifestEntry:
    doc_hash: str
    source: str
    chunks: int


def atomic_write(path: Path, payload: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Manifest:
    """`doc_id -> ManifestEntry`, persisted as JSON next to the Chroma folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "manifest.json"
        self.journal_path = data_dir / "ingest.journal"
        self.entries: dict[str, ManifestEntry] = {}

    # -- state -------------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> bool:
        """Read the file; False when it is missing or unreadable (then rebuild from Chroma)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("version") != MANIFEST_VERSION:
                return False
            self.entries = {
                doc_id: ManifestEntry(**entry) for doc_id, entry in raw["documents"].items()
            }
            return True
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def save(self) -> None:
        payload = {
            "version": MANIFEST_VERSION,
            "documents": {doc_id: asdict(e) for doc_id, e in sorted(self.entries.items())},
        }
        atomic_write(self.path, json.dumps(payload, ensure_ascii=False, indent=0))

    # -- journal -----------------------------------------------------------------------------

    def pending(self) -> list[str] | None:
        """Documents an interrupted run was writing, or None when the last run finished."""
        if not self.journal_path.exists():
            return None
        try:
            return list(json.loads(self.journal_path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return []  # a torn journal: the caller rebuilds everything from Chroma

    def begin(self, doc_ids: list[str]) -> None:
        """Record, durably, which documents are about to change in Chroma."""
        atomic_write(self.journal_path, json.dumps(sorted(doc_ids), ensure_ascii=False))

    def commit(self) -> None:
        """Save the manifest, then drop the journal: the batch is complete."""
        self.save()
        self.journal_path.unlink(missing_ok=True)
