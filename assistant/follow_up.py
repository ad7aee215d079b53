"""Whether a question leans on the conversation, learned instead of written as rules.

"how many people took part" leans on the seminar asked about before; "what's the N-1 form" does
not, though both are short and name nothing. The rules (a pronoun, an opener and a phrase, a
question with at most one content word) missed a follow-up in four; a logistic regression over
general features of the question, the previous question and what retrieval finds for each
decides instead. The rules still choose how a leaning question is rewritten.

The weights ship in `assistant/models/follow_up-<model>.json` (retrieval scores differ by model),
rebuilt deterministically by `python -m eval.train_follow_up`, which records the sets, the
cross-validated figures and the threshold there.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.conversation import RuleRewriter, reading_of
from assistant.learned_check import CheckWeights, follow_up_weights_path

FOLLOW_UP_FEATURES = (
    "opener",  # "and ...", "what about ...", "а ...", "ал ..."
    "end",  # a closing "ше"
    "back",  # a pronoun or determiner that points back ("it", "there", "этот", "оны")
    "phrase",  # no question word, short: "the Semey seminar", "in 2023"
    "own_name",  # a name of its own (capitalized, or a word the corpus writes as a name)
    "own_year",
    "n_content",  # content words of its own
    "n_words",
    "shared",  # the share of its content words the previous question has
    "score",  # its best passage's score, alone
    "gain",  # the best score with the previous subject joined, minus alone
    "same_top",  # alone, its best passage is from the previous question's best document
    "previous_in_5",  # ... which is among its first five passages
    "previous_gap",  # its best score minus the previous document's best passage's
    "margin",  # its best score minus the best passage of another document
    "rarity",  # its rarest word's inverse document frequency in the corpus
    "joined_same",  # joined, its best passage is from the previous question's best document
)

Ranked = Callable[[str], list[tuple[str, float]]]  # a question's passages: (document, score)


def follow_up_features(
    question: str, previous: str, rewriter: RuleRewriter, ranked: Ranked
) -> np.ndarray:
    """FOLLOW_UP_FEATURES of `question` asked after `previous` (its standalone form)."""
    read = reading_of(question, rewriter.is_name)
    alone, before = ranked(question), ranked(previous)
    joined = ranked(f"{read.rest} — {rewriter.context(previous, question)}?")
    previous_doc = before[0][0] if before else None
    score = alone[0][1] if alone else 0.0
    others = [s for d, s in alone if alone and d != alone[0][0]]
    said = {w.lower()[:5] for w in read.words_of(previous)}
    rarity = rewriter.rarity or (lambda word: 0.0)
    values = {
        "opener": read.opener,
        "end": read.end,
        "back": read.back,
        "phrase": RuleRewriter.is_phrase(read.rest),
        "own_name": read.own_name,
        "own_year": read.own_year,
        "n_content": len(read.content),
        "n_words": len(read.words),
        "shared": sum(w.lower()[:5] in said for w in read.content) / max(1, len(read.content)),
        "score": score,
        "gain": (joined[0][1] if joined else 0.0) - score,
        "same_top": bool(alone) and alone[0][0] == previous_doc,
        "previous_in_5": previous_doc in [d for d, _ in alone[:5]],
        "previous_gap": score - max((s for d, s in alone if d == previous_doc), default=0.0),
        "margin": score - (others[0] if others else 0.0),
        "rarity": max((rarity(w.lower()) for w in read.content), default=0.0),
        "joined_same": bool(joined) and joined[0][0] == previous_doc,
    }
    return np.array([float(values[name]) for name in FOLLOW_UP_FEATURES])


class LearnedFollowUp:
    """`decides(question, previous)`: whether `question` leans on the conversation."""

    def __init__(self, weights: CheckWeights, rewriter: RuleRewriter, ranked: Ranked) -> None:
        self.weights = weights
        self.rewriter = rewriter
        self.ranked = ranked

    @classmethod
    def load(cls, model_id: str, rewriter: RuleRewriter, ranked: Ranked) -> LearnedFollowUp | None:
        """The decision trained for `model_id`'s scores, or None (the rules decide) if none is."""
        path = follow_up_weights_path(model_id)
        if not path.exists():
            return None
        rebuild = "python -m eval.train_follow_up"
        return cls(CheckWeights.read(path, FOLLOW_UP_FEATURES, rebuild), rewriter, ranked)

    def probability(self, question: str, previous: str) -> float:
        x = follow_up_features(question, previous, self.rewriter, self.ranked)
        return self.weights.probability(x)

    def __call__(self, question: str, previous: str) -> bool:
        return self.probability(question, previous) >= self.weights.threshold
