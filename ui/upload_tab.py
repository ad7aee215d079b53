"""The "Add documents" tab: an administrator uploads files; they are ingested like the CLI does.

Every upload is checked against the administrator's credentials on the server (`AdminGate`); the
tab only collects them. The sync runs in a worker thread so the page can show its progress.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from index_store.settings import FedqaSettings
from ingest.corpus import corpus_folder
from ingest.sync import SyncReport, sync_folder
from ingest.uploads import SavedUpload, save_uploads
from ui import inputs
from ui.admin import AdminGate
from ui.errors import web_message
from ui.i18n import t
from ui.render import ingest_report_as_html, message_as_html, note_as_html

DISABLED = (
    "Uploading is disabled on this server. The administrator enables it by setting "
    "FEDQA_ADMIN_USER and FEDQA_ADMIN_PASSWORD_HASH (made by fedqa hash-password) before "
    "starting the server."
)
REFUSED = "Wrong user name or password: nothing was uploaded."
TOO_MANY = "Too many failed logins from your address: wait a minute, then try again."
_MAX_CREDENTIAL_CHARS = 200
PROGRESS_EVERY_S = 0.5


def _ingest_with_progress(
    corpus: Path, settings: FedqaSettings, embedder
) -> Iterator[str | SyncReport | BaseException]:
    """Runs the sync in a thread; yields progress lines, then its report or its error."""
    state = {"line": "Reading files ..."}
    outcome: list[SyncReport | BaseException] = []

    def progress(stage: str, done: int, total: int) -> None:
        what = "files read" if stage == "reading" else "passages embedded"
        state["line"] = f"{done} of {total} {what} ..."

    def work() -> None:
        try:
            outcome.append(sync_folder(corpus, settings, progress, embedder))
        except BaseException as exc:  # reported to the page, never raised in the worker
            outcome.append(exc)

    worker = threading.Thread(target=work, name="fedqa-upload-ingest", daemon=True)
    worker.start()
    while worker.is_alive():
        yield state["line"]
        worker.join(PROGRESS_EVERY_S)
    yield outcome[0]


def _remove_refused(report: SyncReport, saved: list[SavedUpload], corpus: Path, in_store) -> None:
    """Deletes the new uploads the sync could not read: a broken file is reported, not kept.
    One that replaced a document the store still holds stays, as a broken file in the folder
    does after `fedqa ingest`: deleting it would drop that document at the next sync."""
    uploaded = {s.source for s in saved if s.source}
    for skipped in report.skipped:
        if skipped.source in uploaded and not in_store(skipped.source):
            (corpus / skipped.source).unlink(missing_ok=True)


def upload_tab(gr, settings: FedqaSettings, assistant) -> None:
    from gradio.utils import get_upload_folder

    gate = AdminGate(settings)

    def upload(files: object, user: object, password: object, request) -> Iterator[tuple]:
        """Each step clears the password box: Gradio keeps a session's input values in memory
        (and its deep links write them to disk), so the password must not stay there."""
        cleared = ""
        try:
            paths = inputs.uploaded_files(files, Path(get_upload_folder()))
            user = inputs.text(user, "user name", _MAX_CREDENTIAL_CHARS)
            password = inputs.text(password, "password", _MAX_CREDENTIAL_CHARS)
        except inputs.BadInput as exc:
            yield message_as_html(str(exc)), cleared
            return
        if not gate.enabled:
            yield message_as_html(DISABLED), cleared
            return
        if not paths:  # before the password, so that no answer tells a right one from a wrong
            yield message_as_html("Choose one or more files to upload first."), cleared
            return
        client = request.client.host if request is not None and request.client else "unknown"
        verdict = gate.login(user, password, client)
        if verdict != "ok":
            yield message_as_html(TOO_MANY if verdict == "blocked" else REFUSED), cleared
            return
        corpus = corpus_folder(settings)
        if corpus is None:
            yield (
                message_as_html(
                    "The documents' folder is not known: run `fedqa ingest FOLDER` once or set "
                    "FEDQA_CORPUS_DIR, then restart the server."
                ),
                cleared,
            )
            return
        started = time.perf_counter()
        saved = save_uploads([(path, path.name) for path in paths], corpus)
        refused = [(s.name, s.reason or "") for s in saved if s.source is None]
        try:  # the model this process answers with; the sync loads one only if there is none
            embedder = assistant.get().embedder
        except Exception:  # nothing ingested yet
            embedder = None
        for step in _ingest_with_progress(corpus, settings, embedder):
            if isinstance(step, str):
                yield note_as_html(f"Ingesting: {step}"), cleared
            elif isinstance(step, BaseException):
                yield message_as_html(web_message(step, settings.data_dir)), cleared
                return
            else:
                assistant.store_changed()
                _remove_refused(step, saved, corpus, assistant.has_source)
                report = step.as_json()
                report["seconds"] = time.perf_counter() - started
                yield ingest_report_as_html(report, refused), cleared

    upload.__annotations__ = {"request": gr.Request}  # Gradio passes the request by this hint

    with gr.Tab(t("tab_upload"), id="upload"):
        if not gate.enabled:
            gr.Markdown(DISABLED)
        gr.Markdown(
            "For the administrator: upload PDF, DOCX, HTML, Markdown or text files. They are "
            "saved in the documents' folder and ingested; files that cannot be read are listed "
            "with the reason."
        )
        usable = gate.enabled  # the form is greyed out while uploads are off
        with gr.Row():
            user = gr.Textbox(label="Administrator", elem_id="fedqa-admin-user", interactive=usable)
            password = gr.Textbox(
                label="Password",
                type="password",
                elem_id="fedqa-admin-password",
                interactive=usable,
            )
        files = gr.File(
            label="Documents",
            file_count="multiple",
            type="filepath",
            elem_id="fedqa-upload",
            interactive=usable,
        )
        upload_button = gr.Button(
            "Upload and ingest",
            variant="primary",
            elem_id="fedqa-upload-button",
            interactive=usable,
        )
        result = gr.HTML(elem_id="fedqa-upload-result")
    upload_button.click(
        upload,
        inputs=[files, user, password],
        outputs=[result, password],
        api_name="upload",
        concurrency_id="upload",
        concurrency_limit=1,  # one sync at a time; a login check never waits behind answers
    )
