"""Constants fitted on data, in one place. Where each came from: docs/tuning.md.

Each is a plain number the code reads by name. Change one here, then rerun the blind set and the
cross-validation (`python -m eval.train_check --report`) before keeping it.
"""

from __future__ import annotations

# -- retrieval (assistant.retrieval, assistant.service) ---------------------------------------
DENSE_WEIGHT = 0.7  # the dense side's share of the hybrid retriever's fused score
UNREAD_DENSE_WEIGHT = 0.3  # ... for a question in a language the model was not trained on
CROSS_LANGUAGE_OFFSET = 0.03  # added to a cross-language (centred) cosine when fusing
CROSS_LANGUAGE_LEXICAL = 0.5  # a cross-language passage's BM25 side: this times its dense side
SUPPORTING_MARGIN = 0.15  # passages this far under the relevance threshold may still be quoted
KEYWORD_DEPTH = 10  # the best document's passage BM25 ranks first among its first N is read
MATERIAL_BAND = 0.3  # a handout keeps passages within this of the best one's score
# Two answers restate one rule in two languages when a quote of each is this near by the
# multilingual model (normalized sentence vectors): a doubted English answer then stands.
RESTATED_AT = 0.5

# -- sentence ranking (assistant.extractive) ---------------------------------------------------
KEEP_WITHIN = 0.15  # a sentence is kept next to the best one when this close to it
LEXICAL_WEIGHT = 0.2  # the question's content words in a sentence, weighted by rarity
PAIR_WEIGHT = 0.1  # the question's word pairs kept together in a sentence
PREDICATE_BONUS = 0.2  # a sentence with what a "who" question says was done
ASKED_VERB_BONUS = 0.4  # a sentence with the verb that ends a "what did X ...?" question
RARE_VERB_SENTENCES = 2  # ... only when at most this many candidates have that verb
TITLE_WEIGHT = 0.1  # the question's words in the title of the sentence's document
OTHER_YEAR_PENALTY = 0.2  # a document dated to another year than the question names
ANSWER_TYPE_BONUS = 0.1  # a sentence that states the kind of fact asked for
SPECIFIC_TERMS_BONUS = 0.1  # a passage with the question's numbers and names
UNREAD_SIMILARITY_WEIGHT = 0.5  # the model's similarity for a language it was not trained on
CONTEXT_SENTENCES = 5  # the answering document's best sentences quoted in all, context included

# The hand-set weight of each column of `assistant.extractive.SENTENCE_FEATURES`.
HAND_SENTENCE_WEIGHTS = (
    1.0,  # similarity
    LEXICAL_WEIGHT,
    PAIR_WEIGHT,
    ANSWER_TYPE_BONUS,  # states the asked type
    ANSWER_TYPE_BONUS,  # counts what is asked
    SPECIFIC_TERMS_BONUS,
    PREDICATE_BONUS,
    ASKED_VERB_BONUS,
    -OTHER_YEAR_PENALTY,
    TITLE_WEIGHT,
    0.0,  # passage score
    0.0,  # passage rank
    0.0,  # opens its document
    0.0,  # length
    0.0,  # other language
    0.0,  # similarity, other language
    0.0,  # title similarity
)


# -- the evidence gate (assistant.checks) ------------------------------------------------------
# The word-pull check: how much closer to the quotes a question may come when one of its words
# that the cited material lacks is left out, before that word counts as not covered.
WORD_PULL_LIMIT = 0.1
# The unread-words check (a question the model cannot read): it refuses when at least
# 1 / UNREAD_MISSING_SHARE of the question's content words are missing from the cited documents.
UNREAD_MISSING_SHARE = 1
