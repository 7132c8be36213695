"""bot/engine/ingest/roles.py: what an article says a person is, beside a mention of them."""

from __future__ import annotations

import pytest

from bot.engine.ingest.roles import appositive_after, counted_role, kin_of, title_before


@pytest.mark.parametrize(("after", "said"), [
    (", 34, a nurse at the clinic, said", "nurse at the clinic"),
    (" — a Mill Town pharmacist — said", "Mill Town pharmacist"),
    (", who is also a steward for the nurses' union.", "steward for the nurses' union"),
    (", 54, who owns a bakery near the break and had arrived early.",
     "who owns a bakery near the break"),
    (", who has edited the paper for 27 years, said", "who has edited the paper for 27 years"),
    (", who farms about 2,200 acres north of town, said",
     "who farms about 2,200 acres north of town"),
    (", who voted no along with Ben Holt, said", None),  # an act, not what one is
    (", who says the town is dying.", None),  # a verb of saying
    (", who has two sons, said", None),  # what one has
    (" said the plan failed.", None),
    # what was said, its quote blanked by ingest, is no apposition
    (', said his client                        and declined to comment further.', None),
    # what one is accused of ("accused two detectives, A and B, of pressuring a neighbor")
    (", of pressuring a 15-year-old neighbor into naming him.", None),
    (", director of planning for the county, said", "director of planning for the county"),
    # the next names of a list ("scholars like Fred Halliday, John Esposito and ...")
    (", John Esposito and Muslim intellectuals like Javed Ghamidi", None),
    (", Gull Harbor's harbormaster, said", "Gull Harbor's harbormaster"),
    # after an age, a verb opens the sentence's predicate ("his son Ruben, 16, were the
    # only riders on the chair"): no apposition
    (", 16, were the only riders on the chair.", None),
    (", 54, was arrested Tuesday.", None),
    # who someone is by whose they are, whatever the verb ("whose son was arrested")
    (", 71, whose parents opened the bakery the year she was born, said",
     "whose parents opened the bakery the year she was born"),
    (", whose son was arrested in May, said", "whose son was arrested in May"),
    (", 52, whose mother, Loretta Spaulding, paid him", None),  # (no more than a noun)
])
def test_a_phrase_in_apposition_says_what_someone_is_or_does(after: str, said: str | None) -> None:
    assert appositive_after(after) == said


@pytest.mark.parametrize(("text", "name", "title"), [
    ("The deal was announced, said board chair Jane Roe.", "Jane", "board chair"),
    ("The team's ownership group, led by developer Gideon Marr, will pay.", "Gideon",
     "developer"),
    ("When clerk Helen Vander read out the totals, the room went silent.", "Helen", "clerk"),
    ("At the cafe, rancher Dale Whitt, 58, said he stopped.", "Dale", "rancher"),
    ("It went to an account held by his brother-in-law, Curt Vane, who moved it.", "Curt",
     "brother-in-law"),
    ("Its faculty includes biologist Ann Roeder.", "Ann", "biologist"),
    ("The faculty includes chemists Eli Corrow, Dan Herb and Ann Lort.", "Dan", None),
    ("Minnesota Attorney General Rachel Lind sued the company.", "Rachel",
     "Minnesota Attorney General"),
    ("Gov. Lydia Marrow declared an emergency.", "Lydia", "governor"),
    ("She sent a letter through her attorney, Ray Oduya, asking for it.", "Ray", "attorney"),
    # a live blog's entry opens on a dash, as a sentence does
    ("7:45 p.m. — Budget director Marcus Eber is walking the council through it.", "Marcus",
     "budget director"),
    # a role in apposition after any verb, a place's name before it ("hired a Boston lawyer,
    # Dana Okafor-Lind,"), and only the role's own words ("buy a house near his daughter")
    ("The family hired a Boston lawyer, Dana Oka, who said they would wait.", "Dana",
     "Boston lawyer"),
    ("It hired a new outside auditor, Sunita Bapt, who noticed it.", "Sunita",
     "new outside auditor"),
    ("He plans to buy a house near his daughter, Kiara, who is 24.", "Kiara", "daughter"),
    ("In the morning, Jane Roe said she would go.", "Jane", None),
    # a title in capitals after the lower-case words saying of what, and the start of what is
    # left of a sentence once its quote is blanked (ingest reads it so)
    ("\"We were wrong,\" said council President Lorna Whit.", "Lorna", "council president"),
    ("                   university President Miriam Oduya wrote.", "Miriam",
     "university president"),
    ("                   said Jane Roe.", "Jane", None),
    # two roles, or two fields of one, joined by "and" (but not a list of people before one)
    ("The team's coach, physics and chemistry teacher Darn Whit, said so.", "Darn",
     "physics and chemistry teacher"),
    ("It was founded by founder and chief executive Jane Roe.", "Jane",
     "founder and chief executive"),
    ("He met with teachers and parent Jane Roe.", "Jane", "parent"),
])
def test_a_title_before_a_name_says_what_they_are(text: str, name: str, title: str | None
                                                   ) -> None:
    assert title_before(text, text.index(name)) == title


