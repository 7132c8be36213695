"""bot/engine/ingest/coref.py: "He added ..." is the person just named."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.models import Source
from tests.ingest_text import ARTICLE, SOURCE


def test_a_pronoun_after_a_named_person_is_that_person() -> None:
    text = ARTICLE + ("\n\"The span will be the longest in the state,\" he said, pointing "
                      "at the drawings Ortiz had made.\n")
    result = ingest_article(text.replace("He added that", "Ortiz said that"), source=SOURCE)
    ortiz = next(p.id for p in result.new_people if p.name == "Ben Ortiz")
    said = [q for q in result.new_quotes if "longest in the state" in q.text]
    assert said and said[0].speaker == ortiz


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
