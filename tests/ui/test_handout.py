# ruff: noqa: E501  (passages read best on one line)
"""Handouts: grouped by document, numbered consistently, escaped for Markdown viewers."""

from __future__ import annotations

import datetime as dt
import io

from assistant.answer import Passage
from ui.handout import Handout


def passage(doc: str, position: int, text: str, title: str = "Overtime rules") -> Passage:
    return Passage(
        chunk_id=f"{doc}-{position}",
        doc_id=doc,
        source=f"guidance/{doc}.md",
        title=title,
        date="2024-04-10",
        doc_type="law_guidance",
        language="en",
        position=position,
        text=text,
        score=0.5,
    )


def test_passages_are_grouped_by_document_in_document_order():
    found = [
        passage("b", 3, "Second document, best passage.", "Leave"),
        passage("a", 5, "First document, later passage."),
        passage("b", 1, "Second document, earlier passage.", "Leave"),
    ]
    handout = Handout.from_passages("leave", found, dt.date(2026, 11, 24))
    assert [s.title for s in handout.sections] == ["Leave", "Overtime rules"]
    assert [[n for n, _ in s.passages] for s in handout.sections] == [[1, 2], [3]]
    assert handout.sections[0].passages[0][1].position == 1
    markdown = handout.as_markdown()
    assert "prepared on 2026-11-24" in markdown
    assert markdown.index("earlier passage. [1]") < markdown.index("best passage. [2]")
    assert (
        "2. Overtime rules, 2024-04-10, Labor-law guidance (guidance/a.md): passage \\[3\\]"
        in markdown
    )
    assert (
        "1. Leave, 2024-04-10, Labor-law guidance (guidance/b.md): passages \\[1\\], \\[2\\]"
        in markdown
    )


def test_markdown_shows_hostile_text_as_text():
    hostile = passage("x", 0, "Click [here](javascript:alert(1)) <script>alert(2)</script>")
    markdown = Handout.from_passages("<img src=x onerror=alert(3)>", [hostile]).as_markdown()
    assert "\\[here\\](javascript:alert(1))" in markdown
    assert "\\<script\\>" in markdown and "<script>" not in markdown
    assert "# Handout: \\<img src=x onerror=alert(3)\\>" in markdown


def test_docx_holds_the_passages_and_survives_control_characters():
    import docx

    texts = ["Overtime is paid double.\x0b", "Night work\x01 is paid one and a half times."]
    found = [passage("a", i, t) for i, t in enumerate(texts)]
    document = docx.Document(io.BytesIO(Handout.from_passages("pay", found).as_docx()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Overtime is paid double. [1]" in text
    assert "Night work is paid one and a half times. [2]" in text
    assert (
        "Overtime rules, 2024-04-10, Labor-law guidance (guidance/a.md): passages [1], [2]" in text
    )


def test_docx_has_word_headings_lists_and_one_source_per_document():
    """The Word file held literal Markdown ("## How it is formed"), a passage ended on an empty
    heading that carried its number, and the source list repeated a document per passage."""
    import docx

    first = "# Karaganda seminar\n\nThe seminar opened on March 14.\n\n## How it is formed"
    second = "## How it is formed\n\n- two members from the workers;\n- two from the employer\n1. a chair"
    found = [
        passage("a", 0, first),
        passage("a", 1, second),
        passage("b", 0, "Leave is paid.", "Leave"),
    ]
    document = docx.Document(io.BytesIO(Handout.from_passages("bargaining", found).as_docx()))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert not any(text.lstrip().startswith("#") for _style, text in paragraphs)
    assert ("Heading 2", "Karaganda seminar") in paragraphs
    assert ("Heading 3", "How it is formed") in paragraphs
    assert ("Quote", "The seminar opened on March 14. [1]") in paragraphs  # not on a heading
    assert ("List Bullet", "two members from the workers;") in paragraphs
    assert ("List Number", "a chair [2]") in paragraphs
    sources = [text for style, text in paragraphs if style == "List Number" and "guidance/" in text]
    assert sources == [
        "Overtime rules, 2024-04-10, Labor-law guidance (guidance/a.md): passages [1], [2]",
        "Leave, 2024-04-10, Labor-law guidance (guidance/b.md): passage [3]",
    ]
