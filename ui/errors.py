"""One place that turns exceptions into what a person sees: a sentence, never a traceback."""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from index_store.errors import FedqaError

log = logging.getLogger("fedqa")

LOG_BACKUPS = 3


def log_file(data_dir: Path) -> Path:
    return data_dir / "fedqa.log"


def setup_logging(data_dir: Path, max_mb: float = 10, backups: int = LOG_BACKUPS) -> None:
    """Send full details (tracebacks included) to the log file in the data folder, if writable,
    rotated at `max_mb` so that a stream of failures cannot fill the disk."""
    root = logging.getLogger()
    if any(getattr(h, "_fedqa", False) for h in root.handlers):
        return
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            log_file(data_dir),
            maxBytes=max(1024, int(max_mb * 1024 * 1024)),
            backupCount=backups,
            encoding="utf-8",
        )
    except OSError:
        return
    handler._fedqa = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _log_unexpected(exc: BaseException) -> None:
    log.error("unexpected error: %s", "".join(traceback.format_exception(exc)))


def user_message(exc: BaseException, data_dir: Path) -> str:
    """The sentence to show the operator at the command line for `exc`; unexpected errors are
    logged in full first and the message says where."""
    if isinstance(exc, FedqaError):
        return str(exc)
    _log_unexpected(exc)
    return (
        f"Something went wrong inside fedqa ({type(exc).__name__}). The details are in "
        f"{log_file(data_dir)}; please send that file to whoever maintains fedqa."
    )


def web_message(exc: BaseException, data_dir: Path) -> str:
    """The sentence a web visitor sees for `exc`: like `user_message`, but naming no path or
    exception type of the server (a visitor is not its operator)."""
    if isinstance(exc, FedqaError):
        message = str(exc)
        for folder in {str(data_dir.resolve()), str(data_dir)}:
            message = message.replace(folder, "the server's data folder")
        return message
    _log_unexpected(exc)
    return (
        "Something went wrong inside fedqa. The details are in the server's log (fedqa.log in "
        "its data folder); please tell whoever runs this server."
    )
