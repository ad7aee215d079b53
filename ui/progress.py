"""A progress bar for `fedqa ingest` on a terminal (tqdm), silent when output is piped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ingest.sync import ProgressFn


@contextmanager
def ingest_progress(enabled: bool) -> Iterator[ProgressFn | None]:
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            unit = "files" if stage == "reading" else "chunks"
            desc = "reading files" if stage == "reading" else "embedding"
            # tqdm shows done/total, the rate (chunks/s) and the ETA.
            bar = bars[stage] = tqdm(total=total, desc=desc, unit=unit, leave=False)
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.close()
