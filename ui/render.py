"""Answers as a person reads them: plain text for the terminal, escaped HTML for the web chat.

Everything that comes from a document or a question is escaped here, in one place, so that the
web page shows it as text and never runs it.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable

from assistant.answer import Answer, Passage

DOC_TYPE_LABELS = {
    "seminar_report": "Seminar report",
    "address_summary": "Address summary",
    "law_guidance": "Labor-law guidance",
    "other": "Other",
}
LANGUAGE_LABELS = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
_MARKER = re.compile(r"\[(\d+)\]")


def _label(passage: Passage) -> str:
    date = passage.date or "undated"
    kind = DOC_TYPE_LABELS.get(passage.doc_type, passage.doc_type)
    return f"{passage.title} ({date}, {kind}, {_language(passage)}) - {passage.source}"


def _language(passage: Passage) -> str:
    """The document's language: an answer may quote a document in another language than the
    question's."""
    return LANGUAGE_LABELS.get(passage.language, passage.language or "unknown language")


def answer_as_text(answer: Answer) -> str:
    lines = [answer.text]
    if answer.standalone and answer.standalone != answer.question:
        lines.insert(0, f"Answered as: {answer.standalone}")
    if answer.notice:
        lines.append(f"({answer.notice})")
    if answer.citations:
        lines.append("\nSources:")
        for citation in answer.citations:
            lines.append(f"[{citation.n}] {_label(citation.passage)}")
    if answer.closest:
        lines.append("\nClosest passages (not an answer):")
        for passage in answer.closest:
            excerpt = textwrap.shorten(passage.text, 240, placeholder=" ...")
            lines.append(f"- {_label(passage)} score {passage.score:.2f}\n    {excerpt}")
    return "\n".join(lines)


OriginalLink = Callable[[Passage], str | None]


def _no_link(passage: Passage) -> None:
    return None


def _passage_html(
    passage: Passage,
    anchor: str,
    badge: str,
    quotes: tuple[str, ...],
    link: OriginalLink = _no_link,
) -> str:
    paragraphs = []
    listed: str | None = None  # the list being written: "ul", "ol" or None
    for block in passage.blocks():
        tag = ("ol" if block.ordered else "ul") if block.kind == "item" else None
        if listed and tag != listed:
            paragraphs.append(f"</{listed}>")
        if tag and tag != listed:
            paragraphs.append(f"<{tag}>")
        listed = tag
        text = html.escape(block.text)
        if block.kind == "heading":  # no larger than the document's title above it
            paragraphs.append(f'<p class="fedqa-subheading"><strong>{text}</strong></p>')
            continue
        for quote in quotes:
            escaped = html.escape(" ".join(quote.split()))
            text = text.replace(escaped, f"<mark>{escaped}</mark>", 1)
        paragraphs.append(f"<li>{text}</li>" if tag else f"<p>{text}</p>")
    if listed:
        paragraphs.append(f"</{listed}>")
    kind = DOC_TYPE_LABELS.get(passage.doc_type, passage.doc_type)
    url = link(passage)
    download = (
        f' &middot; <a class="fedqa-original" href="{html.escape(url)}" download>original file</a>'
        if url
        else ""
    )
    return (
        f'<div class="fedqa-passage" id="{anchor}">'
        f'<div class="fedqa-meta"><b>{badge}</b> <span class="fedqa-title">'
        f"{html.escape(passage.title)}</span> &middot; {html.escape(passage.date or 'undated')}"
        f" &middot; {html.escape(kind)} &middot; {html.escape(_language(passage))}"
        f" &middot; <code>{html.escape(passage.source)}</code>"
        f"{download}</div><blockquote>{''.join(paragraphs)}</blockquote></div>"
    )


