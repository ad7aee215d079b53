"""The sentence features the composer ranks by (`assistant.extractive.sentence_table`)."""

from __future__ import annotations

from assistant.answer import Passage
from assistant.extractive import SENTENCE_FEATURES, sentence_table
from assistant.question import Question
from tests.assistant.passages import passage


def _passage(chunk_id: str, language: str, text: str, title: str = "Annual leave") -> Passage:
    return passage(chunk_id, language=language, text=text, title=title, position=1)


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


def test_a_sentence_that_restates_its_documents_title_is_marked_so(embedder):
    # The opening lines of a guide ("This guide explains the rules on night work") are near any
    # question about the guide; the title similarity lets the ranker tell them from the rule.
    question = Question.parse("Which hours count as night time?")
    passage = _passage(
        "night-work",
        "en",
        "This guide explains what the Labour Code says about night work. "
        "Night time is the time from 22:00 to 06:00.",
        title="Night work: what the Labour Code says",
    )
    vector = embedder.embed_queries([question.text])[0]
    _found, texts, table = sentence_table(question, vector, [passage], embedder.embed)
    title = table[:, SENTENCE_FEATURES.index("title_similarity")]
    restates = texts.index("This guide explains what the Labour Code says about night work.")
    answers = texts.index("Night time is the time from 22:00 to 06:00.")
    assert title[restates] > title[answers] + 0.2


def test_the_title_similarity_does_not_choose_between_documents(embedder):
    # Measured from each document's sentence nearest its title, so that a look-alike whose
    # sentences all sit far from its title gains nothing over the document that answers.
    question = Question.parse("Where will the next seminar be held?")
    passages = [
        _passage(
            "builders",
            "en",
            "The seminar discussed wage arrears in construction. The next one is in Turkestan.",
            title="Seminar on wage arrears in construction",
        ),
        _passage(
            "farmers",
            "en",
            "Farm workers spoke about unpaid wages. The next seminar will be held in Semey.",
            title="Seminar on wage arrears in agriculture",
        ),
    ]
    vector = embedder.embed_queries([question.text])[0]
    found, _texts, table = sentence_table(question, vector, passages, embedder.embed)
    title = table[:, SENTENCE_FEATURES.index("title_similarity")]
    for doc_id in ("builders.md", "farmers.md"):
        own = [title[i] for i, p in enumerate(found) if p.doc_id == doc_id]
        assert max(own) == 0.0 and min(own) < 0.0


def test_a_name_in_another_script_counts_as_the_passage_naming_it(embedder):
    # "Taraz" in an English question is "Тараз" (or "Таразе") in a Russian report: the look-alike
    # seminar in Karaganda must not outrank the report the question names.
    question = Question.parse("How many participants did the Taraz bargaining seminar have?")
    passages = [
        _passage("taraz", "ru", "В семинаре участвовали 44 человека.", title="Семинар в Таразе"),
        _passage("karaganda", "en", "The seminar had 52 participants.", title="Karaganda seminar"),
    ]
    vector = embedder.embed_queries([question.text])[0]
    found, _texts, table = sentence_table(question, vector, passages, embedder.embed)
    specific = table[:, SENTENCE_FEATURES.index("specific_terms")]
    by_document = {p.doc_id: specific[i] for i, p in enumerate(found)}
    assert by_document == {"taraz.md": 1.0, "karaganda.md": 0.0}
