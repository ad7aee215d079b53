"""No chunk is longer than the model reads: all-MiniLM-L6-v2 silently drops words past 256."""

from __future__ import annotations

from index_store.store import Store
from index_store.tokenizer import model_token_count

MODEL_WINDOW = 256


def test_every_stored_chunk_fits_the_model_window(ingested):
    store = Store(ingested, create=False)
    texts = store._collection.get(include=["documents"])["documents"]
    model_path = ingested.resolved_model_path()
    lengths = [model_token_count(model_path, text) for text in texts]
    assert len(lengths) > 40
    assert max(lengths) <= MODEL_WINDOW, max(lengths)
    # and chunks are not trivially small either: the splitter packs sentences up to the size
    assert sorted(lengths)[len(lengths) // 2] > 120


def test_chunks_carry_the_contract_metadata(ingested):
    store = Store(ingested, create=False)
    metadatas = store._collection.get(include=["metadatas"])["metadatas"]
    for meta in metadatas:
        for key in ("doc_id", "source", "title", "date", "doc_type", "language", "position"):
            assert key in meta
    sources = {m["source"] for m in metadatas}
    assert "federation/2022-11-24-seminar-oil-industry-activists.txt" in sources
    assert "guidance/conciliation-commission.md" in sources
