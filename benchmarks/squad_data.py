"""The SQuAD 2.0 development articles in ``tests/data/squad/``: loading, the protocol's
answer rule, and a bank built the way the product's ``ingest`` builds it."""

from __future__ import annotations

import json
import re
import string
from functools import cache
from pathlib import Path
from typing import Any

from bot.engine.ingest import ingest_article
from bot.models import Bank, Source

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT / "tests" / "data" / "squad"
_PUNCT = set(string.punctuation)


@cache
def _data() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (SQUAD / "squad2-dev-8-articles.json").read_text(encoding="utf-8")
    )["data"]
    return data


def split(name: str) -> list[str]:
    """The titles of a split: "tune", "held-out" or "all"."""
    sp: dict[str, list[str]] = json.loads((SQUAD / "split.json").read_text())
    return [t for v in sp.values() for t in v] if name == "all" else sp[name]


def squad_articles(name: str) -> list[dict[str, Any]]:
    titles = split(name)
    return [a for a in _data() if a["title"] in titles]


def article_text(article: dict[str, Any]) -> str:
    return "\n\n".join(p["context"] for p in article["paragraphs"])


def squad_normalise(text: str) -> str:
    """SQuAD's answer normalisation: lower case, punctuation and articles removed."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCT)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def answer_occurs(gold: str, text: str) -> bool:
    """A gold answer occurs on word boundaries in ``text`` (both normalised)."""
    g = squad_normalise(gold)
    if not g:
        return False
    return re.search(r"(^| )" + re.escape(g) + r"( |$)", squad_normalise(text)) is not None


def squad_bank(article: dict[str, Any], shipped: Bank) -> Bank:
    """``shipped`` plus the article ingested as ``coverage-bot ingest`` does."""
    source = Source(
        id="wikipedia-" + article["title"].lower().replace("_", "-"),
        outlet="Wikipedia",
        title=article["title"].replace("_", " "),
        published="2018-01-01",
    )
    result = ingest_article(article_text(article), source=source, known_people=shipped.people)
    return shipped.merged(result.to_bank()).merged(Bank(sources=(source,)))
