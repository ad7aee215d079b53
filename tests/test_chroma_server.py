"""The same ingest, sync and answers against a real Chroma server (`chroma run` on 127.0.0.1)."""

from __future__ import annotations

import json
import shutil

import pytest

from index_store.chroma_server import start_chroma_server
from tests.conftest import SAMPLE_CORPUS, free_port, run_fedqa

# The English model only, where a test is about processes or the eval's own stores, not about
# the multilingual store (the first test, and tests/ingest in the server run, keep both).
MAIN_ONLY = {"FEDQA_MULTILINGUAL_BACKEND": "none"}


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    process = start_chroma_server(tmp_path_factory.mktemp("chroma-server"), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.slow
def test_ingest_sync_and_answers_through_a_chroma_server(tmp_path, chroma_server):
    env = {"FEDQA_CHROMA_URL": chroma_server, "FEDQA_COLLECTION": "server_test"}
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS / "guidance", corpus)
    data_dir = tmp_path / "data"

    first = run_fedqa("ingest", str(corpus), "--json", data_dir=data_dir, env=env)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout.splitlines()[-1])
    assert report["added"] == len(list(corpus.glob("*.md"))) + len(list(corpus.glob("*.txt")))

    (corpus / "annual-paid-leave.md").unlink()
    second = json.loads(
        run_fedqa("ingest", str(corpus), "--json", data_dir=data_dir, env=env).stdout.splitlines()[
            -1
        ]
    )
    assert second["removed"] == 1 and second["added"] == 0

    status = json.loads(run_fedqa("status", "--json", data_dir=data_dir, env=env).stdout)
    assert status["store"] == "server" and status["reachable"]
    assert status["documents"] == report["added"] - 1 and status["chunks"] == second["total_chunks"]
    assert not (data_dir / "chroma").exists(), "server mode must not create an embedded store"

    answer = json.loads(
        run_fedqa(
            "ask",
            "How many hours of overtime are allowed in a year?",
            "--json",
            data_dir=data_dir,
            env=env,
        ).stdout
    )
    assert answer["answered"] and "one hundred and twenty hours" in answer["text"]


def test_unreachable_server_is_a_clear_error(tmp_path):
    env = {"FEDQA_CHROMA_URL": f"http://127.0.0.1:{free_port()}"}
    result = run_fedqa("ask", "What is overtime?", data_dir=tmp_path, env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Cannot reach the Chroma server" in result.stderr and "chroma run" in result.stderr
    status = run_fedqa("status", "--json", data_dir=tmp_path, env=env)
    assert status.returncode == 2 and json.loads(status.stdout)["reachable"] is False


@pytest.mark.slow
def test_an_answering_process_sees_what_another_process_ingested(tmp_path, chroma_server):
    from assistant.service import Assistant
    from tests.conftest import make_settings

    env = {**MAIN_ONLY, "FEDQA_CHROMA_URL": chroma_server, "FEDQA_COLLECTION": "two_processes"}
    first = tmp_path / "first"
    shutil.copytree(SAMPLE_CORPUS / "guidance", first)
    assert run_fedqa("ingest", str(first), data_dir=tmp_path / "ingester", env=env).returncode == 0

    web_app = Assistant(
        make_settings(
            tmp_path / "web-app",
            chroma_url=chroma_server,
            collection="two_processes",
            bm25_refresh_seconds=0,
        )
    )
    question = "What does the Zhanaozen rotation roster say about shift lengths?"
    keyword = web_app.retrievers()["bm25"]
    assert all("zhanaozen" not in p.text.lower() for p in keyword.retrieve(question, 5))

    (first / "rotation.md").write_text(
        "# Zhanaozen rotation roster\n\nThe Zhanaozen rotation roster sets shifts of twelve "
        "hours for fourteen days, followed by fourteen days of rest.\n"
    )
    assert run_fedqa("ingest", str(first), data_dir=tmp_path / "ingester", env=env).returncode == 0

    answer = web_app.ask(question)  # the other process's ingest is picked up on the next question
    assert keyword.retrieve(question, 1)[0].doc_id == "rotation.md"
    assert answer.answered and "fourteen days" in answer.text


@pytest.mark.slow
def test_eval_never_touches_the_server_collection(tmp_path, chroma_server, shared_corpus):
    from tests.eval.test_eval_command import _tiny_set

    env = {**MAIN_ONLY, "FEDQA_CHROMA_URL": chroma_server, "FEDQA_COLLECTION": "eval_guard"}
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS / "addresses", corpus)
    data_dir = tmp_path / "data"
    assert run_fedqa("ingest", str(corpus), data_dir=data_dir, env=env).returncode == 0
    before = json.loads(run_fedqa("status", "--json", data_dir=data_dir, env=env).stdout)
    result = run_fedqa(
        "eval", "--set", str(_tiny_set(tmp_path, shared_corpus)), data_dir=data_dir, env=env
    )
    assert result.returncode == 0, result.stderr
    after = json.loads(run_fedqa("status", "--json", data_dir=data_dir, env=env).stdout)
    assert before["documents"] > 0
    assert (after["documents"], after["chunks"]) == (before["documents"], before["chunks"])
