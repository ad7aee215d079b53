"""Every value the web app receives, checked for its type and size on our side.

Gradio hands an event whatever JSON the caller sent, and a value shaped like its `FileData` is
turned into a file before our code runs. So nothing here trusts a component's declared type: a
value is text, a choice, numbers or uploaded files, or it is refused with a message that never
repeats what was sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from index_store.errors import FedqaError


class BadInput(FedqaError):
    """A web input of the wrong type or size; its message names the field, never the value."""


def text(value: object, field: str, max_chars: int) -> str:
    """`value` as text: None is empty; lone surrogates (invalid UTF-16 from JSON) become U+FFFD."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadInput(f"The {field} must be text.")
    if len(value) > max_chars:
        raise BadInput(f"The {field} is longer than {max_chars} characters; please shorten it.")
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def choice(value: object, field: str, choices: Iterable[str]) -> str:
    """One of `choices`."""
    allowed = list(choices)
    if not isinstance(value, str) or value not in allowed:
        raise BadInput(f"Choose the {field} from the list.")
    return value


def numbers(value: object, field: str, max_items: int) -> list[int]:
    """A list of whole numbers (None is empty)."""
    if value is None:
        return []
    if (
        not isinstance(value, list)
        or len(value) > max_items
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    ):
        raise BadInput(f"The {field} must be a list of numbers.")
    return value


def uploaded_files(value: object, cache: Path, max_files: int = 50) -> list[Path]:
    """Paths of files the page uploaded: each must lie in Gradio's upload cache."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if len(items) > max_files or not all(isinstance(v, str) for v in items):
        raise BadInput("The documents must be files uploaded through the page.")
    paths = [Path(v).resolve() for v in items]
    root = cache.resolve()
    if not all(p.is_relative_to(root) and p.is_file() for p in paths):
        raise BadInput("The documents must be files uploaded through the page.")
    return paths
