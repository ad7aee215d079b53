"""Run a golden set end to end: ingest its corpus into a throw-away data folder, ask every
question through the same `Assistant` the CLI uses, and score retrieval and answers."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.conversation import Conversation
from assistant.retrieval import Filters
from eval.golden import FOLLOW_UP_KINDS, GoldenItem, GoldenSet, document_languages, fact_found
from eval.metrics import (
    distinct_in_order,
    mean,
    ndcg_at_k,
    percentile,
    recall_at_k,
    reciprocal_rank,
)
from index_store.settings import FedqaSettings

RETRIEVAL_DEPTH = 10
_MARKER = re.compile(r"\[(\d+)\]")

# Where an answerable question's fact that the answer lacks was lost, first that applies
# (`where_lost`): the stage to work on, countable on a held-out set without reading its items.
FACT_LOSSES = (
    "cited_passage_not_quoted",  # answered; a cited passage has it, another sentence was quoted
    "read_not_cited",  # answered; a passage the assistant read has it, another was cited
    "refused_a_draft_quoting_it",  # refused by the gate, though the draft quoted it
    "refused_though_read",  # refused; the draft lacked it, a passage the assistant read has it
    "not_retrieved",  # no passage the assistant read has it
)


def lead(text: str) -> str:
    """An answer's first sentence, up to and with its first citation marker."""
    marker = _MARKER.search(text)
    return text[: marker.end()] if marker else text


@dataclass
class ItemResult:
    item: GoldenItem
    answered: bool
    text: str
    cited_docs: list[str]
    dangling_markers: int
    facts_found: int
    top_score: float | None
    seconds: float
    rankings: dict[str, list[str]] = field(default_factory=dict)
    # Per retriever, whether each passage it ranked holds one of the item's facts in one of the
    # item's documents: the passage the answer must quote, not just its document.
    evidence: dict[str, list[bool]] = field(default_factory=dict)
    # Asked in another language than every document that answers it.
    cross_language: bool = False
    # What refused it: a gate check's id, "relevance", or None when it was answered.
    refused_by: str | None = None
    # A turn of a conversation: the question as the assistant answered it.
    standalone: str | None = None
    # ... and as it read it before any rewrite: its spelling put right ("ppl" -> "people").
    corrected: str | None = None
    # Per stage of FACT_LOSSES, how many of the item's facts its answer lost there.
    lost: dict[str, int] = field(default_factory=dict)
    # Given with a caution: the learned answer check found it unlikely to answer.
    cautious: bool = False
    # A conversation's turn answered from the previous answer's documents, though not rewritten.
    kept_to_conversation: bool = False
    # A follow-up asked afresh in its written standalone form (`run_set(written_standalones=)`):
    # what a perfect rewrite would have got, to tell a rewriting loss from an answering one.
    written: ItemResult | None = None
    # Of `facts_found`, those in the answer's first sentence: what a reader sees first.
    facts_in_lead: int = 0

    @property
    def rewritten(self) -> bool:
        """Made standalone from the conversation; a spelling put right is no rewrite."""
        asked = self.corrected or " ".join(self.item.question.split())
        return self.standalone is not None and self.standalone != asked

    @property
    def carried(self) -> bool:
        """It leaned on the conversation: rewritten, or kept to the previous answer's documents."""
        return self.rewritten or self.kept_to_conversation

    @property
    def correct_citations(self) -> int:
        return sum(doc in self.item.documents for doc in self.cited_docs)

    @property
    def citation_slots(self) -> int:
        return len(self.cited_docs) + self.dangling_markers


