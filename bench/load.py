"""Load on the web chat: simulated users asking through Gradio's HTTP API on 127.0.0.1.

Starts `fedqa serve` as its own process (the sample corpus ingested into bench/.cache/load-data),
then runs N users for D seconds. Each user asks a question from eval/sets/sample.jsonl through
the same `/ask` event the browser uses (Gradio's queue, streamed over server-sent events), waits
for the complete answer, reads it for a random think time, and asks again. Measured: time from
submitting a question to the complete answer, errors (HTTP failures, Gradio error events, or an
error message instead of an answer), throughput, and the server's resident memory.

Usage: python bench/load.py [--users 50] [--seconds 120] [--think 5 15] [--sentence-cache N]
`--think 0 0` asks back to back (a closed loop): the server's saturation throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
FEDQA = Path(sys.executable).parent / "fedqa"
QUESTIONS = [
    d["question"]
    for d in map(json.loads, (ROOT / "eval" / "sets" / "sample.jsonl").open(encoding="utf-8"))
    if "question" in d
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ask(client: httpx.Client, question: str) -> tuple[float, str | None]:
    """Seconds to the complete answer, and an error description or None."""
    started = time.perf_counter()
    try:
        reply = client.post("gradio_api/call/ask", json={"data": [question, "any", "any", "", ""]})
        reply.raise_for_status()
        event_id = reply.json()["event_id"]
        event, data = None, ""
        with client.stream("GET", f"gradio_api/call/ask/{event_id}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:"):
                    data = line[5:].strip()
                    if event in ("complete", "error"):
                        break
        elapsed = time.perf_counter() - started
        if event != "complete":
            return elapsed, f"event {event}: {data[:200]}"
        if "fedqa-error" in data or "fedqa-answer" not in data:
            return elapsed, f"error message: {data[:200]}"
        return elapsed, None
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        return time.perf_counter() - started, f"{type(exc).__name__}: {exc}"


def user(url: str, deadline: float, think: tuple[float, float], seed: int, results: list) -> None:
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, max(think[1], 1.0)))  # users arrive spread out, not in one burst
    with httpx.Client(base_url=url, timeout=120) as client:
        while time.monotonic() < deadline:
            seconds, error = ask(client, rng.choice(QUESTIONS))
            results.append((seconds, error))
            time.sleep(rng.uniform(*think))


def prepare_data(data_dir: Path) -> None:
    env = {**os.environ, "FEDQA_DATA_DIR": str(data_dir)}
    subprocess.run(
        [str(FEDQA), "ingest", str(ROOT / "sample_corpus"), "--json"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(data_dir: Path, port: int, sentence_cache: int | None):
    env = {**os.environ, "FEDQA_DATA_DIR": str(data_dir)}
    if sentence_cache is not None:
        env["FEDQA_SENTENCE_CACHE"] = str(sentence_cache)
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(FEDQA), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    while True:
        if process.poll() is not None:
            raise SystemExit(f"fedqa serve exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return process, url, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 15.0), metavar=("MIN", "MAX"))
    parser.add_argument("--sentence-cache", type=int, default=None)
    args = parser.parse_args()

    data_dir = CACHE / "load-data"
    prepare_data(data_dir)
    process, url, startup = start_server(data_dir, free_port(), args.sentence_cache)
    try:
        ask(httpx.Client(base_url=url, timeout=120), QUESTIONS[0])  # model warm, as in service
        results: list[tuple[float, str | None]] = []
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=user, args=(url, deadline, tuple(args.think), n, results))
            for n in range(args.users)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began
        memory = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)

    seconds = [s for s, _ in results]
    errors = [e for _, e in results if e]
    summary = {
        "users": args.users,
        "seconds": args.seconds,
        "think_s": list(args.think),
        "sentence_cache": args.sentence_cache,
        "answers": len(results),
        "errors": len(errors),
        "answers_per_s": round(len(results) / wall, 2),
        "p50_s": round(statistics.median(seconds), 3),
        "p95_s": round(percentile(seconds, 0.95), 3),
        "p99_s": round(percentile(seconds, 0.99), 3),
        "max_s": round(max(seconds), 3),
        "server_startup_s": round(startup, 1),
        "server_rss_mb": round(memory),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.python_version()}",
    }
    print(f"\nfedqa web chat under load ({summary['machine']})\n")
    print("| users | think (s) | answers | errors | answers/s | p50 | p95 | p99 | max |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {args.users} | {args.think[0]:g}-{args.think[1]:g} | {len(results)} | {len(errors)} "
        f"| {summary['answers_per_s']} | {summary['p50_s']:.3f} s | {summary['p95_s']:.3f} s "
        f"| {summary['p99_s']:.3f} s | {summary['max_s']:.3f} s |"
    )
    print(f"\nserver start-up {startup:.1f} s, resident memory {memory:.0f} MB after the run")
    for error in errors[:5]:
        print("error:", error)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
