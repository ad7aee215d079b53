"""The evidence gate: does what the answer quotes cover what was asked?

The relevance threshold (in `service`) refuses questions about other subjects. It cannot refuse
near misses: questions in the materials' own words about something they do not say. The gate runs
a list of checks (`assistant.checks`), each a small class with an id; the first that finds
something missing refuses, and the refusal's notice names the check and the word. Any check can be
switched off (`FEDQA_DISABLED_CHECKS`, `fedqa eval --disable-check ID`) to measure what it costs.

Presence is judged on the cited documents, not only the quoted chunks: a name, number or word
of the question counts as present when a cited document's text, title or date has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from assistant.answer import Citation, Passage
from assistant.answer_types import mentions
from assistant.question import Question
from assistant.reasons import refusal_notice
from index_store.errors import SettingsError

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# "don't", "I'm", "we'll": an auxiliary or a pronoun with its clitic, no content of its own.
_CONTRACTION = re.compile(r"(?:n['’]t|['’](?:m|re|ll|ve|d))$")


@cache
def stopwords() -> frozenset[str]:
    """Words that never carry a question's subject; built once."""
    # scikit-learn's English list (a dependency of sentence-transformers), bm25s's Russian one,
    # ours (Kazakh has no list in either), question framing and each language's question words
    # (bm25s's list lacks "сколько" and "каком": a cited document lacked them, as if a subject).
    from bm25s.stopwords import STOPWORDS_RUSSIAN
    from sklearn.feature_extraction._stop_words import ENGLISH_STOP_WORDS

    from assistant.languages import ANY

    return (
        frozenset(ENGLISH_STOP_WORDS)
        | frozenset(STOPWORDS_RUSSIAN)
        | ANY.stopwords
        | ANY.frame_words
        | ANY.question_words
    )


def flatten(text: str) -> str:
    """Lower case, no thousands commas, single spaces: the form `mentions` searches."""
    return " ".join(text.lower().replace(",", "").split())


@dataclass(frozen=True)
class Verdict:
    """The gate's decision; `check` names the check that refused it, `reason` says why."""

    covered: bool
    reason: str | None = None
    check: str | None = None
    named_missing: bool = False  # the refusing check's `names_missing`
    # A passed answer's probability, by the learned answer check, that its evidence answers;
    # under the check's `caution_below` the answer is given with a caution. None: not judged.
    confidence: float | None = None
    cautious: bool = False

    def notice_in(self, code: str) -> str:
        """The notice in the language `code`: a Kazakh question is told why in Kazakh."""
        return refusal_notice(self.reason or "", self.check or "", code)


@dataclass
class Evidence:
    """What one answer cites, in the forms the checks read; computed once per answer."""

    question: Question
    citations: tuple[Citation, ...]
    documents_text: str = ""  # the cited documents' whole text, where the store can give it
    top_score: float | None = None  # the best passage's score, as the relevance gate read it
    question_vector: np.ndarray | None = None
    passages: tuple[Passage, ...] = ()  # every passage the answer was composed from
    openings: str = ""  # each cited document's title and opening sentence, where known

    @cached_property
    def passages_text(self) -> str:
        return " ".join(
            f"{c.passage.title} {c.passage.date or ''} {c.passage.text}" for c in self.citations
        )

    @cached_property
    def flat(self) -> str:
        """The cited passages, their titles and dates, and their documents, flattened."""
        return flatten(f"{self.passages_text} {self.documents_text}")

    @cached_property
    def quotes(self) -> list[str]:
        return [q for c in self.citations for q in c.quotes if q not in c.context]

    @cached_property
    def across_languages(self) -> bool:
        """Whether every cited document is in another language than the question: a word of
        the question cannot be looked for in them by its spelling, only a name (in any script)."""
        codes = {c.passage.language_code for c in self.citations}
        return bool(codes) and "" not in codes and self.question.language not in codes

    @cached_property
    def titles(self) -> str:
        return " ".join(c.passage.title for c in self.citations).lower()


