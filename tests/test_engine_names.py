"""bot/engine/names.py: people's names found in a question's words (full names, aliases,
surnames), longest first, scoped."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.memory import visible_to
from bot.engine.names import (
    MAX_ROLE_HOLDERS,
    NameTable,
    common_noun,
    name_key,
    name_words,
    role_heads,
    role_words,
)
from bot.engine.normalize import stem
from bot.models import Person
from tests.engine_records import ADA, BEN


def _table() -> NameTable:
    table = NameTable()
    table.add(ADA)
    table.add(BEN)
    return table


def _stems(text: str) -> list[str]:
    return [stem(w) for w in text.split()]


def test_a_full_name_beats_a_surname_and_both_find_the_person() -> None:
    table = _table()
    full = table.match(_stems("did ada quill speak"), visible_to(None))
    assert [(m.people, m.partial) for m in full] == [((ADA.id,), False)]
    part = table.match(_stems("did quill speak"), visible_to(None))
    assert part[0].people == (ADA.id,)


def test_another_servers_person_is_not_seen() -> None:
    table = NameTable()
    table.add(replace(ADA, guild_id=5))
    assert table.match(_stems("ada quill"), visible_to(6)) == []
    assert table.match(_stems("ada quill"), visible_to(5))


def test_a_removed_person_is_forgotten() -> None:
    table = _table()
    assert table.remove(ADA.id) == ADA
    assert table.match(_stems("ada quill"), visible_to(None)) == [] and len(table) == 1


def test_name_words_and_role_words() -> None:
    assert name_words("Ada of the Quill") == ["ada", "quill"]
    assert name_key("Ada Quill") == (stem("ada"), stem("quill"))
    assert "mayor" in role_words("mayor of Riverton, since 2020")


def test_mentioned_people_by_any_name_or_a_word_of_the_main_name() -> None:
    table = _table()
    assert table.mentioned("Quill arrived late") == {"ada-quill"}
    assert table.mentioned("the mayor, Ada Quill, and Ben Ortiz") == {"ada-quill", "ben-ortiz"}
    assert table.mentioned("Ben stayed home") == {"ben-ortiz"}  # a word of the main name
    assert table.mentioned("the quilt and the bench") == set()  # words, not the names' words
    assert table.mentioned("nothing here") == set()


def test_a_pickled_table_reads_back_its_people_when_asked() -> None:
    """People pickle packed and become Persons when read: get, [], in, pop, values, len
    all see them as they were."""
    import pickle

    table = pickle.loads(pickle.dumps(_table()))
    assert len(table) == 2 and ADA.id in table.people
    assert table.people.get(ADA.id) == ADA and table.people.get("nobody", 3) == 3
    assert sorted(p.id for p in table.people.values()) == [ADA.id, BEN.id]
    assert table.people[BEN.id] == BEN
    assert table.remove(BEN.id) == BEN and table.people.pop(BEN.id, None) is None
    again = pickle.loads(pickle.dumps(table))  # (read and unread people, pickled again)
    assert list(again.people.values()) == [ADA]
    assert [m.people for m in again.match(["quill"], visible_to(None))] == [(ADA.id,)]


def test_a_descriptions_head_nouns_are_the_roles_it_gives() -> None:
    assert role_heads("reality TV star and businesswoman") == ["star", "businesswoman"]
    assert role_heads("mayor of Los Angeles") == ["mayor"]
    assert role_heads("a fire ecologist at Upper Basin University") == ["ecologist"]
    assert role_heads("Florida rapper, named best female hip hop artist") == ["rapper"]
    assert role_heads("2016 presidential candidate") == ["candidate"]
    assert role_heads("") == []
    # a second role after what follows the first, opened by a determiner
    assert role_heads("associate professor at the University of Southern Denmark and the "
                      "study's lead author") == ["professor", "author"]
    assert role_heads("mayor of Riverton and Springfield") == ["mayor"]
    assert role_heads("spokeswoman for the hospital and a former nurse") == ["spokeswoman",
                                                                            "nurse"]
    # a description opening on a relative clause says what someone does, no role: "the
    # bakery" (or "the law") is no one ("who runs Ferreira Bakery", "who teaches contract law")
    assert role_heads("who runs Ferreira Bakery at the foot of the bridge") == []
    assert role_heads("who teaches contract law at the college") == []
    # a role set after a comma ("..., the column's author"): "the author" is her
    assert role_heads("deputy chief of the fire company, the column's author") == [
        "chief", "author"]
    assert role_heads("mayor of Riverton, a town of 8,000") == ["mayor"]  # (no role noun)
    # what a relative clause says someone is or has become: "the mayor" is him too
    assert role_heads("retired dairy equipment salesman who has been mayor since 2016") == [
        "salesman", "mayor"]
    # the same verbs as ingest reads in a relative clause ("has served as")
    assert role_heads("retired teacher who has served as clerk since 2019") == [
        "teacher", "clerk"]


def test_the_people_holding_a_role_are_found_by_it_as_written() -> None:
    table = _table()
    everyone = visible_to(None)
    assert table.holders("mayor", everyone) == (ADA.id,)
    assert table.holders("mayors", everyone) == ()  # "the mayors": no one person
    assert table.holders("mayor", everyone, "riverton") == (ADA.id,)
    assert table.holders("mayor", everyone, "boston") == ()  # another city's mayor
    assert table.holders("engineer", everyone) == (BEN.id,)
    table.remove(BEN.id)
    assert table.holders("engineer", everyone) == ()
    for n in range(MAX_ROLE_HOLDERS + 1):
        table.add(replace(BEN, id=f"engineer-{n}", name=f"Engineer {n}", aliases=()))
    assert table.holders("engineer", everyone) == ()  # too many to be one in particular
    shared = NameTable()
    shared.add(replace(ADA, guild_id=5))
    assert shared.holders("mayor", visible_to(6)) == ()


def test_a_role_held_by_no_one_as_written_is_found_by_its_synonyms() -> None:
    """"the doctor": someone described as a physician (WordNet's synonyms of its first
    sense); "the conductor" is not "a director" (its first sense is a music director's,
    and "director"'s is not)."""
    table = NameTable()
    table.add(Person("helen-ruiz", "Helen Ruiz", ("Ruiz",), "emergency physician at the clinic"))
    table.add(Person("cy-dunn", "Cy Dunn", ("Dunn",), "director of the rail line"))
    everyone = visible_to(None)
    assert table.holders("doctor", everyone) == ("helen-ruiz",)
    assert table.holders("physician", everyone) == ("helen-ruiz",)
    assert table.holders("conductor", everyone) == ()
    assert table.holders("manager", everyone) == ("cy-dunn",)


def _described(*people: tuple[str, str]) -> NameTable:
    """A table of one person for each (id, description), named after the id ("mara-os":
    Mara Os, "Os" for short)."""
    table = NameTable()
    for pid, description in people:
        name = " ".join(part.capitalize() for part in pid.split("-"))
        table.add(Person(pid, name, (name.split()[-1],), description))
    return table


def test_an_agent_noun_no_one_holds_is_found_by_the_work_a_description_gives() -> None:
    """"the baker": someone "who owns a bakery"; "the farmer": someone who "farms 600
    acres"; "the owner": someone who "owns" something; not a thing ("the border")."""
    table = _described(("mara-os", "who owns a bakery on Main Street"),
                       ("tom-kacz", "who farms 600 acres near town"))
    everyone = visible_to(None)
    assert table.holders("baker", everyone) == ("mara-os",)
    assert table.holders("owner", everyone) == ("mara-os",)
    assert table.holders("farmer", everyone) == ("tom-kacz",)
    assert table.holders("teacher", everyone) == ()
    assert table.holders("border", everyone) == ()  # (no person noun)


def test_a_name_word_after_a_determiner_is_the_ordinary_word() -> None:
    """No name takes "the" or "a": "see the real mark" is a mark, not Mark Hale; a word
    only names have ("ruffalo") stays a name."""
    assert common_noun(["why", "didnt", "the", "volunteer", "see", "the", "real", "mark"], 7)
    assert common_noun(["where", "was", "the", "mark", "painted"], 3)
    assert not common_noun(["what", "did", "mark", "say"], 2)
    assert not common_noun(["what", "did", "the", "actor", "ruffalo", "say"], 4)


def test_a_role_named_for_its_holder_is_found_in_any_of_its_forms() -> None:
    """"the councilman": a council member ("City Council member whose ward includes
    downtown": its role is "member", not "downtown"); "the chairwoman": one described as
    chairman; "the spokesperson": a spokeswoman."""
    assert role_heads("City Council member whose ward includes downtown") == ["member"]
    table = _described(("theo-b", "City Council member whose ward includes downtown"),
                       ("ray-o", "county commission chairman"),
                       ("dana-w", "spokeswoman for the Coast Guard"))
    everyone = visible_to(None)
    assert table.holders("councilman", everyone) == ("theo-b",)
    assert table.holders("councilwoman", everyone) == ("theo-b",)
    assert table.holders("chairwoman", everyone) == ("ray-o",)
    assert table.holders("spokesperson", everyone) == ("dana-w",)
    assert table.holders("congressman", everyone) == ()  # (no one in congress)


def test_a_role_modified_by_initials_finds_the_body_they_stand_for() -> None:
    """"the DEP spokeswoman": "a spokeswoman for the Department of Environmental Protection",
    not the Coast Guard's."""
    table = _described(("priya-n", "spokeswoman for the Department of Environmental Protection"),
                       ("dana-w", "spokeswoman for the Coast Guard"))
    everyone = visible_to(None)
    assert table.holders("spokeswoman", everyone, "dep") == ("priya-n",)
    assert table.holders("spokeswoman", everyone, "guard") == ("dana-w",)
