"""Each language's words and patterns for reading questions and sentences: English, Russian and
Kazakh, one module each with the same names (see en.py). A fourth language is one new module and
one entry in LANGUAGES.

A question is read with its own language's patterns (`for_text`); whether a sentence states a
number, a date or a share is read with all of them (`ANY`), since an answer may quote a document
in another language than the question's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from assistant.languages import en, kk, ru

LANGUAGES: dict[str, ModuleType] = {"en": en, "ru": ru, "kk": kk}
_NEVER = r"(?!x)x"


def _alternatives(modules: list[ModuleType], name: str) -> str:
    sources = [getattr(m, name) for m in modules if getattr(m, name)]
    return "|".join(f"(?:{s})" for s in sources) or _NEVER


def _words(modules: list[ModuleType], name: str) -> list[str]:
    return [w for m in modules for w in getattr(m, name).split()]


# Fields read straight from the modules' names in upper case: alternatives joined into one
# pattern, and word lists joined into one set.
_ALTERNATIVES = (
    "quantity_question time_question person_question amount_question measure_question most "
    "least share_question across_documents part_start counted upper_bound lower_bound share event "
    "this_year how_many opening_place event_year"
).split()
_WORD_LISTS = (
    "not_counted anyone one opening_words places_and_bodies stopwords frame_words leans_on_previous"
    " months title_nouns not_a_kind question_words"
).split()


@dataclass(frozen=True)
class Patterns:
    """The compiled patterns of one language, or of all of them."""

    quantity_question: re.Pattern[str]
    time_question: re.Pattern[str]
    person_question: re.Pattern[str]
    amount_question: re.Pattern[str]
    measure_question: re.Pattern[str]
    most: re.Pattern[str]
    least: re.Pattern[str]
    share_question: re.Pattern[str]
    across_documents: re.Pattern[str]
    part_start: re.Pattern[str]
    counted: re.Pattern[str]
    not_counted: frozenset[str]
    anyone: frozenset[str]
    number: re.Pattern[str]
    one: frozenset[str]
    time: re.Pattern[str]
    date_numbers: re.Pattern[str]
    duration: re.Pattern[str]
    upper_bound: re.Pattern[str]
    lower_bound: re.Pattern[str]
    share: re.Pattern[str]
    event: re.Pattern[str]  # one event: a seminar, a meeting, a conference
    this_year: re.Pattern[str]  # "this year": the year its document is dated
    opening_words: frozenset[str]
    places_and_bodies: frozenset[str]
    stopwords: frozenset[str]
    frame_words: frozenset[str]
    leans_on_previous: frozenset[str]
    months: frozenset[str]  # and days of the week: "in January", "on Monday" name no subject
    title_nouns: frozenset[str]  # stems of common nouns capitalized by convention ("Address")
    who: re.Pattern[str]
    how_many: re.Pattern[str]  # "how many", opening a question about a number of units
    opening_place: re.Pattern[str]  # the case of a place that opens a question (see kk.py)
    event_year: re.Pattern[str]  # a year that dates the event asked about, not its figures
    name_pair: re.Pattern[str]  # two names one question is asked of (case-sensitive)
    kinds: re.Pattern[str]  # the kind of branch, work or leave named, a group (case-sensitive)
    not_a_kind: frozenset[str]  # words those groups take that name no kind ("this", "қанша")
    question_words: frozenset[str]  # "сколько", "каком", "қанша": they ask, they name nothing
    units: dict[str, re.Pattern[str]]  # each unit of time (en.py's UNITS), the whole word
    event_place: re.Pattern[str]  # the place one event was held in, one group per language

    @classmethod
    def of(cls, modules: list[ModuleType]) -> Patterns:
        def pattern(name: str) -> re.Pattern[str]:
            return re.compile(_alternatives(modules, name), re.IGNORECASE)

        months = "|".join(_words(modules, "MONTHS"))
        calendar = "|".join(_words(modules, "MONTHS") + _words(modules, "SEASONS"))
        year = r"\b(?:1[89]|20)\d\d\b"
        return cls(
            **{name: pattern(name.upper()) for name in _ALTERNATIVES},
            **{name: frozenset(_words(modules, name.upper())) for name in _WORD_LISTS},
            number=_number_pattern(modules, own=modules if len(modules) == 1 else []),
            time=re.compile(rf"{year}|\b(?:{calendar})", re.IGNORECASE),
            # "on October 5 and 6", "in 2024": numbers that date something, not count it.
            date_numbers=re.compile(
                rf"\b(?:{months})\w*\.?\s+\d{{1,2}}(?:\s*(?:and|-|–)\s*\d{{1,2}})?\b"
                rf"|\b\d{{1,2}}\s+(?:{months})\w*|{year}",
                re.IGNORECASE,
            ),
            duration=re.compile(rf"\b(?:{_alternatives(modules, 'DURATIONS')})\b", re.IGNORECASE),
            who=re.compile(rf"^\s*(?:{_alternatives(modules, 'WHO')})\s+(.*)", re.IGNORECASE),
            units={
                unit: re.compile("|".join(f"(?:{m.UNITS[unit]})" for m in modules), re.IGNORECASE)
                for unit in modules[0].UNITS
            },
            # Case-sensitive: a place is a capitalized word (each module marks what is not).
            event_place=re.compile(_alternatives(modules, "EVENT_PLACE")),
            name_pair=re.compile(_alternatives(modules, "NAME_PAIR")),
            kinds=re.compile(_alternatives(modules, "KINDS")),
        )


@cache
def patterns(code: str | None = None) -> Patterns:
    """One language's patterns, or every language's together (`code` None or unknown)."""
    modules = [LANGUAGES[code]] if code in LANGUAGES else list(LANGUAGES.values())
    return Patterns.of(modules)


def _number_pattern(modules: list[ModuleType], own: list[ModuleType]) -> re.Pattern[str]:
    """A digit, a number word of `modules`, or one that is a number only in a sentence of its
    own language (`OWN_NUMBER_WORDS`) of `own`."""
    words = f"{_alternatives(modules, 'NUMBER_WORDS')}|{_alternatives(own, 'OWN_NUMBER_WORDS')}"
    return re.compile(rf"\d|\b(?:{words})\b", re.IGNORECASE)


@cache
def _numbers_for(code: str) -> re.Pattern[str]:
    own = [LANGUAGES[code]] if code in LANGUAGES else []
    return _number_pattern(list(LANGUAGES.values()), own)


def sentence_numbers(sentence: str) -> re.Pattern[str]:
    """The number words a sentence is read with: every language's (an answer may quote a
    document in another language than the question's), and its own language's that are
    common words elsewhere (Kazakh "он", ten, is Russian "he")."""
    return _numbers_for(language_of(sentence))


def language_of(text: str) -> str:
    """'kk', 'ru' or 'en', from the letters used (as ingest reads a document's language)."""
    from index_store.stemming import language_of as read_language

    return read_language(text)


def module_for(code: str) -> ModuleType:
    """The module of the language `code`; English for one we do not read."""
    return LANGUAGES.get(code, en)


def not_covered(code: str, with_passages: bool) -> str:
    """The refusal, in the question's language (English for one we do not read)."""
    module = module_for(code)
    return module.NOT_COVERED if with_passages else module.NOTHING_CLOSE


def topic_first(code: str) -> bool:
    """Whether questions in this language may open with a name (see kk.py)."""
    return module_for(code).TOPIC_FIRST


def unread_language(code: str) -> str:
    """The notice on an answer to a question the embedding model cannot read, in its language."""
    return module_for(code).UNREAD_LANGUAGE


def for_text(text: str) -> Patterns:
    """The patterns of the language `text` is written in."""
    return patterns(language_of(text))


ANY = patterns()


@cache
def _language_names() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (code, re.compile(name))
        for module in LANGUAGES.values()
        for code, name in module.LANGUAGE_NAMES.items()
    ]


