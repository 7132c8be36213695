"""bot/engine/ingest/coref.py: "He added ..." is the person just named."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from tests.ingest_text import ARTICLE, SOURCE


def test_a_pronoun_after_a_named_person_is_that_person() -> None:
    text = ARTICLE + ("\n\"The span will be the longest in the state,\" he said, pointing "
                      "at the drawings Ortiz had made.\n")
    result = ingest_article(text.replace("He added that", "Ortiz said that"), source=SOURCE)
    ortiz = next(p.id for p in result.new_people if p.name == "Ben Ortiz")
    said = [q for q in result.new_quotes if "longest in the state" in q.text]
    assert said and said[0].speaker == ortiz
