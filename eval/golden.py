"""Golden question sets: loading and validation.

A set is a JSONL file. Its first line is `{"_meta": {"set", "corpus", "description"}}`, where
`corpus` is the folder the questions are about, relative to the project root. Every other line is
one item: `id`, `question`, `kind`, `answerable`, `documents` (ids, i.e. paths relative to the
corpus, that answer it), `facts` (each a list of accepted spellings; the answer must contain one
of them), optional `filters` (`doc_type`, `language`, `since`, `until`) and optional `language`
(the question's: figures are then reported per language and for cross-language questions).

A conversation set's lines are conversations, `{"id", "turns": [...]}`: each turn is an item as
above (without `id`) plus `standalone` (the question as it should be answered), with a kind of
CONVERSATION_KINDS. Its turns are asked in order, each conversation afresh, and reported as items
with ids `<conversation>-<turn>`.

A combined set has no items of its own: its `_meta` names other sets and the sub-folder each
one's corpus goes to, `"combines": {"sample": "", "shared": "federation"}`. Their items are
asked of one index holding all those corpora, as a deployment holds every document at once, so
look-alikes from the other corpus (another seminar, another guide) compete for every answer.
`"skip": {"item-id": "why"}` leaves out items that only one corpus makes unambiguous.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

CONVERSATION_KINDS = ("opening", "follow_up", "switch", "follow_up_unanswerable", "new_topic")
FOLLOW_UP_KINDS = ("follow_up", "switch", "follow_up_unanswerable")  # lean on earlier turns
KINDS = ("fact", "multi", "paraphrase", "filter", "out_of_scope", "near_miss", *CONVERSATION_KINDS)
UNANSWERABLE_KINDS = ("out_of_scope", "near_miss", "follow_up_unanswerable")
EITHER_KINDS = ("opening", "new_topic")  # answerable or not
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = Path(__file__).resolve().parent / "sets"


@dataclass(frozen=True)
class GoldenItem:
    id: str
    question: str
    kind: str
    answerable: bool
    documents: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    filters: dict[str, str] = field(default_factory=dict)
    language: str = ""  # the question's language (kk, ru, en), where the set records it
    conversation: str = ""  # the conversation it is a turn of, in a conversation set
    standalone: str = ""  # ... and the question as it should be answered


@dataclass(frozen=True)
class GoldenSet:
    name: str
    path: Path
    corpus: Path
    items: tuple[GoldenItem, ...]


class GoldenSetError(ValueError):
    """A golden set file that cannot be read; the message names the file and line."""


def load_set(path: Path) -> GoldenSet:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        records = [json.loads(line) for line in lines]
    except json.JSONDecodeError as exc:
        raise GoldenSetError(f"{path}: not valid JSON lines ({exc})") from None
    if not records or "_meta" not in records[0]:
        raise GoldenSetError(f'{path}: the first line must be {{"_meta": {{...}}}}')
    meta = records[0]["_meta"]
    items = []
    for number, record in enumerate(records[1:], start=2):
        try:
            if "turns" in record:
                items.extend(
                    _item({**turn, "id": f"{record['id']}-{n}"}, conversation=record["id"])
                    for n, turn in enumerate(record["turns"], start=1)
                )
            else:
                items.append(_item(record))
        except (KeyError, TypeError) as exc:
            raise GoldenSetError(f"{path}:{number}: missing or malformed field {exc}") from None
    name = meta.get("set", path.stem)
    if "combines" in meta:
        return _combined(name, path, meta["combines"], meta.get("skip", {}))
    corpus = (PROJECT_ROOT / meta["corpus"]).resolve()
    return GoldenSet(name, path, corpus, tuple(items))


def _item(record: dict[str, Any], conversation: str = "") -> GoldenItem:
    return GoldenItem(
        id=record["id"],
        question=record["question"],
        kind=record["kind"],
        answerable=bool(record["answerable"]),
        documents=tuple(record.get("documents", [])),
        facts=tuple(tuple(spellings) for spellings in record.get("facts", [])),
        filters=dict(record.get("filters", {})),
        language=str(record.get("language", "")),
        conversation=conversation,
        standalone=str(record.get("standalone", "")) if conversation else "",
    )


def _combined(name: str, path: Path, parts: dict[str, str], skip: dict[str, str]) -> GoldenSet:
    """The items of the named sets, their document ids moved under each set's sub-folder, over
    one folder that holds copies of all their corpora (rebuilt on every load: a few files)."""
    corpus = Path(tempfile.gettempdir()) / f"fedqa-eval-corpus-{name}"
    shutil.rmtree(corpus, ignore_errors=True)
    items: list[GoldenItem] = []
    for set_name, folder in parts.items():
        part = load_set(path.parent / f"{set_name}.jsonl")
        if not part.corpus.is_dir():
            raise GoldenSetError(f"{path}: corpus folder {part.corpus} of {set_name} is missing")
        shutil.copytree(part.corpus, corpus / folder, dirs_exist_ok=True)
        prefix = f"{folder}/" if folder else ""
        items.extend(
            replace(item, documents=tuple(prefix + d for d in item.documents))
            for item in part.items
            if item.id not in skip
        )
    return GoldenSet(name, path, corpus, tuple(items))


def default_sets() -> list[Path]:
    return sorted(SETS_DIR.glob("*.jsonl"))


def _normalized(text: str) -> str:
    return " ".join(text.lower().split())


def fact_found(spellings: tuple[str, ...], text: str) -> bool:
    """A fact is present when any accepted spelling occurs (case and spacing ignored)."""
    haystack = _normalized(text)
    return any(_normalized(s) in haystack for s in spellings)


def document_languages(corpus: Path) -> dict[str, str]:
    """Each document's language as ingest reads it, for the cross-language figures."""
    from ingest.loaders import loader_for

    languages = {}
    for path in sorted(corpus.rglob("*")):
        loader = loader_for(path.name) if path.is_file() else None
        if loader is not None:
            source = path.relative_to(corpus).as_posix()
            document = loader(path.read_bytes(), source, "")
            languages[document.doc_id] = document.language
    return languages