def language_named(word: str) -> str | None:
    """The code of the language `word` names ("Kazakh", "Russian-language", "русском"), if any:
    such a word says which document is meant by its language, which no text spells."""
    word = word.lower()
    return next((code for code, name in _language_names() if name.fullmatch(word)), None)


def title_noun(word: str) -> bool:
    """Whether `word` is a common noun that any of our languages capitalizes by convention
    ("Address", "Послании", "Жолдауы"), with a case ending of a few letters."""
    low = word.lower()
    return any(low.startswith(stem) and len(low) - len(stem) <= 4 for stem in ANY.title_nouns)


@cache
def _month_names() -> tuple[tuple[str, int], ...]:
    """Each language's month names or stems (the first twelve words of its MONTHS), numbered."""
    return tuple(
        (name, number)
        for module in LANGUAGES.values()
        for number, name in enumerate(module.MONTHS.split()[:12], start=1)
    )


def months_named(text: str) -> set[int]:
    """The numbers of the months `text` names ("in October", "в октябре", "қазанда"): a Cyrillic
    month takes case endings; an English one is the whole word, and "may" only as "May"."""
    found = set()
    for word in re.findall(r"[^\W\d_]+", text):
        low = word.lower()
        for name, number in _month_names():
            ending = len(low) - len(name)
            spelt = low == name or (not name.isascii() and low.startswith(name) and 0 < ending <= 3)
            if spelt and word != "may":  # "may" the verb
                found.add(number)
    return found


