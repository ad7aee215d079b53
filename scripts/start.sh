#!/usr/bin/env bash
# Install fedqa, ingest the sample corpus and serve the web chat on http://127.0.0.1:7860
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/fedqa ingest sample_corpus
exec .venv/bin/fedqa serve "$@"
