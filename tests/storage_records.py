"""Record builders for storage tests: small, valid records and banks built from
bot.models (no dependency on the knowledge/ files), and a read-only helper."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bot.models import Bank, Citation, Fact, Person, Quote, Source
from bot.storage import Storage
from bot.storage.content import content_hash
from bot.storage.mapping import INSERT_ORDER, INSERT_SQL, insert_rows


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


GUILD_A = 111111111111111111
GUILD_B = 222222222222222222
ROOT = Path(__file__).resolve().parent.parent

EXPECTED_TABLES = {
    "sources",
    "people",
    "person_aliases",
    "facts",
    "fact_citations",
    "fact_people",
    "quotes",
    "quote_citations",
    "shipped_removals",
    "audit_log",
    "unanswered",
    "feedback",
    "guild_channels",
    "meta",
    "changes",
}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw(path: Path) -> sqlite3.Connection:
    """A second, independent connection to a database file."""
    return sqlite3.connect(path)


async def seeded(storage: Storage, guild_id: int | None = None, prefix: str = "") -> Bank:
    bank = small_bank(guild_id, prefix)
    await storage.import_bank(bank, actor="seed", guild_id=guild_id)
    return bank


def every_kind(guild_id: int | None = None) -> list[Source | Person | Fact | Quote]:
    return [
        Source(
            "src",
            "NewsNation",
            "Celebrities speak out",
            "https://example.com/a",
            "2025-06-10",
            guild_id,
        ),
        Person("kim", "Kim Kardashian", ("Kardashian", "Kim K"), "reality TV star", guild_id),
        Person("doechii", "Doechii", (), "", guild_id),
        Fact(
            "award",
            "Doechii won an award.",
            (Citation("src", "The Florida rapper won."),),
            ("doechii", "kim"),
            ("award", "won"),
            "2025-06-09",
            guild_id,
        ),
        Quote(
            "better-way",
            "kim",
            "There has to be a better way.",
            "Instagram story",
            (Citation("src", "first passage"), Citation("src", "second passage")),
            ("protest",),
            guild_id,
        ),
        Quote(
            "anonymous",
            None,
            "Nobody knows who said this.",
            "",
            (Citation("src", "p"),),
            (),
            guild_id,
        ),
    ]


def shipped(*, facts_text: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Bank:
    """The 'knowledge files' of the sync tests (global): edit fact texts, drop records."""
    bank = small_bank(None, "")
    facts = tuple(
        replace(f, text=(facts_text or {}).get(f.id, f.text))
        for f in bank.facts
        if f.id not in drop
    )
    return Bank(
        tuple(s for s in bank.sources if s.id not in drop),
        tuple(p for p in bank.people if p.id not in drop),
        facts,
        tuple(q for q in bank.quotes if q.id not in drop),
    )


def fail_audit_rows(path: Path, when: str = "1") -> None:
    """Make the database itself fail the audit insert (as a full disk would), after the
    record rows of the same transaction were written."""
    with raw(path) as conn:
        conn.execute(
            f"CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN {when} "
            "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
        )


# --------------------------------------------------------------------------- schema version 3


def old_normalise(text: str) -> str:
    """The storage's fold before schema version 4: NFKC, case and spacing (and NUL) only."""
    return " ".join(unicodedata.normalize("NFKC", text.replace("\x00", "")).casefold().split())


def old_key(record: Source | Person | Fact | Quote) -> str:
    """A record's content key as schema versions 1 to 3 stored it."""
    if isinstance(record, Source):
        return old_normalise(record.url or record.title) + "\x1f" + old_normalise(record.outlet)
    if isinstance(record, Person):
        return old_normalise(record.name)
    if isinstance(record, Fact):
        return old_normalise(record.text)
    return old_normalise(record.text) + "\x1f" + (record.speaker or "")


def old_question_norm(text: str) -> str:
    """An unanswered question's group as schema versions 1 to 3 stored it."""
    return old_normalise(text).strip("?!.…;:,'\"“”‘’ ")


def version_3_rows(records: list[Source | Person | Fact | Quote]
                   ) -> list[tuple[str, list[tuple[object, ...]]]]:
    """(INSERT statement, rows) of ``records`` as admin records with the keys of schema
    version 3, in the order a database takes them (the records' order within a table)."""
    rows = insert_rows(((r, "admin", None, content_hash(r), old_key(r)) for r in records),
                       "2024-01-01T00:00:00.000+00:00")
    return [(INSERT_SQL[table], rows[table]) for table in INSERT_ORDER if rows[table]]
