"""Readers' verdicts on answers, kept as JSON lines in `$FEDQA_DATA_DIR/feedback.jsonl`.

The web chat writes them; `fedqa eval --from-feedback` turns them into candidate golden items.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index_store.settings import FedqaSettings

VERDICTS = ("up", "down")
MAX_COMMENT_CHARS = 2000
_write_lock = threading.Lock()


def feedback_file(settings: FedqaSettings) -> Path:
    return settings.data_dir / "feedback.jsonl"


def record_feedback(
    settings: FedqaSettings, answer: dict[str, Any], verdict: str, comment: str = ""
) -> dict[str, Any]:
    """Append one verdict on one answer (the `fedqa ask --json` object) and return the record."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}")
    entry = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "verdict": verdict,
        "comment": (comment or "").strip()[:MAX_COMMENT_CHARS],
        "question": answer.get("question", ""),
        "answered": bool(answer.get("answered")),
        "answer": answer.get("text", ""),
        "citations": [
            {k: c.get(k) for k in ("n", "doc_id", "source", "title", "date", "doc_type")}
            for c in answer.get("citations", [])
        ],
    }
    path = feedback_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _write_lock, open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def read_feedback(settings: FedqaSettings) -> Iterator[dict[str, Any]]:
    """Every readable record; a torn last line (a crash mid-write) is skipped."""
    path = feedback_file(settings)
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue
