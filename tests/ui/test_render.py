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


def test_a_passage_shows_headings_as_text_and_lists_as_lists():
    """Passages showed raw "#" marks, headings larger than the title, bullets run together."""
    text = "## Who sits on it\n\n- two workers' members;\n- two employer's members\n\n## Next"
    passage = Passage(
        "c1", "c.md", "guidance/c.md", "Conciliation", None, "law_guidance", "en", 0, text, 0.8
    )
    html = answer_as_html(
        Answer("Who sits on it?", True, "two workers' members; [1]",
               (Citation(1, passage, ("two workers' members;",)),))
    )  # fmt: skip
    assert "##" not in html and ">#" not in html
    assert '<p class="fedqa-subheading"><strong>Who sits on it</strong></p>' in html
    assert "<ul><li><mark>two workers&#x27; members;</mark></li><li>two employer" in html
    assert "Next" not in html  # a heading that ends the passage heads nothing


def test_a_follow_up_shows_the_question_it_was_answered_as():
    answer = _answer("kk")
    from dataclasses import replace

    shown = answer_as_html(replace(answer, standalone="How many people attended in Kostanay?"))
    assert "Answered as: How many people attended in Kostanay?" in shown
    assert "Answered as" not in answer_as_html(replace(answer, standalone=answer.question))
