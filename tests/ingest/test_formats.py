"""PDF, DOCX and HTML loading with the real libraries, on files built by the test."""

from __future__ import annotations

import pytest

from index_store.store import Store
from ingest.document import UnreadableFileError
from ingest.loaders import load_docx, load_html, load_pdf
from ingest.sync import sync_folder
from tests.conftest import make_settings
from tests.ingest.fixtures import make_docx, make_html, make_pdf

PAGES = [
    "The regional council met on March 3, 2024 to review wage arrears in construction. "
    "Inspectors found arrears at eleven companies.",
    "The council asked employers to pay all arrears within thirty days. "
    "Union lawyers will follow every case.",
    "A second meeting is planned for June to check the results of the campaign.",
]


def test_pdf_text_without_headers_footers_and_page_numbers():
    raw = make_pdf(PAGES, title="Council report on wage arrears", header="FTURK Bulletin No. 7")
    doc = load_pdf(raw, "reports/arrears.pdf", "h")
    assert "eleven companies" in doc.text and "within thirty days" in doc.text
    assert "FTURK Bulletin" not in doc.text and "Page 2 of 3" not in doc.text
    assert doc.title == "Council report on wage arrears"
    assert doc.inferred["title"] == "file_properties"
    assert doc.page_at(doc.text.index("thirty days")) == 2
    assert doc.page_at(doc.text.index("June")) == 3


def test_pdf_chunks_carry_their_page(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    long_pages = [(page + " ") * 30 for page in PAGES]
    (folder / "arrears.pdf").write_bytes(make_pdf(long_pages, header="FTURK Bulletin"))
    settings = make_settings(tmp_path / "data")
    report = sync_folder(folder, settings)
    assert report.added == 1 and not report.skipped
    metadatas = Store(settings)._collection.get(include=["metadatas"])["metadatas"]
    assert {m["page"] for m in metadatas} == {1, 2, 3}


def test_docx_headings_lists_tables_and_properties():
    raw = make_docx(
        title="Guide to overtime pay",
        heading="Overtime pay",
        paragraphs=["Overtime is paid at one and a half times the usual rate."],
        items=["Keep a record of your hours.", "Ask the union to check it."],
        table=[["Hours", "Rate"], ["First two", "1.5x"]],
    )
    doc = load_docx(raw, "guide.docx", "h")
    assert "# Overtime pay" in doc.text
    assert "- Keep a record of your hours." in doc.text
    assert "Hours | Rate" in doc.text and "First two | 1.5x" in doc.text
    assert doc.title == "Guide to overtime pay"


def test_html_article_without_menu_cookies_footer_or_script():
    raw = make_html(
        "Miners' union signs new agreement &amp; wage scale",
        [
            "The miners' union signed a new collective agreement on Friday after six weeks of "
            "talks with the company.",
            "The agreement raises wages by twelve percent and adds a rehabilitation fund for "
            "miners with occupational diseases.",
        ],
    )
    doc = load_html(raw, "news/agreement.html", "h")
    assert "twelve percent" in doc.text
    for noise in ("News menu item", "cookies", "footer", "tracking"):
        assert noise not in doc.text
    assert doc.title == "Miners' union signs new agreement & wage scale"


def test_html_lists_and_headings_are_kept_without_an_article_element():
    # Failed with trafilatura's favor_precision: a page with no <article> or <main> lost every
    # list item and heading, and the facts in them never reached the index.
    raw = b"""<html><head><title>Study leave</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News menu item</a></li></ul></nav>
    <h1>Study leave: a guide</h1>
    <p>This guide explains the rules of study leave for workers who combine work and study.</p>
    <h2>How long it lasts</h2>
    <ul><li>Entrance exams: fifteen calendar days.</li><li>Final exams: up to four months.</li></ul>
    <p>The employer keeps the average wage when the collective agreement says so.</p>
    <footer>Copyright 2024 Example site footer.</footer></body></html>"""
    doc = load_html(raw, "guidance/study-leave.html", "h")
    assert "up to four months" in doc.text and "fifteen calendar days" in doc.text
    assert "How long it lasts" in doc.text
    assert "News menu item" not in doc.text and "footer" not in doc.text


@pytest.mark.parametrize(
    ("loader", "raw", "reason"),
    [
        (load_pdf, b"%PDF-1.4 this is not a pdf at all", "not a readable PDF"),
        (load_pdf, make_pdf(PAGES, password="secret"), "password"),
        (load_docx, b"plain text pretending to be a docx", "not a Word document"),
        (load_html, b"<html><script>only()</script></html>", "no article text"),
    ],
)
def test_broken_files_raise_a_reason(loader, raw, reason):
    with pytest.raises(UnreadableFileError, match=reason):
        loader(raw, "x", "h")


def test_markdown_bold_marks_are_dropped_and_their_words_kept():
    """Before, "**9 hours**" was stored and quoted with its marks, and a sentence could start
    inside a bold span ("** A sanction must ...")."""
    from ingest.loaders import load_markdown_or_text

    raw = (
        b"# Drivers\n\nDaily **driving time** may not exceed **9 hours.** A break of\n"
        b"__45 minutes__ follows. The ratio 2**14 stays.\n"
    )
    text = load_markdown_or_text(raw, "drivers.md", "h").text
    assert "Daily driving time may not exceed 9 hours. A break of\n45 minutes follows." in text
    assert "2**14" in text
