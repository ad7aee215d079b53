"""Metadata for a document: front matter wins, the rest is inferred and marked as such.

The rules are deliberately simple and visible (filename dates, keyword votes, script counts) so a
lecturer can predict them and override any field with front matter.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from typing import Any

from ingest.document import DOC_TYPES

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WRITTEN_DATE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b",
    re.IGNORECASE,
)
# "prepared in March 2024", "в марте 2024 года", "наурыз 2024": a month and a year, no day.
_MONTH_STEMS = {
    **{name: number for name, number in _MONTHS.items() if len(name) > 3 or name == "may"},
    **{
        stem: number
        for number, stems in enumerate(
            [
                ("январ", "қаңтар"), ("феврал", "ақпан"), ("март", "наурыз"),
                ("апрел", "сәуір"), ("май", "мая", "мае", "мамыр"), ("июн", "маусым"),
                ("июл", "шілде"),
                ("август", "тамыз"), ("сентябр", "қыркүйек"), ("октябр", "қазан"),
                ("ноябр", "қараша"), ("декабр", "желтоқсан"),
            ],
            start=1,
        )
        for stem in stems
    },
}  # fmt: skip
_MONTH_YEAR = re.compile(
    r"(?<!\w)(" + "|".join(sorted(_MONTH_STEMS, key=len, reverse=True)) + r")\w*\.?\s+(\d{4})\b",
    re.IGNORECASE,
)
_YEAR_MONTH = re.compile(  # Kazakh puts the year first: "2024 жылғы наурыз"
    r"\b(\d{4})\s+жыл\w*\s+(" + "|".join(sorted(_MONTH_STEMS, key=len, reverse=True)) + r")",
    re.IGNORECASE,
)
_DOC_TYPE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "seminar_report": ("seminar", "training", "workshop", "семинар", "тренинг"),
    "address_summary": (
        "address",
        "message of the president",
        "state of the nation",
        "head of state",
        "послание",
        "жолдау",
    ),
    "law_guidance": (
        "labor code",
        "labour code",
        "article ",
        "guidance",
        "employer must",
        "трудовой кодекс",
        "статья",
    ),
}


def valid_date(value: Any) -> str | None:
    """An ISO date string for a date, datetime or 'YYYY-MM-DD' text; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        match = _ISO_DATE.search(value)
        if match:
            return _checked(*match.groups())
    return None


def _checked(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def infer_title(text: str, source: str) -> tuple[str, str]:
    """A short first line (or Markdown heading) is the title; otherwise the file name is."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = line.lstrip("#").strip()
        if line.startswith("#") or (len(heading) <= 120 and not heading.endswith((".", ":"))):
            return heading, "first_line"
        break
    stem = PurePosixPath(source).stem
    stem = _ISO_DATE.sub("", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else source, "file_name"


def infer_date(text: str, source: str) -> tuple[str | None, str]:
    """The first valid date in the file name, else the first one written in the text, else a
    month and year written in the text ("prepared in March 2024": 2024-03-01, "text_month")."""
    match = _ISO_DATE.search(PurePosixPath(source).name)
    if match and (date := _checked(*match.groups())):
        return date, "file_name"
    head = text[:3000]
    match = _ISO_DATE.search(head)
    if match and (date := _checked(*match.groups())):
        return date, "text"
    match = _WRITTEN_DATE.search(head)
    if match:
        month = _MONTHS[match.group(1).lower()]
        date = _checked(match.group(3), str(month), match.group(2))
        if date:
            return date, "text"
    match = _MONTH_YEAR.search(head)
    year_first = _YEAR_MONTH.search(head)
    if match or year_first:
        month_name, year = match.groups() if match else year_first.groups()[::-1]  # type: ignore[union-attr]
        date = _checked(year, str(_MONTH_STEMS[month_name.lower()]), "1")
        if date:
            return date, "text_month"  # the first of the month: the text gives no day
    return None, "none"


def infer_doc_type(title: str, text: str) -> str:
    """The document type whose keywords occur most in the title (weighted) and opening text."""
    title_l, head = title.lower(), text[:3000].lower()
    votes = {
        doc_type: 3 * sum(k in title_l for k in keys) + sum(head.count(k) for k in keys)
        for doc_type, keys in _DOC_TYPE_KEYWORDS.items()
    }
    best = max(votes, key=lambda k: votes[k])
    return best if votes[best] > 0 else "other"


def infer_language(text: str) -> str:
    """'kk', 'ru' or 'en' from the letters used: enough to pick a stemmer and a filter."""
    from index_store.stemming import language_of

    return language_of(text)


def build_metadata(
    front: dict[str, Any], text: str, source: str, hints: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict]:
    """Resolve title, date, doc_type and language; returns (values, how each was inferred).

    `front` is front matter (it wins); `hints` are the file's own properties (PDF metadata, DOCX
    core properties, HTML title), used before guessing from the text.
    """
    hints = hints or {}
    inferred: dict[str, str] = {}
    title = str(front["title"]).strip() if front.get("title") else ""
    if not title and hints.get("title"):
        title, inferred["title"] = str(hints["title"]).strip(), "file_properties"
    if not title:
        title, inferred["title"] = infer_title(text, source)
    date = valid_date(front.get("date"))
    if date is None and valid_date(hints.get("date")):
        date, inferred["date"] = valid_date(hints.get("date")), "file_properties"
    if date is None:
        date, how = infer_date(text, source)
        inferred["date"] = how
    doc_type = str(front.get("doc_type", "")).strip()
    if doc_type not in DOC_TYPES:
        doc_type = infer_doc_type(title, text)
        inferred["doc_type"] = "keywords"
    language = str(front.get("language", "")).strip().lower()
    if not language:
        language = infer_language(text)
        inferred["language"] = "letters"
    return {"title": title, "date": date, "doc_type": doc_type, "language": language}, inferred
