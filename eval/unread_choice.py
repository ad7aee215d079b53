"""Measure the choice an English question faces on a mixed-language corpus: the English model's
answer, or e5's answer drafted from the Kazakh and Russian documents alone (which the English
model cannot read). Compares the rules in use (`Assistant._answer_stream`: the fallback after a
refusal for a missing name, and `unread-nearer`) with a logistic regression over both answers,
cross-validated leaving one corpus out (docs/evaluation.md, fifty-seventh session).

    python -m eval.unread_choice                     # the training sets, cross-validated
    python -m eval.unread_choice --test SET.jsonl    # ... and fitted on them, applied to SET

It prints counts only, never a question, so it may run on the never-read sets.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.retrieval import Filters
from eval.golden import document_languages, load_set
from eval.runner import private_settings
from eval.train_check import TRAINING_SETS
from index_store.settings import FedqaSettings

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.service import Assistant, Draft
    from eval.golden import GoldenItem

THRESHOLDS = (0.5, 0.8)


@dataclass(frozen=True)
class Features:
    """What both answers to one English question show, as the learner reads them."""

    english_passed: float
    english_confidence: float
    english_top: float
    unread_confidence: float
    unread_top: float
    e5_top: float  # e5's best passage over every document
    unread_margin: float  # unread_top - e5_top: how far the unread documents trail
    e5_chose_unread: float  # e5's own draft, over every document, cites only unread ones
    unread_cautious: float
    placed_nearer: float  # `Assistant._placed_nearer`


@dataclass(frozen=True)
class ChoiceRow:
    """One English question where e5's draft from the unread documents passes e5's gate."""

    corpus: str
    answerable: bool
    english_right: bool  # an answer citing an answering document, or a refusal where none is
    unread_right: bool  # e5's draft cites an answering document of an answerable question
    replaced: bool  # the answer in use rests on the unread documents
    features: Features

    @property
    def contested(self) -> bool:
        """Exactly one of the two is right: only here does the choice matter."""
        return self.english_right != self.unread_right


def collect(set_files: Sequence[Path], settings: FedqaSettings) -> list[ChoiceRow]:
    """The rows of every English question of the sets, each corpus ingested once."""
    from assistant.languages import language_of
    from assistant.service import Assistant
    from ingest.sync import sync_folder

    rows: list[ChoiceRow] = []
    sets = [load_set(path) for path in set_files]
    for corpus in sorted({golden.corpus for golden in sets}):
        languages = document_languages(corpus)
        with tempfile.TemporaryDirectory(prefix="fedqa-unread-") as data_dir:
            local = private_settings(settings, Path(data_dir))
            sync_folder(corpus, local)
            english = Assistant(local)
            e5 = english.multilingual
            unread = frozenset(d for d, code in languages.items() if not english.reads(code))
            if e5 is None or not unread:
                continue
            for golden in (g for g in sets if g.corpus == corpus):
                for item in golden.items:
                    if item.conversation or language_of(item.question) != "en":
                        continue
                    row = _row(english, e5, unread, corpus.as_posix(), item)
                    if row is not None:
                        rows.append(row)
    return rows


def _row(
    english: Assistant, e5: Assistant, unread: frozenset[str], corpus: str, item: GoldenItem
) -> ChoiceRow | None:
    """The row of one English question; None where e5's draft from `unread` fails its gate."""
    from assistant.service import Assistant

    question, answering = item.question, set(item.documents)
    theirs, verdict = e5._decided(question, Filters(documents=unread))
    if verdict is None or not verdict.covered:
        return None
    ours, our_verdict = english._decided(question, None)
    given = english.ask(question)
    anywhere, _ = e5._decided(question, None, judge_confidence=False)

    def cited(answer: Draft | Answer) -> set[str]:
        return {c.passage.doc_id for c in answer.citations}

    english_passed = bool(our_verdict and our_verdict.covered)
    features = Features(
        english_passed=float(english_passed),
        english_confidence=(our_verdict.confidence or 0.0) if english_passed else 0.0,
        english_top=ours.top_score or 0.0,
        unread_confidence=verdict.confidence or 0.0,  # judged by `_decided`
        unread_top=theirs.top_score or 0.0,
        e5_top=anywhere.top_score or 0.0,
        unread_margin=(theirs.top_score or 0.0) - (anywhere.top_score or 0.0),
        e5_chose_unread=float(bool(cited(anywhere)) and cited(anywhere) <= unread),
        unread_cautious=float(verdict.cautious),
        placed_nearer=float(bool(ours.citations) and Assistant._placed_nearer(ours, theirs, e5)),
    )
    return ChoiceRow(
        corpus=corpus,
        answerable=item.answerable,
        english_right=(
            english_passed and bool(cited(ours) & answering)
            if item.answerable
            else not english_passed
        ),
        unread_right=item.answerable and bool(cited(theirs) & answering),
        replaced=given.answered and bool(cited(given)) and cited(given) <= unread,
        features=features,
    )


def _matrix(rows: Sequence[ChoiceRow]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([astuple(r.features) for r in rows], dtype=float).reshape(len(rows), -1)
    return x, np.array([r.unread_right for r in rows], dtype=int)


def _learner():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))


def out_of_corpus(rows: Sequence[ChoiceRow]) -> np.ndarray:
    """Each contested row's probability that e5's draft is the right one, from a learner
    trained on the other corpora (0.0 where the others hold one class only)."""
    x, y = _matrix(rows)
    corpora = np.array([r.corpus for r in rows])
    p = np.zeros(len(rows))
    for corpus in sorted(set(corpora)):
        held = corpora == corpus
        if len(set(y[~held])) == 2:
            p[held] = _learner().fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return p


def fitted_on(train: Sequence[ChoiceRow], test: Sequence[ChoiceRow]) -> np.ndarray:
    """The probabilities for `test` of a learner fitted on every `train` row."""
    x, y = _matrix(train)
    return _learner().fit(x, y).predict_proba(_matrix(test)[0])[:, 1]


def table(rows: Sequence[ChoiceRow], p: np.ndarray) -> dict[str, dict[str, tuple[int, int]]]:
    """Per English outcome (passed / refused): the replacements right and wrong, of the rules
    in use and of the learner at each threshold."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for state, passed in (("English answer passed", 1.0), ("English answer refused", 0.0)):
        chosen = [i for i, r in enumerate(rows) if r.features.english_passed == passed]

        def count(replaced: list[int]) -> tuple[int, int]:
            right = sum(rows[i].unread_right for i in replaced)
            return right, len(replaced) - right

        out[state] = {"rules": count([i for i in chosen if rows[i].replaced])}
        for t in THRESHOLDS:
            out[state][f"learned, p > {t}"] = count([i for i in chosen if p[i] > t])
    return out


def _print(title: str, rows: Sequence[ChoiceRow], p: np.ndarray) -> None:
    right = sum(r.unread_right for r in rows)
    print(f"{title}: {len(rows)} contested questions, e5's draft right in {right}")
    for state, by in table(rows, p).items():
        cells = "  ".join(f"{name} +{r} / -{w}" for name, (r, w) in by.items())
        print(f"  {state}: {cells}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, nargs="*", default=list(TRAINING_SETS))
    parser.add_argument("--test", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    settings = FedqaSettings()
    train = [r for r in collect(args.train, settings) if r.contested]
    print("features:", ", ".join(f.name for f in fields(Features)))
    _print("training sets, out of corpus", train, out_of_corpus(train))
    if args.test:
        test = [r for r in collect(args.test, settings) if r.contested]
        _print("test sets, fitted on the training sets", test, fitted_on(train, test))


if __name__ == "__main__":
    main()
