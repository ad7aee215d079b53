"""Find and parse the front matter block at the top of a text file, never refusing the file.

A lecturer's typo in the `---` block must not cost the document its text: a block that does not
parse is cut off the body and reported as a problem, and the metadata is inferred as for a file
without front matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml


class _TextDates(yaml.SafeLoader):
    """Safe YAML that leaves dates as written: `date: 2024-02-30` is a bad field, not a crash
    (PyYAML's own date constructor raises ValueError on it)."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_yaml_str)


@dataclass
class FrontMatter:
    """The fields of the block (empty when there is none or it is broken) and the body below it."""

    fields: dict[str, Any]
    body: str
    problems: list[str] = field(default_factory=list)


def read_front_matter(text: str) -> FrontMatter:
    """Split `text` into front matter fields and body; a block that does not parse is a problem."""
    handler = frontmatter.detect_format(text, frontmatter.handlers)
    if handler is None:
        return FrontMatter({}, text.strip())
    try:
        block, body = handler.split(text)
    except ValueError:  # an opening delimiter without a closing one: no front matter
        return FrontMatter({}, text.strip())
    body = body.strip()
    language = "YAML" if isinstance(handler, frontmatter.YAMLHandler) else "JSON"
    try:
        if isinstance(handler, frontmatter.YAMLHandler):
            data = handler.load(block, Loader=_TextDates)
        else:
            data = handler.load(block)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        # The context mark is where the broken construct starts (the '[' never closed); the
        # problem mark is where the parser gave up, often the end of the block.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = f"the front matter is not valid {language}{where}"
        return FrontMatter({}, body, [f"{problem}; its metadata was inferred from the text"])
    if data is None:  # an empty block
        return FrontMatter({}, body)
    if not isinstance(data, dict):
        problem = "the front matter is not made of 'field: value' lines"
        return FrontMatter({}, body, [f"{problem}; its metadata was inferred from the text"])
    return FrontMatter({str(key): value for key, value in data.items()}, body)
