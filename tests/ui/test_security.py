"""The web app probed as an attacker would: raw HTTP against the real server, no gradio_client.

Every vector of the security review is here, each asserting what an anonymous caller must not
get: a server file's content, a path, a secret, unbounded disk or memory, a traceback. The
tests that need a fresh rate limiter or a short cache lifetime start their own server.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import uuid
from pathlib import Path

import httpx
import pytest

from ingest.sync import sync_folder
from tests.conftest import SAMPLE_CORPUS, WEB_TIMEOUT_S, free_port, make_settings, web_client

pytestmark = pytest.mark.slow

ADMIN_USER = "lecturer-admin"
ADMIN_PASSWORD = "correct horse battery staple"
SECRET = "fedqa-secret-" + uuid.uuid4().hex  # put in this process's environment
PASSWD_MARK = "root:x:0:0"
LEAVE = "How long is basic annual paid leave?"


def file_data(path: str) -> dict:
    """A value shaped like Gradio's FileData that names a server path."""
    return {"path": path, "meta": {"_type": "gradio.FileData"}}


def run(url: str, api_name: str, data: list, session: str | None = None) -> httpx.Response:
    """One direct call of an endpoint (`/gradio_api/run/...`), as curl would make it."""
    body = {"data": data, "session_hash": session or uuid.uuid4().hex[:10]}
    return httpx.post(f"{url}gradio_api/run/{api_name}", json=body, timeout=WEB_TIMEOUT_S)


def call(url: str, api_name: str, data: list) -> str:
    """One call through the queue (`/gradio_api/call/...`), its event stream as text."""
    posted = httpx.post(
        f"{url}gradio_api/call/{api_name}", json={"data": data}, timeout=WEB_TIMEOUT_S
    )
    if posted.status_code != 200:
        return posted.text
    event = posted.json()["event_id"]
    return httpx.get(f"{url}gradio_api/call/{api_name}/{event}", timeout=WEB_TIMEOUT_S).text


def gradio_cache() -> Path:
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder())


def cached_files() -> set[Path]:
    folder = gradio_cache()
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def assert_leaks_nothing(url: str, text: str, data_dir: Path) -> None:
    """No secret, no server file, no absolute path, and no link to a cached copy of one."""
    assert SECRET not in text and PASSWD_MARK not in text
    assert "/proc/self" not in text and "/etc/passwd" not in text
    assert str(gradio_cache()) not in text and str(data_dir.resolve()) not in text
    assert "Traceback" not in text
    for link in re.findall(r"gradio_api/file=([^\"'\s\\]+)", text):
        served = httpx.get(f"{url}gradio_api/file={link}", timeout=WEB_TIMEOUT_S).text
        assert SECRET not in served and PASSWD_MARK not in served


def start_server(settings):
    from ui.web import RunningServer

    return RunningServer(settings, port=free_port()).start()


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    """The app as a team would run it: uploads on, the password in the environment."""
    folder = tmp_path_factory.mktemp("security-corpus")
    shutil.copytree(SAMPLE_CORPUS, folder, dirs_exist_ok=True)
    settings = make_settings(
        tmp_path_factory.mktemp("security-data"),
        admin_user=ADMIN_USER,
        admin_password=ADMIN_PASSWORD,
        feedback_per_session=3,
    )
    sync_folder(folder, settings)
    os.environ["FEDQA_TEST_SECRET"] = SECRET  # what /proc/self/environ would give away
    server = start_server(settings)
    try:
        yield server.url, settings, folder
    finally:
        server.close()
        os.environ.pop("FEDQA_TEST_SECRET", None)


# --- Reading server files through a file-shaped input ------------------------------------


@pytest.mark.parametrize("path", ["/proc/self/environ", "/etc/passwd"])
def test_a_file_shaped_question_reads_no_server_file(target, path):
    url, settings, _folder = target
    before = cached_files()
    response = run(url, "ask_json", [[file_data(path)]])
    assert_leaks_nothing(url, response.text, settings.data_dir)
    assert cached_files() == before, "nothing is copied into the cache"


