"""Evaluation output for people: a terminal table, and `report.md` with PNG plots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.floors import FLOORS_FILE
from eval.goals import goals
from eval.runner import SetResult

ANSWER_COLUMNS = ("fact_recall", "citation_precision", "no_answer_accuracy", "false_refusal_rate")
RETRIEVAL_COLUMNS = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")
# The passage that holds the asked fact (see ItemResult.evidence), not just its document.
EVIDENCE_COLUMNS = ("evidence_recall@5", "evidence_mrr")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(header: list[str], rows: list[list[Any]], markdown: bool) -> str:
    cells = [header] + [[_cell(v) for v in row] for row in rows]
    if markdown:
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def tables(metrics: dict[str, Any], markdown: bool = False) -> str:
    """Answer metrics per kind, retrieval metrics per retriever, latency."""
    answer_rows = [
        [kind, values["n"], *(values[c] for c in ANSWER_COLUMNS)]
        for kind, values in metrics["by_kind"].items()
    ]
    overall = metrics["answers"]
    answer_rows.append(["all", overall["n"], *(overall[c] for c in ANSWER_COLUMNS)])
    retrieval_rows = [
        [name, *(values[c] for c in RETRIEVAL_COLUMNS + EVIDENCE_COLUMNS)]
        for name, values in metrics["retrieval"].items()
    ]
    goal_rows = [
        [g.name, f"{'>=' if g.higher_is_better else '<='} {g.target}", g.value, g.status]
        for g in goals(metrics)
    ]
    refusal_rows = [
        [rule, row["right"], row["wrong"]] for rule, row in metrics.get("refusals", {}).items()
    ]
    caution = metrics.get("caution", {})
    caution_rows = [
        [group.replace("_", " "), caution[f"n_{group}"], caution[group]]
        for group in ("right", "unanswerable", "without_fact")
        if f"n_{group}" in caution
    ]
    losses = metrics.get("fact_losses", {})
    loss_rows = [[stage.replace("_", " "), n] for stage, n in losses.items()]
    latency = metrics["latency"]
    title = f"Set '{metrics['set']}': {metrics['questions']} questions"
    conversation = []
    if "conversation" in metrics:
        talk = metrics["conversation"]
        follow = talk["follow_up"]
        # The follow-ups split by path and by language, and asked as written where that was run.
        parts = [
            (f"{label}: {name.replace('_', ' ')}", v)
            for label in ("path", "language")
            for name, v in talk.get(f"follow_up_by_{label}", {}).items()
        ]
        if "follow_up_as_written" in talk:
            parts.append(("as written (a perfect rewrite)", talk["follow_up_as_written"]))
        conversation = [
            _table(
                [
                    "follow-up turns",
                    "n",
                    *ANSWER_COLUMNS,
                    "rewrite accuracy",
                    "new topics inherited",
                ],
                [
                    [
                        "follow_up + switch + unanswerable",
                        follow["n"],
                        *(follow[c] for c in ANSWER_COLUMNS),
                        talk["rewrite_accuracy"],
                        f"{talk['new_topic_inherited']} of {talk['new_topics']}",
                    ],
                    # rewrite accuracy and new topics are the whole set's
                    *([name, v["n"], *(v[c] for c in ANSWER_COLUMNS), "", ""] for name, v in parts),
                ],
                markdown,
            )
        ]
    return "\n\n".join(
        [
            f"### {title}" if markdown else title,
            _table(["kind", "n", *ANSWER_COLUMNS], answer_rows, markdown),
            *conversation,
            _table(["retriever", *RETRIEVAL_COLUMNS, *EVIDENCE_COLUMNS], retrieval_rows, markdown),
            _table(["goal", "target", "measured", "status"], goal_rows, markdown),
            _table(["refused by", "right", "wrong"], refusal_rows, markdown),
            _table(["answerable questions' facts", "n"], loss_rows, markdown),
            _table(["answers given", "n", "with a caution"], caution_rows, markdown),
            f"Answer latency: p50 {latency['p50'] * 1000:.0f} ms, p95 {latency['p95'] * 1000:.0f} "
            f"ms. Relevance gate: {metrics['relevance_threshold']}.",
        ]
    )


def _plot_kinds(result: SetResult, path: Path) -> None:
    import matplotlib.pyplot as plt

    metrics = result.metrics()["by_kind"]
    kinds = list(metrics)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    width = 0.2
    for i, column in enumerate(("fact_recall", "citation_precision", "no_answer_accuracy")):
        values = [metrics[k][column] or 0.0 for k in kinds]
        ax.bar([x + i * width for x in range(len(kinds))], values, width, label=column)
    ax.set_xticks([x + width for x in range(len(kinds))], kinds)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{result.golden.name}: answer metrics per kind of question")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plot_scores(result: SetResult, path: Path) -> None:
    import matplotlib.pyplot as plt

    groups = {
        "answerable": [r.top_score for r in result.results if r.item.answerable],
        "near_miss": [r.top_score for r in result.results if r.item.kind == "near_miss"],
        "out_of_scope": [r.top_score for r in result.results if r.item.kind == "out_of_scope"],
    }
    fig, ax = plt.subplots(figsize=(8, 3.6))
    bins = [i / 40 for i in range(41)]
    for label, scores in groups.items():
        values = [s for s in scores if s is not None]
        if values:
            ax.hist(values, bins=bins, alpha=0.55, label=f"{label} ({len(values)})")
    ax.axvline(result.threshold, color="black", linestyle="--", label="relevance gate")
    ax.set_xlabel("similarity of the best passage")
    ax.set_ylabel("questions")
    ax.set_title(f"{result.golden.name}: best-passage score, answerable vs unanswerable")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plot_latency(result: SetResult, path: Path) -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.hist([r.seconds * 1000 for r in result.results], bins=30)
    ax.set_xlabel("answer latency (ms)")
    ax.set_ylabel("questions")
    ax.set_title(f"{result.golden.name}: latency per question")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plot_retrievers(result: SetResult, path: Path) -> None:
    import matplotlib.pyplot as plt

    retrieval = result.metrics()["retrieval"]
    names = list(retrieval)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        values = [retrieval[name][c] for c in RETRIEVAL_COLUMNS]
        ax.bar([x + i * width for x in range(len(RETRIEVAL_COLUMNS))], values, width, label=name)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(RETRIEVAL_COLUMNS))], RETRIEVAL_COLUMNS)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{result.golden.name}: retrievers compared (document level)")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


PLOTS = {
    "kinds": _plot_kinds,
    "scores": _plot_scores,
    "latency": _plot_latency,
    "retrievers": _plot_retrievers,
}


def write_report(
    results: list[SetResult],
    folder: Path,
    command: str,
    breaches: list,
    floors_file: Path = FLOORS_FILE,
) -> Path:
    """Write report.md and its plots into `folder`; returns the report's path."""
    import matplotlib

    matplotlib.use("Agg")
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "# fedqa evaluation report",
        "",
        f"Reproduce with `{command}`.",
        "",
    ]
    for result in results:
        metrics = result.metrics()
        lines += [tables(metrics, markdown=True), ""]
        for name, plot in PLOTS.items():
            if name == "retrievers" and not metrics["retrieval"]:
                continue  # a set of near misses only: no document was expected, none ranked
            filename = f"{result.golden.name}-{name}.png"
            plot(result, folder / filename)
            lines.append(f"![{result.golden.name} {name}]({filename})")
        lines.append("")
        missed = [
            r
            for r in result.results
            if (r.item.answerable and r.facts_found < len(r.item.facts))
            or (not r.item.answerable and r.answered)
        ]
        if missed:
            lines += ["<details><summary>Questions answered wrongly or incompletely</summary>", ""]
            for r in missed:
                verdict = "answered" if r.answered else "refused"
                lines.append(f"- `{r.item.id}` ({verdict}): {r.item.question}")
            lines += ["", "</details>", ""]
    lines.append("## Floors")
    lines.append("")
    lines += [f"- BREACH: {b}" for b in breaches] or [f"No floor in `{floors_file}` is broken."]
    path = folder / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
