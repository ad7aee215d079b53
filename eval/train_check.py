"""Train the learned answer check and the sentence ranker; report them against the rules.

    python -m eval.train_check            # collect, cross-validate, write the weights
    python -m eval.train_check --report   # cross-validate only; write nothing
    python -m eval.train_check --ranker-only  # write the sentence ranker, keep the caution
    python -m eval.train_check --caution-only  # write the caution's model alone
    python -m eval.train_check --rows F --ranker-ablation length  # the ranker without a feature

Every question of the training sets (the golden sets and eval/train/) is asked with the gate's
decision left open: retrieval and composition run as in `fedqa ask`, then the answer's features
(`assistant.answer_features`) and the rule checks' findings are recorded with what the answer
would have scored. Learners are compared on the same out-of-fold predictions, cross-validated by
document (no question about a held-out document, nor any question whose draft cites it, is in
its training fold) and by corpus (train on the other corpora). As a refusal no learner beat the
rules on the blind set, so the logistic regression is fitted on everything as the caution's
model (`assistant/models/caution-<model>.json`), beside the sentence ranker. Deterministic:
fixed folds, no random state left unset.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from assistant.answer_features import FEATURES, RULE_FEATURES, answer_features
from assistant.extractive import SENTENCE_FEATURES, sentence_table
from assistant.learned_check import (
    CheckWeights,
    caution_weights_path,
    ranker_weights_path,
)
from assistant.retrieval import Filters
from assistant.tuning import HAND_SENTENCE_WEIGHTS
from eval.golden import PROJECT_ROOT, GoldenItem, GoldenSet, fact_found, load_set
from eval.near_misses import near_miss_maker
from eval.runner import private_settings
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
# The share of answerable training questions the gate may refuse (the floor is 0.10).
MAX_FALSE_REFUSALS = 0.10
# The share of the training answers that hold their fact which may be given with a caution:
# one right answer in ten read twice, for the wrong answers the caution marks (docs/answers.md).
CAUTIONED_RIGHT = 0.10
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
    # Every candidate sentence of the draft's passages (answerable questions only): its
    # features (assistant.extractive.SENTENCE_FEATURES) and whether it holds a fact in a
    # document that answers the question.
    sentences: list[list[float]] = field(default_factory=list)
    sentence_labels: list[int] = field(default_factory=list)
    synthetic: bool = False  # a near miss made from an answerable question (eval.near_misses)


@contextmanager
def drafting_assistant(corpus: Path, settings: FedqaSettings) -> Iterator:
    """An assistant over `corpus` alone, in a private data folder that is deleted afterwards,
    with every rule check on (their findings are recorded, not obeyed)."""
    from assistant.service import Assistant
    from ingest.sync import sync_folder

    with tempfile.TemporaryDirectory(prefix="fedqa-train-") as data_dir:
        local = private_settings(settings, Path(data_dir), disabled_checks="")
        sync_folder(corpus, local)
        yield Assistant(local)


def _collect_corpus(
    corpus: Path, sets: list[GoldenSet], settings: FedqaSettings, near_misses: bool = False
) -> list[Row]:
    rows = []
    with drafting_assistant(corpus, settings) as assistant:
        near_miss = near_miss_maker(assistant) if near_misses else lambda item: None
        for golden in sets:
            for item in golden.items:
                rows.append(_draft_row(assistant, corpus, golden.name, item))
                swapped = near_miss(item)
                if swapped:
                    miss = replace(
                        item,
                        id=f"{item.id}~near-miss",
                        question=swapped,
                        kind="near_miss",
                        answerable=False,
                        facts=(),
                    )
                    row = _draft_row(assistant, corpus, f"{golden.name}~near-miss", miss)
                    row.synthetic = True
                    rows.append(row)
    return rows


def _draft_row(assistant, corpus: Path, set_name: str, item: GoldenItem) -> Row:
    """One question drafted, its features and the rules' findings recorded, not obeyed."""
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
    sentences, sentence_labels, spellings = [], [], item.facts
    if item.answerable and draft.relevant:
        passages, texts, table = sentence_table(
            draft.question,
            draft.question_vector,
            list(draft.relevant),
            assistant.embed_sentences,
            assistant.model_reads(draft.question.text),
        )
        sentences = table.round(5).tolist()
        sentence_labels = [
            int(p.doc_id in item.documents and any(fact_found(f, t) for f in spellings))
            for p, t in zip(passages, texts, strict=True)
        ]
    about = item.documents[0] if item.documents else ""
    if not about and draft.citations:
        about = draft.citations[0].passage.doc_id
    return Row(
        set=set_name,
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
        sentences=sentences,
        sentence_labels=sentence_labels,
    )