def _document_texts(corpus: Path) -> dict[str, str]:
    from ingest.loaders import loader_for

    texts = {}
    for path in sorted(corpus.rglob("*")):
        if not path.is_file():
            continue
        source = path.relative_to(corpus).as_posix()
        loader = loader_for(source)
        if loader is None:
            continue
        document = loader(path.read_bytes(), source, "")
        texts[document.doc_id] = document.text
    return texts


def validate_set(golden: GoldenSet) -> list[str]:
    """Every problem with a set, as sentences; an empty list means the set is sound."""
    problems: list[str] = []
    if not golden.corpus.is_dir():
        return [f"{golden.name}: corpus folder {golden.corpus} does not exist"]
    texts = _document_texts(golden.corpus)
    seen: set[str] = set()
    for item in golden.items:
        where = f"{golden.name}/{item.id}"
        if item.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item.id)
        if item.kind not in KINDS:
            problems.append(f"{where}: unknown kind {item.kind!r}")
        if item.kind not in EITHER_KINDS and item.answerable == (item.kind in UNANSWERABLE_KINDS):
            problems.append(f"{where}: kind {item.kind} contradicts answerable={item.answerable}")
        if not item.question.strip():
            problems.append(f"{where}: empty question")
        if not item.answerable:
            if item.documents or item.facts:
                problems.append(f"{where}: an unanswerable item lists documents or facts")
            continue
        if not item.documents or not item.facts:
            problems.append(f"{where}: an answerable item needs documents and facts")
        missing_docs = [d for d in item.documents if d not in texts]
        if missing_docs:
            problems.append(f"{where}: documents not in the corpus: {missing_docs}")
        if item.kind == "multi" and len(item.facts) < 2:
            problems.append(f"{where}: a multi item needs at least two facts")
        if item.kind == "filter" and not item.filters:
            problems.append(f"{where}: a filter item needs filters")
        for spellings in item.facts:
            if not any(fact_found(spellings, texts.get(d, "")) for d in item.documents):
                problems.append(f"{where}: fact {list(spellings)} is in none of its documents")
    return problems