def test_a_file_shaped_question_through_the_queue_reads_nothing(target):
    url, settings, _folder = target
    text = call(url, "ask_json", [file_data("/proc/self/environ")])
    assert_leaks_nothing(url, text, settings.data_dir)


def test_the_data_folder_files_are_not_readable_through_an_input(target):
    url, settings, _folder = target
    run(url, "ask", [LEAVE, "any", "any", "", ""])  # writes the log
    for name in ("fedqa.log", "feedback.jsonl"):
        response = run(url, "ask_json", [file_data(str(settings.data_dir / name))])
        assert_leaks_nothing(url, response.text, settings.data_dir)


def test_the_date_filter_does_not_echo_a_file_shaped_value(target):
    url, settings, _folder = target
    before = cached_files()
    for field in range(1, 5):  # type, language, since, until
        data: list = [LEAVE, "any", "any", "", ""]
        data[field] = file_data("/proc/self/environ")
        text = call(url, "ask", data)
        assert_leaks_nothing(url, text, settings.data_dir)
        assert "fedqa-error" in text or '"msg": "process_completed"' not in text
    assert cached_files() == before


def test_a_question_of_the_wrong_type_gets_a_clear_message(target):
    url, settings, _folder = target
    for value in ({"a": 1}, [1, 2], 12, None):
        response = run(url, "ask_json", [value])
        assert response.status_code in (200, 400, 422)
        assert_leaks_nothing(url, response.text, settings.data_dir)
        if response.status_code == 200:
            answer = response.json()["data"][0]
            assert answer["answered"] is False and answer["question"] in ("", None)
            assert "text" in answer["error"].lower() or "question" in answer["error"].lower()


def test_the_administrator_cannot_ingest_a_server_path(target, tmp_path):
    url, settings, folder = target
    outside = tmp_path / "private-notes.md"
    outside.write_text(f"---\ntitle: Private\n---\nThe vault code is {SECRET}.\n")
    text = call(url, "upload", [[file_data(str(outside))], ADMIN_USER, ADMIN_PASSWORD])
    assert_leaks_nothing(url, text, settings.data_dir)
    uploaded = folder / "uploads"
    assert not (uploaded / "private-notes.md").exists()


def test_a_wrong_password_upload_copies_nothing_into_the_cache(target):
    url, settings, _folder = target
    before = cached_files()
    text = call(url, "upload", [[file_data("/proc/self/environ")], ADMIN_USER, "wrong"])
    assert_leaks_nothing(url, text, settings.data_dir)
    assert cached_files() == before


def test_gradio_file_routes_refuse_server_paths(target):
    url, settings, _folder = target
    for path in ("/etc/passwd", str(settings.data_dir.resolve() / "fedqa.log")):
        response = httpx.get(f"{url}gradio_api/file={path}", timeout=WEB_TIMEOUT_S)
        assert response.status_code in (403, 404)
        assert PASSWD_MARK not in response.text


# --- Memory, disk and request size ------------------------------------------------------


def test_an_oversized_request_body_is_refused_before_it_is_read(target):
    url, _settings, _folder = target
    question = "a" * (2 * 1024 * 1024)
    response = run(url, "ask_json", [question])
    assert response.status_code == 413
    assert len(response.content) < 1000, "the question is not sent back"


def test_a_long_question_is_not_echoed_back(target):
    url, _settings, _folder = target
    question = "overtime " * 3000  # under the request limit, over the question limit
    response = run(url, "ask_json", [question])
    assert response.status_code == 200
    assert len(response.text) < 5000
    assert response.json()["data"][0]["answered"] is False


def test_feedback_is_limited_per_session(target):
    url, settings, _folder = target
    feedback = settings.data_dir / "feedback.jsonl"
    session = uuid.uuid4().hex[:10]
    assert run(url, "ask", [LEAVE, "any", "any", "", ""], session).status_code == 200
    lines_before = len(feedback.read_text().splitlines()) if feedback.exists() else 0
    statuses = [
        run(url, "feedback_up", ["x" * 1500, None, None], session).json()["data"][0]
        for _ in range(8)
    ]
    lines_after = len(feedback.read_text().splitlines())
    assert lines_after - lines_before <= 3
    assert "limit" in statuses[-1].lower() or "already" in statuses[-1].lower()


