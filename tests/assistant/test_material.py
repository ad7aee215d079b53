"""Passages for a lecturer's handout: on topic, filtered, nothing for an unrelated topic."""

from __future__ import annotations

from assistant.retrieval import Filters


def test_a_narrow_topic_keeps_only_close_passages(assistant):
    found = assistant.find_material("overtime limits")
    assert found and {p.doc_id for p in found} == {"guidance/working-time-and-overtime.md"}
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_a_misspelt_topic_finds_what_the_right_spelling_finds(assistant):
    assert assistant.find_material("overtme limts") == assistant.find_material("overtime limits")


def test_a_broad_topic_spans_documents_and_respects_filters(assistant):
    found = assistant.find_material("collective agreements in the oil industry")
    assert len({p.doc_id for p in found}) >= 3
    seminars = assistant.find_material(
        "collective agreements in the oil industry", Filters(doc_type="seminar_report")
    )
    assert seminars and all(p.doc_type == "seminar_report" for p in seminars)


def test_an_unrelated_topic_finds_nothing(assistant):
    assert assistant.find_material("recipe for borscht with beetroot") == []


def test_passages_the_gate_would_refuse_are_left_out(assistant):
    """A lecturer asking for the oil industry got the Karaganda miners' seminar too."""
    kept = assistant.find_material("collective bargaining in the oil industry")
    assert kept
    for passage in kept:
        document = assistant._keyword.index.document_text([passage.doc_id]).lower()
        assert "oil" in document or "oil" in passage.title.lower(), passage.doc_id
    assert any("collective" in p.text.lower() for p in kept)
