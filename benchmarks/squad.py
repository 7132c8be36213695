"""SQuAD 2.0 protocol (issue 9): the engine on Wikipedia articles it was never written for.

    .venv/bin/python -m benchmarks.squad [--via cli|engine] [--split tune|held-out|all]
        [--articles NAME ...] [--threshold X] [--sweep] [--json OUT]

The protocol is ``tests/data/squad/PROTOCOL.md``, followed to the letter by ``--via cli``
(the default, the figure that counts): per article a fresh database, the article's paragraph
``context`` strings joined by blank lines into one ``.txt``, ``coverage-bot ingest FILE --db DB
--outlet Wikipedia --title "<title, _ as space>" --published 2018-01-01``, then every question
of the article in one batch through ``coverage-bot ask - --db DB --json``. The database also
holds the shipped coverage (seeded on first use), as a user's would.

``--via engine`` builds the same bank in this process (the shipped ``knowledge/`` plus the
article read by :func:`bot.articles.plan_ingest`, the code ``coverage-bot ingest`` runs) and
asks ``bot.engine.Engine(bank).answer(question)``: the same figures, in a fraction of the
time, for tuning. It uses only those public entry points, so it survives an engine rewrite.

Scoring (per question, SQuAD's normalisation: lower case, ASCII punctuation removed, a/an/the
dropped, whitespace collapsed): a gold answer *occurs* when its normalised text appears on
word boundaries in the normalised ``answer`` or in a normalised ``sources[].excerpt``.
Answerable: right (answered, a gold answer occurs), wrong (answered, none does), missed
(abstained). Unanswerable: right when abstained. Precision: right answers / answers given
(to both kinds). An answer citing a source whose outlet is not ``Wikipedia`` came from the
shipped coverage: the target is none.

Beside it, BM25 top-1 sentence (``rank_bm25.BM25Okapi`` over the article's sentences, the
shipped article left out) with a score cut-off chosen so that it abstains on exactly as many
unanswerable questions as the engine did on the same articles; it answers with its sentence,
scored like the engine's excerpt.

``--threshold X`` rescores: a question counts as answered only if the engine answered and its
score is >= X (so it can only raise the engine's own threshold). ``--sweep`` prints precision,
answerable right and abstention at thresholds 0 to 100. ``--json OUT`` writes one record per
question (for fitting a calibration on the tune split) and the summaries.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import re
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.baselines import tokens

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tests" / "data" / "squad"
DATA = DATA_DIR / "squad2-dev-8-articles.json"
SPLIT = DATA_DIR / "split.json"

OUTLET = "Wikipedia"
PUBLISHED = "2018-01-01"
SPLITS = ("tune", "held-out")

#: Issue 9's targets, judged on the held-out split.
TARGET_PRECISION = 0.70
TARGET_ANSWERABLE = 0.50
TARGET_ABSTAINED = 0.70
TARGET_OVER_BM25 = 0.10
SWEEP = (0, 10, 20, 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100)


# --------------------------------------------------------------------------- scoring

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation)


def normalize(text: str) -> str:
    """SQuAD's ``normalize_answer``: lower case, ASCII punctuation removed, a/an/the dropped,
    whitespace collapsed (the same steps in the same order as the official script)."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in _PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def occurs(gold: str, text: str) -> bool:
    """Whether normalised ``gold`` appears in normalised ``text`` on word boundaries.

    Both are normalised here; a gold answer that normalises to nothing never occurs.
    """
    g, t = normalize(gold), normalize(text)
    if not g:
        return False
    return re.search(r"(?<!\w)" + re.escape(g) + r"(?!\w)", t) is not None


def any_occurs(golds: Iterable[str], texts: Iterable[str]) -> bool:
    texts = [t for t in texts if t]
    return any(occurs(g, t) for g in golds for t in texts)


@dataclass(frozen=True, slots=True)
class Question:
    article: str
    split: str
    id: str
    question: str
    is_impossible: bool
    #: The distinct gold answer texts (empty for unanswerable questions).
    golds: tuple[str, ...]


@dataclass(slots=True)
class Record:
    """One question as answered by the engine (and by BM25), with its scoring."""

    article: str
    split: str
    id: str
    question: str
    is_impossible: bool
    golds: list[str]
    answered: bool
    score: float
    answer: str
    excerpts: list[str]
    outlets: list[str]
    #: A gold answer occurs in the answer or an excerpt (whether or not it answered).
    gold_in_answer: bool
    bm25_score: float = -math.inf
    bm25_sentence: str = ""
    bm25_gold: bool = False
    correct: bool = field(default=False)

    @property
    def shipped(self) -> bool:
        """Answered from the shipped coverage: a cited source is not the article's."""
        return self.answered and any(o != OUTLET for o in self.outlets)