@dataclass
class SetResult:
    golden: GoldenSet
    results: list[ItemResult]
    threshold: float
    ingest_seconds: float  # the sync, or the copy of a store an earlier set built (StoreCache)

    def retrieval_metrics(self) -> dict[str, dict[str, float]]:
        answerable = [r for r in self.results if r.item.answerable]
        names = answerable[0].rankings.keys() if answerable else []
        table = {}
        for name in names:
            ranked = [(r.rankings[name], r.item.documents) for r in answerable]
            table[name] = {
                "recall@1": mean([recall_at_k(d, rel, 1) for d, rel in ranked]),
                "recall@5": mean([recall_at_k(d, rel, 5) for d, rel in ranked]),
                "recall@10": mean([recall_at_k(d, rel, 10) for d, rel in ranked]),
                "mrr": mean([reciprocal_rank(d, rel) for d, rel in ranked]),
                "ndcg@10": mean([ndcg_at_k(d, rel, 10) for d, rel in ranked]),
                "evidence_recall@5": mean(
                    [recall_at_k(r.evidence[name], [True], 5) for r in answerable]
                ),
                "evidence_mrr": mean(
                    [reciprocal_rank(r.evidence[name], [True]) for r in answerable]
                ),
            }
        return table

    def caution_metrics(self) -> dict[str, float | int | None]:
        """How often an answer is given with a caution: of the answers holding a fact (the
        fewer the better), of the unanswerable questions answered and of the answerable ones
        answered without a fact (the more the better)."""
        answered = [r for r in self.results if r.answered]
        groups = {
            "right": [r for r in answered if r.item.answerable and r.facts_found > 0],
            "unanswerable": [r for r in answered if not r.item.answerable],
            "without_fact": [r for r in answered if r.item.answerable and r.facts_found == 0],
        }
        return {
            name: mean([float(r.cautious) for r in group]) if group else None
            for name, group in groups.items()
        } | {f"n_{name}": len(group) for name, group in groups.items()}

    @staticmethod
    def answer_metrics(results: list[ItemResult]) -> dict[str, float | int | None]:
        answerable = [r for r in results if r.item.answerable]
        unanswerable = [r for r in results if not r.item.answerable]
        slots = sum(r.citation_slots for r in answerable if r.answered)
        return {
            "n": len(results),
            "fact_recall": (
                mean([r.facts_found / len(r.item.facts) for r in answerable])
                if answerable
                else None
            ),
            "citation_precision": (
                sum(r.correct_citations for r in answerable if r.answered) / slots
                if slots
                else None
            ),
            "no_answer_accuracy": (
                mean([0.0 if r.answered else 1.0 for r in unanswerable]) if unanswerable else None
            ),
            "false_refusal_rate": (
                mean([0.0 if r.answered else 1.0 for r in answerable]) if answerable else None
            ),
            # fact recall counting the answer's first sentence only
            "lead_fact_recall": (
                mean([r.facts_in_lead / len(r.item.facts) for r in answerable])
                if answerable
                else None
            ),
        }

    def refusals(self) -> dict[str, dict[str, int]]:
        """Per refusing rule, how many answerable ("wrong") and unanswerable ("right")
        questions it refused: the first thing to read in an ablation."""
        table: dict[str, dict[str, int]] = {}
        for r in self.results:
            if r.answered or not r.refused_by:
                continue
            row = table.setdefault(r.refused_by, {"right": 0, "wrong": 0})
            row["wrong" if r.item.answerable else "right"] += 1
        return dict(sorted(table.items()))

    def fact_losses(self) -> dict[str, int]:
        """How many facts of the answerable questions the answers lack, per stage where each
        was lost (FACT_LOSSES), beside how many facts there are and how many were quoted."""
        answerable = [r for r in self.results if r.item.answerable]
        table = {"facts": sum(len(r.item.facts) for r in answerable)}
        table["quoted"] = sum(r.facts_found for r in answerable)
        for stage in FACT_LOSSES:
            table[stage] = sum(r.lost.get(stage, 0) for r in answerable)
        return table

    def conversation_metrics(self) -> dict[str, Any] | None:
        """For a conversation set: the follow-ups' answers, how often a turn was rewritten
        exactly when it leans on earlier turns, and how many new topics inherited an old one (its
        subject, or its documents)."""
        later = [r for r in self.results if r.item.conversation and r.item.kind != "opening"]
        if not later:
            return None
        new_topics = [r for r in later if r.item.kind == "new_topic"]
        follow_ups = [r for r in later if r.item.kind in FOLLOW_UP_KINDS]
        # Which path lost a follow-up's fact. Left alone, it is a rewriting loss; carried and
        # still wrong, the rewrite's form or the answer (`follow_up_as_written` tells which).
        paths = {
            "carried": [r for r in follow_ups if r.carried],
            "left_alone": [r for r in follow_ups if not r.carried],
        }
        languages = sorted({r.item.language for r in follow_ups if r.item.language})
        written = [r.written for r in follow_ups if r.written is not None]
        return {
            "follow_up": self.answer_metrics(follow_ups),
            "follow_up_by_path": {name: self.answer_metrics(rs) for name, rs in paths.items()},
            # the same follow-ups asked in their written standalone form, where that was run
            **({"follow_up_as_written": self.answer_metrics(written)} if written else {}),
            "follow_up_by_language": {
                code: self.answer_metrics([r for r in follow_ups if r.item.language == code])
                for code in languages
            },
            "rewrite_accuracy": mean(
                [float(r.rewritten == (r.item.kind in FOLLOW_UP_KINDS)) for r in later]
            ),
            # rewritten with its subject, or kept to its documents
            "new_topic_inherited": sum(r.carried for r in new_topics),
            "new_topics": len(new_topics),
        }

    def metrics(self) -> dict[str, Any]:
        seconds = [r.seconds for r in self.results]
        kinds = sorted({r.item.kind for r in self.results})
        languages = sorted({r.item.language for r in self.results if r.item.language})
        cross = [r for r in self.results if r.cross_language]
        by_language = {
            language: self.answer_metrics([r for r in self.results if r.item.language == language])
            for language in languages
        }
        if cross:
            by_language["cross"] = {
                **self.answer_metrics(cross),
                # the retriever `ask` uses, as the floors' "retrieval.configured" does
                "recall@5": mean(
                    [recall_at_k(r.rankings["configured"], r.item.documents, 5) for r in cross]
                )
                if all("configured" in r.rankings for r in cross)
                else None,
            }
        return {
            "set": self.golden.name,
            "questions": len(self.results),
            "answers": self.answer_metrics(self.results),
            "by_kind": {
                kind: self.answer_metrics([r for r in self.results if r.item.kind == kind])
                for kind in kinds
            },
            "by_language": by_language,
            "refusals": self.refusals(),
            "fact_losses": self.fact_losses(),
            "caution": self.caution_metrics(),
            "retrieval": self.retrieval_metrics(),
            "latency": {"p50": percentile(seconds, 50), "p95": percentile(seconds, 95)},
            "relevance_threshold": self.threshold,
            "ingest_seconds": self.ingest_seconds,
        } | ({"conversation": c} if (c := self.conversation_metrics()) else {})


