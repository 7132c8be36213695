"""bot/engine/ingest/coref.py: "He added ..." is the person just named."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.engine.ingest.attribution import _Reader
from bot.models import Source
from tests.ingest_text import ARTICLE, SOURCE, fact_saying, ingested, quotes_of


def test_a_lead_describing_someone_at_a_place_is_about_the_doctor_named_next() -> None:
    """"A former chemistry professor at Thornbury University was charged ..." then "Dr.
    Leopold Varga-Hennessy, 61, ...": a title may open the name, the description may say where."""
    text = ("HARTWELL, Pennsylvania (Keystone Wire) — A former chemistry professor at Thornbury "
            "University "
            "was charged Wednesday with stealing $870,000 in federal grants.\n\n"
            "Dr. Leopold Varga-Hennessy, 61, who ran the university's catalysis center, was "
            "indicted by a federal grand jury.")
    r = ingest_article(text, source=SOURCE)
    (him,) = r.new_people
    assert him.description == "a former chemistry professor at Thornbury University"
    assert him.id in fact_saying(r, "was charged").people


def test_a_pronoun_after_a_named_person_is_that_person() -> None:
    text = ARTICLE + ("\n\"The span will be the longest in the state,\" he said, pointing "
                      "at the drawings Ortiz had made.\n")
    result = ingest_article(text.replace("He added that", "Ortiz said that"), source=SOURCE)
    ortiz = next(p.id for p in result.new_people if p.name == "Ben Ortiz")
    said = [q for q in result.new_quotes if "longest in the state" in q.text]
    assert said and said[0].speaker == ortiz


def test_a_briefs_opening_on_someone_unnamed_is_about_whom_the_next_sentence_names() -> None:
    """Under a subheading of a round-up, "A Pell Township man was sentenced Wednesday ..."
    then "Dustin Kolb, 22, pleaded guilty ...": the first sentence is his (so "when was Kolb
    sentenced" finds it), and he is "a Pell Township man"."""
    text = ("Brindle County week in review\n\nFarm rezoned\n\n"
            "The board voted 4-1 on Tuesday to rezone 312 acres of farmland.\n\n"
            "Mailbox vandal sentenced\n\n"
            "A Pell Township man was sentenced Wednesday to 90 days in the county jail for "
            "smashing 57 mailboxes.\n\n"
            "Dustin Kolb, 22, pleaded guilty in April to criminal mischief.")
    r = ingest_article(text, source=Source("s", "Brindle Courier", "Week in review"))
    kolb = next(p for p in r.new_people if p.name == "Dustin Kolb")
    sentenced = fact_saying(r, "sentenced")
    assert kolb.id in sentenced.people
    assert sentenced.text.startswith("A Pell Township man, Dustin Kolb, was sentenced")
    assert kolb.description == "a Pell Township man"
    # a sentence mid-brief opening on someone unnamed is no lead: it names no one
    mid = ingest_article(text.replace("Dustin Kolb, 22, pleaded", "He pleaded").replace(
        "smashing 57 mailboxes.", "smashing 57 mailboxes. A neighbor was shocked.\n\n"
        "Dustin Kolb, 22, apologized"), source=Source("s", "Brindle Courier", "Week"))
    assert all(not f.people for f in mid.new_facts if "neighbor" in f.text)

