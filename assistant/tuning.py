"""Constants fitted on data, in one place. Where each came from: docs/tuning.md.

Each is a plain number the code reads by name; change one here and rerun the blind set and the
cross-validation (docs/evaluation.md) before keeping it.
"""

from __future__ import annotations

# The synonym check: the near-synonym bar for the question's verb, lower than the settings'
# `concept_threshold` for other words (single verbs sit far apart in the small model's space).
VERB_THRESHOLD = 0.3
# The word-pull check: how much closer to the quotes a question may come when one of its words
# that the cited material lacks is left out, before that word counts as not covered.
WORD_PULL_LIMIT = 0.1
