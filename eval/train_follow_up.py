"""Train the learned follow-up decision and report its cross-validation against the rules.

    python -m eval.train_follow_up           # collect, cross-validate, write the weights
    python -m eval.train_follow_up --report  # cross-validate only; write nothing

Every later turn of the conversation sets (eval/sets/conversation.jsonl and
eval/train/conversation_*.jsonl) is read after its previous turn's reference standalone form,
so the features do not depend on the rewriter being trained. Its label: whether the turn leans
on the conversation (a follow-up or switch) or starts afresh (a new topic). Cross-validated by
set: each set has its own corpus, so no turn about a held-out corpus is in its training fold.
The threshold is the one with the fewest errors out of fold, an inherited new topic counting
INHERIT_COST times a missed follow-up. Deterministic: lbfgs, fixed folds, no random state.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer import Answer
from assistant.conversation import RuleRewriter, Turn
from assistant.follow_up import FOLLOW_UP_FEATURES, follow_up_features
from assistant.learned_check import follow_up_weights_path
from eval.golden import FOLLOW_UP_KINDS, PROJECT_ROOT, load_set
from eval.runner import private_settings
from index_store.settings import FedqaSettings

CONVERSATION_SETS = (
    PROJECT_ROOT / "eval" / "sets" / "conversation.jsonl",
    *sorted((PROJECT_ROOT / "eval" / "train").glob("conversation_*.jsonl")),
)
# A new topic answered as the old one's follow-up is a confident answer to another question, the
# worst failure (and the floor: a new topic never inherits); a follow-up left alone is
# mostly refused, the second worst. At 4, the threshold inherits fewer new topics than the rules
# and misses fewer follow-ups (docs/conversation.md has the trade-off by threshold).
INHERIT_COST = 4.0
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.30, 0.951, 0.05))


@dataclass(frozen=True)
class Row:
    set: str
    kind: str
    features: np.ndarray
    leans: bool  # the label
    rules: bool  # what the rules decide


def collect(paths: tuple[Path, ...], settings: FedqaSettings) -> list[Row]:
    """The later turns of every set, with their features and the rules' decisions."""
    from assistant.service import Assistant
    from ingest.sync import sync_folder

    rows: list[Row] = []
    for path in paths:
        golden = load_set(path)
        with tempfile.TemporaryDirectory(prefix="fedqa-follow-up-") as data_dir:
            local = private_settings(settings, Path(data_dir), follow_up_decision="rules")
            sync_folder(golden.corpus, local)
            assistant = Assistant(local)
            rewriter = assistant.rewriter
            assert isinstance(rewriter, RuleRewriter)
            previous: dict[str, str] = {}
            for item in golden.items:
                asked = assistant.speller.corrected(item.question)
                if item.kind != "opening":
                    before = previous[item.conversation]
                    turn = Turn(before, before, Answer(before, True, ""))
                    rows.append(
                        Row(
                            set=golden.name,
                            kind=item.kind,
                            features=follow_up_features(asked, before, rewriter, assistant._ranked),
                            leans=item.kind in FOLLOW_UP_KINDS,
                            rules=rewriter.standalone(asked, [turn]) != asked,
                        )
                    )
                previous[item.conversation] = item.standalone or item.question
        print(f"{golden.name}: {sum(r.set == golden.name for r in rows)} later turns", flush=True)
    return rows


def _fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)).fit(x, y)


def _errors(decided: np.ndarray, y: np.ndarray) -> dict[str, float]:
    return {
        "accuracy": float(np.mean(decided == y)),
        "missed": int(np.sum(y & ~decided)),
        "inherited": int(np.sum(~y & decided)),
        "new_topics": int(np.sum(~y)),
        "later_turns": int(len(y)),
    }


def cross_validate(rows: list[Row]) -> tuple[float, dict[str, dict]]:
    """Out-of-fold probabilities by set; the threshold chosen on them; the figures per set."""
    x = np.stack([r.features for r in rows])
    y = np.array([r.leans for r in rows])
    rules = np.array([r.rules for r in rows])
    sets = np.array([r.set for r in rows])
    p = np.zeros(len(rows))
    for name in sorted(set(sets)):
        held = sets == name
        p[held] = _fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]

    def cost(t: float) -> float:
        e = _errors(p >= t, y)
        return e["missed"] + INHERIT_COST * e["inherited"]

    threshold = min(THRESHOLDS, key=lambda t: (cost(t), t))
    print("out of fold, by threshold: missed follow-ups / inherited new topics")
    print(
        "  ".join(
            f"{t}: {_errors(p >= t, y)['missed']}/{_errors(p >= t, y)['inherited']}"
            for t in THRESHOLDS
        )
    )
    table = {}
    for name in [*sorted(set(sets)), "all"]:
        keep = sets == name if name != "all" else np.ones(len(rows), bool)
        table[name] = {
            "rules": _errors(rules[keep], y[keep]),
            "learned": _errors(p[keep] >= threshold, y[keep]),
        }
    return threshold, table


def _print(threshold: float, table: dict[str, dict]) -> None:
    print(f"threshold {threshold} (inheriting counts {INHERIT_COST}x a missed follow-up)")
    print(f"{'set':18s} {'turns':>5s}  {'rules acc / missed / inherited':32s} learned")
    for name, both in table.items():
        r, lr = both["rules"], both["learned"]
        print(
            f"{name:18s} {r['later_turns']:5d}  {r['accuracy']:.3f} / {r['missed']:3d} / "
            f"{r['inherited']:2d} of {r['new_topics']:<3d}            "
            f"{lr['accuracy']:.3f} / {lr['missed']:3d} / {lr['inherited']:2d}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="cross-validate; write nothing")
    parser.add_argument(
        "--rows", type=Path, help="keep the collected turns in this file and read them from it"
    )
    args = parser.parse_args(argv)
    settings = FedqaSettings()
    if args.rows and args.rows.exists():
        rows = [
            Row(**{**r, "features": np.array(r["features"])})
            for r in json.loads(args.rows.read_text())
        ]
    else:
        rows = collect(CONVERSATION_SETS, settings)
        if args.rows:
            args.rows.write_text(
                json.dumps([{**vars(r), "features": r.features.tolist()} for r in rows])
            )
    threshold, table = cross_validate(rows)
    _print(threshold, table)
    if args.report:
        return
    x = np.stack([r.features for r in rows])
    model = _fit(x, np.array([r.leans for r in rows]))
    scaler, regression = model[0], model[-1]
    path = follow_up_weights_path(settings.model_id)
    path.write_text(
        json.dumps(
            {
                "model": settings.model_id,
                "features": list(FOLLOW_UP_FEATURES),
                "mean": scaler.mean_.tolist(),
                "scale": scaler.scale_.tolist(),
                "coef": regression.coef_[0].tolist(),
                "intercept": float(regression.intercept_[0]),
                "threshold": threshold,
                "inherit_cost": INHERIT_COST,
                "trained_on": [p.relative_to(PROJECT_ROOT).as_posix() for p in CONVERSATION_SETS],
                "cross_validation_by_set": table,
                "rebuild": "python -m eval.train_follow_up",
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written: {path.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
