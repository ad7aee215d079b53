"""The "Ask" tab: a conversation. Each question continues this browser session's conversation (a
follow-up is answered as a standalone question, shown above its answer); the answer streams in
with [n] markers and its passages; earlier turns stay above it with their own citations; "New
conversation" clears them. Feedback appears once there is an answer to rate."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from assistant.conversation import Conversation
from assistant.feedback import MAX_COMMENT_CHARS, record_feedback
from assistant.retrieval import Filters
from index_store.settings import FedqaSettings
from ui import inputs
from ui.errors import web_message
from ui.i18n import t
from ui.render import (
    DOC_TYPE_LABELS,
    OriginalLink,
    answer_as_html,
    conversation_as_html,
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
    with gr.Accordion(t("filters"), open=False), gr.Row():
        doc_type = gr.Dropdown(
            [ANY, *DOC_TYPE_CHOICES], value=ANY, label=t("doc_type"), elem_classes="fedqa-type"
        )
        language = gr.Dropdown(
            [ANY, *LANGUAGES], value=ANY, label=t("language"), elem_classes="fedqa-lang"
        )
        since = gr.Textbox("", label=t("since"), elem_classes="fedqa-since")
        until = gr.Textbox("", label=t("until"), elem_classes="fedqa-until")
    return [doc_type, language, since, until]


class SessionConversations:
    """Each browser session's conversation, by Gradio's session id, the least recently used
    dropped past `max_sessions`. Kept here rather than in a `gr.State` so that `/ask` keeps its
    inputs (question and filters) for callers of the HTTP API."""

    def __init__(self, max_sessions: int = 2000) -> None:
        self._max = max_sessions
        self._talks: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, request: Any) -> Conversation:
        key = getattr(request, "session_hash", None)
        if not key:
            return Conversation()  # no session: the question stands alone
        with self._lock:
            talk = self._talks.pop(key, None) or Conversation()
            self._talks[key] = talk
            while len(self._talks) > self._max:
                self._talks.popitem(last=False)
            return talk

    def forget(self, request: Any) -> None:
        with self._lock:
            self._talks.pop(getattr(request, "session_hash", None) or "", None)


def chat_tab(gr, settings: FedqaSettings, assistant, link: OriginalLink) -> None:
    def question_text(question: object) -> str:
        return inputs.text(question, "question", settings.max_question_chars)

    conversations = SessionConversations()

    def answer_html(
        question: object,
        doc_type: object = ANY,
        language: object = ANY,
        since: object = "",
        until: object = "",
        request: Any = None,
    ) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """Streams the LLM's text as it comes (if one is configured), then the checked answer;
        its JSON is kept in the session for the feedback buttons. The question continues this
        browser session's conversation: a follow-up is answered as a standalone question."""
        talk = conversations.of(request)
        try:
            text = question_text(question)
            filters = parse_filters(doc_type, language, since, until)
            for step in assistant.get().ask_stream(text, filters, talk):
                if isinstance(step, str):
                    yield partial_answer_html(step), None
                else:
                    yield answer_as_html(step, link), step.as_json()
        except Exception as exc:
            yield message_as_html(web_message(exc, settings.data_dir)), None

    def earlier_turns(request: Any = None) -> tuple[str, Any]:
        """The conversation's turns before the last, and the feedback row once there is an
        answer to rate."""
        turns = conversations.of(request).turns
        return conversation_as_html(turns[:-1], link), gr.update(visible=bool(turns))

    def new_conversation(request: Any = None) -> tuple:
        conversations.forget(request)
        return "", "", "", None, "", "", gr.update(visible=False)

    # Gradio passes the request (its session) to a parameter with this hint; it is no input.
    for handler in (answer_html, earlier_turns, new_conversation):
        handler.__annotations__["request"] = gr.Request

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

    with gr.Tab(t("tab_ask"), id="ask"):
        question = gr.Textbox(
            label=t("question"),
            placeholder=t("question_placeholder"),
            lines=1,
            max_lines=6,
            elem_id="fedqa-question",
        )
        filters = filter_fields(gr)
        with gr.Row():
            ask_button = gr.Button(t("ask"), variant="primary", elem_id="fedqa-ask", scale=3)
            clear = gr.Button(t("new_conversation"), elem_id="fedqa-clear", scale=1)
        examples = gr.Examples(EXAMPLES, inputs=question, label=t("examples"))
        history = gr.HTML(elem_id="fedqa-history")
        answer = gr.HTML(elem_id="fedqa-output")
        last_answer = gr.State(None)
        feedback_given = gr.State(0)
        with gr.Column(visible=False, elem_id="fedqa-feedback") as feedback_box:
            with gr.Row():
                comment = gr.Textbox(label=t("comment"), lines=1, scale=4, max_length=2000)
                helpful = gr.Button(t("helpful"), scale=1, elem_id="fedqa-up")
                unhelpful = gr.Button(t("not_helpful"), scale=1, elem_id="fedqa-down")
            feedback_status = gr.Textbox(
                label=t("feedback"), interactive=False, elem_id="fedqa-feedback-status"
            )
        gr.api(answer_json, api_name="ask_json")
    fields = [question, *filters]
    outputs = [answer, last_answer]
    for event in (
        ask_button.click(answer_html, inputs=fields, outputs=outputs, api_name="ask"),
        question.submit(answer_html, inputs=fields, outputs=outputs, api_name=False),
        examples.load_input_event.then(  # an example asks, not only fills the box
            answer_html, inputs=fields, outputs=outputs, api_name=False
        ),
    ):
        event.then(earlier_turns, outputs=[history, feedback_box], api_name=False)
    clear.click(
        new_conversation,
        outputs=[question, history, answer, last_answer, comment, feedback_status, feedback_box],
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
