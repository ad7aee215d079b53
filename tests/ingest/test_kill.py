"""`kill -9` at random moments of a real ingest, then a normal run: the store must equal a clean
ingest chunk by chunk (no duplicate, missing or stale chunk), and the BM25 index must match it."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index_store.keyword_index import KeywordIndex, index_folder
from index_store.store import Store
from ingest.sync import sync_folder
from tests.conftest import (
    PROJECT_ROOT,
    SAMPLE_CORPUS,
    STORE_MODE,
    make_settings,
    run_fedqa,
    store_env,
)

# 20 kills on the embedded store (the figure); fewer against a server, where each
# changed-folder attempt must first ingest the older corpus (a store cannot be copied as files).
KILLS = 20 if STORE_MODE == "embedded" else 8
COMMIT_CHUNKS = 2  # many small commits: many places to die between
ENV = {"FEDQA_COMMIT_CHUNKS": str(COMMIT_CHUNKS)}
# The random kills hit the main store; the multilingual store is synced by the same FolderSync
# after it (one kill in it below), and would make each of the 20 repairs five times slower.
MAIN_ONLY = {**ENV, "FEDQA_MULTILINGUAL_BACKEND": "none"}


def snapshot(data_dir: Path, multilingual: bool = False) -> dict[str, tuple]:
    """Every chunk of the store in `data_dir` (its multilingual store's, if asked)."""
    settings = make_settings(data_dir, multilingual=multilingual)
    store = Store(settings.multilingual() if multilingual else settings, create=False)
    got = store._collection.get(include=["documents", "metadatas"])
    return {
        cid: (text, tuple(sorted(meta.items())))
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    }


def english_copy(src: Path, dst: Path) -> None:
    """The sample corpus's English guidance notes only: crash safety depends neither on the
    language nor on the number of documents, and each of the 20 kills pays for two ingests (on
    this 2-core machine both kill tests took 453 s on every English document, 328 s on these)."""

    def other_language(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if (Path(folder) / name).is_file()
            and any(
                line.strip() in ("language: kk", "language: ru")
                for line in (Path(folder) / name).read_text(encoding="utf-8").splitlines()[:12]
            )
        }

    shutil.copytree(src / "guidance", dst / "guidance", ignore=other_language)


def changed_copy(src: Path, dst: Path) -> None:
    """An older state of the corpus: one file edited, one missing, one extra."""
    english_copy(src, dst)
    leave = dst / "guidance" / "annual-paid-leave.md"
    leave.write_text(leave.read_text().replace("twenty-four", "twenty-one"))
    (dst / "guidance" / "conciliation-commission.md").unlink()
    (dst / "old-note.md").write_text("# Old note\n\nThis note was removed from the corpus later.\n")


def start_ingest(corpus: Path, data_dir: Path, env: dict[str, str] = MAIN_ONLY) -> subprocess.Popen:
    script = Path(sys.executable).parent / "fedqa"
    return subprocess.Popen(
        [str(script), "ingest", str(corpus), "--json"],
        env={**os.environ, "FEDQA_DATA_DIR": str(data_dir), **store_env(data_dir), **env},
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_kill_dash_nine_at_random_points_is_repaired(tmp_path):
    corpus = tmp_path / "corpus"
    english_copy(SAMPLE_CORPUS, corpus)
    older = tmp_path / "older"
    changed_copy(SAMPLE_CORPUS, older)

    older_dir = tmp_path / "older-data"
    assert run_fedqa("ingest", str(older), data_dir=older_dir, env=MAIN_ONLY).returncode == 0

    clean_dir = tmp_path / "clean"
    assert run_fedqa("ingest", str(corpus), data_dir=clean_dir, env=MAIN_ONLY).returncode == 0
    clean = snapshot(clean_dir)

    rng = random.Random(20261124)
    tally = {"killed_mid_write": 0, "duplicates": 0, "missing": 0, "stale": 0}
    for attempt in range(KILLS):
        data_dir = tmp_path / f"run{attempt}"
        # the settings of MAIN_ONLY, for the syncs run in this process
        settings = make_settings(data_dir, commit_chunks=COMMIT_CHUNKS)
        if attempt % 2 and STORE_MODE == "embedded":  # half interrupt a sync of a changed folder
            shutil.copytree(older_dir, data_dir)
        elif attempt % 2:
            assert not sync_folder(older, settings).skipped
        journal = data_dir / "ingest.journal"
        process = start_ingest(corpus, data_dir)
        deadline = time.monotonic() + 60
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # wait until the run starts writing, then die somewhere in it
        time.sleep(rng.uniform(0.0, 2.0))
        if process.poll() is None:
            tally["killed_mid_write"] += 1
        process.send_signal(signal.SIGKILL)
        process.wait()

        # The next run, in this process: the same sync as `fedqa ingest` without a new process's
        # imports and model load each time (20 repairs: about 90 s of CI's two cores)
        repaired = sync_folder(corpus, settings)
        assert not repaired.skipped, repaired.skipped
        got = snapshot(data_dir)
        positions = [(dict(meta)["doc_id"], dict(meta)["position"]) for _, meta in got.values()]
        tally["duplicates"] += len(positions) - len(set(positions))
        tally["missing"] += len(set(clean) - set(got))
        tally["stale"] += len(set(got) - set(clean))
        assert got == clean, f"kill {attempt}: store differs from a clean ingest"
        store = Store(make_settings(data_dir), create=False)
        index = KeywordIndex.load(index_folder(data_dir))
        assert index is not None and index.fingerprint == store.fingerprint()
    print(f"kill test: {KILLS} kills, {tally}")
    assert tally["killed_mid_write"] >= KILLS // 2, tally
    assert (tally["duplicates"], tally["missing"], tally["stale"]) == (0, 0, 0)


@pytest.mark.slow
def test_a_kill_in_the_multilingual_sync_is_repaired(tmp_path):
    """`kill -9` once the main store is written and the multilingual one is being written; the
    next run completes the multilingual store as a clean ingest would have written it."""
    corpus = tmp_path / "corpus"
    english_copy(SAMPLE_CORPUS, corpus)
    clean_dir = tmp_path / "clean"
    assert run_fedqa("ingest", str(corpus), data_dir=clean_dir, env=ENV).returncode == 0
    clean = snapshot(clean_dir, multilingual=True)
    assert clean

    data_dir = tmp_path / "run"
    journal = make_settings(data_dir, multilingual=True).multilingual().data_dir / "ingest.journal"
    process = start_ingest(corpus, data_dir, env=ENV)
    deadline = time.monotonic() + 120
    while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    assert process.poll() is None, "the ingest ended before its multilingual sync could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    repaired = run_fedqa("ingest", str(corpus), "--json", data_dir=data_dir, env=ENV)
    assert repaired.returncode == 0, repaired.stderr
    assert snapshot(data_dir, multilingual=True) == clean
