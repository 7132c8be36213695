"""bot/engine/memory.py: the in-memory bank, kept in step with every write, scoped by guild."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.engine import snapshot
from bot.engine.memory import Memory, visible_to
from bot.engine.recordstore import _UNREAD
from bot.models import Citation, Fact
from tests.engine_records import (
    ADA,
    BEN,
    BRIDGE,
    COST,
    COST_LATER,
    LATER,
    SOURCE,
    WAITED,
    small_bank,
)


def _memory() -> Memory:
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    return memory


def test_records_are_found_and_counted() -> None:
    memory = _memory()
    assert memory.get("fact", BRIDGE.id) == BRIDGE and memory.get("person", ADA.id) == ADA
    assert memory.stats()["facts"] == 3 and memory.count() == 5
    assert memory.speaker_name(WAITED) == "Ada Quill"


def test_a_guild_sees_the_shared_records_and_its_own_only() -> None:
    memory = _memory()
    own = replace(BRIDGE, id="own-fact", text="Our own fact.", guild_id=5)
    memory.upsert(own)
    assert visible_to(5)(own) and not visible_to(6)(own) and not visible_to(None)(own)
    assert own in memory.bank(5).facts and own not in memory.bank(6).facts
    assert [s.id for s in memory.visible_sources(5)] == [SOURCE.id, "post"]


def test_a_removed_quote_leaves_no_trace() -> None:
    memory = _memory()
    before = memory.version
    memory.remove("quote", WAITED.id)
    assert memory.get("quote", WAITED.id) is None
    assert not memory.has_quotes(ADA.id, None) and memory.version > before
    assert WAITED not in memory.visible_quotes(None)


def test_an_upsert_replaces_in_place() -> None:
    memory = _memory()
    memory.upsert(replace(BRIDGE, text="The council approved a bridge."))
    assert memory.get("fact", BRIDGE.id).text == "The council approved a bridge."  # type: ignore[union-attr]
    assert memory.stats()["facts"] == 3
    assert BRIDGE.id in [r.id for r in memory.about(ADA.id, None)]


def test_similar_finds_what_may_say_the_same_among_many_records() -> None:
    """Ingest's candidates for a duplicate: the records sharing the rarest words, by text or
    passage, of the kind asked, that the guild sees; never the whole bank."""
    memory = _memory()
    for i in range(2_000):  # a bank of unrelated facts around them
        memory.upsert(replace(COST, id=f"filler-{i}", text=f"Filler claim number {i} here.",
                              citations=()))
    found = memory.similar(["Riverton's council approved the new bridge on Monday."],
                           "fact", None)
    assert found[0] == BRIDGE and len(found) <= 10
    by_passage = memory.similar(["waited twenty years"], "quote", None)
    assert by_passage == [WAITED]
    assert WAITED not in memory.similar(["waited twenty years"], "fact", None)  # facts only
    own = replace(BRIDGE, id="own-bridge", text="Our council approved a footbridge.", guild_id=5)
    memory.upsert(own)
    assert own not in memory.similar(["council approved footbridge"], "fact", 6)
    assert own in memory.similar(["council approved footbridge"], "fact", 5)


def test_people_named_are_those_a_text_may_mention() -> None:
    memory = _memory()
    text = "At the meeting, Mayor Quill thanked the engineers; nobody else spoke."
    assert memory.people_named(text, None) == [ADA]  # by an alias, not Ben Ortiz
    assert memory.people_named("Ortiz said the steel was late.", None) == [BEN]  # a surname
    assert memory.people_named("Nobody was named.", None) == []


def test_similar_finds_a_short_text_of_common_words(tmp_path: Path) -> None:
    """Every word common (more records have it than a posting list is read for): the
    records having them all, closest in length first; from a snapshot, only those read."""
    memory = _memory()
    for i in range(6_000):
        memory.upsert(replace(COST, id=f"fight-{i}", text=f"The fight over item {i} went on "
                              "for a long, long time, and then some more.", citations=()))
    short = replace(COST, id="fight", text="The fight may not be over.", citations=())
    memory.upsert(short)
    assert memory.similar(["The fight may not be over."], "fact", None)[0] == short
    snapshot.save(memory, tmp_path / "bank.engine", stamp=1, database="db")
    loaded = snapshot.load(tmp_path / "bank.engine", database="db")
    assert loaded is not None
    found = loaded.memory.similar(["The fight may not be over."], "fact", None, limit=3)
    assert found[0] == short and len(found) == 3
    read = sum(item is not _UNREAD for item in loaded.memory.records._items)
    assert read == 3  # (not the 6,000 sharing the words: their lengths are kept apart)


def test_a_records_title_terms_are_those_of_the_article_it_cites_first() -> None:
    memory = _memory()
    assert memory.title_terms(COST) == frozenset({"bridg", "approv"})
    assert memory.title_terms(replace(COST, citations=())) == frozenset()


def test_a_records_neighbours_from_its_source_and_whether_it_leads() -> None:
    """``around``: the terms the records beside one from the same source have (the
    sentences around it), and whether it is its source's first (a news lead)."""
    memory = _memory()
    rids = memory.rids["fact"]
    first, then = rids[BRIDGE.id], rids[COST.id]
    terms = {"bridg", "cost", "approv"}
    assert "cost" in memory.fields(then, terms) and "cost" not in memory.fields(first, terms)
    near, lead = memory.around(first, terms)
    assert lead and "cost" in near
    assert memory.around(then, terms)[1] is False


