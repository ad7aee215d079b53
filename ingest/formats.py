"""Loaders for PDF, Word and web pages: well-kept libraries do the parsing, we do the cleanup.

- PDF: pypdf (pure Python, maintained, handles encrypted and damaged files with clear errors).
  Lines repeated at the top or bottom of most pages (running headers, footers) and bare page
  numbers are removed; the page each chunk starts on is kept.
- DOCX: python-docx; headings become Markdown headings, list items lines, tables rows of cells.
  The archive is checked before opening so that a zip bomb is refused without being inflated.
- HTML: trafilatura extracts the article (not menus, cookie banners or footers) and its metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from typing import Any

from ingest.document import UnreadableFileError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)


# -- PDF ---------------------------------------------------------------------------------------


def _repeated_edges(pages: list[list[str]]) -> set[str]:
    """Lines that open or close at least half of the pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        candidates = {line.strip() for line in lines[:2] + lines[-2:] if line.strip()}
        edges.update(re.sub(r"\d+", "#", c) for c in candidates)
    return {line for line, count in edges.items() if count >= len(pages) / 2}


def pdf_text(raw: bytes) -> tuple[str, list[int], dict[str, Any]]:
    """The text, the offset where each page starts, and the PDF's title and date if it has them."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFileError("the PDF is protected by a password")
        page_lines = [(page.extract_text() or "").splitlines() for page in reader.pages]
        info = reader.metadata or {}
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFileError(f"it is not a readable PDF ({type(exc).__name__})") from None
    except Exception as exc:  # pypdf raises many internal types on damaged files
        raise UnreadableFileError(f"the PDF is damaged ({type(exc).__name__})") from None
    repeated = _repeated_edges(page_lines)
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for lines in page_lines:
        kept = [
            line
            for line in lines
            if not _PAGE_NUMBER.match(line) and re.sub(r"\d+", "#", line.strip()) not in repeated
        ]
        page = "\n".join(kept).strip()
        starts.append(offset)
        if page:
            parts.append(page)
            offset += len(page) + 2
    text = "\n\n".join(parts)
    if not text.strip():
        raise UnreadableFileError("the PDF has no text layer (a scan?); run OCR on it first")
    hints = {"title": str(info.get("/Title") or "").strip() or None}
    created = str(info.get("/CreationDate") or "")
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", created)
    if match:
        hints["date"] = "-".join(match.groups())
    return text, starts, hints


# -- DOCX --------------------------------------------------------------------------------------


def _check_archive(raw: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise UnreadableFileError("it is not a Word document (.docx)") from None
    unpacked = sum(info.file_size for info in archive.infolist())
    packed = max(sum(info.compress_size for info in archive.infolist()), 1)
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UnreadableFileError(
            f"it would unpack to {unpacked / 1024 / 1024:.0f} MB (a zip bomb?); it was not opened"
        )
    if "word/document.xml" not in archive.namelist():
        raise UnreadableFileError("it is a zip archive without a Word document inside")
    return archive


def docx_text(raw: bytes) -> tuple[str, dict[str, Any]]:
    """Headings, paragraphs, list items and tables in document order, and core properties."""
    _check_archive(raw)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several types on broken packages
        raise UnreadableFileError(f"the Word document is damaged ({type(exc).__name__})") from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if style.startswith("Heading") or style == "Title":
                level = re.findall(r"\d", style)
                blocks.append("#" * (int(level[0]) if level else 1) + " " + text)
            elif "List" in style:
                blocks.append("- " + text)
            else:
                blocks.append(text)
        elif isinstance(item, Table):
            rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in item.rows]
            blocks.append("\n".join(rows))
    properties = document.core_properties
    hints = {
        "title": (properties.title or "").strip() or None,
        "date": properties.created.date().isoformat() if properties.created else None,
    }
    return "\n\n".join(blocks), hints


# -- HTML --------------------------------------------------------------------------------------


def html_text(raw: bytes) -> tuple[str, dict[str, Any]]:
    """The main article of a saved web page, and its title and date."""
    import trafilatura

    try:
        text = trafilatura.extract(
            raw, include_comments=False, include_tables=True, favor_recall=True
        )
        meta = trafilatura.extract_metadata(raw)
    except RecursionError:
        raise UnreadableFileError("the page is nested too deeply to be read") from None
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise UnreadableFileError(f"the page could not be read ({type(exc).__name__})") from None
    if not text or not text.strip():
        raise UnreadableFileError("the page has no article text (only scripts or menus?)")
    hints = {
        "title": (meta.title if meta else None) or None,
        "date": (meta.date if meta else None) or None,
    }
    return text, hints
