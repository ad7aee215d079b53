"""Ingest speed, measured as whole-process wall time on one generated corpus, in one run:

1. `fedqa ingest` into an empty data folder, with the default backend ('auto': ONNX Runtime on a
   CPU; the model's one-time export is made by a warm-up run first and not counted);
2. raw `SentenceTransformer.encode` of the very chunks fedqa stored (the encoder's limit);
3. llama-index's documented pipeline (`VectorStoreIndex.from_documents` with `ChromaVectorStore`
   and `HuggingFaceEmbedding`), given a `SentenceSplitter` sized like fedqa's chunks;
4. `fedqa ingest` again on an unchanged folder of 1,000 documents;
5. `fedqa ingest` with each backend named by --backends (default: torch, the
   sentence-transformers path, and onnx-int8);
6. `fedqa ingest` without storing sentence vectors (FEDQA_SENTENCE_VECTORS=0): what storing them
   for fast answers costs.

Prints a table and one JSON line. Usage: python bench/ingest.py [--docs 400] [--device cpu]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
FEDQA = Path(sys.executable).parent / "fedqa"

RAW_ENCODE = """
import json, sys
from index_store.settings import FedqaSettings
from index_store.embedder import Embedder
texts = json.load(open(sys.argv[1]))
settings = FedqaSettings()
Embedder(settings.resolved_model_path(), settings.device, settings.embed_batch_size).embed(texts)
"""

LLAMA_INDEX = """
import os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex
from llama_index.core.node_parser import SentenceSplitter
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.vector_stores.chroma import ChromaVectorStore
from index_store.settings import FedqaSettings
from index_store.tokenizer import word_piece_counter
fedqa = FedqaSettings()
model = str(fedqa.resolved_model_path())
Settings.llm = None
Settings.embed_model = HuggingFaceEmbedding(
    model_name=model, embed_batch_size=fedqa.embed_batch_size
)
Settings.node_parser = SentenceSplitter(
    chunk_size=fedqa.chunk_size, chunk_overlap=fedqa.chunk_overlap,
    tokenizer=word_piece_counter(fedqa.resolved_model_path()),
)
client = chromadb.PersistentClient(sys.argv[2], settings=ChromaSettings(anonymized_telemetry=False))
store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("bench"))
reader = SimpleDirectoryReader(sys.argv[1], recursive=True, exclude_hidden=False)
documents = reader.load_data()
VectorStoreIndex.from_documents(
    documents, storage_context=StorageContext.from_defaults(vector_store=store)
)
"""


def sample_sentences() -> list[str]:
    """English sentences of our own sample corpus, the material for the generated documents."""
    sentences = []
    for path in sorted((ROOT / "sample_corpus").rglob("*")):
        if path.suffix not in (".md", ".txt"):
            continue
        text = re.sub(r"^---.*?---", "", path.read_text(), flags=re.S)
        for line in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if len(line.split()) > 6 and line.isascii() and not line.startswith("#"):
                sentences.append(line)
    return sentences


def make_corpus(folder: Path, docs: int, sentences_per_doc: tuple[int, int], seed: int) -> Path:
    if folder.exists():
        return folder
    rng = random.Random(seed)
    pool = sample_sentences()
    staging = folder.with_suffix(".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for n in range(docs):
        count = rng.randint(*sentences_per_doc)
        paragraphs = [" ".join(rng.sample(pool, 4)) for _ in range(max(1, count // 4))]
        path = staging / f"part{n % 10}" / f"doc-{n:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Generated report {n}\n\n" + "\n\n".join(paragraphs) + "\n")
    staging.rename(folder)
    return folder


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(
        command,
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--device", default="auto")
    parser.add_argument(
        "--backends",
        nargs="*",
        default=["torch", "onnx-int8"],
        help="also time `fedqa ingest` with these FEDQA_EMBED_BACKEND values (export cached first)",
    )
    args = parser.parse_args()
    env = {"FEDQA_DEVICE": args.device, "FEDQA_ONNX_CACHE_DIR": str(CACHE / "onnx")}
    corpus = make_corpus(CACHE / f"corpus-{args.docs}", args.docs, (8, 16), seed=1)
    small = make_corpus(CACHE / "corpus-1000-small", 1000, (4, 4), seed=2)
    tiny = make_corpus(CACHE / "corpus-1", 1, (4, 4), seed=3)  # warm-up: the one-time export
    work = Path(tempfile.mkdtemp(prefix="fedqa-bench-"))
    try:
        warm = {**env, "FEDQA_DATA_DIR": str(work / "warm")}
        timed([str(FEDQA), "ingest", str(tiny), "--json"], warm)
        fedqa_s = timed(
            [str(FEDQA), "ingest", str(corpus), "--json"],
            {**env, "FEDQA_DATA_DIR": str(work / "fedqa")},
        )
        sys.path.insert(0, str(ROOT))
        from index_store.settings import FedqaSettings
        from index_store.store import Store

        _, texts, _ = Store(FedqaSettings(data_dir=work / "fedqa"), create=False).all_chunks()
        chunks_file = work / "chunks.json"
        chunks_file.write_text(json.dumps(texts))
        raw_s = timed([sys.executable, "-c", RAW_ENCODE, str(chunks_file)], env)
        llama_s = timed([sys.executable, "-c", LLAMA_INDEX, str(corpus), str(work / "llama")], env)
        backend_s = {}
        for backend in args.backends:
            chosen = {**env, "FEDQA_EMBED_BACKEND": backend}
            warm = {**chosen, "FEDQA_DATA_DIR": str(work / f"warm-{backend}")}
            timed([str(FEDQA), "ingest", str(tiny), "--json"], warm)
            backend_s[backend] = timed(
                [str(FEDQA), "ingest", str(corpus), "--json"],
                {**chosen, "FEDQA_DATA_DIR": str(work / f"fedqa-{backend}")},
            )
        no_sentences_s = timed(
            [str(FEDQA), "ingest", str(corpus), "--json"],
            {**env, "FEDQA_DATA_DIR": str(work / "no-sentences"), "FEDQA_SENTENCE_VECTORS": "0"},
        )
        reingest_dir = {"FEDQA_DATA_DIR": str(work / "small")}
        timed([str(FEDQA), "ingest", str(small), "--json"], {**env, **reingest_dir})
        unchanged_s = timed([str(FEDQA), "ingest", str(small), "--json"], {**env, **reingest_dir})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    chunks = len(texts)
    rows = [
        ("fedqa ingest (default backend)", fedqa_s),
        ("raw SentenceTransformer.encode (limit)", raw_s),
        ("llama-index VectorStoreIndex pipeline", llama_s),
        *((f"fedqa ingest, {b} backend", seconds) for b, seconds in backend_s.items()),
        ("fedqa ingest, sentence vectors not stored", no_sentences_s),
    ]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, device={args.device}"
    print(f"Ingest of {args.docs} generated documents, {chunks} chunks ({machine})")
    print(f"{'pipeline':<42}{'seconds':>9}{'chunks/s':>10}")
    for name, seconds in rows:
        print(f"{name:<42}{seconds:>9.1f}{chunks / seconds:>10.1f}")
    print(f"{'unchanged re-ingest of 1,000 documents':<42}{unchanged_s:>9.2f}")
    result = {
        "docs": args.docs,
        "chunks": chunks,
        "fedqa_s": round(fedqa_s, 2),
        "raw_encode_s": round(raw_s, 2),
        "llama_index_s": round(llama_s, 2),
        "fedqa_vs_raw_encode": round(raw_s / fedqa_s, 3),
        "fedqa_vs_llama_index": round(llama_s / fedqa_s, 3),
        "unchanged_reingest_1000_s": round(unchanged_s, 2),
        "no_sentence_vectors_s": round(no_sentences_s, 2),
        "fedqa_vs_no_sentence_vectors": round(no_sentences_s / fedqa_s, 3),
        "machine": machine,
        "backends": {
            b: {
                "seconds": round(seconds, 2),
                "vs_raw_encode": round(raw_s / seconds, 3),
                "vs_llama_index": round(llama_s / seconds, 3),
            }
            for b, seconds in backend_s.items()
        },
    }
    print(
        f"fedqa speed = {result['fedqa_vs_raw_encode']} x raw encode, "
        f"{result['fedqa_vs_llama_index']} x llama-index pipeline"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
