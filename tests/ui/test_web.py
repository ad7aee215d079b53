"""The real Gradio app, driven through gradio_client over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import httpx
import pytest

from ingest.sync import sync_folder
from tests.conftest import WEB_TIMEOUT_S, free_port, make_settings, web_client

HOSTILE_TITLE = "<script>alert('title')</script>Strike rules"
HOSTILE_TEXT = (
    "The strike committee <img src=x onerror=alert('text')> must warn the employer in writing "
    "fifteen days before the strike begins."
)


ADMIN = {"admin_user": "lecturer-admin", "admin_password": "correct horse battery"}


@pytest.fixture(scope="module")
def web_app(tmp_path_factory, corpus_dir):

    from ui.web import RunningServer

    folder = tmp_path_factory.mktemp("web-corpus")
    (folder / "hostile.md").write_text(
        f'---\ntitle: "{HOSTILE_TITLE}"\ndoc_type: law_guidance\n---\n{HOSTILE_TEXT}\n'
    )
    shutil.copytree(corpus_dir, folder, dirs_exist_ok=True)
    settings = make_settings(tmp_path_factory.mktemp("web-data"), **ADMIN)
    sync_folder(folder, settings)
    server = RunningServer(settings, port=free_port()).start()
    try:
        yield web_client(server.url), settings, folder
    finally:
        server.close()


@pytest.fixture(scope="module")
def web(web_app):
    return web_app[0]


def test_chat_answers_with_citation_panel(web):
    html = web.predict("How is a conciliation commission formed?", api_name="/ask")
    assert 'href="#fedqa-cite-1"' in html
    assert 'id="fedqa-cite-1"' in html
    assert "How a conciliation commission is formed and how it works" in html
    assert "2024-02-01" in html and "Labor-law guidance" in html
    assert "<mark>" in html


def test_quoted_sentences_are_highlighted_across_line_wraps(web):
    html = web.predict("How many hours of overtime are allowed in a year?", api_name="/ask")
    assert (
        "<mark>In addition, overtime may not exceed twelve hours a month and one hundred and "
        "twenty hours a year.</mark>"
    ) in html
    assert "## Overtime" not in html and "<strong>Overtime</strong>" in html


def test_json_api_matches_cli_contract(web):
    data = web.predict(
        "How many training seminars were held from January to May?", api_name="/ask_json"
    )
    assert data["answered"] is True and "159" in data["text"]
    assert {"n", "doc_id", "source", "title", "date", "doc_type", "passage", "score"} <= set(
        data["citations"][0]
    )


def test_refusal_shows_closest_passages_not_citations(web):
    html = web.predict("What is the recipe for borscht?", api_name="/ask")
    assert "do not cover" in html and "Closest passages (not an answer)" in html
    assert "fedqa-cite-" not in html


@pytest.mark.parametrize("question", ["", "   ", "a" * 5000])
def test_bad_questions_get_a_chat_message(web, question):
    html = web.predict(question, api_name="/ask")
    assert "fedqa-error" in html and "Traceback" not in html


def test_document_and_question_text_is_escaped(web):
    question = "<b>How many days before the strike must the strike committee warn the employer?</b>"
    html = web.predict(question, api_name="/ask")
    assert "fedqa-cite-1" in html
    assert "&lt;img src=x onerror=alert(&#x27;text&#x27;)&gt;" in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;Strike rules" in html
    assert "<script" not in html and "<img" not in html and "<b>How" not in html


def test_feedback_buttons_append_to_feedback_file(web_app):
    client, settings, _folder = web_app

    session = web_client(client.src)  # a fresh session: no answer yet
    assert "Ask a question first" in session.predict("", api_name="/feedback_up")
    session.predict("How long is basic annual paid leave?", api_name="/ask")
    status = session.predict("clear and <b>useful</b>", api_name="/feedback_down")
    assert "recorded" in status
    lines = (settings.data_dir / "feedback.jsonl").read_text().splitlines()
    entry = json.loads(lines[-1])
    assert entry["verdict"] == "down" and entry["comment"] == "clear and <b>useful</b>"
    assert entry["question"] == "How long is basic annual paid leave?"
    assert entry["citations"] and entry["citations"][0]["doc_id"] == "guidance/annual-paid-leave.md"


def test_llm_answer_streams_then_shows_checked_citations(tmp_path_factory, ingested):

    from eval.scripted_llm import Reply, ScriptedLLMServer
    from ui.web import RunningServer

    with ScriptedLLMServer() as (url, script):
        script.replies[:] = [
            Reply("Overtime may not exceed 120 hours a year [1]. <script>x()</script> applies [1].")
        ]
        settings = ingested.model_copy(update={"llm_url": url, "llm_timeout": 5.0})
        server = RunningServer(settings, port=free_port()).start()
        try:
            job = web_client(server.url).submit(
                "How many hours of overtime are allowed in a year?", api_name="/ask"
            )
            final = job.result()
            outputs = job.outputs()
        finally:
            server.close()
    assert any("fedqa-streaming" in html for html in outputs[:-1])
    assert "fedqa-streaming" not in final
    assert "120 hours a year." in final and 'href="#fedqa-cite-1"' in final
    assert "<script>" not in final and "&lt;script&gt;" in final


def test_filters_restrict_the_citations(web):
    html = web.predict(
        "What did the seminar discuss?", "Address summary", "any", "", "", api_name="/ask"
    )
    assert "Address summary" in html and "Seminar report" not in html
    html = web.predict("minimum wage", "any", "any", "2024-01-01", "", api_name="/ask")
    assert "2023-09-01" not in html
    html = web.predict("minimum wage", "any", "any", "last year", "", api_name="/ask")
    assert "fedqa-error" in html and "YYYY-MM-DD" in html


def test_citation_links_download_the_original_file(web_app):
    client, _settings, folder = web_app
    html = client.predict("How many hours of overtime are allowed in a year?", api_name="/ask")
    match = re.search(r'class="fedqa-original" href="([^"]+)"', html)
    assert match, "each cited passage links to its original file"
    response = httpx.get(client.src + match.group(1).replace("&amp;", "&"), timeout=WEB_TIMEOUT_S)
    assert response.status_code == 200
    assert response.content == (folder / "guidance/working-time-and-overtime.md").read_bytes()
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "source",
    ["../../../../etc/passwd", "/etc/passwd", "guidance/missing.md", ".hidden-notes.md"],
)
def test_only_ingested_files_inside_the_corpus_can_be_downloaded(web_app, source):
    client, _settings, folder = web_app
    (folder / ".hidden-notes.md").write_text("Not ingested: hidden files are skipped.")
    response = httpx.get(client.src + "original", params={"source": source}, timeout=WEB_TIMEOUT_S)
    assert response.status_code == 404


def test_material_tab_finds_passages_and_makes_a_handout(web_app, tmp_path):
    client, _settings, _folder = web_app

    session = web_client(client.src)
    html, kept, _files = session.predict(
        "overtime limits", "any", "any", "", "", api_name="/find_material"
    )
    assert "Working time and overtime - what the law allows" in html
    numbers = re.findall(r'id="fedqa-material-(\d+)"', html)
    assert len(numbers) >= 2
    status, files = session.predict("overtime limits", [1, 2], api_name="/handout")
    assert "2 passages" in status
    markdown = Path(next(f for f in files if f.endswith(".md"))).read_text()
    assert markdown.startswith("# Handout: overtime limits")
    assert "[1]" in markdown and "[2]" in markdown and "[3]" not in markdown
    sources = markdown.split("## Sources", 1)[1]
    assert "1. Working time and overtime - what the law allows, 2024-04-10" in sources
    assert sources.count("Working time and overtime") == 1  # one entry per document
    import docx

    word = docx.Document(next(f for f in files if f.endswith(".docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Handout: overtime limits" in text
    assert "Working time and overtime - what the law allows" in text and "passages [1], [2]" in text


def test_handout_needs_found_and_ticked_passages(web_app):
    client, _settings, _folder = web_app

    session = web_client(client.src)
    status, files = session.predict("overtime", [], api_name="/handout")
    assert "Find passages on a topic first" in status and not files
    session.predict("overtime", "any", "any", "", "", api_name="/find_material")
    status, files = session.predict("overtime", [], api_name="/handout")
    assert "Tick at least one passage" in status and not files
    html, _kept, _files = session.predict(
        "recipe for borscht with beetroot", "any", "any", "", "", api_name="/find_material"
    )
    assert "No passage in the materials is close enough" in html


NIGHT_WORK = (
    "---\ntitle: Night work pay\ndoc_type: law_guidance\ndate: 2024-06-01\n---\n"
    "Night work lasts from ten in the evening until six in the morning; each hour of it is paid "
    "at no less than one and a half times the ordinary hourly rate.\n"
)


def test_upload_is_refused_without_the_administrator_password(web_app, tmp_path):
    from gradio_client import handle_file

    client, settings, folder = web_app
    upload = tmp_path / "night-work.md"
    upload.write_text(NIGHT_WORK)
    for user, password in [("", ""), (ADMIN["admin_user"], "wrong"), ("someone", "x")]:
        html = client.predict([handle_file(str(upload))], user, password, api_name="/upload")[0]
        assert "Wrong user name or password" in html
    assert not (folder / "uploads").exists()
    answer = client.predict("What is the pay rate for night work?", api_name="/ask_json")
    assert "one and a half times" not in answer["text"]


def test_upload_with_the_password_ingests_and_reports(web_app, tmp_path):
    from gradio_client import handle_file

    client, settings, folder = web_app
    good = tmp_path / "night-work.md"
    good.write_text(NIGHT_WORK)
    empty = tmp_path / "<img src=x onerror=alert(1)>.txt"
    empty.write_text("")
    other = tmp_path / "slides.pptx"
    other.write_bytes(b"PK\x03\x04 not really")
    html = client.predict(
        [handle_file(str(p)) for p in (good, empty, other)],
        ADMIN["admin_user"],
        ADMIN["admin_password"],
        api_name="/upload",
    )[0]
    assert "1 added" in html, html
    # Gradio itself drops < and > from uploaded names; what is left is shown as text.
    assert "the file is empty" in html and "onerror=alert(1).txt" in html
    assert "slides.pptx" in html and "is not supported" in html
    assert "<img" not in html
    assert (folder / "uploads" / "night-work.md").read_text() == NIGHT_WORK
    answer = client.predict("What is the pay rate for night work?", api_name="/ask_json")
    assert answer["answered"] and "one and a half times" in answer["text"]
    assert answer["citations"][0]["source"] == "uploads/night-work.md"


def test_ask_continues_the_sessions_conversation(web_app):
    client, _settings, _folder = web_app

    session = web_client(client.src)
    session.predict("How long is basic annual paid leave?", api_name="/ask")
    html = session.predict("and for heavy work?", api_name="/ask")
    assert "Answered as: How long is basic annual paid leave for heavy work?" in html
    other = web_client(client.src)  # another visitor: no earlier turn
    assert "Answered as" not in other.predict("and for heavy work?", api_name="/ask")