def test_a_lead_describing_whom_the_next_sentence_names_is_about_them() -> None:
    """"A jury convicted the former finance director of the Upper Calder Water District of
    stealing $1.3 million." then "Martin Eldridge, 61, was found guilty ...": the lead is
    about him, says his name after the description, and gives him his description."""
    text = ("HOLLISTER BEND, Mo. (Plains Press) — A jury on Thursday convicted the former "
            "finance director of the Upper Calder Water District of stealing $1.3 million.\n\n"
            "Martin Eldridge, 61, was found guilty on all 14 counts against him.\n\n"
            "Eldridge declined to comment.")
    r = ingest_article(text, source=Source("s", "Plains Press", "Jury convicts"))
    eldridge = next(p for p in r.new_people if p.name == "Martin Eldridge")
    assert eldridge.description == "former finance director of the Upper Calder Water District"
    lead = next(f for f in r.new_facts if "jury" in f.text.lower())
    assert lead.text.startswith("A jury on Thursday convicted the former finance director of "
                                "the Upper Calder Water District, Martin Eldridge, of stealing")
    assert eldridge.id in lead.people
    # a lead naming someone already, or a second sentence opening on no name, links no one
    plain = ingest_article(
        "A jury on Thursday convicted the former finance director of the district.\n\n"
        "The verdict came after two days. Martin Eldridge, 61, declined to comment.",
        source=Source("s", "Plains Press", "Jury convicts"))
    assert all(not f.people for f in plain.new_facts if "jury" in f.text.lower())


def test_a_pronoun_after_someone_unnamed_is_theirs_not_the_last_named_persons() -> None:
    """"a 45-year-old woman was killed when her car slid": her car is the woman's, not the
    governor's named a sentence before; a pronoun after a name still goes to that name."""
    text = ("FAYETTEVILLE, Ark. (Ozark Wire) — An ice storm knocked out power on Thursday.\n\n"
            "Gov. Sarah Pruett declared a state of emergency for 12 counties.\n\n"
            "A 71-year-old man died after running a generator inside his garage, and a "
            "45-year-old woman was killed when her car slid off Highway 16.\n\n"
            "Pruett said her office would send help.")
    r, ids = ingested(text, Source("s", "Ozark Wire", "Ice storm"))
    pruett = ids["Sarah Pruett"]
    died = fact_saying(r, "garage")
    assert pruett not in died.people
    office = fact_saying(r, "office")
    assert pruett in office.people


def test_a_her_that_is_someone_elses_teaches_no_ones_gender() -> None:
    """"borrowed from Walter's parents and books from her own shelves": "her" is his wife's,
    so Walter is not learned to be "she", and "He died in 1998." is his."""
    text = ("Margaret Hollowell, who ran a bookshop on Front Street, died Jan. 8 at home.\n\n"
            "She married Walter Hollowell, a boatbuilder, in 1958.\n\n"
            "The couple opened the shop with money from Walter's parents and many books "
            "from her own shelves. He died in 1998.")
    r = ingest_article(text, source=Source("s", "Outlet", "Story"))
    people = {p.name: p.id for p in r.new_people}
    died = fact_saying(r, "died in 1998")
    assert died.text == "Walter Hollowell died in 1998." and died.people == (
        people["Walter Hollowell"],)


def test_an_honorific_or_a_kinship_says_she_or_he() -> None:
    """"Mrs. Lind" is "she", "his daughter, Ruth Ames" too, whatever possessive is near."""
    reader = _Reader("Ann Lind and Tom Reed bought the shop in 2013.\n\n"
                     "Mrs. Lind runs it with his daughter, Ruth Ames, a teacher.", ())
    reader.read()
    genders = {e.name: e.gender for e in reader.people.entities.values()}
    assert genders["Ann Lind"] == "f" and genders["Ruth Ames"] == "f"


def test_a_sentence_opening_on_her_is_about_the_one_person_just_named() -> None:
    """"Kaylee Brandvold will be barred ... Her father said ...": Kaylee is "she", so the
    father's "he said" in the next paragraph is not hers; "Walter's parents and her own
    shelves ... Her husband" teaches nothing of Walter."""
    reader = _Reader("Kaylee Brandvold will be barred for three years. Her father said that "
                     "was beside the point.\n\n"
                     "The couple borrowed from Walter's parents and her own shelves. Her "
                     "husband built the shelves.", ())
    reader.read()
    genders = {e.name: e.gender for e in reader.people.entities.values()}
    assert genders["Kaylee Brandvold"] == "f" and genders.get("Walter") != "f"


