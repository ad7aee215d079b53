"""The checks of the evidence gate, one class per rule, each with the id its refusals carry.

Presence checks (does the cited material name what the question names?) read `Evidence.flat`,
the cited documents with their titles and dates. Answer-type checks (does a quote state the kind
of fact asked for?) read the quotes. `CHECKS` is the order the gate runs them in.
"""

from __future__ import annotations

import difflib
import re

from assistant.answer_types import (
    PERSON,
    QUANTITY,
    TIME,
    bound_mismatch,
    gives_count,
    gives_figure,
    gives_share,
    mentions,
    states,
    states_unit,
    stem_mentioned,
    years_in,
)
from assistant.gate import Check, Evidence, Lexicon
from assistant.languages import ANY, language_named, months_named
from assistant.question_shape import (
    event_topic_words,
    named_kinds,
    says_who_does_it,
    spoken_about,
)
from assistant.reasons import Reason
from assistant.tuning import UNREAD_MISSING_SHARE, WORD_PULL_LIMIT
from index_store.transliteration import named_in


def _missing(word: str) -> Reason:
    return Reason("missing", word=word)


class YearCheck(Check):
    """Every year the question names is in the cited material: 2024's figure is not 2026's.

    Only years: other numbers in questions mostly describe the asker's case ("3 weeks late",
    "my 17-year-old"), which the material states otherwise ("more than one month", "under 18").
    """

    id = "year"
    names_missing = True

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        for year in sorted(evidence.question.years):
            if not mentions(year, evidence.flat):
                return _missing(year)
        return None


class QuotedYearCheck(Check):
    """The quotes that state a year state the asked one: "in 2023 the enterprises concluded 34
    agreements" does not answer for 2022, even where the document mentions 2022 elsewhere (which
    satisfies the year check). A quote that says "this year" ("биыл", "в этом году") states its
    document's year. The cited document's own date or title year counts as asked-of: a 2019
    address announces what happens in 2020."""

    id = "quoted-year"
    names_missing = True

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        asked = {int(y) for y in evidence.question.years}
        quoted = {int(y) for quote in evidence.quotes for y in years_in(quote)}
        quoted |= {  # "this year" in a quote: the year its document is dated
            int(c.passage.date[:4])
            for c in evidence.citations
            if (c.passage.date or "")[:4].isdigit()
            and any(ANY.this_year.search(q) for q in c.quotes if q not in c.context)
        }
        if not asked or not quoted or asked & quoted:
            return None
        if any(min(quoted) < year < max(quoted) for year in asked):  # "from 2022 to 2025"
            return None
        dated = " ".join(f"{c.passage.title} {c.passage.date or ''}" for c in evidence.citations)
        if asked & {int(y) for y in years_in(dated)}:
            return None
        said = ", ".join(str(y) for y in sorted(quoted))
        return Reason("other_years", said=said, asked=", ".join(str(y) for y in sorted(asked)))


class EventYearCheck(Check):
    """A question about an event of one year is not answered from the report of another: a
    seminar report is dated by its seminar, so "the seminar held in Ekibastuz in 2024" is not
    the one of 2025, unless a quote states the asked year (of an event, where the year dates
    the event); and where the question names the month too, not the report of another month
    that year. (The year check is met by the year anywhere in the report: it mentions earlier
    figures and later plans.)"""

    id = "event-year"
    names_missing = True

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        question = evidence.question
        if not question.years or not question.about_an_event:
            return None
        reports = [
            c.passage.date
            for c in evidence.citations
            if c.passage.doc_type == "seminar_report" and c.passage.date
        ]
        dated = {date[:4] for date in reports}
        # Where the asked year dates the event ("the seminar held in 2024"), a quote must state
        # it of an event ("the 2024 seminar was attended by ..."): "in 2024, 186 agreements were
        # signed" is that year's figures. Where it dates the figures ("accidents in 2024,
        # according to the seminar"), any quote stating it will do.
        quoted = {
            year
            for quote in evidence.quotes
            if not question.dates_the_event or ANY.event.search(quote)
            for year in years_in(quote)
        }
        if not dated:
            return None
        if not question.years & (dated | quoted):
            return Reason(
                "dated_not", dated=", ".join(sorted(dated)), asked=", ".join(sorted(question.years))
            )
        # "the seminar held in October 2024" is not the one of June 2024
        months = months_named(question.text)
        if not months or any(months & months_named(quote) for quote in evidence.quotes):
            return None
        in_year = [date for date in reports if date[:4] in question.years and len(date) >= 7]
        if in_year and not any(int(date[5:7]) in months for date in in_year):
            return Reason("dated", dated=", ".join(sorted(d[:7] for d in in_year)))
        return None


