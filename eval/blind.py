"""The blind set in CI: `../shared/blind-eval/run --json`, held to the `[blind]` floors.

The set is sealed and written independently of fedqa; this module only runs its runner and
reads the aggregate figures it prints (never the set). Its figures use the runner's names,
kept as they come under `answers.` so that eval/floors.toml reads like the other sets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from eval.floors import FLOORS_FILE, check

RUNNER = Path(__file__).resolve().parent.parent.parent / "shared" / "blind-eval" / "run"


def measure(runner: Path = RUNNER) -> dict:
    """The runner's JSON figures as a metrics object of set 'blind'."""
    done = subprocess.run(
        [str(runner), "--json"], capture_output=True, text=True, check=True, timeout=1800
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {"set": "blind", "answers": figures}


def main() -> int:
    if not RUNNER.is_file():
        print(f"blind set: no runner at {RUNNER}; not measured")
        return 0
    metrics = measure()
    answers = metrics["answers"]
    print(
        "blind set: fact recall {fact_recall:.3f}, citation precision {cit_precision:.3f}, "
        "no-answer accuracy {no_answer:.3f}, false refusals {false_refusal:.3f}, "
        "Russian fact recall {ru_fact_recall:.3f}".format(**answers)
    )
    breaches = check(metrics, FLOORS_FILE)
    for breach in breaches:
        print(f"FLOOR BROKEN: {breach}")
    return 3 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
