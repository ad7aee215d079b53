"""The default answerer: quote the retrieved sentences that answer the question, and cite them.

It never writes a word of its own into the answer body, so every statement is verbatim from a
passage and carries that passage's `[n]`. Sentences are ranked by general features
(SENTENCE_FEATURES: the embedding similarity, the question's rarer words and phrases, the kind of
fact asked for, the document's title), weighed by hand or by a learned ranker, and the answer is
narrowed to the best sentence's document (see _chosen).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from assistant.answer import Citation, Passage
from assistant.answer_types import (
    OTHER,
    counts,
    mentions,
    states,
)
from assistant.languages import ANY
from assistant.question import Question
from assistant.question_shape import question_verbs, stemmer
from assistant.tuning import (
    CONTEXT_SENTENCES,
    HAND_SENTENCE_WEIGHTS,
    KEEP_WITHIN,
    RARE_VERB_SENTENCES,
    UNREAD_SIMILARITY_WEIGHT,
)
from assistant.vocabulary import with_document_terms
from index_store.sentences import items_announced_within, reflowed, sentences_and_leads
from index_store.transliteration import named_in

MAX_SENTENCES = 3
LIST_ITEMS = 6  # at most this many items are quoted after a sentence that announces a list
PART_SENTENCES = 2  # per part of a multi-part question
_WORD = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = ANY.stopwords


@dataclass(frozen=True)
class _Candidate:
    rank: int
    index: int
    text: str
    passage: Passage
    # A mended sentence's first piece ("... based on the Message of the President K.K."): it
    # matches a question better than the whole with the name, date and quoted title after it.
    lead: str | None = None


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning, so "addressed" meets "address"."""
    return set(_content_sequence(text))


@lru_cache(maxsize=50_000)
def _content_sequence(text: str) -> tuple[str, ...]:
    """The stemmed content words of `text` in order; cached, as the same passages' sentences
    come back for question after question and stemming them was a tenth of answering."""
    stem = stemmer().stemWord
    words = _WORD.findall(text.lower())
    return tuple(stem(w) for w in words if w not in _STOPWORDS and len(w) > 1)


_PHRASE_BREAK = re.compile(r"[,;:.!?()\[\]\"\u201c\u201d\u00ab\u00bb\u2014\u2013]")


