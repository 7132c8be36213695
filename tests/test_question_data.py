"""The news question sets are well formed: every gold answer verbatim in its article, kinds
known, no question twice (tests/data/dev_news/check.py, run on every set)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
CHECK = runpy.run_path(str(DATA / "dev_news" / "check.py"))
SETS = [DATA / "second_article", *sorted(
    p for kind in ("dev_news", "tries") for p in (DATA / kind).iterdir()
    if (p / "questions.json").is_file()
)]


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_question_set_is_well_formed(folder: Path) -> None:
    assert CHECK["check"](folder) == []


RETOLD = sorted(p for p in (DATA / "retold").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", RETOLD, ids=lambda p: p.name)
def test_a_retold_story_is_another_report_of_a_tries_story(folder: Path) -> None:
    """tests/data/retold/NAME: another outlet's report of tests/data/tries/NAME, a day later,
    its changes.json true to both articles (the figure it updates is the first's old one and
    its new one; a new fact's answer is in it, verbatim)."""
    import json

    first = DATA / "tries" / folder.name
    assert (first / "questions.json").is_file(), folder.name
    article = (folder / "article.txt").read_text(encoding="utf-8")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    older = json.loads((first / "meta.json").read_text(encoding="utf-8"))
    assert meta["outlet"] != older["outlet"] and meta["published"] > older["published"]
    changes = json.loads((folder / "changes.json").read_text(encoding="utf-8"))
    original = (first / "article.txt").read_text(encoding="utf-8")
    for update in changes["updated"]:
        assert update["old"] in original and update["new"] in article, update
    for fact in changes["new_facts"]:
        assert any(answer in article for answer in fact["answers"]), fact
