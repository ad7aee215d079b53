"""Near misses made from answerable questions, to train the learned answer check on.

SQuAD 2.0's lesson: an answer check learns to refuse near misses only from many of them. Each
answerable training question gives one: its rarest content word that the answering documents
use is swapped for the corpus word the embedding model puts nearest to it among those the
answering documents never use ("annual leave" becomes "study leave" where the document speaks
of annual leave only). The new question reads like the old one and shares the corpus's words, but
what it asks about is not in the document that answered it: unanswerable, as far as one word of
meaning can make it so. A swapped-in synonym leaves it answerable; such label noise is the cost
of having a thousand near misses instead of the hundred written by hand.

Near misses train the learner only; every figure is measured on the written questions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np

from assistant.answer_types import mentions
from assistant.gate import Lexicon, flatten
from eval.golden import GoldenItem

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
VOCABULARY_SIZE = 4000  # the corpus's most frequent content words a swap may bring in
ENDING_BONUS = 0.1  # added to a candidate's cosine when it ends as the swapped word does
MIN_LENGTH = 4  # shorter words are mostly function words the stopword lists miss


def corpus_vocabulary(texts: list[str], lexicon: Lexicon) -> list[str]:
    """The corpus's most frequent content words, each once."""
    counts = Counter(
        word
        for text in texts
        for word in lexicon.content_words(text)
        if len(word) >= MIN_LENGTH and word.isalpha()
    )
    return [word for word, _n in counts.most_common(VOCABULARY_SIZE)]


def near_miss_maker(assistant) -> Callable[[GoldenItem], str | None]:
    """For an assistant over one corpus: a function giving an answerable item's near miss (or
    None), with the corpus's vocabulary read once."""
    index, lexicon = assistant.keyword_index, assistant.gate.lexicon
    texts = [index.document_text([doc]) for doc in index.document_ids()]
    vocabulary = corpus_vocabulary(texts, lexicon)

    def make(item: GoldenItem) -> str | None:
        if not item.answerable or not item.documents:
            return None
        return swap_one_word(
            item.question, index.document_text(item.documents), vocabulary, lexicon
        )

    return make


def _same_script(a: str, b: str) -> bool:
    return bool(_CYRILLIC.search(a)) == bool(_CYRILLIC.search(b))


def swap_one_word(
    question: str,
    answer_text: str,
    vocabulary: list[str],
    lexicon: Lexicon,
    is_name: Callable[[str], bool] = lambda word: word[:1].isupper(),
) -> str | None:
    """The question with its rarest answered word swapped for the nearest corpus word that the
    answer's documents lack; None when no word can be swapped."""
    flat = flatten(answer_text)
    surface = {
        token.lower(): token
        for at, token in enumerate(re.findall(r"[^\W\d_][\w'’-]*", question))
        if at == 0 or not is_name(token)
    }
    targets = [
        word
        for word in dict.fromkeys(lexicon.content_words(question))
        if word in surface and len(word) >= MIN_LENGTH and mentions(word, flat)
    ]
    if not targets:
        return None
    target = max(targets, key=lexicon.rarity)
    candidates = [
        word
        for word in vocabulary
        if _same_script(word, target) and not mentions(word, flat) and word[:4] != target[:4]
    ]
    if not candidates:
        return None
    similarity = lexicon.vectors([target]) @ lexicon.vectors(candidates).T
    # The same ending, a rough same part of speech and case: "pregnant" gets an adjective.
    ending = np.asarray([word[-2:] == target[-2:] for word in candidates], dtype=float)
    swapped = candidates[int(np.argmax(similarity[0] + ENDING_BONUS * ending))]
    original = surface[target]
    if original[:1].isupper():
        swapped = swapped[:1].upper() + swapped[1:]
    return re.sub(rf"(?<!\w){re.escape(original)}(?!\w)", swapped, question, count=1)
