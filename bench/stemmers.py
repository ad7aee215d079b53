"""Which stemmer BM25 should use for Russian and Kazakh: retrieval of the labelled questions.

For every answerable Russian or Kazakh question of the training and golden sets, BM25 alone
(bm25s, as fedqa's keyword side) ranks the chunks of the question's corpus; each chunk is
tokenized by its own language and the question by its own. Printed: the document MRR and
recall@5 of each way of reducing the words of that language:

- Russian: Snowball (what fedqa uses), the pymorphy3 lemmatizer, no reduction;
- Kazakh: the Russian Snowball (what Kazakh words got before), fedqa's suffix stripper
  (`index_store.stemming.kazakh_stem`), no reduction. kazstem, the PyPI Kazakh analyzer,
  cannot be run offline: its wheel has no finite-state resources (it asks for a bootstrap
  script or a downloaded bundle), and it is GPL-3.0.

Usage: python bench/stemmers.py   (pymorphy3 and pymorphy3-dicts-ru must be installed for the
lemmatizer's row; it is skipped otherwise.) About 2 minutes on 2 cores: each corpus is ingested.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[а-яёәіңғүұқөһ]")


def reducers() -> dict[str, dict[str, Callable[[str], str]]]:
    import Stemmer

    from index_store.stemming import kazakh_stem

    russian = Stemmer.Stemmer("russian").stemWord
    found = {
        "ru": {"Snowball (fedqa)": russian, "none": lambda w: w},
        "kk": {
            "Russian Snowball (before)": russian,
            "suffix stripper (fedqa)": kazakh_stem,
            "none": lambda w: w,
        },
    }
    try:
        import pymorphy3

        morph = pymorphy3.MorphAnalyzer()
        found["ru"]["pymorphy3 lemmas"] = lambda w: morph.parse(w)[0].normal_form
    except ImportError:
        print("pymorphy3 is not installed: its row is skipped", file=sys.stderr)
    return found


def main() -> None:
    import bm25s
    import Stemmer

    from eval.golden import load_set
    from eval.runner import private_settings
    from eval.train_check import TRAINING_SETS
    from index_store.settings import FedqaSettings
    from index_store.store import Store
    from ingest.metadata import infer_language
    from ingest.sync import sync_folder

    english = Stemmer.Stemmer("english").stemWord
    ways = reducers()

    def tokens(text: str, language: str, reduce: Callable[[str], str], target: str) -> list[str]:
        out = []
        for word in _WORD.findall(text.lower()):
            if not _CYRILLIC.search(word):
                out.append(english(word))
            elif language == target:
                out.append(reduce(word))
            else:  # the other Cyrillic language keeps fedqa's Russian Snowball
                out.append(ways["ru"]["Snowball (fedqa)"](word))
        return out

    by_corpus: dict[Path, list] = {}
    for path in TRAINING_SETS:
        golden = load_set(path)
        by_corpus.setdefault(golden.corpus.resolve(), []).extend(golden.items)
    scores: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for corpus, items in by_corpus.items():
        with tempfile.TemporaryDirectory() as data_dir:
            settings = private_settings(FedqaSettings(), Path(data_dir))
            sync_folder(corpus, settings)
            got = Store(settings, create=False)._collection.get(include=["documents", "metadatas"])
        texts, metas = got["documents"], got["metadatas"]
        for target, by_name in ways.items():
            asked = [it for it in items if it.answerable and infer_language(it.question) == target]
            for name, reduce in by_name.items():
                chunks = [
                    tokens(t, m["language"], reduce, target)
                    for t, m in zip(texts, metas, strict=True)
                ]
                retriever = bm25s.BM25()
                retriever.index(chunks, show_progress=False)
                for item in asked:
                    query = [
                        w
                        for w in tokens(item.question, target, reduce, target)
                        if w in retriever.vocab_dict
                    ]
                    ranked: list[str] = []
                    if query:
                        found, _ = retriever.retrieve(
                            [query], k=min(20, len(texts)), show_progress=False
                        )
                        ranked = list(dict.fromkeys(metas[i]["doc_id"] for i in found[0]))
                    rank = next((r for r, d in enumerate(ranked) if d in item.documents), None)
                    scores.setdefault((target, name), []).append(
                        (
                            0.0 if rank is None else 1 / (rank + 1),
                            float(rank is not None and rank < 5),
                        )
                    )
    print(f"{'questions':10} {'words reduced by':28} {'n':>4}  {'MRR':>5}  recall@5")
    for (target, name), values in scores.items():
        mrr, recall = np.mean(values, axis=0)
        print(f"{target:10} {name:28} {len(values):4}  {mrr:.3f}  {recall:.3f}")


if __name__ == "__main__":
    main()
