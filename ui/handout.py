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
from assistant.extractive import reflowed
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
                paragraphs = reflowed(passage.text)
                for i, paragraph in enumerate(paragraphs):
                    marker = f" [{n}]" if i == len(paragraphs) - 1 else ""
                    lines.append(f"> {_md(paragraph)}{marker}")
                    if marker == "":
                        lines.append(">")
        lines += ["", "## Sources", ""]
        for section in self.sections:
            for n, _passage in section.passages:
                lines.append(
                    f"{n}. {_md(section.title)}, {section.date or 'undated'}, {section.kind} "
                    f"(`{section.source.replace('`', '')}`)"
                )
        return "\n".join(lines) + "\n"

    def as_docx(self) -> bytes:
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
                paragraphs = reflowed(passage.text)
                for i, paragraph in enumerate(paragraphs):
                    quote = document.add_paragraph(_xml_safe(paragraph), style="Quote")
                    if i == len(paragraphs) - 1:
                        quote.add_run(f" [{n}]").bold = True
        document.add_heading("Sources", level=1)
        for section in self.sections:
            for n, _passage in section.passages:
                document.add_paragraph(
                    _xml_safe(
                        f"[{n}] {section.title}, {section.date or 'undated'}, {section.kind} "
                        f"({section.source})"
                    )
                )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
