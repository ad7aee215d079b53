#!/usr/bin/env bash
# Install fedqa with its test extras and run every check: ruff, then the whole test suite twice,
# once on embedded Chroma stores and once against a real Chroma server (`chroma run`, started by
# the tests themselves; FEDQA_TEST_STORE=server). Arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test
bash scripts/install-browser.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== test suite, embedded Chroma =="
FEDQA_TEST_STORE=embedded .venv/bin/python -m pytest -ra "$@"
echo "== test suite, Chroma server =="
FEDQA_TEST_STORE=server .venv/bin/python -m pytest -ra "$@"
