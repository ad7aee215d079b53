"""The documents' words for an activist's everyday ones."""

from __future__ import annotations

from assistant.vocabulary import document_terms, with_document_terms


def test_everyday_words_get_the_documents_terms():
    assert document_terms("How early should I receive my vacation pay?") == "leave pay"
    assert document_terms("Can my boss extend my trial period?") == "employer probation period"
    assert document_terms("How many extra hours may I work?") == "overtime"
    assert document_terms("What is the probation period for overtime work?") == ""
    # whole words only: "trial" is not in "industrial"
    assert document_terms("What did the industrial seminar cover?") == ""


def test_the_question_is_kept_as_asked():
    question = "Do I get my whole salary during the trial?"
    assert with_document_terms(question) == f"{question} pay wage probation"
    assert with_document_terms("How long is annual leave?") == "How long is annual leave?"


def test_a_question_in_everyday_words_finds_the_guidance(hand_ranked):
    """A question in everyday words quoted the working week, not the consent rule: "extra hours" is
    "overtime" in the guidance, which BM25 and the sentence ranking could not see. With the hand
    weights, whose word overlap the vocabulary feeds; the learned ranker quotes the working week
    again (since the thirteenth session's title similarity: a known loss, docs/evaluation.md)."""
    question = "Does my employer need my agreement before making me work extra hours?"
    answer = hand_ranked.ask(question)
    assert answer.answered and "written consent of the worker" in answer.text
