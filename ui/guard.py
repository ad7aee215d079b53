"""The web app's front door: what is refused before Gradio or fedqa read a request.

A pure ASGI middleware (Starlette's `BaseHTTPMiddleware` would buffer whole bodies, the very
thing the size limit is for). It refuses, with a short fixed text:
- a request body over the limit (413), counted as it streams, Content-Length or not;
- a NUL byte in the query string (400): no route of ours takes one, and file APIs choke on it;
- routes that only tell an attacker about the app (the OpenAPI map, monitoring, deep links,
  which write a session's input values, passwords included, to disk) (404);
- Gradio's upload route when uploads are disabled, since only the upload tab takes files (403).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_ROUTE = "/gradio_api/upload"
HIDDEN_ROUTES = ("/openapi.json", "/docs", "/redoc", "/gradio_api/deep_link")
HIDDEN_PREFIXES = ("/monitoring", "/gradio_api/monitoring", "/gradio_api/openapi")


class _TooLarge(Exception):
    pass


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Wraps the whole server app (FastAPI with Gradio mounted)."""

    def __init__(
        self, app: ASGIApp, *, max_body: int, max_upload: int, uploads_enabled: bool
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.uploads_enabled = uploads_enabled

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        path = scope.get("path", "")
        if b"\x00" in scope.get("query_string", b"") or b"%00" in scope.get("query_string", b""):
            return 400, "Bad request."
        if path in HIDDEN_ROUTES or path.startswith(HIDDEN_PREFIXES):
            return 404, "Not found."
        if path.rstrip("/") == UPLOAD_ROUTE and not self.uploads_enabled:
            return 403, "Uploading is disabled on this server."
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal:
            await _refuse(send, *refusal)
            return
        limit = self.max_upload if scope["path"].rstrip("/") == UPLOAD_ROUTE else self.max_body
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, 413, "The request is too large.")
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, "The request is too large.")