def answered_at(rec: Record, threshold: float | None) -> bool:
    return rec.answered and (threshold is None or rec.score >= threshold)


@dataclass(frozen=True, slots=True)
class Tally:
    answerable: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    unanswerable: int = 0
    abstained: int = 0
    #: Answers given to unanswerable questions.
    false_answers: int = 0
    shipped: int = 0

    @property
    def answers(self) -> int:
        return self.right + self.wrong + self.false_answers

    @property
    def precision(self) -> float:
        return _ratio(self.right, self.answers)

    @property
    def right_rate(self) -> float:
        return _ratio(self.right, self.answerable)

    @property
    def wrong_rate(self) -> float:
        return _ratio(self.wrong, self.answerable)

    @property
    def missed_rate(self) -> float:
        return _ratio(self.missed, self.answerable)

    @property
    def abstained_rate(self) -> float:
        return _ratio(self.abstained, self.unanswerable)


def _ratio(a: int, b: int) -> float:
    return a / b if b else math.nan


def tally(answered: Sequence[bool], hit: Sequence[bool], impossible: Sequence[bool],
          shipped: Sequence[bool] = ()) -> Tally:
    """Counts per PROTOCOL.md: ``answered[i]`` and ``hit[i]`` (a gold answer occurs) of
    question ``i``, ``impossible[i]`` when it is unanswerable."""
    right = wrong = missed = abstained = false_answers = 0
    for a, h, imp in zip(answered, hit, impossible, strict=True):
        if imp:
            if a:
                false_answers += 1
            else:
                abstained += 1
        elif not a:
            missed += 1
        elif h:
            right += 1
        else:
            wrong += 1
    n_imp = sum(impossible)
    return Tally(len(impossible) - n_imp, right, wrong, missed, n_imp, abstained, false_answers,
                 sum(shipped))


def engine_tally(records: Sequence[Record], threshold: float | None = None) -> Tally:
    answered = [answered_at(r, threshold) for r in records]
    return tally(answered, [r.gold_in_answer for r in records],
                 [r.is_impossible for r in records],
                 [a and r.shipped for a, r in zip(answered, records, strict=True)])


def equal_abstention_cutoff(unanswerable_scores: Sequence[float], abstain: int) -> float:
    """A cut-off (answer when score >= it) under which exactly ``abstain`` of the
    unanswerable questions' scores fall; with ties in the way, the nearest count reachable
    (fewer abstentions on a tie at equal distance).
    """
    scores = sorted(unanswerable_scores)
    if not scores:
        return -math.inf
    abstain = max(0, min(abstain, len(scores)))
    # -inf: none abstains; each distinct score s > min: abstain on those < s; inf: all.
    candidates = [-math.inf, *sorted(set(scores))[1:], math.inf]

    def below(cut: float) -> int:
        return bisect.bisect_left(scores, cut)

    best = min(candidates, key=lambda c: (abs(below(c) - abstain), below(c)))
    if not math.isfinite(best):
        return best
    # halfway between that score and the one under it (abstaining on the same questions)
    return (scores[below(best) - 1] + best) / 2


def bm25_tally(records: Sequence[Record], cutoff: float) -> Tally:
    answered = [r.bm25_score >= cutoff for r in records]
    return tally(answered, [r.bm25_gold for r in records], [r.is_impossible for r in records])


@dataclass(frozen=True, slots=True)
class Summary:
    name: str
    engine: Tally
    bm25: Tally
    bm25_cutoff: float
    seconds: float

    @property
    def over_bm25(self) -> float:
        return self.engine.right_rate - self.bm25.right_rate


def summarise(name: str, records: Sequence[Record], threshold: float | None,
              seconds: float) -> Summary:
    eng = engine_tally(records, threshold)
    cutoff = equal_abstention_cutoff(
        [r.bm25_score for r in records if r.is_impossible], eng.abstained
    )
    return Summary(name, eng, bm25_tally(records, cutoff), cutoff, seconds)


# --------------------------------------------------------------------------- data


