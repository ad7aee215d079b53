"""Which folder the store was last synced from.

The web chat needs the documents' folder to offer the original files and to save uploads, and an
administrator should not have to name it twice: `fedqa ingest PATH` remembers PATH in the data
folder, and `FEDQA_CORPUS_DIR` overrides it.
"""

from __future__ import annotations

import json
from pathlib import Path

from index_store.manifest import atomic_write
from index_store.settings import FedqaSettings

_FILE = "corpus.json"


def remember_corpus_folder(data_dir: Path, root: Path) -> None:
    atomic_write(data_dir / _FILE, json.dumps({"folder": str(root.resolve())}))


def corpus_folder(settings: FedqaSettings) -> Path | None:
    """The configured folder, else the last ingested one; None when neither is known."""
    if settings.corpus_dir is not None:
        return settings.corpus_dir.resolve()
    try:
        folder = Path(json.loads((settings.data_dir / _FILE).read_text("utf-8"))["folder"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder if folder.is_dir() else None
