"""bot/engine/quotes.py: quotes by speaker or words, the speaker search behind the
autocompletes, and the fact search behind the admin autocompletes."""

from __future__ import annotations

import random
from dataclasses import replace

from bot.engine import Engine
from tests.engine_records import ADA, BEN, BEN_SAYS, BRIDGE, WAITED, small_bank


def test_a_speaker_named_in_the_search_comes_first() -> None:
    engine = Engine(small_bank())
    hits = engine.find_quotes("what did quill say", limit=5)
    assert hits[0].quote == WAITED and hits[0].speaker == ADA.name
    assert [h.quote for h in engine.find_quotes("steel spring")][:1] == [BEN_SAYS]


def test_speakers_by_prefix_or_fuzzily_and_all_for_nothing_typed() -> None:
    engine = Engine(small_bank())
    assert [p.id for p in engine.search_speakers("qui")] == [ADA.id]
    assert engine.search_speakers("ada qiull")[0].id == ADA.id
    assert {p.id for p in engine.search_speakers("")} == {ADA.id, BEN.id}


def test_facts_by_id_prefix_or_words() -> None:
    engine = Engine(small_bank())
    assert engine.search_facts("bridge-app")[0][0] == BRIDGE
    assert BRIDGE in [f for f, _ in engine.search_facts("council approved")]
    assert len(engine.search_facts("", limit=2)) == 2


def test_random_quotes_are_from_what_the_guild_sees() -> None:
    bank = small_bank()
    own = replace(BEN_SAYS, id="own", text="Only for guild five.", guild_id=5)
    engine = Engine(bank.merged(type(bank)(quotes=(own,))))
    seen = {engine.random_quote(guild_id=6, rng=random.Random(n)).quote.id  # type: ignore[union-attr]
            for n in range(30)}
    assert "own" not in seen and seen <= {WAITED.id, BEN_SAYS.id}


def test_own_words_keep_the_speakers_quotes_found_and_add_the_rest() -> None:
    """"what did X say" is answered from X's quotes: of the records found, X's quotes stay
    (with their scores), anything else goes, and X's other quotes come in scored 0 (none that
    the question excludes, as "what else did she say" does)."""
    engine = Engine(small_bank())
    m, finder = engine._m, engine._quotes
    waited, bridge = m.rids["quote"][WAITED.id], m.rids["fact"][BRIDGE.id]
    found = [(3.0, bridge), (2.0, waited)]
    speaker = WAITED.speaker
    assert speaker is not None
    assert finder.own_words(found, [speaker], None, (), 12) == [(2.0, waited)]
    assert finder.own_words([(3.0, bridge)], [speaker], None, (), 12) == [(0.0, waited)]
    assert finder.own_words([(3.0, bridge)], [speaker], None, (WAITED.id,), 12) == []
