"""Misspelt words of a question, corrected to the words the materials use ("pregnent" ->
"pregnant").

A misspelt word finds nothing by keyword, pulls the question's vector away from the passage that
answers, and the evidence gate counts it as a word the quotes lack. A word is corrected only when
the dictionary of the question's language does not know it and no indexed chunk uses it, and only
to a dictionary word that some chunk uses, one edit away (two for words of LONG_WORD letters or
more); the more common word wins a tie. So a real word the materials lack ("paternity" where they
speak of maternity) is never turned into its neighbour, and a name is left alone. pyspellchecker
supplies the dictionaries (English, Russian) and the edits; the materials' vocabulary is the BM25
index's. A language without a dictionary there (Kazakh) is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from assistant.languages import LANGUAGES, language_of

LONG_WORD = 8  # words this long may be two edits from the right spelling
SHORTEST = 4  # shorter words are too often another real word one edit away
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@cache
def _dictionary(code: str) -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language=code, distance=1)


class SpellingCorrector:
    """`corrected(question)`: the question with its misspelt words put right.

    `in_materials(word)`: whether an indexed chunk uses the word (after stemming)."""

    def __init__(self, in_materials: Callable[[str], bool]) -> None:
        self._in_materials = in_materials

    def corrected(self, question: str) -> str:
        code = getattr(LANGUAGES.get(language_of(question)), "SPELLING", "")
        if not code:
            return question
        dictionary = _dictionary(code)

        def put_right(match: re.Match[str]) -> str:
            word = match.group(0)
            if match.start() and word[0].isupper():
                return word  # a name, or a word its writer took care over
            better = self._correction(word.lower(), dictionary)
            if better is None:
                return word
            return better.capitalize() if word[0].isupper() else better

        return _WORD.sub(put_right, question)

    def _correction(self, word: str, dictionary: Any) -> str | None:
        if len(word) < SHORTEST or not word.isalpha() or self._known(word, dictionary):
            return None
        near = dictionary.known(dictionary.edit_distance_1(word))
        if not near and len(word) >= LONG_WORD:
            near = dictionary.known(dictionary.edit_distance_2(word))
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
