"""Misspelt words of a question, corrected to the words the materials use ("pregnent" ->
"pregnant").

A misspelt word finds nothing by keyword, pulls the question's vector away from the passage that
answers, and the evidence gate counts it as a word the quotes lack. A word is corrected only when
the dictionary of the question's language does not know it and no indexed chunk uses it, and only
to a dictionary word that some chunk uses, one edit away (two for words of LONG_WORD letters or
more); the more common word wins a tie. So a real word the materials lack ("paternity" where they
speak of maternity) is never turned into its neighbour, and a name is left alone. pyspellchecker
supplies the dictionaries (English, Russian) and the edits; the materials' vocabulary is the BM25
index's. A language without a dictionary there (Kazakh) is not corrected so. A place typed
small that the materials write only as a name, in either script, is capitalized ("kostanay"),
since what a question names is read from its capitals. Letters that another
language's keyboard lacks are restored (`PLAIN_LETTERS`: "канша сагат" is "қанша сағат"), where
exactly one spelling with them is a word of the materials and the typed one is not. Chat
shorthand ("ppl", "скока"; each language module's SHORTHAND) is written in full first.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from assistant.languages import ANY, LANGUAGES, language_of
from index_store.stemming import is_cyrillic, stem

LONG_WORD = 8  # words this long may be two edits from the right spelling
SHORTEST = 4  # shorter words are too often another real word one edit away
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_PLAIN_LETTERS = {code: m.PLAIN_LETTERS for code, m in LANGUAGES.items() if m.PLAIN_LETTERS}
# Words the materials' index leaves out (question words, stopwords) are known all the same.
_COMMON_WORDS = frozenset(
    w for m in LANGUAGES.values() if m.PLAIN_LETTERS for w in m.STOPWORDS.split()
)
# Chat shorthand of every language, spelt out ("ppl" -> "people"); the keys differ by script.
_SHORTHAND = {short: full for m in LANGUAGES.values() for short, full in m.SHORTHAND.items()}
_SHORT_WORD = re.compile(
    r"(?<![\w/])(?:"
    + "|".join(map(re.escape, sorted(_SHORTHAND, key=len, reverse=True)))
    + r")(?![\w/]|\.\w)",
    re.IGNORECASE,
)
# Languages whose dictionary lists a word in few of its forms: another form of one is known.
_LISTS_FEW_FORMS = {code: m.DICTIONARY_LISTS_FEW_FORMS for code, m in LANGUAGES.items()}
MAX_SPELLINGS = 256  # a word with more letters to restore is left as typed
REMEMBERED = 4096  # corrected questions kept; one question is corrected up to three times


def _restored_in_stem(typed: str, spelt: str, code: str) -> bool:
    """Whether a restored letter is in the stem the materials know `spelt` by (in language
    `code`): restoring only an ending makes another language's word ("трехсторонка") or another
    case ("семинарын") into a form that merely shares a stem with a word of the materials."""
    kept = len(stem(spelt, code))
    return any(a != b for a, b in zip(typed[:kept], spelt[:kept], strict=True))


def _spellings(word: str, letters: dict[str, str]) -> list[str]:
    """Every other spelling of `word` with some of its plain letters replaced by the letters
    they may stand for; none when there would be more than MAX_SPELLINGS."""
    options = [c + letters.get(c, "") for c in word]
    if math.prod(len(o) for o in options) > MAX_SPELLINGS:
        return []
    return ["".join(p) for p in itertools.product(*options) if "".join(p) != word]


@cache
def _dictionary(code: str) -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language=code, distance=1)


@cache
def _dictionary_stems(code: str) -> frozenset[str]:
    """The stems of the dictionary's words: its Russian list has one or two forms of a word
    ("снимать", not "снимается"), and an inflected form is no misspelling."""
    return frozenset(stem(word, code) for word in _dictionary(code).word_frequency)


def _dictionary_knows(word: str, code: str) -> bool:
    """Whether the language's dictionary knows `word` (lower case): as spelt, or by its stem
    where the dictionary lists few forms of a word."""
    if word in _dictionary(code):
        return True
    return bool(_LISTS_FEW_FORMS.get(code)) and stem(word, code) in _dictionary_stems(code)


def _in_dictionary(dictionary: Any, spellings: Iterable[str]) -> set[str]:
    """The dictionary's words among `spellings` (lower case): pyspellchecker's `known` checks
    each of a long word's 100,000 two-edit spellings in Python, a fifth of a second; a set
    intersection does it in C."""
    return dictionary.word_frequency.dictionary.keys() & set(spellings)


class SpellingCorrector:
    """`corrected(question)`: the question with its misspelt words put right.

    `in_materials(word)`: whether an indexed chunk uses the word (after stemming). `materials()`:
    the vocabulary `in_materials` reads now (the BM25 index); what was corrected is remembered
    until it is another one, since each question is corrected again on its way (the answer, the
    draft, the second opinion) and the dictionary lookups are a tenth of a question's time.
    Without `materials` nothing is remembered: the vocabulary may change unseen."""

    def __init__(
        self,
        in_materials: Callable[[str], bool],
        materials: Callable[[], object] | None = None,
        is_name: Callable[[str], bool] | None = None,
    ) -> None:
        """`is_name(word)`: whether the materials write the word only as a name, in either
        script; such a word typed small is capitalized (`with_names_capitalized`)."""
        self._in_materials = in_materials
        self._materials = materials
        self._is_name = is_name
        self._read_from: object = None
        self._remembered: dict[str, str] = {}
        self._words: dict[tuple[str, str], str | None] = {}

    def corrected(self, question: str) -> str:
        # with no `materials` to watch, a new object each time: nothing is reused
        current = self._materials() if self._materials is not None else object()
        if current is not self._read_from or len(self._remembered) >= REMEMBERED:
            self._remembered, self._words = {}, {}
            self._read_from = current
        remembered = self._remembered.get(question)
        if remembered is None:
            remembered = self._remembered[question] = self._corrected(question)
        return remembered

    def _corrected(self, question: str) -> str:
        question = self.with_shorthand_spelt_out(question)
        question = self.with_letters_restored(question)
        question = self.with_names_capitalized(question)
        code = getattr(LANGUAGES.get(language_of(question)), "SPELLING", "")
        if not code:
            return question
        dictionary = _dictionary(code)

        def put_right(match: re.Match[str]) -> str:
            word = match.group(0)
            if match.start() and word[0].isupper():
                return word  # a name, or a word its writer took care over
            key = (code, word.lower())
            if key not in self._words:
                self._words[key] = self._correction(key[1], dictionary, code)
            better = self._words[key]
            if better is None:
                return word
            return better.capitalize() if word[0].isupper() else better

        return _WORD.sub(put_right, question)

    def with_names_capitalized(self, question: str) -> str:
        """`question` with the places and people it types small written as names ("the
        kostanay seminar" -> "the Kostanay seminar") where the materials write the word only
        as a name, perhaps in the other script ("Қостанай"), unless the materials also write it
        and the language's dictionary knows it ("code" of "the Labor Code" stays small): what a
        question names is read from its capitals, and chat is typed in small letters."""
        if self._is_name is None:
            return question
        code = getattr(LANGUAGES.get(language_of(question)), "SPELLING", "")

        def capitalized(match: re.Match[str]) -> str:
            word = match.group(0)
            if (
                not word.islower()
                or len(word) < SHORTEST
                or word in ANY.stopwords  # never a name, whatever the corpus capitalizes
                # the dictionary speaks only for words the materials write: it lists many
                # places, which a Kazakh or Russian document alone may name
                or (code and self._in_materials(word) and _dictionary_knows(word, code))
                or not self._is_name(word)
            ):
                return word
            return word[:1].upper() + word[1:]

        return _WORD.sub(capitalized, question)

    def with_shorthand_spelt_out(self, question: str) -> str:
        """`question` with its chat shorthand written in full ("how many ppl came" -> "how many
        people came"), where the materials do not use the short form themselves."""

        def spell_out(match: re.Match[str]) -> str:
            short = match.group(0)
            if self._in_materials(short.lower()):
                return short
            full = _SHORTHAND[short.lower()]
            # "U can ...?" opens a sentence, so does "You"; a capital inside one is no name.
            opens = match.string[: match.start()].rstrip()[-1:] in ("", ".", "?", "!")
            return full[:1].upper() + full[1:] if opens and short[:1].isupper() else full

        return _SHORT_WORD.sub(spell_out, question)

    def with_letters_restored(self, question: str) -> str:
        """`question` with the letters its writer's keyboard lacked put back, in its Cyrillic
        words: a word the materials do not use becomes the one spelling with them they use."""

        def restore(match: re.Match[str]) -> str:
            word = match.group(0)
            low = word.lower()
            if match.start() and word[0].isupper():
                return word  # a name: matched across spellings where it is looked for
            if not is_cyrillic(word) or low in _COMMON_WORDS or self._in_materials(low):
                return word
            found = {
                spelt
                for code, letters in _PLAIN_LETTERS.items()
                for spelt in _spellings(low, letters)
                if spelt in _COMMON_WORDS
                or (_restored_in_stem(low, spelt, code) and self._in_materials(spelt))
            }
            if len(found) != 1:
                return word
            (spelt,) = found
            return spelt.capitalize() if word[0].isupper() else spelt

        return _WORD.sub(restore, question)

    def _correction(self, word: str, dictionary: Any, code: str) -> str | None:
        if len(word) < SHORTEST or not word.isalpha() or self._known(word, dictionary):
            return None
        if _dictionary_knows(word, code):
            return None  # another form of a dictionary word
        near = _in_dictionary(dictionary, dictionary.edit_distance_1(word))
        if not near and len(word) >= LONG_WORD:
            near = _in_dictionary(dictionary, dictionary.edit_distance_2(word))
        used = [w for w in near if w.isalpha() and self._in_materials(w)]
        if not used:
            return None
        return max(sorted(used), key=dictionary.word_usage_frequency)

    def _known(self, word: str, dictionary: Any) -> bool:
        """Known to the dictionary or used by the materials; "dont" is "don't" without its
        apostrophe, not a misspelt "done"."""
        if word in dictionary or self._in_materials(word):
            return True
        return any(f"{word[:i]}'{word[i:]}" in dictionary for i in range(1, len(word)))
