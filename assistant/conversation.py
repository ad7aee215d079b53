"""Follow-up questions: a conversation's next question made standalone before it is answered.

People chat: after "What is the minimum wage?" they ask "and when was it raised?". Retrieval and
the gate read one question, so a follow-up is rewritten from the earlier turns first, and the
rewrite is shown with the answer ("Answered as: ...").

Two rewriters, one interface (`standalone(question, earlier) -> str`):
- `RuleRewriter`, no model: an elliptical question ("what about the Semey seminar?", "and in
  2023?", "Ақтөбеде ше?") keeps the previous question and swaps in the new entity; a question that
  points back ("when was it raised?") gets the previous question's subject in place of the
  pronoun; a question with no subject of its own ("How many participants?") gets it appended. A
  question with a subject of its own starts afresh and is left as it is.
- `LLMRewriter`: llama-index's condense-question prompt on the configured LLM, falling back to
  the rules when the model fails or returns nothing usable.

Each language's openers, pronouns and question words live in its module (assistant.languages).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Protocol

from assistant.answer import Answer
from assistant.gate import stopwords
from assistant.languages import LANGUAGES, in_case_of, language_of, module_for, patterns
from assistant.retrieval import Filters

log = logging.getLogger(__name__)

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLAUSE = re.compile(r"\s[—–-]\s|[,;:()]")
MAX_TURNS_KEPT = 6  # earlier turns a rewrite may read
ELLIPTICAL_WORDS = 3
LEAN_MARGIN = 0.1
LEANING_CONTENT_WORDS = 3  # more content words of its own: a subject of its own, not a lean
MAX_PHRASE_WORDS = 7  # "and for workers aged 16 to 18?" is still a phrase, not a question


@dataclass(frozen=True)
class _Reading:
    """One language's follow-up patterns, compiled."""

    opener: re.Pattern[str]
    end: re.Pattern[str] | None
    back: frozenset[str]
    possessive: frozenset[str]
    question_opener: re.Pattern[str] | None
    determiners: frozenset[str]
    participle: re.Pattern[str] | None
    prepositions: frozenset[str]


@cache
def _reading(code: str | None) -> _Reading:
    """One language's patterns, or (None) every language's: a short follow-up often has no
    letter that tells Kazakh from Russian ("Таразда ше?"), and the languages' words differ."""
    modules = [module_for(code)] if code else list(LANGUAGES.values())

    def alternatives(name: str) -> re.Pattern[str] | None:
        sources = [getattr(m, name) for m in modules if getattr(m, name)]
        return re.compile("|".join(f"(?:{s})" for s in sources), re.I) if sources else None

    def words(name: str) -> frozenset[str]:
        return frozenset(w for m in modules for w in getattr(m, name).split())

    opener = alternatives("FOLLOW_UP_OPENER")
    assert opener is not None
    return _Reading(
        opener=opener,
        end=alternatives("FOLLOW_UP_END"),
        back=words("BACK_REFERENCES"),
        possessive=words("POSSESSIVE_BACK_REFERENCES"),
        question_opener=alternatives("QUESTION_OPENER"),
        determiners=words("DETERMINERS"),
        participle=alternatives("PARTICIPLE"),
        prepositions=words("PREPOSITIONS"),
    )


def _content(word: str) -> bool:
    low = word.lower()  # the gate's stopwords hold every language's question words
    return len(low) > 1 and low not in stopwords() and not low.isdigit()


