"""Metadata that does not parse is a warning, not a skip: the text is ingested, the metadata is
inferred as for a file without front matter, and the report says what was wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from index_store.store import Store
from ingest.loaders import load_markdown_or_text
from ingest.sync import sync_folder
from tests.conftest import make_settings
from ui.render import ingest_report_as_html

BIKES = (
    "The bicycle committee of the miners' union meets every Thursday at the pit head.\n\n"
    "It plans safe routes for the night shift and lends lights to members who cycle to work."
)
BROKEN_YAML = f"---\ntitle: [unclosed\ndoc_type: seminar_report\n---\n{BIKES}\n"
UNKNOWN_TYPE = (
    "---\ntitle: Overtime rules\ndoc_type: memo\n---\n"
    "Overtime may not exceed two hours a day for each worker, the guidance says.\n"
)
BAD_DATE = (
    "---\ntitle: Shift rota\ndate: 2024-02-30\n---\n"
    "The night shift rota is agreed with the union committee every quarter.\n"
)
TITLE_LIST = "---\ntitle: [Leave, Holidays]\nlanguage: English\n---\nAnnual leave is 24 days.\n"


def _without_front_matter(text: str, source: str):
    """The document the loader makes of the same body with no front matter at all."""
    body = text.split("---\n", 2)[2]
    return load_markdown_or_text(body.encode(), source, "h")


def _metadata(doc) -> tuple:
    return (doc.doc_id, doc.title, doc.date, doc.doc_type, doc.language, doc.inferred, doc.text)


def test_broken_yaml_is_read_with_inferred_metadata_and_a_warning():
    doc = load_markdown_or_text(BROKEN_YAML.encode(), "2023-05-17-bikes.md", "h")
    assert doc.text == BIKES  # the broken block is not part of the text
    assert _metadata(doc) == _metadata(_without_front_matter(BROKEN_YAML, "2023-05-17-bikes.md"))
    assert doc.date == "2023-05-17" and doc.inferred["date"] == "file_name"
    assert doc.warnings == [
        "the front matter is not valid YAML (line 2); its metadata was inferred from the text"
    ]


@pytest.mark.parametrize(
    ("text", "fields", "words"),
    [
        (UNKNOWN_TYPE, {"doc_type"}, ["doc_type 'memo' is not one of", "law_guidance"]),
        (BAD_DATE, {"date"}, ["date '2024-02-30' is not a valid date"]),
        (TITLE_LIST, {"title", "language"}, ["title is a list", "language 'English'"]),
    ],
    ids=["unknown_doc_type", "bad_date", "title_list_and_language_name"],
)
def test_a_bad_field_is_inferred_with_a_warning_and_the_rest_kept(text, fields, words):
    doc = load_markdown_or_text(text.encode(), "note.md", "h")
    plain = _without_front_matter(text, "note.md")
    assert doc.text == plain.text and not doc.text.startswith("---")
    for name in fields:  # the bad field is inferred exactly as without front matter
        assert getattr(doc, name) == getattr(plain, name)
        assert doc.inferred[name] == plain.inferred[name]
    if "title" not in fields:  # the good fields are still taken as written
        assert doc.title in text and "title" not in doc.inferred
    assert len(doc.warnings) == len(fields)
    for word in words:
        assert any(word in warning for warning in doc.warnings), (word, doc.warnings)


def test_warnings_reach_the_report_the_store_and_the_upload_page(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = {
        "bikes.md": BROKEN_YAML,
        "overtime.md": UNKNOWN_TYPE,
        "rota.md": BAD_DATE,
        "good.md": "# A good note\n\nThe union meets every Tuesday at noon.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    settings = make_settings(tmp_path / "data")

    report = sync_folder(folder, settings)
    assert report.skipped == [] and report.added == 4
    warnings = report.as_json()["warnings"]
    assert [w["source"] for w in warnings] == ["bikes.md", "overtime.md", "rota.md"]
    assert all(set(w) == {"source", "reason"} for w in warnings)
    assert "not valid YAML (line 2)" in warnings[0]["reason"]
    assert "doc_type 'memo'" in warnings[1]["reason"]
    assert "date '2024-02-30'" in warnings[2]["reason"]

    store = Store(settings, create=False)
    for source, needle in [
        ("bikes.md", "bicycle committee"),
        ("overtime.md", "two hours a day"),
        ("rota.md", "night shift rota"),
    ]:
        texts = store._collection.get(where={"doc_id": source})["documents"]
        joined = " ".join(texts)
        assert needle in joined and "---" not in joined and "unclosed" not in joined

    from assistant.service import Assistant

    found = Assistant(settings).find_material("the miners' bicycle committee and night lights")
    assert found and found[0].source == "bikes.md"

    page = ingest_report_as_html(report.as_json(), [])
    assert "Files added with a warning" in page and "<code>bikes.md</code>" in page
    assert "doc_type &#x27;memo&#x27;" in page

    # Warnings come from reading a file: an unchanged file is not read again, a changed one is.
    again = sync_folder(folder, settings)
    assert (again.unchanged, again.warnings) == (4, [])
    (folder / "rota.md").write_text(BAD_DATE + "\nA second paragraph.\n")
    changed = sync_folder(folder, settings)
    assert changed.updated == 1 and [w.source for w in changed.warnings] == ["rota.md"]
