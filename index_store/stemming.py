"""The words BM25 indexes, by language: each chunk's words reduced by its own language's stemmer,
each question's by the question's.

English and Russian use Snowball (PyStemmer). Kazakh has no Snowball stemmer; a suffix stripper
(one case or verb ending, one possessive, one plural, in that order from the end; the stem kept
at four letters or more) is used. `python bench/stemmers.py` chose them (figures in
docs/evaluation.md): for Kazakh questions it beats the Russian Snowball Kazakh words got before;
kazstem, the PyPI Kazakh analyzer, cannot run offline (its wheel has no finite-state resources)
and is GPL-3.0. For 106 Russian questions Snowball (0.675) beat the pymorphy3 lemmatizer (0.669).
"""

from __future__ import annotations

import re
from functools import cache

# Bumped whenever the words indexed change: a BM25 index built with another version is rebuilt.
TOKENS_VERSION = "3"
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # bm25s's and llama-index's default
_TOKEN = re.compile(TOKEN_PATTERN)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
KAZAKH_LETTERS = frozenset("әіңғүұқөһӘІҢҒҮҰҚӨҺ")
# Kazakh endings by slot, in the order they are stripped from the end of a word: a case ending
# (or a common verb ending), then a possessive, then the plural: "қатысушы-лар-дың".
_KAZAKH_SLOTS = tuple(
    tuple(sorted(slot.split(), key=len, reverse=True))
    for slot in (
        """ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті да де та те нда нде дан
        ден тан тен нан нен мен бен пен менен ған ген қан кен атын етін йтын ады еді йды йді
        дағы дегі тағы тегі ндағы ндегі""",
        "ымыз іміз ыңыз іңіз мыз міз ңыз ңіз ым ім ың ің сы сі ы і",
        "лар лер дар дер тар тер",
    )
)
KAZAKH_MIN_STEM = 4


def language_of(text: str) -> str:
    """'kk', 'ru' or 'en' from the letters used: Cyrillic with a Kazakh letter is Kazakh."""
    sample = text[:5000]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in sample)
    latin = sum(ch.isascii() and ch.isalpha() for ch in sample)
    if cyrillic > latin:
        return "kk" if any(ch in KAZAKH_LETTERS for ch in sample) else "ru"
    return "en"


def kazakh_stem(word: str) -> str:
    """At most one ending of each slot stripped, the stem kept at KAZAKH_MIN_STEM letters:
    "қатысушылардың" -> "қатысушы", "төрағалары" -> "төраға", "семинарды" -> "семинар"."""
    for slot in _KAZAKH_SLOTS:
        for suffix in slot:
            if word.endswith(suffix) and len(word) - len(suffix) >= KAZAKH_MIN_STEM:
                word = word[: -len(suffix)]
                break
    return word


@cache
def _snowball(language: str):
    import Stemmer

    return Stemmer.Stemmer(language).stemWord


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def is_cyrillic(text: str) -> bool:
    """Whether `text` has a Cyrillic letter: which stemmer reads a word, which script it is in."""
    return _CYRILLIC.search(text) is not None


def stem(word: str, language: str) -> str:
    """`word` (lower case) reduced: Latin words by English Snowball, Cyrillic ones by the Kazakh
    stripper in Kazakh text and by Russian Snowball otherwise."""
    if not is_cyrillic(word):
        return _snowball("english")(word)
    if language == "kk":
        return kazakh_stem(word)
    return _snowball("russian")(word)


def stems(word: str) -> set[str]:
    """Every form `word` may be indexed under, whatever the language of the text it is in."""
    word = word.lower()
    return {stem(word, "en"), stem(word, "kk")} if is_cyrillic(word) else {stem(word, "en")}


def index_words(text: str, language: str | None = None) -> list[str]:
    """The words of `text` BM25 indexes or searches, in order: lower case, two letters or more,
    no English stopword, each reduced by `language` (default: read from the text)."""
    language = language or language_of(text)
    stopwords = _stopwords()
    return [stem(w, language) for w in _TOKEN.findall(text.lower()) if w not in stopwords]


class ScriptStemmer:
    """PyStemmer-compatible (`stemWord`): Russian Snowball for Cyrillic words, English for the rest.
    What the answer's sentence ranking stems with, where a word comes without its text's
    language."""

    def stemWord(self, word: str) -> str:  # noqa: N802 - the PyStemmer protocol
        return stem(word, "ru")

    def stemWords(self, words: list[str]) -> list[str]:  # noqa: N802
        return [self.stemWord(w) for w in words]