def test_upload_route_is_closed_when_uploads_are_disabled(tmp_path):
    settings = make_settings(tmp_path / "data")
    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE_CORPUS / "guidance" / "annual-paid-leave.md", tmp_path / "corpus")
    sync_folder(tmp_path / "corpus", settings)
    server = start_server(settings)
    try:
        before = cached_files()
        response = httpx.post(
            f"{server.url}gradio_api/upload",
            files={"files": ("big.txt", b"x" * 1024, "text/plain")},
            timeout=30,
        )
        assert response.status_code == 403
        assert cached_files() == before
    finally:
        server.close()


# --- Leaks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "route",
    ["openapi.json", "docs", "monitoring", "monitoring/summary", "gradio_api/openapi.json"],
)
def test_no_route_map_or_monitoring_is_served(target, route):
    url, _settings, _folder = target
    response = httpx.get(url + route, timeout=WEB_TIMEOUT_S)
    assert response.status_code in (403, 404)
    assert "paths" not in response.text and "ask_json" not in response.text


def test_an_uploaded_file_still_reaches_the_upload_event(target, tmp_path):
    """The browser's own way of uploading: the cache name from /upload, then the event."""
    url, _settings, folder = target
    content = (
        "---\ntitle: Rest breaks\ndoc_type: law_guidance\ndate: 2024-06-01\n---\n"
        "A worker on a shift of over four hours gets a rest break of at least thirty minutes.\n"
    )
    names = httpx.post(
        f"{url}gradio_api/upload",
        files={"files": ("rest-breaks.md", content.encode(), "text/markdown")},
        timeout=30,
    ).json()
    upload = {"path": names[0], "orig_name": "rest-breaks.md", "meta": {"_type": "gradio.FileData"}}
    text = call(url, "upload", [[upload], ADMIN_USER, ADMIN_PASSWORD])
    assert "1 added" in text, text
    assert (folder / "uploads" / "rest-breaks.md").read_text() == content


def test_an_error_names_no_server_path(tmp_path):
    settings = make_settings(tmp_path / "never-ingested")
    server = start_server(settings)
    try:
        text = call(server.url, "ask", [LEAVE, "any", "any", "", ""])
        assert "fedqa-error" in text
        assert_leaks_nothing(server.url, text, settings.data_dir)
        assert str(tmp_path) not in text
    finally:
        server.close()


def test_the_password_is_not_kept_in_session_state(target):
    url, settings, _folder = target
    session = uuid.uuid4().hex[:10]
    started = time.time()
    run(url, "upload", [None, ADMIN_USER, ADMIN_PASSWORD], session)
    response = httpx.get(
        f"{url}gradio_api/deep_link", params={"session_hash": session}, timeout=WEB_TIMEOUT_S
    )
    assert ADMIN_PASSWORD not in response.text
    deep_links = gradio_cache() / "deep_links"
    if deep_links.exists():
        for state in deep_links.rglob("state.json"):
            if state.stat().st_mtime < started:
                continue  # another server's
            assert ADMIN_PASSWORD not in state.read_text(errors="replace")


# --- Odd inputs -----------------------------------------------------------------------------


def test_a_nul_byte_in_a_download_name_is_a_bad_request(target):
    url, _settings, _folder = target
    response = httpx.get(f"{url}original?source=guidance%00.md", timeout=WEB_TIMEOUT_S)
    assert response.status_code == 400


