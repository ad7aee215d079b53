"""What kind of fact a question asks for (a number, a time, a person) and whether a sentence
states one. Used to prefer sentences that can answer, and to refuse when none does: a "how many"
question answered by a sentence without a number is a wrong answer, however similar it looks."""

from __future__ import annotations

import re

QUANTITY, TIME, PERSON, OTHER = "quantity", "time", "person", "other"

_QUESTION_TYPES = [
    (
        QUANTITY,
        re.compile(
            r"\bhow (many|much|long|often|quickly|soon|old)\b"
            r"|\bwhat (share|percentage|number|amount|rate|size|age)\b|\bat what rate\b"
            r"|сколько|какой размер|каков размер",
            re.IGNORECASE,
        ),
    ),
    (
        TIME,
        re.compile(
            r"^\s*when\b|\bwhat (date|year|day|month)\b|\bsince (when|what year)\b|\bкогда\b"
            r"|в каком году",
            re.IGNORECASE,
        ),
    ),
    # "Who sits on the commission?", "Who is a member of it?", "Who may apply?" are answered by a
    # group or a role ("an equal number of representatives", "any worker"), not by a name.
    (
        PERSON,
        re.compile(
            r"^\s*(?:who|whom)\b(?!\s+(?:may|can|could|must|should|shall|sits?|serves?|makes? up"
            r"|belongs?|is entitled|are entitled|has the right|have the right|is a member"
            r"|are (?:the )?members|is on|are on|is part|are part|is included|are included"
            r"|is responsible|are responsible|is in charge|are in charge)\b)"
            r"|^\s*кто\b(?!\s+(?:может|могут|должен|должны|вправе|входит|входят)\b)",
            re.IGNORECASE,
        ),
    ),
]

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion dozen half twice once double"
).split()
# Russian numerals decline ("шесть", "до шести месяцев", "с шестью"), so each is a stem and its
# case endings. A closed class of words: no morphology library is needed to list it.
_RUSSIAN_NUMBERS = (
    r"один|одн(?:а|о|ого|ой|ому|им|ом)|дв(?:а|е|ух|ум|умя)|тр(?:и|ёх|ех|ём|ем|емя)"
    r"|четыр(?:е|ёх|ех|ём|ем|ьмя)"
    r"|(?:пят|шест|сем|вос[еь]м|девят|десят|двадцат|тридцат"
    r"|(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат)(?:ь|и|ью)"
    r"|сорока?|(?:пят|шест|сем|восем)ь?десят\w*|(?:пят|шест|сем|восьм)идесяти|девяност[оа]"
    r"|сто|ста|сотн\w*|тысяч\w*|миллион\w*|полтор[аы]|полутора|половин\w*|процент\w*"
)
_NUMBER = re.compile(
    r"\d|\b(" + "|".join(_NUMBER_WORDS) + "|" + _RUSSIAN_NUMBERS + r")\b", re.IGNORECASE
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday январ феврал март апрел мая "
    "июн июл август сентябр октябр ноябр декабр"
).split()
_SEASONS = "spring summer autumn winter весн осен зим".split()


