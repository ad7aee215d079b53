"""The unit ingest works on: one source file turned into text and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

DOC_TYPES = ("seminar_report", "address_summary", "law_guidance", "other")


@dataclass
class Document:
    """A loaded file. `inferred` maps each metadata field we guessed to how we guessed it."""

    doc_id: str
    source: str
    title: str
    date: str | None
    doc_type: str
    language: str
    text: str
    doc_hash: str
    inferred: dict[str, str] = field(default_factory=dict)
    # Other paths that hold exactly the same file; it is stored once, under `source`.
    also_at: list[str] = field(default_factory=list)
    # For paged formats (PDF): the offset in `text` where each page starts.
    page_starts: list[int] | None = None
    # Problems that did not stop the file from being read (e.g. front matter that does not
    # parse): one sentence each, shown to the lecturer in the ingest report.
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds character `offset`, for paged formats."""
        if not self.page_starts:
            return None
        return max(i for i, start in enumerate(self.page_starts, 1) if start <= offset or i == 1)


class UnreadableFileError(Exception):
    """A file that cannot be ingested; the message is the reason shown to a lecturer."""