def test_the_coverage_a_guild_sees_uses_a_word_by_its_records_or_descriptions() -> None:
    memory = _memory()
    everyone = visible_to(None)
    assert memory.uses(("bridg",), "bridge", everyone)  # BRIDGE's text
    assert memory.uses(("nothing-has-this",), "engineer", everyone)  # Ben Ortiz's description
    assert not memory.uses(("stadium",), "stadium", everyone)
    memory.upsert(replace(BRIDGE, id="private", text="The stadium plan was dropped.",
                          guild_id=5))
    assert memory.uses(("stadium",), "stadium", visible_to(5))
    assert not memory.uses(("stadium",), "stadium", visible_to(6))


def test_the_headline_is_the_newest_sources_and_a_record_cites_its_article() -> None:
    memory = _memory()
    assert memory.headline(visible_to(None)) == "Bridge cost rises"  # 2025-07-01 over 06-10
    assert memory.headline(lambda s: s.id == "wire") == "Bridge approved"
    assert memory.headline(lambda s: False) is None
    # asked of what titles name: the newest titled so; with ``some``, the most of it
    assert memory.headline(visible_to(None), [("bridg",), ("approv",)]) == "Bridge approved"
    assert memory.headline(visible_to(None), [("bridg",), ("approv",), ("ferri",)]) is None
    assert memory.headline(visible_to(None), [("bridg",), ("approv",), ("ferri",)],
                           some=True) == "Bridge approved"
    assert memory.headline(visible_to(None), [("ferri",)], some=True) is None
    rid = memory.rids["fact"][BRIDGE.id]
    assert memory.cites(rid, "wire") and not memory.cites(rid, "post")


def test_a_titles_words_count_the_records_of_its_article(tmp_path: Path) -> None:
    """title_df: how many records cite first an article whose title has the term; kept in
    step when a source is renamed or removed, and read back from a snapshot."""
    memory = _memory()
    assert memory.title_df("approv") == 4  # "Bridge approved": four records cite it first
    assert memory.title_df("bridg") == 5 and memory.title_df("rise") == 1
    assert memory.uses(("rise",), "rises", visible_to(None))
    snapshot.save(memory, tmp_path / "bank.engine", stamp=1, database="db")
    loaded = snapshot.load(tmp_path / "bank.engine", database="db")
    assert loaded is not None and loaded.memory.title_df("approv") == 4
    memory.upsert(replace(SOURCE, title="Council votes"))
    assert memory.title_df("approv") == 0 and memory.title_df("vote") == 4
    memory.remove("fact", BRIDGE.id)
    assert memory.title_df("vote") == 3
    memory.remove("source", LATER.id)
    assert memory.title_df("rise") == 0 and not memory.uses(("rise",), "rises", visible_to(None))


def test_an_article_with_fewer_of_the_questions_words_is_outdone_by_another() -> None:
    """"what was the cost when it was approved": the wire's article has both words, the
    post's only "cost" (its title's "rises" is its too), so its record is outdone."""
    memory = _memory()
    rids = memory.rids["fact"]
    wire, post = rids[COST.id], rids["bridge-cost-later"]
    items = [("cost",), ("approv",)]
    assert memory.has_in("wire", ("approv",)) and not memory.has_in("post", ("approv",))
    assert memory.has_in("post", ("rise",))  # (a word of its title)
    assert memory.outdone([wire, post], items) == {post}
    assert memory.outdone([post], items) == set()  # (no other article to compare)
    assert memory.outdone([wire, post], [("cost",)]) == set()  # (both have it)


