"""Front matter wins; missing fields are inferred and marked as inferred."""

from __future__ import annotations

import pytest

from ingest.loaders import decode_text, load_markdown_or_text
from ingest.metadata import infer_language
from tests.conftest import OIL_SEMINAR, SAMPLE_CORPUS


def test_front_matter_wins():
    path = SAMPLE_CORPUS / "guidance" / "conciliation-commission.md"
    doc = load_markdown_or_text(path.read_bytes(), "guidance/conciliation-commission.md", "h")
    assert doc.title == "How a conciliation commission is formed and how it works"
    assert (doc.date, doc.doc_type, doc.language) == ("2024-02-01", "law_guidance", "en")
    assert doc.inferred == {}
    assert not doc.text.startswith("---")


def test_shared_report_metadata_is_inferred_from_name_and_text(shared_corpus):
    raw = (shared_corpus / OIL_SEMINAR).read_bytes()
    doc = load_markdown_or_text(raw, OIL_SEMINAR, "h")
    assert doc.doc_id == OIL_SEMINAR
    assert doc.date == "2022-11-24" and doc.inferred["date"] == "file_name"
    assert doc.doc_type == "seminar_report" and doc.inferred["doc_type"] == "keywords"
    assert doc.title == "Seminar oil industry activists" and doc.inferred["title"] == "file_name"
    assert doc.language == "en"


def test_plain_text_title_and_written_date():
    path = SAMPLE_CORPUS / "seminars" / "seminar-digital-organizing-online.txt"
    doc = load_markdown_or_text(path.read_bytes(), "seminar-digital-organizing-online.txt", "h")
    assert doc.title == "Online seminar on digital tools for primary trade union organizations"
    assert doc.date == "2024-09-12" and doc.inferred["date"] == "text"


def test_front_matter_id_and_address_type():
    raw = b"---\nid: custom-7\n---\nSummary of the address of the Head of State to the nation.\n"
    doc = load_markdown_or_text(raw, "a.md", "h")
    assert doc.doc_id == "custom-7" and doc.doc_type == "address_summary"


def test_encodings_and_languages():
    russian = "Профсоюз защищает права работников."
    assert decode_text(russian.encode("cp1251")) == russian
    assert decode_text(b"\xef\xbb\xbfhello\x00 world\r\n") == "hello world\n"
    assert decode_text("тест".encode("utf-16")) == "тест"
    assert infer_language(russian) == "ru"
    assert infer_language("Кәсіподақ жұмысшылардың құқықтарын қорғайды.") == "kk"
    assert infer_language("The union protects workers.") == "en"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Overtime guidance\n\nThis note was prepared in March 2024 by lawyers.", "2024-03-01"),
        ("Памятка\n\nПодготовлена юристами федерации в мае 2023 года.", "2023-05-01"),
        ("Жадынама\n\n2024 жылғы қазан айында дайындалды.", "2024-10-01"),
    ],
)  # fmt: skip
def test_a_month_and_year_in_the_text_date_an_undated_document(text, date):
    """Guidance that says "prepared in March 2024" was shown as undated."""
    doc = load_markdown_or_text(text.encode(), "guidance/note.md", "h")
    assert doc.date == date and doc.inferred["date"] == "text_month"


def test_a_full_date_in_the_text_wins_over_a_month():
    doc = load_markdown_or_text(b"Note\n\nIn March 2024; updated May 2, 2024.", "n.md", "h")
    assert doc.date == "2024-05-02" and doc.inferred["date"] == "text"
