"""A BM25 keyword index over the chunks in the store (llama-index's BM25Retriever, bm25s inside).

Built from Chroma, the store of truth, so it can always be rebuilt from it. Words are stemmed by
their script: Cyrillic words with the Russian Snowball stemmer, the rest with the English one, so
a corpus that mixes English and Russian documents is stemmed correctly word by word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from index_store.store import Hit, Store

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NODE_METADATA = ("doc_id", "source", "title", "date", "doc_type", "language", "position")


class ScriptStemmer:
    """PyStemmer-compatible (`stemWord`) stemmer that picks the language from the word's script."""

    def __init__(self) -> None:
        import Stemmer

        self._english = Stemmer.Stemmer("english")
        self._russian = Stemmer.Stemmer("russian")

    def stemWord(self, word: str) -> str:  # noqa: N802 - the PyStemmer protocol bm25s expects
        if _CYRILLIC.search(word):
            return self._russian.stemWord(word)
        return self._english.stemWord(word)

    def stemWords(self, words: list[str]) -> list[str]:  # noqa: N802
        return [self.stemWord(w) for w in words]


class KeywordIndex:
    """BM25 over every chunk; `search` takes a metadata predicate for filters."""

    def __init__(self, store: Store) -> None:
        from llama_index.core.schema import TextNode
        from llama_index.retrievers.bm25 import BM25Retriever

        chunk_ids, texts, metadatas = store.all_chunks()
        self._texts = dict(zip(chunk_ids, texts, strict=True))
        self._metadata = dict(zip(chunk_ids, metadatas, strict=True))
        if not chunk_ids:
            self._retriever = None
            return
        nodes = [
            TextNode(
                id_=chunk_id,
                # The title is indexed with the text: it names the subject of every chunk.
                text=f"{metadata.get('title', '')}\n{text}",
                metadata={key: metadata.get(key) for key in _NODE_METADATA},
            )
            for chunk_id, text, metadata in zip(chunk_ids, texts, metadatas, strict=True)
        ]
        for node in nodes:
            node.excluded_embed_metadata_keys = list(_NODE_METADATA)
        self._retriever = BM25Retriever.from_defaults(
            nodes=nodes, stemmer=ScriptStemmer(), similarity_top_k=len(nodes)
        )
        self._order = [corpus["node_id"] for corpus in self._retriever.corpus]

    def search(
        self, question: str, k: int, accept: Callable[[dict[str, Any]], bool] | None = None
    ) -> list[Hit]:
        """The k best chunks by BM25; `accept(metadata)` restricts which chunks may be returned.

        We call bm25s with our own weight mask instead of BM25Retriever.retrieve because the
        retriever fixes its metadata filters when it is built, and ours change per question.
        """
        if self._retriever is None:
            return []
        import bm25s

        mask = None
        if accept is not None:
            mask = np.array([int(accept(self._metadata[cid])) for cid in self._order])
            if not mask.any():
                return []
        tokens = bm25s.tokenize(
            question,
            stemmer=self._retriever.stemmer,
            token_pattern=self._retriever.token_pattern,
            show_progress=False,
        )
        if not tokens.vocab:
            return []
        k = min(k, len(self._order))
        indexes, scores = self._retriever.bm25.retrieve(
            tokens, k=k, show_progress=False, weight_mask=mask
        )
        hits = []
        for index, score in zip(indexes[0], scores[0], strict=True):
            if score <= 0:
                continue
            chunk_id = self._order[int(index)]
            hits.append(
                Hit(chunk_id, self._texts[chunk_id], self._metadata[chunk_id], float(score))
            )
        return hits
