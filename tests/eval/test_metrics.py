"""Metric arithmetic on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from eval.floors import check, lookup
from eval.metrics import distinct_in_order, ndcg_at_k, percentile, recall_at_k, reciprocal_rank
from eval.runner import where_lost


def test_retrieval_metrics():
    ranked = ["b", "a", "c"]
    assert recall_at_k(ranked, ["a"], 1) == 0.0
    assert recall_at_k(ranked, ["a"], 2) == 1.0
    assert recall_at_k(ranked, ["a", "z"], 5) == 0.5
    assert reciprocal_rank(ranked, ["a"]) == 0.5
    assert reciprocal_rank(ranked, ["z"]) == 0.0
    assert ndcg_at_k(["a", "b"], ["a"], 10) == 1.0
    assert ndcg_at_k(ranked, ["a"], 10) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k(ranked, ["a", "c"], 10) == pytest.approx(
        (1 / math.log2(3) + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    )
    assert distinct_in_order(["x", "y", "x", "z", "y"]) == ["x", "y", "z"]


def test_percentile():
    assert percentile([], 50) == 0.0
    assert percentile([3, 1, 2], 50) == 2
    assert percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)


def test_floors_and_ceilings(tmp_path):
    metrics = {
        "set": "demo",
        "answers": {"fact_recall": 0.8, "false_refusal_rate": 0.1},
        "retrieval": {"configured": {"recall@5": 0.9}},
    }
    assert lookup(metrics, "retrieval.configured.recall@5") == 0.9
    assert lookup(metrics, "answers.missing") is None
    floors = tmp_path / "floors.toml"
    floors.write_text(
        '[demo]\n"answers.fact_recall" = 0.7\n"retrieval.configured.recall@5" = 0.95\n'
        '[demo.ceilings]\n"answers.false_refusal_rate" = 0.05\n'
    )
    breaches = check(metrics, floors)
    assert sorted(b.metric for b in breaches) == [
        "answers.false_refusal_rate",
        "retrieval.configured.recall@5",
    ]
    assert "under its floor" in str(next(b for b in breaches if b.kind == "floor"))


def test_figures_per_question_language_and_for_cross_language_questions(tmp_path):
    from eval.golden import GoldenItem, GoldenSet
    from eval.runner import ItemResult, SetResult

    def result(language, answered, found, cross, ranked):
        item = GoldenItem(
            f"q-{language}-{found}", "?", "fact", True, ("d.md",), (("x",),), {}, language
        )
        return ItemResult(
            item=item,
            answered=answered,
            text="x" if found else "",
            cited_docs=["d.md"] if answered else [],
            dangling_markers=0,
            facts_found=int(found),
            top_score=0.5,
            seconds=0.01,
            rankings={"configured": ranked},
            evidence={"configured": [found]},
            cross_language=cross,
        )

    results = [
        result("kk", True, True, False, ["d.md"]),
        result("kk", False, False, True, ["other.md"] * 5 + ["d.md"]),
        result("ru", True, True, True, ["d.md"]),
    ]
    metrics = SetResult(GoldenSet("t", tmp_path, tmp_path, ()), results, 0.4, 0.0).metrics()
    languages = metrics["by_language"]
    assert languages["kk"]["n"] == 2 and languages["kk"]["fact_recall"] == 0.5
    assert languages["ru"]["fact_recall"] == 1.0
    assert languages["cross"]["n"] == 2 and languages["cross"]["recall@5"] == 0.5


def test_a_lost_fact_is_counted_at_the_stage_that_lost_it():
    facts = (("7 days",), ("Astana", "Nur-Sultan"), ("120",), ("March",))
    answer = "Leave is 7 days. [1]"
    cited = ["Leave is 7 days. It was agreed in Astana."]
    read = [*cited, "120 people came.", "Nothing else."]
    assert where_lost(facts, True, answer, cited, read) == {
        "cited_passage_not_quoted": 1,  # Astana: in the cited passage, another sentence quoted
        "read_not_cited": 1,  # 120: in a passage read, not cited
        "refused_a_draft_quoting_it": 0,
        "refused_though_read": 0,
        "not_retrieved": 1,  # March: in no passage read
    }
    refused = where_lost(facts, False, "The materials do not cover this.", [], read, answer)
    assert refused == {
        "cited_passage_not_quoted": 0,
        "read_not_cited": 0,
        "refused_a_draft_quoting_it": 1,  # 7 days: the gate refused a draft that quoted it
        "refused_though_read": 2,
        "not_retrieved": 1,
    }


def test_cautioned_answers_are_counted_by_whether_they_hold_a_fact(tmp_path):
    from eval.golden import GoldenItem, GoldenSet
    from eval.runner import ItemResult, SetResult

    def result(n, answerable, found, cautious):
        item = GoldenItem(f"q{n}", "?", "fact", answerable, ("d.md",), (("x",),) * answerable)
        return ItemResult(
            item=item,
            answered=True,
            text="x" if found else "y",
            cited_docs=["d.md"],
            dangling_markers=0,
            facts_found=int(found),
            top_score=0.5,
            seconds=0.01,
            cautious=cautious,
        )

    results = [
        result(1, True, True, False),
        result(2, True, True, False),
        result(3, True, True, True),
        result(4, True, False, True),
        result(5, False, False, True),
        result(6, False, False, False),
    ]
    caution = SetResult(GoldenSet("t", tmp_path, tmp_path, ()), results, 0.4, 0.0).metrics()[
        "caution"
    ]
    assert caution["n_right"] == 3 and abs(caution["right"] - 1 / 3) < 1e-9
    assert caution["unanswerable"] == 0.5 and caution["without_fact"] == 1.0


def test_a_spelling_put_right_is_no_rewrite():
    from eval.golden import GoldenItem
    from eval.runner import ItemResult

    item = GoldenItem("q1", "how many ppl came?", "new_topic", True, ("d.md",), (("x",),))

    def result(standalone: str) -> ItemResult:
        return ItemResult(
            item=item,
            answered=True,
            text="x",
            cited_docs=["d.md"],
            dangling_markers=0,
            facts_found=1,
            top_score=0.5,
            seconds=0.01,
            standalone=standalone,
            corrected="how many people came?",
        )

    assert not result("how many people came?").rewritten
    assert result("how many people came — the Semey seminar?").rewritten
