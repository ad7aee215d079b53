#!/usr/bin/env bash
# Install fedqa with its test extras and run every check: ruff, the whole test suite on embedded
# Chroma stores, then the suites that write or query the store again against a real Chroma server
# (`chroma run`, started by the tests themselves; FEDQA_TEST_STORE=server). Arguments go to both
# pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test
bash scripts/install-browser.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== test suite, embedded Chroma =="
FEDQA_TEST_STORE=embedded .venv/bin/python -m pytest -ra "$@"
# The answer, evaluation and browser suites read the store only through retrieval, which
# tests/assistant/test_retrieval.py covers; running them twice doubled CI's time for nothing new.
echo "== store suites, Chroma server =="
FEDQA_TEST_STORE=server .venv/bin/python -m pytest -ra tests/index_store tests/ingest \
    tests/test_chroma_server.py tests/assistant/test_retrieval.py tests/ui/test_cli.py \
    tests/ui/test_web.py "$@"
