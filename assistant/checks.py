"""The checks of the evidence gate, one class per rule, each with the id its refusals carry.

Presence checks (does the cited material name what the question names?) read `Evidence.flat`,
the cited documents with their titles and dates. Answer-type checks (does a quote state the kind
of fact asked for?) read the quotes. `CHECKS` is the order the gate runs them in.
"""

from __future__ import annotations

import re

from assistant.answer_types import (
    PERSON,
    QUANTITY,
    TIME,
    asks_about_future,
    asks_for_amount,
    asks_for_date,
    asks_for_measure,
    asks_for_share,
    bound_mismatch,
    counted_words,
    gives_count,
    gives_date,
    gives_figure,
    gives_future_time,
    gives_share,
    mentions,
    names_in,
    question_type,
    states,
    years_in,
)
from assistant.gate import Check, Evidence, Lexicon
from assistant.question_shape import (
    asked_for_whom,
    asked_role,
    ending_case,
    event_topic_words,
    event_verbs,
    named_kinds,
    question_subject,
    question_verbs,
    says_who_does_it,
    spoken_about,
    spoken_of_only,
)
from assistant.tuning import VERB_THRESHOLD, WORD_PULL_LIMIT
from assistant.vocabulary import document_terms

_NEGATED = re.compile(r"^(?:un|non-?)")
Findings = dict[str, str | None]


def _missing(word: str) -> str:
    return f"no passage found mentions {word}"


class YearCheck(Check):
    """Every year the question names is in the cited material: 2024's figure is not 2026's.

    Only years: other numbers in questions mostly describe the asker's case ("3 weeks late",
    "my 17-year-old"), which the material states otherwise ("more than one month", "under 18").
    """

    id = "year"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        for year in sorted(years_in(evidence.question)):
            if not mentions(year, evidence.flat):
                return _missing(year)
        return None


class NameCheck(Check):
    """A name the corpus uses is in the cited material: the Shymkent seminar is not Karaganda's.
    A name the corpus never uses goes to the synonym check."""

    id = "name"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        for name in names_in(evidence.question):
            if name.lower() not in lexicon.stopwords and lexicon.known_but_unmentioned(
                name, evidence.flat
            ):
                return _missing(name)
        return None


class EventTopicCheck(Check):
    """What an event was about tells it from another, like its place; a place that names a
    seminar must be in a cited document's title (a report names seminars to be held later)."""

    id = "event-topic"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        for word in event_topic_words(evidence.question):
            if word.lower() in lexicon.stopwords:
                continue
            if not mentions(word, evidence.flat) or (
                word[:1].isupper() and len(word) > 3 and word.lower() not in evidence.titles
            ):
                return _missing(word)
        return None


class TopicCheck(Check):
    """What the question says was spoken about, and the branch, region or kind of work it names,
    when the corpus has the word: one branch's figures do not answer for another."""

    id = "topic"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        question = evidence.question
        for word in [*spoken_about(question), *named_kinds(question)]:
            if word not in lexicon.stopwords and lexicon.known_but_unmentioned(word, evidence.flat):
                return _missing(word)
        return None


class SubjectCheck(Check):
    """What the question's verb is said of, when the corpus has the word: a leave's length does
    not say how long a strike may last."""

    id = "subject"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        subject = question_subject(evidence.question)
        if (
            subject
            and len(subject) > 3
            and subject not in lexicon.stopwords
            and lexicon.known_but_unmentioned(subject, evidence.flat)
        ):
            return _missing(subject)
        return None


class AskedGroupCheck(Check):
    """The group or case a question ends by asking for ("for young workers", "after a merger"),
    or the documents' term for it, is in the cited material."""

    id = "asked-group"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        question = evidence.question
        ends_on = [(asked_for_whom(question), False), (ending_case(question), True)]
        for phrase, known_only in ends_on:
            if not phrase:
                continue
            head = phrase.split()[-1]
            terms = document_terms(phrase).split()
            if (
                head not in lexicon.stopwords
                and not head.endswith("ing")
                and (lexicon.known_term(head) or not known_only)
                and not mentions(head, evidence.flat)
                and not any(mentions(t, evidence.flat) for t in terms if t not in lexicon.stopwords)
            ):
                return f"no passage found speaks of {head}"
        return None


class NegatedWordCheck(Check):
    """A word the question negates by its prefix is not the word the material uses: "unpaid
    leave" is not "paid leave"."""

    id = "negated-word"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        for word in lexicon.content_words(evidence.question):
            base = _NEGATED.sub("", word)
            if (
                base != word
                and len(base) > 3
                and re.search(rf"\b{re.escape(base)}", evidence.flat)
                and not mentions(word, evidence.flat)
            ):
                return f"no passage found speaks of {word}"
        return None


class RoleCheck(Check):
    """The role a "who was the X?" question asks about is in the cited material."""

    id = "role"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        role = asked_role(evidence.question)
        if role and lexicon.known_but_unmentioned(role, evidence.flat):
            return _missing(role)
        return None


class SynonymCheck(Check):
    """Each content word the corpus never uses has a near-synonym (by the embedding model) among
    the cited material's words: "vacation" finds "leave", "maternity" finds nothing."""

    id = "synonym"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        asked = lexicon.content_words(evidence.question)
        unknown = [w for w in asked if not lexicon.known_term(w)]
        if not unknown:
            return None
        cited = f"{evidence.passages_text} {evidence.documents_text}"
        evidence_words = sorted(set(lexicon.content_words(cited)))
        if not evidence_words:
            return _missing(unknown[0])
        similarity = lexicon.vectors(unknown) @ lexicon.vectors(evidence_words).T
        verbs = question_verbs(evidence.question)
        for word, best in zip(unknown, similarity.max(axis=1), strict=True):
            floor = VERB_THRESHOLD if word in verbs else lexicon.word_threshold
            if best < floor:
                return f"no passage found speaks of {word}"
        return None