def load_articles(path: Path = DATA) -> dict[str, dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {a["title"]: a for a in data["data"]}


def load_split(path: Path = SPLIT) -> dict[str, str]:
    """Article title -> its split."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {title: split for split in SPLITS for title in data[split]}


def article_text(article: dict[str, Any]) -> str:
    """The paragraphs' ``context`` strings separated by blank lines (the ingested file)."""
    return "\n\n".join(p["context"] for p in article["paragraphs"]) + "\n"


def article_title(article: dict[str, Any]) -> str:
    return str(article["title"]).replace("_", " ")


def questions_of(article: dict[str, Any], split: str) -> list[Question]:
    out = []
    for p in article["paragraphs"]:
        for q in p["qas"]:
            golds = tuple(dict.fromkeys(a["text"] for a in q.get("answers", ())))
            out.append(Question(article["title"], split, q["id"], q["question"],
                                bool(q["is_impossible"]), golds))
    return out


# --------------------------------------------------------------------------- BM25

_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr)\.)"
    r"[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"
)


def sentences(text: str) -> list[str]:
    """The text split into sentences: after . ! or ? (and closing quotes or brackets) where
    the next word starts with a capital or a digit, but not after an initial ("John F.",
    "U.S.") or Mr. Ms. Dr. St. Jr. Sr.; paragraphs (blank lines) always split."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(para):
            out.append(para[start:m.start()] + para[m.start():m.end()].rstrip())
            start = m.end()
        out.append(para[start:])
    return [s.strip() for s in out if s.strip()]


class SentenceBM25:
    """Top-1 sentence by ``rank_bm25.BM25Okapi`` over lower-cased word tokens."""

    def __init__(self, text: str) -> None:
        from rank_bm25 import BM25Okapi

        self.sentences = sentences(text)
        self._bm25 = BM25Okapi([tokens(s) for s in self.sentences])

    def best(self, question: str) -> tuple[str, float]:
        query = tokens(question)
        if not query:
            return "", -math.inf
        scores = self._bm25.get_scores(query)
        index = int(scores.argmax())
        return self.sentences[index], float(scores[index])


# --------------------------------------------------------------------------- running


@dataclass(frozen=True, slots=True)
class Reply:
    """What ``ask --json`` says, or ``Engine.answer``: the fields the scoring reads."""

    answered: bool
    score: float
    answer: str
    excerpts: tuple[str, ...]
    outlets: tuple[str, ...]

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Reply:
        sources = obj.get("sources") or []
        return cls(bool(obj["answered"]), float(obj.get("score") or 0.0),
                   str(obj.get("answer") or ""),
                   tuple(str(s.get("excerpt") or "") for s in sources),
                   tuple(str(s.get("outlet") or "") for s in sources))


def coverage_bot() -> Path:
    """The venv's ``coverage-bot`` executable, next to this interpreter."""
    exe = Path(sys.executable).parent / "coverage-bot"
    if not exe.exists():
        raise SystemExit(f"{exe} not found: run ./scripts/bootstrap first")
    return exe


#: Settings that would change what is measured: the protocol measures the defaults.
_SETTINGS = ("ANSWER_THRESHOLD", "KNOWLEDGE_DIR", "MAX_QUESTION_LENGTH", "DATABASE_PATH",
             "DATABASE_URL")


def _run(cmd: list[str], cwd: Path, stdin: str | None = None) -> str:
    """Run a command in ``cwd`` (a temporary folder: no ``.env`` is read) without the
    settings that would change the figures in its environment."""
    env = {k: v for k, v in os.environ.items() if k not in _SETTINGS}
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=cwd, env=env,
                          check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def ask_via_cli(article: dict[str, Any], questions: Sequence[Question],
                workdir: Path) -> tuple[list[Reply], float, float]:
    """The official protocol: replies, seconds of ingest, seconds of ask."""
    exe = str(coverage_bot())
    db = workdir / "coverage.db"
    txt = workdir / f"{article['title']}.txt"
    txt.write_text(article_text(article), encoding="utf-8")
    t0 = time.perf_counter()
    _run([exe, "ingest", str(txt), "--db", str(db), "--outlet", OUTLET,
          "--title", article_title(article), "--published", PUBLISHED], workdir)
    t1 = time.perf_counter()
    out = _run([exe, "ask", "-", "--db", str(db), "--json"], workdir,
               stdin="".join(q.question + "\n" for q in questions))
    t2 = time.perf_counter()
    lines = [line for line in out.splitlines() if line.strip()]
    if len(lines) != len(questions):
        raise SystemExit(f"{article['title']}: {len(questions)} questions asked, "
                         f"{len(lines)} JSON lines back")
    return [Reply.from_json(json.loads(line)) for line in lines], t1 - t0, t2 - t1


