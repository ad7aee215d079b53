"""A BM25 keyword index over the chunks in the store (llama-index's BM25Retriever, bm25s inside).

Persisted under `$FEDQA_DATA_DIR/bm25/` with the fingerprint of the Chroma collection it was built
from. Chroma is the store of truth: every sync rebuilds the index after writing, and a reader that
finds a missing or stale index (a crash between the two, another process's ingest) rebuilds it
from Chroma. BM25 has no incremental add, so a rebuild is the only way to change it.

Each chunk's words are reduced by its own language's stemmer and each question's by the
question's (`index_store.stemming`): Snowball for English and Russian, a suffix stripper for Kazakh.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index_store.stemming import TOKEN_PATTERN, TOKENS_VERSION, index_words, stems
from index_store.store import Hit, Store
from index_store.transliteration import MIN_NAME, keys_alike, name_key

log = logging.getLogger(__name__)

_NODE_METADATA = ("doc_id", "source", "title", "date", "doc_type", "language", "position")
_META_FILE = "fedqa-index.json"
_SPACE_SEPARATED = r"\S+"  # the words are reduced already (index_words); bm25s only splits them


_MASKS_KEPT = 64
_WORDS = re.compile(TOKEN_PATTERN)
NAME_CHUNKS_READ = 500  # chunks `used_as_name` reads of a word's postings, at most
_NAMES_KEPT = 4096  # words `used_as_name` remembers
_INSIDE_A_SENTENCE = re.compile(r"[\w,][ \t]*\n?[ \t]*$")
# At most this many indexed terms stand in for one word of the question spelt in another script.
_SPELLINGS_PER_WORD = 3


class ChunkFilter(Protocol):
    """A hashable restriction on chunks' metadata (assistant.retrieval.Filters is one)."""

    def __hash__(self) -> int: ...

    def matches(self, metadata: dict[str, Any]) -> bool: ...


def index_folder(data_dir: Path) -> Path:
    return data_dir / "bm25"


def _tokenized(texts: list[str]):
    import bm25s

    return bm25s.tokenize(
        texts, lower=False, stopwords=None, token_pattern=_SPACE_SEPARATED, show_progress=False
    )


