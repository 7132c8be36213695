"""bot/engine/ingest/interview.py: an interview's answers are its subject's quotes."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.engine.ingest.interview import label, unlabelled
from bot.models import Source

SOURCE = Source("courier", "Harbor Courier", "A conductor's farewell", None, "2025-05-01", None)

INTRO = (
    "CALDERPORT (Harbor Courier) — Teodor Lindqvist-Amadi will conduct the Calderport "
    "Symphony for the last time on Saturday. His successor, Mireille Osei-Danvers, takes over "
    "in September.\n\n"
    "Lindqvist-Amadi spoke with the Courier last week in his office.\n\n"
)
EXCHANGES = (
    "Q: Why step down now?\n\n"
    "A: Two reasons. My left ear is not what it was. I promised my wife I would stop.\n\n"
    "Q: In 2010 the orchestra nearly closed. What happened?\n\n"
    "A: We lost our two largest donors in the same year.\n\n"
    "The musicians agreed to a 15 percent pay cut for two seasons.\n\n"
    "Q: What will you do next?\n\n"
    "A: Teach. I will join the faculty at Harwick Conservatory in the fall.\n\n"
)
OUTRO = "Tickets for the concert sold out in 11 minutes, the orchestra said.\n"


def _read(text: str):  # type: ignore[no-untyped-def]
    return ingest_article(text, source=SOURCE)


def test_labels_are_read_off_a_paragraph() -> None:
    assert label("Q: Why now?") == ("Q", 3)
    assert label("Okonkwo: We were ready.") == ("Okonkwo", 9)
    assert label("The answer: no.") is None and label("A new plan was drawn up.") is None
    assert unlabelled("A. Because it was time.") == "Because it was time."


def test_an_interviews_answers_are_its_subjects_quotes_cited_with_the_question() -> None:
    r = _read(INTRO + EXCHANGES + OUTRO)
    subject = next(p.id for p in r.new_people if p.name == "Teodor Lindqvist-Amadi")
    said = {q.text: q for q in r.new_quotes}
    # a sentence a quote, a fragment ("Two reasons.", "Teach.") read with the one after it
    assert "Two reasons. My left ear is not what it was." in said
    assert "Teach. I will join the faculty at Harwick Conservatory in the fall." in said
    # a paragraph without a label between an answer and the next question goes on with it
    pay = said["The musicians agreed to a 15 percent pay cut for two seasons."]
    assert all(q.speaker == subject and q.context == "interview" for q in said.values())
    assert pay.citations[0].passage.startswith("Q: In 2010 the orchestra nearly closed.")
    facts = [f.text for f in r.new_facts]
    # neither the questions nor the answers are facts; the prose after the last answer is
    assert not any("Why step down" in f or "ear" in f or "2010" in f for f in facts)
    assert any(f.startswith("Tickets for the concert sold out") for f in facts)


def test_answers_labelled_with_a_name_are_that_persons() -> None:
    text = INTRO + (
        "Osei-Danvers said she would keep the summer series.\n\n"
        "Reporter: What did the board say?\n\n"
        "Osei-Danvers: They asked me to keep the summer series.\n\n"
        "Reporter: Will you?\n\n"
        "Osei-Danvers: Every summer, as long as the hall stands.\n"
    )
    r = _read(text)
    her = next(p.id for p in r.new_people if p.name == "Mireille Osei-Danvers")
    said = [q for q in r.new_quotes if "hall" in q.text or "asked me" in q.text]
    assert len(said) == 2 and all(q.speaker == her for q in said)


def test_labels_that_do_not_take_turns_are_no_interview() -> None:
    """Two labels used twice each but never as question then answer ("Pros:" / "Cons:"
    listed one kind after the other), or an "A:" before any "Q:", are prose."""
    text = INTRO + (
        "Pros: The hall is paid for.\n\nPros: The players are under contract.\n\n"
        "Cons: The endowment is shrinking.\n\nCons: Two donors left this year.\n"
    )
    r = _read(text)
    assert not [q for q in r.new_quotes if "hall" in q.text or "endowment" in q.text]
    assert any("endowment is shrinking" in f.text for f in r.new_facts)


def test_the_prose_after_an_interview_is_cited_without_its_last_question() -> None:
    """A short question paragraph reads as a subheading; an interview's is its answer's, so
    the prose after the last answer does not cite it."""
    r = _read(INTRO + EXCHANGES + OUTRO)
    tickets = next(f for f in r.new_facts if f.text.startswith("Tickets"))
    assert tickets.citations[0].passage == OUTRO.strip()


def test_in_a_transcript_of_two_people_what_each_says_is_theirs() -> None:
    """Two people of the article taking turns ("Quill:" / "Ortiz:"): the first's lines are no
    questions to be dropped but her words, as the second's are his."""
    text = ("RIVERTON (Wire) — Mayor Ada Quill and engineer Ben Ortiz debated the bridge on "
            "Tuesday. Quill said the city could pay for it. Ortiz said it would take years.\n\n"
            "Quill: We can pay for the bridge without raising taxes.\n\n"
            "Ortiz: Not with steel prices where they are.\n\n"
            "Quill: Then we will wait a year for better prices.\n\n"
            "Ortiz: A year of waiting means a year of detours.\n")
    r = _read(text)
    ids = {p.name: p.id for p in r.new_people}
    said = {q.text: q.speaker for q in r.new_quotes}
    assert said["We can pay for the bridge without raising taxes."] == ids["Ada Quill"]
    assert said["Then we will wait a year for better prices."] == ids["Ada Quill"]
    assert said["A year of waiting means a year of detours."] == ids["Ben Ortiz"]


def test_a_press_conference_has_several_answering_each_their_own() -> None:
    """"REPORTER:" asks, "QUILL:" and "ORTIZ:" answer (a label in capitals names the person
    as well); a label used once before the exchanges ("Transcript:") is a title's."""
    text = ("Transcript: the mayor's press conference on the bridge\n\n"
            "RIVERTON (Wire) — Mayor Ada Quill and city engineer Ben Ortiz took questions on "
            "Tuesday. Quill said the bridge would reopen. Ortiz said repairs had begun.\n\n"
            "REPORTER: When will the bridge reopen?\n\n"
            "QUILL: Not before March. The inspectors found cracks in two beams.\n\n"
            "REPORTER: How much will the repairs cost?\n\n"
            "ORTIZ: Our estimate is $4.2 million.\n\n"
            "QUILL: And the state will pay most of it.\n")
    r = _read(text)
    ids = {p.name: p.id for p in r.new_people}
    said = {q.text: q for q in r.new_quotes}
    assert said["Our estimate is $4.2 million."].speaker == ids["Ben Ortiz"]
    assert said["And the state will pay most of it."].speaker == ids["Ada Quill"]
    march = said["Not before March. The inspectors found cracks in two beams."]
    assert march.speaker == ids["Ada Quill"]
    assert march.citations[0].passage.startswith("REPORTER: When will the bridge reopen?")
    assert not any(f.text.startswith(("QUILL", "ORTIZ", "REPORTER")) for f in r.new_facts)


def test_labels_naming_no_one_that_take_turns_are_no_interview() -> None:
    """"Pros:" / "Cons:" alternating name no one of the article: a list, not answers."""
    text = INTRO + ("Pros: The hall is paid for.\n\nCons: The endowment is shrinking.\n\n"
                    "Pros: The players are under contract.\n\nCons: Two donors left.\n")
    r = _read(text)
    assert not [q for q in r.new_quotes if "endowment" in q.text or "donors" in q.text]
