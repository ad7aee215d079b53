"""Retrieval and answer metrics. Pure functions over plain values, so each is easy to check.

Retrieval is judged at the document level: the ranked chunks are reduced to the ranked list of
distinct documents they come from, because a golden item names the documents that answer it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def distinct_in_order(values: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if not (v in seen or seen.add(v))]


def recall_at_k(ranked_docs: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """Share of the relevant documents found among the first k."""
    if not relevant:
        return 0.0
    return len(set(ranked_docs[:k]) & set(relevant)) / len(set(relevant))


def reciprocal_rank(ranked_docs: Sequence[str], relevant: Sequence[str]) -> float:
    for rank, doc in enumerate(ranked_docs, start=1):
        if doc in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked_docs: Sequence[str], relevant: Sequence[str], k: int) -> float:
    """Binary-relevance nDCG: 1.0 when all relevant documents lead the ranking."""
    gains = [
        1.0 / math.log2(rank + 1) for rank, d in enumerate(ranked_docs[:k], 1) if d in relevant
    ]
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(set(relevant)), k) + 1))
    return sum(gains) / ideal if ideal else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
