"""bot/storage/mapping.py: the tables, a record's columns and child rows, bookkeeping."""

from __future__ import annotations

import json

from bot.models import Citation, Fact, Person, Quote, Source
from bot.storage.mapping import (
    COLUMNS,
    INSERT_ORDER,
    INSERT_SQL,
    TABLES,
    StoredRow,
    audit_row,
    own_values,
    rows_of_children,
    scope_of,
    scope_problem,
)


def test_every_table_has_its_insert_and_parents_come_first() -> None:
    assert set(INSERT_ORDER) == set(COLUMNS) == set(INSERT_SQL)
    assert set(TABLES.values()) <= set(INSERT_ORDER)
    assert INSERT_ORDER.index("sources") < INSERT_ORDER.index("fact_citations")
    assert INSERT_ORDER.index("facts") < INSERT_ORDER.index("fact_people")
    assert INSERT_ORDER.index("people") < INSERT_ORDER.index("quotes")
    for table, sql in INSERT_SQL.items():
        assert sql.count("?") == len(COLUMNS[table])


def test_a_records_columns_hold_every_field_in_table_order() -> None:
    fact = Fact("f", "Text.", (Citation("s", "p1"), Citation("t", "p2")), ("kim", "doe"),
                ("kw",), "2025-06-10", 7)
    own = own_values(fact)
    assert own == ("Text.", json.dumps(["kw"]), "2025-06-10")
    header = len(COLUMNS["facts"]) - len(own)
    assert COLUMNS["facts"][header:] == ("text", "keywords", "reported")
    children = rows_of_children(fact)
    assert children["fact_citations"] == [("f", 0, "s", "p1"), ("f", 1, "t", "p2")]
    assert children["fact_people"] == [("f", 0, "kim"), ("f", 1, "doe")]
    quote = Quote("q", "kim", "Words.", "", (Citation("s", "p"),), (), None)
    assert own_values(quote)[0] == "kim"
    assert rows_of_children(Person("kim", "Kim", ("K",), "", None)) == {
        "person_aliases": [("kim", 0, "K")]}
    assert rows_of_children(Source("s", "AP", "T", None, None, None)) == {}


def test_a_shipped_record_is_edited_when_its_content_left_the_files() -> None:
    assert StoredRow(None, "shipped", "a", "b", "k").edited
    assert not StoredRow(None, "shipped", "a", "a", "k").edited
    assert not StoredRow(None, "admin", None, "b", "k").edited


def test_scopes_and_their_messages() -> None:
    assert scope_of(None) == 0 and scope_of(5) == 5
    assert "global record" in scope_problem("fact", "f", None, 5)
    assert "belongs to a server" in scope_problem("fact", "f", 5, None)
    assert "another server" in scope_problem("fact", "f", 5, 6)


def test_an_audit_row_keeps_both_states_as_json() -> None:
    row = audit_row("now", "me", 7, "update", "fact", "f", {"text": "a"}, {"text": "b"})
    assert row[:6] == ("now", "me", 7, "update", "fact", "f")
    assert json.loads(row[6] or "") == {"text": "a"} and json.loads(row[7] or "") == {"text": "b"}
    assert audit_row("now", "me", None, "add", "fact", "f", None, {})[6] is None
