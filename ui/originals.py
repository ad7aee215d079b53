"""Downloading the original file of a cited passage.

Not served through Gradio's `allowed_paths`: Gradio sends allowed files inline with their own
content type, so a hostile HTML document in the corpus would run as a page of our origin. Here a
file is served only when the store holds a document of that path, only from inside the corpus
folder, and always as a download that the browser must not render or sniff.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import quote

from assistant.answer import Passage
from ingest.uploads import safe_file_name

ROUTE = "/original"


def original_link(corpus: Path | None):
    """A function giving each passage's download URL (relative to the app), or None."""

    def link(passage: Passage) -> str | None:
        if corpus is None or not passage.source:
            return None
        return f"{ROUTE.lstrip('/')}?source={quote(passage.source, safe='')}"

    return link


def add_original_route(app, corpus: Path | None, has_source) -> None:
    """Adds `GET /original?source=...` to the FastAPI app; `has_source` asks the store."""
    from fastapi import HTTPException
    from fastapi.responses import FileResponse

    def original(source: str) -> FileResponse:
        if "\x00" in source:
            raise HTTPException(400, "Bad request.")
        if corpus is None:
            raise HTTPException(404, "The documents' folder is not known to this server.")
        path = (corpus / source).resolve()
        if not path.is_relative_to(corpus) or not path.is_file() or not has_source(source):
            raise HTTPException(404, "No such document.")
        return FileResponse(
            path,
            filename=safe_file_name(path.name),
            content_disposition_type="attachment",
            media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
        )

    app.add_api_route(ROUTE, original, methods=["GET"], include_in_schema=False)
