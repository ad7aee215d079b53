"""Each cited passage shows its document's language, in the terminal and on the page."""

from __future__ import annotations

from assistant.answer import Answer, Citation, Passage
from ui.render import answer_as_html, answer_as_text


def _answer(language: str) -> Answer:
    passage = Passage(
        "c1", "kostanay.md", "seminars/kostanay.md", "Қостанай семинары", "2024-06-12",
        "seminar_report", language, 0, "Оған 56 адам қатысты.", 0.8,
    )  # fmt: skip
    return Answer(
        "How many people attended?",
        True,
        "Оған 56 адам қатысты. [1]",
        (Citation(1, passage, ("Оған 56 адам қатысты.",)),),
    )


def test_a_citation_names_its_documents_language():
    # Failed before: an English question answered from a Kazakh report gave no hint of it.
    assert "Kazakh" in answer_as_text(_answer("kk"))
    assert "Kazakh" in answer_as_html(_answer("kk"))
    assert "Russian" in answer_as_html(_answer("ru"))


def test_an_unknown_language_code_is_shown_escaped():
    assert "&lt;b&gt;" in answer_as_html(_answer("<b>"))
