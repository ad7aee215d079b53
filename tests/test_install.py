"""The installed environment is the locked one: every format's library imports, and every package
in the venv is the version that requirements-test.lock pins (so a lock that drifts from what the
install gives, or an install that drifts from the lock, fails here). No network, under a second."""

from __future__ import annotations

import importlib
import importlib.metadata
import re
from pathlib import Path

import pytest

from ingest.formats import html_text

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = PROJECT_ROOT / "requirements.lock"
TEST_LOCK = PROJECT_ROOT / "requirements-test.lock"

# In the venv but not in the lock, on purpose: the venv's own pip (Python 3.11's, never
# upgraded), torch (the CPU build, installed first and by itself) and fedqa itself.
NOT_LOCKED = {"pip", "torch", "fedqa"}
TORCH_PIN = "2.13.0"

# What each kind of file is read with (ingest/loaders.py, ingest/formats.py).
FORMAT_MODULES = [
    "pypdf",  # .pdf
    "docx",  # .docx (python-docx)
    "trafilatura",  # .html
    "justext",  # trafilatura's boilerplate remover
    "lxml.html.clean",  # what justext imports; lxml moved it into lxml_html_clean
    "lxml_html_clean",
    "charset_normalizer",  # .txt and .md in an unknown encoding
    "frontmatter",  # .md front matter (python-frontmatter)
    "yaml",
]


def _name(raw: str) -> str:
    """A package name as PEP 503 normalises it."""
    return re.sub(r"[-_.]+", "-", raw).lower()


def _pins(lock: Path) -> dict[str, str]:
    """name -> version of every `name==version` line in a lock file."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if match:
            pins[_name(match.group(1))] = match.group(2)
    return pins


def _installed() -> dict[str, str]:
    """name -> version of every distribution in this interpreter's environment."""
    return {
        _name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
        if dist.metadata["Name"]
    }


def _hashed_blocks(lock: Path) -> dict[str, int]:
    """name -> how many --hash options follow its pin."""
    counts: dict[str, int] = {}
    current = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==", line)
        if match:
            current = _name(match.group(1))
            counts[current] = 0
        elif current and line.strip().startswith("--hash=sha256:"):
            counts[current] += 1
    return counts


@pytest.mark.parametrize("module", FORMAT_MODULES)
def test_each_format_library_imports(module):
    importlib.import_module(module)


def test_an_html_page_is_read():
    """The whole HTML path (trafilatura, justext, lxml.html.clean) on a small page."""
    page = (
        b"<html><head><title>Overtime rules</title></head><body><nav>Home | News</nav>"
        b"<article><h1>Overtime rules</h1><p>"
        + b"An employer may ask for overtime only with the worker's written consent. " * 6
        + b"</p></article></body></html>"
    )
    text, hints = html_text(page)
    assert "written consent" in text
    assert hints["title"] == "Overtime rules"


def test_every_installed_package_is_the_locked_version():
    pins = _pins(TEST_LOCK)
    installed = _installed()
    drifted = {
        name: f"installed {version}, locked {pins.get(name, 'not at all')}"
        for name, version in installed.items()
        if name not in NOT_LOCKED and pins.get(name) != version
    }
    missing = sorted(set(pins) - set(installed))
    assert not drifted and not missing, (
        f"the venv and {TEST_LOCK.name} differ: {drifted}, locked but not installed: {missing}. "
        "Run `FEDQA_FRESH_VENV=1 scripts/install.sh test`; if pyproject.toml changed, "
        "`scripts/lock.sh` first."
    )


def test_torch_is_the_cpu_build_and_no_cuda_package_is_installed():
    installed = _installed()
    assert installed.get("torch", "").split("+")[0] == TORCH_PIN
    cuda = sorted(name for name in installed if name.startswith(("nvidia-", "triton")))
    assert not cuda, f"CUDA packages in the venv: {cuda}"


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, TEST_LOCK], ids=lambda path: path.name)
def test_the_lock_leaves_out_torch_and_hashes_every_package(lock):
    pins = _pins(lock)
    assert not [name for name in pins if name == "torch" or name.startswith(("nvidia-", "triton"))]
    unhashed = sorted(name for name, count in _hashed_blocks(lock).items() if count == 0)
    assert not unhashed, f"{lock.name} has pins without hashes: {unhashed}"


def test_the_test_lock_keeps_every_runtime_pin():
    runtime, test = _pins(RUNTIME_LOCK), _pins(TEST_LOCK)
    moved = {
        name: (version, test.get(name))
        for name, version in runtime.items()
        if test.get(name) != version
    }
    assert not moved, f"requirements-test.lock moves runtime pins (runtime, test): {moved}"


def test_the_locks_agree_with_pyproject():
    """Each direct pin in pyproject.toml is the version its lock has (scripts/lock.sh was run)."""
    import tomllib

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for requirements, lock in [
        (project["dependencies"], RUNTIME_LOCK),
        (project["dependencies"] + project["optional-dependencies"]["test"], TEST_LOCK),
    ]:
        pins = _pins(lock)
        for requirement in requirements:
            name, _, version = requirement.partition("==")
            assert pins.get(_name(name)) == version, (
                f"pyproject.toml pins {requirement}, {lock.name} has {pins.get(_name(name))}: "
                "run scripts/lock.sh"
            )


def test_no_data_file_of_llama_index_is_hardlinked():
    """nltk refuses a hardlinked data file (st_nlink > 1: pathsec, CWE-59), and uv hardlinks from
    its cache unless told to copy (scripts/install.sh sets UV_LINK_MODE=copy). A hardlinked
    stopword list made every ingest fail with a PermissionError on a second install."""
    import llama_index.core

    cache = Path(llama_index.core.__file__).parent / "_static" / "nltk_cache"
    linked = [str(path) for path in cache.rglob("*") if path.is_file() and path.stat().st_nlink > 1]
    assert not linked, f"hardlinked files that nltk will refuse to open: {linked[:3]}"
