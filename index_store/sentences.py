"""Sentences of a passage: what an answer may quote, and what is embedded to rank them.

Splitting is text processing shared by ingestion (which stores each sentence's vector, see
`sentence_vectors`) and answering (which ranks and quotes the sentences), so both see the same
sentences. Paragraphs are split on blank lines, list items count as sentences, headings are
dropped, and two cuts punkt makes in our documents are mended (after an initial, inside a short
quoted title).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_TERMINAL = tuple('.!?;:"\u201d\u00bb)')


def is_heading(block: str) -> bool:
    """A Markdown heading, or a short line with no closing punctuation (a plain-text title)."""
    block = block.strip()
    if block.startswith("#"):
        return True
    return "\n" not in block and len(block.split()) < 20 and not block.endswith(_TERMINAL)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, without headings; list items count as sentences.

    Paragraphs are separated by blank lines (single newlines are hard wraps); each paragraph goes
    through llama-index's offline, punkt-based sentence tokenizer.
    """
    return [sentence for sentence, _lead in sentences_and_leads(text)]


@lru_cache(maxsize=20_000)
def sentences_and_leads(text: str) -> tuple[tuple[str, str], ...]:
    """Each sentence with its lead: the first piece punkt cut, before any mending. Cached: a
    passage is split when it is scored and again when the answer is composed."""
    from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer

    tokenize = split_by_sentence_tokenizer()
    sentences: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", text):
        if is_heading(block):
            continue  # a title states nothing and would crowd out the real answer
        for item in re.split(r"\n\s*(?:[-*\u2022]|\d+[.)])\s+", "\n" + block):
            paragraph = " ".join(item.split())
            if paragraph:
                sentences.extend(_rejoined(s.strip() for s in tokenize(paragraph) if s.strip()))
    return tuple(sentences)


_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.])[A-ZА-ЯЁ]\.$")
MAX_TITLE_CHARS = 100


_QUOTES = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"))


def _quoted_title_end(pieces: list[str], first: int) -> int | None:
    """Where a quotation opened in pieces[first] and left open closes, when the whole quotation
    is short enough to be a title ("\u201cA just state. One nation. A prosperous society.\u201d")
    rather than a speech, which keeps its sentences."""
    for opening, closing in _QUOTES:
        start = pieces[first].rfind(opening)
        if start < 0 or closing in pieces[first][start:]:
            continue
        quoted = len(pieces[first]) - start
        for last in range(first + 1, len(pieces)):
            end = pieces[last].find(closing)
            quoted += (end if end >= 0 else len(pieces[last])) + 1
            if quoted > MAX_TITLE_CHARS:
                return None
            if end >= 0:
                return last
    return None


def _rejoined(pieces: Iterable[str]) -> list[tuple[str, str]]:
    """Mend two cuts the punkt tokenizer makes in our documents: after an initial ("the
    President K.K. | Tokayev") and inside a quoted title ("the address \u201cA just state. | One
    nation. | A prosperous society\u201d"). Each mended sentence comes with its first piece."""
    pieces = list(pieces)
    sentences: list[tuple[str, str]] = []
    first = 0
    while first < len(pieces):
        last = _quoted_title_end(pieces, first)
        last = first if last is None else last
        sentence = " ".join(pieces[first : last + 1])
        if sentences and _ENDS_WITH_INITIAL.search(sentences[-1][0]):
            sentences[-1] = (f"{sentences[-1][0]} {sentence}", sentences[-1][1])
        else:
            sentences.append((sentence, pieces[first]))
        first = last + 1
    return sentences


def reflowed(text: str) -> list[str]:
    """Paragraphs of a passage with hard line wraps undone, so quotes match and lines reflow."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def texts_to_embed(text: str) -> list[str]:
    """Every sentence of a passage and each mended sentence's lead: the texts the answerer
    embeds to rank them (a sentence joined to the one before it is embedded when asked)."""
    found: dict[str, None] = {}
    for sentence, lead in sentences_and_leads(text):
        found[sentence] = None
        found[lead] = None
    return list(found)


@dataclass(frozen=True)
class Block:
    """A piece of a passage as a reader sees it: a heading, a list item or a paragraph."""

    kind: str  # "heading", "item" or "paragraph"
    text: str
    level: int = 0  # a heading's level (# is 1)
    ordered: bool = False  # a numbered list item


_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")
_ITEM = re.compile(r"^(?:([-*\u2022])|(\d+)[.)])\s+(.*)$")


def blocks(text: str, trim: bool = True) -> list[Block]:
    """The passage's headings, list items and paragraphs, hard wraps undone. `trim`: no heading
    at the end (a chunk can stop right after one; it would head nothing)."""
    found: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in paragraph.strip().splitlines() if line.strip()]
        while lines and _HEADING.match(lines[0]):
            marks, title = _HEADING.match(lines[0]).groups()  # type: ignore[union-attr]
            if title.strip("# "):
                found.append(Block("heading", title.strip("# "), len(marks)))
            lines = lines[1:]
        pieces: list[Block] = []
        for line in lines:
            item = _ITEM.match(line)
            if item:
                pieces.append(Block("item", item.group(3), ordered=item.group(2) is not None))
            elif pieces:
                last = pieces[-1]
                pieces[-1] = Block(last.kind, f"{last.text} {line}", ordered=last.ordered)
            else:
                pieces.append(Block("paragraph", line))
        found.extend(pieces)
    while trim and found and found[-1].kind == "heading":
        found.pop()
    return found


def _opening_items(pieces: list[Block], limit: int) -> list[str]:
    """The texts of the list items `pieces` open with, at most `limit`."""
    items: list[str] = []
    for block in pieces:
        if block.kind != "item" or len(items) == limit:
            break
        items.append(block.text)
    return items


def items_announced_within(text: str, announcement: str, limit: int) -> list[str]:
    """The list items that follow `announcement` ("Night work is barred for:") inside `text`:
    an announcement quoted without its items answers nothing. Empty when `text` ends on it (its
    items are in the next chunk: `announced_items`)."""
    pieces = blocks(text)
    said = announcement.rstrip()
    for n, block in enumerate(pieces):
        if block.kind != "item" and block.text.rstrip().endswith(said):
            return _opening_items(pieces[n + 1 :], limit)
    return []


def announced_items(text: str, following: str, limit: int) -> list[str]:
    """The list items that `following` (the next chunk) opens with when `text` ends on the
    sentence announcing them ("She listed the documents a worker needs:"): the chunker cuts at
    the blank line between the two, which leaves the announcement without its list. Chunks
    overlap, so the next one may repeat the end of this one first."""
    pieces = blocks(text)
    if not pieces or pieces[-1].kind == "item" or not pieces[-1].text.rstrip().endswith(":"):
        return []
    end = pieces[-1].text
    after = blocks(following)
    start = next((n + 1 for n, b in enumerate(after[:3]) if end.endswith(b.text)), 0)
    return _opening_items(after[start:], limit)
