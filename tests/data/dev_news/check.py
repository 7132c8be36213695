"""Checks the development articles: for each article folder, questions.json against article.txt
(well-formed, every gold answer verbatim in the article and still found after SQuAD
normalisation, kinds known, no duplicate questions) and meta.json's keys. Run:

    python tests/data/dev_news/check.py                 # every folder under tests/data/dev_news/
    python tests/data/dev_news/check.py FOLDER [...]    # only these article folders

Adapted from tests/data/second_article/check.py."""

import json
import re
import string
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANSWERABLE_KINDS = {
    "paraphrase",
    "typo",
    "lowercase",
    "who-said",
    "what-said",
    "number",
    "day",
    "place",
    "why",
    "who-is",
    "other",
}
UNANSWERABLE_KINDS = {
    "off-topic",
    "greeting",
    "gibberish",
    "unknown-person",
    "not-in-article",
    "false-premise",
    "swapped-entity",
}


def normalise(text: str) -> str:
    """SQuAD's normalisation: lower case, ASCII punctuation removed, a/an/the dropped."""
    text = "".join(ch for ch in text.lower() if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def occurs(gold: str, text: str) -> bool:
    return (
        re.search(r"(?<!\S)" + re.escape(normalise(gold)) + r"(?!\S)", normalise(text)) is not None
    )


def check(folder: Path) -> list[str]:
    article = (folder / "article.txt").read_text(encoding="utf-8")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    data = json.loads((folder / "questions.json").read_text(encoding="utf-8"))
    problems = []
    if set(meta) != {"outlet", "title", "url", "published"}:
        problems.append(f"meta.json keys: {sorted(meta)}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("published", ""))):
        problems.append(f"meta.json published is not YYYY-MM-DD: {meta.get('published')!r}")
    if set(data) != {"answerable", "unanswerable"}:
        problems.append(f"questions.json keys: {sorted(data)}")
    seen = Counter(q["q"].strip().lower() for q in data["answerable"] + data["unanswerable"])
    problems += [f"duplicate question: {q!r}" for q, n in seen.items() if n > 1]
    for q in data["answerable"]:
        if set(q) != {"q", "answers", "kind"}:
            problems.append(f"bad answerable entry: {q!r}")
        if q["kind"] not in ANSWERABLE_KINDS:
            problems.append(f"unknown kind {q['kind']!r}: {q['q']!r}")
        if not q.get("answers"):
            problems.append(f"no answers: {q['q']!r}")
        for gold in q.get("answers", []):
            if gold not in article or not occurs(gold, article):
                problems.append(f"gold answer not verbatim in article: {gold!r} ({q['q']!r})")
    for q in data["unanswerable"]:
        if set(q) != {"q", "kind"} or q["kind"] not in UNANSWERABLE_KINDS:
            problems.append(f"bad unanswerable entry: {q!r}")
    n_a, n_u = len(data["answerable"]), len(data["unanswerable"])
    print(
        f"== {folder.name}: {n_a} answerable, {n_u} unanswerable ({n_u / (n_a + n_u):.0%}), "
        f"{len(article.split())} words"
    )
    for part in ("answerable", "unanswerable"):
        print("  " + part + ":", dict(Counter(q["kind"] for q in data[part]).most_common()))
    for p in problems:
        print("  PROBLEM:", p)
    return problems


def main(argv: list[str]) -> int:
    folders = [Path(a).resolve() for a in argv] or sorted(
        p for p in HERE.iterdir() if p.is_dir() and (p / "questions.json").exists()
    )
    if not folders:
        print("no article folders found")
        return 1
    problems = []
    for folder in folders:
        problems += check(folder)
    print(f"{len(folders)} article(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
