"""Train the learned answer check and report its cross-validation against the rule checks.

    python -m eval.train_check            # collect, cross-validate, write the weights
    python -m eval.train_check --report   # cross-validate only; write nothing

Every question of the training sets (the golden sets and eval/train/) is asked with the gate's
decision left open: retrieval and composition run as in `fedqa ask`, then the answer's features
(`assistant.answer_features`) and the rule checks' findings are recorded with what the answer
would have scored. Learners are compared on the same out-of-fold predictions, cross-validated by
document (no question about a held-out document, nor any question whose draft cites it, is in
its training fold) and by corpus (train on the other corpora). The kept learner is fitted on
everything and written, with its threshold and figures, to assistant/models/. Deterministic:
fixed folds, no random state left unset.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.answer_features import FEATURES, RULE_FEATURES, answer_features
from assistant.learned_check import weights_path
from assistant.retrieval import Filters
from eval.golden import PROJECT_ROOT, GoldenSet, fact_found, load_set
from index_store.settings import FedqaSettings

TRAINING_SETS = (
    *sorted((PROJECT_ROOT / "eval" / "train").glob("train_*.jsonl")),
    *(
        PROJECT_ROOT / "eval" / "sets" / f"{name}.jsonl"
        for name in (
            "sample",
            "shared",
            "holdout",
            "holdout2",
            "holdout3",
            "holdout4",
            "holdout5",
            "holdout6",
            "nearmiss",
            "multilingual",
        )
    ),
)
FOLDS = 5
_MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class Row:
    """One question, drafted but not yet gated."""

    set: str
    item: str
    corpus: str
    group: str  # the document the question is about, or the one its draft cites
    answerable: bool
    drafted: bool  # False: refused by the relevance gate, whatever the check says
    features: list[float]
    rule: str | None  # the first rule check that refuses it, or None
    facts: int  # facts the drafted answer holds
    n_facts: int
    correct_citations: int
    citation_slots: int

    @property
    def label(self) -> int:
        """1: the draft should be given (answerable, cites a right document)."""
        return int(self.answerable and self.drafted and self.correct_citations > 0)


def _collect_corpus(corpus: Path, sets: list[GoldenSet], settings: FedqaSettings) -> list[Row]:
    from assistant.service import Assistant
    from ingest.sync import sync_folder

    rows = []
    with tempfile.TemporaryDirectory(prefix="fedqa-train-") as data_dir:
        local = settings.model_copy(
            update={
                "data_dir": Path(data_dir),
                "chroma_url": None,
                "chroma_token": None,
                "answer_check": "rules",
                "disabled_checks": "",
            }
        )
        sync_folder(corpus, local)
        assistant = Assistant(local)
        for golden in sets:
            for item in golden.items:
                draft = assistant.draft(item.question, Filters(**item.filters))
                features, rule, facts, correct, slots = [0.0] * len(FEATURES), None, 0, 0, 0
                if draft.citations:
                    evidence = assistant.evidence(draft)
                    findings = assistant.gate.findings(evidence)
                    features = answer_features(evidence, assistant.gate.lexicon, findings).tolist()
                    rule = next((r for r in RULE_FEATURES if findings.get(r)), None)
                    numbers = {int(n) for n in _MARKER.findall(draft.body)}
                    by_number = {c.n: c.passage.doc_id for c in draft.citations}
                    cited = [by_number[n] for n in sorted(numbers) if n in by_number]
                    facts = sum(fact_found(s, draft.body) for s in item.facts)
                    correct = sum(doc in item.documents for doc in cited)
                    slots = len(cited) + len(numbers - set(by_number))
                about = item.documents[0] if item.documents else ""
                if not about and draft.citations:
                    about = draft.citations[0].passage.doc_id
                rows.append(
                    Row(
                        set=golden.name,
                        item=item.id,
                        corpus=str(corpus),
                        group=f"{corpus.name}/{about}",
                        answerable=item.answerable,
                        drafted=bool(draft.citations),
                        features=features,
                        rule=rule,
                        facts=facts,
                        n_facts=len(item.facts),
                        correct_citations=correct,
                        citation_slots=slots,
                    )
                )
    return rows


def collect(set_files: list[Path], settings: FedqaSettings) -> list[Row]:
    """Draft every question of the sets, one index per corpus."""
    by_corpus: dict[Path, list[GoldenSet]] = {}
    for path in set_files:
        golden = load_set(path)
        by_corpus.setdefault(golden.corpus.resolve(), []).append(golden)
    rows = []
    for corpus, sets in by_corpus.items():
        rows += _collect_corpus(corpus, sets, settings)
    return rows


def scores(rows: list[Row], answered: np.ndarray) -> dict[str, float]:
    """The answer metrics of `fedqa eval` for these decisions (True: the draft is given)."""
    fact, refused, slots, right, caught, unanswerable = [], 0, 0, 0, 0, 0
    for row, given in zip(rows, answered, strict=True):
        given = bool(given and row.drafted)
        if row.answerable:
            fact.append(row.facts / row.n_facts if given and row.n_facts else 0.0)
            refused += not given
            if given:
                slots += row.citation_slots
                right += row.correct_citations
        else:
            unanswerable += 1
            caught += not given
    answerable = len(fact)
    return {
        "fact_recall": float(np.mean(fact)) if fact else 0.0,
        "citation_precision": right / slots if slots else 0.0,
        "no_answer_accuracy": caught / unanswerable if unanswerable else 0.0,
        "false_refusal_rate": refused / answerable if answerable else 0.0,
    }


def _learners() -> dict[str, object]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000)),
        "boosted trees": HistGradientBoostingClassifier(
            max_depth=3, max_iter=150, learning_rate=0.05, random_state=0
        ),
    }


def _best_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The threshold with the best balanced accuracy (answer what should be answered, refuse
    the rest), searched on a fixed grid."""
    best, chosen = -1.0, 0.5
    for threshold in np.arange(0.05, 0.951, 0.01):
        given = probabilities >= threshold
        positive = labels == 1
        tpr = given[positive].mean() if positive.any() else 0.0
        tnr = (~given[~positive]).mean() if (~positive).any() else 0.0
        if (tpr + tnr) / 2 > best + 1e-9:
            best, chosen = (tpr + tnr) / 2, float(threshold)
    return round(chosen, 2)