def where_lost(
    facts: tuple[tuple[str, ...], ...],
    answered: bool,
    answer_text: str,
    cited: list[str],
    read: list[str],
    drafted: str = "",
) -> dict[str, int]:
    """Per stage of FACT_LOSSES, how many of `facts` the answer lacks that were lost there;
    `cited`: the text of the cited passages, `read`: of the passages the assistant read,
    `drafted`: what a refused answer's draft quoted before the gate refused it."""
    lost = dict.fromkeys(FACT_LOSSES, 0)
    for spellings in facts:
        if answered and fact_found(spellings, answer_text):
            continue
        if answered and any(fact_found(spellings, text) for text in cited):
            lost["cited_passage_not_quoted"] += 1
        elif not answered and fact_found(spellings, drafted):
            lost["refused_a_draft_quoting_it"] += 1
        elif any(fact_found(spellings, text) for text in read):
            lost["read_not_cited" if answered else "refused_though_read"] += 1
        else:
            lost["not_retrieved"] += 1
    return lost


def _score_item(
    assistant: Any,
    retrievers: dict[str, Any],
    item: GoldenItem,
    conversation: Conversation | None = None,
) -> ItemResult:
    filters = Filters(**item.filters)
    answer = assistant.ask(item.question, filters, conversation)
    asked = answer.standalone or item.question  # what retrieval was given
    found = {
        name: retriever.retrieve(asked, RETRIEVAL_DEPTH, filters)
        for name, retriever in retrievers.items()
    }
    rankings = {name: distinct_in_order([p.doc_id for p in ps]) for name, ps in found.items()}
    evidence = {
        name: [
            p.doc_id in item.documents and any(fact_found(s, p.text) for s in item.facts)
            for p in ps
        ]
        for name, ps in found.items()
    }
    numbers = {int(n) for n in _MARKER.findall(answer.text)} if answer.answered else set()
    by_number = {c.n: c.passage.doc_id for c in answer.citations}
    lost: dict[str, int] = {}
    if item.answerable:
        # what `ask` read: the configured retriever's first top_k passages
        top_k = assistant.settings.top_k
        if "configured" in found and top_k <= RETRIEVAL_DEPTH:
            read = found["configured"][:top_k]
        else:
            read = assistant.retriever.retrieve(asked, top_k, filters)
        lost = where_lost(
            item.facts,
            answer.answered,
            answer.text,
            [c.passage.text for c in answer.citations],
            [p.text for p in read],
            "" if answer.answered else assistant.answering(asked).draft(asked, filters).body,
        )
    return ItemResult(
        item=item,
        answered=answer.answered,
        text=answer.text,
        cited_docs=[by_number[n] for n in sorted(numbers) if n in by_number],
        dangling_markers=len(numbers - set(by_number)),
        facts_found=(
            sum(fact_found(spellings, answer.text) for spellings in item.facts)
            if answer.answered
            else 0
        ),
        facts_in_lead=(
            sum(fact_found(spellings, lead(answer.text)) for spellings in item.facts)
            if answer.answered
            else 0
        ),
        top_score=answer.top_score,
        seconds=answer.seconds,
        rankings=rankings,
        evidence=evidence,
        refused_by=answer.refused_by,
        standalone=answer.standalone,
        corrected=(
            assistant.speller.corrected(assistant.check_question(item.question))
            if conversation is not None
            else None
        ),
        lost=lost,
        cautious=answer.cautious,
        kept_to_conversation=answer.kept_to_conversation,
    )


