import logging
import os
import sys

from bot.cli import main

code = main()
# Everything is written; the interpreter's teardown (freeing a large engine object by
# object: 0.05 s at 1,000,000 records) is skipped.
try:
    sys.stdout.flush()
    sys.stderr.flush()
except (BrokenPipeError, ValueError):
    pass
logging.shutdown()
os._exit(code)
