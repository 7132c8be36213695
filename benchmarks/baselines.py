"""Plain retrieval baselines the engine is measured against, and the scoring shared by both
benchmarks.

Each baseline indexes the texts of the facts and quotes (the records an answer is drawn
from) and returns, for a question, its best record and a score. It answers when the score
is at least a threshold; :func:`tune_threshold` picks that threshold on the dev split, the
one that maximises the mean of answerable and abstention accuracy (fair to the baselines:
they get the best threshold they could have, picked with the labels).

- rapidfuzz: ``process.extractOne`` with ``fuzz.WRatio`` and ``utils.default_process``
  (choices processed once up front, which gives the same scores as passing the processor).
- BM25: ``rank_bm25.BM25Okapi`` over lower-cased word tokens.
- FTS5: an in-memory SQLite FTS5 table ranked by ``bm25()``; the query is the OR of the
  question's quoted word tokens; the score is ``-bm25()`` (higher is better).
- embeddings (optional): a sentence-transformers model, only if the package is importable
  and the model is already on disk; nothing is downloaded.
"""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.models import Bank

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return _TOKEN.findall(text.lower())


def answer_docs(bank: Bank) -> list[tuple[str, str]]:
    """``(record id, text)`` of every fact and quote."""
    return [(f.id, f.text) for f in bank.facts] + [(q.id, q.text) for q in bank.quotes]


class Baseline(Protocol):
    name: str

    def best(self, question: str) -> tuple[str | None, float]:
        """The best record's id and its score (``None, -inf`` when nothing matches)."""
        ...


class RapidfuzzBaseline:
    name = "rapidfuzz WRatio"

    def __init__(self, docs: Sequence[tuple[str, str]]) -> None:
        from rapidfuzz import utils

        self._ids = [d[0] for d in docs]
        self._choices = [utils.default_process(d[1]) for d in docs]

    def best(self, question: str) -> tuple[str | None, float]:
        from rapidfuzz import fuzz, process, utils

        found = process.extractOne(
            utils.default_process(question), self._choices, scorer=fuzz.WRatio, processor=None
        )
        if found is None:
            return None, -math.inf
        _, score, index = found
        return self._ids[index], float(score)


class BM25Baseline:
    name = "BM25 (rank_bm25)"

    def __init__(self, docs: Sequence[tuple[str, str]]) -> None:
        from rank_bm25 import BM25Okapi

        self._ids = [d[0] for d in docs]
        self._bm25 = BM25Okapi([tokens(d[1]) for d in docs])

    def best(self, question: str) -> tuple[str | None, float]:
        query = tokens(question)
        if not query or not self._ids:
            return None, -math.inf
        scores = self._bm25.get_scores(query)
        index = int(scores.argmax())
        return self._ids[index], float(scores[index])


def fts5_query(question: str) -> str:
    """The OR of the question's word tokens, each quoted (empty when it has none)."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(tokens(question)))


class FTS5Baseline:
    name = "SQLite FTS5 bm25()"

    def __init__(self, docs: Iterable[tuple[str, str]]) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute("CREATE VIRTUAL TABLE docs USING fts5(rid UNINDEXED, body)")
        with self._db:
            self._db.executemany("INSERT INTO docs (rid, body) VALUES (?, ?)", docs)

    def best(self, question: str) -> tuple[str | None, float]:
        query = fts5_query(question)
        if not query:
            return None, -math.inf
        row = self._db.execute(
            "SELECT rid, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 1",
            (query,),
        ).fetchone()
        if row is None:
            return None, -math.inf
        return str(row[0]), -float(row[1])


def embeddings_available() -> str | None:
    """Why the embeddings baseline cannot run, or ``None`` when it can be tried."""
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return "no sentence-embedding package (sentence-transformers) is importable"
    return None


class EmbeddingBaseline:
    name = "embeddings (cosine)"

    def __init__(self, docs: Sequence[tuple[str, str]], model: str) -> None:
        from sentence_transformers import SentenceTransformer

        # local_files_only: never fetch a model; a missing one raises, and is reported.
        self._model: Any = SentenceTransformer(model, local_files_only=True)
        self._ids = [d[0] for d in docs]
        self._vectors = self._model.encode(
            [d[1] for d in docs], normalize_embeddings=True, convert_to_numpy=True
        )

    def best(self, question: str) -> tuple[str | None, float]:
        vector = self._model.encode([question], normalize_embeddings=True, convert_to_numpy=True)
        scores = self._vectors @ vector[0]
        index = int(scores.argmax())
        return self._ids[index], float(scores[index])


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Item:
    """A question with the records that answer it (none: it should be abstained on)."""

    q: str
    expect: frozenset[str]
    kind: str
    split: str

    @property
    def answerable(self) -> bool:
        return bool(self.expect)


@dataclass(frozen=True, slots=True)
class Prediction:
    """A method's best record for a question, its score, and whether it answered."""

    record_id: str | None
    score: float
    answered: bool = True


@dataclass(frozen=True, slots=True)
class Metrics:
    answerable: int
    answerable_correct: int
    unanswerable: int
    abstained_correct: int

    @property
    def answerable_accuracy(self) -> float:
        return self.answerable_correct / self.answerable if self.answerable else math.nan

    @property
    def abstention_accuracy(self) -> float:
        return self.abstained_correct / self.unanswerable if self.unanswerable else math.nan

    @property
    def overall(self) -> float:
        """Share of all questions handled right (answered right, or rightly abstained on)."""
        total = self.answerable + self.unanswerable
        return (self.answerable_correct + self.abstained_correct) / total if total else math.nan

    @property
    def balanced(self) -> float:
        """Mean of answerable and abstention accuracy (what thresholds are tuned on)."""
        parts = [x for x in (self.answerable_accuracy, self.abstention_accuracy)
                 if not math.isnan(x)]
        return sum(parts) / len(parts) if parts else math.nan


def evaluate(
    items: Sequence[Item], predictions: Sequence[Prediction], threshold: float | None = None
) -> Metrics:
    """Score predictions; with ``threshold``, a prediction answers only at or above it."""
    a_total = a_ok = u_total = u_ok = 0
    for item, pred in zip(items, predictions, strict=True):
        answered = pred.answered and pred.record_id is not None and (
            threshold is None or pred.score >= threshold
        )
        if item.answerable:
            a_total += 1
            a_ok += answered and pred.record_id in item.expect
        else:
            u_total += 1
            u_ok += not answered
    return Metrics(a_total, a_ok, u_total, u_ok)


def tune_threshold(items: Sequence[Item], predictions: Sequence[Prediction]) -> float:
    """The abstention threshold that maximises the balanced accuracy on ``items``.

    Candidates are the midpoints between consecutive distinct scores (and one below the
    lowest, one above the highest); among equally good ones, the middle one is taken.
    """
    scores = sorted({p.score for p in predictions if math.isfinite(p.score)})
    if not scores:
        return math.inf
    candidates = [scores[0] - 1.0]
    candidates += [(a + b) / 2 for a, b in itertools.pairwise(scores)]
    candidates.append(scores[-1] + 1.0)
    results = [(evaluate(items, predictions, t).balanced, t) for t in candidates]
    best = max(r[0] for r in results)
    tied = [t for value, t in results if value == best]
    return tied[len(tied) // 2]