def _as_written(item: GoldenItem) -> GoldenItem:
    """A conversation's turn as a question of its own, in the form its writer gave it."""
    return replace(item, question=item.standalone, conversation="")


def private_settings(settings: FedqaSettings, data_dir: Path, **update: object) -> FedqaSettings:
    """`settings` with a private embedded store in `data_dir`. Always private: a sync removes
    every document its folder lacks, so evaluating against a configured Chroma server would
    empty the federation's collection."""
    return settings.model_copy(
        update={
            "data_dir": Path(data_dir),
            "chroma_url": None,
            "chroma_token": None,
            "onnx_cache_dir": settings.onnx_cache,  # export the model once, not per set
            **update,
        }
    )


class StoreCache:
    """Stores already built for a corpus, copied for the next set over the same corpus.

    Ten of `fedqa eval`'s sets ask about `sample_corpus/`; ingesting it again for each, with
    both models, took about four of CI's minutes. A copy of the data folder made right after
    the sync is the store a new sync would write (the folder holds no path of its own)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="fedqa-eval-stores-")
        self._built: dict[tuple[str, str], Path] = {}

    def ready(self, corpus: Path, settings: FedqaSettings) -> float:
        """Fill the empty data folder of `settings` (see `private_settings`) with the store of
        `corpus`: copied when built before under the same settings, synced and kept otherwise.
        Returns the seconds it took."""
        from ingest.sync import sync_folder

        started = time.perf_counter()
        key = (str(corpus.resolve()), settings.model_dump_json(exclude={"data_dir"}))
        built = self._built.get(key)
        if built is not None:
            shutil.copytree(built, settings.data_dir, dirs_exist_ok=True)
            return time.perf_counter() - started
        report = sync_folder(corpus, settings)
        kept = Path(self._folder.name) / str(len(self._built))
        shutil.copytree(settings.data_dir, kept)
        self._built[key] = kept
        return report.seconds

    def __len__(self) -> int:
        """How many stores were built (each corpus once)."""
        return len(self._built)

    def close(self) -> None:
        self._folder.cleanup()

    def __enter__(self) -> StoreCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_set(
    golden: GoldenSet,
    settings: FedqaSettings,
    stores: StoreCache | None = None,
    written_standalones: bool = False,
) -> SetResult:
    """Evaluate one set in a temporary data folder with the given settings (model, gate, ...).
    `stores`: where a store built for the same corpus by an earlier set can be copied from.
    `written_standalones`: each follow-up is also asked afresh in its written standalone form."""
    from assistant.service import Assistant
    from ingest.sync import sync_folder

    with tempfile.TemporaryDirectory(prefix="fedqa-eval-") as data_dir:
        local = private_settings(settings, Path(data_dir))
        if stores is None:
            seconds = sync_folder(golden.corpus, local).seconds
        else:
            seconds = stores.ready(golden.corpus, local)
        assistant = Assistant(local)
        retrievers = assistant.retrievers()
        assistant.ask(golden.items[0].question)  # warm-up, so latency is that of a running app
        conversations: dict[str, Conversation] = {}
        results = [
            _score_item(
                assistant,
                retrievers,
                item,
                conversations.setdefault(item.conversation, Conversation())
                if item.conversation
                else None,
            )
            for item in golden.items
        ]
        if written_standalones:
            results = [
                replace(r, written=_score_item(assistant, {}, _as_written(r.item)))
                if r.item.kind in FOLLOW_UP_KINDS and r.item.standalone
                else r
                for r in results
            ]
    languages = document_languages(golden.corpus)
    results = [
        replace(
            r,
            cross_language=bool(r.item.language and r.item.documents)
            and all(languages.get(d) != r.item.language for d in r.item.documents),
        )
        for r in results
    ]
    return SetResult(golden, results, settings.relevance_threshold, seconds)
