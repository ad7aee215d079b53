"""The assistant: a question in, a cited `Answer` (or an honest "not covered") out.

Loads the store and the model once; the CLI's batch mode, the web chat and the evaluation keep
one `Assistant` for all their questions.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer import Answer, Citation, Passage
from assistant.answer_types import person_names
from assistant.conversation import (
    Conversation,
    LLMRewriter,
    PreviousDocuments,
    Rewriter,
    RuleRewriter,
)
from assistant.extractive import LIST_ITEMS, compose, sentences_of
from assistant.gate import (
    NAMED_DOCUMENTS,
    PREVIOUS_DOCUMENTS,
    SECOND_OPINION,
    UNREAD_NEARER,
    Evidence,
    Gate,
    Lexicon,
    Verdict,
)
from assistant.grounding import NOT_COVERED_REPLY, ground
from assistant.language_means import LanguageMeans
from assistant.languages import language_of, not_covered, unread_language
from assistant.named_documents import NamedDocuments
from assistant.question import Question
from assistant.reasons import Reason
from assistant.retrieval import (
    DenseRetriever,
    Filters,
    HybridRetriever,
    KeywordRetriever,
    LanguageRoutedRetriever,
    stored_cosines,
)
from assistant.spelling import SpellingCorrector
from assistant.tuning import KEYWORD_DEPTH, MATERIAL_BAND, RESTATED_AT, SUPPORTING_MARGIN
from index_store.embedding_cache import EmbeddingCache
from index_store.errors import NotIngestedError, QuestionError
from index_store.sentence_vectors import SentenceVectors
from index_store.sentences import announced_items
from index_store.settings import DEFAULT_MODEL_ID, FedqaSettings

log = logging.getLogger(__name__)
MAX_WORD_CHARS = 40  # longer than any word of ours (Kazakh's longest run to about 30 letters)
# Embeds a question with the multilingual model while the main one answers it: both models
# release the GIL while they compute, so on two cores the second opinion costs less time.
_AHEAD = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fedqa-embed")

CLOSEST_SHOWN = 3


def closest(passages: list[Passage] | tuple[Passage, ...]) -> tuple[Passage, ...]:
    """The passages a refusal shows: the nearest few, nearest first."""
    return tuple(sorted(passages, key=lambda p: p.score, reverse=True)[:CLOSEST_SHOWN])


def sentence_weights(settings: FedqaSettings) -> np.ndarray | None:
    """The learned sentence ranker's weights, or None for the hand weights. `auto` learns: with
    the ranker trained for the model where one ships, else with the default model's (another
    model's ranker beat the hand weights on a model it was not trained on: docs/answers.md)."""
    from assistant.learned_check import load_ranker_weights, ranker_weights_path

    if settings.sentence_ranker == "hand":
        return None
    if settings.sentence_ranker == "auto" and not ranker_weights_path(settings.model_id).exists():
        return load_ranker_weights(DEFAULT_MODEL_ID)
    return load_ranker_weights(settings.model_id)


@dataclass(frozen=True)
class Draft:
    """A question on its way to an answer: what was retrieved and what the answer would quote."""

    question: Question
    question_vector: np.ndarray
    passages: list[Passage]
    started: float
    relevant: tuple[Passage, ...] = ()
    body: str = ""
    citations: tuple[Citation, ...] = ()

    @property
    def top_score(self) -> float | None:
        return max((p.score for p in self.passages), default=None)

    def refusal(self, notice: str | None = None, refused_by: str = "relevance") -> Answer:
        shown = closest(self.passages)
        return Answer(
            self.question.text,
            False,
            not_covered(self.question.language, bool(shown)),
            closest=shown,
            seconds=time.perf_counter() - self.started,
            notice=notice,
            top_score=self.top_score,
            refused_by=refused_by,
        )


def check_question(question: str | None, max_chars: int) -> str:
    """The question, trimmed; a QuestionError with a polite message when it is unusable. A
    function of its own, so that a caller can refuse an empty question before loading a model."""
    text = " ".join((question or "").split())
    if not text:
        raise QuestionError("Please type a question.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; please keep it under "
            f"{max_chars:,} characters."
        )
    # A run of one letter or a pasted blob is no question, yet the model embeds its word
    # pieces somewhere near a passage: "a" * 1999 scored 0.45 and was answered.
    if not any(len(word) <= MAX_WORD_CHARS for word in re.findall(r"\w+", text)):
        raise QuestionError("Please ask the question in words.")
    return text


