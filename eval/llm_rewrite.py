"""The LLM path of conversations, measured against the scripted server.

`python -m eval.llm_rewrite [--set SET] [--rewrites reference|unchanged|failing]` runs a
conversation set with `FEDQA_LLM_URL` pointing at `eval.scripted_llm`, so a follow-up goes
through llama-index's condense-question request over HTTP, as with Ollama or vLLM. No model
is offline here, so the server stands in for three kinds of LLM:

- `reference`: it rewrites every follow-up into the set's reference standalone question (what a
  perfect LLM would give); the figures bound what the LLM path can reach with this answerer;
- `unchanged`: it returns the follow-up as asked (an LLM that does not rewrite);
- `failing`: every rewrite request fails, so the rules answer (the fallback).

Answer requests get an empty reply, which cites nothing, so the extractive answer stands and
only the rewriting differs from `fedqa eval`. Prints the follow-up figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from eval.golden import GoldenItem, load_set
from eval.runner import run_set
from eval.scripted_llm import Reply, ScriptedLLMServer
from index_store.settings import FedqaSettings

DEFAULT_SET = Path(__file__).parent / "sets" / "conversation.jsonl"
# llama-index's condense-question prompt (llama_index.core.chat_engine.condense_question)
CONDENSE = "rewrite the message to be a standalone question"
_FOLLOW_UP = re.compile(r"<Follow Up Message>\s*(.*?)\s*<Standalone question>", re.S)


def references(items: list[GoldenItem]) -> dict[str, list[tuple[str, str]]]:
    """For each later turn's question: (the turn before it as answered, its reference)."""
    table: dict[str, list[tuple[str, str]]] = {}
    previous: dict[str, str] = {}
    for item in items:
        if not item.conversation:
            continue
        before = previous.get(item.conversation)
        if before is not None:
            table.setdefault(item.question, []).append((before, item.standalone or item.question))
        previous[item.conversation] = item.standalone or item.question
    return table


def responder(items: list[GoldenItem], rewrites: str):
    """The scripted server's reply to a request, by what it asks."""
    table = references(items)

    def respond(prompt: str) -> Reply:
        if CONDENSE not in prompt:
            return Reply("")  # an answer request: cite nothing, the extractive answer stands
        if rewrites == "failing":
            return Reply(status=500)
        found = _FOLLOW_UP.search(prompt)
        question = found.group(1) if found else ""
        if rewrites == "unchanged":
            return Reply(question)
        candidates = table.get(question, [])
        # the same follow-up in two conversations: the one whose turn before is in the history
        for before, reference in candidates:
            if before in prompt:
                return Reply(reference)
        return Reply(candidates[0][1] if candidates else question)

    return respond


def measure(path: Path, rewrites: str) -> dict:
    golden = load_set(path)
    with ScriptedLLMServer() as (url, script):
        script.respond = responder(golden.items, rewrites)
        settings = FedqaSettings().model_copy(
            update={"llm_url": url, "llm_retries": 0, "llm_timeout": 10.0}
        )
        result = run_set(golden, settings)
    return {"set": golden.name, "rewrites": rewrites, **(result.conversation_metrics() or {})}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument(
        "--rewrites", choices=("reference", "unchanged", "failing"), default="reference"
    )
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.set, args.rewrites)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