def answer_as_html(answer: Answer, link: OriginalLink = _no_link, prefix: str = "fedqa") -> str:
    """The answer with clickable [n] markers, then each cited (or closest) passage. In a
    conversation, a follow-up shows the question it was answered as. `prefix`: the passages'
    anchors, distinct per answer when several are on the page."""
    body = html.escape(answer.text)
    if answer.citations:
        body = _MARKER.sub(rf'<a href="#{prefix}-cite-\1" class="fedqa-marker">[\1]</a>', body)
    parts = ['<div class="fedqa-answer">']
    if answer.standalone and answer.standalone != answer.question:
        parts.append(
            f'<p class="fedqa-standalone">Answered as: {html.escape(answer.standalone)}</p>'
        )
    parts.append(f"<p>{body}</p>")
    if answer.notice:
        parts.append(f'<p class="fedqa-notice">{html.escape(answer.notice)}</p>')
    if answer.citations:
        parts.append("<h4>Sources</h4>")
        for c in answer.citations:
            parts.append(
                _passage_html(c.passage, f"{prefix}-cite-{c.n}", f"[{c.n}]", c.quotes, link)
            )
    if answer.closest:
        parts.append("<h4>Closest passages (not an answer)</h4>")
        for i, passage in enumerate(answer.closest, 1):
            parts.append(_passage_html(passage, f"{prefix}-closest-{i}", "&ndash;", (), link))
    parts.append("</div>")
    return "".join(parts)


def conversation_as_html(turns: list, link: OriginalLink = _no_link) -> str:
    """Earlier turns of a conversation, oldest first: each question as asked and its answer
    with its own citations. `turns`: assistant.conversation.Turn."""
    if not turns:
        return ""
    parts = ['<div class="fedqa-history">']
    for i, turn in enumerate(turns, 1):
        parts.append(
            f'<div class="fedqa-turn"><p class="fedqa-asked"><b>You:</b> '
            f"{html.escape(turn.asked)}</p>{answer_as_html(turn.answer, link, f'fedqa-t{i}')}"
            "</div>"
        )
    parts.append("</div>")
    return "".join(parts)


def message_as_html(message: str) -> str:
    return f'<div class="fedqa-answer fedqa-error"><p>{html.escape(message)}</p></div>'


def note_as_html(message: str) -> str:
    return f'<div class="fedqa-answer fedqa-note"><p>{html.escape(message)}</p></div>'


def partial_answer_html(text: str) -> str:
    """An LLM answer still being written: plain text, sources come once it has been checked."""
    return (
        f'<div class="fedqa-answer fedqa-streaming"><p>{html.escape(text)}</p>'
        '<p class="fedqa-notice">Writing the answer; its sources are checked when it is done.</p>'
        "</div>"
    )


def material_as_html(passages: list[Passage], link: OriginalLink = _no_link) -> str:
    """A lecturer's search result (already grouped by document), numbered as in the checkboxes."""
    if not passages:
        return message_as_html(
            "No passage in the materials is close enough to this topic. Try other words."
        )
    parts = ['<div class="fedqa-answer fedqa-material">']
    previous_doc = None
    for n, passage in enumerate(passages, 1):
        if passage.doc_id != previous_doc:
            parts.append(f'<h4 class="fedqa-doc">{html.escape(passage.title)}</h4>')
            previous_doc = passage.doc_id
        parts.append(_passage_html(passage, f"fedqa-material-{n}", f"{n}.", (), link))
    parts.append("</div>")
    return "".join(parts)


def ingest_report_as_html(report: dict, refused: list[tuple[str, str]]) -> str:
    """What an upload did, in a lecturer's words; file names and reasons are escaped."""
    counts = (
        f"{report['added']} added, {report['updated']} updated, {report['unchanged']} unchanged, "
        f"{report['removed']} removed; {report['chunks']} passages embedded in "
        f"{report['seconds']:.1f} s. The store now holds {report['documents']} documents."
    )
    rows = [(name, reason) for name, reason in refused]
    rows += [(s["source"], s["reason"]) for s in report["skipped"]]
    parts = [f'<div class="fedqa-answer fedqa-ingest"><p>{html.escape(counts)}</p>']
    if rows:
        parts.append("<h4>Files not added</h4><table><tr><th>File</th><th>Why</th></tr>")
        for name, reason in rows:
            parts.append(f"<tr><td><code>{html.escape(name)}</code></td>")
            parts.append(f"<td>{html.escape(reason)}</td></tr>")
        parts.append("</table>")
    warnings = report.get("warnings", [])
    if warnings:  # read and added, but some metadata was inferred instead of taken as written
        parts.append("<h4>Files added with a warning</h4>")
        parts.append("<table><tr><th>File</th><th>Warning</th></tr>")
        for warning in warnings:
            parts.append(f"<tr><td><code>{html.escape(warning['source'])}</code></td>")
            parts.append(f"<td>{html.escape(warning['reason'])}</td></tr>")
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)
