#!/usr/bin/env bash
# Install fedqa with its test extras and run every check: ruff, the whole test suite on embedded
# Chroma stores, then the suites that write or query the store again against a real Chroma server
# (`chroma run`, started by the tests themselves; FEDQA_TEST_STORE=server). Arguments go to both
# pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# .ci/run installs first (from nothing) and says so, to start the blind set beside the tests.
[ "${FEDQA_INSTALLED:-}" = 1 ] || bash scripts/install.sh test
bash scripts/install-browser.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The runs are independent (their own temporary stores, free ports), so they run side by side:
# on 2 cores 12.1 min (the longest, the server run) at 4376b95. Each one's output is printed whole when
# all are done; the exit status is the first failure's.
mkdir -p test-artifacts
# The embedded runs ingest the corpus of their answer tests once between them (tests/conftest.py).
FEDQA_TEST_SHARED_STORE=$(mktemp -d)
export FEDQA_TEST_SHARED_STORE
trap 'rm -rf "$FEDQA_TEST_SHARED_STORE"' EXIT
# With no arguments the embedded suite runs as two shards (the store, ingest and eval-command
# suites, and the rest), so that both cores stay busy once the shorter server run is done: at
# d0d168d 11.4 and 15.5 min for the two shards (the eval-command suite, about 3 min, then in the
# second), 12.4 for the server run.
store_shard=(tests/index_store tests/ingest tests/eval/test_eval_command.py)
# Each run lists its 15 slowest tests: where CI's time goes.
pytest=(.venv/bin/python -m pytest -ra --durations=15 -p no:cacheprovider)
if [ "$#" -eq 0 ]; then
  FEDQA_TEST_STORE=embedded setsid "${pytest[@]}" "${store_shard[@]}" \
      > test-artifacts/pytest-embedded-store.log 2>&1 &
  shard=$!
  rest=(tests --ignore=tests/index_store --ignore=tests/ingest \
      --ignore=tests/eval/test_eval_command.py)
else
  : >test-artifacts/pytest-embedded-store.log
  shard=""
  rest=("$@")
fi
FEDQA_TEST_STORE=embedded setsid "${pytest[@]}" "${rest[@]}" \
    > test-artifacts/pytest-embedded.log 2>&1 &
embedded=$!
# The answer, evaluation and browser suites read the store only through retrieval, which
# tests/assistant/test_retrieval.py covers; running them twice doubled CI's time for nothing new.
# tests/test_chroma_server.py starts a server of its own in either mode: the embedded run has it.
FEDQA_TEST_STORE=server FEDQA_TEST_SHARED_STORE= setsid "${pytest[@]}" tests/index_store \
    tests/ingest tests/assistant/test_retrieval.py tests/ui/test_cli.py \
    tests/ui/test_web.py "$@" > test-artifacts/pytest-server.log 2>&1 &
server=$!
# Interrupted (Ctrl-C, a CI timeout): stop both runs with everything they started (Chroma
# servers, browsers). Each runs in its own process group (setsid), so one kill reaches it all.
trap 'kill -TERM -- -"$embedded" -"$server" ${shard:+-"$shard"} 2>/dev/null; exit 130' INT TERM
status=0
if [ -n "$shard" ]; then wait "$shard" || status=$?; fi
wait "$embedded" || { code=$?; [ "$status" -ne 0 ] || status=$code; }
wait "$server" || { code=$?; [ "$status" -ne 0 ] || status=$code; }
echo "== test suite, embedded Chroma =="
cat test-artifacts/pytest-embedded-store.log test-artifacts/pytest-embedded.log
echo "== store suites, Chroma server =="
cat test-artifacts/pytest-server.log
exit "$status"
