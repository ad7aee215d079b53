"""The web app: Gradio Blocks with three tabs, mounted in a FastAPI app with one extra route.

All text from documents and questions reaches the page through `ui.render`, escaped. The
model and the store are loaded once per process and shared by every user and tab.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from index_store.offline import ensure_offline
from index_store.settings import FedqaSettings
from ingest.corpus import corpus_folder
from ui.chat_tab import chat_tab
from ui.i18n import LANGUAGE_NAMES, locale_js, t, translations
from ui.material_tab import material_tab
from ui.originals import add_original_route, original_link
from ui.upload_tab import upload_tab

log = logging.getLogger(__name__)

# Each answer holds a CPU core for ~0.2 s; more workers than cores only queue inside torch.
CONCURRENCY = 4

CSS = """
.fedqa-answer p { font-size: 1.05rem; line-height: 1.5; }
.fedqa-marker { font-weight: 600; text-decoration: none; }
.fedqa-passage { border-left: 3px solid #4a7bd0; padding: .3rem .8rem; margin: .6rem 0; }
.fedqa-passage blockquote { margin: .3rem 0; }
.fedqa-passage blockquote p { margin: .3rem 0; }
.fedqa-meta { font-size: .9rem; color: #555; overflow-wrap: anywhere; }
.fedqa-meta code { white-space: normal; overflow-wrap: anywhere; }
.fedqa-answer { overflow-wrap: anywhere; }
.fedqa-error p { color: #a33; }
.fedqa-ingest table { border-collapse: collapse; }
.fedqa-ingest td, .fedqa-ingest th { border: 1px solid #ccc; padding: .2rem .5rem; }
mark { background: #fff3a0; }
"""


class LazyAssistant:
    """Loads the assistant on first use and again after a failure (e.g. nothing ingested yet)."""

    def __init__(self, settings: FedqaSettings) -> None:
        self.settings = settings
        self._assistant = None
        self._lock = threading.Lock()

    def get(self):
        with self._lock:
            if self._assistant is None:
                from assistant.service import Assistant

                self._assistant = Assistant(self.settings)
            return self._assistant

    def store_changed(self) -> None:
        with self._lock:
            if self._assistant is not None:
                self._assistant.store_changed()

    def has_source(self, source: str) -> bool:
        try:
            return self.get().store.has_source(source)
        except Exception:
            return False


def build_app(settings: FedqaSettings, assistant: LazyAssistant, corpus: Path | None):
    """The Gradio Blocks app (chat, prepare material, add documents)."""
    ensure_offline()
    import gradio as gr

    try:
        assistant.get()  # load the model at start-up, not on the first question
    except Exception as exc:  # shown on the first question instead
        log.warning("assistant not ready at start-up: %s", exc)
    link = original_link(corpus)

    ttl = max(1, round(settings.cache_ttl_minutes * 60))
    with gr.Blocks(
        title="fedqa - FTURK materials",
        analytics_enabled=False,
        delete_cache=(max(1, ttl // 2), ttl),  # uploads and handouts left in Gradio's cache
    ) as app:
        gr.Markdown(t("header"))
        with gr.Row(elem_id="fedqa-languages"):
            switches = {
                code: gr.Button(
                    name,
                    size="sm",
                    variant="secondary",
                    scale=0,
                    min_width=90,
                    elem_id=f"fedqa-lang-{code}",
                )
                for code, name in LANGUAGE_NAMES.items()
            }
        with gr.Tabs() as tabs:
            chat_tab(gr, settings, assistant, link)
            material_tab(gr, settings, assistant, link)
            upload_tab(gr, settings, assistant)
        # The page changes its language in the browser (ui.i18n.locale_js): once loaded, for a
        # Kazakh browser, and on a switch. A tab not yet shown keeps the label it was drawn
        # with, so the labels are sent again after.
        pages = list(tabs.children)
        labels = [page.label for page in pages]

        def relabel():
            return [gr.Tab(label=label) for label in labels]

        changes = [app.load(None, js=locale_js(), api_name=False)]
        changes += [
            button.click(None, js=locale_js(code), api_name=False)
            for code, button in switches.items()
        ]
        for change in changes:
            change.then(relabel, outputs=pages, queue=False, api_name=False)
    app.queue(default_concurrency_limit=CONCURRENCY)
    return app


def create_server_app(settings: FedqaSettings):
    """FastAPI app: `/original?source=...` (see ui.originals) and the Gradio app at `/`, behind
    the request guard (see ui.guard)."""
    ensure_offline()
    import gradio as gr
    from fastapi import FastAPI

    from ui.admin import AdminGate
    from ui.guard import RequestGuard

    assistant = LazyAssistant(settings)
    corpus = corpus_folder(settings)
    blocks = build_app(settings, assistant, corpus)
    server = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    add_original_route(server, corpus, assistant.has_source)
    app = gr.mount_gradio_app(
        server,
        blocks,
        path="/",
        css=CSS,
        i18n=translations(),
        # The system's fonts: nothing on the page is fetched as a web font, and no letter is
        # drawn in a fallback face while one loads (or fails to, offline).
        theme=gr.themes.Default(
            font=["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
            font_mono=["ui-monospace", "SFMono-Regular", "Consolas", "monospace"],
        ),
        footer_links=["api"],
        show_error=False,
        ssr_mode=False,
        run_history=False,
        enable_monitoring=False,
        max_file_size=f"{int(settings.max_file_mb)}mb",
        blocked_paths=[str(Path(settings.data_dir).resolve())],
    )
    # Gradio refuses a file input that names a server path instead of an upload ("was not
    # uploaded by a user") only once `Blocks.launch()` has set this; a mounted app never calls
    # it, so without this line any caller could have any readable file copied into the cache.
    blocks.has_launched = True
    return RequestGuard(
        app,
        max_body=settings.max_request_kb * 1024,
        max_upload=int(settings.max_upload_mb * 1024 * 1024),
        uploads_enabled=AdminGate(settings).enabled,
    )


class RunningServer:
    """The web app served by uvicorn in a background thread (tests, `serve`)."""

    def __init__(self, settings: FedqaSettings, host: str = "127.0.0.1", port: int = 7860):
        import uvicorn

        self.url = f"http://{host}:{port}/"
        config = uvicorn.Config(
            create_server_app(settings), host=host, port=port, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="fedqa-web", daemon=True)

    def start(self, timeout: float = 120.0) -> RunningServer:
        """Return once the app answers its config route (what every client asks first), not
        only once uvicorn listens: on a loaded machine the first answer can take seconds."""
        import time

        import httpx

        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web app did not start on {self.url}")
            time.sleep(0.05)
        while True:
            left = deadline - time.monotonic()
            try:
                if httpx.get(f"{self.url}config", timeout=max(left, 1.0)).is_success:
                    return self
            except httpx.HTTPError:
                pass
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web app on {self.url} did not answer")
            time.sleep(0.2)

    def wait(self) -> None:
        self._thread.join()

    def close(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def serve(settings: FedqaSettings, host: str = "127.0.0.1", port: int | None = None) -> None:
    """Start the web app and block; port None means GRADIO_SERVER_PORT or 7860."""
    import os

    import uvicorn

    port = port or int(os.environ.get("GRADIO_SERVER_PORT", "7860"))
    print(f"fedqa web chat on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(create_server_app(settings), host=host, port=port, log_level="warning")
