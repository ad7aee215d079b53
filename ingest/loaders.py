"""Turn the bytes of a file into a Document, one function per format.

Only text and Markdown for now; the registry `LOADERS` is where PDF, DOCX and HTML will plug in.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import PurePosixPath

import frontmatter
import yaml

from ingest.document import Document, UnreadableFileError
from ingest.metadata import build_metadata


def decode_text(raw: bytes) -> str:
    """Text from bytes: BOM-marked UTF-8/UTF-16, plain UTF-8, else Windows Cyrillic (cp1251)."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1251", errors="replace")
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def load_markdown_or_text(raw: bytes, source: str, doc_hash: str) -> Document:
    """A .txt or .md file, with optional YAML front matter between '---' lines."""
    text = decode_text(raw)
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise UnreadableFileError(
            f"the front matter at the top of the file is not valid YAML{where}; fix or remove it"
        ) from None
    front = post.metadata if isinstance(post.metadata, dict) else {}
    body = post.content.strip()
    if not body:
        raise UnreadableFileError("the file has no text")
    values, inferred = build_metadata(front, body, source)
    doc_id = str(front.get("id") or "").strip() or source
    if front.get("source"):
        inferred.setdefault("original_source", str(front["source"]))
    return Document(
        doc_id=doc_id,
        source=source,
        text=body,
        doc_hash=doc_hash,
        inferred=inferred,
        **values,
    )


Loader = Callable[[bytes, str, str], Document]

LOADERS: dict[str, Loader] = {
    ".txt": load_markdown_or_text,
    ".md": load_markdown_or_text,
    ".markdown": load_markdown_or_text,
}


def loader_for(source: str) -> Loader | None:
    return LOADERS.get(PurePosixPath(source).suffix.lower())
