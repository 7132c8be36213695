"""The second news article (``tests/data/second_article/``): a question set on coverage the
engine was never tuned on, scored as the SQuAD protocol scores.

    python -m benchmarks.second_article            # figures and every miss
    python -m benchmarks.second_article --sweep    # the figures across thresholds
    python -m benchmarks.second_article --data tests/data/dev_news/juniper-ridge-fire
        # the same on a development article (tune on those, never on the second article)
    python -m benchmarks.second_article --one-bank $(for d in tests/data/tries/*/; do
        echo --data $d; done)   # every article in one bank, as a server holding them all
    python -m benchmarks.second_article --retold tests/data/retold $(for d in
        tests/data/retold/*/; do echo --data tests/data/tries/$(basename $d); done)
        # each story beside another outlet's report of it, a day later

The article (original text, not about immigration) is ingested as ``coverage-bot ingest``
ingests it, into a bank that also holds the shipped coverage. An answerable question is
right when the engine answers and a gold answer occurs in the answer or an excerpt (SQuAD's
normalisation); an unanswerable one is right when it abstains.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.squad import any_occurs, ingested_articles

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "second_article"


@dataclass(frozen=True, slots=True)
class Outcome:
    question: str
    kind: str
    answerable: bool
    answered: bool
    right: bool
    score: float
    text: str


def _article(data: Path, name: str) -> Any:
    """The article of a folder laid out like ``tests/data/second_article/``, as ingest reads
    it: its text, with its outlet, title, date and link from ``meta.json``."""
    from bot.articles import Article

    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    text = (data / "article.txt").read_text(encoding="utf-8")
    return Article(raw=text.encode("utf-8"), name=name, outlet=meta["outlet"],
                   title=meta["title"], published=meta["published"], url=meta.get("url"))


def bank(data: Path = DATA) -> Any:
    from bot.knowledge import load_knowledge

    return ingested_articles([_article(data, "article.txt")], load_knowledge(ROOT / "knowledge"))


def one_bank(folders: list[Path]) -> Any:
    """The bank a fresh database holds after ``coverage-bot ingest`` of every article of
    ``folders`` at once (a server holding many stories), with the shipped coverage."""
    from bot.knowledge import load_knowledge

    return ingested_articles([_article(d, f"{d.name}.txt") for d in folders],
                             load_knowledge(ROOT / "knowledge"))


def retold_bank(data: Path, second: Path) -> Any:
    """The bank of ``data``'s article and another outlet's report of the same story
    (``second``, laid out alike, without questions), ingested at once, with the shipped
    coverage: the questions of ``data`` asked of a server holding both reports."""
    from bot.knowledge import load_knowledge

    return ingested_articles([_article(data, f"{data.name}.txt"),
                              _article(second, f"{second.name}-retold.txt")],
                             load_knowledge(ROOT / "knowledge"))


def outcomes(threshold: float | None = None, data_dir: Path = DATA,
             engine: Any = None) -> list[Outcome]:
    """Every question of ``data_dir`` asked of its own bank (or of ``engine``'s)."""
    from bot.engine import Engine

    if engine is None:
        engine = Engine(bank(data_dir), threshold=threshold)
    data = json.loads((data_dir / "questions.json").read_text(encoding="utf-8"))
    out: list[Outcome] = []
    for section in ("answerable", "unanswerable"):
        for q in data[section]:
            a = engine.answer(q["q"])
            texts = [a.text, *(s.excerpt for s in a.sources)]
            answerable = section == "answerable"
            hit = a.answered and any_occurs(q.get("answers", ()), texts)
            right = hit if answerable else not a.answered
            out.append(Outcome(q["q"], q["kind"], answerable, a.answered, right, a.score, a.text))
    return out


def figures(results: list[Outcome]) -> dict[str, float]:
    ans = [r for r in results if r.answerable]
    una = [r for r in results if not r.answerable]
    given = [r for r in results if r.answered]
    return {
        "answerable": sum(r.right for r in ans) / len(ans),
        "abstained": sum(r.right for r in una) / len(una),
        "overall": sum(r.right for r in results) / len(results),
        "precision": sum(r.right for r in given if r.answerable) / max(1, len(given)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sweep", action="store_true", help="figures at thresholds 0 to 90")
    ap.add_argument("--data", type=Path, action="append",
                    help="an article folder laid out like tests/data/second_article/ (e.g. "
                    "one of tests/data/dev_news/); repeat for several, figures pooled")
    ap.add_argument("--one-bank", action="store_true",
                    help="ingest every --data article into one bank and ask each article's "
                    "questions of it (a server holding all of them)")
    ap.add_argument("--retold", type=Path,
                    help="a folder of other outlets' reports of the --data stories (e.g. "
                    "tests/data/retold/): each story's bank holds the one named after it too")
    args = ap.parse_args(argv)
    folders = args.data or [DATA]
    from bot.engine import Engine

    if args.one_bank:
        shared = Engine(one_bank(folders))
        results = [r for d in folders for r in outcomes(data_dir=d, engine=shared)]
    elif args.retold:
        results = [r for d in folders if (args.retold / d.name).is_dir() for r in outcomes(
            data_dir=d, engine=Engine(retold_bank(d, args.retold / d.name)))]
    else:
        results = [r for d in folders for r in outcomes(data_dir=d)]
    f = figures(results)
    print(f"{len(results)} questions: answerable right {f['answerable']:.1%}, unanswerable "
          f"abstained {f['abstained']:.1%}, overall {f['overall']:.1%}, "
          f"precision {f['precision']:.1%}")
    for r in results:
        if not r.right:
            kind = "answerable" if r.answerable else "unanswerable"
            print(f"  miss [{kind}/{r.kind}] {r.question!r} -> "
                  f"{'answered' if r.answered else 'abstained'} {r.score:.0f}: {r.text[:90]}")
    if args.sweep:
        everything = [r for d in folders for r in outcomes(threshold=0.0, data_dir=d)]
        for t in range(0, 95, 10):
            rs = [Outcome(r.question, r.kind, r.answerable, r.answered and r.score >= t,
                          (r.right and r.score >= t) if r.answerable else r.score < t,
                          r.score, r.text) for r in everything]
            g = figures(rs)
            print(f"  {t:3d}  answerable {g['answerable']:.1%}  abstained {g['abstained']:.1%}"
                  f"  overall {g['overall']:.1%}  precision {g['precision']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
