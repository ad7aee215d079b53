"""The web page's own words in English, Russian and Kazakh, through Gradio's i18n.

The browser's language picks them (Kazakh and Russian activists mostly ask in their own
language); Gradio's Settings panel (page footer) switches. Gradio 6.31 picks only among the
languages its own page ships, which include Russian but not Kazakh; for a Kazakh browser the
page switches itself (locale_js), and a switch at its top offers all three. Answers are not
translated: they quote the documents, and their frame ("The materials do not cover ...")
follows the question's language (assistant.languages). Filter choices stay as they are: the
server checks them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

TRANSLATIONS: dict[str, dict[str, str]] = {
    "en": {
        "header": "## Ask the federation's materials\nAnswers quote seminar reports, address "
        "summaries and labor-law guidance, with a numbered source for every sentence.",
        "tab_ask": "Ask",
        "tab_material": "Prepare material",
        "tab_upload": "Add documents",
        "question": "Your question",
        "question_placeholder": "How is a conciliation commission formed? (Enter asks)",
        "ask": "Ask",
        "new_conversation": "New conversation",
        "examples": "Try one of these",
        "filters": "Filters",
        "doc_type": "Document type",
        "language": "Language",
        "since": "From date (YYYY-MM-DD)",
        "until": "Until date (YYYY-MM-DD)",
        "comment": "Comment on this answer (optional)",
        "helpful": "Helpful",
        "not_helpful": "Not helpful",
        "feedback": "Feedback",
        "topic": "Topic",
        "find": "Find passages",
        "keep": "Passages to keep in the handout",
        "make_handout": "Make handout",
        "handout": "Handout",
    },
    "ru": {
        "header": "## Спросите материалы федерации\nОтветы цитируют отчёты о семинарах, обзоры "
        "посланий и разъяснения трудового законодательства, с пронумерованным источником для "
        "каждого предложения.",
        "tab_ask": "Вопрос",
        "tab_material": "Подготовить материал",
        "tab_upload": "Добавить документы",
        "question": "Ваш вопрос",
        "question_placeholder": "Как формируется согласительная комиссия? (Enter: спросить)",
        "ask": "Спросить",
        "new_conversation": "Новый разговор",
        "examples": "Попробуйте один из этих вопросов",
        "filters": "Фильтры",
        "doc_type": "Тип документа",
        "language": "Язык",
        "since": "С даты (ГГГГ-ММ-ДД)",
        "until": "По дату (ГГГГ-ММ-ДД)",
        "comment": "Комментарий к ответу (необязательно)",
        "helpful": "Полезно",
        "not_helpful": "Бесполезно",
        "feedback": "Отзыв",
        "topic": "Тема",
        "find": "Найти фрагменты",
        "keep": "Фрагменты для раздаточного материала",
        "make_handout": "Сделать раздаточный материал",
        "handout": "Раздаточный материал",
    },
    "kk": {
        "header": "## Федерация материалдарынан сұраңыз\nЖауаптар семинар есептерінен, Жолдау "
        "шолуларынан және еңбек заңнамасы бойынша түсіндірмелерден әр сөйлемге нөмірленген "
        "дереккөзімен үзінді келтіреді.",
        "tab_ask": "Сұрақ",
        "tab_material": "Материал дайындау",
        "tab_upload": "Құжат қосу",
        "question": "Сұрағыңыз",
        "question_placeholder": "Келісім комиссиясы қалай құрылады? (Enter: сұрау)",
        "ask": "Сұрау",
        "new_conversation": "Жаңа әңгіме",
        "examples": "Мына сұрақтардың бірін көріңіз",
        "filters": "Сүзгілер",
        "doc_type": "Құжат түрі",
        "language": "Тіл",
        "since": "Басталу күні (ЖЖЖЖ-АА-КК)",
        "until": "Аяқталу күні (ЖЖЖЖ-АА-КК)",
        "comment": "Жауапқа пікір (міндетті емес)",
        "helpful": "Пайдалы",
        "not_helpful": "Пайдасыз",
        "feedback": "Пікір",
        "topic": "Тақырып",
        "find": "Үзінділерді табу",
        "keep": "Таратпа материалға қалдырылатын үзінділер",
        "make_handout": "Таратпа материал жасау",
        "handout": "Таратпа материал",
    },
}


# The page's languages, each named in itself, for the switch at the top of the page.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def locale_js(code: str | None = None) -> str:
    """JavaScript that switches the page to the language `code`, or, with None (run when the
    page loads), to Kazakh for a Kazakh browser.

    Gradio 6.31 chooses the page's language only among those it ships, which lack Kazakh, and
    its Settings switch lists only those; so a Kazakh browser was shown English. This hands the
    language to Gradio's own i18n: its `changeLocale`, exported by the page's core module
    (already loaded, so importing it again returns the same module), shows the words of
    TRANSLATIONS, which Gradio has registered; its own words fall back to English. Nothing is
    fetched from outside the app, and a page without that module is left as it is."""
    if code is None:
        wanted = '/^kk(-|$)/.test((navigator.language || "").toLowerCase()) ? "kk" : null'
    elif code in TRANSLATIONS:
        wanted = f'"{code}"'
    else:
        raise ValueError(f"no page words in {code!r}; known: {', '.join(TRANSLATIONS)}")
    return f"""
async () => {{
  const wanted = {wanted};
  if (!wanted) return;
  const core = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .find((name) => /\\/assets\\/core-[\\w-]+\\.js$/.test(new URL(name).pathname));
  if (!core || new URL(core).origin !== window.location.origin) return;
  const module = await import(core);
  if (typeof module.changeLocale === "function") module.changeLocale(wanted);
}}
"""


@cache
def translations() -> Any:
    """The `gr.I18n` object the app is mounted with."""
    import gradio as gr

    return gr.I18n(**TRANSLATIONS)


def t(key: str) -> Any:
    """The page word `key`, translated in the browser."""
    return translations()(key)
