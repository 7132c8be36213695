"""Writing a knowledge data file (``coverage-bot ingest --to FILE``), safely.

* The file goes in the knowledge folder (``KNOWLEDGE_DIR``), directly, as ``NAME.json``: the
  place the bot loads data files from at its next start. A path that leads anywhere else
  (``../../x.json``, an absolute path, a sub-folder, a symlinked folder pointing outside) is
  refused, unless the caller says so explicitly (``--to-anywhere``).
* Never over an existing file and never through a symlink: a symlink at the target path is
  refused, even one whose target is missing.
* Atomic: the document is written to a temporary file in the same folder, flushed to disk,
  and renamed into place with :func:`os.replace` (which replaces a directory entry and never
  follows a symlink). A failure leaves no partial file and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bot.errors import IngestError


def check_target(path: Path, knowledge_dir: Path, *, anywhere: bool = False) -> Path:
    """The absolute path to write ``path`` to, or :class:`IngestError` saying why not.

    Relative paths are relative to the current folder, as in any shell command.
    """
    target = Path(os.path.abspath(path.expanduser()))
    if os.path.islink(target):
        raise IngestError(f"{path} is a symbolic link: --to never writes through one; "
                          "choose a new file name")
    if os.path.lexists(target):
        raise IngestError(f"{path} exists already: choose a new file name")
    parent = target.parent
    if not parent.is_dir():
        raise IngestError(f"cannot write {path}: folder {parent} does not exist")
    if anywhere:
        return target
    home = knowledge_dir.expanduser().resolve()
    if parent.resolve() != home or target.suffix != ".json" or target.name.startswith("."):
        raise IngestError(
            f"--to writes a NAME.json file directly in the knowledge folder {home} "
            f"(e.g. {home / 'new-article.json'}), where the bot loads it from; {path} is not "
            "one. Add --to-anywhere to write it elsewhere on purpose"
        )
    return target


def write_new_file(target: Path, text: str) -> None:
    """``text`` as a new file at ``target`` (checked by :func:`check_target`), atomically."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        # Checked again just before the rename: something may have appeared meanwhile.
        if os.path.lexists(target):
            raise IngestError(f"{target} appeared while writing: choose a new file name")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
