"""Check an LLM's answer against the passages it was given, sentence by sentence.

The model is asked to put `[n]` after every claim. We keep a sentence only when it cites at least
one passage that exists; markers pointing nowhere are removed, uncited sentences are dropped, and
the citations are renumbered in order of use. What is left is as traceable as the extractive
answer, though not verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import Citation, Passage
from assistant.reasons import Reason

NOT_COVERED_REPLY = "NOT COVERED"
_MARKERS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")


@dataclass(frozen=True)
class Grounded:
    text: str
    citations: tuple[Citation, ...]
    dropped_sentences: int
    removed_markers: int

    def notice_in(self, code: str) -> str | None:
        """What was removed from the model's answer, in the language `code`."""
        parts = []
        if self.dropped_sentences:
            parts.append(Reason("llm_dropped", n=self.dropped_sentences).in_language(code))
        if self.removed_markers:
            parts.append(Reason("llm_removed", n=self.removed_markers).in_language(code))
        if not parts:
            return None
        text = "; ".join(parts) + "."
        return text[:1].upper() + text[1:]


def _sentences(text: str) -> list[str]:
    from llama_index.core.node_parser.text.utils import split_by_sentence_tokenizer

    tokenize = split_by_sentence_tokenizer()
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-*\u2022]\s)", text):
        paragraph = " ".join(paragraph.split()).lstrip("-*\u2022 ")
        if paragraph:
            found.extend(s.strip() for s in tokenize(paragraph) if s.strip())
    # A marker that punkt left at the start of the next sentence belongs to the previous one.
    merged: list[str] = []
    for sentence in found:
        match = re.match(r"^((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)(.*)$", sentence)
        if match and merged:
            merged[-1] += " " + match.group(1).strip()
            sentence = match.group(2).strip()
        if sentence:
            merged.append(sentence)
    return merged


def ground(raw: str, passages: list[Passage]) -> Grounded:
    """Keep the supported sentences of `raw`, renumbering citations to 1..m in order of use."""
    numbers: dict[int, int] = {}  # passage index (1-based, as given) -> citation number
    kept: list[str] = []
    dropped = removed = 0
    for sentence in _sentences(raw):
        cited: list[int] = []
        for group in _MARKERS.findall(sentence):
            for value in re.findall(r"\d+", group):
                index = int(value)
                if 1 <= index <= len(passages):
                    if index not in cited:
                        cited.append(index)
                else:
                    removed += 1
        body = _MARKERS.sub("", sentence).strip()
        if not body:
            continue
        if not cited:
            dropped += 1
            continue
        for index in cited:
            numbers.setdefault(index, len(numbers) + 1)
        markers = "".join(f"[{numbers[i]}]" for i in cited)
        kept.append(f"{body} {markers}")
    citations = tuple(
        Citation(n, passages[index - 1]) for index, n in sorted(numbers.items(), key=lambda x: x[1])
    )
    return Grounded(" ".join(kept), citations, dropped, removed)
