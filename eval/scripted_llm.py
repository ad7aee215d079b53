"""A scripted OpenAI-compatible chat server on 127.0.0.1, for the tests of our LLM checks and for
measuring the LLM path of conversations (`python -m eval.llm_rewrite`).

It is not an LLM: each request gets the next scripted reply, so a test can send good citations,
citations to passages that do not exist, uncited sentences, refusals, errors or a slow reply,
and check what fedqa makes of them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    text: str = ""
    delay: float = 0.0
    status: int = 200


@dataclass
class ScriptedLLM:
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    # Replies by what was asked (a rewrite or an answer), in place of `replies`, when set.
    respond: Callable[[str], Reply] | None = None

    def next_reply(self, prompt: str = "") -> Reply:
        if self.respond is not None:
            return self.respond(prompt)
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


def prompt_of(body: dict) -> str:
    """The text of a chat request's messages, or a completion request's prompt."""
    messages = body.get("messages") or []
    return "\n".join(str(m.get("content", "")) for m in messages) or str(body.get("prompt", ""))


def _handler(script: ScriptedLLM):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            script.requests.append(body)
            reply = script.next_reply(prompt_of(body))
            time.sleep(reply.delay)
            if reply.status != 200:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"error": {"message": "scripted failure"}}).encode())
                return
            model = body.get("model", "scripted")
            if body.get("stream"):
                self._stream(reply.text, model)
            else:
                self._send_json(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": 0,
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": reply.text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                )

        def _send_json(self, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, text: str, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            pieces = [word + " " for word in text.split(" ")]
            for piece in pieces + [None]:
                chunk = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"content": piece} if piece is not None else {},
                            "finish_reason": None if piece is not None else "stop",
                        }
                    ],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    return Handler


class ScriptedLLMServer:
    """Context manager: `with ScriptedLLMServer() as (url, script): ...`."""

    def __enter__(self) -> tuple[str, ScriptedLLM]:
        self.script = ScriptedLLM([Reply("NOT COVERED")])
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.script))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1", self.script

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
