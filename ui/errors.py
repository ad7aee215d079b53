"""One place that turns exceptions into what a person sees: a sentence, never a traceback."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from index_store.errors import FedqaError

log = logging.getLogger("fedqa")


def log_file(data_dir: Path) -> Path:
    return data_dir / "fedqa.log"


def setup_logging(data_dir: Path) -> None:
    """Send full details (tracebacks included) to the log file in the data folder, if writable."""
    root = logging.getLogger()
    if any(getattr(h, "_fedqa", False) for h in root.handlers):
        return
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file(data_dir), encoding="utf-8")
    except OSError:
        return
    handler._fedqa = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def user_message(exc: BaseException, data_dir: Path) -> str:
    """The sentence to show for `exc`; unexpected errors are logged in full first."""
    if isinstance(exc, FedqaError):
        return str(exc)
    log.error("unexpected error: %s", "".join(traceback.format_exception(exc)))
    return (
        f"Something went wrong inside fedqa ({type(exc).__name__}). The details are in "
        f"{log_file(data_dir)}; please send that file to whoever maintains fedqa."
    )
