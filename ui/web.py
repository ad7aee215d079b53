"""The web chat (Gradio): a question box, the cited answer, and the passages behind it.

All text from documents and questions reaches the page through `ui.render`, escaped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

from assistant.feedback import record_feedback
from assistant.retrieval import Filters
from index_store.offline import ensure_offline
from index_store.settings import FedqaSettings
from ui.errors import user_message
from ui.render import DOC_TYPE_LABELS, answer_as_html, message_as_html, partial_answer_html

log = logging.getLogger(__name__)

CSS = """
.fedqa-answer p { font-size: 1.05rem; line-height: 1.5; }
.fedqa-marker { font-weight: 600; text-decoration: none; }
.fedqa-passage { border-left: 3px solid #4a7bd0; padding: .3rem .8rem; margin: .6rem 0; }
.fedqa-passage blockquote { margin: .3rem 0; }
.fedqa-passage blockquote p { margin: .3rem 0; }
.fedqa-meta { font-size: .9rem; color: #555; }
.fedqa-error p { color: #a33; }
mark { background: #fff3a0; }
"""
ANY = "any"
DOC_TYPE_CHOICES = {label: key for key, label in DOC_TYPE_LABELS.items()}
EXAMPLES = [
    "How is a conciliation commission formed?",
    "What did the oil-industry seminar cover?",
    "How many hours of overtime are allowed in a year?",
]


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


def build_app(settings: FedqaSettings):
    """The Gradio Blocks app; tests start it with `launch(prevent_thread_lock=True)`."""
    ensure_offline()
    import gradio as gr

    assistant = LazyAssistant(settings)
    try:
        assistant.get()  # load the model at start-up, not on the first question
    except Exception as exc:  # shown on the first question instead
        log.warning("assistant not ready at start-up: %s", exc)

    def answer_html(
        question: str,
        doc_type: str = ANY,
        language: str = ANY,
        since: str = "",
        until: str = "",
    ) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """Streams the LLM's text as it comes (if one is configured), then the checked answer;
        its JSON is kept in the session for the feedback buttons."""
        try:
            filters = Filters.parse(
                DOC_TYPE_CHOICES.get(doc_type, doc_type), language, since, until
            )
            for step in assistant.get().ask_stream(question, filters):
                if isinstance(step, str):
                    yield partial_answer_html(step), None
                else:
                    yield answer_as_html(step), step.as_json()
        except Exception as exc:
            yield message_as_html(user_message(exc, settings.data_dir)), None

    def answer_json(question: str) -> dict[str, Any]:
        """The same JSON object as `fedqa ask --json`, for scripts using gradio_client."""
        try:
            return assistant.get().ask(question).as_json()
        except Exception as exc:
            message = user_message(exc, settings.data_dir)
            return {
                "question": question,
                "answered": False,
                "text": message,
                "citations": [],
                "error": message,
            }

    def give_feedback(verdict: str, comment: str, answer: dict[str, Any] | None) -> str:
        if not answer:
            return "Ask a question first; feedback is about an answer."
        try:
            record_feedback(settings, answer, verdict, comment)
        except Exception as exc:
            return user_message(exc, settings.data_dir)
        return "Thank you: your feedback was recorded."

    with gr.Blocks(title="fedqa - FTURK materials", analytics_enabled=False) as app:
        gr.Markdown(
            "## Ask the federation's materials\n"
            "Answers quote seminar reports, address summaries and labor-law guidance, "
            "with a numbered source for every sentence."
        )
        question = gr.Textbox(
            label="Your question",
            placeholder="How is a conciliation commission formed?",
            lines=2,
            max_lines=6,
            elem_id="fedqa-question",
        )
        with gr.Accordion("Filters", open=False), gr.Row():
            doc_type = gr.Dropdown(
                [ANY, *DOC_TYPE_CHOICES], value=ANY, label="Document type", elem_id="fedqa-type"
            )
            language = gr.Dropdown(
                [ANY, "en", "ru", "kk"], value=ANY, label="Language", elem_id="fedqa-lang"
            )
            since = gr.Textbox("", label="From date (YYYY-MM-DD)", elem_id="fedqa-since")
            until = gr.Textbox("", label="Until date (YYYY-MM-DD)", elem_id="fedqa-until")
        ask_button = gr.Button("Ask", variant="primary", elem_id="fedqa-ask")
        answer = gr.HTML(elem_id="fedqa-output", js_on_load=None)
        last_answer = gr.State(None)
        with gr.Row():
            comment = gr.Textbox(
                label="Comment on this answer (optional)", lines=1, scale=4, max_length=2000
            )
            helpful = gr.Button("Helpful", scale=1, elem_id="fedqa-up")
            unhelpful = gr.Button("Not helpful", scale=1, elem_id="fedqa-down")
        feedback_status = gr.Textbox(
            label="Feedback", interactive=False, elem_id="fedqa-feedback-status"
        )
        gr.Examples(EXAMPLES, inputs=question)
        inputs = [question, doc_type, language, since, until]
        ask_button.click(answer_html, inputs=inputs, outputs=[answer, last_answer], api_name="ask")
        question.submit(answer_html, inputs=inputs, outputs=[answer, last_answer], api_name=False)
        helpful.click(
            lambda c, a: give_feedback("up", c, a),
            inputs=[comment, last_answer],
            outputs=feedback_status,
            api_name="feedback_up",
        )
        unhelpful.click(
            lambda c, a: give_feedback("down", c, a),
            inputs=[comment, last_answer],
            outputs=feedback_status,
            api_name="feedback_down",
        )
        gr.api(answer_json, api_name="ask_json")
    return app


def serve(settings: FedqaSettings, host: str = "127.0.0.1", port: int | None = None) -> None:
    """Start the chat and block; port None lets Gradio use GRADIO_SERVER_PORT or 7860."""
    app = build_app(settings)
    app.queue(default_concurrency_limit=4)
    app.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        css=CSS,
        footer_links=["api"],
        show_error=False,
    )
