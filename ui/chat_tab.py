"""The "Ask" tab: a question, a streamed answer with [n] markers, its passages, and feedback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.feedback import record_feedback
from assistant.retrieval import Filters
from index_store.settings import FedqaSettings
from ui.errors import user_message
from ui.render import (
    DOC_TYPE_LABELS,
    OriginalLink,
    answer_as_html,
    message_as_html,
    partial_answer_html,
)

ANY = "any"
DOC_TYPE_CHOICES = {label: key for key, label in DOC_TYPE_LABELS.items()}
EXAMPLES = [
    "How is a conciliation commission formed?",
    "What did the oil-industry seminar cover?",
    "How many hours of overtime are allowed in a year?",
]


def parse_filters(doc_type: str, language: str, since: str, until: str) -> Filters:
    """Filters from the web form's fields ("any" or empty means no filter)."""
    return Filters.parse(DOC_TYPE_CHOICES.get(doc_type, doc_type), language, since, until)


def filter_fields(gr) -> list:
    """Document type, language and date range, in a collapsed row (shared by two tabs)."""
    with gr.Accordion("Filters", open=False), gr.Row():
        doc_type = gr.Dropdown(
            [ANY, *DOC_TYPE_CHOICES], value=ANY, label="Document type", elem_classes="fedqa-type"
        )
        language = gr.Dropdown(
            [ANY, "en", "ru", "kk"], value=ANY, label="Language", elem_classes="fedqa-lang"
        )
        since = gr.Textbox("", label="From date (YYYY-MM-DD)", elem_classes="fedqa-since")
        until = gr.Textbox("", label="Until date (YYYY-MM-DD)", elem_classes="fedqa-until")
    return [doc_type, language, since, until]


def chat_tab(gr, settings: FedqaSettings, assistant, link: OriginalLink) -> None:
    def answer_html(
        question: str, doc_type: str = ANY, language: str = ANY, since: str = "", until: str = ""
    ) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """Streams the LLM's text as it comes (if one is configured), then the checked answer;
        its JSON is kept in the session for the feedback buttons."""
        try:
            filters = parse_filters(doc_type, language, since, until)
            for step in assistant.get().ask_stream(question, filters):
                if isinstance(step, str):
                    yield partial_answer_html(step), None
                else:
                    yield answer_as_html(step, link), step.as_json()
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

    with gr.Tab("Ask", id="ask"):
        question = gr.Textbox(
            label="Your question",
            placeholder="How is a conciliation commission formed? (Enter asks)",
            lines=1,
            max_lines=6,
            elem_id="fedqa-question",
        )
        filters = filter_fields(gr)
        with gr.Row():
            ask_button = gr.Button("Ask", variant="primary", elem_id="fedqa-ask", scale=3)
            clear = gr.Button("Clear", elem_id="fedqa-clear", scale=1)
        gr.Examples(EXAMPLES, inputs=question, label="Try one of these")
        answer = gr.HTML(elem_id="fedqa-output")
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
        gr.api(answer_json, api_name="ask_json")
    inputs = [question, *filters]
    ask_button.click(answer_html, inputs=inputs, outputs=[answer, last_answer], api_name="ask")
    question.submit(answer_html, inputs=inputs, outputs=[answer, last_answer], api_name=False)
    clear.click(
        lambda: ("", "", None, "", ""),
        outputs=[question, answer, last_answer, comment, feedback_status],
        api_name=False,
    )
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
