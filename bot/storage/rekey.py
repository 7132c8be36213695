"""Migration 4's plan: the stored content keys and question groups recomputed (pure).

Before schema version 4 the storage folded a text for its keys by Unicode NFKC, case and
spacing alone; from version 4 it folds as the rest of the bot does (:mod:`bot.textfold`:
accents, invisible characters, curly quotes and dashes too; a source's URL still by
compatibility form and case only). So a key stored before may differ from the key of the
same text now, and two records of one kind and scope that had two keys may now have one.

**Which record keeps a key two now share:** the older one, by insertion order (``rowid``):
it keeps the plain key, so a record added later with that text is refused as its duplicate.
Each newer one is kept, with all its content, under the key followed by
:data:`DUPLICATE_MARK` and its id. No written text folds to a key holding that mark
(:func:`bot.textfold.squash` takes it as whitespace) and ids are unique, so these keys clash
with nothing and the unique index holds. Nothing is removed: such a record answers as
before and can be removed as any; an edit that keeps its text is refused as the older
one's duplicate (naming it), which is how an admin learns of the pair.

The keys are computed by :mod:`bot.storage.content` as it is when the migration runs, not
as it was when migration 4 was written: should the fold change again, a later migration
recomputes them the same way (and, run after this one, finds nothing left to do).

The planners read rows in insertion order and give only the rows whose stored value
changes; :func:`bot.storage.migrations.rekey_sqlite` and
:func:`bot.storage.pg_schema.rekey_postgres` read and write them, one transaction with the
version's bump.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from bot.storage.content import KEY_COLUMNS, normalise_question

#: Written between a key and the id of a record that, from version 4, says what an older
#: record of its kind and scope says (see the module docs).
DUPLICATE_MARK = "\x1e"
#: A key in waiting, while the keys of a table change places (no key holds the mark): the
#: unique index is checked row by row, so two records may not swap keys in one step.
PARKED = DUPLICATE_MARK


def select_records(table: str) -> str:
    """The query of a record table's rows for :func:`plan_keys`, in insertion order."""
    columns = ", ".join(KEY_COLUMNS[table][0])
    return (f"SELECT id, coalesce(guild_id, 0), norm_key, {columns} FROM {table} "
            "ORDER BY rowid")


SELECT_QUESTIONS = "SELECT id, question, norm FROM unanswered ORDER BY id"


def plan_keys(table: str, rows: Iterable[Sequence[Any]]) -> list[tuple[str, str]]:
    """(new key, id) for each row of ``table`` (``(id, scope, stored key, *key columns)``,
    oldest first) whose key is not what it should be from version 4 on."""
    key_of = KEY_COLUMNS[table][1]
    taken: set[tuple[int, str]] = set()
    changes: list[tuple[str, str]] = []
    for rid, scope, stored, *fields in rows:
        key = key_of(*fields)
        if (scope, key) in taken:
            key = f"{key}{DUPLICATE_MARK}{rid}"
        taken.add((scope, key))
        if key != stored:
            changes.append((key, rid))
    return changes


def plan_questions(rows: Iterable[Sequence[Any]]) -> list[tuple[str, int]]:
    """(new group, id) for each unanswered question (``(id, question, stored group)``)
    whose group is not what it should be from version 4 on; a question that would now fold
    to nothing (it was all invisible characters) keeps its group."""
    changes: list[tuple[str, int]] = []
    for qid, question, stored in rows:
        norm = normalise_question(question)
        if norm and norm != stored:
            changes.append((norm, qid))
    return changes


def parked(changes: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first step of writing ``changes``: each row's key parked on its id."""
    return [(f"{PARKED}{rid}", rid) for _key, rid in changes]


#: What :func:`apply` needs of a backend's connection: read rows, run one statement, run one
#: statement for many parameter rows, write a numbered parameter ("?" or "$1").
Fetch = Callable[[str], Awaitable[Iterable[Sequence[Any]]]]
Execute = Callable[[str], Awaitable[Any]]
ExecuteMany = Callable[[str, list[tuple[Any, ...]]], Awaitable[Any]]


async def apply(
    tables: Iterable[tuple[str, str]],
    fetch: Fetch,
    execute: Execute,
    executemany: ExecuteMany,
    param: Callable[[int], str],
    quiet: Callable[[str, str], tuple[str, str]],
) -> None:
    """Migration 4 on one connection, inside its transaction: for each record table (and
    its kind) of ``tables`` whose keys change, the table's change-log trigger set aside
    (``quiet(table, kind)``: the statements before and after; the records' content does not
    change, so the change log is not told), every changed key parked on its id, then
    written; then the unanswered questions' groups."""
    for table, kind in tables:
        changes = plan_keys(table, await fetch(select_records(table)))
        if not changes:
            continue
        update = f"UPDATE {table} SET norm_key = {param(1)} WHERE id = {param(2)}"
        before, after = quiet(table, kind)
        await execute(before)
        await executemany(update, list(parked(changes)))
        await executemany(update, list(changes))
        await execute(after)
    await executemany(f"UPDATE unanswered SET norm = {param(1)} WHERE id = {param(2)}",
                      list(plan_questions(await fetch(SELECT_QUESTIONS))))
