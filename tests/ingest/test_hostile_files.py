"""A folder of over 200 broken, odd and hostile files mixed with good ones, through the CLI.

Every file ends up either ingested or listed in `skipped` with a reason a lecturer understands
(broken front matter is ingested and listed in `warnings`); the command exits 0 and never shows a
traceback.
"""

from __future__ import annotations

import json

from tests.conftest import run_fedqa
from tests.ingest.fixtures import (
    deep_html,
    make_docx,
    make_html,
    make_pdf,
    random_bytes,
    zip_bomb,
    zip_without_document,
)

COPIES = 12
GOOD_TEXT = "The union committee meets on the first Monday of every month to review {n} complaints."


def build_folder(root, outside):
    """Returns {relative path: expected outcome}: 'ingested', a reason fragment, or a set."""
    expected: dict[str, object] = {}
    valid_pdf = make_pdf(["Minutes of the council meeting on safety at work, case one."] * 2)
    bomb = zip_bomb()
    for n in range(COPIES):
        files = {
            f"empty/{n}.txt": (b"", "empty"),
            f"blank/{n}.md": (b"   \n\t\n  " + b" " * n, "no text"),
            f"random/{n}.pdf": (random_bytes(n), "PDF"),
            f"truncated/{n}.pdf": (valid_pdf[: len(valid_pdf) // 2 + n], {"PDF", "ingested"}),
            f"encrypted/{n}.pdf": (make_pdf([f"secret {n}"], password="pw"), "password"),
            f"fake/{n}.docx": (f"plain text {n}, not a docx".encode(), "not a Word document"),
            f"zip/{n}.docx": (zip_without_document(), "without a Word document"),
            f"bomb/{n}.docx": (bomb, "zip bomb"),
            f"script/{n}.html": (
                f"<html><script>alert({n})</script></html>".encode(),
                "no article text",
            ),
            f"deep/{n}.html": (deep_html(20000 + n), {"nested", "no article text", "ingested"}),
            f"frontmatter/{n}.md": (
                f"---\ntitle: [broken {n}\n---\nBody text here.".encode(),
                "ingested",
            ),
            f"cp1251/{n}.txt": (
                f"Профсоюз провёл собрание номер {n} и обсудил заработную плату.".encode("cp1251"),
                "ingested",
            ),
            f"utf16/{n}.txt": (
                f"Заседание комитета {n}: обсуждение коллективного договора.".encode("utf-16"),
                "ingested",
            ),
            f"nul/{n}.txt": (GOOD_TEXT.format(n=n).replace(" ", " \x00", 3).encode(), "ingested"),
            f"unicode names/отчёт № {n} (копия).md": (
                f"# Отчёт {n}\n\nПрофсоюзный комитет утвердил план работы.".encode(),
                "ingested",
            ),
            f"toolarge/{n}.txt": (b"word " * 300_000, "limit"),
            f"binary/{n}.exe": (random_bytes(100 + n, 64), "not supported"),
        }
        for path, (content, outcome) in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            expected[path] = outcome
        link = root / "links" / f"{n}.md"
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(outside)
        expected[f"links/{n}.md"] = "outside the folder"
    for name, content in {
        "good/report.pdf": make_pdf(["The seminar on overtime rules gathered forty activists."]),
        "good/guide.docx": make_docx(
            "Guide", "Leave", ["Annual leave lasts twenty-four days."], ["Ask early."], [["a"]]
        ),
        "good/news.html": make_html("Union news", ["The union opened a legal help desk " * 4]),
        "good/note.md": GOOD_TEXT.format(n=99).encode(),
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
        expected[name] = "ingested"
    return expected


def test_hostile_folder_is_ingested_without_losing_the_good_files(tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n\nThis lives outside the ingested folder.")
    root = tmp_path / "corpus"
    expected = build_folder(root, outside)
    kinds = {path.split("/")[0] for path in expected}
    assert len(expected) >= 200 and len(kinds - {"good"}) >= 15

    result = run_fedqa(
        "ingest", str(root), "--json", data_dir=tmp_path / "data", env={"FEDQA_MAX_FILE_MB": "1"}
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    skipped = {item["source"]: item["reason"] for item in report["skipped"]}
    ingested = report["added"]

    problems = []
    for path, outcome in expected.items():
        options = outcome if isinstance(outcome, set) else {outcome}
        if path in skipped:
            if not any(o != "ingested" and o.lower() in skipped[path].lower() for o in options):
                problems.append(f"{path}: skipped with unexpected reason {skipped[path]!r}")
        elif "ingested" not in options:
            problems.append(f"{path}: ingested, expected to be skipped ({outcome})")
    assert problems == []
    must_ingest = [p for p, o in expected.items() if o == "ingested"]
    assert all(p not in skipped for p in must_ingest)
    copies = {d["source"] for d in report["duplicates"]}
    assert ingested == len([p for p in must_ingest if p not in copies])
    warned = {item["source"] for item in report["warnings"]}
    assert warned == {p for p in expected if p.startswith("frontmatter/")}
    log = (
        (tmp_path / "data" / "fedqa.log").read_text()
        if (tmp_path / "data" / "fedqa.log").exists()
        else ""
    )
    assert "Traceback" not in log or "loader failed" in log
