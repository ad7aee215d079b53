"""Turn the bytes of a file into a Document, one function per format (`LOADERS`)."""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable
from pathlib import PurePosixPath

from ingest.document import Document, UnreadableFileError
from ingest.front_fields import checked_fields
from ingest.front_matter import read_front_matter
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
            text = _guess_decode(raw)
    text = html.unescape(text) if "&" in text and _ENTITY.search(text) else text
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")


def _guess_decode(raw: bytes) -> str:
    """Not UTF-8: let charset-normalizer pick (cp1251 for most Russian files we meet)."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        return str(best)
    return raw.decode("cp1251", errors="replace")


# **bold** and __bold__: the marks would be quoted in answers, split sentences inside a bold
# span ("** A sanction must ...") and keep a quoted fact from matching the text around it.
_STRONG = re.compile(r"(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)", re.DOTALL)


def plain_emphasis(text: str) -> str:
    """Markdown's strong emphasis marks dropped, their words kept."""
    return _STRONG.sub(r"\2", text)


def load_markdown_or_text(raw: bytes, source: str, doc_hash: str) -> Document:
    """A .txt or .md file, with optional YAML front matter between '---' lines.

    Front matter that does not parse, or a field with an unusable value, is a warning on the
    document (its metadata is then inferred from the text), never a reason to skip it.
    """
    front_matter = read_front_matter(decode_text(raw))
    front, problems = checked_fields(front_matter.fields)
    body = plain_emphasis(front_matter.body)
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
        warnings=front_matter.problems + problems,
        **values,
    )


def _document(
    text: str, source: str, doc_hash: str, hints: dict, page_starts: list[int] | None = None
) -> Document:
    text = text.replace("\x00", "").strip()
    if not text:
        raise UnreadableFileError("the file has no text")
    values, inferred = build_metadata({}, text, source, hints)
    return Document(
        doc_id=source,
        source=source,
        text=text,
        doc_hash=doc_hash,
        inferred=inferred,
        page_starts=page_starts,
        **values,
    )


def load_pdf(raw: bytes, source: str, doc_hash: str) -> Document:
    from ingest.formats import pdf_text

    text, page_starts, hints = pdf_text(raw)
    return _document(text, source, doc_hash, hints, page_starts)


def load_docx(raw: bytes, source: str, doc_hash: str) -> Document:
    from ingest.formats import docx_text

    text, hints = docx_text(raw)
    return _document(text, source, doc_hash, hints)


def load_html(raw: bytes, source: str, doc_hash: str) -> Document:
    from ingest.formats import html_text

    text, hints = html_text(raw)
    return _document(html.unescape(text), source, doc_hash, hints)


Loader = Callable[[bytes, str, str], Document]

LOADERS: dict[str, Loader] = {
    ".txt": load_markdown_or_text,
    ".md": load_markdown_or_text,
    ".markdown": load_markdown_or_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}


def loader_for(source: str) -> Loader | None:
    return LOADERS.get(PurePosixPath(source).suffix.lower())
