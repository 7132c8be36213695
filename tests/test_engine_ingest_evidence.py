"""bot/engine/ingest/evidence.py: what makes a capitalised run a person's name."""

from __future__ import annotations

from bot.engine.ingest.evidence import (
    Candidate,
    accept,
    occurrence_evidence,
    ordinary_words,
    shape_rejects,
    shop_named,
)


def _evidence(text: str, name: str) -> set[str]:
    start = text.index(name)
    return occurrence_evidence(text, start, start + len(name), titled=False, first=True,
                               next_sentence="")


def test_a_speech_verb_or_a_role_after_the_name_is_evidence() -> None:
    assert "verb" in _evidence("Rosa Imbert said the bridge is safe.", "Rosa Imbert")
    assert "who" in _evidence("Rosa Imbert, a professor of engineering, agreed.", "Rosa Imbert")
    assert "place" in _evidence("The bridge crosses into Lake Calder today.", "Lake Calder")


def test_places_bodies_symbols_are_rejected_by_their_shape() -> None:
    assert shape_rejects("Lakeside State University")
    assert shape_rejects("F")
    assert shape_rejects("Rosa Imbert") is None


def test_a_name_made_of_ordinary_words_needs_its_own_strong_evidence() -> None:
    lower = frozenset({"frame", "relay"})
    assert ordinary_words("Frame Relay", lower) == ["Frame", "Relay"]
    assert not accept(Candidate("Frame Relay", {"first"}), lower)
    assert accept(Candidate("Rosa Imbert", {"verb"}), frozenset())


def test_news_style_says_who_someone_is_by_an_age_or_a_role_word_before_them() -> None:
    """An age in apposition ("Grace Obi, 29, crossed") or a lower-case agent noun right
    before a name of two words or more ("runner Grace Obi", "actors Tatyana Ali, ...") is
    evidence of a person; a person noun that is as often an adjective ("modern Mongolia",
    "liberal Islamist") is not, nor is a role word before one word alone."""
    assert "who" in _evidence("Grace Obi, 29, crossed the line first.", "Grace Obi")
    assert "who" in _evidence("Kenyan runner Grace Obi crossed the line.", "Grace Obi")
    assert "who" in _evidence("The actors Tatyana Ali and Matt Damon studied there.",
                              "Tatyana Ali")
    assert "who" not in _evidence("It ruled much of modern Inner Mongolia.", "Inner Mongolia")
    assert "who" not in _evidence("Watt's partner Boulton saw one.", "Boulton")
    assert "who" not in _evidence("The Route 9, two lanes wide, closed.", "Route")


def test_an_agent_noun_in_apposition_after_a_name_is_evidence() -> None:
    """"Jalen Osterhout, the conference's second-leading scorer, had 26 points": a phrase in
    apposition ending on an agent noun of a person; not one ending on another noun ("Harlow
    Yard, the oldest part of campus") nor after one word alone."""
    assert "who" in _evidence("Sophomore forward Jalen Osterhout, the conference's "
                              "second-leading scorer, had 26 points.", "Jalen Osterhout")
    assert "who" not in _evidence("Harlow Yard, the oldest part of campus, is shaded.",
                                  "Harlow Yard")
    assert "who" not in _evidence("Osterhout, the leading scorer, had 26.", "Osterhout")


def test_a_quote_blanked_before_a_verb_of_saying_leaves_the_speech_evidence() -> None:
    """Ingest reads names in prose whose quotes are blanked: '"I am happy," said Grace Obi'
    is read as '      said Grace Obi', and "said" still opens the sentence."""
    assert "speech" in _evidence('"I am happy," said Grace Obi.', "Grace Obi")
    assert "speech" in _evidence("                said Grace Obi.", "Grace Obi")
    assert "speech" not in _evidence("The board said Grace Obi would stay.", "Grace Obi")


def test_a_unit_division_or_service_heads_a_body_not_a_person() -> None:
    for name in ("Athletics Integrity Unit", "Major Crimes Division", "National Weather Service",
                 "Prairie Homes Management", "Harbor View Properties"):
        assert shape_rejects(name), name


def test_a_farm_a_shop_or_a_co_op_heads_a_body_not_a_person() -> None:
    """"Stenberg Farms argued", "the Garnet Farmers Co-op": firms, as "Lindgren Hardware" is;
    a person's name is not turned down for a word alike ("Rosa Farmer")."""
    for name in ("Stenberg Farms", "Garnet Farmers Co-op", "Sorrel Creek Creamery",
                 "Cold Hollow Inn", "Main Street Bakery", "Aqua Builders", "Behnke Excavating",
                 "Keystone Ridge Securities", "Stiles Crossing", "Elk Bend"):
        assert shape_rejects(name), name
    assert shape_rejects("Rosa Farmer") is None


def test_a_town_after_an_age_and_of_is_a_place() -> None:
    """"Delphine Aucoin, 29, of Wrenfield, who finished second": where she is from."""
    assert "place" in _evidence("It was Delphine Aucoin, 29, of Wrenfield, who finished.",
                                "Wrenfield")
    assert "place" not in _evidence("Delphine Aucoin, who finished, said so.", "Delphine Aucoin")


def test_an_honorific_makes_a_person_though_the_surname_heads_places() -> None:
    """"Dr. Lena Park", "Mr. Tom Hall": people, though "park" and "hall" head places' names;
    "Harlan Meadow Park" is still a place."""
    from bot.engine.ingest.evidence import Candidate, accept

    found = _evidence("The quote came from Dr. Lena Park on Friday.", "Lena Park")
    assert "honorific" in found and accept(Candidate("Lena Park", found), frozenset())
    plain = _evidence("The fair is at Harlan Meadow Park on Friday.", "Harlan Meadow Park")
    assert "honorific" not in plain and not accept(Candidate("Harlan Meadow Park", plain),
                                                   frozenset())


def test_a_name_after_another_and_of_does_not_take_its_verb() -> None:
    """"Keisha Morrow of Columbus said": the verb is Morrow's; "Columbus" is where she is
    from, as "Flood Response" of "the state Division of Flood Response said" is a body."""
    assert "verb" not in _evidence("Keisha Morrow of Columbus said it smoked.", "Columbus")
    assert "verb" not in _evidence("The Division of Flood Response said so.", "Flood Response")
    assert "verb" in _evidence("Keisha Morrow said it smoked.", "Keisha Morrow")


def test_an_age_before_a_name_that_modifies_a_person_is_not_its_age() -> None:
    """"a 34-year-old Springfield man": the man is 34, Springfield is where he is from;
    "9-year-old Elsie Warrington handed" is Elsie's age."""
    assert "who" not in _evidence("A 34-year-old Springfield man was charged.", "Springfield")
    assert "who" in _evidence("The 9-year-old Elsie Warrington handed it over.",
                              "Elsie Warrington")


def test_three_words_ending_in_a_plural_person_noun_name_a_firm() -> None:
    """"Priya Raman of Midwest Retail Advisors said": a firm, on no evidence of its own; a
    person's surname may still be one ("Gram Parsons"), and strong evidence is a person's."""
    assert not accept(Candidate("Midwest Retail Advisors", {"given", "of"}), frozenset())
    assert accept(Candidate("Gram Parsons", {"given"}), frozenset())
    assert accept(Candidate("Mary Jane Masters", {"speech"}), frozenset())


def test_a_where_or_which_clause_after_a_name_does_not_pass_on_the_verb() -> None:
    """"the villages of Yauca and Acarí, where houses collapsed, said Javier Quispe": the
    verb is Quispe's; a place or a body is described by "where" / "which", a person not."""
    assert "verb" not in _evidence("in Acarí, where houses collapsed, said Quispe.", "Acarí")
    assert "verb" not in _evidence("The Rivers Alliance, which represents 600 farms, said so.",
                                   "Rivers Alliance")
    assert "verb" in _evidence("Rosa Imbert, who owns the mill, said so.", "Rosa Imbert")


