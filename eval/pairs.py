"""Collect (question, candidate sentence) pairs from the training sets, for a cross-encoder.

    python -m eval.pairs OUT.jsonl [--near-misses]

Every question of the training sets (eval.train_check.TRAINING_SETS) is drafted as `fedqa ask`
drafts it; each candidate sentence of the passages the answer would quote from is written with
its cosine, its hand-weighted and learned-ranker scores, its passage's document and whether it
holds one of the question's facts in a document that answers the question. Unanswerable
questions get their candidates too (all labelled 0): what an answerability decision is
trained on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from assistant.extractive import sentence_table
from assistant.learned_check import load_ranker_weights
from assistant.retrieval import Filters
from assistant.tuning import HAND_SENTENCE_WEIGHTS
from eval.golden import fact_found, load_set
from eval.near_misses import near_miss_maker
from eval.train_check import TRAINING_SETS, drafting_assistant
from index_store.settings import FedqaSettings


def _corpus_pairs(
    corpus: Path, sets: list, settings: FedqaSettings, near_misses: bool = False
) -> list[dict]:
    rows = []
    with drafting_assistant(corpus, settings) as assistant:
        weights = load_ranker_weights(assistant.settings.model_id)
        near_miss = near_miss_maker(assistant) if near_misses else lambda item: None
        for golden in sets:
            for item in golden.items:
                draft = assistant.draft(item.question, Filters(**item.filters))
                passages = list(draft.relevant) or draft.passages[:5]
                if not passages:
                    continue
                sources, texts, table = sentence_table(
                    draft.question,
                    draft.question_vector,
                    passages,
                    assistant.embed_sentences,
                    assistant.model_reads(draft.question.text),
                )
                hand = (table @ np.asarray(HAND_SENTENCE_WEIGHTS)).round(5).tolist()
                learned = (table @ weights).round(5).tolist()
                labels = [
                    int(
                        item.answerable
                        and p.doc_id in item.documents
                        and any(fact_found(f, t) for f in item.facts)
                    )
                    for p, t in zip(sources, texts, strict=True)
                ]
                about = item.documents[0] if item.documents else passages[0].doc_id
                rows.append(
                    {
                        "set": golden.name,
                        "item": item.id,
                        "corpus": corpus.name,
                        "group": f"{corpus.name}/{about}",
                        "question": item.question,
                        "answerable": item.answerable,
                        "drafted": bool(draft.citations),
                        "texts": texts,
                        "docs": [p.doc_id for p in sources],
                        "similarity": table[:, 0].round(5).tolist(),
                        "hand": hand,
                        "learned": learned,
                        "labels": labels,
                    }
                )
                swapped = near_miss(item) if any(labels) else None
                if swapped:
                    # The same candidates, asked one word off: the sentences that held the
                    # fact no longer answer (eval.near_misses).
                    rows.append(
                        {
                            **rows[-1],
                            "item": f"{item.id}~near-miss",
                            "question": swapped,
                            "answerable": False,
                            "synthetic": True,
                            "labels": [0] * len(labels),
                            "answered_original": labels,
                        }
                    )
    return rows


def main(argv: list[str] | None = None) -> None:
    args = list(argv or sys.argv[1:])
    near_misses = "--near-misses" in args
    out = Path(next(a for a in args if not a.startswith("--")))
    settings = FedqaSettings()
    by_corpus: dict[Path, list] = {}
    for path in TRAINING_SETS:
        golden = load_set(path)
        by_corpus.setdefault(golden.corpus.resolve(), []).append(golden)
    with out.open("w", encoding="utf-8") as handle:
        for corpus, sets in by_corpus.items():
            for row in _corpus_pairs(corpus, sets, settings, near_misses):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"{corpus.name}: done", flush=True)


if __name__ == "__main__":
    main()
