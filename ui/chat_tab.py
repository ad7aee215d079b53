"""The "Ask" tab: a question, a streamed answer with [n] markers, its passages, and feedback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.feedback import MAX_COMMENT_CHARS, record_feedback
from assistant.retrieval import Filters
from index_store.settings import FedqaSettings
from ui import inputs
from ui.errors import web_message
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


LANGUAGES = ["en", "ru", "kk"]
_DATE_CHARS = 40


def parse_filters(doc_type: object, language: object, since: object, until: object) -> Filters:
    """Filters from the web form's fields ("any" or empty means no filter), each checked for
    its type first: a caller may send anything in their place."""
    doc_type = inputs.choice(
        doc_type if doc_type is not None else ANY,
        "document type",
        [ANY, *DOC_TYPE_CHOICES, *DOC_TYPE_CHOICES.values()],
    )
    language = inputs.choice(
        language if language is not None else ANY, "language", [ANY, *LANGUAGES]
    )
    return Filters.parse(
        DOC_TYPE_CHOICES.get(doc_type, doc_type),
        language,
        inputs.text(since, "start date", _DATE_CHARS),
        inputs.text(until, "end date", _DATE_CHARS),
    )


def filter_fields(gr) -> list:
    """Document type, language and date range, in a collapsed row (shared by two tabs)."""
    with gr.Accordion("Filters", open=False), gr.Row():
        doc_type = gr.Dropdown(
            [ANY, *DOC_TYPE_CHOICES], value=ANY, label="Document type", elem_classes="fedqa-type"
        )
        language = gr.Dropdown(
            [ANY, *LANGUAGES], value=ANY, label="Language", elem_classes="fedqa-lang"
        )
        since = gr.Textbox("", label="From date (YYYY-MM-DD)", elem_classes="fedqa-since")
        until = gr.Textbox("", label="Until date (YYYY-MM-DD)", elem_classes="fedqa-until")
    return [doc_type, language, since, until]


def chat_tab(gr, settings: FedqaSettings, assistant, link: OriginalLink) -> None:
    def question_text(question: object) -> str:
        return inputs.text(question, "question", settings.max_question_chars)

    def answer_html(
        question: object,
        doc_type: object = ANY,
        language: object = ANY,
        since: object = "",
        until: object = "",
    ) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """Streams the LLM's text as it comes (if one is configured), then the checked answer;
        its JSON is kept in the session for the feedback buttons."""
        try:
            text = question_text(question)
            filters = parse_filters(doc_type, language, since, until)
            for step in assistant.get().ask_stream(text, filters):
                if isinstance(step, str):
                    yield partial_answer_html(step), None
                else:
                    yield answer_as_html(step, link), step.as_json()
        except Exception as exc:
            yield message_as_html(web_message(exc, settings.data_dir)), None

    def answer_json(question: object) -> dict[str, Any]:
        """The same JSON object as `fedqa ask --json`, for scripts using gradio_client. A
        question that cannot be asked is not sent back: only its error is."""
        try:
            return assistant.get().ask(question_text(question)).as_json()
        except Exception as exc:
            message = web_message(exc, settings.data_dir)
            return {
                "question": "",
                "answered": False,
                "text": message,
                "citations": [],
                "error": message,
            }

    def give_feedback(
        verdict: str, comment: object, answer: dict[str, Any] | None, given: int
    ) -> tuple[str, dict[str, Any] | None, int]:
        """One verdict per answer and `feedback_per_session` per session: each is a line on
        the server's disk."""
        if not answer:
            return "Ask a question first; feedback is about an answer.", answer, given
        if answer.get("rated"):
            return "Your feedback on this answer is already recorded.", answer, given
        if given >= settings.feedback_per_session:
            return "This session has reached its limit of feedback; thank you.", answer, given
        try:
            note = inputs.text(comment, "comment", MAX_COMMENT_CHARS)
            record_feedback(settings, answer, verdict, note)
        except Exception as exc:
            return web_message(exc, settings.data_dir), answer, given
        return "Thank you: your feedback was recorded.", {**answer, "rated": True}, given + 1

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
        feedback_given = gr.State(0)
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
    fields = [question, *filters]
    ask_button.click(answer_html, inputs=fields, outputs=[answer, last_answer], api_name="ask")
    question.submit(answer_html, inputs=fields, outputs=[answer, last_answer], api_name=False)
    clear.click(
        lambda: ("", "", None, "", ""),
        outputs=[question, answer, last_answer, comment, feedback_status],
        api_name=False,
    )
    helpful.click(
        lambda c, a, g: give_feedback("up", c, a, g),
        inputs=[comment, last_answer, feedback_given],
        outputs=[feedback_status, last_answer, feedback_given],
        api_name="feedback_up",
    )
    unhelpful.click(
        lambda c, a, g: give_feedback("down", c, a, g),
        inputs=[comment, last_answer, feedback_given],
        outputs=[feedback_status, last_answer, feedback_given],
        api_name="feedback_down",
    )