class NameCheck(Check):
    """A name the corpus uses is in the cited material: the Shymkent seminar is not Karaganda's.
    A name the corpus never uses goes to the synonym check."""

    id = "name"
    names_missing = True

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        for name in evidence.question.names:
            if (
                name.lower() not in lexicon.stopwords
                and lexicon.known_but_unmentioned(name, evidence.flat)
                and not named_in(name, evidence.flat)
            ):
                return _missing(name)
        return None


class UnknownNameCheck(Check):
    """A name the corpus never uses ("Germany", "Tashkent") is about something the materials
    do not cover: the answer would come from the same subject elsewhere. A near spelling in the
    cited documents counts ("Turkestan" for "Turkistan"), and so does the name in another
    script ("Aktobe" for "Ақтөбе"), so that the check holds across languages too: a draft quoted
    from a document in another language once passed it whatever the question named. A
    language's name ("the Kazakh memo") is present where a cited document is in that language."""

    id = "unknown-name"
    names_missing = True

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        flat = evidence.flat
        cited_languages = {c.passage.language_code for c in evidence.citations}
        for name in evidence.question.names:
            if name.lower() in lexicon.stopwords or lexicon.known_term(name):
                continue
            if language_named(name) in cited_languages:
                continue
            if not (mentions(name, flat) or _spelt_alike(name, flat) or named_in(name, flat)):
                return _missing(name)
        return None


def _spelt_alike(name: str, flat: str) -> bool:
    """Whether `flat` has a word spelt nearly as `name` (difflib's ratio at least 0.8)."""
    words = set(re.findall(r"\w+", flat))
    return bool(difflib.get_close_matches(name.lower(), words, n=1, cutoff=0.8))


class EventTopicCheck(Check):
    """What an event was about tells it from another, like its place; a place that names a
    seminar ("the Atyrau seminar", "the seminar held in Atyrau") must be in a cited document's
    title or opening sentence, or spelt nearly so: a report names the places its participants
    came from, and seminars to be held later, further on."""

    id = "event-topic"
    names_missing = True

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        # Across languages what the event was on is spelt in the report's language, not the
        # question's: the place it names, in a cited report's title or opening sentence, tells
        # the event instead.
        where = f"{evidence.titles} {evidence.openings}"
        placed = evidence.across_languages and any(
            named_in(name, where) for name in evidence.question.names
        )
        for word in event_topic_words(evidence.question.text):
            if word.lower() in lexicon.stopwords:
                continue
            if named_in(word, evidence.titles):
                continue
            if placed and not word[:1].isupper():
                continue
            if not mentions(word, evidence.flat) or (
                word[:1].isupper() and len(word) > 3 and word.lower() not in evidence.titles
            ):
                return _missing(word)
        for place in evidence.question.places:
            if place.lower() in lexicon.stopwords or place.lower() in where:
                continue
            if not _spelt_alike(place, where) and not named_in(place, where):
                return Reason("event_place", place=place)
        return None


class TopicCheck(Check):
    """What the question says was spoken about, and the branch, region or kind of work it names,
    when the corpus has the word: one branch's figures do not answer for another."""

    id = "topic"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        question = evidence.question.text
        for word in spoken_about(question):
            if word not in lexicon.stopwords and lexicon.known_but_unmentioned(word, evidence.flat):
                return _missing(word)
        if evidence.across_languages:  # a kind is looked for by its spelling
            return None
        for word in named_kinds(question):
            if word in lexicon.stopwords or not lexicon.known_term(word):
                continue
            if not mentions(word, evidence.flat) and not stem_mentioned(word, evidence.flat):
                return _missing(word)
        return None


class WordPullCheck(Check):
    """A word the cited material does not use must not pull the question away from the quotes:
    without "sick", "How many days of sick leave ...?" comes much closer to annual leave."""

    id = "word-pull"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        pulls = self.pulls(evidence, lexicon)
        for word, pull in pulls.items():
            if pull > WORD_PULL_LIMIT * lexicon.spread:
                return Reason("speaks_of", word=word)
        return None

    @staticmethod
    def pulls(evidence: Evidence, lexicon: Lexicon) -> dict[str, float]:
        """For each question word the cited material lacks, how much closer to the quotes the
        question comes without it."""
        question, quotes = evidence.question.text, evidence.quotes
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


