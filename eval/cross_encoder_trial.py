"""A trial of the issue's second learner: a cross-encoder fine-tuned from the shipped
all-MiniLM-L6-v2 weights on (question, sentence) pairs, cross-validated by corpus.

    python -m eval.pairs PAIRS.jsonl             # draft every training question (minutes)
    python -m eval.cross_encoder_trial PAIRS.jsonl

Each of the three training corpora of eval/train/ is held out in turn; the cross-encoder is
trained on the pairs of every other corpus (the golden sets' included) and scored on the held
out one: how often its top sentence holds a fact, against the cosine, the hand weights and the
learned ranker (the default), and how well its best score separates answerable from
unanswerable drafts (ROC AUC). Only the top layers train (the lower ones stay the shipped
encoder's), so a kept model would ship as a few megabytes beside the encoder. A plain torch
loop: sentence-transformers' trainer needs `datasets` and `accelerate`, which nothing else here
uses. Deterministic: fixed seeds. Nothing is written; the figures are in docs/evaluation.md.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import numpy as np

HELD_OUT = ("corpus_a", "corpus_b", "corpus_c")
TRAINED_LAYERS = 2  # of six
EPOCHS = 2
HARD_NEGATIVES, RANDOM_NEGATIVES, UNANSWERABLE_NEGATIVES = 6, 2, 3
MAX_LENGTH = 96
HEAD_WEIGHT = 0.5  # the cross-encoder's probability added to the ranker's score ("learned+ce")


def _pairs(rows: list[dict], rng: random.Random) -> list[tuple[str, str, float]]:
    """Every sentence holding a fact, the best-scored others (hard negatives) and a few at
    random; for an unanswerable question its best-scored sentences, all negative."""
    out = []
    for row in rows:
        order = sorted(range(len(row["texts"])), key=lambda i: -row["hand"][i])
        if row.get("synthetic"):  # a near miss: the sentences that answered the original
            answered = [i for i in order if row["answered_original"][i]]
            out += [(row["question"], row["texts"][i], 0.0) for i in answered]
            continue
        positive = [i for i in order if row["labels"][i]]
        negative = [i for i in order if not row["labels"][i]]
        if not row["answerable"]:
            worst = negative[:UNANSWERABLE_NEGATIVES]
            out += [(row["question"], row["texts"][i], 0.0) for i in worst]
            continue
        if not positive:  # the fact is in no candidate: its labels say nothing
            continue
        hard, rest = negative[:HARD_NEGATIVES], negative[HARD_NEGATIVES:]
        chosen = hard + rng.sample(rest, min(RANDOM_NEGATIVES, len(rest)))
        out += [(row["question"], row["texts"][i], 1.0) for i in positive]
        out += [(row["question"], row["texts"][i], 0.0) for i in chosen]
    return out


def _model():
    from transformers import AutoModelForSequenceClassification

    from index_store.settings import FedqaSettings

    model = AutoModelForSequenceClassification.from_pretrained(
        FedqaSettings().resolved_model_path(), num_labels=1
    )
    for parameter in model.parameters():
        parameter.requires_grad = False
    trained = [*model.bert.encoder.layer[-TRAINED_LAYERS:]]
    for module in (*trained, model.bert.pooler, model.classifier):
        for parameter in module.parameters():
            parameter.requires_grad = True
    return model


def train(rows: list[dict], tokenizer, seed: int = 0):
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = _model()
    head = [*model.bert.pooler.parameters(), *model.classifier.parameters()]
    body = [p for p in model.parameters() if p.requires_grad and all(p is not h for h in head)]
    optimizer = torch.optim.AdamW(
        [{"params": body, "lr": 1e-4}, {"params": head, "lr": 1e-3}], weight_decay=0.01
    )
    loss = torch.nn.BCEWithLogitsLoss()
    data = _pairs(rows, rng)
    model.train()
    for _ in range(EPOCHS):
        rng.shuffle(data)
        for start in range(0, len(data), 16):
            batch = data[start : start + 16]
            encoded = tokenizer(
                [q for q, _, _ in batch],
                [s for _, s, _ in batch],
                truncation=True,
                max_length=MAX_LENGTH,
                padding=True,
                return_tensors="pt",
            )
            value = loss(model(**encoded).logits.squeeze(-1), torch.tensor([y for *_, y in batch]))
            value.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.eval()
    return model, len(data)


def score(model, tokenizer, row: dict) -> np.ndarray:
    import torch

    with torch.no_grad():
        encoded = tokenizer(
            [row["question"]] * len(row["texts"]),
            row["texts"],
            truncation=True,
            max_length=MAX_LENGTH,
            padding=True,
            return_tensors="pt",
        )
        return model(**encoded).logits.squeeze(-1).numpy()


def main(argv: list[str] | None = None) -> None:
    from sklearn.metrics import roc_auc_score
    from transformers import AutoTokenizer

    from index_store.settings import FedqaSettings

    lines = Path((argv or sys.argv[1:])[0]).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    tokenizer = AutoTokenizer.from_pretrained(FedqaSettings().resolved_model_path())
    top: dict[str, list[int]] = {
        name: [] for name in ("cosine", "hand", "learned", "cross-encoder", "learned+ce")
    }
    separation: dict[str, tuple[list[int], list[float]]] = {
        name: ([], []) for name in ("cosine", "learned", "cross-encoder")
    }
    for corpus in HELD_OUT:
        started = time.perf_counter()
        model, pairs = train([r for r in rows if r["corpus"] != corpus], tokenizer)
        for row in (r for r in rows if r["corpus"] == corpus and not r.get("synthetic")):
            logits = score(model, tokenizer, row)
            probability = 1 / (1 + np.exp(-logits))
            labels = np.asarray(row["labels"])
            if row["drafted"]:
                for name, value in (
                    ("cosine", max(row["similarity"])),
                    ("learned", max(row["learned"])),
                    ("cross-encoder", float(probability.max())),
                ):
                    separation[name][0].append(int(row["answerable"]))
                    separation[name][1].append(value)
            if row["answerable"] and labels.any():
                learned = np.asarray(row["learned"])
                top["cosine"].append(labels[int(np.argmax(row["similarity"]))])
                top["hand"].append(labels[int(np.argmax(row["hand"]))])
                top["learned"].append(labels[int(np.argmax(learned))])
                top["cross-encoder"].append(labels[int(np.argmax(logits))])
                top["learned+ce"].append(
                    labels[int(np.argmax(learned + HEAD_WEIGHT * probability))]
                )
        seconds = time.perf_counter() - started
        print(f"{corpus} held out: trained on {pairs} pairs, {seconds:.0f} s", flush=True)
    print("top sentence holds a fact:", {k: round(float(np.mean(v)), 3) for k, v in top.items()})
    print(f"  ({len(top['hand'])} answerable questions with a fact among their candidates)")
    print(
        "answerable vs unanswerable drafts, ROC AUC of the best score:",
        {k: round(float(roc_auc_score(*v)), 3) for k, v in separation.items()},
    )


if __name__ == "__main__":
    main()
