"""What a question says, read from its shape: its verb, the event it means, what it says was
spoken about, the branch or kind of work it names, and the superlative it turns on. Regular
expressions, not a tagger: no part-of-speech model ships with the stack, and these shapes are
few."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.languages import ANY, for_text

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_LETTERS = r"[^\W\d_]+"
_AUXILIARY = r"\b(?:must|should|can|could|does|do|did|will|would|may)\s+"
_DETERMINER = r"(?:(?:the|a|an|my|our|their|his|her|its|your)\s+)?"
_WHO_VERB = re.compile(rf"^\s*who\s+({_LETTERS})", re.IGNORECASE)
_WHO_VERB_ANY = re.compile(rf"^\s*(?:who|кто)\s+({_LETTERS})", re.IGNORECASE)
# "How quickly must a company notify ...": the auxiliary, the subject's first word, the verb.
_INVERTED_VERB = re.compile(rf"{_AUXILIARY}{_DETERMINER}{_LETTERS}\s+({_LETTERS})", re.IGNORECASE)


def question_verbs(question: str) -> set[str]:
    """The question's main verb where its shape shows it: "runs" in "Who runs ...?", "notify" in
    "How quickly must a company notify ...?", "call" in "Can my boss call me ...?"."""
    verbs = {m.group(1).lower() for m in _WHO_VERB.finditer(question)}
    verbs |= {m.group(1).lower() for m in _INVERTED_VERB.finditer(question)}
    return verbs


_COPULAS = frozenset("is are was were will can could may might should must has have had".split())


_RUSSIAN_COPULAS = frozenset("был была были было является являются будет будут".split())
_NAME = re.compile(r"\b[A-ZА-ЯЁ]")
# "elected by the general meeting of the workers": a passive that names who does it, in other
# words than the question's ("Who chooses ...?").
_PASSIVE_AGENT = re.compile(
    r"\b[^\W\d_]+(?:ed|en)\s+by\s+(?:the|a|an|its|their)\s+[^\W\d_]+", re.IGNORECASE
)


def says_who_does_it(question: str, quotes: list[str]) -> bool:
    """Whether a quote uses the verb of a "who does X?" question ("Кто подписывает протокол?",
    "Who signs the minutes?"): a question about a procedure is answered by the roles that do it
    ("председатель и секретарь собрания"), not by a name, or by a passive that names the doer
    ("elected by the general meeting"). A "who was ...?" question has no such verb: "the
    trainers ran a game" does not say who the trainer was."""
    match = _WHO_VERB_ANY.match(question)
    if not match:
        return False
    verb = match.group(1).lower()
    if verb in _COPULAS or verb in _RUSSIAN_COPULAS:
        return False
    # Only for a question about a procedure, which names nothing: "Who chairs the Republican
    # tripartite commission?" is not answered by "prepared by the federation".
    if not _NAME.search(question[1:]) and any(_PASSIVE_AGENT.search(q) for q in quotes):
        return True
    stem = stemmer().stemWord
    wanted = stem(verb)
    return any(wanted in {stem(w) for w in _WORD.findall(q.lower())} for q in quotes)


@lru_cache(maxsize=1)
def stemmer():
    """The BM25 index's stemmer (by script: English or Russian), made once; imported late so
    that reading a question does not load the index's dependencies."""
    from index_store.stemming import ScriptStemmer

    return ScriptStemmer()


_EVENT_NOUN = (
    r"(?:seminars?|trainings?|schools?|sessions?|address(?:es)?|meetings?|conferences?"
    r"|courses?|programs?)"
)
_EVENT_TOPIC = re.compile(
    rf"\b(?:{_EVENT_NOUN}|семинар\w*|тренинг\w*|школ\w*)\s+(?:on|about|по|об?)\s+(.+?)"
    r"(?=\s+(?:in|at|held|of|for|from|with|and|that|which|who|did|was|were|в|на)\b|[?,.;:!]|$)",
    re.IGNORECASE,
)
_DO_AUXILIARY = re.compile(r"\b(?:did|does|do|will|can|could|should|must)\b", re.IGNORECASE)
_EVENT_VERBS = frozenset(
    """hold holds held organize organizes organized host hosts hosted attend attends attended
    run runs ran conduct conducts conducted plan plans planned arrange arranges arranged""".split()
)
_EVENT_MODIFIERS = re.compile(
    r"\b(?:the|a|an|this|that)\s+((?:[\w-]+\s+){1,3}?)" + _EVENT_NOUN + r"\b", re.IGNORECASE
)