def ingested_bank(text: str, shipped: Any, name: str, *, outlet: str, title: str,
                  published: str | None, url: str | None = None) -> Any:
    """The bank a fresh database holds after ``coverage-bot ingest`` of one article: the
    shipped records (with any citation the ingest added to them) then the article's."""
    from bot.articles import Article

    art = Article(raw=text.encode("utf-8"), name=name, outlet=outlet, title=title,
                  published=published, url=url)
    return ingested_articles([art], shipped)


def ingested_articles(articles: Sequence[Any], shipped: Any) -> Any:
    """The bank a fresh database holds after ``coverage-bot ingest`` of ``articles`` (each a
    :class:`bot.articles.Article`) at once: the shipped records, then the articles'."""
    from bot.articles import plan_ingest
    from bot.engine import Engine
    from bot.models import Bank, kind_of

    # a fresh database: the shipped records (with any citation the ingest added to them)
    plan = plan_ingest(Engine(shipped), list(articles), guild_id=None)
    updated = {(kind_of(r), r.id): r for r in plan.updates}

    def fresh(records: Iterable[Any]) -> tuple[Any, ...]:
        return tuple(updated.get((kind_of(r), r.id), r) for r in records)

    base = Bank(fresh(shipped.sources), fresh(shipped.people), fresh(shipped.facts),
                fresh(shipped.quotes))
    return base.merged(plan.adds)


def build_bank(article: dict[str, Any], shipped: Any, name: str) -> Any:
    """The bank of the protocol's ingest of a SQuAD article."""
    return ingested_bank(article_text(article), shipped, name, outlet=OUTLET,
                         title=article_title(article), published=PUBLISHED)


def ask_via_engine(article: dict[str, Any], questions: Sequence[Question], shipped: Any,
                   engine_threshold: float | None = None) -> tuple[list[Reply], float, float]:
    """The same bank and questions in this process: replies, seconds of build, of asking.

    ``engine_threshold`` (not the protocol) replaces the engine's own threshold, e.g. 0 to
    see the candidate it would give to every question.
    """
    from bot.engine import Engine
    from bot.errors import CoverageBotError
    from bot.service import clean_question
    from bot.settings import Settings

    max_length = Settings().max_question_length  # the default, as --via cli runs it
    t0 = time.perf_counter()
    bank = build_bank(article, shipped, f"{article['title']}.txt")
    engine = Engine(bank) if engine_threshold is None else Engine(bank,
                                                                  threshold=engine_threshold)
    t1 = time.perf_counter()
    replies = []
    for q in questions:
        try:
            answer = engine.answer(clean_question(q.question, max_length))
        except CoverageBotError:
            replies.append(Reply(False, 0.0, "", (), ()))
            continue
        replies.append(Reply(answer.answered, round(float(answer.score), 1), answer.text,
                             tuple(s.excerpt for s in answer.sources),
                             tuple(s.outlet for s in answer.sources)))
    return replies, t1 - t0, time.perf_counter() - t1


def score_article(article: dict[str, Any], questions: Sequence[Question],
                  replies: Sequence[Reply]) -> list[Record]:
    bm25 = SentenceBM25(article_text(article))
    out = []
    for q, r in zip(questions, replies, strict=True):
        sentence, bscore = bm25.best(q.question)
        out.append(Record(
            article=q.article, split=q.split, id=q.id, question=q.question,
            is_impossible=q.is_impossible, golds=list(q.golds), answered=r.answered,
            score=r.score, answer=r.answer, excerpts=list(r.excerpts), outlets=list(r.outlets),
            gold_in_answer=any_occurs(q.golds, [r.answer, *r.excerpts]),
            bm25_score=bscore, bm25_sentence=sentence,
            bm25_gold=any_occurs(q.golds, [sentence]),
        ))
    return out


def set_correct(records: Sequence[Record], threshold: float | None) -> None:
    for r in records:
        a = answered_at(r, threshold)
        r.correct = (not a) if r.is_impossible else (a and r.gold_in_answer)


# --------------------------------------------------------------------------- output


def _pct(x: float) -> str:
    return "    -" if math.isnan(x) else f"{100 * x:5.1f}"


HEADER = (
    f"{'':<32} {'ans':>4} {'right':>5} {'wrong':>5} {'miss':>5} {'unans':>5} {'abst':>5} "
    f"{'prec':>5} | {'bm25':>5} {'diff':>5} {'bprec':>5} {'cut':>5} | {'ship':>4} {'secs':>6}"
)