def test_a_word_is_looked_up_in_an_article_whose_records_are_not_together() -> None:
    """A record added to an article after another article's (an admin's fact, a re-ingest)
    widens its span of rids over the other's records: those are read, not taken as its."""
    memory = _memory()
    later = replace(COST_LATER, id="bridge-girders", text="The girders arrive in May.",
                    citations=(Citation("wire", "girders arrive"),), keywords=())
    memory.upsert(later)  # (a "wire" record after the "post" one)
    lo, hi = memory.spans["wire"]
    assert lo < memory.rids["fact"]["bridge-cost-later"] < hi
    assert memory.has_in("wire", ("girder",)) and memory.has_in("wire", ("approv",))
    assert not memory.has_in("wire", ("rise",))  # (the post's title word, not the wire's)
    assert not memory.has_in("wire", ("55",))  # (the post's record inside the wire's span)
    assert memory.has_in("post", ("cost",)) and not memory.has_in("post", ("girder",))
    memory.remove("fact", "bridge-girders")
    assert not memory.has_in("wire", ("girder",))


def test_initials_are_looked_up_in_the_newest_records_and_again_after_a_change(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The runs of words with given initials come from the newest records only (a bounded
    scan), and are looked up again once a record is added."""
    import bot.engine.memory as memory_module

    memory = _memory()
    assert memory.initial_runs("sa") == {"steel arrives": 1}  # "The steel arrives in ..."
    memory.upsert(replace(COST, id="jail", text="He spent a year in the county jail."))
    assert memory.initial_runs("cj") == {"county jail": 1}  # (a change: looked up again)
    monkeypatch.setattr(memory_module, "INITIALS_SCANNED", 1)
    memory.upsert(replace(COST, id="jail-2", text="The steel arrives in May."))
    assert memory.initial_runs("cj") == {} and memory.initial_runs("sa") == {"steel arrives": 1}


def test_a_sources_people_are_those_its_records_are_about_or_by() -> None:
    """Whom a story is about: the people of the records it is the first citation of (a quote's
    speaker too), read again after a write."""
    memory = _memory()
    assert memory.source_people(SOURCE.id) == {ADA.id, BEN.id}
    assert memory.source_people(LATER.id) == frozenset()
    assert memory.source_people(None) == frozenset()
    memory.upsert(replace(COST_LATER, people=(BEN.id,)))
    assert memory.source_people(LATER.id) == {BEN.id}
    memory.remove("quote", WAITED.id)
    memory.remove("fact", BRIDGE.id)
    assert memory.source_people(SOURCE.id) == {BEN.id}


def test_a_sources_people_are_counted_however_far_apart_its_records_are() -> None:
    """A story's people are those of every record citing it first, however many records of
    other sources were added between them (admins' facts, months apart), and a person stays
    while one of them is about them."""
    memory = Memory()
    for i in range(3_000):
        memory.upsert(Fact(f"o{i}", "Another fact.", (Citation("other", "fact"),), ("cal",)))
        if i % 1_000 == 0:
            memory.upsert(Fact(f"b{i}", "A fact.", (Citation("big", "fact"),), (f"p{i}", "ann")))
    assert memory.source_people("big") == {"p0", "p1000", "p2000", "ann"}
    memory.remove("fact", "b2000")
    assert memory.source_people("big") == {"p0", "p1000", "ann"}
    assert memory.source_people("other") == {"cal"}


def test_a_quotes_neighbours_are_its_articles_sentences_about_its_speaker() -> None:
    """What a quote's speaker spoke of: the terms the sentences of the quote's article about
    the speaker have (not another article's, nor the quote's own), however many records of
    others stand between them."""
    from bot.engine.normalize import stem
    from bot.engine.records import FIELD_PASSAGE, FIELD_TEXT
    from bot.models import Quote

    memory = Memory()
    memory.upsert(Quote("q", "ada", "We will not sign.", "", (Citation("wire", "sign"),)))
    for i in range(50):
        memory.upsert(Fact(f"o{i}", "Another fact.", (Citation("other", "x"),), ("cal",)))
    memory.upsert(Fact("f1", "Ada said talks on pay went on all weekend.",
                       (Citation("wire", "pay"),), ("ada",)))
    memory.upsert(Fact("f2", "Ada spoke of a strike last year.", (Citation("post", "s"),),
                       ("ada",)))
    quote = memory.rids["quote"]["q"]
    pay, strike, sign = stem("pay"), stem("strike"), stem("sign")
    assert memory.near_terms(quote, {pay, strike, sign}) == {pay: FIELD_TEXT | FIELD_PASSAGE}
