"""What kind of fact a question asks for (a number, a time, a person) and whether a sentence
states one. Used to prefer sentences that can answer, and to refuse when none does: a "how many"
question answered by a sentence without a number is a wrong answer, however similar it looks."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.languages import (
    ANY,
    for_text,
    language_of,
    patterns,
    sentence_numbers,
    title_noun,
    topic_first,
)
from index_store.stemming import stems

QUANTITY, TIME, PERSON, OTHER = "quantity", "time", "person", "other"

_UPPER, _LOWER = "A-ZА-ЯЁӘІҢҒҮҰҚӨҺ", "a-zа-яёәіңғүұқөһ"
_CAPITALIZED_RUN = re.compile(
    rf"\b(?P<run>[{_UPPER}][{_LOWER}]+(?:[ -][{_UPPER}][{_LOWER}]+)+)(?:\s+(?P<next>[\w-]+))?"
)


def person_names(text: str) -> list[str]:
    """The runs of two or more capitalized words that name someone ("Gulnara Seitkali",
    "Kassym-Jomart Tokayev", "Асель Нурланова"), not a place or a body."""
    names = []
    for match in _CAPITALIZED_RUN.finditer(text):
        if " " not in match["run"]:  # "Ust-Kamenogorsk": one hyphenated word, a place
            continue
        words = re.split(r"[ -]", match["run"].lower())
        following = (match["next"] or "").lower()
        if following in ANY.places_and_bodies:
            continue
        if not any(word in ANY.opening_words or word in ANY.places_and_bodies for word in words):
            names.append(match["run"])
    return names


def names_a_person(sentence: str) -> bool:
    return bool(person_names(sentence))


def question_type(question: str) -> str:
    """The kind of fact asked for, read with the question's own language's patterns."""
    reading = for_text(question)
    for kind, pattern in (
        (QUANTITY, reading.quantity_question),
        (TIME, reading.time_question),
        (PERSON, reading.person_question),
    ):
        if pattern.search(question):
            return kind
    return OTHER


def states(kind: str, sentence: str) -> bool:
    """Whether `sentence` contains the kind of fact a question of type `kind` asks for."""
    if kind == QUANTITY:
        return bool(sentence_numbers(sentence).search(ANY.date_numbers.sub(" ", sentence)))
    if kind == TIME:
        # a date, or a time stated relative to something ("three days before the leave")
        return bool(ANY.time.search(sentence)) or bool(
            sentence_numbers(sentence).search(sentence) and ANY.duration.search(sentence)
        )
    if kind == PERSON:
        return names_a_person(sentence)
    return True


def asks_for_amount(question: str) -> bool:
    """ "What was the budget ...", "What wage increase ...", "How much does it cost to ...?": the
    answer is a figure. Only for the
    gate, not for ranking sentences (a number bonus there pulls in figures from other texts)."""
    return bool(for_text(question).amount_question.search(question))


def asks_for_measure(question: str) -> bool:
    """ "What is the longest a shift may last?", "the longest trial period": the answer is a
    number of something (hours, months, people). Only for the gate, like asks_for_amount. The
    word must open the question: "... make up for the higher minimum pay?" asks no measure, and
    "the minimum wage" is a thing asked about ("What is the minimum wage tied to?")."""
    return bool(for_text(question).measure_question.search(question))


def bound_mismatch(question: str, quotes: list[str]) -> bool:
    """Whether the question asks for an upper bound ("What is the longest a fixed-term contract
    can last?") and the quotes state only a lower one ("a fixed term of no less than one
    year"), or the other way round. A measure question (see asks_for_measure) only."""
    if not asks_for_measure(question):
        return False
    text = " ".join(quotes)
    upper, lower = bool(ANY.upper_bound.search(text)), bool(ANY.lower_bound.search(text))
    reading = for_text(question)
    most, least = bool(reading.most.search(question)), bool(reading.least.search(question))
    if most and not least:
        return lower and not upper
    if least and not most:
        return upper and not lower
    return False


def asks_for_share(question: str) -> bool:
    """ "What share of workers are union members?": the answer is a part of a whole. A count or
    a date ("Sixty-four participants took part in the three-day seminar") does not give one."""
    return bool(for_text(question).share_question.search(question))


def asks_about_an_event(question: str) -> bool:
    """ "How many took part in the seminar held in Ekibastuz in 2024?": one event, whose report
    is dated by it."""
    return bool(for_text(question).event.search(question))


def dates_the_event(question: str) -> bool:
    """ "the seminar held in 2024", "2023 жылы ... өткен семинар": the year dates the event
    itself, not the figures a seminar gave ("accidents in 2024, according to the seminar").
    Read with every language's patterns: Kazakh typed without its letters reads as Russian."""
    return bool(ANY.event_year.search(question))


def gives_share(sentence: str) -> bool:
    """A percentage or a fraction ("18 percent", "about a quarter", "one in five")."""
    return bool(ANY.share.search(sentence))


def gives_figure(sentence: str) -> bool:
    """A sum, a share or a count for an "amount" question: not a date, not a number fused to a
    unit ("a three-day seminar"), not a length of time ("within two days", "fifteen working
    days") and not "one", which
    is mostly an article ("one of the main directions", "One nation")."""
    words = re.findall(r"[\w-]+", ANY.date_numbers.sub(" ", sentence).lower())
    numbers = sentence_numbers(sentence)
    for i, word in enumerate(words):
        if word in ANY.one or not _counts_something(word, numbers):
            continue
        # "two days", and "fifteen working days", "three calendar days": a length of time
        if not any(ANY.duration.fullmatch(w) for w in words[i + 1 : i + 3]):
            return True
    return False


def counted_words(question: str) -> list[str]:
    """The words after "how many" (the thing counted), up to four and up to a determiner or a
    preposition: "how many labor inspectors attended the seminar" -> labor, inspectors, attended."""
    reading = for_text(question)
    match = reading.counted.search(question)
    if not match:
        return []
    words = match.group(1).lower().split()
    return [w for w in words if w not in reading.not_counted and len(w) > 2]


def asked_unit(question: str) -> str | None:
    """The unit of time a "how many" question counts, in one of the next two words ("how many
    working days" -> "day", "сколько часов", "неше күн"); None for "how many years old" (an age
    is answered by "under eighteen") or a question that counts anything else."""
    reading = for_text(question)
    for match in reading.how_many.finditer(question):
        following = re.findall(r"\w+", question[match.end() :].lower())[:3]
        for at, word in enumerate(following[:2]):
            unit = next((u for u, p in reading.units.items() if p.fullmatch(word)), None)
            if unit is not None:
                return None if following[at + 1 : at + 2] == ["old"] else unit
    return None


def states_unit(sentence: str, unit: str) -> bool:
    """Whether a number stands within three words before the unit, in any language ("24
    calendar days", "екі жыл", "трёх рабочих дней", "two-year term"); a year or a date is no
    number of units ("2024 жылы")."""
    numbers = sentence_numbers(sentence)
    return _number_before(
        sentence, r"\w+", lambda w: _is_number(w, numbers), ANY.units[unit].fullmatch
    )


def _is_number(word: str, numbers: re.Pattern[str]) -> bool:
    return any(c.isdigit() for c in word) or bool(numbers.fullmatch(word))


def _number_before(
    sentence: str, word: str, is_number: Callable[[str], object], is_asked: Callable[[str], object]
) -> bool:
    """Whether a word `is_number` takes stands within three words before one `is_asked` takes,
    in `sentence` read as words of the pattern `word`, its dates and years left out."""
    words = re.findall(word, ANY.date_numbers.sub(" ", sentence).lower())
    return any(
        is_number(number) and any(is_asked(w) for w in words[i + 1 : i + 4])
        for i, number in enumerate(words)
    )


def _counts_something(word: str, numbers: re.Pattern[str]) -> bool:
    """A number that counts: "37", "thirty-seven"; not one fused to a unit ("two-day seminar",
    "3-year plan"), which describes the unit rather than counting the people or things asked for.
    `numbers`: the number pattern of the word's sentence (`sentence_numbers`)."""
    if not numbers.search(word):
        return False
    *_, last = word.split("-")
    return "-" not in word or bool(numbers.fullmatch(last) or last.isdigit())


def counts(sentence: str, counted: list[str]) -> bool:
    """Whether a number stands within three words before one of the counted words ("Thirty-seven
    inspectors", "27 несчастных случаев"). A number after them counts something else ("its
    member organizations held 115 meetings"), and a date's day ("opened on March 14 for trade
    union activists") counts nothing."""
    stems = [c[: max(4, len(c) - 2)] for c in counted]
    numbers = sentence_numbers(sentence)
    return _number_before(
        sentence,
        r"[\w-]+",
        lambda w: _counts_something(w, numbers),
        lambda w: any(w.startswith(s) for s in stems),
    )


def gives_count(sentence: str, counted: list[str]) -> bool:
    """Whether the sentence can answer "how many <counted>": it counts them, or, for people
    counted under any name, it states a head count of some kind."""
    if counts(sentence, counted):
        return True
    return bool(counted) and counted[0] in ANY.anyone and states(QUANTITY, sentence)


_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(question: str) -> list[str]:
    return _FIGURE.findall(question)


def asks_across_documents(question: str) -> bool:
    """ "Compare the two seminars", "Which addresses mention wages?": the answer is expected to
    draw on several documents, so it is not narrowed to the best one."""
    return bool(for_text(question).across_documents.search(question))


_YEAR = re.compile(r"(?<![\d.])(?:1[89]|20)\d\d(?![\d])")


def years_in(text: str) -> set[str]:
    return set(_YEAR.findall(text))


# Where a new sentence of a question starts: its first word is capitalized as any first word is
# ("Меня хотят наказать за отказ. Это законно?").
_SENTENCE_END = re.compile(r"(?<=[.?!…])\s+(?=\S)")


def names_in(
    question: str,
    is_name: Callable[[str], bool] | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> list[str]:
    """Capitalized words after the first word of each of its sentences: places, people,
    organizations. Not months or days of the week: "missed a day in early January" tells no
    document from another, and the year check reads dates; nor a noun capitalized by convention
    ("the President's Address", "Жолдау"), which names a kind of document, not which one, and is
    spelt otherwise in a document in another language. In a language that may open a
    question with its topic (Kazakh: "Шымкенттегі семинарды кім ашты?"), a first word counts too
    where `is_name` says the corpus uses it as a name, or where it is in a place's case and
    `is_word` says the corpus never uses it ("Ресейде ...": a country it has no document on)."""
    names = []
    code = language_of(question)
    topic_may_open = topic_first(code)
    opening_place = patterns(code).opening_place
    for sentence in _SENTENCE_END.split(question):
        words = _WORD.findall(sentence)
        first = words[:1]
        opener = first[0] if first and topic_may_open else ""
        if not (
            opener
            and opener.lower() not in ANY.stopwords
            and (
                (is_name is not None and is_name(opener))
                or (is_word is not None and not is_word(opener) and opening_place.search(opener))
            )
        ):
            words = words[1:]
        for word in words:
            word = re.sub(r"['’](?:s|m|ve|d|ll|re)$", "", word)  # "Almaty's"; "I'm" is no name
            if (
                word[:1].isupper()
                and not word.isupper()
                and word.lower() not in ANY.months
                and not title_noun(word)
            ):
                names.append(word)
    return names


def title_nouns_in(question: str) -> list[str]:
    """The capitalized nouns of a question that `names_in` leaves out as capitalized by
    convention ("Послание Президента")."""
    return [w for w in _WORD.findall(question) if w[:1].isupper() and title_noun(w)]


def months_in(question: str) -> list[str]:
    """The months and days of the week a question names ("from January to May"): no subject
    for the gate to demand (names_in leaves them out), but a passage that has them is likelier
    the one asked about."""
    return [word for word in _WORD.findall(question) if word.lower() in ANY.months]


def stem_mentioned(word: str, flat_text: str) -> bool:
    """Whether lower-cased `flat_text` has `word` by one of its stems of four letters or more:
    "ежегодного" meets "ежегодный", which its first letters (`mentions`) miss."""
    return any(len(stem) >= 4 and stem in flat_text for stem in stems(word))


def mentions(term: str, flat_text: str) -> bool:
    """Whether lower-cased, comma-free `flat_text` mentions the term (names by their stem)."""
    term = term.lower().replace(",", "")
    if term[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(term)}(?![\d]|\.\d)", flat_text) is not None
    return term[: max(4, len(term) - 2)] in flat_text
