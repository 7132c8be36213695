"""bot/codec.py: records to and from their JSON form (data files, exports, audit rows)."""

from __future__ import annotations

import json

from bot.codec import EXPORT_FORMAT, bank_from_json, bank_to_json, from_json, to_json
from bot.models import Bank, Citation, Fact, Person, Quote, Source, kind_of

RECORDS = (
    Source("src", "AP", "A title", "https://example.org/a", "2025-06-10", None),
    Person("ada", "Ada Quill", ("Quill",), "councilmember", None),
    Fact("f1", "The bridge was approved.", (Citation("src", "approved the bridge"),),
         ("ada",), ("bridge",), "2025-06-09", None),
    Quote("q1", "ada", "We are writing a blank check.", "council meeting",
          (Citation("src", "a blank check"),), ("cost",), None),
    Quote("q2", None, "Nobody knows who said this.", "", (Citation("src", "p"),), (), None),
)


def test_every_kind_round_trips_through_json() -> None:
    for record in RECORDS:
        data = json.loads(json.dumps(to_json(record)))
        assert from_json(kind_of(record), data) == record


def test_the_scope_is_not_in_the_json_and_is_given_on_reading() -> None:
    fact = RECORDS[2]
    data = to_json(fact)
    assert "guild_id" not in data
    assert from_json("fact", data, guild_id=7).guild_id == 7


def test_a_bank_round_trips_with_its_format_marker() -> None:
    bank = Bank(sources=(RECORDS[0],), people=(RECORDS[1],), facts=(RECORDS[2],),
                quotes=RECORDS[3:])
    doc = bank_to_json(bank)
    assert doc["format"] == EXPORT_FORMAT
    assert [f["id"] for f in doc["facts"]] == ["f1"]
    assert bank_from_json(json.loads(json.dumps(doc))) == bank
    assert all(r.guild_id == 5 for r in bank_from_json(doc, guild_id=5).records())
