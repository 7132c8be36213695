"""Checks questions.json against article.txt (gold answers verbatim, kinds known, no
duplicates), with the checker of tests/data/dev_news/check.py. Run:
python tests/data/second_article/check.py"""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    checker = runpy.run_path(str(HERE.parent / "dev_news" / "check.py"))
    sys.exit(checker["main"]([str(HERE)]))
