#!/usr/bin/env bash
# Create .venv (Python 3.11) and install fedqa with everything it needs, every package at the
# version and with the hashes that the lock file gives it (requirements.lock, or
# requirements-test.lock with the test extra; scripts/lock.sh writes them from pyproject.toml).
# Usage: scripts/install.sh [extras]   e.g. scripts/install.sh test
#   FEDQA_FRESH_VENV=1 scripts/install.sh ...   remove .venv first and use no download cache
#   (what CI does: the install must work from nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH="torch==2.13.0" # keep in step with torch_version in scripts/lock.sh

extras="${1:-}"
case "$extras" in
  "") lock=requirements.lock ;;
  test) lock=requirements-test.lock ;;
  *)
    echo "scripts/install.sh: unknown extras '$extras' (the one extra is 'test')" >&2
    exit 2
    ;;
esac

python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python="$candidate"; break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "fedqa needs Python 3.11: install it, or point PYTHON at it." >&2
  exit 1
fi

no_cache=()
if [ "${FEDQA_FRESH_VENV:-}" = 1 ]; then
  rm -rf .venv
  no_cache=(--no-cache-dir)
  export UV_NO_CACHE=1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
# uv links files from its cache by default (hardlinks). nltk refuses to open a hardlinked data
# file (its pathsec check, CWE-59), so llama-index's stopword list failed to load and every ingest
# stopped with a PermissionError on a machine where uv's cache was warm. Copy instead.
export UV_LINK_MODE=copy
pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
uv=(.venv/bin/uv pip)

# 1. torch by itself, with pip: pip's configuration on these machines names the folder with its
#    CPU build (find-links). Its dependencies come from the lock; torch from the index would bring
#    multi-GB CUDA packages, so it is never left to a resolver.
"${pip[@]}" install ${no_cache[@]+"${no_cache[@]}"} --no-deps "$TORCH"
# 2. uv, with the hashes the lock gives it: it installs the lock in a few seconds, pip in minutes.
uv_lock="$(mktemp)"
trap 'rm -f "$uv_lock"' EXIT
awk '/^uv==/ { found = 1 } found { print; if (!/\\$/) exit }' "$lock" >"$uv_lock"
"${pip[@]}" install ${no_cache[@]+"${no_cache[@]}"} --require-hashes --no-deps -r "$uv_lock"
# 3. Everything else, exactly as locked. --no-deps: the lock is the whole environment, nothing is
#    resolved again (torch, installed above, is the one package it leaves out).
#    --compile-bytecode: where Python may not write its bytecode cache (PYTHONDONTWRITEBYTECODE, a
#    read-only install), every process compiled chromadb, llama-index and nltk from source again:
#    6 s of each `fedqa` start (a 42-chunk ingest 19.6 s -> 14.6 s), paid once here instead.
"${uv[@]}" install --quiet --python .venv/bin/python --compile-bytecode --require-hashes \
    --no-deps -r "$lock"
# 4. fedqa itself, its own modules compiled too.
"${uv[@]}" install --quiet --python .venv/bin/python --no-deps -e .
.venv/bin/python -m compileall -q assistant eval index_store ingest ui >/dev/null

"${uv[@]}" check --quiet --python .venv/bin/python
if "${uv[@]}" freeze --python .venv/bin/python | grep -iE '^(nvidia[-_]|triton)'; then
  echo "scripts/install.sh: CUDA packages got into .venv (above); fedqa uses the CPU build." >&2
  exit 1
fi
echo "fedqa installed in .venv"