def _opening(text: str) -> str:
    """A document's heading (its title) and the sentence after it ("On 22 May 2024 the
    Atyrau association held a seminar in Atyrau"), which says where its event took place; the
    next sentences name where others were held ("It continued the Karaganda seminar")."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    title = lines.pop(0) if lines and lines[0].startswith("#") else ""
    body = " ".join(line for line in lines if not line.startswith("#"))
    first = re.match(r".+?[.!?](?=\s|$)", body)
    return f"{title} {first.group(0) if first else body[:300]}".lower()


class Lexicon:
    """What the checks know about words: the corpus's terms, stopwords and the model's vectors."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        known_term: Callable[[str], bool],
        embed_words: Callable[[list[str]], np.ndarray] | None = None,
        embed_questions: Callable[[list[str]], np.ndarray] | None = None,
        rarity: Callable[[str], float] | None = None,
        reads: Callable[[str], bool] | None = None,
        spread: float = 1.0,
        trusts: Callable[[str], bool] | None = None,
        corpus_languages: Callable[[], frozenset[str]] | None = None,
    ) -> None:
        """`embed` embeds passages' text; `embed_words` single words and `embed_questions`
        questions, where the model tells them apart (default: `embed`). `rarity`: a word's
        inverse document frequency in the corpus. `reads`: whether the model was trained on a
        language (by code); default every one. `spread`: the model's spread of scores against
        the one the gate's limits were fitted on (a difference of scores scales by it).
        `trusts`: whether a question in a language may pass on similarity alone, with no word
        of it in the cited documents; default `reads` (see UnreadWordsCheck).
        `corpus_languages`: the codes of the languages the corpus's documents are in."""
        self.spread = spread
        self.rarity = rarity or (lambda word: 1.0)
        self.reads = reads or (lambda language: True)
        self.trusts = trusts or self.reads
        self.corpus_languages = corpus_languages or (lambda: frozenset())
        self.embed = embed
        self.embed_words = embed_words or embed
        self.embed_questions = embed_questions or embed
        self.known_term = known_term
        self.stopwords = stopwords()
        self._word_vectors: dict[str, np.ndarray] = {}

    def content_words(self, text: str) -> list[str]:
        words = [w.strip("'’-").lower() for w in _WORD.findall(text)]
        return [
            w
            for w in words
            if len(w) > 2 and w not in self.stopwords and not _CONTRACTION.search(w)
        ]

    def known_but_unmentioned(self, word: str, flat: str) -> bool:
        """A word the corpus uses that the evidence does not. A word the corpus never uses
        (a typo, a synonym) is no evidence either way here."""
        return self.known_term(word) and not mentions(word, flat)

    def vectors(self, words: list[str]) -> np.ndarray:
        missing = [w for w in dict.fromkeys(words) if w not in self._word_vectors]
        if missing:
            for word, vector in zip(missing, self.embed_words(missing), strict=True):
                self._word_vectors[word] = vector
        return np.stack([self._word_vectors[w] for w in words])


class Check:
    """One rule of the gate. `refuses` returns the reason it refuses, or None when it passes."""

    id: str = ""
    # Whether its refusal says the cited documents lack what the question names (a name, a
    # place, a year): the answer may then be in a document the model could not find.
    names_missing: bool = False

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        raise NotImplementedError


