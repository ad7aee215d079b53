#!/usr/bin/env bash
# Regenerate the lock files from pyproject.toml: every package of the environment pinned to one
# version, with the hashes of its files, for Python 3.11 on x86_64 Linux.
#   requirements.lock       what `scripts/install.sh` installs (the runtime set)
#   requirements-test.lock  what `scripts/install.sh test` installs (runtime + the test extra)
# Both also pin uv, which install.sh uses to install them. torch and its CUDA packages are left
# out on purpose: install.sh installs the CPU build of torch first, by itself (see there); its own
# dependencies (sympy, networkx, setuptools ...) are resolved from the CPU wheel and are locked.
# Usage: scripts/lock.sh             after changing a pin in pyproject.toml (other pins stay put)
#        scripts/lock.sh --upgrade   move every unpinned package to its newest release
#        UV_VERSION=x.y.z scripts/lock.sh   move uv itself
# Options go to `uv pip compile` (e.g. --upgrade-package NAME). Then reinstall and run the tests:
#        FEDQA_FRESH_VENV=1 scripts/install.sh test && .venv/bin/python -m pytest tests/test_install.py
set -euo pipefail
cd "$(dirname "$0")/.."

torch_version="2.13.0" # keep in step with TORCH in scripts/install.sh
# The folder that holds the CPU wheel of torch (the one pip's configuration names as find-links).
torch_wheels="${TORCH_WHEELS:-/opt/wheels}"
if ! ls "$torch_wheels"/torch-"$torch_version"+cpu-cp311-*.whl >/dev/null 2>&1; then
  echo "scripts/lock.sh: no torch-$torch_version+cpu wheel for Python 3.11 in $torch_wheels;" \
    "point TORCH_WHEELS at the folder that has it." >&2
  exit 1
fi
uv_version="${UV_VERSION:-$(sed -n 's/^uv==\([^ ]*\) .*/\1/p' requirements.lock 2>/dev/null || true)}"
uv_version="${uv_version:-0.13.9}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${PYTHON:-python3.11}" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "uv==$uv_version"
echo "torch==$torch_version+cpu" >"$work/torch-cpu.txt"

compile() { # compile OUTPUT [uv pip compile options...]
  local output="$1"
  shift
  echo "uv==$uv_version" | "$work/venv/bin/uv" pip compile pyproject.toml - "$@" \
    --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
    --find-links "$torch_wheels" --override "$work/torch-cpu.txt" --no-emit-package torch \
    --no-emit-find-links --custom-compile-command "scripts/lock.sh" --quiet -o "$output"
  if grep -qiE '^(torch|triton|nvidia[-_])' "$output"; then
    echo "scripts/lock.sh: $output names torch or a CUDA package; it must not." >&2
    exit 1
  fi
}

compile requirements.lock "$@"
# The runtime lock as constraints: the test set adds packages, it never moves a runtime one.
compile requirements-test.lock --extra test --constraint requirements.lock "$@"
echo "wrote requirements.lock ($(grep -c '^[A-Za-z]' requirements.lock) packages) and" \
  "requirements-test.lock ($(grep -c '^[A-Za-z]' requirements-test.lock) packages)"
