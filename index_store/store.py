"""The Chroma collection that holds every chunk: the store of truth.

Only this module knows Chroma. It stores our own vectors (never Chroma's default embedding
function, which would download a model) and answers the questions the rest of fedqa asks:
which documents are here with which content hash, add or replace a document's chunks, search.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index_store.errors import DataDirError, StoreError
from index_store.offline import ensure_offline
from index_store.settings import DEFAULT_MODEL_ID, FedqaSettings

log = logging.getLogger(__name__)

# The collection's metadata key that names the model which embedded it (see Store._check_model).
MODEL_KEY = "fedqa_model"

# Metadata keys every chunk carries; in the contract of docs/architecture.md (add, never rename).
CHUNK_METADATA_KEYS = ("doc_id", "source", "title", "date", "doc_type", "language", "position")


@dataclass(frozen=True)
class Chunk:
    """One passage of a document, ready to be stored."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class StoredDocument:
    """What the store knows of one document, read back from its chunks' metadata."""

    doc_id: str
    doc_hash: str
    source: str
    chunks: int


@dataclass(frozen=True)
class Hit:
    """A chunk found by a search, with its cosine similarity to the query (1 = same direction)."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float


def ensure_writable(folder: Path) -> None:
    """Fail early, with the fix, when the data folder cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise DataDirError(
            f"The data folder {folder} is not writable ({exc.strerror or exc}). Set "
            "FEDQA_DATA_DIR to a folder you can write to."
        ) from None


