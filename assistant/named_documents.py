"""The stage between retrieval and composition that keeps to the documents naming what the
question names: "How many took part in the Taraz seminar?" is answered from the report that
says Taraz (in any script), not from the Karaganda one whose sentence on participants reads
closer.

The gate refuses an answer whose cited documents lack a name of the question (the `name` and
`unknown-name` checks), so a passage from a document that names none of them could only be
quoted into a refusal. Across languages the sentence ranker cannot see it: the look-alike
shares the question's words, the report that answers shares only the name. So passages are
left out only when a retrieved document in another language than the question names one of the
question's names. Within one language the ranker sees the name (`specific_terms`), and leaving
out the documents that lack it only turned the gate's refusals of near misses into answers
quoted from the named document (docs/evaluation.md). A name no document has is left to the
gate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.answer import Passage
from assistant.answer_types import mentions
from assistant.gate import flatten
from assistant.question import Question
from index_store.transliteration import named_in


class NamedDocuments:
    """`kept(question, passages)`: the passages whose documents name at least one of the
    question's names, when some do not and one that does is in another language than the
    question; otherwise all of them.

    `document_text(doc_ids)`: the documents' whole text (a name is often in the title or the
    opening only). `stopwords`: capitalised words that name nothing ("What", "Does")."""

    def __init__(
        self, document_text: Callable[[Iterable[str]], str], stopwords: frozenset[str]
    ) -> None:
        self._document_text = document_text
        self._stopwords = stopwords

    def kept(self, question: Question, passages: list[Passage]) -> list[Passage]:
        # A noun capitalized by convention ("Послание") names no document for the gate, but
        # here it still tells the kind of document the question is about.
        names = [n for n in (*question.names, *question.titles) if n.lower() not in self._stopwords]
        if not names or not passages:
            return passages
        documents = {p.doc_id: p for p in passages}
        naming = {doc_id for doc_id, p in documents.items() if self._names(p, names)}
        across = any(documents[d].language_code != question.language for d in naming)
        if not across or len(naming) == len(documents):
            return passages
        return [p for p in passages if p.doc_id in naming]

    def _names(self, passage: Passage, names: list[str]) -> bool:
        """Whether the passage's document names one of `names`: its text, title or date, in
        either script."""
        flat = flatten(
            f"{passage.title} {passage.date or ''} {self._document_text([passage.doc_id])}"
        )
        return any(mentions(name, flat) or named_in(name, flat) for name in names)