def _is_name(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _strip_end(text: str) -> str:
    return text.strip().rstrip("?!.").strip()


def subjects(
    question: str,
    rarity: Callable[[str], float] | None = None,
    is_name: Callable[[str], bool] | None = None,
) -> list[str]:
    """What `question` is about, as phrases of its own words, the likeliest first: runs of
    content words, one that holds a name or a year first ("the Karaganda seminar"; "petropavlovsk"
    typed small counts where the corpus writes it as a name), then the longest, then the one with
    the rarest word in the corpus ("overtime", not "hours"), each with its determiner; a trailing
    past participle is dropped ("a conciliation commission formed")."""
    rarity = rarity or (lambda word: 0.0)
    code = language_of(question)
    reading = _reading(code)
    text = _strip_end(question)
    if reading.question_opener is not None:
        text = reading.question_opener.sub("", text, count=1).strip()
    opens = text[:1] == _strip_end(question)[:1]  # its first word opens the sentence
    words: list[str] = []
    runs: list[list[int]] = []
    for clause in _CLAUSE.split(text):  # no run across "—" or ","
        current: list[int] = []
        for word in _words(clause):
            if _content(word) or _YEAR.fullmatch(word):
                current.append(len(words))
            elif current:
                runs.append(current)
                current = []
            words.append(word)
        if current:
            runs.append(current)
    if not runs:
        return [text] if text else []

    def named_at(i: int) -> bool:
        if i == 0 and opens:  # a capital that opens the sentence is no name
            return bool(_YEAR.fullmatch(words[i]) or (is_name and is_name(words[i])))
        return _named(words[i], is_name)

    def rank(run: list[int]) -> tuple[int, int, float, int]:
        named = any(named_at(i) for i in run)
        rarest = max(rarity(words[i].lower()) for i in run)
        return (int(named), len(run), rarest, run[0])

    phrases = []
    for run in sorted(runs, key=rank, reverse=True):
        if reading.participle and len(run) > 1 and reading.participle.search(words[run[-1]]):
            run = run[:-1]
        start = run[0]
        if start > 0 and words[start - 1].lower() in reading.determiners:
            start -= 1
        phrases.append(" ".join(words[start : run[-1] + 1]))
    return phrases


def focus(
    question: str,
    rarity: Callable[[str], float] | None = None,
    is_name: Callable[[str], bool] | None = None,
) -> str:
    """The likeliest subject of `question` (see `subjects`)."""
    found = subjects(question, rarity, is_name)
    return found[0] if found else _strip_end(question)


def _named(word: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """A name or a year: capitalized, or a word the corpus writes as a name."""
    return bool(
        _is_name(word)
        or _YEAR.fullmatch(word)
        or (is_name is not None and _content(word) and is_name(word))
    )


def _has_name(phrase: str, is_name: Callable[[str], bool] | None = None) -> bool:
    """Whether any word of `phrase` is a name or a year (`_named`)."""
    return any(_named(w, is_name) for w in _words(phrase))


@dataclass(frozen=True)
class FollowUpReading:
    """A later question's parts, as the rewriter reads them."""

    rest: str  # without its opener, closing particle and end punctuation
    opener: bool  # "and ...", "what about ...", "а ...", "ал ..."
    end: bool  # a closing "ше"
    words: list[str]  # the words of `rest`
    content: list[str]  # ... that carry meaning
    pointing: str  # the first word that points back ("it", "there", "этот"), or ""
    own_name: bool  # a name of its own after the first word, or a first word used as a name
    own_year: bool

    @property
    def continues(self) -> bool:
        return self.opener or self.end


def reading_of(question: str, is_name: Callable[[str], bool] | None = None) -> FollowUpReading:
    """`question` read as a possible follow-up, in every language's patterns at once."""
    reading = _reading(None)
    rest, opener, end = " ".join(question.split()), False, False
    opened = reading.opener.match(rest)
    if opened:
        rest, opener = rest[opened.end() :], True
    if reading.end is not None and reading.end.search(rest):
        rest, end = reading.end.sub("", rest), True
    rest = _strip_end(rest)
    words = _words(rest)
    back = reading.back | reading.possessive
    return FollowUpReading(
        rest=rest,
        opener=opener,
        end=end,
        words=words,
        content=[w for w in words if _content(w)],
        pointing=next((w for w in words if w.lower() in back), ""),
        own_name=any(_named(w, is_name) for w in words[1:])
        or bool(words and is_name is not None and _content(words[0]) and is_name(words[0])),
        own_year=any(_YEAR.fullmatch(w) for w in words),
    )


def _replace_word(text: str, word: str, by: str) -> str:
    return re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", by, text, count=1)


@dataclass(frozen=True)
class Turn:
    """One exchange: the question as asked, as answered (standalone), and the answer."""

    asked: str
    standalone: str
    answer: Answer


class Rewriter(Protocol):
    def standalone(self, question: str, earlier: list[Turn]) -> str: ...


class RuleRewriter:
    """Follow-ups made standalone by rules over the earlier questions, without a model.

    `strength(question)`, when given, is how close a question comes to the materials (its best
    passage's score): a question with no name or year of its own that comes closer with the
    previous subject joined to it ("which project won?") leans on the conversation; one that
    does not ("How is a labor inspector appointed?") starts afresh.
    """

    def __init__(
        self,
        strength: Callable[[str], float] | None = None,
        rarity: Callable[[str], float] | None = None,
        is_name: Callable[[str], bool] | None = None,
    ) -> None:
        """`rarity`: a word's inverse document frequency in the corpus, to find a subject;
        `is_name`: whether the corpus writes a word as a name ("petropavlovsk" typed small)."""
        self.strength = strength
        self.rarity = rarity
        self.is_name = is_name

    def standalone(self, question: str, earlier: list[Turn]) -> str:
        """`question` as it stands alone; `earlier`: the previous turns, the most recent last.
        A question with a subject of its own is returned unchanged."""
        question = " ".join(question.split())
        if not earlier or not question:
            return question
        previous = earlier[-1].standalone
        read = reading_of(question, self.is_name)
        if not read.rest:
            return question
        if read.continues and self.is_phrase(read.rest):
            return self._switched(previous, read.rest)
        head, comma, _ = read.rest.partition(",")
        if read.continues and comma and self.is_phrase(head):
            return question  # "What about platform workers, what is proposed for them?"
        if read.pointing:
            resolved = self._resolved(question, read.pointing, previous, _reading(None))
            # the subject the pronoun did not take, beside it: "who pays for the 2025 address —
            # retraining?" (a pronoun can point at either, and retrieval and the gate read both)
            if read.own_name or read.own_year:
                return resolved  # its own place or year replaces the old one
            rest = [
                part
                for part in self.context(previous, resolved).split(", ")
                if part.lower() not in resolved.lower()
            ]
            return f"{_strip_end(resolved)} — {', '.join(rest)}?" if rest else resolved
        joined = f"{read.rest[:1].upper()}{read.rest[1:]} — {self.context(previous, question)}?"
        if self._has_no_subject(read.words) or self._leans(question, joined, read):
            return joined
        return question

    def context(self, previous: str, question: str) -> str:
        """The previous question's subjects that `question` does not say: the likeliest, and
        the likeliest of the other kind (a topic beside a named phrase: "the 2023 address, the
        minimum wage"), so that retrieval and the gate read both."""
        said = question.lower()
        found = [p for p in subjects(previous, self.rarity, self.is_name) if p.lower() not in said]
        if not found:
            return focus(previous, self.rarity, self.is_name)
        named = [_has_name(p, self.is_name) for p in found]
        other = next((p for p, n in zip(found, named, strict=True) if n != named[0]), None)
        return ", ".join([found[0], other] if other else [found[0]])

    def _leans(self, question: str, joined: str, read: FollowUpReading) -> bool:
        """No name or year of its own, few content words, and closer to the materials with
        the earlier subject than without it (a new question the materials do not answer comes
        closer to them with any earlier subject)."""
        if self.strength is None or any(_is_name(w) or _YEAR.fullmatch(w) for w in read.words[1:]):
            return False
        if len(read.content) > LEANING_CONTENT_WORDS:
            return False  # "also whats the overtime limit for remote workers"
        return self.strength(joined) > self.strength(question) + LEAN_MARGIN

    @staticmethod
    def is_phrase(rest: str) -> bool:
        """A noun phrase ("the Semey seminar", "in 2023", "sick leave"), not a question of its
        own: no question word, and short."""
        words = _words(rest)
        if len(words) > MAX_PHRASE_WORDS:
            return False
        every = patterns()
        asks = (
            every.quantity_question,
            every.time_question,
            every.person_question,
        )
        if any(p.search(rest) for p in asks):
            return False
        return not any(w.lower() in every.question_words for w in words)

    @staticmethod
    def _has_no_subject(words: list[str]) -> bool:
        """Short, with no name, year or more than one content word: "When?", "How many
        participants?", "and who?"."""
        if any(_is_name(w) or _YEAR.fullmatch(w) for w in words[1:]):
            return False
        content = [w for w in words if _content(w)]
        return len(words) <= ELLIPTICAL_WORDS and len(content) <= 1

    def _switched(self, previous: str, phrase: str) -> str:
        """The previous question about `phrase` instead of what it was about: the same year,
        name or head noun is swapped; otherwise the previous question's subject is."""
        words = _words(phrase)
        years = _YEAR.findall(phrase)
        old_years = _YEAR.findall(previous)
        if years and old_years:
            result = _replace_word(previous, old_years[-1], years[0])
            # the year's own word in its case: "2024 жылы" for "2021 жылдың", "года"
            beside = _words(previous)
            at = [i for i, w in enumerate(beside) if w == old_years[-1]]
            unit = {
                beside[j].lower()[:3] for i in at for j in (i - 1, i + 1) if 0 <= j < len(beside)
            }
            remaining = [
                w for w in words if w != years[0] and _content(w) and w.lower()[:3] not in unit
            ]
            said = previous.lower()
            # "а в Послании 2020 года?" after "... по Посланию 2018 года?": the rest is said.
            if all(w.lower()[: max(4, len(w) - 2)] in said for w in remaining):
                return result
        previous_words = _words(previous)
        lowered = [w.lower() for w in previous_words]
        content = [w for w in words if _content(w)]
        # The same head noun: "the Semey seminar" for "the Karaganda seminar", "sick leave" for
        # "annual leave".
        for head in reversed(content):
            if head.lower() in lowered[1:]:
                at = lowered.index(head.lower(), 1)
                start = at
                while start > 1 and _content(previous_words[start - 1]):
                    start -= 1
                old = " ".join(previous_words[start : at + 1])
                new = " ".join(w for w in _words(phrase) if _content(w) or w == head)
                new = new[: new.lower().rindex(head.lower()) + len(head)]
                if old.lower() != new.lower():
                    return _replace_word(previous, old, new)
        prepositions = _reading(None).prepositions
        if words[0].lower() in prepositions and any(w[:1].isdigit() for w in words):
            return self._qualified(previous, phrase)  # "for 16 to 18 year olds": no name
        # A name for a name: "what about semey?" after "... the Karaganda seminar?". A first
        # word counts when it is no question word ("Қостанайда семинарды кім ашты?").
        names = [w for i, w in enumerate(previous_words) if _is_name(w) and (i or _content(w))]
        new_names = [w for w in content if not _YEAR.fullmatch(w)]
        if names and new_names and len(new_names) <= 2:
            replacement = " ".join(w[:1].upper() + w[1:] for w in new_names)
            if len(new_names) == 1:  # "Павлодарда ше?" for "Семейдегі семинар": "Павлодардағы"
                replacement = in_case_of(replacement, names[-1], language_of(previous))
            return _replace_word(previous, names[-1], replacement)
        # A qualifier: "per month" for the previous question's closing "in a year"; "for
        # disabled workers" added to "How long is the annual leave?".
        if words[0].lower() in prepositions:
            return self._qualified(previous, phrase)
        subject = focus(previous, self.rarity, self.is_name)
        if subject and subject in previous:
            return previous.replace(subject, phrase, 1)
        return f"{phrase} — {previous}"

    @staticmethod
    def _qualified(previous: str, phrase: str) -> str:
        """The previous question with `phrase`, which opens on a preposition, in place of its
        closing qualifier ("per month" for "in a year"), or added to it."""
        prepositions = _reading(None).prepositions
        previous_words = _words(previous)
        tail = [i for i, w in enumerate(previous_words) if w.lower() in prepositions]
        if tail and len(previous_words) - tail[-1] <= 4:
            old = " ".join(previous_words[tail[-1] :])
            if old in previous:
                return previous.replace(old, phrase, 1)
        return f"{_strip_end(previous)} {phrase}?"

    def _resolved(self, question: str, pronoun: str, previous: str, reading: _Reading) -> str:
        """`pronoun` replaced by the previous question's subject ("it" -> "the minimum wage";
        "its" -> "the minimum wage's"; "there" -> "at the Karaganda seminar")."""
        found = subjects(previous, self.rarity, self.is_name) or [_strip_end(previous)]
        subject = found[0]
        if any(_named(w, self.is_name) for w in _words(question)[1:]):
            # the question names its own place or year: the pronoun is the topic ("а в
            # Караганде что про этот срок говорили")
            subject = next((p for p in found if not _has_name(p, self.is_name)), subject)
        low = pronoun.lower()
        if low in reading.possessive:
            replacement = f"{subject}'s" if language_of(question) == "en" else subject
        elif low == "there":
            replacement = f"at {subject}"
        else:
            replacement = subject
        if pronoun[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        resolved = _replace_word(question, pronoun, replacement)
        after = re.search(rf"(?<![\w-]){re.escape(pronoun)}\s+([\w-]+)", question)
        if after and any(after[1].lower()[:4] == w.lower()[:4] for w in _words(subject)):
            # a determiner, not a pronoun: "этот срок", "this seminar" -> the subject, once
            resolved = question.replace(after[0], replacement, 1)
        opened = reading.opener.match(resolved)
        if opened:  # "and when was it raised?" -> "When was the minimum wage raised?"
            resolved = resolved[opened.end() :]
            resolved = resolved[:1].upper() + resolved[1:]
        return resolved


class LLMRewriter:
    """llama-index's condense-question step on the configured LLM; the rules when it fails."""

    def __init__(self, llm, fallback: Rewriter | None = None) -> None:
        self.llm = llm  # a llama-index LLM
        self.fallback = fallback or RuleRewriter()

    def standalone(self, question: str, earlier: list[Turn]) -> str:
        if not earlier:
            return question
        from llama_index.core.base.llms.generic_utils import messages_to_history_str
        from llama_index.core.chat_engine.condense_question import DEFAULT_PROMPT
        from llama_index.core.llms import ChatMessage

        history = []
        for turn in earlier:
            history.append(ChatMessage(role="user", content=turn.standalone))
            history.append(ChatMessage(role="assistant", content=turn.answer.text))
        try:
            rewritten = self.llm.predict(
                DEFAULT_PROMPT, question=question, chat_history=messages_to_history_str(history)
            )
        except Exception as exc:  # timeouts, refused connections: the rules still work
            log.warning("LLM rewrite failed (%s); using the rules", exc)
            return self.fallback.standalone(question, earlier)
        rewritten = " ".join((rewritten or "").split())
        if not rewritten or len(rewritten) > 4 * len(question) + 200:
            return self.fallback.standalone(question, earlier)
        return rewritten


# A passed draft of a question under some filters: its best passage's score and the documents it
# cites; None when nothing was near enough or the gate refused it.
Drafted = Callable[[str, Filters | None], tuple[float, frozenset[str]] | None]


class PreviousDocuments:
    """A follow-up that keeps to the previous answer's documents.

    A follow-up with a subject of its own ("who ran the negotiation game", "жобаларды қашанға
    дейін жіберу керек") is not rewritten, so its retrieval does not know the conversation and
    may answer from a look-alike (another seminar's game). When its fresh answer cites none of
    the previous answer's documents, it is drafted again within them; that draft is kept when it
    passes the gate and its best passage scores at least as high as the fresh one's: the
    conversation's documents answer as well as any. A refusal stays a refusal, and a question
    the materials answer better elsewhere (a new topic) leaves the conversation's documents.
    """

    def __init__(self, drafted: Drafted) -> None:
        self.drafted = drafted

    def filters(
        self, question: str, filters: Filters | None, earlier: list[Turn]
    ) -> Filters | None:
        """`filters`, or them kept to the previous answer's documents."""
        previous = earlier[-1].answer if earlier else None
        if previous is None or not previous.answered or not previous.citations:
            return filters
        documents = frozenset(c.passage.doc_id for c in previous.citations)
        fresh = self.drafted(question, filters)
        if fresh is None or fresh[1] & documents:
            return filters
        within = replace(filters or Filters(), documents=documents)
        kept = self.drafted(question, within)
        return within if kept is not None and kept[0] >= fresh[0] else filters


@dataclass
class Conversation:
    """The turns of one conversation so far. Kept per browser session by the web chat and per
    run by `fedqa ask --conversation`."""

    turns: list[Turn] = field(default_factory=list)

    def earlier(self) -> list[Turn]:
        """The last MAX_TURNS_KEPT turns, oldest first."""
        return self.turns[-MAX_TURNS_KEPT:]

    def add(self, asked: str, standalone: str, answer: Answer) -> None:
        self.turns.append(Turn(asked, standalone, answer))

    def clear(self) -> None:
        self.turns.clear()