class WordPullCheck(Check):
    """A word the cited material does not use must not pull the question away from the quotes:
    without "sick", "How many days of sick leave ...?" comes much closer to annual leave."""

    id = "word-pull"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        pulls = self.pulls(evidence, lexicon)
        for word, pull in pulls.items():
            if pull > WORD_PULL_LIMIT:
                return f"no passage found speaks of {word}"
        return None

    @staticmethod
    def pulls(evidence: Evidence, lexicon: Lexicon) -> dict[str, float]:
        """For each question word the cited material lacks, how much closer to the quotes the
        question comes without it."""
        question, quotes = evidence.question, evidence.quotes
        unsaid = [w for w in lexicon.content_words(question) if not mentions(w, evidence.flat)]
        if not quotes or not unsaid:
            return {}
        shortened = [
            " ".join(re.sub(rf"\b{re.escape(word)}\b", " ", question, flags=re.I).split())
            for word in unsaid
        ]
        # The question, the quotes and every shortened question in two calls, not one per word.
        asked, *variants = lexicon.embed_questions([question, *shortened])
        quoted = lexicon.embed(quotes)
        closest = (quoted @ asked).max()
        return {
            word: float((quoted @ vector).max() - closest)
            for word, vector in zip(unsaid, variants, strict=True)
        }

    @classmethod
    def largest_pull(cls, evidence: Evidence, lexicon: Lexicon) -> float:
        return max(cls.pulls(evidence, lexicon).values(), default=0.0)


_TYPE_REASONS = {
    QUANTITY: "the passages found do not state the number asked for",
    TIME: "the passages found do not state the date or time asked for",
    PERSON: "the passages found do not name the person asked about",
}


class AskedTypeCheck(Check):
    """A quote states the kind of fact asked for: "how many" a number, "when" a time, "who" a
    person's name (or who does it, for a question about a procedure)."""

    id = "asked-type"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        kind = question_type(evidence.question)
        quotes = evidence.quotes
        if (
            kind in _TYPE_REASONS
            and not any(states(kind, q) for q in quotes)
            and not (kind == PERSON and says_who_does_it(evidence.question, quotes))
        ):
            return _TYPE_REASONS[kind]
        return None


class AmountCheck(Check):
    """A question about a budget, fine, increase or maximum gets a figure or a number."""

    id = "amount"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        question, quotes = evidence.question, evidence.quotes
        if asks_for_amount(question) and not any(gives_figure(q) for q in quotes):
            return _TYPE_REASONS[QUANTITY]
        if asks_for_measure(question) and not any(states(QUANTITY, q) for q in quotes):
            return _TYPE_REASONS[QUANTITY]
        return None


class ShareCheck(Check):
    """ "What share of ..." gets a percentage or a fraction."""

    id = "share"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        if asks_for_share(evidence.question) and not any(gives_share(q) for q in evidence.quotes):
            return "the passages found do not give the share asked for"
        return None


class BoundCheck(Check):
    """A question for the upper bound is not answered by the lower one, and the other way."""

    id = "bound"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        if bound_mismatch(evidence.question, evidence.quotes):
            return "the passages found give the other bound than the one asked for"
        return None


class DateCheck(Check):
    """ "On what date" gets a calendar date; a question about a time to come, a future time."""

    id = "date"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        question, quotes = evidence.question, evidence.quotes
        if asks_for_date(question) and not any(gives_date(q) for q in quotes):
            return "the passages found do not give the date asked for"
        if asks_about_future(question) and not any(gives_future_time(q) for q in quotes):
            return "the passages found do not say when it will be"
        return None


class EventVerbCheck(Check):
    """ "Which employers signed ...?" is not answered by quotes that only name signing as what a
    speaker spoke about."""

    id = "event-verb"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        for verb in event_verbs(evidence.question):
            if spoken_of_only(verb, evidence.quotes):
                return f"the passages found only speak of {verb} as a topic"
        return None


class CountCheck(Check):
    """ "How many lawyers ...?" is not answered by "2,000 requests": the number counts the thing."""

    id = "count"

    def refuses(self, evidence: Evidence, lexicon: Lexicon, findings: Findings) -> str | None:
        counted = counted_words(evidence.question)
        if counted and not any(gives_count(q, counted) for q in evidence.quotes):
            return f"the passages found do not say how many {' '.join(counted)}"
        return None


RULE_CHECKS: tuple[Check, ...] = (
    YearCheck(),
    NameCheck(),
    EventTopicCheck(),
    TopicCheck(),
    SubjectCheck(),
    AskedGroupCheck(),
    NegatedWordCheck(),
    RoleCheck(),
    SynonymCheck(),
    WordPullCheck(),
    AskedTypeCheck(),
    AmountCheck(),
    ShareCheck(),
    BoundCheck(),
    DateCheck(),
    EventVerbCheck(),
    CountCheck(),
)


def gate_checks(mode: str = "rules", model_id: str | None = None) -> list[Check]:
    """The checks the gate runs: the rules, the learned check, or the rules then the learned."""
    from assistant.learned_check import LearnedCheck

    if mode == "rules":
        return list(RULE_CHECKS)
    if mode == "learned":
        return [LearnedCheck.load(model_id)]
    return [*RULE_CHECKS, LearnedCheck.load(model_id)]
