"""The real Gradio app, driven through gradio_client over HTTP on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from ingest.sync import sync_folder
from tests.conftest import free_port, make_settings

HOSTILE_TITLE = "<script>alert('title')</script>Strike rules"
HOSTILE_TEXT = (
    "The strike committee <img src=x onerror=alert('text')> must warn the employer in writing "
    "fifteen days before the strike begins."
)


@pytest.fixture(scope="module")
def web_app(tmp_path_factory, corpus_dir):
    from gradio_client import Client

    from ui.web import build_app

    folder = tmp_path_factory.mktemp("web-corpus")
    (folder / "hostile.md").write_text(
        f'---\ntitle: "{HOSTILE_TITLE}"\ndoc_type: law_guidance\n---\n{HOSTILE_TEXT}\n'
    )
    for path in corpus_dir.rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(corpus_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    settings = make_settings(tmp_path_factory.mktemp("web-data"))
    sync_folder(folder, settings)
    app = build_app(settings)
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, ssr_mode=False)
    try:
        yield Client(f"http://127.0.0.1:{port}/", verbose=False), settings
    finally:
        app.close()


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
    client, settings = web_app
    from gradio_client import Client

    session = Client(client.src, verbose=False)  # a fresh session: no answer yet
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
    from gradio_client import Client

    from tests.llm_server import Reply, ScriptedLLMServer
    from ui.web import build_app

    with ScriptedLLMServer() as (url, script):
        script.replies[:] = [
            Reply("Overtime may not exceed 120 hours a year [1]. <script>x()</script> applies [1].")
        ]
        settings = ingested.model_copy(update={"llm_url": url, "llm_timeout": 5.0})
        app = build_app(settings)
        app.queue()
        port = free_port()
        app.launch(
            server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, ssr_mode=False
        )
        try:
            job = Client(f"http://127.0.0.1:{port}/", verbose=False).submit(
                "How many hours of overtime are allowed in a year?", api_name="/ask"
            )
            final = job.result()
            outputs = job.outputs()
        finally:
            app.close()
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
