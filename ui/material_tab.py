"""The "Prepare material" tab: a lecturer finds passages on a topic, keeps some, downloads them.

The found passages stay on the server (a session `State`); the page only sends back which
numbers were kept, so a handout can only quote what the store returned.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import time
from pathlib import Path

from assistant.answer import Passage
from index_store.settings import FedqaSettings
from ui import inputs
from ui.chat_tab import filter_fields, parse_filters
from ui.errors import web_message
from ui.handout import Handout, by_document
from ui.i18n import t
from ui.render import OriginalLink, material_as_html, message_as_html, note_as_html

PASSAGES_FOUND = 12
_LABEL_CHARS = 110


def _choice_label(n: int, passage: Passage) -> str:
    excerpt = " ".join(re.sub(r"(?m)^#+\s*", "", passage.text).split())  # no Markdown heading marks
    if len(excerpt) > _LABEL_CHARS:
        excerpt = excerpt[:_LABEL_CHARS].rsplit(" ", 1)[0] + " ..."
    return f"{n}. {passage.title} ({passage.date or 'undated'}): {excerpt}"


def _file_stem(topic: str) -> str:
    words = re.findall(r"\w+", topic.lower())[:6]
    return "handout-" + ("-".join(words) or "topic")


class HandoutFolders:
    """One temporary folder per handout, under a root this process removes when it exits.

    Gradio copies each handout into its own cache (cleaned after `cache_ttl_minutes`), so a
    folder is only needed until that copy is made; older ones are removed with each new one.
    """

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._root: Path | None = None

    def new(self) -> Path:
        if self._root is None or not self._root.is_dir():
            self._root = Path(tempfile.mkdtemp(prefix="fedqa-handouts-"))
            atexit.register(shutil.rmtree, self._root, ignore_errors=True)
        cutoff = time.time() - self.ttl_s
        for old in self._root.iterdir():
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix="fedqa-handout-", dir=self._root))


def material_tab(gr, settings: FedqaSettings, assistant, link: OriginalLink) -> None:
    handout_folders = HandoutFolders(settings.cache_ttl_minutes * 60)

    def find(topic: object, doc_type: object, language: object, since: object, until: object):
        try:
            topic = inputs.text(topic, "topic", settings.max_question_chars)
            filters = parse_filters(doc_type, language, since, until)
            found = assistant.get().find_material(topic, filters, PASSAGES_FOUND)
        except Exception as exc:
            message = message_as_html(web_message(exc, settings.data_dir))
            return message, gr.update(choices=[], value=[]), [], None
        passages = [p for group in by_document(found) for p in group]
        choices = [(_choice_label(n, p), n) for n, p in enumerate(passages, 1)]
        numbers = [n for _label, n in choices]
        return (
            material_as_html(passages, link),
            gr.update(choices=choices, value=numbers),
            passages,
            None,
        )

    def download(topic: object, kept: object, passages: list[Passage]):
        try:
            topic = inputs.text(topic, "topic", settings.max_question_chars)
            kept = inputs.numbers(kept, "passages to keep", PASSAGES_FOUND)
        except inputs.BadInput as exc:
            return message_as_html(str(exc)), None
        if not passages:
            return message_as_html("Find passages on a topic first."), None
        chosen = [passages[n - 1] for n in sorted(set(kept or [])) if 0 < n <= len(passages)]
        if not chosen:
            return message_as_html("Tick at least one passage to put in the handout."), None
        handout = Handout.from_passages(" ".join(topic.split()) or "passages", chosen)
        folder = handout_folders.new()
        stem = _file_stem(topic)
        markdown = folder / f"{stem}.md"
        markdown.write_text(handout.as_markdown(), encoding="utf-8")
        word = folder / f"{stem}.docx"
        word.write_bytes(handout.as_docx())
        sources = sum(len(s.passages) for s in handout.sections)
        documents = len(handout.sections)
        note = (
            f"Handout ready: {sources} passage{'s' * (sources != 1)} from {documents} "
            f"document{'s' * (documents != 1)}, as Markdown and as a Word file."
        )
        return note_as_html(note), [str(markdown), str(word)]

    with gr.Tab(t("tab_material"), id="material"):
        gr.Markdown(
            "Find passages on a topic, keep the ones you want, and download them as a handout "
            "with numbered sources."
        )
        topic = gr.Textbox(
            label=t("topic"),
            placeholder="Collective agreements in the oil industry",
            lines=1,
            elem_id="fedqa-topic",
        )
        filters = filter_fields(gr)
        find_button = gr.Button(t("find"), variant="primary", elem_id="fedqa-find")
        kept = gr.CheckboxGroup([], label=t("keep"), elem_id="fedqa-kept")
        make_button = gr.Button(t("make_handout"), elem_id="fedqa-make-handout")
        status = gr.HTML(elem_id="fedqa-handout-status")
        files = gr.File(
            label=t("handout"), file_count="multiple", interactive=False, elem_id="fedqa-handout"
        )
        found = gr.HTML(elem_id="fedqa-material")
        passages = gr.State([])
    for event in (
        find_button.click(
            find,
            inputs=[topic, *filters],
            outputs=[found, kept, passages, files],
            api_name="find_material",
        ),
        topic.submit(
            find, inputs=[topic, *filters], outputs=[found, kept, passages, files], api_name=False
        ),
    ):  # a new search clears the last handout's message ("Find passages on a topic first.")
        event.then(lambda: "", outputs=status, api_name=False)
    make_button.click(
        download, inputs=[topic, kept, passages], outputs=[status, files], api_name="handout"
    )