def test_the_role_of_someone_named_paragraphs_ago_is_them() -> None:
    """"the owner said" long after the owner was named: the one person the article calls its
    owner, not the woman quoted last; and so is the "she" of the next paragraph."""
    text = ("LINDQUIST, Minn. (Wire) — Karin Dahl, the store's owner, agreed to sell it.\n\n"
            "The deal closes in April. It covers 46 workers.\n\n"
            "Employees will elect three members of the board.\n\n"
            "The board meets monthly.\n\n"
            "For cashier Amina Farah, 23, the news came as a surprise.\n\n"
            "\"I walked in an employee and walked out an owner,\" she said.\n\n"
            "The name will stay on the sign, the owner said, along with her grandfather's "
            "lettering.\n\n"
            "\"It's not coming down on my watch,\" she said.\n")
    r, ids = ingested(text, Source("s", "Wire", "Store sold"))
    dahl = ids["Karin Dahl"]
    sign = fact_saying(r, "sign")
    assert sign.people == (dahl,)
    watch = next(q for q in r.new_quotes if "my watch" in q.text)
    assert watch.speaker == dahl
    walked = next(q for q in r.new_quotes if "walked in" in q.text)
    assert walked.speaker != dahl  # the cashier's own words stay hers


def test_someone_who_said_she_is_she_whatever_possessive_follows() -> None:
    """"Osei-Danvers, who ..., said she had no plans to undo his work." makes Osei-Danvers a
    "she" (the "his" is her predecessor's), so her "..., she said" that follows is hers, not
    that of the man quoted before her."""
    text = ("CALDERPORT (Courier) — Teodor Lindqvist-Amadi will conduct for the last time on "
            "Saturday. His successor, Mireille Osei-Danvers, 38, takes over in September.\n\n"
            "\"He made it an orchestra people drive two hours to hear,\" said Gordon Blakemore, "
            "the orchestra's executive director.\n\n"
            "Osei-Danvers, who is now associate conductor of the Linden Bay Philharmonic, said "
            "she had no plans to undo his work. \"Teodor built the house,\" she said.")
    r, ids = ingested(text, Source("s", "Courier", "Farewell"))
    house = next(q for q in r.new_quotes if "built the house" in q.text)
    assert house.speaker == ids["Mireille Osei-Danvers"]


def test_the_n_year_old_role_opening_a_sentence_is_the_person_just_named() -> None:
    """"Teodor Lindqvist-Amadi will conduct ... The 71-year-old music director has led the
    orchestra for 26 seasons": wire style's second reference, by age and role; the fact keeps
    its words and is his, and he is the music director (the article says no more of him). A
    thing of that age is no one ("The 137-year-old dam was built ...")."""
    text = ("CALDERPORT (Courier) — Teodor Lindqvist-Amadi will conduct the orchestra for the "
            "last time on Saturday. The 71-year-old music director has led it for 26 seasons. "
            "The 137-year-old dam was built in 1887.\n\n\"It is time,\" Lindqvist-Amadi said.")
    r = ingest_article(text, source=Source("s", "Courier", "Farewell"))
    him = next(p for p in r.new_people if p.name == "Teodor Lindqvist-Amadi")
    assert him.description == "music director"
    led = fact_saying(r, "has led it")
    assert led.text.startswith("The 71-year-old music director") and led.people == (him.id,)
    dam = fact_saying(r, "dam was built")
    assert dam.people == ()


def test_a_sentence_someone_reports_by_she_said_is_about_them() -> None:
    """"About 11,400 vehicles cross the bridge on an average day, she said": the fact is
    hers (the person the prose was last about, of her gender), so a question naming her
    finds it; a "he said" of a sentence naming someone before it stays theirs."""
    text = ("Engineers closed the Mill Street bridge on Tuesday after finding cracks.\n\n"
            "Dana Whitcombe, a spokeswoman for the state transportation department, said "
            "the closure would last at least two weeks.\n\n"
            "About 11,400 vehicles cross the bridge on an average day, she said.\n\n"
            "Repairs could cost $2 million, money she said would come from a state fund.")
    r, ids = ingested(text, Source("s", "Valley Courier", "Bridge closed"))
    dana = ids["Dana Whitcombe"]
    vehicles = fact_saying(r, "11,400 vehicles")
    money = fact_saying(r, "money she said")
    assert dana in vehicles.people and dana in money.people
    assert vehicles.text.startswith("About 11,400")  # (the text shown is the article's)