def row(s: Summary) -> str:
    e, b = s.engine, s.bm25
    cut = f"{s.bm25_cutoff:5.1f}" if math.isfinite(s.bm25_cutoff) else f"{s.bm25_cutoff:>5}"
    return (
        f"{s.name:<32} {e.answerable:>4} {_pct(e.right_rate)} {_pct(e.wrong_rate)} "
        f"{_pct(e.missed_rate)} {e.unanswerable:>5} {_pct(e.abstained_rate)} "
        f"{_pct(e.precision)} | {_pct(b.right_rate)} {_pct(s.over_bm25)} {_pct(b.precision)} "
        f"{cut} | {e.shipped:>4} {s.seconds:6.1f}"
    )


def targets(s: Summary) -> list[tuple[str, str, bool]]:
    e = s.engine
    return [
        ("precision >= 70%", f"{100 * e.precision:.1f}%", e.precision >= TARGET_PRECISION),
        ("answerable right >= 50%", f"{100 * e.right_rate:.1f}%",
         e.right_rate >= TARGET_ANSWERABLE),
        ("unanswerable abstained >= 70%", f"{100 * e.abstained_rate:.1f}%",
         e.abstained_rate >= TARGET_ABSTAINED),
        (">= 10 points over BM25 at equal abstention",
         f"{100 * s.over_bm25:+.1f} points (BM25 {100 * s.bm25.right_rate:.1f}%)",
         s.over_bm25 >= TARGET_OVER_BM25 - 1e-9),
        ("shipped coverage answers 0", str(e.shipped), e.shipped == 0),
    ]