def named_or_unknown(
    word: str,
    is_name: Callable[[str], bool] | None,
    is_word: Callable[[str], bool] | None,
) -> bool:
    """Whether the corpus uses `word` as a name (`is_name`) or never uses it (`is_word`): a place
    it has no document on, or one its report spells in another script."""
    return (is_name is not None and is_name(word)) or (is_word is not None and not is_word(word))


def event_places(
    question: str,
    is_name: Callable[[str], bool] | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> list[str]:
    """The places the question says its event was held in, in its language's shape ("the seminar
    in Atyrau", "на семинаре в Шымкенте", "Петропавлдағы семинарда": "Петропавл"), months left
    out ("the seminar in April"). A question's first word is capitalized anyway (a Kazakh one
    often opens with the place): it counts where `is_name` says the corpus uses it as a name, or
    `is_word` says the corpus never uses it (a place it has no document on); a word the corpus
    writes in small letters ("Жұмыста ... тренинг") is no place."""
    places = []
    for match in for_text(question).event_place.finditer(question):
        # One group per language's pattern: the one that matched is the last matched.
        start, place = match.start(match.lastindex), match.group(match.lastindex)
        if ANY.time.match(place):
            continue
        opens = not question[:start].strip(" \t\"'«“-")
        if opens and not named_or_unknown(place, is_name, is_word):
            continue
        places.append(place)
    return places


def event_topic_words(question: str) -> list[str]:
    """The words that say which event a question is about: what it was on ("safe work" in
    "What did the seminar on safe work in Kostanay agree?") and the words before its noun
    ("oil" in "the oil seminar"). They tell one seminar from another, like its place. Not a
    month or a day of the week ("the October 2018 address"): like `names_in`, the year check
    reads dates."""
    words = []
    for match in _EVENT_TOPIC.finditer(question):
        topic = [w for w in _WORD.findall(match.group(1)) if len(w) > 2]
        # "did the seminar on labor disputes begin?": the word that ends an inverted question
        # is its verb, not the topic's last word.
        ends_question = not question[match.end(1) :].strip(" ?")
        if ends_question and _DO_AUXILIARY.search(question[: match.start()]):
            topic = topic[:-1]
        words.extend(topic)
    for match in _EVENT_MODIFIERS.finditer(question):  # "oil-industry" is "oil industry"
        run = re.findall(r"[^\W\d_]+", match.group(1))
        # "did the federation hold seminars": the words before the verb are its subject.
        verbs = [i for i, w in enumerate(run) if w.lower() in _EVENT_VERBS]
        if verbs:
            run = run[verbs[-1] + 1 :]
        words.extend(w for w in run if len(w) > 2)
    return [w for w in words if w.lower() not in ANY.months]


# "What did the seminar say about platform workers?": what the question says was said about.
_SAID_ABOUT = re.compile(
    r"\b(?:say|said|says|speak|spoke|talk|talked|write|wrote|report|reported|mention|mentioned)"
    rf"\s+about\s+{_DETERMINER}((?:{_LETTERS}\s*)+)",
    re.IGNORECASE,
)
# The words of a noun phrase end where a clause or another phrase begins.
_PHRASE_END = frozenset(
    """that which who whom whose where when with without in on at of for from by to and or
    as than if since after before during under over between about is are was were do does
    did will would can could may might must should""".split()
)


def spoken_about(question: str) -> list[str]:
    """The words of what a question says was said about: "platform workers" in "What did the
    seminar say about platform workers?", "demands" in "... say about demands that have no
    numbers?". Like a seminar's topic, they tell one report's subject from another's."""
    match = _SAID_ABOUT.search(question)
    if not match:
        return []
    words = []
    for word in _WORD.findall(match.group(1)):
        if word.lower() in _PHRASE_END:
            break
        words.append(word.lower())
    return words


def named_kinds(question: str) -> list[str]:
    """The words that name a branch, industry or region, or a kind of work or leave, read with
    the question's language's KINDS: "mining" in "the mining branch", "oil" and "gas" in "the oil
    and gas sector", "night" in "the pay rate for night work", "учебного" in "учебного отпуска".
    A passage about another branch, or about overtime, does not answer."""
    patterns = for_text(question)
    words = []
    for match in patterns.kinds.finditer(question):
        kind = next(group for group in match.groups() if group)
        words.extend(w for w in kind.lower().split() if w not in patterns.not_a_kind and len(w) > 2)
    return words