def _case_ending(module: ModuleType, stem: str, case: str) -> str:
    """The ending of `case` that `stem` takes: by its last sound, then by its last vowel."""
    low = stem.lower()
    last = low[-1:]
    vowels = module.BACK_VOWELS + module.FRONT_VOWELS
    if last in vowels:
        sound = 0
    else:
        sound = 1 if last in module.NASALS else 3 if last in module.VOICELESS else 2
    back, front = module.CASE_ENDINGS[case][sound].split()
    harmony = next((c for c in reversed(low) if c in vowels), "")
    return front if harmony and harmony in module.FRONT_VOWELS else back


def _declined(module: ModuleType, word: str, cases: list[str]) -> tuple[str, str | None]:
    """`word`'s stem and case, among `cases`, where its ending is the one its stem takes
    ("Павлодарда": "Павлодар", locative); else the word itself and None."""
    endings = sorted(
        ((ending, case) for case in cases for forms in module.CASE_ENDINGS[case]
         for ending in forms.split()),
        key=lambda pair: -len(pair[0]),
    )  # fmt: skip
    low = word.lower()
    for ending, case in endings:
        stem = word[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and _case_ending(module, stem, case) == ending:
            return stem, case
    return word, None


def _is_prepositional(module: ModuleType, old: str, new: str) -> bool:
    """Whether `old` reads as a place in the prepositional and `new` as one in the nominative."""
    ends = module.PREPOSITIONAL_ENDS
    return old[-1:].lower() in ends and new[-1:].lower() not in ends


def _in_prepositional(module: ModuleType, word: str) -> str:
    """`word` (a place in the nominative) in the prepositional: "Караганда" -> "Караганде"."""
    last = word[-1:].lower()
    if last in module.PREPOSITIONAL:
        return word[:-1] + module.PREPOSITIONAL[last]
    return word if last in module.UNDECLINED else word + module.PREPOSITIONAL[""]


def in_case_of(new: str, old: str, code: str) -> str:
    """The place `new` in the case of the place `old` it replaces in a text in the language
    `code`, when that language declines names (see kk.py and ru.py): "Павлодарда" for
    "Семейдегі" gives "Павлодардағы", for "Семей" "Павлодар"; "Павлодар" for "Караганде" gives
    "Павлодаре". Otherwise `new` as it is."""
    module = module_for(code)
    if module.PREPOSITIONAL:
        return _in_prepositional(module, new) if _is_prepositional(module, old, new) else new
    if not module.CASE_ENDINGS:
        return new
    _stem, case = _declined(module, old, list(module.CASE_ENDINGS))
    stem, own = _declined(module, new, module.FOLLOW_UP_CASES.split())
    if own == case:
        return new
    return stem + (_case_ending(module, stem, case) if case else "")
