"""Check the known front matter fields; a bad value is dropped with a problem, never fatal.

A dropped field is then inferred exactly as for a file without front matter (ingest.metadata),
so one wrong value costs the lecturer that field, not the document.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ingest.document import DOC_TYPES
from ingest.metadata import valid_date

# What happens instead when a field is dropped, in the words of the warning.
_FALLBACK = {
    "title": "the title was taken from the first line or the file name",
    "date": "the date was taken from the file name or the text, if either has one",
    "doc_type": "the type was guessed from keywords in the text",
    "language": "the language was guessed from the letters the text uses",
    "id": "the file's path is its id",
    "source": "it was ignored",
}
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?")


def _kind(value: Any) -> str | None:
    """What the value is when it is not a single piece of text; None when it is one."""
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, str | int | float | dt.date):
        return None
    return f"a {type(value).__name__}"


def _problem(name: str, value: Any) -> str | None:
    """Why the value of field `name` cannot be used; None when it can."""
    kind = _kind(value)
    if kind is not None:
        return f"the front matter's {name} is {kind}, not text"
    text = str(value).strip()
    if name == "date" and valid_date(text) is None:
        return f"the front matter's date '{text}' is not a valid date (YYYY-MM-DD)"
    if name == "doc_type" and text not in DOC_TYPES:
        return f"the front matter's doc_type '{text}' is not one of {', '.join(DOC_TYPES)}"
    if name == "language" and not _LANGUAGE_CODE.fullmatch(text.lower()):
        return f"the front matter's language '{text}' is not a language code such as en, ru or kk"
    return None


def checked_fields(fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The fields with every unusable known value removed, and a sentence for each removal.

    An empty value (`title:` with nothing after it) means "not given" and is no problem.
    """
    kept = dict(fields)
    problems = []
    for name, fallback in _FALLBACK.items():
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        problem = _problem(name, value)
        if problem:
            del kept[name]
            problems.append(f"{problem}; {fallback}")
    return kept, problems