def collect(set_files: list[Path], settings: FedqaSettings, near_misses: bool = False) -> list[Row]:
    """Draft every question of the sets, one index per corpus; with `near_misses`, also one
    near miss made from each answerable question (eval.near_misses)."""
    by_corpus: dict[Path, list[GoldenSet]] = {}
    for path in set_files:
        golden = load_set(path)
        by_corpus.setdefault(golden.corpus.resolve(), []).append(golden)
    rows = []
    for corpus, sets in by_corpus.items():
        rows += _collect_corpus(corpus, sets, settings, near_misses)
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


def _threshold(rows: list[Row], probability: dict[int, float]) -> float:
    """The highest threshold at which the rules and the learned check together refuse at most
    MAX_FALSE_REFUSALS of the answerable questions: as many unanswerable ones caught as that
    allows. (A refusal of an answerable question is the second-worst failure; the floor of
    the answer-quality issue bounds it.)"""
    answerable = [r for r in rows if r.answerable]
    chosen = 0.0
    for threshold in np.arange(0.0, 0.951, 0.01):
        refused = sum(
            not (r.drafted and r.rule is None and probability[id(r)] >= threshold)
            for r in answerable
        )
        if refused / max(1, len(answerable)) > MAX_FALSE_REFUSALS:
            break
        chosen = float(threshold)
    return round(chosen, 2)


def _passed(rows: list[Row]) -> list[Row]:
    """The questions the learned check decides: drafted, and passed by every rule check."""
    return [r for r in rows if r.drafted and r.rule is None]