class Assistant:
    """Answers questions from the store configured by `settings`."""

    def __init__(
        self, settings: FedqaSettings, trusts: Callable[[str], bool] | None = None
    ) -> None:
        """`trusts`: the languages whose questions may pass the gate on the model's similarity
        alone (default: those it reads); the multilingual assistant gets the main model's."""
        from index_store.embedder import Embedder
        from index_store.store import Store, StoreError

        self.settings = settings
        try:
            self.store = Store(settings, create=False)
        except StoreError as exc:
            raise NotIngestedError(str(exc)) from None
        self.embedder = Embedder.from_settings(settings)
        from index_store.keyword_index import KeywordIndex

        self._languages = settings.model_reads()  # None: every language
        dense = DenseRetriever(self.store, self.embedder)
        keyword = KeywordRetriever(KeywordIndex.load_or_build(self.store, settings.data_dir))
        self._keyword = keyword
        self._checked_at = time.monotonic()
        self._refresh_lock = threading.Lock()
        means = LanguageMeans.load(settings.model_id)  # None for a model that reads one language
        self._retrievers: dict[str, DenseRetriever | KeywordRetriever | HybridRetriever] = {
            "dense": dense,
            "bm25": keyword,
            "hybrid": HybridRetriever(dense, keyword, reads=self.reads, language_means=means),
            "rrf": HybridRetriever(dense, keyword, by_rank=True, reads=self.reads),
        }
        self.retriever = self._retrievers[settings.retriever]
        self.llm = None
        self.rewriter: Rewriter = RuleRewriter(
            self._strength,
            rarity=lambda word: self._keyword.index.rarity(word),
            is_name=lambda word: self._keyword.index.used_as_name(word),
        )
        if settings.llm_url:
            from assistant.llm import LLMAnswerer

            self.llm = LLMAnswerer(settings)
            self.rewriter = LLMRewriter(self.llm.llm, fallback=self.rewriter)
        stored = SentenceVectors.from_settings(settings) if settings.sentence_vectors else None
        self.embed_sentences = EmbeddingCache(
            self.embedder.embed, settings.sentence_cache, disk=stored
        )
        self.embed_words = EmbeddingCache(self.embedder.embed_words, settings.sentence_cache)
        self.embed_questions = EmbeddingCache(self.embedder.embed_queries, settings.sentence_cache)
        self.sentence_weights = sentence_weights(settings)
        self.speller = SpellingCorrector(
            lambda word: self._keyword.index.has_term(word),
            materials=lambda: self._keyword.index,
            is_name=lambda word: self._keyword.index.used_as_name(word),
        )
        self.gate = Gate(
            Lexicon(
                self.embed_sentences,
                lambda word: self._keyword.index.has_term(word),
                embed_words=self.embed_words,
                embed_questions=self.embed_questions,
                rarity=lambda word: self._keyword.index.rarity(word),
                reads=self.reads,
                spread=self.embedder.spread,
                trusts=trusts,
                corpus_languages=lambda: self._keyword.index.languages,
            ),
            document_text=self._document_text,
            model_id=settings.model_id,
            disabled=settings.disabled_check_ids,
            caution=settings.caution,
        )
        self.named_documents = (
            None
            if NAMED_DOCUMENTS in settings.disabled_check_ids
            else NamedDocuments(self._document_text, self.gate.lexicon.stopwords)
        )
        self.previous_documents = (
            None
            if PREVIOUS_DOCUMENTS in settings.disabled_check_ids
            else PreviousDocuments(self._passed_draft)
        )
        self.multilingual = self._multilingual_assistant()

    def _multilingual_assistant(self) -> Assistant | None:
        """The assistant over the multilingual store, when the settings have one and it was
        ingested (a store ingested before it existed has none until the next `fedqa ingest`)."""
        second = self.settings.multilingual()
        if second is None:
            return None
        try:
            # One client for the configured LLM: the second assistant's answers go to it too.
            other = Assistant(second.model_copy(update={"llm_url": None}), trusts=self.reads)
            other.llm = self.llm
            return other
        except NotIngestedError:
            log.warning(
                "No multilingual store in %s: Kazakh and Russian questions are answered by "
                "the English model alone. Run `fedqa ingest` again to build it.",
                second.data_dir,
            )
            return None

    @property
    def keyword_index(self):
        """The BM25 index over every chunk (its vocabulary, the documents' whole text)."""
        return self._keyword.index

    def reads(self, language: str) -> bool:
        """Whether the embedding model was trained on `language` (a code)."""
        return self._languages is None or language in self._languages

    def model_reads(self, question: str) -> bool:
        """Whether the question is in a language the embedding model was trained on."""
        return self.reads(language_of(question))

    def answering(self, question: str) -> Assistant:
        """The assistant whose model reads `question`: the multilingual one for a language
        the main model was not trained on, where there is one; else this one."""
        if self.multilingual is not None and not self.model_reads(question):
            return self.multilingual
        return self

    def retrievers(
        self,
    ) -> dict[str, DenseRetriever | KeywordRetriever | HybridRetriever | LanguageRoutedRetriever]:
        """Every retriever by name, for comparing them; "configured" is the one `ask` reads."""
        configured = self.retriever
        if self.multilingual is not None:
            configured = LanguageRoutedRetriever(
                configured, self.multilingual.retriever, self.model_reads
            )
        return {**self._retrievers, "configured": configured}

    def _document_text(self, doc_ids: Iterable[str]) -> str:
        """The documents' whole text, from the BM25 index in use now (it is replaced when the
        store changes): what the gate and the named-documents stage read."""
        return self._keyword.index.document_text(doc_ids)

    def store_changed(self) -> None:
        """This process just synced the store: check for a new BM25 index on the next question."""
        self._checked_at = float("-inf")
        if self.multilingual is not None:
            self.multilingual.store_changed()
        else:
            self.multilingual = self._multilingual_assistant()

    def _refresh_keyword_index(self) -> None:
        """Another process may have ingested: reload or rebuild BM25 from Chroma when it did."""
        if time.monotonic() - self._checked_at < self.settings.bm25_refresh_seconds:
            return
        with self._refresh_lock:
            self._checked_at = time.monotonic()
            if self._keyword.index.is_stale(self.store):
                from index_store.keyword_index import KeywordIndex

                log.info("the store changed; refreshing the BM25 index")
                self._keyword.index = KeywordIndex.load_or_build(self.store, self.settings.data_dir)

    def check_question(self, question: str | None) -> str:
        """The question, trimmed; a QuestionError with a polite message when it is unusable."""
        return check_question(question, self.settings.max_question_chars)

    def _retrieve(
        self, text: str, k: int, filters: Filters | None
    ) -> tuple[np.ndarray, list[Passage]]:
        self._refresh_keyword_index()
        # The BM25 index knows how many chunks Chroma held when it was last checked (at most
        # FEDQA_BM25_REFRESH_SECONDS ago): counting in Chroma per question costs 10 ms at 100k.
        if self._keyword.index.chunk_count == 0:
            raise NotIngestedError("Nothing has been ingested yet. Run `fedqa ingest PATH` first.")
        # Through the cache: the gate's word-pull check embeds the question again.
        vector = self.embed_questions([text])[0]
        found = self.retriever.retrieve(text, k, filters, vector=vector)
        return vector, self._scored_by_best_sentence(found, vector)

    def _scored_by_best_sentence(
        self, passages: list[Passage], vector: np.ndarray
    ) -> list[Passage]:
        """Each passage scored by its own cosine or its best sentence's, whichever is higher.

        A chunk's vector averages its sentences, so one that answers among others on another
        point scores low as a whole: the leave guide's payment passage scores 0.35 for "How
        early should I receive my vacation pay?", its sentence on when leave pay is paid 0.58.
        The gate and the supporting floor read this score; the sentence vectors are the ones
        the answer is composed from, cached, so little is embedded twice.
        """
        per_passage = [sentences_of(p) for p in passages]
        every = [sentence for sentences in per_passage for sentence in sentences]
        if not every:
            return passages
        similarity = self.embed_sentences(every) @ vector  # one model call for all of them
        rescored, start = [], 0
        for passage, sentences in zip(passages, per_passage, strict=True):
            if sentences:
                best = float(np.max(similarity[start : start + len(sentences)]))
                passage = replace(passage, score=max(passage.score, best))
                start += len(sentences)
            rescored.append(passage)
        return rescored

    def _with_passages_for_each_part(
        self,
        relevant: list[Passage],
        parts: list[str],
        meanings: np.ndarray,
        floor: float,
        filters: Filters | None,
    ) -> list[Passage]:
        """The whole question's passages, then each part's own: in a large index the passage
        that answers one part ("who welcomed them at the oil seminar") can rank below the
        other part's passages for the whole question, and so never be read. `meanings`: the
        parts' vectors, already embedded for ranking their sentences."""
        merged = {p.chunk_id: p for p in relevant}
        for part, meaning in zip(parts, meanings, strict=True):
            found = self.retriever.retrieve(part, self.settings.top_k, filters, vector=meaning)
            for passage in self._scored_by_best_sentence(found, meaning):
                if passage.score >= floor:
                    merged.setdefault(passage.chunk_id, passage)
        return list(merged.values())

    def _with_keyword_passages(
        self, relevant: list[Passage], text: str, vector: np.ndarray, filters: Filters | None
    ) -> list[Passage]:
        """`relevant`, then the best document's first passage in BM25's ranking that is not read
        yet (see KEYWORD_DEPTH), scored by its cosine like the rest. Only for the hybrid
        retrievers: a configured single retriever is used alone."""
        if not isinstance(self.retriever, HybridRetriever) or not relevant:
            return relevant
        have = {p.chunk_id for p in relevant}
        best_document = relevant[0].doc_id
        extra = next(
            (
                p
                for p in self._keyword.retrieve(text, KEYWORD_DEPTH, filters)
                if p.doc_id == best_document and p.chunk_id not in have
            ),
            None,
        )
        if extra is None:
            return relevant
        cosine = stored_cosines(self.store, [extra.chunk_id], vector)
        if extra.chunk_id not in cosine:
            return relevant
        return [*relevant, replace(extra, score=cosine[extra.chunk_id])]

    def _items_after(self, passage: Passage) -> list[str]:
        """The items of the list `passage` announces at its end, when the chunker put them in
        the next chunk."""
        following = self._keyword.index.following(passage.chunk_id)
        return announced_items(passage.text, following or "", LIST_ITEMS)

    @staticmethod
    def _names_someone_quoted(question: str, passages: list[Passage]) -> bool:
        """Whether the question names a person ("Aizhan Ibraeva") whom a passage names too.

        The small model scores a short question about someone low against the passage that
        names them among other things ("Who is Aizhan Ibraeva?" 0.38, "What position does
        Aizhan Ibraeva hold?" 0.36), while a person's full name is found almost only where
        they are spoken of. The evidence check still decides whether the passage answers.
        """
        names = person_names(question)
        return bool(names) and any(name in p.text for name in names for p in passages)

    def find_material(
        self, topic: str | None, filters: Filters | None = None, k: int = 12
    ) -> list[Passage]:
        """Passages on a topic for a lecturer's handout, best first.

        No answer is composed, so there is no evidence gate. Each passage must pass the relevance
        gate on its own (an unrelated topic finds nothing) and be within `MATERIAL_BAND` of the
        best one: on a narrow topic, passages that merely share a word are noise in a handout.
        """
        text = self.speller.corrected(self.check_question(topic))
        if (answering := self.answering(text)) is not self:
            return answering.find_material(text, filters, k)
        _vector, passages = self._retrieve(text, k, filters)
        best = max((p.score for p in passages), default=0.0)
        floor = max(self.settings.relevance_threshold, best - MATERIAL_BAND)
        kept = [p for p in passages if p.score >= floor and self._on_topic(text, p)]
        return sorted(kept, key=lambda p: p.score, reverse=True)

    def _on_topic(self, topic: str, passage: Passage) -> bool:
        """Whether the evidence gate, reading the whole passage as the quote, lets it answer
        the topic: a passage on another year, branch or place than the topic names is left out
        of a handout, as it would be refused as an answer."""
        citation = Citation(1, passage, tuple(sentences_of(passage)) or (passage.text,))
        return self.gate.check(topic, (citation,), top_score=passage.score).covered

    def ask(
        self,
        question: str | None,
        filters: Filters | None = None,
        conversation: Conversation | None = None,
    ) -> Answer:
        """The final answer (with an LLM configured, after its whole reply was checked)."""
        for step in self.ask_stream(question, filters, conversation):
            if isinstance(step, Answer):
                return step
        raise AssertionError("ask_stream always ends with an Answer")

    def _passed_draft(
        self, question: str, filters: Filters | None
    ) -> tuple[float, frozenset[str]] | None:
        """The best passage's score and the cited documents of the answering model's draft of
        `question`, when its gate lets it pass (for `PreviousDocuments`)."""
        answering = self.answering(question)
        draft, verdict = answering._decided(question, filters, judge_confidence=False)
        if verdict is None or not verdict.covered or draft.top_score is None:
            return None
        return draft.top_score, frozenset(c.passage.doc_id for c in draft.citations)

    def _strength(self, question: str) -> float:
        """How close `question` alone comes to the materials: its best passage's score."""
        _vector, passages = self._retrieve(question, self.settings.top_k, None)
        return max((p.score for p in passages), default=0.0)

    def _in_conversation(
        self, question: str | None, filters: Filters | None, conversation: Conversation
    ) -> Iterator[str | Answer]:
        """`question` made standalone from the conversation's earlier turns, answered, and
        added to the conversation as its next turn."""
        asked = self.check_question(question)
        corrected = self.speller.corrected(asked)
        standalone = self.rewriter.standalone(corrected, conversation.earlier())
        given = filters
        if standalone == corrected and self.previous_documents is not None:
            filters = self.previous_documents.filters(standalone, filters, conversation.earlier())
        kept = filters is not given
        for step in self.ask_stream(standalone, filters):
            if isinstance(step, Answer):
                if kept and not step.answered:
                    # refused in full (by the second opinion): the fresh answer stands
                    step, kept = self.ask(standalone, given), False
                # the reader sees why a look-alike document was not cited
                said = (
                    Reason("kept_to_conversation").in_language(language_of(asked)) if kept else None
                )
                step = replace(
                    step,
                    question=asked,
                    standalone=standalone,
                    kept_to_conversation=kept,
                    notice=" ".join(filter(None, (step.notice, said))) or None,
                )
                conversation.add(asked, standalone, step)
            yield step

    def draft(self, question: str | None, filters: Filters | None = None) -> Draft:
        """Retrieval and composition, before the evidence gate: what the answer would quote.

        A draft without citations had no passage near enough to compose from (the relevance
        gate)."""
        started = time.perf_counter()
        text = self.speller.corrected(self.check_question(question))
        question_vector, passages = self._retrieve(text, self.settings.top_k, filters)
        is_name, is_word = self._keyword.index.used_as_name, self._keyword.index.has_term
        draft = Draft(Question.parse(text, is_name, is_word), question_vector, passages, started)
        if draft.top_score is None or (
            draft.top_score < self.settings.relevance_threshold
            and not self._names_someone_quoted(text, passages)
        ):
            return draft
        # Past the gate, passages a little under it may still hold the answer sentence;
        # the evidence check decides whether what they say covers the question.
        floor = self.settings.relevance_threshold - SUPPORTING_MARGIN
        relevant = [p for p in passages if p.score >= floor]
        if not relevant:  # past the gate only by a name, and nothing near what is asked of it
            return draft
        if self.named_documents is not None:
            relevant = self.named_documents.kept(draft.question, relevant)
        relevant = self._with_keyword_passages(relevant, text, question_vector, filters)
        parts = list(draft.question.parts)
        part_vectors = None
        if len(parts) > 1:
            # Each part ranked with its own meaning plus the whole question's (its context).
            meanings = self.embed_questions(parts)
            blended = meanings + question_vector
            blended /= np.linalg.norm(blended, axis=1, keepdims=True)
            part_vectors = [
                (Question.parse(part, is_name, is_word), vector)
                for part, vector in zip(parts, blended, strict=True)
            ]
            relevant = self._with_passages_for_each_part(relevant, parts, meanings, floor, filters)
        body, citations = compose(
            draft.question,
            question_vector,
            relevant,
            self.embed_sentences,
            part_vectors,
            model_reads_question=self.model_reads(text),
            weights=self.sentence_weights,
            items_after=self._items_after,
        )
        return replace(draft, relevant=tuple(relevant), body=body, citations=citations)

    def evidence(self, draft: Draft) -> Evidence:
        """What the gate reads of a composed draft."""
        return self.gate.evidence(
            draft.question,
            draft.citations,
            top_score=draft.top_score,
            question_vector=draft.question_vector,
            passages=draft.relevant,
        )

    def ask_stream(
        self,
        question: str | None,
        filters: Filters | None = None,
        conversation: Conversation | None = None,
    ) -> Iterator[str | Answer]:
        """Yields the LLM's text so far while it writes (if one is configured), then the Answer.

        The extractive answer is computed first in every case: its evidence check is the gate,
        and it is the fallback when the LLM fails or cites nothing that exists. In a
        `conversation`, the question is first made standalone from its earlier turns.
        """
        if conversation is not None:
            yield from self._in_conversation(question, filters, conversation)
            return
        asked = self.check_question(question)
        corrected = self.speller.corrected(asked)
        for step in self._answer_stream(corrected, filters):
            if isinstance(step, Answer) and corrected != asked:
                step = replace(step, question=asked, standalone=corrected)
            yield step

    def _answer_stream(self, question: str, filters: Filters | None) -> Iterator[str | Answer]:
        """The answer of the model that reads the question. With a multilingual model beside
        this one, a question this model cannot read is the multilingual model's; a question
        this model refused because what it names (a place, a name, a year) is not in the
        documents it found, or nothing near enough to a question that names something, may still
        be answered by the multilingual model from the documents this model cannot read (an
        English question about a Russian report), and from those alone: this model read the
        others and found no answer there. A refusal for anything else (nothing near enough to a
        question naming nothing, no number for "how many") stands: across languages the gate
        can check little, and on the development sets those fallbacks answered as many
        unanswerable questions as answerable ones. An answer this model's gate lets pass
        must pass the multilingual model's gate too (`_second_opinion`), and gives way to the
        multilingual model's answer from documents this model cannot read where that model
        places it nearer the question, or this model's answer check doubts its own answer
        (`_answered_nearer`)."""
        if (answering := self.answering(question)) is not self:
            yield from answering._answer_stream(question, filters)
            return
        other = self.multilingual
        if other is None:
            yield from self._finished(*self._decided(question, filters))
            return
        # Read from the cache by other._decided; waited for only where that follows, so a
        # refusal of this model's does not wait on the other model.
        ahead = _AHEAD.submit(other.embed_questions, [question])
        draft, verdict = self._decided(question, filters)
        if self._may_be_answered_elsewhere(draft, verdict):
            ahead.result()
            elsewhere = other._decided(question, filters)
            if self._rests_on_unread_documents(*elsewhere):
                yield from other._finished(*elsewhere)
                return
        if verdict is not None and verdict.covered:
            ahead.result()
            elsewhere = other._decided(question, filters, judge_confidence=False)
            verdict = self._second_opinion(draft, elsewhere, filters, other) or verdict
            if verdict.covered and (
                theirs := self._answered_nearer(draft, verdict, *elsewhere, other)
            ):
                yield from other._finished(elsewhere[0], theirs)
                return
        yield from self._finished(draft, verdict)

    @staticmethod
    def _may_be_answered_elsewhere(draft: Draft, verdict: Verdict | None) -> bool:
        """Whether this model's refusal may come from not reading the documents that answer:
        its gate found that the cited documents lack what the question names (a place, a
        name, a year), or nothing was near enough to a question that names something (an
        English question about a seminar whose only report is in Russian)."""
        if verdict is None:
            return bool(draft.question.names or draft.question.titles)
        return verdict.named_missing

    def _second_opinion(
        self,
        draft: Draft,
        theirs: tuple[Draft, Verdict | None],
        filters: Filters | None,
        other: Assistant,
    ) -> Verdict | None:
        """A refusal when the multilingual model, drafting the answer itself from the same
        documents, finds its draft fails its gate.

        Two models quote different sentences and read them with different embeddings, so a
        near miss one model's checks let pass is often caught by the other's (a word its
        quotes lack pulls the question away). Its draft must cite a document this answer
        cites: a refused draft from other documents says the other model's retrieval went
        astray, not that this answer is wrong; and a draft it finds nothing near enough to
        compose is no verdict (its compressed scores tell off-topic questions apart less
        well). A question of several parts is refused only when a part asked alone is
        refused too: one draft for both parts may quote one part's document only.
        """
        if SECOND_OPINION in self.settings.disabled_check_ids:
            return None
        cited = {c.passage.doc_id for c in draft.citations}

        def refusal(decided: tuple[Draft, Verdict | None]) -> Verdict | None:
            their_draft, verdict = decided
            if verdict is None or verdict.covered:
                return None
            return verdict if cited & {c.passage.doc_id for c in their_draft.citations} else None

        def part_refusal(part: str) -> Verdict | None:
            return refusal(other._decided(part, filters, judge_confidence=False))

        refused = refusal(theirs)
        if refused is not None and len(parts := draft.question.parts) > 1:
            refused = next((v for part in parts if (v := part_refusal(part))), None)
        if refused is None:
            return None
        reason = Reason("second_opinion", reason=refused.reason, check=refused.check)
        return Verdict(False, reason, SECOND_OPINION)

    def _answered_nearer(
        self,
        draft: Draft,
        ours: Verdict,
        theirs: Draft,
        their_verdict: Verdict | None,
        other: Assistant,
    ) -> Verdict | None:
        """The multilingual model's verdict on its answer, judged by its answer check, when
        that answer stands in for this one: it passed its gate, it cites only documents this
        model cannot read, its answer check does not doubt it, and either the multilingual
        model places the passage it quotes first nearer the question (`_placed_nearer`), or this
        model's answer check doubts this answer (`ours.cautious`) and the other answer does not
        restate it (`_restates`). This model answers from the look-alike it can read (an English
        note on a neighbouring rule) when the answer is in a Kazakh or Russian document; the
        multilingual model reads both and can tell them apart. A Kazakh or Russian memo that
        restates this answer's English note comes no nearer than the note does, and keeps the
        answer in the asker's language though this model's check doubts it."""
        if UNREAD_NEARER in self.settings.disabled_check_ids:
            return None
        if not self._rests_on_unread_documents(theirs, their_verdict):
            return None
        if not self._placed_nearer(draft, theirs, other) and (
            not ours.cautious or self._restates(draft, theirs, other)
        ):
            return None
        # judged last: the answer check is the costliest step, and rarely needed; the rules
        # already passed this evidence (`their_verdict`)
        judged = other.gate.confidence(other.evidence(theirs))
        return None if judged.cautious else judged

    @staticmethod
    def _placed_nearer(draft: Draft, theirs: Draft, other: Assistant) -> bool:
        """Whether the multilingual model places the passage its answer quotes first nearer
        the question than any passage of the document this answer quotes first."""
        first, our_document = theirs.citations[0].passage, draft.citations[0].passage.doc_id
        # Each model cuts its own chunks (by its own token count), so the passage this answer
        # quotes is rarely one of the multilingual store's: its document's nearest chunk there
        # stands for it.
        vector = theirs.question_vector
        only_ours = Filters(documents=frozenset({our_document}))
        nearest = other._retrievers["dense"].retrieve("", 1, only_ours, vector=vector)
        if not nearest or nearest[0].chunk_id == first.chunk_id:  # the same chunk: none nearer
            return False
        cosines = stored_cosines(other.store, [nearest[0].chunk_id, first.chunk_id], vector)
        return cosines.get(first.chunk_id, 0.0) > cosines.get(nearest[0].chunk_id, 1.0)

    @staticmethod
    def _restates(draft: Draft, theirs: Draft, other: Assistant) -> bool:
        """Whether the two answers quote one rule in two languages (the English leave note and
        the Kazakh leave memo): a quote of each is at least `RESTATED_AT` near the other, by
        the multilingual model, which reads both (docs/tuning.md)."""
        ours = [quote for c in draft.citations for quote in c.quotes]
        their = [quote for c in theirs.citations for quote in c.quotes]
        if not ours or not their:
            return False
        vectors = other.embed_sentences(ours + their)  # unit length, as the gate reads them
        return float((vectors[len(ours) :] @ vectors[: len(ours)].T).max()) >= RESTATED_AT

    def _decided(
        self, question: str, filters: Filters | None, judge_confidence: bool = True
    ) -> tuple[Draft, Verdict | None]:
        """The draft and the gate's verdict on it (None: nothing near enough to compose).
        `judge_confidence`: see `Gate.check_evidence`."""
        draft = self.draft(question, filters)
        if not draft.citations:
            return draft, None
        return draft, self.gate.check_evidence(self.evidence(draft), judge_confidence)

    def _rests_on_unread_documents(self, draft: Draft, verdict: Verdict | None) -> bool:
        """Whether the multilingual model's answer passed its gate and cites only documents in
        languages this model cannot read."""
        codes = [c.passage.language_code for c in draft.citations]
        return bool(verdict and verdict.covered and codes) and all(
            code and not self.reads(code) for code in codes
        )

    def _finished(self, draft: Draft, verdict: Verdict | None) -> Iterator[str | Answer]:
        if verdict is None:
            yield draft.refusal()
            return
        if not verdict.covered:
            notice = verdict.notice_in(draft.question.language)
            yield draft.refusal(notice, refused_by=verdict.check)
            return
        # The page must say when an answer rests on word matches alone: a Kazakh question
        # under the English model was answered, cited and highlighted like any other.
        language = draft.question.language
        notices = [unread_language(language)] if not self.reads(language) else []
        if verdict.cautious:
            notices.append(Reason("caution", p=f"{verdict.confidence:.2f}").in_language(language))
        extractive = Answer(
            draft.question.text,
            True,
            draft.body,
            draft.citations,
            seconds=time.perf_counter() - draft.started,
            top_score=draft.top_score,
            notice=" ".join(notices) or None,
            confidence=verdict.confidence,
            cautious=verdict.cautious,
        )
        if self.llm is None:
            yield extractive
            return
        yield from self._llm_answer(
            draft.question.text, list(draft.relevant), extractive, draft.started
        )

    def _llm_answer(
        self, question: str, passages: list[Passage], extractive: Answer, started: float
    ) -> Iterator[str | Answer]:
        raw = ""
        language = language_of(question)
        try:
            for raw in self.llm.stream(question, passages):
                yield raw
        except Exception as exc:  # timeouts, refused connections, HTTP errors after retries
            log.warning("LLM failed: %s", exc)
            yield replace(
                extractive,
                notice=Reason("llm_failed", error=type(exc).__name__).in_language(language),
                seconds=time.perf_counter() - started,
            )
            return
        if raw.strip().upper().startswith(NOT_COVERED_REPLY):
            yield replace(
                extractive,
                answered=False,
                text=not_covered(language, bool(passages)),
                citations=(),
                closest=closest(passages),
                notice=Reason("llm_no_answer").in_language(language),
                answerer="llm",
                seconds=time.perf_counter() - started,
            )
            return
        grounded = ground(raw, passages)
        if not grounded.citations:
            yield replace(
                extractive,
                notice=Reason("llm_no_citation").in_language(language),
                seconds=time.perf_counter() - started,
            )
            return
        caution = extractive.notice if extractive.cautious else None  # the same passages
        yield replace(
            extractive,
            text=grounded.text,
            citations=grounded.citations,
            notice=" ".join(filter(None, (grounded.notice_in(language), caution))) or None,
            answerer="llm",
            seconds=time.perf_counter() - started,
        )