class Gate:
    """Runs the checks in order; the first refusal decides."""

    def __init__(
        self,
        lexicon: Lexicon,
        checks: Sequence[Check] | None = None,
        disabled: Iterable[str] = (),
        document_text: Callable[[Iterable[str]], str] | None = None,
        model_id: str | None = None,
        caution: bool = False,
    ) -> None:
        """`checks`: the rules (`assistant.checks.RULE_CHECKS`) unless given. `caution`: judge
        a passed answer's confidence with the model's learned answer check."""
        from assistant.checks import RULE_CHECKS
        from assistant.learned_check import LearnedCheck

        self.lexicon = lexicon
        all_checks = list(checks if checks is not None else RULE_CHECKS)
        unknown = set(disabled) - set(check_ids())
        if unknown:
            raise SettingsError(
                f"FEDQA_DISABLED_CHECKS (or --disable-check) names unknown check id(s): "
                f"{', '.join(sorted(unknown))}; the checks are {', '.join(check_ids())}"
            )
        self.checks = [c for c in all_checks if c.id not in set(disabled)]
        self.rules = RULE_CHECKS
        self._document_text = document_text
        self.cautioning = LearnedCheck.for_caution(model_id) if caution and model_id else None

    def evidence(
        self, question: Question | str, citations: tuple[Citation, ...], **scores: object
    ) -> Evidence:
        """`scores`: top_score, question_vector, passages (the learned check reads them)."""
        documents, openings = "", ""
        if self._document_text is not None:
            # Each document read once: the whole text, and its opening from the same string.
            texts = [
                self._document_text([doc])
                for doc in dict.fromkeys(c.passage.doc_id for c in citations)
            ]
            documents = "\n".join(text for text in texts if text)
            openings = " ".join(_opening(text) for text in texts)
        return Evidence(Question.of(question), citations, documents, openings=openings, **scores)  # type: ignore[arg-type]

    def findings(self, evidence: Evidence) -> dict[str, str | None]:
        """Every rule check's result, enabled or not: features of the learned answer check's
        training rows (`eval/train_check.py`)."""
        return {rule.id: rule.refuses(evidence, self.lexicon) for rule in self.rules}

    def check(
        self, question: Question | str, citations: tuple[Citation, ...], **scores: object
    ) -> Verdict:
        return self.check_evidence(self.evidence(question, citations, **scores))

    def check_evidence(self, evidence: Evidence, judge_confidence: bool = True) -> Verdict:
        """The first refusal of the checks; a passed answer's confidence too, when the caution
        is on and `judge_confidence` (a second opinion needs only the refusal)."""
        for check in self.checks:
            reason = check.refuses(evidence, self.lexicon)
            if reason:
                return Verdict(False, reason, check.id, check.names_missing)
        return self.confidence(evidence) if judge_confidence else Verdict(True)

    def confidence(self, evidence: Evidence) -> Verdict:
        """The passing verdict on `evidence` that every check already let pass, with its
        confidence when the caution is on."""
        if self.cautioning is None:
            return Verdict(True)
        # The learned check refuses too many answerable questions to refuse (docs/answers.md),
        # but it tells readers which answers to read twice.
        p = float(self.cautioning.probability(evidence, self.lexicon))
        below = self.cautioning.weights.caution_below
        return Verdict(True, confidence=p, cautious=below is not None and p < below)


# The id of the second model's verdict (`Assistant._second_opinion`): with a multilingual model
# beside the main one, an answer stands only where its own gate lets it pass too.
SECOND_OPINION = "second-opinion"
# The id of the stage that lets the second model's answer from documents the main model cannot
# read replace the main model's (`Assistant._answered_nearer`), switched off like a rule.
UNREAD_NEARER = "unread-nearer"
# The id of the stage that keeps to the documents naming the question's names
# (`assistant.named_documents`), switched off like a rule for an ablation.
NAMED_DOCUMENTS = "named-documents"
# The id of the stage that keeps a conversation's follow-up to the previous answer's documents
# (`assistant.conversation.PreviousDocuments`), switched off like a rule for an ablation.
PREVIOUS_DOCUMENTS = "previous-documents"


def check_ids() -> list[str]:
    """Every check's id: the rules, the second model's and the stages that keep to the named
    documents and to a conversation's documents."""
    from assistant.checks import RULE_CHECKS

    return [c.id for c in RULE_CHECKS] + [
        SECOND_OPINION,
        UNREAD_NEARER,
        NAMED_DOCUMENTS,
        PREVIOUS_DOCUMENTS,
    ]
