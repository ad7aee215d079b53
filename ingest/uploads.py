"""Files an administrator uploads in the web chat, saved into the corpus folder.

They then go through the very same sync as `fedqa ingest`; this module only decides the name a
file gets on disk, because the name comes from a browser and must not escape the folder, hide
itself (dot files are not ingested) or carry control characters.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.loaders import loader_for

UPLOADS_SUBFOLDER = "uploads"
_MAX_NAME_BYTES = 180
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def safe_file_name(name: str) -> str:
    """The last path component of `name`, without separators, control or format characters."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    # Format characters (category Cf: bidi overrides, zero-width marks) can make
    # "report<RLO>fdp.exe" read as "reportexe.pdf" in a listing or a download dialog.
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES and stem:
        stem = stem[:-1]
        name = f"{stem}.{suffix}" if suffix else stem
    return name or "upload"


@dataclass(frozen=True)
class SavedUpload:
    name: str  # as the browser sent it
    source: str | None  # path relative to the corpus folder; None when refused
    reason: str | None = None


def save_uploads(files: list[tuple[Path, str]], corpus: Path) -> list[SavedUpload]:
    """Copy each (temporary path, original name) into corpus/uploads/; refuse unknown formats.

    A file with the name of an earlier upload replaces it, so correcting a document is uploading
    it again.
    """
    folder = corpus / UPLOADS_SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for path, original in files:
        name = safe_file_name(original)
        if loader_for(name) is None:
            suffix = Path(name).suffix or "(no extension)"
            reason = f"the format '{suffix}' is not supported (use PDF, DOCX, HTML, MD or TXT)"
            saved.append(SavedUpload(original, None, reason))
            continue
        target = folder / name
        tmp = folder / f".{name}.part"
        shutil.copyfile(path, tmp)
        tmp.replace(target)
        saved.append(SavedUpload(original, f"{UPLOADS_SUBFOLDER}/{name}"))
    return saved