class UnreadWordsCheck(Check):
    """A question in a language the embedding model was not trained on: its similarities say
    nothing (a Russian question on a recipe comes as close to a rule on sanctions as a real
    one), so the answer must rest on words: it is refused when too few of the question's content
    words occur in the cited documents (UNREAD_MISSING_SHARE; today: none of them). The same
    holds for the multilingual model beside an English one (`Lexicon.trusts`), whose Kazakh and
    Russian similarities separate off-topic questions less well. Across languages no word can
    be found in the cited documents by its spelling, so there, where the corpus has documents
    in the question's language, the words are looked for in the whole corpus: a Russian question
    on plov that no document has a word of is not answered from a Kazakh report on heat."""

    id = "unread-words"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        language = evidence.question.language
        if lexicon.trusts(language):
            return None
        words = list(dict.fromkeys(lexicon.content_words(evidence.question.text)))
        if lexicon.reads(language) and evidence.across_languages:
            if language not in lexicon.corpus_languages():
                return None  # no document could share a word with it
            missing = [w for w in words if not lexicon.known_term(w)]
        else:
            missing = [w for w in words if not mentions(w, evidence.flat)]
        if missing and len(missing) * UNREAD_MISSING_SHARE >= len(words):
            return _missing(missing[0])
        return None


_TYPE_REASONS = {
    QUANTITY: Reason("no_number"),
    TIME: Reason("no_time"),
    PERSON: Reason("no_person"),
}


class AskedTypeCheck(Check):
    """A quote states the kind of fact asked for: "how many" a number, "when" a time, "who" a
    person's name (or who does it, for a question about a procedure)."""

    id = "asked-type"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        kind = evidence.question.kind
        quotes = evidence.quotes
        if (
            kind in _TYPE_REASONS
            and not any(states(kind, q) for q in quotes)
            and not (kind == PERSON and says_who_does_it(evidence.question.text, quotes))
        ):
            return _TYPE_REASONS[kind]
        return None


class AskedUnitCheck(Check):
    """ "How many days ...?" is answered by a number of days, in the quote's language, not by
    another count ("310 applications") or another unit ("four days" for "how many hours")."""

    id = "asked-unit"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        unit = evidence.question.unit
        if unit is not None and not any(states_unit(q, unit) for q in evidence.quotes):
            return Reason("no_unit", unit=unit)
        return None


class AmountCheck(Check):
    """A question about a budget, fine, increase or maximum gets a figure or a number."""

    id = "amount"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        question, quotes = evidence.question, evidence.quotes
        if question.asks_amount and not any(gives_figure(q) for q in quotes):
            return _TYPE_REASONS[QUANTITY]
        if question.asks_measure and not any(states(QUANTITY, q) for q in quotes):
            return _TYPE_REASONS[QUANTITY]
        return None


class ShareCheck(Check):
    """ "What share of ..." gets a percentage or a fraction."""

    id = "share"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        if evidence.question.asks_share and not any(gives_share(q) for q in evidence.quotes):
            return Reason("no_share")
        return None


class BoundCheck(Check):
    """A question for the upper bound is not answered by the lower one, and the other way."""

    id = "bound"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        if bound_mismatch(evidence.question.text, evidence.quotes):
            return Reason("other_bound")
        return None


class CountCheck(Check):
    """ "How many lawyers ...?" is not answered by "2,000 requests": the number counts the thing.
    A quote in another language than the question's cannot repeat the counted word; any number
    in it will do."""

    id = "count"

    def refuses(self, evidence: Evidence, lexicon: Lexicon) -> str | None:
        counted = list(evidence.question.counted)
        if not counted:
            return None
        language = evidence.question.language
        for citation in evidence.citations:
            same = citation.passage.language_code == language
            for quote in citation.quotes:
                if gives_count(quote, counted) if same else states(QUANTITY, quote):
                    return None
        return Reason("no_count", counted=" ".join(counted))


RULE_CHECKS: tuple[Check, ...] = (
    YearCheck(),
    QuotedYearCheck(),
    EventYearCheck(),
    NameCheck(),
    UnknownNameCheck(),
    EventTopicCheck(),
    TopicCheck(),
    WordPullCheck(),
    UnreadWordsCheck(),
    AskedTypeCheck(),
    AskedUnitCheck(),
    AmountCheck(),
    ShareCheck(),
    BoundCheck(),
    CountCheck(),
)
