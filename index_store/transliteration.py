"""Names across scripts: "Shymkent" in an English question is "Шымкент" (or "Шымкентте") in a
Kazakh or Russian report, "Семей" in a Russian question is "Semey" in an English one, and the
Russian "Актобе" is the Kazakh "Ақтөбе".

Exact or stem matching cannot see that, so a check that wants the question's place in the
cited report refused every answer quoted across languages, and BM25 never found the report.
Both spellings are reduced to one Latin key (anyascii's romanisation, with the letters that
romanisations of Kazakh and Russian disagree on folded together) and compared by prefix, so
that a case ending ("Таразе", "Семейде") still matches. Where the gate looks for a name,
"y" and "i" are one letter, and a long name may differ in one more ("Turkestan", "Түркістан").
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Romanisations disagree on these: Қ is "Q" or "K", Ғ "Gh" or "G", Х "Kh" or "H".
_FOLDS = (("q", "k"), ("gh", "g"), ("kh", "h"))
# ... and on Й and Ы, "Y" or "I" ("Abay", "Abai"; "Semey", "Semei"). Folded only where a name is
# looked for (named_in): in BM25's other spellings of every word it merged Russian "ы" and "и".
_NAME_FOLDS = (("y", "i"),)
MIN_NAME = 4  # shorter names ("Ai", "Ust") match too much by prefix
# A longer word matches a name when it starts with it and adds at most this many letters (a
# case ending: "Шымкенттегі" is "Shymkent" and four letters).
MAX_ENDING = 5
# From this length the name's last letter may differ too ("Караганде" for "Karaganda").
LOOSE_FROM = 6
# From this length one more letter may differ, most often a vowel that romanisations spell
# otherwise ("Turkestan" for "Түркістан").
ONE_LETTER_FROM = 8


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """One Latin spelling for a word in either script: romanised, lower case, letters only,
    doubled letters single."""
    key = re.sub(r"[^a-z]", "", anyascii(word).lower())
    for spelt, folded in _FOLDS:
        key = key.replace(spelt, folded)
    return re.sub(r"(.)\1+", r"\1", key)


def keys_alike(name: str, word: str, loose: bool = False) -> bool:
    """Whether two keys (`name_key`) spell one name, `word` perhaps with a case ending;
    `loose`: Й and Ы may be "y" or "i", and a long name may differ in one more letter."""
    if loose:
        name, word = _loose(name), _loose(word)
    return _alike(name, word, loose)


def _loose(key: str) -> str:
    for spelt, folded in _NAME_FOLDS:
        key = key.replace(spelt, folded)
    return key


def _alike(name: str, word: str, loose: bool) -> bool:
    """`keys_alike` on keys already folded (`_loose`) where `loose`."""
    if len(name) < MIN_NAME or len(word) < MIN_NAME:
        return False
    short, long = sorted((name, word), key=len)
    if len(long) - len(short) > MAX_ENDING:
        return False
    stem = short[:-1] if len(short) >= LOOSE_FROM else short
    if long.startswith(stem):
        return True
    if not loose or len(short) < ONE_LETTER_FROM:
        return False
    return sum(a != b for a, b in zip(stem, long, strict=False)) == 1


# Places of Kazakhstan whose Kazakh, Russian or former names differ beyond spelling, so that no
# key matches ("Өскемендегі семинар" is the report "Ust-Kamenogorsk seminar"). A gazetteer, not
# one language's pattern: documents in all three languages use either name.
OTHER_NAMES = (
    ("Өскемен", "Усть-Каменогорск"),
    ("Орал", "Уральск"),
    ("Семей", "Семипалатинск"),
    ("Астана", "Нур-Султан", "Акмола", "Целиноград"),
    ("Алматы", "Алма-Ата"),
    ("Тараз", "Джамбул"),
    ("Қонаев", "Капшагай"),
    ("Жезқазған", "Джезказган"),
    ("Қызылорда", "Кзыл-Орда"),
    ("Шымкент", "Чимкент"),
    ("Петропавл", "Петропавловск"),
    ("Ақтөбе", "Актюбинск"),
    ("Қостанай", "Кустанай"),
    ("Көкшетау", "Кокчетав"),
    ("Талдықорған", "Талды-Курган"),
)


def named_in(name: str, text: str) -> bool:
    """Whether a word of `text` spells `name`, in either script or another romanisation
    ("Қостанай", "Qostanay" and "Костанай" for "Kostanay"), perhaps with a case ending, or
    names the same place otherwise (`OTHER_NAMES`)."""
    key = name_key(name)
    if len(key) < MIN_NAME:
        return False
    words = _loose_word_keys(text)
    spellings = [_loose(spelt) for spelt in _spellings(key)]
    return any(_alike(spelt, word, True) for spelt in spellings for word in words)


@lru_cache(maxsize=4096)
def _spellings(key: str) -> tuple[str, ...]:
    """`key` and the keys of the place's other names, where it is one of OTHER_NAMES."""
    others = [
        other
        for names in _OTHER_KEYS
        if any(keys_alike(name, key, loose=True) for name in names)
        for other in names
    ]
    return tuple(dict.fromkeys([key, *others]))


_OTHER_KEYS = tuple(tuple(name_key(name) for name in names) for names in OTHER_NAMES)


@lru_cache(maxsize=16)
def _loose_word_keys(text: str) -> tuple[str, ...]:
    """The folded keys (`_loose`) of the words of `text` long enough to spell a name: the gate
    asks after several names in the same cited documents, so each text is read once (named_in
    compared each name with every word: a tenth of the slowest answers' time at 100,000
    chunks)."""
    keys = {_loose(name_key(word)) for word in set(_WORD.findall(text))}
    return tuple(k for k in keys if len(k) >= MIN_NAME)
