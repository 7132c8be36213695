"""bot/engine/records.py: what a record is indexed under, and how it reads for scoring."""

from __future__ import annotations

from bot.engine.normalize import stem, words
from bot.engine.records import (
    FIELD_KEYWORD,
    FIELD_PASSAGE,
    FIELD_PERSON,
    FIELD_TEXT,
    describes_pattern,
    gives_reason,
    index_terms,
    initialisms,
    person_term,
    record_people,
)
from bot.models import Fact
from tests.engine_records import ADA, BRIDGE, COST, WAITED


def test_terms_carry_the_fields_they_come_from() -> None:
    fields, surface = index_terms(BRIDGE)
    assert fields[stem("approved")] & FIELD_TEXT
    assert fields[stem("bridge")] & FIELD_KEYWORD and fields[stem("bridge")] & FIELD_TEXT
    assert fields[person_term(ADA.id)] == FIELD_PERSON
    assert "the" not in surface and "approved" in surface
    quote_fields, _ = index_terms(WAITED)
    assert quote_fields[stem("meeting")] & FIELD_PASSAGE  # where it was said


def test_a_records_people_are_its_named_people_or_speaker() -> None:
    assert record_people(BRIDGE) == (ADA.id,) and record_people(WAITED) == (ADA.id,)
    assert record_people(COST) == ()


def test_the_apposition_pattern_finds_who_someone_is() -> None:
    pattern = describes_pattern(ADA.names)
    assert pattern.search("Ada Quill, the mayor of Riverton, said")
    assert pattern.search("The city named the new mayor as Ada Quill, 58, who has served")
    assert pattern.search("Ada Quill, whose family has run the shop since 1972, said")
    assert not pattern.search("The bridge opened.")
    assert not pattern.search("Ada Quill, 2015 was a hard year")
    # the role first, then the name and what the role is of
    assert pattern.search("His attorney, Ada Quill of the firm Quill & Stamp, said")
    assert not pattern.search("On Monday, Ada Quill said")


def test_a_long_name_is_indexed_under_its_initials_too() -> None:
    """"NTSB" finds "the National Transportation Safety Board" (a sentence's "The" is not
    the name's); initials spelling an ordinary word ("cat") or too few words give none."""
    assert initialisms("The National Transportation Safety Board sent a team.") == {"ntsb"}
    assert initialisms("the state Department of Environmental Protection said") == {"dep"}
    assert initialisms("The Center for Applied Technology said") == set()  # "cat"
    assert initialisms("Mayor Quill said so.") == set()
    fields, _ = index_terms(Fact("f", "The National Transportation Safety Board sent a team.",
                                 ()))
    assert fields["ntsb"] == FIELD_TEXT


def test_since_of_time_states_no_reason() -> None:
    from bot.engine.records import states_reason

    assert not states_reason(words("It was the first escape since 2016."))
    assert not states_reason(words("It has been closed since Monday and since then."))
    assert states_reason(words("It closed since the district had no money."))
    assert states_reason(words("It closed because of the storm."))
    assert not gives_reason(words("It has been closed since 2016."))


def test_a_to_completing_a_verb_gives_no_reason() -> None:
    assert not gives_reason(words("Chrissy Teigen encouraged people to protest."))
    assert not gives_reason(words("The council voted to approve the stadium."))
    assert gives_reason(words("The agency raised fares to close a budget gap."))
    assert gives_reason(words("She urged them to act because time was short."))


def test_what_a_causal_verb_causes_includes_an_agent_nouns_verb() -> None:
    from bot.engine.records import caused_terms

    assert "protest" in caused_terms(words("the raids caused protestors to gather"))
    assert "gath" not in caused_terms(words("the raids caused protestors to gather"))