def test_a_lone_surrogate_in_a_question_is_answered_politely(target):
    url, settings, _folder = target
    body = '{"data": ["How long is annual leave? \\ud800"], "session_hash": "surrogate1"}'
    response = httpx.post(
        f"{url}gradio_api/run/ask_json",
        content=body,
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    answer = response.json()["data"][0]
    assert "error" not in answer or "went wrong" not in answer["error"]
    assert_leaks_nothing(url, response.text, settings.data_dir)


def test_hostile_upload_names_lose_bidi_controls(target, tmp_path):
    url, _settings, folder = target
    from gradio_client import handle_file

    name = "report\u202egpj.md"
    path = tmp_path / name
    path.write_text("---\ntitle: Bidi\n---\nA report on wage arrears in the region.\n")
    html = web_client(url).predict(
        [handle_file(str(path))], ADMIN_USER, ADMIN_PASSWORD, api_name="/upload"
    )[0]
    assert "\u202e" not in html
    stored = [p.name for p in (folder / "uploads").iterdir()]
    assert not any("\u202e" in n for n in stored)
    source = next(n for n in stored if n.startswith("report"))
    response = httpx.get(
        f"{url}original", params={"source": f"uploads/{source}"}, timeout=WEB_TIMEOUT_S
    )
    assert "\u202e" not in response.headers.get("content-disposition", "")


def test_a_refused_upload_is_removed_from_the_corpus(target, tmp_path):
    url, _settings, folder = target
    from gradio_client import handle_file

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # not a Word file
    html = web_client(url).predict(
        [handle_file(str(broken))], ADMIN_USER, ADMIN_PASSWORD, api_name="/upload"
    )[0]
    assert "broken.docx" in html
    assert not (folder / "uploads" / "broken.docx").exists()


# --- Passwords --------------------------------------------------------------------------------


def test_without_files_a_right_and_a_wrong_password_answer_alike(target):
    url, _settings, _folder = target
    right = call(url, "upload", [None, ADMIN_USER, ADMIN_PASSWORD])
    wrong = call(url, "upload", [None, ADMIN_USER, "not the password"])

    def message(text: str) -> str:
        return re.sub(r"event: \w+|\"?event_id\"?[^,]*", "", text).strip()

    assert message(right) == message(wrong)


def test_failed_logins_are_limited_per_client_and_logged(tmp_path, caplog):
    settings = make_settings(
        tmp_path / "data",
        admin_user=ADMIN_USER,
        admin_password=ADMIN_PASSWORD,
        login_attempts_per_minute=3,
        corpus_dir=tmp_path / "corpus",
    )
    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE_CORPUS / "guidance" / "annual-paid-leave.md", tmp_path / "corpus")
    sync_folder(tmp_path / "corpus", settings)
    server = start_server(settings)
    url = server.url
    try:
        upload = tmp_path / "note.md"
        upload.write_text("A note.\n")
        from gradio_client import handle_file

        client = web_client(url)
        started = time.perf_counter()
        replies = [
            client.predict([handle_file(str(upload))], ADMIN_USER, f"guess{i}", api_name="/upload")[
                0
            ]
            for i in range(6)
        ]
        elapsed = time.perf_counter() - started
        assert all("Wrong user name or password" in r for r in replies[:3])
        assert all("Too many failed" in r for r in replies[3:])
        assert elapsed < 5, "a wrong password does not hold a worker for a pause"
        # Locked out: even the right password is refused from this client for now.
        locked = client.predict(
            [handle_file(str(upload))], ADMIN_USER, ADMIN_PASSWORD, api_name="/upload"
        )[0]
        assert "Too many failed" in locked
        log = "\n".join(r.getMessage() for r in caplog.records if r.name == "fedqa.security")
        failures = [line for line in log.splitlines() if "failed login" in line]
        assert len(failures) >= 3 and "127.0.0.1" in failures[0]
        assert "guess" not in log, "passwords are never logged"
    finally:
        server.close()


def test_a_hashed_password_lets_the_administrator_in(tmp_path):
    from ui.admin import AdminGate, hash_password

    hashed = hash_password("s3cret pass")
    assert "s3cret" not in hashed and hashed.startswith("scrypt:")
    gate = AdminGate(make_settings(tmp_path, admin_user="admin", admin_password_hash=hashed))
    assert gate.enabled
    assert gate.allows("admin", "s3cret pass")
    assert not gate.allows("admin", "s3cret pas") and not gate.allows("admin", hashed)