def sweep_lines(name: str, records: Sequence[Record]) -> list[str]:
    lines = [f"sweep ({name}): threshold, answers given, precision, answerable right, "
             "unanswerable abstained, BM25 right at equal abstention",
             f"  {'thr':>5} {'given':>6} {'prec':>6} {'right':>6} {'abst':>6} {'bm25':>6}"]
    for t in SWEEP:
        s = summarise(name, records, float(t), 0.0)
        lines.append(f"  {t:>5} {s.engine.answers:>6} {_pct(s.engine.precision):>6} "
                     f"{_pct(s.engine.right_rate):>6} {_pct(s.engine.abstained_rate):>6} "
                     f"{_pct(s.bm25.right_rate):>6}")
    return lines


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "bot", "knowledge"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return out + ("+dirty" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _summary_json(s: Summary) -> dict[str, Any]:
    return {"name": s.name, "engine": asdict(s.engine), "bm25": asdict(s.bm25),
            "bm25_cutoff": s.bm25_cutoff if math.isfinite(s.bm25_cutoff) else None,
            "seconds": round(s.seconds, 2),
            "rates": {"right": s.engine.right_rate, "wrong": s.engine.wrong_rate,
                      "missed": s.engine.missed_rate, "abstained": s.engine.abstained_rate,
                      "precision": s.engine.precision, "bm25_right": s.bm25.right_rate,
                      "bm25_precision": s.bm25.precision, "over_bm25": s.over_bm25}}


def _record_json(r: Record) -> dict[str, Any]:
    d = asdict(r)
    d["shipped"] = r.shipped
    for key in ("score", "bm25_score"):
        if not math.isfinite(d[key]):
            d[key] = None
    return d


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--via", choices=("cli", "engine"), default="cli",
                        help="cli: the official protocol (default); engine: in-process")
    parser.add_argument("--split", choices=("tune", "held-out", "all"), default="all")
    parser.add_argument("--articles", nargs="+", metavar="NAME",
                        help="only these articles (titles with _), whatever --split says")
    parser.add_argument("--threshold", type=float,
                        help="rescore: answered only if the engine answered with score >= X")
    parser.add_argument("--engine-threshold", type=float, metavar="X",
                        help="--via engine only, not the protocol: build Engine(bank, "
                        "threshold=X), e.g. 0 to record every question's candidate answer")
    parser.add_argument("--sweep", action="store_true",
                        help="print the figures at thresholds 0 to 100")
    parser.add_argument("--json", type=Path, help="write per-question records and summaries")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)

    if args.engine_threshold is not None and args.via != "engine":
        parser.error("--engine-threshold needs --via engine")
    articles = load_articles(args.data)
    split_of = load_split()
    if args.articles:
        unknown = [a for a in args.articles if a not in articles]
        if unknown:
            raise SystemExit(f"unknown articles {unknown}; known: {sorted(articles)}")
        chosen = list(args.articles)
    else:
        chosen = [t for s in SPLITS if args.split in (s, "all")
                  for t in json.loads(SPLIT.read_text(encoding="utf-8"))[s]]

    shipped = None
    if args.via == "engine":
        from bot.knowledge import load_knowledge
        from bot.settings import DEFAULT_KNOWLEDGE_DIR

        shipped = load_knowledge(DEFAULT_KNOWLEDGE_DIR)

    started = datetime.now(UTC)
    commit = _git_commit()
    print(f"SQuAD 2.0 protocol, --via {args.via}, commit {commit}, "
          f"{started:%Y-%m-%d %H:%M} UTC; threshold: "
          + ("engine's own" if args.threshold is None else f">= {args.threshold:g}")
          + ("" if args.engine_threshold is None
             else f"; Engine(bank, threshold={args.engine_threshold:g}) (not the protocol)"))
    print(f"articles: {', '.join(chosen)}")

    per_article: dict[str, list[Record]] = {}
    seconds: dict[str, tuple[float, float]] = {}
    for title in chosen:
        article = articles[title]
        questions = questions_of(article, split_of.get(title, "?"))
        if args.via == "cli":
            with tempfile.TemporaryDirectory(prefix="squad-") as tmp:
                replies, t_build, t_ask = ask_via_cli(article, questions, Path(tmp))
        else:
            replies, t_build, t_ask = ask_via_engine(article, questions, shipped,
                                                     args.engine_threshold)
        records = score_article(article, questions, replies)
        set_correct(records, args.threshold)
        per_article[title] = records
        seconds[title] = (t_build, t_ask)
        s = summarise(title, records, args.threshold, t_build + t_ask)
        print(f"  {title}: {len(questions)} questions, ingest/build {t_build:.1f} s, "
              f"ask {t_ask:.1f} s; right {_pct(s.engine.right_rate).strip()}%, "
              f"abstained {_pct(s.engine.abstained_rate).strip()}%, "
              f"precision {_pct(s.engine.precision).strip()}%", flush=True)

    summaries = [summarise(t, per_article[t], args.threshold, sum(seconds[t]))
                 for t in chosen]
    groups: list[tuple[str, list[str]]] = [
        (s, [t for t in chosen if split_of.get(t) == s]) for s in SPLITS
    ]
    groups = [(s, ts) for s, ts in groups if ts]
    if len(groups) > 1 or (groups and len(groups[0][1]) != len(chosen)):
        groups.append(("all", chosen))
    group_summaries = {
        name: summarise(f"[{name}]", [r for t in ts for r in per_article[t]], args.threshold,
                        sum(sum(seconds[t]) for t in ts))
        for name, ts in groups
    }

    print()
    print("engine: % of answerable right / wrong / missed, % of unanswerable abstained, "
          "precision = right / answers given;")
    print("bm25: top-1 sentence, answerable right % at the engine's abstention (cut-off "
          "per row), diff = engine - bm25, its precision;")
    print("ship: answers from the shipped coverage; secs: ingest + ask")
    print(HEADER)
    for s in summaries:
        print(row(s))
    for s in group_summaries.values():
        print(row(s))

    held = group_summaries.get("held-out")
    if held is not None:
        print("\nissue 9 targets on the held-out split:")
        for name, measured, ok in targets(held):
            print(f"  {'PASS' if ok else 'FAIL'}  {name:<44} {measured}")
    else:
        print("\n(held-out split not measured: no targets judged)")

    if args.sweep:
        for name, ts in groups:
            print()
            print("\n".join(sweep_lines(name, [r for t in ts for r in per_article[t]])))

    total = sum(sum(v) for v in seconds.values())
    print(f"\ntotal {total:.1f} s over {sum(len(v) for v in per_article.values())} questions")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "via": args.via, "commit": commit, "started": started.isoformat(),
            "threshold": args.threshold, "engine_threshold": args.engine_threshold,
            "articles": chosen,
            "seconds": {t: {"build": round(b, 2), "ask": round(a, 2)}
                        for t, (b, a) in seconds.items()},
            "summaries": [_summary_json(s) for s in summaries]
            + [_summary_json(s) for s in group_summaries.values()],
            "targets": None if held is None else [
                {"target": n, "measured": m, "pass": ok} for n, m, ok in targets(held)
            ],
            "records": [_record_json(r) for t in chosen for r in per_article[t]],
        }
        args.json.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
