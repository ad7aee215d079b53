"""The sentence features the composer ranks by (`assistant.extractive.sentence_table`)."""

from __future__ import annotations

from assistant.answer import Passage
from assistant.extractive import SENTENCE_FEATURES, sentence_table
from assistant.question import Question


def _passage(chunk_id: str, language: str, text: str) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        doc_id=f"{chunk_id}.md",
        source=f"{chunk_id}.md",
        title="Annual leave",
        date=None,
        doc_type="guidance",
        language=language,
        position=1,
        text=text,
        score=0.8,
    )


def test_a_sentence_in_another_language_than_the_question_is_marked_so(e5):
    question = Question.parse("Сколько дней длится ежегодный отпуск?")
    passages = [
        _passage("ru", "ru", "Ежегодный оплачиваемый отпуск длится двадцать четыре дня."),
        _passage("en", "en", "Basic annual paid leave lasts twenty-four calendar days."),
    ]
    vector = e5.embed_queries([question.text])[0]
    found, texts, table = sentence_table(question, vector, passages, e5.embed)
    other = table[:, SENTENCE_FEATURES.index("other_language")]
    similarity = table[:, SENTENCE_FEATURES.index("similarity")]
    across = table[:, SENTENCE_FEATURES.index("similarity_other_language")]
    by_language = {p.language: i for i, p in enumerate(found)}
    assert other[by_language["ru"]] == 0.0 and other[by_language["en"]] == 1.0
    assert across[by_language["ru"]] == 0.0
    assert across[by_language["en"]] == similarity[by_language["en"]] > 0.0