class KeywordIndex:
    """BM25 over every chunk; `search` takes a metadata predicate for filters."""

    def __init__(self, retriever: Any, fingerprint: str) -> None:
        self._masks: dict[ChunkFilter, np.ndarray] = {}
        self._by_document: dict[str, list[str]] | None = None
        self._name_keys: dict[str, list[tuple[str, str]]] | None = None
        self._as_name: dict[str, bool] = {}
        self._retriever = retriever
        self.fingerprint = fingerprint
        if retriever is None:
            self._order: list[str] = []
            self._metadata: dict[str, dict[str, Any]] = {}
            self._texts: dict[str, str] = {}
            return
        self._order = [entry["node_id"] for entry in retriever.corpus]
        self._metadata = {}
        self._texts = {}
        for entry in retriever.corpus:
            # llama-index's flattened entry overwrites `doc_id` with its own ref_doc_id, so our
            # metadata is read from the serialized node instead.
            metadata = json.loads(entry["_node_content"])["metadata"]
            self._metadata[entry["node_id"]] = {k: metadata.get(k) for k in _NODE_METADATA}
            self._texts[entry["node_id"]] = metadata.get("chunk_text", "")

    # -- building and persistence ------------------------------------------------------------

    @classmethod
    def build(cls, store: Store) -> KeywordIndex:
        """Index every chunk now in the store."""
        from llama_index.core.schema import TextNode
        from llama_index.retrievers.bm25 import BM25Retriever

        fingerprint = store.fingerprint()
        chunk_ids, texts, metadatas = store.all_chunks()
        if not chunk_ids:
            return cls(None, fingerprint)
        import bm25s
        from llama_index.core.vector_stores.utils import node_to_metadata_dict

        nodes, words = [], []
        for chunk_id, text, metadata in zip(chunk_ids, texts, metadatas, strict=True):
            node_metadata = {key: metadata.get(key) for key in _NODE_METADATA}
            node_metadata["chunk_text"] = text
            node = TextNode(
                id_=chunk_id,
                # The title is indexed with the text: it names the subject of every chunk.
                text=f"{metadata.get('title', '')}\n{text}",
                metadata=node_metadata,
            )
            node.excluded_embed_metadata_keys = list(node_metadata)
            nodes.append(node)
            words.append(" ".join(index_words(node.text, metadata.get("language"))))
        bm25 = bm25s.BM25()
        bm25.index(_tokenized(words), show_progress=False)
        bm25.corpus = [node_to_metadata_dict(node) | {"node_id": node.node_id} for node in nodes]
        retriever = BM25Retriever(
            existing_bm25=bm25, skip_stemming=True, similarity_top_k=len(nodes)
        )
        return cls(retriever, fingerprint)

    def save(self, folder: Path) -> None:
        """Write the index atomically: a reader sees the old one or the new one, never a mix."""
        staging = folder.with_name(folder.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if self._retriever is not None:
            self._retriever.persist(str(staging), show_progress=False)
        meta = {"fingerprint": self.fingerprint, "tokens": TOKENS_VERSION}
        (staging / _META_FILE).write_text(json.dumps(meta))
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The persisted index, or None when it is missing or unreadable."""
        try:
            meta = json.loads((folder / _META_FILE).read_text())
            if meta.get("tokens") != TOKENS_VERSION:
                log.info("BM25 index at %s indexes other words; it will be rebuilt", folder)
                return None
            if not (folder / "retriever.json").exists():
                return cls(None, meta["fingerprint"])
            from llama_index.retrievers.bm25 import BM25Retriever

            retriever = BM25Retriever.from_persist_dir(str(folder), show_progress=False)
            return cls(retriever, meta["fingerprint"])
        except (OSError, ValueError, KeyError) as exc:
            log.warning("BM25 index at %s unreadable (%s); it will be rebuilt", folder, exc)
            return None

    @classmethod
    def rebuild(cls, store: Store, data_dir: Path) -> KeywordIndex:
        """Build, save, and publish the new fingerprint so other processes reload theirs."""
        index = cls.build(store)
        index.save(index_folder(data_dir))
        store.publish_fingerprint(index.fingerprint)
        return index

    @property
    def chunk_count(self) -> int:
        """Chunks in the store when this index was built (the fingerprint starts with it)."""
        return int(self.fingerprint.split(":", 1)[0])

    def is_stale(self, store: Store) -> bool:
        """Cheap check (no full scan): the chunk count or the published fingerprint moved."""
        if store.count() != self.chunk_count:
            return True
        published = store.published_fingerprint()
        return published is not None and published != self.fingerprint

    @classmethod
    def load_or_build(cls, store: Store, data_dir: Path) -> KeywordIndex:
        """The persisted index when it matches the store, else a fresh one built from Chroma."""
        index = cls.load(index_folder(data_dir))
        if index is not None and index.fingerprint == store.fingerprint():
            return index
        log.info("BM25 index missing or stale; rebuilding it from Chroma")
        index = cls.build(store)
        try:
            index.save(index_folder(data_dir))
        except OSError as exc:  # a read-only data folder still gets a working in-memory index
            log.warning("cannot save the BM25 index: %s", exc)
        return index

    # -- searching ---------------------------------------------------------------------------

    def document_text(self, doc_ids: Iterable[str]) -> str:
        """The whole text of these documents, their chunks in order: what the evidence gate
        reads to decide whether a word of the question is in a cited document."""
        by_document = self._documents()
        return "\n".join(self._texts[cid] for doc in doc_ids for cid in by_document.get(doc, []))

    def document_ids(self) -> list[str]:
        """Every indexed document's id."""
        return list(self._documents())

    def following(self, chunk_id: str) -> str | None:
        """The text of the chunk after `chunk_id` in its document, or None at its end."""
        metadata = self._metadata.get(chunk_id)
        if metadata is None:
            return None
        chunks = self._documents().get(str(metadata.get("doc_id")), [])
        at = chunks.index(chunk_id)
        return self._texts[chunks[at + 1]] if at + 1 < len(chunks) else None

    def _documents(self) -> dict[str, list[str]]:
        """Each document's chunk ids in order, worked out once."""
        if self._by_document is None:
            by_document: dict[str, list[tuple[int, str]]] = {}
            for chunk_id in self._order:
                metadata = self._metadata[chunk_id]
                by_document.setdefault(str(metadata.get("doc_id")), []).append(
                    (int(metadata.get("position") or 0), chunk_id)
                )
            self._by_document = {
                doc: [cid for _pos, cid in sorted(chunks)] for doc, chunks in by_document.items()
            }
        return self._by_document

    def rarity(self, word: str) -> float:
        """BM25's inverse document frequency of the word (after stemming); a word no chunk uses
        is as rare as a word of one chunk."""
        if self._retriever is None:
            return 0.0
        bm25 = self._retriever.bm25
        total = len(self._order)
        indptr = bm25.scores["indptr"]
        tokens = [bm25.vocab_dict[s] for s in stems(word) if s in bm25.vocab_dict]
        chunks = max((int(indptr[t + 1] - indptr[t]) for t in tokens), default=1)
        return float(np.log(1 + (total - chunks + 0.5) / (chunks + 0.5)))

    def spelt_otherwise(self, word: str) -> list[str]:
        """The indexed terms that spell `word` otherwise: in the other script ("Taraz" finds the
        Russian report's "тараз", "Семей" the English "semey") or in the other Cyrillic
        language ("Актобе", "ақтөбе"); index_store.transliteration."""
        key = name_key(word)
        if self._retriever is None or len(key) < MIN_NAME:
            return []
        own = stems(word)
        return [
            term
            for term_key, term in self._terms_by_key().get(key[:3], [])
            if term not in own and keys_alike(key, term_key)
        ][:_SPELLINGS_PER_WORD]

    def _terms_by_key(self) -> dict[str, list[tuple[str, str]]]:
        """Every indexed term by the first letters of its Latin key, worked out once."""
        if self._name_keys is None:
            by_key: dict[str, list[tuple[str, str]]] = {}
            for term in self._retriever.bm25.vocab_dict:
                key = name_key(term)
                if len(key) >= MIN_NAME - 1:
                    by_key.setdefault(key[:3], []).append((key, term))
            self._name_keys = by_key
        return self._name_keys

    def _names_spelt_otherwise(self, question: str) -> list[str]:
        """For each name of the question (a capitalized word; the first one only when no chunk
        uses it), the terms that spell it otherwise: a place's report may be in another
        language than the question."""
        words = _WORDS.findall(question)
        return [
            term
            for at, word in enumerate(words)
            if word[:1].isupper() and (at > 0 or not self.has_term(word))
            for term in self.spelt_otherwise(word)
        ]

    def used_as_name(self, word: str) -> bool:
        """Whether the chunks write `word` (after stemming) with a capital inside a sentence and
        never with a small letter: a name, as this corpus uses it ("в Шымкенте", "Шымкенттегі").
        Read from the chunks BM25 lists for its stems, once per word; no tagger reads Kazakh."""
        key = word.lower()
        if self._retriever is None or not key:
            return False
        if key not in self._as_name:
            if len(self._as_name) >= _NAMES_KEPT:  # words come from questions: keep it bounded
                self._as_name.clear()
            # A word no chunk uses is read by its spellings in the other script: "kostanay"
            # typed small is the corpus's "Қостанай".
            spellings = (
                [stems(word)]
                if self.has_term(word)
                else [{term} for term in self.spelt_otherwise(word)]
            )
            self._as_name[key] = any(self._reads_as_name(own) for own in spellings)
        return self._as_name[key]

    def _reads_as_name(self, own: set[str]) -> bool:
        bm25 = self._retriever.bm25
        indptr, indices = bm25.scores["indptr"], bm25.scores["indices"]
        tokens = [bm25.vocab_dict[s] for s in own if s in bm25.vocab_dict]
        chunks = sorted({int(c) for t in tokens for c in indices[indptr[t] : indptr[t + 1]]})
        # A word in more chunks is judged on the first of them: "Kazakhstan", in a third of
        # 100,000 chunks, took 0.6 s to read through.
        chunks = chunks[:NAME_CHUNKS_READ]
        prefix = min(own, key=len)[:3]
        named = False
        for chunk in chunks:
            text = self._texts.get(self._order[chunk], "")
            for match in _WORDS.finditer(text):
                found = match.group()
                if not found.lower().startswith(prefix) or not stems(found) & own:
                    continue
                if found[:1].islower():
                    return False
                # Capitalized after a word or a comma, not at the start of a sentence or line.
                start = match.start()
                named = named or bool(_INSIDE_A_SENTENCE.search(text, max(0, start - 3), start))
        return named

    @cached_property
    def languages(self) -> frozenset[str]:
        """The two-letter codes of the chunks' languages ("en" for "en-GB")."""
        return frozenset(str(m.get("language") or "")[:2] for m in self._metadata.values()) - {""}

    def has_term(self, word: str) -> bool:
        """Whether any chunk uses this word (after stemming)."""
        if self._retriever is None:
            return False
        return any(s in self._retriever.bm25.vocab_dict for s in stems(word))

    def _mask(self, chunk_filter: ChunkFilter) -> np.ndarray:
        """Which chunks pass the filter, as bm25s's weight mask; kept per distinct filter.

        Evaluating a filter on every chunk takes about 60 ms at 100,000 chunks, and people
        reuse a few filters (a document type, a year), so each mask is computed once per index.
        """
        mask = self._masks.get(chunk_filter)
        if mask is None:
            if len(self._masks) >= _MASKS_KEPT:
                self._masks.clear()
            mask = np.fromiter(
                (chunk_filter.matches(self._metadata[cid]) for cid in self._order),
                dtype=np.int8,
                count=len(self._order),
            )
            self._masks[chunk_filter] = mask
        return mask

    def search(self, question: str, k: int, chunk_filter: ChunkFilter | None = None) -> list[Hit]:
        """The k best chunks by BM25, among those `chunk_filter` accepts (all when None).

        We call bm25s with our own weight mask instead of BM25Retriever.retrieve because the
        retriever fixes its metadata filters when it is built, and ours change per question.
        """
        if self._retriever is None:
            return []

        mask = None
        if chunk_filter is not None:
            mask = self._mask(chunk_filter)
            if not mask.any():
                return []
        words = index_words(question) + self._names_spelt_otherwise(question)
        bm25 = self._retriever.bm25
        ids = bm25.get_tokens_ids(re.findall(_SPACE_SEPARATED, " ".join(words)))
        if not ids:
            return []
        scores = bm25.get_scores_from_ids(ids, weight_mask=mask)
        return [
            Hit(chunk_id, self._texts[chunk_id], self._metadata[chunk_id], float(scores[i]))
            for i in _top(scores, k)
            for chunk_id in (self._order[i],)
        ]


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """The positions of the k best positive scores, best first (ties: the earlier chunk).

    bm25s's own `retrieve` partitions all the scores and maps every position through its
    corpus: 17 ms at p95 at 100,000 chunks, against 1.4 ms for the few chunks that score.
    """
    scoring = np.flatnonzero(scores > 0)
    if len(scoring) > k:
        scoring = scoring[np.argpartition(-scores[scoring], k - 1)[:k]]
    return scoring[np.lexsort((scoring, -scores[scoring]))]
