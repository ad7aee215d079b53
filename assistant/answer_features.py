"""General features of an answer for the learned answer check: how well the cited material covers
the question, read the same way for any corpus and any embedding model.

Each feature is a number in a fixed order (`FEATURES`); the learned check weighs them, and
`eval/train_check.py` fits the weights. No feature names a word of a golden set: they read the
question against what the answer cites (scores, coverage of the question's words, the kind of
fact asked for, the rules' findings).
"""

from __future__ import annotations

import math

import numpy as np

from assistant.answer_types import mentions
from assistant.gate import Evidence, Lexicon, flatten
from index_store.stemming import is_cyrillic

# The rule checks whose findings are features (their ids; see assistant.checks).
RULE_FEATURES = (
    "year",
    "quoted-year",
    "event-year",
    "name",
    "unknown-name",
    "event-topic",
    "topic",
    "word-pull",
    "asked-type",
    "amount",
    "share",
    "bound",
    "count",
)
SCORE_FEATURES = (
    "top_score",  # the best passage's cosine (or its best sentence's)
    "quote_score",  # the best quote's cosine with the question
    "document_margin",  # best passage minus the best passage of another document
    "covered_by_quotes",  # share of the question's content words the quotes use
    "covered_by_passages",  # ... the cited passages use
    "covered_by_documents",  # ... the cited documents (text, title, date) use
    "unknown_to_corpus",  # share of the question's content words no chunk uses
    "nearest_unknown",  # the weakest near-synonym of an unknown word among the cited words
    "pull",  # the most the question moves toward the quotes when one unsaid word is left out
    "same_script",  # the question and the cited passage are in the same script
    "content_words",  # log(1 + number of content words)
    "rare_covered_by_quotes",  # share of the question's rarity (idf) the quotes hold
    "rare_covered_by_documents",  # ... the cited documents hold
    "rarest_missing",  # the idf of the rarest question word the cited documents lack
    "best_sentence_coverage",  # the most of the question's rarity one quote holds
    "unknown_names",  # names in the question (capitalized, not first) that no chunk uses
)
FEATURES = (*SCORE_FEATURES, *(f"rule:{r}" for r in RULE_FEATURES))


def _share_covered(words: list[str], flat: str) -> float:
    if not words:
        return 1.0
    return sum(mentions(w, flat) for w in words) / len(words)


def answer_features(
    evidence: Evidence,
    lexicon: Lexicon,
    findings: dict[str, str | None],
    skip: tuple[str, ...] = (),
) -> np.ndarray:
    """The feature vector of one answer, in the order of `FEATURES`. `skip`: features left at
    their neutral value instead of computed (only "nearest_unknown", which embeds every word
    of the cited documents: 0.3 s an answer with a cold cache)."""
    from assistant.checks import WordPullCheck

    question = evidence.question.text
    words = list(dict.fromkeys(lexicon.content_words(question)))
    quotes = evidence.quotes
    quote_score = 0.0
    if quotes and evidence.question_vector is not None:
        quote_score = float(np.max(lexicon.embed(quotes) @ evidence.question_vector))
    cited = {c.passage.doc_id for c in evidence.citations}
    top = evidence.top_score or 0.0
    other = max((p.score for p in evidence.passages if p.doc_id not in cited), default=top - 0.3)
    unknown = [w for w in words if not lexicon.known_term(w)]
    nearest = 1.0
    if unknown and "nearest_unknown" not in skip:
        cited_words = sorted(
            set(lexicon.content_words(f"{evidence.passages_text} {evidence.documents_text}"))
        )
        if cited_words:
            similarity = lexicon.vectors(unknown) @ lexicon.vectors(cited_words).T
            nearest = float(similarity.max(axis=1).min())
        else:
            nearest = 0.0
    first_cited = evidence.citations[0].passage.text if evidence.citations else ""
    same_script = is_cyrillic(question) == is_cyrillic(first_cited)
    quoted = flatten(" ".join(quotes))
    rarity = {w: lexicon.rarity(w) for w in words}
    total = sum(rarity.values()) or 1.0

    def rarity_in(flat: str) -> float:
        return sum(r for w, r in rarity.items() if mentions(w, flat)) / total

    unknown_names = [
        name
        for name in evidence.question.names
        if name.lower() not in lexicon.stopwords and not lexicon.known_term(name)
    ]
    scores = [
        top,
        quote_score,
        top - other,
        _share_covered(words, quoted),
        _share_covered(words, flatten(evidence.passages_text)),
        _share_covered(words, evidence.flat),
        len(unknown) / len(words) if words else 0.0,
        nearest,
        WordPullCheck.largest_pull(evidence, lexicon),
        float(same_script),
        math.log1p(len(words)),
        rarity_in(quoted),
        rarity_in(evidence.flat),
        max((rarity[w] for w in words if not mentions(w, evidence.flat)), default=0.0),
        max((rarity_in(flatten(q)) for q in quotes), default=0.0),
        float(len(unknown_names)),
    ]
    rules = [1.0 if findings.get(rule) else 0.0 for rule in RULE_FEATURES]
    return np.asarray([*scores, *rules], dtype=np.float64)