# A calendar date: a year or a month (or weekday). A season is a time ("planned for the autumn"),
# not a date.
def _a_year_or(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(1[89]|20)\d\d\b|\b(" + "|".join(words) + r")", re.IGNORECASE)


_TIME = _a_year_or(_MONTHS + _SEASONS)
_DURATION = re.compile(
    r"\b(minutes?|hours?|days?|weeks?|months?|years?|дн\w*|недел\w*|месяц\w*|год\w*|лет)\b",
    re.IGNORECASE,
)
_CAPITALIZED_RUN = re.compile(
    r"\b(?P<run>[A-ZА-ЯЁ][a-zа-яё]+(?:[ -][A-ZА-ЯЁ][a-zа-яё]+)+)(?:\s+(?P<next>[\w-]+))?"
)
# Capitalized runs that are not a person: a sentence opening ("The Russian expert"), a place
# ("West Kazakhstan regions") or an organization ("Friedrich Ebert Foundation", "Trade Union").
_OPENING_WORDS = frozenset(
    """the a an in on at of for from by with and after before under during this these that
    those it its he she they his her their there when while as to according following""".split()
)
_PLACES_AND_BODIES = frozenset(
    """region regions oblast city district republic federation union unions trade foundation
    code council committee commission ministry department agency school university association
    company
    center centre office branch party parliament assembly government bank fund court house day
    week program programme project law act state nation
    области область региона регионов республики республика федерации федерация профсоюз
    профсоюза союза кодекс совет комитет министерство департамент школа университет центр
    фонд суд""".split()
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
        if following in _PLACES_AND_BODIES:
            continue
        if not any(word in _OPENING_WORDS or word in _PLACES_AND_BODIES for word in words):
            names.append(match["run"])
    return names


def names_a_person(sentence: str) -> bool:
    return bool(person_names(sentence))


def question_type(question: str) -> str:
    for kind, pattern in _QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return OTHER


# "on October 5 and 6", "in 2024": numbers that date something rather than count it.
_DATE_NUMBERS = re.compile(
    r"\b(?:" + "|".join(_MONTHS) + r")\w*\.?\s+\d{1,2}(?:\s*(?:and|-|–)\s*\d{1,2})?\b"
    r"|\b\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\w*|\b(?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)


def states(kind: str, sentence: str) -> bool:
    """Whether `sentence` contains the kind of fact a question of type `kind` asks for."""
    if kind == QUANTITY:
        return bool(_NUMBER.search(_DATE_NUMBERS.sub(" ", sentence)))
    if kind == TIME:
        # a date, or a time stated relative to something ("three days before the leave")
        return bool(_TIME.search(sentence)) or bool(
            _NUMBER.search(sentence) and _DURATION.search(sentence)
        )
    if kind == PERSON:
        return names_a_person(sentence)
    return True


_FUTURE_QUESTION = re.compile(
    r"\b(?:next|upcoming|coming)\b|^\s*when will\b|\bследующ\w*|\bближайш\w*|\bкогда будет\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|planned|plans? to|scheduled|next|upcoming|is to be|are to be|going to)\b"
    r"|\bбудет\b|\bбудут\b|\bпланиру\w*|\bследующ\w*",
    re.IGNORECASE,
)


def asks_about_future(question: str) -> bool:
    """ "When is the next congress?", "When will the school meet again?": a time to come, which
    a sentence about a past event ("the presidium discussed it on September 23") does not give."""
    return question_type(question) == TIME and bool(_FUTURE_QUESTION.search(question))


def gives_future_time(sentence: str) -> bool:
    """ "The next session of the school is planned for the autumn in Astana." """
    return states(TIME, sentence) and bool(_FUTURE.search(sentence))


_ASKS_FOR_AMOUNT = re.compile(
    r"\bwhat (?:is |was |are |were )?(?:the )?(?:[\w-]+ )?(?:budget|cost|price|fine|penalty|fee"
    r"|amount|sum|increase|raise)s?\b|\bhow much (?:does|do|did|will|would) [^?]*\bcost\b",
    re.IGNORECASE,
)


def asks_for_amount(question: str) -> bool:
    """ "What was the budget ...", "What wage increase ...", "How much does it cost to ...?": the
    answer is a figure. Only for the
    gate, not for ranking sentences (a number bonus there pulls in figures from other texts)."""
    return bool(_ASKS_FOR_AMOUNT.search(question))


# "the minimum wage" (and "минимальная заработная плата") names a thing, not a bound asked for.
_NOT_THE_WAGE = r"(?!\s+(?:wage|salary|pay)\b)"
_NOT_THE_RUSSIAN_WAGE = r"(?!\s+(?:заработн|зарплат|оплат))"
_ASKS_FOR_MEASURE = re.compile(
    rf"^\W*(?:\w+\W+){{0,3}}(?:(?:maximum|minimum){_NOT_THE_WAGE}|longest|shortest"
    r"|largest|smallest|highest|lowest|max|min"
    rf"|максимальн\w*|минимальн\w*{_NOT_THE_RUSSIAN_WAGE}|наибольш\w*|наименьш\w*"
    r"|самы\w* (?:длинн|коротк)\w*)\b",
    re.IGNORECASE,
)


def asks_for_measure(question: str) -> bool:
    """ "What is the maximum duration of a strike?", "the longest trial period": the answer is a
    number of something (hours, months, people). Only for the gate, like asks_for_amount. The
    word must open the question: "... make up for the higher minimum pay?" asks no measure, and
    "the minimum wage" is a thing asked about ("What should the minimum wage be linked to?")."""
    return bool(_ASKS_FOR_MEASURE.search(question))


_ASKS_FOR_MOST = re.compile(
    r"\b(?:maximum|longest|largest|highest|most|max)\b|максимальн|наибольш", re.IGNORECASE
)
_ASKS_FOR_LEAST = re.compile(
    rf"\b(?:minimum|shortest|smallest|lowest|least|min)\b{_NOT_THE_WAGE}"
    rf"|минимальн\w*{_NOT_THE_RUSSIAN_WAGE}|наименьш",
    re.IGNORECASE,
)
_UPPER_BOUND = re.compile(
    r"\b(?:not|never) (?:to )?exceed|\bno (?:more|longer|later) than\b|\bup to\b|\bat most\b"
    r"|\bmaximum\b|\blimit|не (?:может |должн\w* )?превыша|не более|\bдо\s+\w+",
    re.IGNORECASE,
)
_LOWER_BOUND = re.compile(
    r"\bno (?:less|fewer|shorter|earlier) than\b|\bat least\b|\bminimum\b|не менее|не меньше"
    r"|как минимум",
    re.IGNORECASE,
)


def bound_mismatch(question: str, quotes: list[str]) -> bool:
    """Whether the question asks for an upper bound ("What is the longest a fixed-term contract
    can last?") and the quotes state only a lower one ("a fixed term of no less than one
    year"), or the other way round. A measure question (see asks_for_measure) only."""
    if not asks_for_measure(question):
        return False
    text = " ".join(quotes)
    upper, lower = bool(_UPPER_BOUND.search(text)), bool(_LOWER_BOUND.search(text))
    if _ASKS_FOR_MOST.search(question) and not _ASKS_FOR_LEAST.search(question):
        return lower and not upper
    if _ASKS_FOR_LEAST.search(question) and not _ASKS_FOR_MOST.search(question):
        return upper and not lower
    return False


_ASKS_FOR_SHARE = re.compile(
    r"\bwhat (?:share|percentage|proportion|fraction|part) of\b|\bhow (?:big|large) (?:a )?"
    r"(?:share|proportion)\b|\bкакая доля\b|\bкакой процент\b|\bкакая часть\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"%|\bper ?cent|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b|\b(?:one|two|three|four"
    r"|\d+) (?:in|out of) (?:every )?\w+|процент|половин|трет|четверт",
    re.IGNORECASE,
)


def asks_for_share(question: str) -> bool:
    """ "What share of workers are union members?": the answer is a part of a whole. A count or
    a date ("Sixty-four participants took part in the three-day seminar") does not give one."""
    return bool(_ASKS_FOR_SHARE.search(question))


def gives_share(sentence: str) -> bool:
    """A percentage or a fraction ("18 percent", "about a quarter", "one in five")."""
    return bool(_SHARE.search(sentence))


def gives_figure(sentence: str) -> bool:
    """A sum, a share or a count for an "amount" question: not a date, not a number fused to a
    unit ("a three-day seminar"), not a length of time ("within two days", "fifteen working
    days") and not "one", which
    is mostly an article ("one of the main directions", "One nation")."""
    words = re.findall(r"[\w-]+", _DATE_NUMBERS.sub(" ", sentence).lower())
    for i, word in enumerate(words):
        if word in ("one", "один", "одна") or not _counts_something(word):
            continue
        # "two days", and "fifteen working days", "three calendar days": a length of time
        if not any(_DURATION.fullmatch(w) for w in words[i + 1 : i + 3]):
            return True
    return False


_COUNTED = re.compile(r"\bhow many ([\w-]+(?: [\w-]+){0,2})", re.IGNORECASE)
_NOT_COUNTED = set(
    "of the a an and or in on at for to did do does were are was is have has had".split()
)


def counted_words(question: str) -> list[str]:
    """The words after "how many" (the thing counted), up to three: "how many technical labor
    inspectors attended" -> technical, labor, inspectors."""
    match = _COUNTED.search(question)
    if not match:
        return []
    return [w for w in match.group(1).lower().split() if w not in _NOT_COUNTED and len(w) > 2]


def _counts_something(word: str) -> bool:
    """A number that counts: "37", "thirty-seven"; not one fused to a unit ("two-day seminar",
    "3-year plan"), which describes the unit rather than counting the people or things asked for."""
    if not _NUMBER.search(word):
        return False
    *_, last = word.split("-")
    return "-" not in word or bool(_NUMBER.fullmatch(last) or last.isdigit())


# "How many people took part" is answered by "6305 chairmen, inspectors and activists took part":
# people are counted under any name, so any head count will do.
_ANYONE = frozenset("people persons person individuals".split())


def counts(sentence: str, counted: list[str]) -> bool:
    """Whether a number stands within three words before one of the counted words ("Thirty-seven
    inspectors", "27 несчастных случаев"). A number after them counts something else ("its
    member organizations held 115 meetings"), and a date's day ("opened on March 14 for trade
    union activists") counts nothing."""
    words = re.findall(r"[\w-]+", _DATE_NUMBERS.sub(" ", sentence).lower())
    for i, word in enumerate(words):
        if _counts_something(word):
            window = words[i + 1 : i + 4]
            if any(w.startswith(c[: max(4, len(c) - 2)]) for w in window for c in counted):
                return True
    return False


def gives_count(sentence: str, counted: list[str]) -> bool:
    """Whether the sentence can answer "how many <counted>": it counts them, or, for people
    counted under any name, it states a head count of some kind."""
    if counts(sentence, counted):
        return True
    return bool(counted) and counted[0] in _ANYONE and states(QUANTITY, sentence)


_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(question: str) -> list[str]:
    return _FIGURE.findall(question)


_ACROSS_DOCUMENTS = re.compile(
    r"\b(?:compare\w*|comparison|both|differ\w*|difference\w*|across)\b"
    r"|\b(?:which|what|all|each of the|the|these|those|several|different) (?:seminars|addresses"
    r"|documents|materials|reports|guides)\b|сравн\w*|\bоба\b|\bобе\b|\bразниц\w*|\bотлич\w*",
    re.IGNORECASE,
)


def asks_across_documents(question: str) -> bool:
    """ "Compare the two seminars", "Which addresses mention wages?": the answer is expected to
    draw on several documents, so it is not narrowed to the best one."""
    return bool(_ACROSS_DOCUMENTS.search(question))


_YEAR = re.compile(r"(?<![\d.])(?:1[89]|20)\d\d(?![\d])")


def years_in(text: str) -> set[str]:
    return set(_YEAR.findall(text))


def other_year(question_years: set[str], sentence: str) -> bool:
    """Whether a sentence is dated to another year than the one the question names: "the address
    of September 2, 2024" is not answered by a sentence about the address of 2022."""
    stated = years_in(sentence)
    return bool(question_years and stated and not stated & question_years)


def names_in(question: str) -> list[str]:
    """Capitalized words after the first word: places, people, organizations, months."""
    names = []
    for word in _WORD.findall(question)[1:]:
        word = re.sub(r"['’]s$", "", word)
        if word[:1].isupper() and not word.isupper():
            names.append(word)
    return names


def mentions(term: str, flat_text: str) -> bool:
    """Whether lower-cased, comma-free `flat_text` mentions the term (names by their stem)."""
    term = term.lower().replace(",", "")
    if term[:1].isdigit():
        return re.search(rf"(?<![\d.]){re.escape(term)}(?![\d]|\.\d)", flat_text) is not None
    return term[: max(4, len(term) - 2)] in flat_text