def test_a_title_opening_a_sentence_keeps_the_capital_english_writes() -> None:
    """A sentence's first word is written with a capital; the title keeps it only when
    English writes the word so (WordNet's proper_words: "Kenyan"), not "Union", which
    English writes in lower case as well."""
    text = "Kenyan runner Grace Wanjala, 29, crossed the line first."
    assert title_before(text, text.index("Grace")) == "Kenyan runner"
    text = "Union president Marisol Pettigrew said the local would push for more."
    assert title_before(text, text.index("Marisol")) == "union president"


def test_a_relative_clause_says_what_someone_has_become_or_runs() -> None:
    """"Tomas Reinholt, 44, who started sweeping floors there at 16 and has been general
    manager since 2017": general manager; "who runs Okafor Appliance in Brennan City": kept
    whole, a firm's name after the verb as any object; "who was arrested Monday": nothing."""
    assert appositive_after(", 44, who started sweeping floors there at 16 and has been "
                            "general manager since 2017. He said") == "general manager"
    assert appositive_after(", who runs Okafor Appliance in Brennan City, said") == \
        "who runs Okafor Appliance in Brennan City"
    assert appositive_after(", who was arrested Monday, said") is None


def test_a_counted_role_before_a_list_of_names_is_each_ones() -> None:
    """'The two trustees who voted against it, Walter Penhallow and Gretchen Ives, said':
    each is a trustee; no count, or no role, gives none."""
    text = "The two trustees who voted against it, Walter Penn and Gretchen Ives, said so."
    assert counted_role(text, text.index("Walter")) == "trustee"
    assert counted_role(text, text.index("Gretchen")) == "trustee"
    plain = "The trustees who voted against it, Walter Penn and Gretchen Ives, said so."
    assert counted_role(plain, plain.index("Walter")) is None
    things = "The two roads that flooded, Elm and Oak, are closed."
    assert counted_role(things, things.index("Elm")) is None


def test_a_relative_clause_of_what_someone_does_may_open_on_a_figure() -> None:
    assert appositive_after(", 61, who farms 1,400 acres of corn outside town, said") == \
        "who farms 1,400 acres of corn outside town"
    # "Our chief, Walt Brennaman,": a possessive of the writer's own sets a role apart too
    text = "Our chief, Walt Brenn, has been fighting fires here since 1979."
    assert title_before(text, text.index("Walt")) == "chief"


def test_what_someones_own_do_says_who_they_are() -> None:
    assert appositive_after(", 63, whose family has run the flower shop since 1972, said") == (
        "whose family has run the flower shop since 1972")
    assert appositive_after(", whose lawyers filed the motion, said") is None  # (an act)


def test_kin_a_possessive_gives_is_the_last_named_persons() -> None:
    """"his daughter, Marisol Alvarez-Price": Ray Alvarez's daughter, named in this sentence or
    the one before; not someone named further back, nor of the other gender."""
    text = "His daughter, Marisol Alvarez-Price, worries about him."
    at = text.index("Marisol")
    ray = ("Ray Alvarez", None, 3)
    assert kin_of("daughter", text, at, ray, 4) == "Ray Alvarez's daughter"
    assert kin_of("daughter", text, at, ray, 6) == "daughter"  # (named three sentences back)
    assert kin_of("daughter", text, at, ("Ann Roe", "f", 4), 4) == "daughter"  # ("his": no)
    assert kin_of("lawyer", "His lawyer, Dana Okafor, said so.", 12, ray, 4) == "lawyer"
    assert kin_of("great-grandfather", "his great-grandfather, Anders Lindgren", 23,
                  ("Carl Lindgren", "m", 0), 0) == "Carl Lindgren's great-grandfather"
    from bot.engine.ingest import ingest_article
    from bot.models import Source

    story = ("The shop opened in 1974.\n\nRay Alvarez, 74, still runs it. His daughter, Marisol "
             "Alvarez-Price, worries about him.")
    people = ingest_article(story, source=Source("s", "Wire", "Smith")).people
    assert {p.name: p.description for p in people}["Marisol Alvarez-Price"] == \
        "Ray Alvarez's daughter"


def test_a_relative_clause_of_doing_is_told_from_a_role() -> None:
    """What someone does ("who ...", "whose ..."), which what they are may lead; a role that
    only begins with the same letters is no clause ("wholesaler for the co-op")."""
    from bot.engine.ingest.roles import clause_of_doing

    assert clause_of_doing("who keeps about 90 hives")
    assert clause_of_doing("whose family has run the shop since 1972")
    assert not clause_of_doing("wholesaler for the co-op")
    assert not clause_of_doing("retired salesman who has been mayor since 2016")