def test_hash_password_command_prints_a_usable_hash(tmp_path):
    from click.testing import CliRunner

    from ui.admin import verify_password
    from ui.cli import cli

    result = CliRunner().invoke(
        cli,
        ["hash-password"],
        input="pw for team\npw for team\n",
        env={"FEDQA_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    assert "pw for team" not in line
    assert verify_password("pw for team", line.split("=", 1)[-1].strip("'\""))


# --- Cleanup ---------------------------------------------------------------------------------


def test_upload_cache_and_handouts_are_cleaned_up(tmp_path):
    settings = make_settings(
        tmp_path / "data",
        admin_user=ADMIN_USER,
        admin_password=ADMIN_PASSWORD,
        cache_ttl_minutes=0.03,  # about two seconds
    )
    (tmp_path / "corpus").mkdir()
    shutil.copy(SAMPLE_CORPUS / "guidance" / "annual-paid-leave.md", tmp_path / "corpus")
    sync_folder(tmp_path / "corpus", settings)
    server = start_server(settings)
    try:
        names = httpx.post(
            f"{server.url}gradio_api/upload",
            files={"files": ("filler.txt", b"x" * 4096, "text/plain")},
            timeout=30,
        ).json()
        client = web_client(server.url)
        client.predict("annual leave", "any", "any", "", "", api_name="/find_material")
        _status, files = client.predict("annual leave", [1], api_name="/handout")
        made = [Path(f) for f in files]
        handout_folders = {p.parent for p in made}
        time.sleep(6)
        assert names and not any(p.name == "filler.txt" for p in cached_files())
        client.predict("annual leave", "any", "any", "", "", api_name="/find_material")
        client.predict("annual leave", [1], api_name="/handout")  # cleans older handouts
        assert not any(
            folder.exists() for folder in handout_folders if "fedqa-handout" in str(folder)
        )
    finally:
        server.close()


def test_the_log_file_is_rotated(tmp_path):
    import logging

    from ui.errors import setup_logging

    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        for handler in [h for h in root.handlers if getattr(h, "_fedqa", False)]:
            root.removeHandler(handler)
        setup_logging(tmp_path, max_mb=0.01, backups=2)
        for _ in range(400):
            logging.getLogger("fedqa").error("x" * 200)
        logs = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("fedqa.log"))
        assert logs == ["fedqa.log", "fedqa.log.1", "fedqa.log.2"]
        assert all(p.stat().st_size < 20_000 for p in tmp_path.iterdir())
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_fedqa", False)]:
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            if handler not in root.handlers:
                root.addHandler(handler)


def test_settings_of_the_limits_have_sensible_defaults():
    from index_store.settings import FedqaSettings

    settings = FedqaSettings(_env_file=None)
    assert 16 <= settings.max_request_kb <= 1024
    assert 1 <= settings.login_attempts_per_minute <= 20
    assert 1 <= settings.feedback_per_session <= 100
    assert settings.cache_ttl_minutes > 0 and settings.log_max_mb > 0
    assert json.loads(json.dumps(settings.max_upload_mb)) >= settings.max_file_mb


def test_a_broken_replacement_keeps_the_document_it_would_replace(target, tmp_path):
    """A refused upload is removed only when it is new: one that replaced a document the store
    still holds stays, or the next sync would drop that document."""
    import docx
    from gradio_client import handle_file

    url, _settings, folder = target
    good = tmp_path / "good" / "strike-notice.docx"
    good.parent.mkdir()
    document = docx.Document()
    document.add_paragraph("A strike committee gives the employer fifteen days' written notice.")
    document.save(good)
    client = web_client(url)
    html = client.predict([handle_file(str(good))], ADMIN_USER, ADMIN_PASSWORD, api_name="/upload")
    assert "1 added" in html[0], html
    broken = tmp_path / "strike-notice.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    html = client.predict(
        [handle_file(str(broken))], ADMIN_USER, ADMIN_PASSWORD, api_name="/upload"
    )[0]
    assert "strike-notice.docx" in html
    assert (folder / "uploads" / "strike-notice.docx").exists()
    answer = run(url, "ask_json", ["How many days of notice must a strike committee give?"])
    assert "fifteen days" in answer.json()["data"][0]["text"]
