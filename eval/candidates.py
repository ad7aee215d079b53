"""Turn readers' feedback into candidate golden items for a person to review.

A thumbs-up answer becomes an answerable item citing the documents the answer cited, with the
facts left for the reviewer to fill in; a thumbs-down becomes an item marked for review, with the
reader's comment, because only a person can tell whether the materials answer it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any


def candidates_from_feedback(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    items = []
    for record in records:
        question = " ".join(str(record.get("question", "")).split())
        if not question or question.lower() in seen:
            continue
        seen.add(question.lower())
        digest = hashlib.sha1(question.encode()).hexdigest()[:8]
        cited = sorted({c["doc_id"] for c in record.get("citations", []) if c.get("doc_id")})
        good = record.get("verdict") == "up" and record.get("answered")
        items.append(
            {
                "id": f"feedback-{digest}",
                "question": question,
                "kind": "fact" if good else "near_miss",
                "answerable": bool(good),
                "documents": cited if good else [],
                "facts": [],
                "review": {
                    "verdict": record.get("verdict"),
                    "comment": record.get("comment", ""),
                    "answer": record.get("answer", ""),
                    "cited": cited,
                    "todo": "add facts (accepted spellings) for answerable items; check kind"
                    if good
                    else "decide: answerable (add documents and facts) or near_miss/out_of_scope",
                },
            }
        )
    return items
