"""Record builders for storage tests: small, valid records and banks built from
bot.models (no dependency on the knowledge/ files), and a read-only helper."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.models import Bank, Citation, Fact, Person, Quote, Source


def source(id: str = "src", *, guild_id: int | None = None, **fields: str | None) -> Source:
    values: dict[str, str | None] = {
        "outlet": "NewsNation",
        "title": f"Title of {id}",
        "url": None,
        "published": None,
    }
    values.update(fields)
    return Source(id=id, guild_id=guild_id, **values)  # type: ignore[arg-type]


def person(
    id: str = "kim-kardashian",
    name: str = "Kim Kardashian",
    *,
    aliases: tuple[str, ...] = (),
    guild_id: int | None = None,
) -> Person:
    return Person(id=id, name=name, aliases=aliases, description="", guild_id=guild_id)


def fact(
    id: str,
    text: str | None = None,
    *,
    sources: tuple[str, ...] = ("src",),
    people: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    guild_id: int | None = None,
) -> Fact:
    return Fact(
        id=id,
        text=text if text is not None else f"The text of fact {id}.",
        citations=tuple(Citation(s, f"passage of {s} for {id}") for s in sources),
        people=people,
        keywords=keywords,
        guild_id=guild_id,
    )


def quote(
    id: str,
    text: str | None = None,
    *,
    speaker: str | None = "kim-kardashian",
    sources: tuple[str, ...] = ("src",),
    guild_id: int | None = None,
) -> Quote:
    return Quote(
        id=id,
        speaker=speaker,
        text=text if text is not None else f"Words of quote {id}.",
        context="Instagram story",
        citations=tuple(Citation(s, f"passage of {s} for {id}") for s in sources),
        guild_id=guild_id,
    )


def small_bank(guild_id: int | None = None, prefix: str = "") -> Bank:
    """One source, two people, two facts, one quote; ids prefixed so banks can coexist."""
    src = f"{prefix}src"
    return Bank(
        sources=(source(src, guild_id=guild_id, title=f"{prefix} report"),),
        people=(
            person(
                f"{prefix}kim", f"{prefix} Kim Kardashian", aliases=("Kim K",), guild_id=guild_id
            ),
            person(f"{prefix}doechii", f"{prefix} Doechii", guild_id=guild_id),
        ),
        facts=(
            fact(
                f"{prefix}award",
                f"{prefix} Doechii won an award.",
                sources=(src,),
                people=(f"{prefix}doechii",),
                keywords=("award", "won"),
                guild_id=guild_id,
            ),
            fact(
                f"{prefix}raids",
                f"{prefix} ICE raids took place in LA.",
                sources=(src,),
                guild_id=guild_id,
            ),
        ),
        quotes=(
            quote(
                f"{prefix}better-way",
                f"{prefix} There has to be a better way.",
                speaker=f"{prefix}kim",
                sources=(src,),
                guild_id=guild_id,
            ),
        ),
    )


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or directory unwritable for this process, even when it runs as root
    (root ignores mode bits, so it also gets the immutable attribute)."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = os.geteuid() == 0
    if immutable:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)
