"""Checks that every fact spelling of heldout9.jsonl occurs verbatim in one of its item's documents."""
import html, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def text_of(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return " ".join(raw.lower().split())


lines = (HERE / "heldout9.jsonl").read_text(encoding="utf-8").splitlines()
problems = 0
for line in lines[1:]:
    item = json.loads(line)
    texts = [text_of(CORPUS / d) for d in item["documents"]]
    if item["answerable"] != bool(item["documents"]) or bool(item["facts"]) != item["answerable"]:
        print(item["id"], "answerable/documents/facts inconsistent"); problems += 1
    for fact in item["facts"]:
        for spelling in fact:
            s = " ".join(spelling.lower().split())
            if not any(s in t for t in texts):
                print(item["id"], "missing:", spelling); problems += 1
print("problems:", problems)
sys.exit(1 if problems else 0)
