"""Builders of real PDF, DOCX and HTML files (and broken ones) for the ingest tests."""

from __future__ import annotations

import io
import os
import random
import zipfile


def make_pdf(pages: list[str], title: str = "", header: str = "", password: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for number, body in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        if header:
            pdf.set_xy(10, 8)
            pdf.cell(0, 6, header)
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(10, 25)
        pdf.multi_cell(0, 6, body)
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 280)
        pdf.cell(0, 6, f"Page {number} of {len(pages)}")
    return bytes(pdf.output())


def make_docx(title: str, heading: str, paragraphs: list[str], items: list[str], table) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    for item in items:
        document.add_paragraph(item, style="List Bullet")
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_html(title: str, article: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in article)
    return f"""<!doctype html><html><head><title>{title}</title>
<script>var tracking = "do not index this script";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News menu item</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main><article><h1>{title}</h1>{paragraphs}</article></main>
<footer>Copyright Federation footer text. All rights reserved.</footer></body></html>""".encode()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    return buffer.getvalue()


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "just a zip")
    return buffer.getvalue()


def deep_html(depth: int = 20000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "deep text" + "</div>" * depth).encode()


def random_bytes(seed: int, size: int = 4096) -> bytes:
    return (
        random.Random(seed).randbytes(size)
        if hasattr(random.Random, "randbytes")
        else (os.urandom(size))
    )