def _features(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray([r.features for r in rows]), np.asarray([int(r.answerable) for r in rows])


def _probabilities(learner, train: list[Row], test: list[Row]) -> dict[int, float]:
    from sklearn.base import clone

    x, y = _features(train)
    model = clone(learner).fit(x, y)
    return dict(
        zip(map(id, test), model.predict_proba(_features(test)[0])[:, 1].tolist(), strict=True)
    )


def _out_of_fold(learner, rows: list[Row], key, extra: Sequence[Row] = ()) -> dict[int, bool]:
    """Whether each question is answered, decided out of fold: the learner is fitted on the
    other folds' questions, and so is its threshold (on their own inner out-of-fold scores).
    `extra` (near misses) joins a training fold when its group is in it, and is never tested."""
    from sklearn.model_selection import GroupKFold

    def with_extra(train: list[Row]) -> list[Row]:
        groups = {key(r) for r in train}
        return train + [r for r in extra if key(r) in groups]

    groups = np.asarray([key(r) for r in rows])
    folds = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    given: dict[int, bool] = {}
    for train_index, test_index in folds.split(np.zeros(len(rows)), groups=groups):
        train = [rows[i] for i in train_index]
        test = [rows[i] for i in test_index]
        inner_groups = np.asarray([key(r) for r in train])
        inner = GroupKFold(n_splits=min(FOLDS, len(set(inner_groups))))
        inner_p: dict[int, float] = {r: 0.0 for r in map(id, train)}
        for a, b in inner.split(np.zeros(len(train)), groups=inner_groups):
            fit_on = _passed(with_extra([train[i] for i in a]))
            inner_p.update(_probabilities(learner, fit_on, _passed([train[i] for i in b])))
        threshold = _threshold(train, inner_p)
        p = _probabilities(learner, _passed(with_extra(train)), _passed(test))
        for r in test:
            given[id(r)] = r.drafted and r.rule is None and p.get(id(r), 0.0) >= threshold
    return given


def cross_validate(
    rows: list[Row], learners: dict[str, object] | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """Per decision and per way of splitting, the answer metrics of out-of-fold decisions on
    the written questions; near misses, where the rows have them, only train. `learners`:
    by name (default: logistic regression and boosted trees)."""
    written = [r for r in rows if not r.synthetic]
    near_misses = [r for r in rows if r.synthetic]
    splits = {"by document": lambda r: r.group, "by corpus": lambda r: r.corpus}
    table: dict[str, dict[str, dict[str, float]]] = {
        "rule checks": {"all": scores(written, np.asarray([r.rule is None for r in written]))},
        "no check": {"all": scores(written, np.ones(len(written), dtype=bool))},
    }
    variants = [("", [])] + ([(" + near misses", near_misses)] if near_misses else [])
    for name, learner in (learners or _learners()).items():
        for suffix, extra in variants:
            label = f"rules + {name}{suffix}"
            table[label] = {}
            for split, key in splits.items():
                given = _out_of_fold(learner, written, key, extra)
                answered = np.asarray([given[id(r)] for r in written])
                table[label][split] = scores(written, answered)
    return table


def _fitted(learner, **values: object) -> CheckWeights:
    """The weights of a fitted scaler-and-logistic-regression pipeline."""
    scaler, regression = learner[0], learner[-1]
    return CheckWeights(
        features=FEATURES,
        mean=scaler.mean_,
        scale=scaler.scale_,
        coef=regression.coef_[0],
        intercept=float(regression.intercept_[0]),
        **values,  # type: ignore[arg-type]
    )


# Left out of the caution's model: computing it embeds every word of the cited documents
# (0.3 s an answer with a cold cache) for no separation (out-of-fold AUC 0.712 -> 0.710 with
# MiniLM, 0.757 -> 0.757 with e5, docs/evaluation.md).
CAUTION_SKIPS = ("nearest_unknown",)
NEUTRAL = {"nearest_unknown": 1.0}  # its value when the question has no unknown word


def _held(rows: list[Row], skipped: Sequence[str]) -> np.ndarray:
    """The rows' features with the `skipped` ones at their neutral value."""
    x = np.asarray([r.features for r in rows], dtype=np.float64)
    for name in skipped:
        x[:, FEATURES.index(name)] = NEUTRAL[name]
    return x


def fit_caution(rows: list[Row]) -> CheckWeights:
    """The caution's model: the answer check's logistic regression on every answer the rules
    pass, without CAUTION_SKIPS; it cautions under the CAUTIONED_RIGHT quantile of its
    probability over those answers that hold a fact."""
    learner = _learners()["logistic"]
    passed = _passed(rows)
    x = _held(passed, CAUTION_SKIPS)
    learner.fit(x, np.asarray([int(r.answerable) for r in passed]))
    weights = _fitted(learner, skipped=CAUTION_SKIPS)
    right = [r for r in passed if r.answerable and r.facts > 0]
    p = [weights.probability(v) for v in _held(right, CAUTION_SKIPS)]
    return replace(weights, caution_below=round(float(np.quantile(p, CAUTIONED_RIGHT)), 3))


def caution_report(rows: list[Row], weights: CheckWeights) -> dict[str, float]:
    """Of the answers the rules pass: the share cautioned of those that hold a fact, of the
    unanswerable ones and of the answerable ones without their fact."""
    passed = _passed(rows)
    below = weights.caution_below or 0.0

    def share(selected: list[Row]) -> float:
        if not selected:
            return 0.0
        p = [weights.probability(v) for v in _held(selected, weights.skipped)]
        return round(float(np.mean([value < below for value in p])), 3)

    return {
        "right": share([r for r in passed if r.answerable and r.facts > 0]),
        "unanswerable": share([r for r in passed if not r.answerable]),
        "without_fact": share([r for r in passed if r.answerable and r.facts == 0]),
    }


RANKER_L2 = 0.1  # the listwise ranker's L2 penalty (0.1, 1 and 10 tried; 0.1 ranked best in CV)


def fit_ranker(rows: list[Row], l2: float = RANKER_L2) -> np.ndarray:
    """Sentence weights that maximize, over the questions, the probability (a softmax over each
    question's candidate sentences) of the sentences that hold a fact; scaled so that the
    similarity's weight is 1, the scale the composer's margins are set in."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    tables = [(np.asarray(r.sentences), np.asarray(r.sentence_labels, dtype=bool)) for r in rows]
    tables = [(x, y) for x, y in tables if y.any()]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = 0.5 * l2 * float(w @ w), l2 * w
        for x, y in tables:
            s = x @ w
            every, right = logsumexp(s), logsumexp(s[y])
            value += every - right
            on_right = np.zeros_like(s)
            on_right[y] = np.exp(s[y] - right)
            gradient = gradient + x.T @ (np.exp(s - every) - on_right)
        return value, gradient

    start = np.asarray(HAND_SENTENCE_WEIGHTS) * 10
    weights = minimize(loss, start, jac=True, method="L-BFGS-B").x
    return weights / abs(weights[0])  # a negative similarity weight must keep its sign


def _top_holds_fact(weights: np.ndarray, rows: list[Row]) -> float:
    tables = [(np.asarray(r.sentences), np.asarray(r.sentence_labels)) for r in rows]
    tables = [(x, y) for x, y in tables if y.any()]
    return float(np.mean([y[int(np.argmax(x @ weights))] for x, y in tables]))


def _rankable(rows: list[Row]) -> list[Row]:
    """The rows a ranker learns from and is scored on: a candidate sentence holds a fact."""
    return [r for r in rows if r.sentences and any(r.sentence_labels)]


def _read_rows(path: Path) -> list[Row]:
    return [Row(**json.loads(line)) for line in path.read_text().splitlines()]


def _ranker_folds(rows: list[Row]) -> tuple[list[Row], list[tuple[np.ndarray, np.ndarray]]]:
    """The rows a ranker learns from and their folds by document."""
    from sklearn.model_selection import GroupKFold

    ranked = _rankable(rows)
    groups = np.asarray([r.group for r in ranked])
    return ranked, list(GroupKFold(n_splits=FOLDS).split(np.zeros(len(ranked)), groups=groups))


def ranker_ablation(rows: list[Row], switched_off: Sequence[Sequence[str]]) -> dict[str, float]:
    """How often the top sentence holds a fact, out of fold by document, with the ranker refitted
    with all its features and then without each group of `switched_off` (their columns zeroed):
    a feature stays only where switching it off costs here or on the blind set."""
    ranked, splits = _ranker_folds(rows)
    results = {}
    for names in [(), *switched_off]:
        unknown = set(names) - set(SENTENCE_FEATURES)
        if unknown:
            raise ValueError(f"no sentence feature {sorted(unknown)}; they are {SENTENCE_FEATURES}")
        columns = [SENTENCE_FEATURES.index(name) for name in names]
        zeroed = []
        for row in ranked:
            table = np.asarray(row.sentences, dtype=np.float64)
            table[:, columns] = 0.0
            zeroed.append(replace(row, sentences=table.tolist()))
        hits = 0.0
        for train, test in splits:
            weights = fit_ranker([zeroed[i] for i in train])
            hits += _top_holds_fact(weights, [zeroed[i] for i in test]) * len(test)
        results[",".join(names) or "none off"] = round(hits / len(ranked), 4)
    return results


def ranker_transfer(rows: list[Row], other: list[Row]) -> dict[str, float]:
    """How often the top sentence of `rows` (one model's drafts) holds a fact, out of fold by
    document, ranked by weights fitted on `other` (another model's drafts of the same or other
    questions), on `rows` themselves, or set by hand: what a model with no ranker of its own
    should borrow (assistant.service.sentence_weights)."""
    from sklearn.model_selection import GroupKFold

    ranked, borrowed = _rankable(rows), _rankable(other)
    groups = sorted({r.group for r in ranked} | {r.group for r in borrowed})
    folds = GroupKFold(n_splits=FOLDS).split(np.zeros(len(groups)), groups=groups)
    hits = {"hand weights": 0.0, "the other model's": 0.0, "its own": 0.0}
    counted = 0
    for _train, test in folds:
        held = {groups[i] for i in test}
        tested = [r for r in ranked if r.group in held]
        if not tested:
            continue
        weights = {
            "hand weights": np.asarray(HAND_SENTENCE_WEIGHTS),
            "the other model's": fit_ranker([r for r in borrowed if r.group not in held]),
            "its own": fit_ranker([r for r in ranked if r.group not in held]),
        }
        for name, w in weights.items():
            hits[name] += _top_holds_fact(w, tested) * len(tested)
        counted += len(tested)
    return {name: round(value / counted, 4) for name, value in hits.items()}


def cross_validate_ranker(rows: list[Row]) -> dict[str, float]:
    """How often the top sentence holds a fact: hand weights against the learned ranker,
    out of fold by document."""
    ranked, splits = _ranker_folds(rows)
    hand = np.asarray(HAND_SENTENCE_WEIGHTS)
    hits = {"similarity only": 0.0, "hand weights": 0.0, "learned ranker": 0.0}
    similarity_only = np.eye(len(hand))[0]
    for train, test in splits:
        held = [ranked[i] for i in test]
        learned = fit_ranker([ranked[i] for i in train])
        hits["similarity only"] += _top_holds_fact(similarity_only, held) * len(held)
        hits["hand weights"] += _top_holds_fact(hand, held) * len(held)
        hits["learned ranker"] += _top_holds_fact(learned, held) * len(held)
    return {name: round(value / len(ranked), 3) for name, value in hits.items()}


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
    parser.add_argument(
        "--ranker-only",
        action="store_true",
        help="write the sentence ranker alone and keep the answer check (a ranker feature changed)",
    )
    parser.add_argument(
        "--caution-only",
        action="store_true",
        help="write the caution's model alone (assistant/models/caution-*.json)",
    )
    parser.add_argument(
        "--near-misses",
        action="store_true",
        help="also draft a near miss made from each answerable question, to train on",
    )
    parser.add_argument(
        "--ranker-ablation",
        action="append",
        metavar="FEATURE[,FEATURE]",
        help="refit the sentence ranker without these features (repeatable), print how often "
        "its top sentence holds a fact out of fold, and write nothing",
    )
    parser.add_argument(
        "--ranker-transfer",
        type=Path,
        metavar="OTHER_ROWS",
        help="rank --rows by a ranker fitted on another model's drafted rows, out of fold by "
        "document, beside its own and the hand weights; write nothing",
    )
    args = parser.parse_args(argv)
    settings = FedqaSettings()
    if args.ranker_only:
        # The sentence rows do not depend on the ranker that composes the drafts, and the hand
        # weights need no ranker file: one trained on other features cannot stop its rebuild.
        settings = settings.model_copy(update={"sentence_ranker": "hand"})
    if args.rows and args.rows.exists():
        rows = _read_rows(args.rows)
    else:
        rows = collect(list(TRAINING_SETS), settings, args.near_misses)
        if args.rows:
            args.rows.write_text("\n".join(json.dumps(asdict(r)) for r in rows) + "\n")
    if args.caution_only:
        _write_caution(rows, settings.model_id)
        return
    if args.ranker_transfer:
        for name, share in ranker_transfer(rows, _read_rows(args.ranker_transfer)).items():
            print(f"{name:20} {share:.4f}")
        return
    if args.ranker_ablation:
        groups = [names.split(",") for names in args.ranker_ablation]
        for names, share in ranker_ablation(rows, groups).items():
            print(f"{names:60} {share:.4f}")
        return
    table = cross_validate(rows)
    _print_table(table)
    ranking = cross_validate_ranker(rows)
    print("top sentence holds a fact (out of fold by document):", ranking)
    if args.report:
        return
    ranker = fit_ranker(rows)
    ranker_path = ranker_weights_path(settings.model_id)
    ranker_path.write_text(
        json.dumps(
            {
                "model": settings.model_id,
                "features": list(SENTENCE_FEATURES),
                "weights": ranker.round(6).tolist(),
                "cross_validation": ranking,
                "trained_on": sorted({r.set for r in rows}),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {ranker_path.relative_to(PROJECT_ROOT)}")
    if args.ranker_only:
        return
    _write_caution(rows, settings.model_id)


def _write_caution(rows: list[Row], model_id: str) -> None:
    """Fit the caution's model on `rows` and write it, with what it cautions in sample."""
    weights = fit_caution(rows)
    report = caution_report(rows, weights)
    path = caution_weights_path(model_id)
    data = {"model": model_id, **weights.as_json(), "cautioned_in_sample": report}
    data["trained_on"] = sorted({r.set for r in rows})
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(PROJECT_ROOT)} (caution below {weights.caution_below}):")
    print(f"  cautioned among the rules' passed training answers: {report}")


if __name__ == "__main__":
    main()