def test_a_name_right_after_the_is_a_places_or_a_things() -> None:
    """"at The Copper Kettle, a downtown restaurant", "the Sorrel Creek Ranch": a name after
    "the" is no person's unless something a person does says so."""
    assert "the" in _evidence("They ate at The Copper Kettle on Saturday.", "Copper Kettle")
    assert not accept(Candidate("Copper Kettle", {"given", "the"}), frozenset())
    assert accept(Candidate("Copper Kettle", {"the", "speech"}), frozenset())
    assert accept(Candidate("Grace Obi", {"given"}), frozenset())


def test_a_or_an_before_a_plural_role_is_no_apposition() -> None:
    """"Argentina, an event astronomers call an occultation": "an" and a plural are not one
    phrase, so the astronomers do not say what Argentina is; "Rosa Imbert, an astronomer at
    the observatory" and "the astronomers" still do."""
    assert "who" not in _evidence("It was seen from Chile and Argentina, an event astronomers "
                                  "call an occultation.", "Argentina")
    assert "who" in _evidence("Rosa Imbert, an astronomer at the observatory, agreed.",
                              "Rosa Imbert")
    assert "who" in _evidence("Rosa Imbert, the astronomers' leader, agreed.", "Rosa Imbert")


def test_a_run_with_a_number_after_it_is_no_persons_name() -> None:
    """"Retail and Food Workers Local 2214", "Ward 3": numbered as a body or a place is,
    never a person, whatever else is said of it."""
    found = _evidence("She is president of Retail and Food Workers Local 2214, which "
                      "represents 8,000 workers.", "Workers Local")
    assert "numbered" in found
    assert not accept(Candidate("Workers Local", found | {"title"}), frozenset())
    assert "numbered" not in _evidence("Rosa Imbert, 34, said so.", "Rosa Imbert")


def test_names_listed_with_a_person_are_listed() -> None:
    """A list of names is of one kind: with one person in it, its other names are listed
    (but a list of no one's names lists nothing)."""
    from bot.engine.ingest.evidence import listed_with

    said = ["Council members Len Abernathy, Grace Tolliver and Victor Ansah voted no.",
            "The route runs by Harbor Street and Quarry Road."]
    assert listed_with({"Len Abernathy"}, said) == {"Grace Tolliver", "Victor Ansah"}
    assert listed_with({"Len Abernathy"}, said[1:]) == set()


def test_a_one_word_names_possessive_may_open_a_shops_name() -> None:
    text = "They parked in front of Rusk's Flowers and Roe's guests, as Ada Roe's Flowers."
    end = text.index("Rusk's") + len("Rusk's")
    assert shop_named(text, end, "Rusk")  # ("Flowers": an ordinary word, capitalised)
    end = text.index("Roe's guests") + len("Roe's")
    assert not shop_named(text, end, "Roe")  # (her guests)
    end = text.index("Ada Roe's") + len("Ada Roe's")
    assert not shop_named(text, end, "Ada Roe")  # (a full name: hers)


def test_a_run_after_a_bodys_head_and_of_is_the_rest_of_its_name() -> None:
    """"a biologist with the state Department of Marine Resources": "Marine Resources" is the
    department's name ("Marine" may be a given name), and so is the last of the names such a
    head lists, whatever it does ("The Department of Agriculture, Trade and Consumer
    Protection said"); after a title and "of" ("Secretary of State John Kerry") or "one of" a
    name may still be a person's."""
    text = "said Naomi Kettle, a biologist with the state Department of Marine Resources."
    assert "body" in _evidence(text, "Marine Resources")
    assert not accept(Candidate("Marine Resources", {"of", "given", "body"}), frozenset())
    listed = "The Department of Agriculture, Trade and Consumer Protection said on Monday."
    assert "body" in _evidence(listed, "Consumer Protection")
    assert not accept(Candidate("Consumer Protection", {"verb", "body"}), frozenset())
    assert "body" not in _evidence("the Secretary of State John Kerry said", "State John Kerry")
    assert "body" not in _evidence("One of Jane Roe's neighbors called.", "Jane Roe")
    assert "body" not in _evidence("The University of Michigan's Jane Roe said", "Jane Roe")