class Store:
    """A Chroma collection of chunks with our vectors and their metadata."""

    def __init__(self, settings: FedqaSettings, *, create: bool = True) -> None:
        self.settings = settings
        if create:
            ensure_writable(settings.data_dir)
        elif settings.chroma_url is None and not settings.chroma_dir.exists():
            raise StoreError(f"No store at {settings.chroma_dir}. Run `fedqa ingest PATH` first.")
        ensure_offline()
        self._client = self._connect(settings)
        try:
            if create:
                self._collection = self._client.get_or_create_collection(
                    settings.collection,
                    metadata={"hnsw:space": "cosine", MODEL_KEY: settings.model_id},
                    embedding_function=None,
                )
            else:
                self._collection = self._client.get_collection(
                    settings.collection, embedding_function=None
                )
        except Exception as exc:  # chromadb raises several unrelated types here
            if not create and "does not exist" in str(exc):
                raise StoreError(
                    "Nothing has been ingested yet. Run `fedqa ingest PATH` first."
                ) from None
            raise StoreError(
                f"Cannot open the Chroma collection in {self.location}: {exc}. If an embedded "
                "store is damaged, move its folder away and run `fedqa ingest PATH` again."
            ) from exc
        self._check_model(create)
        self.max_batch_size = int(self._client.get_max_batch_size())

    def _check_model(self, create: bool) -> None:
        """The store records the model that embedded it: vectors of two models cannot be
        compared (nor, often, stored together: their sizes differ). A sync with another model
        starts the collection afresh (every document is embedded again anyway); answering from
        a store of another model is an error that says what to do."""
        wanted = self.settings.model_id
        metadata = dict(self._collection.metadata or {})
        built_with = metadata.get(MODEL_KEY) or DEFAULT_MODEL_ID  # stores from before the key
        if built_with == wanted and metadata.get(MODEL_KEY):
            return
        empty = self._collection.count() == 0
        if not create:
            if built_with != wanted and not empty:
                raise StoreError(
                    f"The store was embedded with {built_with}, and the settings now name "
                    f"{wanted}. Run `fedqa ingest PATH` to embed it again with {wanted}, or "
                    "set FEDQA_EMBED_BACKEND / FEDQA_MODEL_PATH back."
                )
            return
        if built_with != wanted and not empty:
            log.warning(
                "the store was embedded with %s: starting it afresh for %s", built_with, wanted
            )
            self._client.delete_collection(self.settings.collection)
            self._collection = self._client.get_or_create_collection(
                self.settings.collection,
                metadata={"hnsw:space": "cosine", MODEL_KEY: wanted},
                embedding_function=None,
            )
            return
        kept = {k: v for k, v in metadata.items() if not k.startswith("hnsw:")}
        self._collection.modify(metadata={**kept, MODEL_KEY: wanted})

    @property
    def location(self) -> str:
        """Where the chunks live, for people: a folder or a server address."""
        if self.settings.chroma_url:
            return f"the Chroma server at {self.settings.chroma_url}"
        return str(self.settings.chroma_dir)

    @staticmethod
    def _connect(settings: FedqaSettings):
        """An embedded PersistentClient, or an HttpClient when FEDQA_CHROMA_URL is set."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if not settings.chroma_url:
            try:
                return chromadb.PersistentClient(
                    path=str(settings.chroma_dir), settings=chroma_settings
                )
            except Exception as exc:
                raise StoreError(
                    f"Cannot open the Chroma store at {settings.chroma_dir}: {exc}. If it is "
                    "damaged, move that folder away and run `fedqa ingest PATH` again."
                ) from exc
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        headers = {}
        if settings.chroma_token:
            headers["Authorization"] = f"Bearer {settings.chroma_token}"
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                headers=headers,
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({type(exc).__name__}). "
                "Start it (e.g. `chroma run --path /srv/fedqa-chroma --port 8000`) or fix "
                "FEDQA_CHROMA_URL; unset it to use the embedded store."
            ) from None
        return client

    # -- shared state ------------------------------------------------------------------------

    def _state_collection(self):
        # A side collection with one record: Chroma refuses to change a collection's metadata
        # once its distance function is set, so the fingerprint cannot live there.
        return self._client.get_or_create_collection(
            f"{self.settings.collection}-state", embedding_function=None
        )

    def publish_fingerprint(self, fingerprint: str) -> None:
        """Tell other processes (web apps on other hosts) that the chunks changed."""
        self._state_collection().upsert(
            ids=["fingerprint"], documents=[fingerprint], embeddings=[[0.0]]
        )

    def published_fingerprint(self) -> str | None:
        got = self._state_collection().get(ids=["fingerprint"], include=["documents"])
        return got["documents"][0] if got["documents"] else None

    # -- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._collection.count())

    def documents(self) -> dict[str, StoredDocument]:
        """Every document in the store, rebuilt from its chunks' metadata (not from a cache)."""
        found: dict[str, dict[str, Any]] = {}
        total = self.count()
        page = self.max_batch_size
        for offset in range(0, total, page):
            batch = self._collection.get(include=["metadatas"], limit=page, offset=offset)
            for metadata in batch["metadatas"] or []:
                doc_id = str(metadata["doc_id"])
                entry = found.setdefault(
                    doc_id,
                    {
                        "hash": str(metadata.get("doc_hash", "")),
                        "source": metadata["source"],
                        "n": 0,
                    },
                )
                entry["n"] += 1
        return {
            doc_id: StoredDocument(doc_id, entry["hash"], str(entry["source"]), entry["n"])
            for doc_id, entry in found.items()
        }

    def has_source(self, source: str) -> bool:
        """Whether a file of this path (relative to the ingested folder) is in the store."""
        found = self._collection.get(where={"source": source}, limit=1, include=[])
        return bool(found["ids"])

    def fingerprint(self) -> str:
        """Changes whenever any chunk is added, changed or removed (chunk ids hash their text)."""
        import hashlib

        digest = hashlib.sha256()
        ids: list[str] = []
        for offset in range(0, self.count(), self.max_batch_size):
            ids.extend(
                self._collection.get(include=[], limit=self.max_batch_size, offset=offset)["ids"]
            )
        for chunk_id in sorted(ids):
            digest.update(chunk_id.encode())
        return f"{len(ids)}:{digest.hexdigest()[:32]}"

    def embeddings(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunks, so a keyword hit can get a cosine score."""
        if not chunk_ids:
            return {}
        got = self._collection.get(ids=chunk_ids, include=["embeddings"])
        return {
            cid: np.asarray(vec, dtype=np.float32)
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True)
        }

    def all_chunks(self) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """Ids, texts and metadata of every chunk, in pages of the largest batch Chroma takes."""
        ids: list[str] = []
        texts: list[str] = []
        metadatas: list[dict[str, Any]] = []
        for offset in range(0, self.count(), self.max_batch_size):
            batch = self._collection.get(
                include=["documents", "metadatas"], limit=self.max_batch_size, offset=offset
            )
            ids.extend(batch["ids"])
            texts.extend(t or "" for t in batch["documents"])
            metadatas.extend(dict(m or {}) for m in batch["metadatas"])
        return ids, texts, metadatas

    def search(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[Hit]:
        """The k chunks nearest to `vector`, best first, optionally filtered by metadata.

        No count() first: Chroma answers an empty collection with empty lists, and counting
        costs 10 ms a question at 100,000 chunks.
        """
        result = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
            n_results=k,
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        hits = []
        for chunk_id, text, metadata, distance in zip(
            result["ids"][0],
            result["documents"][0],
            result["metadatas"][0],
            result["distances"][0],
            strict=True,
        ):
            hits.append(Hit(chunk_id, text or "", dict(metadata or {}), 1.0 - float(distance)))
        return hits

    # -- writing -------------------------------------------------------------------------------

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove every chunk of these documents, whatever ids they were stored under."""
        ids = sorted(set(doc_ids))
        for start in range(0, len(ids), 500):
            self._collection.delete(where={"doc_id": {"$in": ids[start : start + 500]}})

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Write chunks with their vectors; upsert, because Chroma's add ignores existing ids."""
        if len(chunks) != len(vectors):
            raise StoreError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        for start in range(0, len(chunks), self.max_batch_size):
            part = chunks[start : start + self.max_batch_size]
            self._collection.upsert(
                ids=[c.chunk_id for c in part],
                documents=[c.text for c in part],
                metadatas=[c.metadata for c in part],
                embeddings=np.asarray(vectors[start : start + len(part)], dtype=np.float32),
            )
