"""Quality floors: one TOML file (`eval/floors.toml`) that CI holds every change to."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLOORS_FILE = Path(__file__).resolve().parent / "floors.toml"


@dataclass(frozen=True)
class Breach:
    set_name: str
    metric: str
    value: float | None
    limit: float
    kind: str  # "floor" or "ceiling"

    def __str__(self) -> str:
        shown = "missing" if self.value is None else f"{self.value:.3f}"
        relation = "under its floor" if self.kind == "floor" else "over its ceiling"
        return f"{self.set_name}: {self.metric} = {shown} is {relation} {self.limit:.3f}"


def lookup(metrics: dict[str, Any], dotted: str) -> float | None:
    """`answers.fact_recall` -> metrics["answers"]["fact_recall"]; the last part may hold dots."""
    node: Any = metrics
    parts = dotted.split(".")
    while parts:
        for size in range(len(parts), 0, -1):
            key = ".".join(parts[:size])
            if isinstance(node, dict) and key in node:
                node, parts = node[key], parts[size:]
                break
        else:
            return None
    return None if node is None else float(node)


def _section(set_name: str, floors_file: Path) -> dict[str, Any]:
    """The floors (and a "ceilings" table) `floors_file` sets for the set `set_name`."""
    return tomllib.loads(floors_file.read_text(encoding="utf-8")).get(set_name, {})


def count(set_name: str, floors_file: Path = FLOORS_FILE) -> int:
    """How many floors and ceilings `floors_file` sets for the set `set_name`."""
    section = _section(set_name, floors_file)
    return len([m for m in section if m != "ceilings"]) + len(section.get("ceilings", {}))


def check(metrics: dict[str, Any], floors_file: Path = FLOORS_FILE) -> list[Breach]:
    """Every floor or ceiling the metrics of one set break; none configured means none broken."""
    section = _section(metrics["set"], floors_file)
    breaches = []
    for metric, limit in section.items():
        if metric == "ceilings":
            continue
        value = lookup(metrics, metric)
        if value is None or value < limit:
            breaches.append(Breach(metrics["set"], metric, value, float(limit), "floor"))
    for metric, limit in section.get("ceilings", {}).items():
        value = lookup(metrics, metric)
        if value is None or value > limit:
            breaches.append(Breach(metrics["set"], metric, value, float(limit), "ceiling"))
    return breaches
