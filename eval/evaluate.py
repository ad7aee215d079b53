"""The evaluation as `fedqa eval` runs it: validate the sets, run them, check the floors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eval.floors import FLOORS_FILE, Breach, check, count
from eval.golden import GoldenSetError, default_sets, load_set, validate_set
from eval.runner import SetResult, StoreCache, run_set
from index_store.errors import FedqaError
from index_store.settings import FedqaSettings


class EvalSetError(FedqaError):
    """A golden set is malformed or disagrees with its corpus."""


@dataclass
class Evaluation:
    results: list[SetResult]
    breaches: list[Breach]
    floors_file: Path
    limits: int  # the floors and ceilings checked


def evaluate(
    set_files: list[Path] | None,
    settings: FedqaSettings,
    floors_file: Path = FLOORS_FILE,
    written_standalones: bool = False,
) -> Evaluation:
    paths = list(set_files) if set_files else default_sets()
    sets = []
    for path in paths:
        try:
            golden = load_set(path)
        except (OSError, GoldenSetError) as exc:
            raise EvalSetError(f"Cannot read the golden set {path}: {exc}") from None
        problems = validate_set(golden)
        if problems:
            raise EvalSetError(
                f"The golden set {path} has {len(problems)} problem(s): " + "; ".join(problems[:5])
            )
        sets.append(golden)
    with StoreCache() as stores:
        results = [run_set(golden, settings, stores, written_standalones) for golden in sets]
    breaches = [b for result in results for b in check(result.metrics(), floors_file)]
    limits = sum(count(golden.name, floors_file) for golden in sets)
    return Evaluation(results, breaches, floors_file, limits)
