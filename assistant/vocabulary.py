"""The words activists use for what labor-law texts call otherwise.

People ask about "vacation", "the boss", "a trial period" and "extra hours"; guidance and reports
say "leave", "the employer", "probation" and "overtime". BM25 finds nothing for a word the
documents never use, and the sentence ranking counts the question's words, so a plain-spoken
question leans on the small embedding model alone, which puts "trial period" as near "court"
(0.59) as "probation" (0.38 for the single words). This list adds the documents' term to such a
question for BM25 and for the word overlap of the sentence ranking; the question's own vector,
the relevance gate and the evidence check still read the question as asked.

Written by hand, from the documents' side: for each term of the labor code, the guidance and
the seminar reports, the everyday words for it. No thesaurus in the stack knows this domain
(WordNet would need a download, and it knows "holiday" but not that a worker's holiday is
"annual paid leave"). Keys are lower case and matched as whole words; a key that is also one of
the documents' own terms in another sense ("agreement", "holiday", "branch") is left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

DOCUMENT_TERMS: dict[str, tuple[str, ...]] = {
    # leave
    "vacation": ("leave",),
    "vacations": ("leave",),
    "time off": ("leave",),
    "vacation pay": ("leave pay",),
    "holiday pay": ("leave pay",),
    # the sides
    "boss": ("employer",),
    "bosses": ("employers",),
    "company": ("employer",),
    "firm": ("employer",),
    "staff": ("workers",),
    "workforce": ("workers", "work collective"),
    "personnel": ("workers",),
    "new hire": ("worker",),
    "hire": ("worker",),
    # the contract
    "job contract": ("employment contract",),
    "work contract": ("employment contract",),
    "labour contract": ("employment contract",),
    "trial period": ("probation period",),
    "trial": ("probation",),
    "union deal": ("collective agreement",),
    "union contract": ("collective agreement",),
    # time and pay
    "extra hours": ("overtime",),
    "extra time": ("overtime",),
    "extra work": ("overtime",),
    "work week": ("working week",),
    "weekend": ("day off",),
    "weekends": ("day off",),
    "salary": ("pay", "wage"),
    "salaries": ("pay", "wages"),
    "earnings": ("pay",),
    "unpaid wages": ("wage arrears",),
    "late wages": ("wage arrears",),
    "minimum pay": ("minimum wage",),
    "lowest pay": ("minimum wage",),
    "off the books": ("unregistered employment",),
    "informal work": ("unregistered employment",),
    # ending work
    "fired": ("dismissal", "dismissed"),
    "sacked": ("dismissal", "dismissed"),
    "laid off": ("reductions of staff",),
    "layoffs": ("reductions of staff",),
    "redundancy": ("reductions of staff",),
    # consent and choice
    "permission": ("consent",),
    "approval": ("consent",),
    "chooses": ("elected",),
    "choose": ("elected",),
    "picked": ("selected",),
    # the union's own words
    "dues": ("membership fees",),
    "union dues": ("membership fees",),
    "complaints committee": ("conciliation commission",),
    "dispute committee": ("conciliation commission",),
    "union leader": ("chairperson",),
    "go-between": ("mediator",),
    "walkout": ("strike",),
    "sue": ("court",),
    "lawsuit": ("court",),
    # safety
    "work safety": ("occupational safety",),
    "health and safety": ("occupational safety",),
    "injury": ("accident",),
    "injured": ("accident",),
    "deadly": ("fatal",),
    # people
    "teenagers": ("under eighteen",),
    "teens": ("under eighteen",),
    "minors": ("under eighteen",),
    "disabled": ("disabilities",),
    # the digital economy
    "tracking": ("monitoring",),
    "surveillance": ("monitoring",),
    "robots": ("automation",),
    "reskilling": ("retraining",),
    "couriers": ("platform",),
    "gig": ("platform",),
    # Russian
    "зарплата": ("заработная плата",),
    "зарплату": ("заработной платы",),
    "отпускные": ("отпуск",),
    "уволить": ("увольнять",),
    "увольнение": ("увольнять",),
}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    keys = sorted(DOCUMENT_TERMS, key=len, reverse=True)  # "vacation pay" before "vacation"
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-])")


def document_terms(question: str) -> str:
    """The documents' words for the everyday words of `question`, space-separated ("" when it
    has none): "When do I get my vacation pay?" -> "leave pay"."""
    found: list[str] = []
    for match in _pattern().finditer(question.lower()):
        for term in DOCUMENT_TERMS[match.group(1)]:
            if term not in found:
                found.append(term)
    return " ".join(found)


def with_document_terms(question: str) -> str:
    """The question followed by the documents' words for it, for BM25 and word overlap."""
    terms = document_terms(question)
    return f"{question} {terms}" if terms else question