def _out_of_fold(learner, x, y, groups) -> np.ndarray:
    """Out-of-fold probabilities, each fold's threshold chosen on its own training folds and
    returned as the decision."""
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold, cross_val_predict

    given = np.zeros(len(y), dtype=bool)
    outer = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    for train, test in outer.split(x, y, groups):
        inner = GroupKFold(n_splits=min(FOLDS, len(set(groups[train]))))
        inner_p = cross_val_predict(
            clone(learner),
            x[train],
            y[train],
            groups=groups[train],
            cv=inner,
            method="predict_proba",
        )[:, 1]
        threshold = _best_threshold(inner_p, y[train])
        model = clone(learner).fit(x[train], y[train])
        given[test] = model.predict_proba(x[test])[:, 1] >= threshold
    return given


def cross_validate(rows: list[Row]) -> dict[str, dict[str, dict[str, float]]]:
    """Per learner and per way of splitting, the answer metrics of out-of-fold decisions."""
    drafted = [r for r in rows if r.drafted]
    x = np.asarray([r.features for r in drafted])
    y = np.asarray([r.label for r in drafted])
    splits = {
        "by document": np.asarray([r.group for r in drafted]),
        "by corpus": np.asarray([r.corpus for r in drafted]),
    }
    rules = np.asarray([r.rule is None for r in rows])
    everything = np.ones(len(rows), dtype=bool)
    table: dict[str, dict[str, dict[str, float]]] = {
        "rule checks": {"all": scores(rows, rules)},
        "no check": {"all": scores(rows, everything)},
    }
    index = {id(r): i for i, r in enumerate(rows)}
    for name, learner in _learners().items():
        table[name] = {}
        for split, groups in splits.items():
            given = np.zeros(len(rows), dtype=bool)
            decided = _out_of_fold(learner, x, y, groups)
            for row, decision in zip(drafted, decided, strict=True):
                given[index[id(row)]] = decision
            table[name][split] = scores(rows, given)
    return table


def fit(rows: list[Row], model_id: str) -> dict:
    """The logistic regression on every drafted question, with its threshold."""
    from sklearn.model_selection import GroupKFold, cross_val_predict

    drafted = [r for r in rows if r.drafted]
    x = np.asarray([r.features for r in drafted])
    y = np.asarray([r.label for r in drafted])
    groups = np.asarray([r.group for r in drafted])
    learner = _learners()["logistic"]
    probabilities = cross_val_predict(
        learner, x, y, groups=groups, cv=GroupKFold(n_splits=FOLDS), method="predict_proba"
    )[:, 1]
    threshold = _best_threshold(probabilities, y)
    learner.fit(x, y)
    scaler, regression = learner[0], learner[-1]
    return {
        "model": model_id,
        "features": list(FEATURES),
        "mean": scaler.mean_.round(6).tolist(),
        "scale": scaler.scale_.round(6).tolist(),
        "coef": regression.coef_[0].round(6).tolist(),
        "intercept": round(float(regression.intercept_[0]), 6),
        "threshold": threshold,
        "trained_on": sorted({r.set for r in rows}),
        "questions": len(rows),
    }


def _print_table(table: dict[str, dict[str, dict[str, float]]]) -> None:
    print(f"{'decision':16} {'split':12} fact   cite   no-ans refused")
    for learner, by_split in table.items():
        for split, m in by_split.items():
            print(
                f"{learner:16} {split:12} {m['fact_recall']:.3f}  {m['citation_precision']:.3f}"
                f"  {m['no_answer_accuracy']:.3f}  {m['false_refusal_rate']:.3f}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", action="store_true", help="cross-validate, write nothing")
    parser.add_argument("--rows", type=Path, help="read or write the drafted rows (JSONL) here")
    args = parser.parse_args(argv)
    settings = FedqaSettings()
    if args.rows and args.rows.exists():
        rows = [Row(**json.loads(line)) for line in args.rows.read_text().splitlines()]
    else:
        rows = collect(list(TRAINING_SETS), settings)
        if args.rows:
            args.rows.write_text("\n".join(json.dumps(asdict(r)) for r in rows) + "\n")
    table = cross_validate(rows)
    _print_table(table)
    if args.report:
        return
    weights = fit(rows, settings.model_id)
    weights["cross_validation"] = table
    path = weights_path(settings.model_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(PROJECT_ROOT)} (threshold {weights['threshold']})")


if __name__ == "__main__":
    main()
