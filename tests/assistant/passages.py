"""A passage for tests that build their own, with every field but the ones a test cares about set
to a plain default."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer import Passage

_PLAIN = Passage(
    chunk_id="",
    doc_id="",
    source="",
    title="",
    date=None,
    doc_type="law_guidance",
    language="en",
    position=0,
    text="",
    score=0.8,
)


def passage(chunk_id: str, **fields: object) -> Passage:
    """A passage of its own document `<chunk_id>.md`, titled and worded `chunk_id` unless given."""
    named = {"doc_id": f"{chunk_id}.md", "source": f"{chunk_id}.md", "title": chunk_id}
    return replace(_PLAIN, chunk_id=chunk_id, **{"text": chunk_id, **named, **fields})
