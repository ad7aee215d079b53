"""A lecturer's handout: the passages they kept, numbered, with a source list (Markdown, DOCX).

Both formats are written from the same `Handout`, so the numbers in the text and the source list
always agree. Document text is escaped for Markdown: a handout opened in a Markdown viewer must
show a document's `<script>` or `[link](javascript:...)` as text, as the web chat does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from assistant.answer import Passage
from ui.render import DOC_TYPE_LABELS

_MARKDOWN_SPECIAL = re.compile(r"([\\`<>\[\]])")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _xml_safe(text: str) -> str:
    """Word files are XML, which cannot hold most control characters; python-docx refuses them."""
    return _NOT_IN_XML.sub("", text)


def by_document(passages: list[Passage]) -> list[list[Passage]]:
    """Passages grouped by document: documents in the order of their best passage, passages in
    the document's own order, so a handout reads like the documents it quotes."""
    groups: dict[str, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.doc_id, []).append(passage)
    return [sorted(group, key=lambda p: p.position) for group in groups.values()]


@dataclass(frozen=True)
class HandoutSection:
    """One document and the numbered passages kept from it, in the document's order."""

    title: str
    date: str | None
    doc_type: str
    source: str
    passages: tuple[tuple[int, Passage], ...]

    @property
    def kind(self) -> str:
        return DOC_TYPE_LABELS.get(self.doc_type, self.doc_type)

    @property
    def source_entry(self) -> str:
        """The document once in the source list, with the passage numbers it supplied."""
        numbers = ", ".join(f"[{n}]" for n, _passage in self.passages)
        label = "passage" if len(self.passages) == 1 else "passages"
        return (
            f"{self.title}, {self.date or 'undated'}, {self.kind} ({self.source}): "
            f"{label} {numbers}"
        )


@dataclass(frozen=True)
class Handout:
    topic: str
    sections: tuple[HandoutSection, ...]
    prepared: dt.date

    @classmethod
    def from_passages(
        cls, topic: str, passages: list[Passage], prepared: dt.date | None = None
    ) -> Handout:
        sections, n = [], 0
        for group in by_document(passages):
            numbered = []
            for passage in group:
                n += 1
                numbered.append((n, passage))
            doc = group[0]
            sections.append(
                HandoutSection(doc.title, doc.date, doc.doc_type, doc.source, tuple(numbered))
            )
        return cls(topic, tuple(sections), prepared or dt.date.today())

    def as_markdown(self) -> str:
        lines = [
            f"# Handout: {_md(self.topic)}",
            "",
            f"Passages from the materials of the Federation of Trade Unions of the Republic of "
            f"Kazakhstan, prepared on {self.prepared.isoformat()}.",
        ]
        for section in self.sections:
            lines += ["", f"## {_md(section.title)}", ""]
            lines.append(f"*{section.date or 'undated'} · {section.kind}*")
            for n, passage in section.passages:
                lines.append("")
                shown = passage.blocks()
                for i, block in enumerate(shown):
                    marker = f" [{n}]" if i == len(shown) - 1 else ""
                    text = _md(block.text)
                    if block.kind == "heading":
                        lines += [f"> **{text}**", ">"]
                    elif block.kind == "item":
                        lines.append(f"> {'1.' if block.ordered else '-'} {text}{marker}")
                    else:
                        lines += [f"> {text}{marker}", ">"] if not marker else [f"> {text}{marker}"]
        lines += ["", "## Sources", ""]
        for number, section in enumerate(self.sections, 1):
            lines.append(f"{number}. {_md(section.source_entry)}")
        return "\n".join(lines) + "\n"

    def as_docx(self) -> bytes:
        """A Word document with real headings (the topic, each document, a passage's own
        headings one level below), bulleted and numbered lists where the passage has them, and
        a numbered source list with one entry per document."""
        import docx

        document = docx.Document()
        topic = _xml_safe(self.topic)
        document.core_properties.title = f"Handout: {topic}"
        document.add_heading(f"Handout: {topic}", level=0)
        document.add_paragraph(
            "Passages from the materials of the Federation of Trade Unions of the Republic of "
            f"Kazakhstan, prepared on {self.prepared.isoformat()}."
        )
        for section in self.sections:
            document.add_heading(_xml_safe(section.title), level=1)
            meta = document.add_paragraph()
            meta.add_run(f"{section.date or 'undated'} · {section.kind}").italic = True
            for n, passage in section.passages:
                shown = passage.blocks()
                for i, block in enumerate(shown):
                    text = _xml_safe(block.text)
                    if block.kind == "heading":
                        document.add_heading(text, level=min(block.level + 1, 4))
                        continue
                    style = (
                        ("List Number" if block.ordered else "List Bullet")
                        if block.kind == "item"
                        else "Quote"
                    )
                    paragraph = document.add_paragraph(text, style=style)
                    if i == len(shown) - 1:
                        paragraph.add_run(f" [{n}]").bold = True
        document.add_heading("Sources", level=1)
        for section in self.sections:
            document.add_paragraph(_xml_safe(section.source_entry), style="List Number")
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
