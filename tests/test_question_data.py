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
