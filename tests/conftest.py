"""Shared fixtures: real model, real Chroma, the project's sample corpus and ../shared/corpus."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from index_store.settings import FedqaSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = PROJECT_ROOT / "sample_corpus"
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
OIL_SEMINAR = "2022-11-24-seminar-oil-industry-activists.txt"
DISPUTES_SEMINAR = "seminar-labor-disputes-nur-sultan.txt"


def make_settings(data_dir: Path, **overrides) -> FedqaSettings:
    """Settings for a private data folder, built without reading the environment."""
    return FedqaSettings(data_dir=data_dir, **overrides)


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

    settings = make_settings(tmp_path_factory.mktemp("data"))
    report = sync_folder(corpus_dir, settings)
    assert report.added > 0 and not report.skipped
    return settings


@pytest.fixture(scope="session")
def assistant(ingested):
    from assistant.service import Assistant

    return Assistant(ingested)


def run_fedqa(
    *args: str, data_dir: Path, stdin: str | None = None, env: dict | None = None, timeout=300
) -> subprocess.CompletedProcess:
    """Run the installed `fedqa` command line in a fresh process, as a script would."""
    full_env = {**os.environ, "FEDQA_DATA_DIR": str(data_dir), **(env or {})}
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def embedder():
    """The real default model, loaded once."""
    from index_store.embedder import Embedder

    return Embedder(FedqaSettings().resolved_model_path(), "cpu")
