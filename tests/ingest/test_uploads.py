"""Names that browsers send for uploaded files, made safe for the corpus folder."""

from __future__ import annotations

import pytest

from ingest.uploads import safe_file_name, save_uploads


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\Отчёт о семинаре.docx", "Отчёт о семинаре.docx"),
        (".bashrc.md", "bashrc.md"),
        ("a\x00b\nc.md", "a_b_c.md"),
        ("..", "upload"),
        ("", "upload"),
    ],
)
def test_safe_file_name(sent, saved):
    assert safe_file_name(sent) == saved


def test_long_names_keep_their_extension():
    name = safe_file_name("й" * 300 + ".docx")
    assert name.endswith(".docx") and len(name.encode()) <= 180


def test_save_uploads_stays_inside_the_folder_and_refuses_unknown_formats(tmp_path):
    upload = tmp_path / "tmp-upload"
    upload.write_text("Collective agreements are signed for three years.")
    corpus = tmp_path / "corpus"
    saved = save_uploads([(upload, "../../escape.md"), (upload, "notes.exe")], corpus)
    assert saved[0].source == "uploads/escape.md"
    assert (corpus / "uploads" / "escape.md").read_text().startswith("Collective")
    assert saved[1].source is None and "'.exe' is not supported" in saved[1].reason
    assert sorted(p.name for p in corpus.rglob("*")) == ["escape.md", "uploads"]
