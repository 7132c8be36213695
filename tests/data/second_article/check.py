"""Checks questions.json against article.txt: well-formed, every gold answer verbatim in the
article (and still found after SQuAD normalisation), kinds known. Run:
python tests/data/second_article/check.py"""

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
UNANSWERABLE_KINDS = {"off-topic", "greeting", "gibberish", "unknown-person", "not-in-article"}


def normalise(text: str) -> str:
    """SQuAD's normalisation: lower case, ASCII punctuation removed, a/an/the dropped."""
    text = "".join(ch for ch in text.lower() if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def occurs(gold: str, text: str) -> bool:
    return (
        re.search(r"(?<!\S)" + re.escape(normalise(gold)) + r"(?!\S)", normalise(text)) is not None
    )


def main() -> int:
    article = (HERE / "article.txt").read_text(encoding="utf-8")
    meta = json.loads((HERE / "meta.json").read_text(encoding="utf-8"))
    data = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    problems = []
    if set(meta) != {"outlet", "title", "url", "published"}:
        problems.append(f"meta.json keys: {sorted(meta)}")
    seen = Counter(q["q"].strip().lower() for q in data["answerable"] + data["unanswerable"])
    problems += [f"duplicate question: {q!r}" for q, n in seen.items() if n > 1]
    for q in data["answerable"]:
        if q["kind"] not in ANSWERABLE_KINDS:
            problems.append(f"unknown kind {q['kind']!r}: {q['q']!r}")
        if not q.get("answers"):
            problems.append(f"no answers: {q['q']!r}")
        for gold in q.get("answers", []):
            if gold not in article or not occurs(gold, article):
                problems.append(f"gold answer not verbatim in article: {gold!r} ({q['q']!r})")
    for q in data["unanswerable"]:
        if q["kind"] not in UNANSWERABLE_KINDS or "answers" in q:
            problems.append(f"bad unanswerable entry: {q!r}")
    for p in problems:
        print(p)
    n_a, n_u = len(data["answerable"]), len(data["unanswerable"])
    print(
        f"{n_a} answerable, {n_u} unanswerable ({n_u / (n_a + n_u):.0%}), "
        f"{len(article.split())} words"
    )
    for part in ("answerable", "unanswerable"):
        print(part + ":", dict(Counter(q["kind"] for q in data[part]).most_common()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