def content_pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring content words ("chairman fturk" in "the Chairman of the FTURK"): a sentence
    that keeps the question's phrase is about the same thing, not one that has both words apart
    ("Deputy Chairman of the Federation ..., Chairman of the Branch Trade Union")."""
    pairs: set[tuple[str, str]] = set()
    for phrase in _PHRASE_BREAK.split(text):  # "a conciliation commission, formed of ..."
        sequence = _content_sequence(phrase)
        pairs.update(zip(sequence, sequence[1:], strict=False))
    return pairs


MIN_WORDS = 5


def _normalized(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower()))


def _leans_on_previous(sentence: str) -> bool:
    """A sentence that opens on a pronoun or a connective ("He noted that ...", "Therefore, ...")
    finishes the thought of the one before, and is ranked and quoted with it."""
    return any(w in ANY.leans_on_previous for w in _WORD.findall(sentence.lower())[:3])


@lru_cache(maxsize=1)
def _question_word_stems() -> frozenset[str]:
    from assistant.languages import LANGUAGES

    return frozenset(content_words(" ".join(m.QUESTION_WORDS for m in LANGUAGES.values())))


def leans_on_the_whole(part: Question) -> bool:
    """Whether a part of a multi-part question has no subject of its own ("By what year?", "and
    how many were selected?", "К какому году?"): at most one content word besides its question
    words. It asks about what the first part named, so it is answered from the documents the
    parts before it were; ranked alone, it takes whichever document states a year."""
    return len(content_words(part.text) - _question_word_stems()) <= 1


def sentences_of(passage: Passage) -> list[str]:
    """The sentences of `passage` that an answer may quote."""
    return [candidate.text for candidate in _candidates([passage])]


def _candidates(passages: list[Passage]) -> list[_Candidate]:
    seen: set[str] = set()
    found = []
    for rank, passage in enumerate(passages):
        paragraphs = reflowed(passage.text)
        sentences = sentences_and_leads(passage.text)
        for index, (sentence, lead) in enumerate(sentences):
            if index and _leans_on_previous(sentence):
                joined = f"{sentences[index - 1][0]} {sentence}"
                # Still a verbatim quote, and within one paragraph, where the chat marks it.
                if any(joined in paragraph for paragraph in paragraphs):
                    sentence = joined
            key = _normalized(sentence)
            if len(key.split()) < MIN_WORDS or key in seen:
                continue
            seen.add(key)
            short = lead if lead != sentence and len(lead.split()) >= MIN_WORDS else None
            found.append(_Candidate(rank, index, sentence, passage, short))
    return found


@dataclass(frozen=True)
class _Pool:
    """The candidate sentences of one answer, read once for every part of the question: each
    sentence's content words and word pairs, the words' weights among them (_word_weights), and
    each passage's flattened text (lower case, no commas), and each document's title words."""

    candidates: list[_Candidate]
    words: list[set[str]]
    pairs: list[set[tuple[str, str]]]
    weights: dict[str, float]
    flat: dict[str, str]
    titles: dict[str, set[str]]
    title_similarity: np.ndarray  # each sentence's, from _title_similarity

    @classmethod
    def of(
        cls, candidates: list[_Candidate], flat: dict[str, str], title_similarity: np.ndarray
    ) -> _Pool:
        words = [content_words(c.text) for c in candidates]
        pairs = [content_pairs(c.text) for c in candidates]
        titles = {c.passage.doc_id: c.passage.title for c in candidates}
        title_words = {doc_id: content_words(title) for doc_id, title in titles.items()}
        return cls(
            candidates, words, pairs, _word_weights(words), flat, title_words, title_similarity
        )


def _word_weights(candidate_words: list[set[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each word among the candidate sentences.

    The retrieved passages all share the question's topic words ("conciliation commission"), so
    sharing them says little about which sentence answers; the word that appears in one sentence
    only ("basis", "trainer", "focused") is the one that picks it out. BM25 weighs words over the
    whole corpus, which ranks passages; here the weights must separate sentences of the same few
    passages, so they are counted over those sentences."""
    total = len(candidate_words)
    frequency: dict[str, int] = {}
    for words in candidate_words:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    return {word: math.log(1 + total / count) for word, count in frequency.items()}


def _lexical_overlap(asked: set[str], words: set[str], weights: dict[str, float]) -> float:
    """The weighted share of the question's words that a sentence has. A question word that no
    candidate has weighs more than the rarest word any has: it is what the passages lack, so it
    lowers every sentence's share alike."""
    unseen = math.log(1 + 2 * max(len(weights), 1))
    total = sum(weights.get(word, unseen) for word in asked)
    return sum(weights.get(word, unseen) for word in asked & words) / total if total else 0.0


# "Who were the two trainers ...": the count is not what the person did or is.
_COUNT_WORDS = content_words("two three four five both several")


def _who_predicate(question: str) -> str | None:
    """What a "who" question says the person did or is ("welcomed", "moderated", "chairs",
    "trainer" in "Who was the trainer"), stemmed: the sentence that says it of someone names
    the person asked for, while the seminar's other sentences name other people."""
    match = ANY.who.match(question)
    if not match:
        return None
    words = [w for w in _content_sequence(match.group(1)) if w not in _COUNT_WORDS]
    return words[0] if words else None


_WHAT_DID = re.compile(
    r"^\s*what\s+(?:did|does|do|will)\s+.*?([^\W\d_]+)"
    r"(?:\s+(?:on|about|of|for|with|to|in|at))?\s*\?*\s*$",
    re.IGNORECASE,
)


def _what_did_verb(question: str) -> str | None:
    """The stemmed word that ends a "what did X ...?" question, before any preposition:
    "focus" in "What did the seminar on conciliation procedures focus on?", "cover" in "What
    did the oil-industry seminar cover?". The rest of such a question names X, and the sentence
    that restates X best ("A seminar on conciliation procedures ... was held in Atyrau") says
    nothing of what was asked. Without a tagger the last word may be a noun ("... speak about
    at the oil seminar?"): see _rare_in."""
    match = _WHAT_DID.match(question)
    words = _content_sequence(match.group(1)) if match else []
    return words[0] if words else None


_AFTER_A_VERB = frozenset(
    "over about on in at with for to from into against of the a an their its his her".split()
)


def _inverted_verb(question: str) -> str | None:
    """The stemmed verb after the subject of a "what did X ...?" question that goes on after it:
    "vote" in "What did the delegates vote on at the spring conference?", whose last word,
    "conference", is no verb."""
    if not _WHAT_DID.match(question):
        return None
    for verb in question_verbs(question):
        # A verb is followed by a preposition or an article, not by another word of a noun
        # phrase: "will the single electronic membership card allow ..." gives "electronic".
        after = re.search(rf"\b{re.escape(verb)}\s+(\w+)", question, re.IGNORECASE)
        if after and after.group(1).lower() in _AFTER_A_VERB:
            stems = _content_sequence(verb)
            return stems[0] if stems else None
    return None


def _rare_in(word: str | None, pool: _Pool) -> str | None:
    """`word`, when at most RARE_VERB_SENTENCES candidate sentences have it. A noun that ends a
    "what did" question is the seminar's subject, which many sentences share: left out."""
    if word is None or sum(word in w for w in pool.words) > RARE_VERB_SENTENCES:
        return None
    return word


# The columns of `sentence_features`, in order. Their weights: `assistant.tuning.SENTENCE_WEIGHTS`
# (written by hand) or a learned ranker's (`python -m eval.train_check`).
SENTENCE_FEATURES = (
    "similarity",  # the model's cosine with the question (or with the sentence's lead)
    "shared_words",  # the question's content words in the sentence, weighted by rarity
    "shared_pairs",  # the question's word pairs kept together in the sentence
    "states_type",  # it states the kind of fact asked for (a number for "how many")
    "counts_asked",  # its number counts what "how many" asks about
    "specific_terms",  # share of the question's numbers and names (in any script) its passage has
    "who_predicate",  # it has what a "who" question says was done
    "asked_verb",  # it has the verb that ends a "what did X ...?" question (a rare one)
    "other_year",  # its document is dated to another year than the question names
    "title_words",  # the question's words in its document's title, weighted by rarity
    "passage_score",  # its passage's score
    "passage_rank",  # its passage's rank among those read (0 first)
    "opening",  # it opens its document
    "length",  # log of its number of words
    "other_language",  # its document is in another language than the question
    "similarity_other_language",  # the similarity again, for a sentence in another language
    # its cosine with its document's title, less the most any sentence of that document has:
    # 0 for the sentence that restates the topic (a guide's opening lines), below 0 for the rest
    "title_similarity",
)


def _dated_otherwise(passage: Passage, asked_years: set[str]) -> bool:
    """Whether the question names a year and the passage's document is dated to another: the
    address of 2022 does not answer for the one of 2024. The document's date, not the sentence's
    years: the 2018 address that raised the wage "from January 1, 2019" still answers for 2018."""
    return bool(asked_years and passage.date and passage.date[:4] not in asked_years)


def sentence_features(question: Question, similarity: np.ndarray, pool: _Pool) -> np.ndarray:
    """One row per candidate sentence, the columns of SENTENCE_FEATURES: general signals of
    whether the sentence answers the question."""
    text = question.text
    asked = content_words(with_document_terms(text))
    asked_pairs = content_pairs(text)
    kind, counted, asked_years = question.kind, list(question.counted), question.years
    language = question.language
    specific = [*question.numbers, *question.names, *question.titles, *question.months]
    names = {*question.names, *question.titles}
    predicate = _who_predicate(text)
    ending = _what_did_verb(text)
    verb = _rare_in(ending, pool) or _rare_in(_inverted_verb(text), pool)
    rows = []
    for candidate, words, pairs, sim, title_sim in zip(
        pool.candidates, pool.words, pool.pairs, similarity, pool.title_similarity, strict=True
    ):
        # Across languages the words cannot match, so the similarity must carry more of the
        # choice: a weight of its own lets the ranker learn how much more.
        code = candidate.passage.language_code
        across = bool(code) and code != language
        specific_share = 0.0
        if specific:
            # The answer to "the address of September 2, 2024" comes from a passage that says so;
            # a name counts in any script, as in the gate ("Taraz" in "Семинар в Таразе").
            flat = pool.flat[candidate.passage.chunk_id]
            specific_share = sum(
                mentions(term, flat) or (term in names and named_in(term, flat))
                for term in specific
            ) / len(specific)
        rows.append(
            [
                float(sim),
                _lexical_overlap(asked, words, pool.weights),
                len(asked_pairs & pairs) / len(asked_pairs) if asked_pairs else 0.0,
                float(kind != OTHER and states(kind, candidate.text)),
                float(bool(counted) and counts(candidate.text, counted)),
                specific_share,
                float(bool(predicate) and predicate in words),
                float(bool(verb) and verb in words),
                float(_dated_otherwise(candidate.passage, asked_years)),
                _lexical_overlap(asked, pool.titles[candidate.passage.doc_id], pool.weights),
                float(candidate.passage.score),
                float(candidate.rank),
                float(candidate.passage.position == 0 and candidate.index == 0),
                float(np.log1p(len(candidate.text.split()))),
                float(across),
                float(sim) * across,
                float(title_sim),
            ]
        )
    return np.asarray(rows, dtype=np.float64).reshape(len(pool.candidates), len(SENTENCE_FEATURES))


def _scores(
    question: Question, similarity: np.ndarray, pool: _Pool, weights: np.ndarray | None = None
) -> list[float]:
    """How well each candidate sentence answers `question`: its features, weighed (by hand
    unless a learned ranker's `weights` are given)."""
    if weights is None:
        weights = np.asarray(HAND_SENTENCE_WEIGHTS)
    return (sentence_features(question, similarity, pool) @ weights).tolist()


def _chosen(
    question: Question,
    similarity: np.ndarray,
    pool: _Pool,
    limit: int,
    weights: np.ndarray | None = None,
    documents: set[str] | None = None,
    keep_within: float = KEEP_WITHIN,
    scores: list[float] | None = None,
) -> list[int]:
    """Indices of the candidate sentences that answer `question`, best first; from `documents`
    only, when given. `scores`: the candidates' scores, when already computed."""
    candidates = pool.candidates
    if scores is None:
        scores = _scores(question, similarity, pool, weights)
    order = sorted(range(len(candidates)), key=lambda i: scores[i], reverse=True)
    if documents is not None:
        order = [i for i in order if candidates[i].passage.doc_id in documents]
    best = scores[order[0]]
    best_document = candidates[order[0]].passage.doc_id

    eligible = [i for i in order if scores[i] >= best - keep_within]
    # The best sentence's document alone, unless the question asks across documents
    # ("compare", "both", "which seminars"): a sentence that scores nearly as well in another
    # document is far more often a look-alike (the other seminar) than a second source
    # (docs/answers.md). Narrowed before taking the best few, which a look-alike would crowd.
    if not question.across_documents:
        eligible = [i for i in eligible if candidates[i].passage.doc_id == best_document]
    return eligible[:limit]


def _context(
    chosen: list[int],
    question: Question,
    similarity: np.ndarray,
    pool: _Pool,
    weights: np.ndarray | None,
    scores: list[float] | None = None,
) -> list[int]:
    """The answering document's best sentences that `chosen` left out (up to CONTEXT_SENTENCES
    in all), quoted after them as context. The answer's own sentences are bounded by their gap to
    the best one; the sentence that answers is often the second, third or fourth of its document
    (the best restates the question), so it is quoted, but the gate judges `chosen` alone, since a
    longer quote would satisfy checks a near miss should fail."""
    documents = {pool.candidates[i].passage.doc_id for i in chosen}
    wide = _chosen(
        question, similarity, pool, CONTEXT_SENTENCES, weights, keep_within=math.inf, scores=scores
    )
    return [i for i in wide if i not in chosen and pool.candidates[i].passage.doc_id in documents]


def _title_of(passage: Passage) -> str:
    return passage.title or passage.doc_id


def _title_similarity(
    candidates: list[_Candidate], vectors: np.ndarray, title_vectors: dict[str, np.ndarray]
) -> np.ndarray:
    """Each sentence's cosine with its document's title, less the most that any sentence of its
    document has. Within a document it marks what restates the topic; measured from each
    document's own best, it leaves the choice between look-alike documents alone."""
    similarity = np.asarray(
        [v @ title_vectors[_title_of(c.passage)] for c, v in zip(candidates, vectors, strict=True)],
        dtype=np.float64,
    )
    nearest: dict[str, float] = {}
    for candidate, value in zip(candidates, similarity, strict=True):
        doc_id = candidate.passage.doc_id
        nearest[doc_id] = max(nearest.get(doc_id, -1.0), float(value))
    return similarity - np.asarray([nearest[c.passage.doc_id] for c in candidates])


def _prepare(
    passages: list[Passage],
    embed: Callable[[list[str]], np.ndarray],
    model_reads_question: bool,
) -> tuple[_Pool, Callable[[np.ndarray], np.ndarray]] | None:
    """The candidate sentences of `passages`, read once, and their similarity to a vector."""
    candidates = _candidates(passages)
    if not candidates:
        return None
    # Titles go in the same model call as the sentences (they are few, and cached after).
    titles = list(dict.fromkeys(_title_of(c.passage) for c in candidates))
    every = embed([c.text for c in candidates] + titles)
    vectors = every[: len(candidates)]
    title_vectors = dict(zip(titles, every[len(candidates) :], strict=True))
    title_similarity = _title_similarity(candidates, vectors, title_vectors)
    with_lead = [i for i, c in enumerate(candidates) if c.lead]
    lead_vectors = embed([candidates[i].lead for i in with_lead]) if with_lead else None

    def similarity(question_vector: np.ndarray) -> np.ndarray:
        scores = vectors @ np.asarray(question_vector, dtype=np.float32)
        if lead_vectors is not None:
            leads = lead_vectors @ np.asarray(question_vector, dtype=np.float32)
            scores[with_lead] = np.maximum(scores[with_lead], leads)
        return scores if model_reads_question else scores * UNREAD_SIMILARITY_WEIGHT

    flat = {  # once per passage, not per sentence
        p.chunk_id: " ".join(f"{p.title} {p.date or ''} {p.text}".lower().replace(",", "").split())
        for p in passages
    }
    return _Pool.of(candidates, flat, title_similarity), similarity


def sentence_table(
    question: Question,
    question_vector: np.ndarray,
    passages: list[Passage],
    embed: Callable[[list[str]], np.ndarray],
    model_reads_question: bool = True,
) -> tuple[list[Passage], list[str], np.ndarray]:
    """Every candidate sentence of `passages` with its passage and its features: what a learned
    sentence ranker is trained on (`eval/train_check.py`)."""
    prepared = _prepare(passages, embed, model_reads_question)
    if prepared is None:
        return [], [], np.zeros((0, len(SENTENCE_FEATURES)))
    pool, similarity = prepared
    features = sentence_features(question, similarity(question_vector), pool)
    return [c.passage for c in pool.candidates], [c.text for c in pool.candidates], features


def compose(
    question: Question,
    question_vector: np.ndarray,
    passages: list[Passage],
    embed: Callable[[list[str]], np.ndarray],
    parts: list[tuple[Question, np.ndarray]] | None = None,
    model_reads_question: bool = True,
    weights: np.ndarray | None = None,
    items_after: Callable[[Passage], list[str]] | None = None,
) -> tuple[str, tuple[Citation, ...]]:
    """The answer text with `[n]` after every sentence, and the citations it points to.

    `parts`: the sub-questions of a multi-part question with their vectors; each gets its own
    sentences (at most PART_SENTENCES), so the second fact is not crowded out by the first.
    `model_reads_question`: False when the question's language is not one the model was trained
    on; its similarities then count UNREAD_SIMILARITY_WEIGHT. `weights`: a learned sentence
    ranker's, in the order of SENTENCE_FEATURES (default: the hand weights). `items_after`: the
    items of the list a passage announces at its end, which the chunker left in the next chunk;
    they are quoted after the announcement, and the citation's passage shows them.
    """
    prepared = _prepare(passages, embed, model_reads_question)
    if prepared is None:
        return "", ()
    pool, similarity = prepared
    candidates = pool.candidates
    whole = similarity(question_vector)
    scores = _scores(question, whole, pool, weights)
    if parts:
        chosen: list[int] = []
        for part, part_vector in parts:
            documents = None
            if chosen and leans_on_the_whole(part):
                documents = {candidates[i].passage.doc_id for i in chosen}
            for i in _chosen(
                part, similarity(part_vector), pool, PART_SENTENCES, weights, documents
            ):
                if i not in chosen:
                    chosen.append(i)
    else:
        chosen = _chosen(question, whole, pool, MAX_SENTENCES, weights, scores=scores)
    context = _context(chosen, question, whole, pool, weights, scores)
    # a context sentence that holds a chosen one ("A B", B leaning on A) is judged as chosen
    context = [
        i for i in context if not any(candidates[j].text in candidates[i].text for j in chosen)
    ]
    judged = {candidates[i].text for i in chosen}  # what the gate reads, wherever quoted
    chosen = chosen + context
    chosen = [  # "A" next to "A B" (B leaning on A) would say A twice
        i
        for i in chosen
        if not any(j != i and candidates[i].text in candidates[j].text for j in chosen)
    ]
    listed_after: dict[int, list[str]] = {}  # items the passage lacks, from the next chunk
    listed_within: dict[int, list[str]] = {}  # items further down the passage itself
    for i in chosen:
        if candidates[i].text.rstrip().endswith(":"):
            within = items_announced_within(
                candidates[i].passage.text, candidates[i].text, LIST_ITEMS
            )
            if within:
                listed_within[i] = within
            elif items_after:
                listed_after[i] = items_after(candidates[i].passage)
    quoted_in_lists = {
        item
        for listed in (listed_after, listed_within)
        for items in listed.values()
        for item in items
    }
    # an item already quoted after its announcement is not quoted again under its own chunk
    chosen = [i for i in chosen if candidates[i].text not in quoted_in_lists]
    # The best sentence first: a reader takes the first sentence for the answer. Then its
    # passage and the others in the order of their best sentence, each in the document's order.
    passage_order: dict[int, int] = {}
    for i in chosen:
        passage_order.setdefault(candidates[i].rank, len(passage_order))
    chosen = chosen[:1] + sorted(
        chosen[1:], key=lambda i: (passage_order[candidates[i].rank], candidates[i].index)
    )

    numbers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    in_context: dict[str, list[str]] = {}
    sentences = []
    by_id = {c.passage.chunk_id: c.passage for c in candidates}
    for i in chosen:
        candidate = candidates[i]
        key = candidate.passage.chunk_id
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            quotes[key] = []
            in_context[key] = []
        said = [candidate.text, *listed_within.get(i, [])]
        items = listed_after.get(i)
        if items:
            said += items
            listed = "\n".join(f"- {item}" for item in items)
            by_id[key] = replace(by_id[key], text=f"{by_id[key].text}\n\n{listed}")
        quotes[key].extend(said)
        if i in context:  # a list item the answer chose stays judged under its announcement
            in_context[key].extend(text for text in said if text not in judged)
        sentences.extend(f"{text} [{numbers[key]}]" for text in said)
    citations = tuple(
        Citation(n, by_id[chunk_id], tuple(quotes[chunk_id]), tuple(in_context[chunk_id]))
        for chunk_id, n in numbers.items()
    )
    return " ".join(sentences), citations
