"""Find the passages most related to a question: dense (Chroma) and keyword (BM25) retrievers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from assistant.answer import Passage
from assistant.language_means import LanguageMeans
from assistant.languages import language_of
from assistant.tuning import (
    CROSS_LANGUAGE_LEXICAL,
    CROSS_LANGUAGE_OFFSET,
    DENSE_WEIGHT,
    UNREAD_DENSE_WEIGHT,
)
from assistant.vocabulary import with_document_terms
from index_store.errors import FedqaError


class FilterError(FedqaError):
    """A filter value that cannot be used (a malformed date)."""


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to a document type, a language, a date range (ISO dates) or some
    documents (a conversation's, see `assistant.conversation.PreviousDocuments`)."""

    doc_type: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    documents: frozenset[str] | None = None  # only these documents (a conversation's own)

    @classmethod
    def parse(
        cls,
        doc_type: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Filters:
        """Filters from what a person typed; blanks and "any" mean no restriction."""

        def clean(value: str | None) -> str | None:
            value = (value or "").strip()
            return None if value.lower() in ("", "any") else value

        dates = {}
        for name, value in (("since", clean(since)), ("until", clean(until))):
            if value is not None:
                try:
                    dates[name] = dt.date.fromisoformat(value).isoformat()
                except ValueError:
                    raise FilterError(
                        f"The date '{value}' is not a date; write it as YYYY-MM-DD, "
                        "e.g. 2024-01-31."
                    ) from None
        return cls(doc_type=clean(doc_type), language=clean(language), **dates)

    @property
    def restricts(self) -> bool:
        """Whether any chunk can fail this filter."""
        return self != Filters()

    @property
    def has_dates(self) -> bool:
        return bool(self.since or self.until)

    def chroma_where(self) -> dict[str, Any] | None:
        """The part Chroma can apply itself (it compares only numbers with $gte/$lte)."""
        clauses: list[dict[str, Any]] = []
        if self.doc_type:
            clauses.append({"doc_type": self.doc_type})
        if self.language:
            clauses.append({"language": self.language})
        if self.documents is not None:
            clauses.append({"doc_id": {"$in": sorted(self.documents)}})
        if len(clauses) > 1:
            return {"$and": clauses}
        return clauses[0] if clauses else None

    def matches(self, metadata: dict[str, Any]) -> bool:
        """The whole filter, on a chunk's metadata; undated chunks fail any date bound."""
        if self.doc_type and metadata.get("doc_type") != self.doc_type:
            return False
        if self.language and metadata.get("language") != self.language:
            return False
        if self.documents is not None and metadata.get("doc_id") not in self.documents:
            return False
        date = str(metadata.get("date") or "")
        if self.since and (not date or date < self.since):
            return False
        return not (self.until and (not date or date > self.until))


POST_FILTER_DEPTH = 200


class DenseRetriever:
    """Embeds the question and asks Chroma for the nearest chunks (score: cosine similarity)."""

    name = "dense"

    def __init__(self, store: Any, embedder: Any) -> None:
        self.store = store
        self.embedder = embedder

    def retrieve(
        self, question: str, k: int, filters: Filters | None = None, vector=None
    ) -> list[Passage]:
        """The k best passages; pass `vector` when the caller has already embedded the question."""
        filters = filters or Filters()
        if vector is None:
            vector = self.embedder.embed_query(question)
        if not filters.restricts:
            return [Passage.from_hit(h) for h in self.store.search(vector, k)]
        # Chroma's metadata-filtered search takes 100-250 ms at 100,000 chunks, its plain one
        # about 10 ms for a few hundred results: filter the nearest few hundred here first, and
        # let Chroma filter only when a selective filter leaves fewer than k of them.
        nearest = self.store.search(vector, max(k * 5, POST_FILTER_DEPTH))
        found = [h for h in nearest if filters.matches(h.metadata)]
        if len(found) < k:
            wanted = k * 4 if filters.has_dates else k
            hits = self.store.search(vector, wanted, where=filters.chroma_where())
            found = [h for h in hits if filters.matches(h.metadata)]
        return [Passage.from_hit(h) for h in found[:k]]


class KeywordRetriever:
    """BM25 over the same chunks (score: BM25, not comparable with cosine)."""

    name = "bm25"

    def __init__(self, index: Any) -> None:
        self.index = index

    def retrieve(
        self, question: str, k: int, filters: Filters | None = None, vector=None
    ) -> list[Passage]:
        active = filters if filters and filters.restricts else None
        query = with_document_terms(question)  # "vacation" finds "leave" (assistant.vocabulary)
        return [Passage.from_hit(h) for h in self.index.search(query, k, active)]


def reciprocal_rank_fusion(rankings: list[list[Passage]], k: int = 60) -> list[Passage]:
    """Passages ordered by the sum of 1 / (k + rank) over the rankings they appear in."""
    scores: dict[str, float] = {}
    first_seen: dict[str, Passage] = {}
    for ranking in rankings:
        for rank, passage in enumerate(ranking, start=1):
            scores[passage.chunk_id] = scores.get(passage.chunk_id, 0.0) + 1.0 / (k + rank)
            first_seen.setdefault(passage.chunk_id, passage)
    order = sorted(scores, key=lambda cid: scores[cid], reverse=True)
    return [first_seen[cid] for cid in order]


def _min_max(scores: dict[str, float], ids: list[str]) -> dict[str, float]:
    """Scores scaled to 0..1 over `ids`; an id without a score gets 0."""
    if not scores:
        return dict.fromkeys(ids, 0.0)
    low, high = min(scores.values()), max(scores.values())
    span = high - low
    return {i: ((scores[i] - low) / span if span else 1.0) if i in scores else 0.0 for i in ids}


def relative_score_fusion(
    dense: list[Passage],
    keyword: list[Passage],
    cosine: dict[str, float],
    dense_weight: float = DENSE_WEIGHT,
    unseen: frozenset[str] | set[str] = frozenset(),
    unseen_lexical: float = CROSS_LANGUAGE_LEXICAL,
) -> list[Passage]:
    """Passages ordered by a weighted sum of their min-max scaled cosine and BM25 scores.

    Reciprocal rank fusion keeps only ranks, so a passage that BM25 puts far ahead of the rest
    (it has the question's rare words) counts no more than one just ahead; on the golden sets it
    put the passage with the asked fact lower than BM25 alone (evidence MRR 0.83 against 0.85 on
    the sample set). A convex combination of scaled scores (llama-index's "relative_score" mode,
    which our filters and cosine scores keep us from using, see HybridRetriever) keeps that
    margin. `cosine` holds every passage's cosine similarity, so no score is missing on the
    dense side; a passage outside BM25's list gets 0 there, except one in `unseen` (a passage
    BM25 cannot match, in another language than the question's): it gets `unseen_lexical` times
    its scaled cosine, so that BM25's blindness across languages is not counted in full against
    it (a Russian look-alike sharing two common words came before the Kazakh guide that answers).
    """
    passages = {p.chunk_id: p for p in keyword}
    passages.update({p.chunk_id: p for p in dense})
    ids = list(passages)
    semantic = _min_max({i: cosine[i] for i in ids if i in cosine}, ids)
    lexical = _min_max({p.chunk_id: p.score for p in keyword}, ids)
    for i in unseen & lexical.keys():
        lexical[i] = max(lexical[i], unseen_lexical * semantic[i])
    fused = {i: dense_weight * semantic[i] + (1 - dense_weight) * lexical[i] for i in ids}
    return [passages[i] for i in sorted(ids, key=lambda i: fused[i], reverse=True)]


def stored_cosines(store: Any, chunk_ids: list[str], vector) -> dict[str, float]:
    """The cosine similarity to `vector` of chunks that a dense search did not return, from
    their stored embeddings (normalized, so a dot product); ids the store lacks are left out."""
    query = np.asarray(vector, dtype=np.float32)
    return {cid: float(e @ query) for cid, e in store.embeddings(chunk_ids).items()}


class HybridRetriever:
    """Dense and BM25 rankings fused (score: cosine similarity): by their scaled scores
    (`relative_score_fusion`, the default) or, as the "rrf" retriever that the evaluation keeps
    as the baseline, by reciprocal rank.

    Written here rather than with llama-index's QueryFusionRetriever because our retrievers apply
    per-question filters inside Chroma and BM25, and because the relevance gate needs every
    passage's cosine similarity, which QueryFusionRetriever replaces by its fused score.
    """

    def __init__(
        self,
        dense: DenseRetriever,
        keyword: KeywordRetriever,
        depth: int = 20,
        by_rank: bool = False,
        reads: Callable[[str], bool] | None = None,
        cross_language_offset: float = CROSS_LANGUAGE_OFFSET,
        unseen_lexical: float = CROSS_LANGUAGE_LEXICAL,
        language_means: LanguageMeans | None = None,
    ) -> None:
        """`reads`: whether the model was trained on a language (by code). For a question in
        one it was not, the dense side weighs UNREAD_DENSE_WEIGHT: its cosines are noise.
        `cross_language_offset`, `language_means`: see `cross_language_cosines`;
        `unseen_lexical`: see `relative_score_fusion` (for a model that reads both languages)."""
        self.dense = dense
        self.keyword = keyword
        self.depth = depth
        self.by_rank = by_rank
        self.reads = reads or (lambda language: True)
        self.cross_language_offset = cross_language_offset
        self.unseen_lexical = unseen_lexical
        self.language_means = language_means
        self.name = "rrf" if by_rank else "hybrid"

    def retrieve(
        self, question: str, k: int, filters: Filters | None = None, vector=None
    ) -> list[Passage]:
        if vector is None:
            vector = self.dense.embedder.embed_query(question)
        depth = max(self.depth, k)
        dense = self.dense.retrieve(question, depth, filters, vector=vector)
        keyword = self.keyword.retrieve(question, depth, filters)
        cosine = {p.chunk_id: p.score for p in dense}
        missing = [p.chunk_id for p in keyword if p.chunk_id not in cosine]
        language = language_of(question)
        stored = None
        if self.language_means is not None and not self.by_rank and self.reads(language):
            # Centring reads every candidate's vector: one fetch gives the missing cosines too.
            stored = self.dense.store.embeddings([*cosine, *missing])
            query = np.asarray(vector, dtype=np.float32)
            cosine.update({c: float(stored[c] @ query) for c in missing if c in stored})
        else:
            cosine.update(stored_cosines(self.dense.store, missing, vector))
        if self.by_rank:
            fused = reciprocal_rank_fusion([dense, keyword])[:k]
        else:
            weight = DENSE_WEIGHT if self.reads(language) else UNREAD_DENSE_WEIGHT
            ordering = self.cross_language_cosines(
                cosine, [*dense, *keyword], language, vector, stored
            )
            unseen = (
                self._other_language([*dense, *keyword], language)
                if self.unseen_lexical and self.reads(language)
                else set()
            )
            fused = relative_score_fusion(
                dense, keyword, ordering, weight, unseen, self.unseen_lexical
            )[:k]
        # The gate reads the plain cosine: the offset orders passages, it never makes one relevant.
        return [replace(p, score=cosine.get(p.chunk_id, 0.0)) for p in fused]

    def cross_language_cosines(
        self,
        cosine: dict[str, float],
        passages: list[Passage],
        language: str,
        vector=None,
        stored: dict[str, np.ndarray] | None = None,
    ) -> dict[str, float]:
        """The cosines that order the passages, when the model reads the question's language and
        another: multilingual-e5-small scores a passage in the question's language higher than
        the same content in another, so a Russian question took a Russian look-alike over the
        English guide that answers it (cross-language document MRR 0.45 against 0.99 within a
        language on the training sets). With the model's `language_means`, each passage is
        scored by its language-centred cosine (`assistant.language_means`); then, with or
        without them, CROSS_LANGUAGE_OFFSET is added for a passage in another language than the
        question's, since BM25's half of the fused score can only match within a language
        (`python -m eval.language_offset` fits it). `stored`: the passages' stored vectors, which
        the centred cosines are computed from."""
        if not self.reads(language):
            return cosine
        if self.language_means is not None and vector is not None and stored:
            codes = {p.chunk_id: p.language_code for p in passages}
            cosine = cosine | self.language_means.centred_cosines(
                np.asarray(vector, dtype=np.float32),
                language,
                {c: (v, codes.get(c) or "") for c, v in stored.items()},
            )
        if not self.cross_language_offset:
            return cosine
        other = self._other_language(passages, language)
        return {c: s + self.cross_language_offset if c in other else s for c, s in cosine.items()}

    def _other_language(self, passages: list[Passage], language: str) -> set[str]:
        """The passages in a language the model reads, other than the question's."""
        return {
            p.chunk_id
            for p in passages
            if p.language_code and p.language_code != language and self.reads(p.language_code)
        }


class LanguageRoutedRetriever:
    """The retriever an answer reads first, with a multilingual model beside the main one: the
    multilingual model's for a question the main model cannot read, the main model's otherwise
    (`Assistant._answer_stream`). The evaluation's "configured" retriever, so that its recall
    is that of the answers."""

    name = "routed"

    def __init__(self, main: Any, multilingual: Any, reads_question: Callable[[str], bool]) -> None:
        """`reads_question`: whether the main model reads a question (`Assistant.model_reads`)."""
        self.main = main
        self.multilingual = multilingual
        self.reads_question = reads_question

    def retrieve(
        self, question: str, k: int, filters: Filters | None = None, vector=None
    ) -> list[Passage]:
        if self.reads_question(question):
            return self.main.retrieve(question, k, filters, vector=vector)
        return self.multilingual.retrieve(question, k, filters)  # `vector` is the main model's