def test_an_object_him_is_whom_the_prose_was_about_not_who_does_it_to_him() -> None:
    """"Judge Harriet Nakamura-Booth also ordered him to pay ...": the fact is Kolb's (so
    "what does Kolb's community service include" finds it), not the judge's alone; "For
    Oduya, ... Brandt said the zoo would give him a membership": Oduya's, whom the sentence
    names before the one who gives."""
    text = ("Dustin Kolb, 22, pleaded guilty in April to criminal mischief.\n\n"
            "Judge Harriet Nakamura-Booth also ordered him to pay $6,300 in restitution and to "
            "perform 200 hours of community service.\n\n"
            "For Terrence Oduya, the weekend ended with an invitation. Keeper Sam Brandt said "
            "the zoo would give him a family membership.")
    r, ids = ingested(text, Source("s", "Brindle Courier", "Week in review"))
    ordered = fact_saying(r, "ordered him")
    assert ids["Dustin Kolb"] in ordered.people
    given = fact_saying(r, "give him")
    assert ids["Terrence Oduya"] in given.people
    assert ids["Dustin Kolb"] not in given.people


def test_a_subject_pronoun_after_an_opening_phrase_is_the_person_just_named() -> None:
    """"A week later, out of curiosity, he compared GPS data ...": Thiele's fact (the fact
    keeps its words)."""
    text = ("The course was measured by Martin Thiele, a retired surveyor.\n\n"
            "A week later, out of curiosity, he compared GPS data from 200 runners.")
    r, ids = ingested(text, Source("s", "Cascade Sports Wire", "Short course"))
    thiele = ids["Martin Thiele"]
    compared = fact_saying(r, "compared")
    assert thiele in compared.people
    assert compared.text.startswith("A week later, out of curiosity, he compared")


def test_a_possessive_far_from_the_one_name_may_be_the_last_sentences_persons() -> None:
    """"Marchetti wrote that he saw the schooner. Halvorsen-Moss said the team used his
    description": "his" is Marchetti's, so Halvorsen-Moss is not taken for a man, and the
    next '"...," she said' is hers. Near the name, "Roe said his team" is still Roe's."""
    text = ("A team found the wreck on Tuesday.\n\n"
            "\"It was quiet,\" said Ingrid Halvorsen-Moss, 52, the society's director.\n\n"
            "Marchetti wrote that he saw the schooner. Halvorsen-Moss said the team used his "
            "description to redraw the search.\n\n"
            "\"That diary moved the search box 30 miles,\" she said.")
    moss = "ingrid-halvorsen-moss"
    assert quotes_of(text) == [(moss, "It was quiet"),
                               (moss, "That diary moved the search box 30 miles")]
    assert quotes_of("The board met Monday.\n\nPaul Roe said his team would appeal. "
                     "\"We will win,\" he said.") == [("paul-roe", "We will win")]


def test_a_role_opening_a_sentence_with_the_name_beside_it_is_that_person() -> None:
    """"The bank's president, Sheila Vanderhoof, said ...": she is named beside the role; the
    fair board's president named before is someone else (the fact read "Dwayne Ostrowski,
    Sheila Vanderhoof, said ...")."""
    text = ("WEXFORD, Mich. (Wire) — Fair board president Dwayne Ostrowski, 66, said the board "
            "voted 7-0 to disqualify the steer.\n\n"
            "The bank's president, Sheila Vanderhoof, said the bank would donate the full "
            "$41,000 to the county 4-H program anyway.\n")
    r = ingest_article(text, source=Source("s", "Wire", "Fair"))
    donated = fact_saying(r, "donate the full")
    assert donated.text.startswith("The bank's president, Sheila Vanderhoof, said")
    assert donated.people == ("sheila-vanderhoof",)
