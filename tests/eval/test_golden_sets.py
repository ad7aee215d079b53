"""The golden sets are sound, big enough and hard enough; the validator catches bad items."""

from __future__ import annotations

import json
from collections import Counter

from eval.golden import CONVERSATION_KINDS, default_sets, load_set, validate_set


def test_shipped_sets_validate(shared_corpus):
    sets = [load_set(path) for path in default_sets()]
    assert {s.name for s in sets} >= {"sample", "shared"}
    for golden in sets:
        assert validate_set(golden) == [], golden.name
    items = [item for golden in sets if golden.name != "combined" for item in golden.items]
    assert len(items) >= 100
    kinds = Counter(item.kind for item in items)
    assert set(kinds) == {
        "fact",
        "multi",
        "paraphrase",
        "filter",
        "out_of_scope",
        "near_miss",
    } | set(CONVERSATION_KINDS)
    assert kinds["near_miss"] / len(items) >= 0.15
    russian = [i for i in items if any("\u0400" <= ch <= "\u04ff" for ch in i.question)]
    assert len(russian) >= 3


def test_a_conversation_set_is_read_as_turns_in_order(shared_corpus):
    golden = load_set(default_sets()[0].parent / "conversation.jsonl")
    first, second = golden.items[:2]
    assert first.conversation == second.conversation and first.kind == "opening"
    assert first.id.endswith("-1") and second.id.endswith("-2")
    assert second.standalone and second.kind in CONVERSATION_KINDS


def test_a_combined_set_asks_every_question_over_both_corpora(shared_corpus):
    sets = {path.stem: load_set(path) for path in default_sets()}
    combined = sets["combined"]
    # The items the combined set's own `_meta.skip` leaves out (ambiguous over both corpora).
    meta = json.loads(combined.path.read_text(encoding="utf-8").splitlines()[0])["_meta"]
    skipped = set(meta["skip"])
    assert skipped
    assert [i.id for i in combined.items] == [
        i.id for name in ("sample", "shared") for i in sets[name].items if i.id not in skipped
    ]
    assert (
        combined.corpus / "federation" / "2022-11-24-seminar-oil-industry-activists.txt"
    ).is_file()
    assert (combined.corpus / "guidance" / "annual-paid-leave.md").is_file()
    shared_docs = {d for i in sets["shared"].items for d in i.documents}
    combined_docs = {d for i in combined.items for d in i.documents}
    assert {f"federation/{d}" for d in shared_docs} <= combined_docs
    assert validate_set(combined) == []


def test_validator_reports_each_kind_of_mistake(tmp_path, shared_corpus):
    oil = "2022-11-24-seminar-oil-industry-activists.txt"
    records = [
        {"_meta": {"set": "bad", "corpus": str(shared_corpus)}},
        {
            "id": "a",
            "question": "Who moderated?",
            "kind": "fact",
            "answerable": True,
            "documents": [oil],
            "facts": [["Lyazzat Eszhanova"]],
        },
        {
            "id": "a",
            "question": "Duplicate id",
            "kind": "fact",
            "answerable": True,
            "documents": [oil],
            "facts": [["Eszhanova"]],
        },
        {
            "id": "b",
            "question": "Invented fact",
            "kind": "fact",
            "answerable": True,
            "documents": [oil],
            "facts": [["forty-two delegates"]],
        },
        {
            "id": "c",
            "question": "Unanswerable with docs",
            "kind": "near_miss",
            "answerable": False,
            "documents": [oil],
            "facts": [],
        },
        {
            "id": "d",
            "question": "Missing doc",
            "kind": "fact",
            "answerable": True,
            "documents": ["nope.txt"],
            "facts": [["x"]],
        },
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    problems = " | ".join(validate_set(load_set(path)))
    assert "a: duplicate id" in problems
    assert "b: fact ['forty-two delegates'] is in none of its documents" in problems
    assert "c: an unanswerable item lists documents or facts" in problems
    assert "d: documents not in the corpus" in problems
    assert "bad/a:" not in problems.replace("bad/a: duplicate id", "")
