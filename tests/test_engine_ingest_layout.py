"""bot/engine/ingest/layout.py: paragraphs, sentences (not cut at "St." or "U.S."), quotes."""

from __future__ import annotations

from bot.engine.ingest import ingest_article
from bot.engine.ingest.layout import _is_headline, _paragraphs, _scan_quotes, _sentence_bounds
from bot.models import Source


def test_paragraphs_split_on_blank_lines() -> None:
    assert len(_paragraphs("One para.\n\nTwo para.\n\n\nThree.")) == 3


def test_sentences_are_not_cut_after_an_abbreviation() -> None:
    par = "She works at St. Anne's hospital in the U.S. capital. It opened in 1990."
    bounds = _sentence_bounds(par, _scan_quotes(par))
    sentences = [par[a:b].strip() for a, b in bounds]
    assert sentences == ["She works at St. Anne's hospital in the U.S. capital.",
                         "It opened in 1990."]


def test_quotes_are_found_with_their_spans() -> None:
    par = 'He said "it works" and then “it is done.”'
    spans = _scan_quotes(par)
    assert len(spans) == 2 and all(end is not None for _, end in spans)


def test_no_sentence_ends_inside_a_dateline() -> None:
    """"DALTON, Ore. (Valley Health Wire) — A measles ...": the state's abbreviation ends no
    sentence."""
    par = ("DALTON, Ore. (Valley Health Wire) — A measles outbreak has grown to 31 cases. "
           "Most are children.")
    bounds = _sentence_bounds(par, _scan_quotes(par))
    assert [par[a:b].strip() for a, b in bounds] == [
        "DALTON, Ore. (Valley Health Wire) — A measles outbreak has grown to 31 cases.",
        "Most are children."]


def test_a_paragraph_of_one_short_question_is_a_subheading_not_a_fact() -> None:
    """An explainer's "What does the law require?" heads the paragraphs that answer it: a
    headline, never a fact (asked "what does the law require", the coverage would answer
    with the question); a question inside a paragraph of prose is not one."""
    assert _is_headline("What does the law require?")
    assert _is_headline("Why did lawmakers pass it now?")
    assert not _is_headline("Is it safe? Officials said it was.")
    assert not _is_headline("Officials asked whether it was safe, and the answer came back "
                            "that nobody could say for certain how long it would take?")
    text = ("DES MOINES, Iowa (Wire) — A repair law takes effect Tuesday.\n\n"
            "What does the law require?\n\n"
            "Manufacturers must sell parts to owners at fair prices.\n")
    r = ingest_article(text, source=Source("s", "Wire", "Repair law"))
    assert all(not f.text.endswith("?") for f in r.new_facts)
    assert "What does the law require?" in r.headlines


def test_a_sentence_may_end_on_no_but_no_dot_before_a_number_ends_none() -> None:
    """"voted no." ends a sentence; "No. 5" (a number's abbreviation) does not."""
    par = "Three members voted no. As amended, the plan raises taxes. It is item No. 5 today."
    bounds = _sentence_bounds(par, _scan_quotes(par))
    assert [par[a:b].strip() for a, b in bounds] == [
        "Three members voted no.", "As amended, the plan raises taxes.",
        "It is item No. 5 today."]


def test_a_list_items_mark_is_no_word_of_it() -> None:
    """"What we know so far" lists its facts as bullets: "- The storm arrived late Tuesday."
    is the fact "The storm arrived late Tuesday."."""
    assert _paragraphs("What we know:\n- The storm arrived late Tuesday.\n• Schools are closed.") \
        == ["What we know:", "The storm arrived late Tuesday.", "Schools are closed."]


def test_a_pages_furniture_is_no_paragraph_of_its_story() -> None:
    """A copyright line, the terms of reuse, how to reach the writer or get a newsletter,
    pasted with a story, are none of its facts (nor is the writer a person of the story)."""
    story = "The council voted 5-2 on Monday to add bike lanes."
    text = "\n".join([
        story, "Copyright 2025 Riverton Wire. All rights reserved.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "© 2025 Riverton Media", "Contact Jane Roe at jroe@rivertonwire.com.",
        "Follow Sam Lee on X: @samlee", "Sign up for our daily newsletter."])
    assert _paragraphs(text) == [story]
    # a sentence of the story that says "copyright" or "follow" is kept
    kept = ["The band sued over the copyright of the song.", "Follow-up tests came back clean.",
            "Copyright law protects a work for 70 years after its author's death."]
    assert _paragraphs("\n".join(kept)) == kept


def test_a_photos_caption_and_credit_are_no_paragraph_of_its_story() -> None:
    """A caption labelled as one, and a photographer's credit closing a paragraph, are none
    of the story's facts (nor is the photographer a person of it)."""
    story = "The council voted 5-2 on Monday to add bike lanes."
    assert _paragraphs("\n".join([
        story, "Photo: Children ride on Elm Street on Saturday. (John Smith/Riverton Wire)",
        "Image | A new lane on Fifth Street", "(AP Photo/Julio Cortez)",
        f"{story} (Photo by Jane Doe)"])) == [story, story]
    # a sentence of the story with a slash or a photo in it is kept, its brackets too
    kept = ["The photo was taken in 1962 (a gift of the Smith/Jones family).",
            "Photographs of the site were shown at the meeting (see below).",
            "It costs $5 a day (N/A for members).", "Most networks speak one protocol (TCP/IP)"]
    assert _paragraphs("\n".join(kept)) == kept
    got = ingest_article(f"{story}\n\nRiders were out on Elm Street. (John Smith/Riverton Wire)",
                         source=Source("s", "Riverton Wire", "Bike lanes"))
    assert [f.text for f in got.facts] == [story, "Riders were out on Elm Street."]
    assert not got.people


def test_a_link_to_another_story_tags_and_a_wires_credits_are_no_paragraph() -> None:
    story = "The council voted 5-2 on Monday to add bike lanes."
    assert _paragraphs("\n".join([
        story, "Related: Storm surge floods the waterfront", "READ MORE: Schools face a gap",
        "Tags: Maine, Parking, Climate", "Reporting by Maria Lopez; Editing by Tom Brown",
        "Additional reporting by Sam Lee in Augusta.",
        "Associated Press writer Sam Lee in Boulder contributed to this report.",
        "This story has been updated to correct the date of the vote.",
        "For more information, visit www.riverton.example."])) == [story]
    # (but the story's own words may open so: "Related costs rose", "Editing the law ...")
    kept = ["Related costs rose 4% last year.", "Reporting by the Herald found 12 errors.",
            "Donors contributed to the report's cost.", "This story was told by her father."]
    assert _paragraphs("\n".join(kept)) == kept


def test_a_post_embedded_in_the_page_is_its_authors_quote() -> None:
    """A post's text, then its signature ("— Jane Doe (@janedoe) June 5, 2025"): her words,
    posted on X, its link dropped; a "Watch:" link is no fact, but a correction says one."""
    text = ("HARTWELL, Ga. (Wire) — Storms knocked out power to 40,000 customers on Sunday.\n\n"
            "This is wild. Trees down everywhere on Main St. pic.twitter.com/abc123\n"
            "— Jane Doe (@janedoe) June 5, 2025\n\n"
            "Correction: An earlier version of this story misstated the count.\n\n"
            "Watch: Drone video shows the damage")
    got = ingest_article(text, source=Source("s", "Wire", "Storm"))
    assert [(q.speaker, q.text, q.context) for q in got.quotes] == [
        ("jane-doe", "This is wild. Trees down everywhere on Main St.", "X")]
    assert [f.text for f in got.facts] == [
        "Storms knocked out power to 40,000 customers on Sunday.",
        "Correction: An earlier version of this story misstated the count."]
    # (a dash opening a line that signs nothing is the line's own)
    assert _paragraphs("Rain fell.\n— and then it stopped.") == ["Rain fell.",
                                                                  "— and then it stopped."]


def test_a_few_lines_of_page_furniture_do_not_make_a_text_hard_wrapped() -> None:
    """A headline block with "Listen to this article" and "Published ..." lines, and a credits
    block, among one-line paragraphs: each line is its own paragraph, not one run-on fact."""
    text = ("Harbor city raises parking fees\nListen to this article · 4 min\n"
            "Published March 5, 2025\n\nThe council approved the fees on Tuesday.\n\n"
            "Meters will rise to $3 from $1.50.\n\nOwners oppose the increase.\n\n"
            "Diner owner Sam Pike said customers would go elsewhere.\n\n"
            "Reporting by Maria Lopez\nOur Standards: The Trust Principles.")
    pars = _paragraphs(text)
    assert pars[:3] == ["Harbor city raises parking fees", "Listen to this article · 4 min",
                        "Published March 5, 2025"]
    assert "The council approved the fees on Tuesday." in pars


def test_a_headline_may_open_on_a_figure() -> None:
    """"5 things to know about the new recycling rules" heads its article, no fact of it; but a
    box's "1,140: animals adopted out last year" further on is one."""
    assert _is_headline("5 things to know about the new recycling rules", first=True)
    assert not _is_headline("1,140: animals adopted out last year")
    got = ingest_article("5 things to know about the new recycling rules\n\nGlass goes in a "
                         "separate bin.", source=Source("s", "Times", "5 things"))
    assert [f.text for f in got.facts] == ["Glass goes in a separate bin."]


def test_an_info_boxs_lines_are_facts_but_a_first_line_is_a_headline() -> None:
    """"If you go" heads lines like "Where: Fairgrounds, 400 Mill Road", with no full stop:
    what they say is no headline but a fact; "Editorial: Fund the library" opening an article
    is its headline."""
    assert _is_headline("If you go") and _is_headline("By the numbers")
    assert not _is_headline("Where: Fairgrounds, 400 Mill Road")
    assert not _is_headline("Cost: $8 for adults, free for children under 12")
    assert _is_headline("Editorial: Fund the library", first=True)
    r = ingest_article("Balloons return to Harlow\n\nThe balloon race returns on Saturday.\n\n"
                       "If you go\n\nWhere: Harlow Fairgrounds, 400 Mill Road\n\n"
                       "Cost: $8 for adults, free for children under 12\n",
                       source=Source("s", "Ledger", "Balloons"))
    facts = [f.text for f in r.new_facts]
    assert "Where: Harlow Fairgrounds, 400 Mill Road" in facts
    assert "Cost: $8 for adults, free for children under 12" in facts


def test_a_single_quoted_span_is_a_quote_and_an_apostrophe_no_end_of_it() -> None:
    """British style: ‘We cannot keep borrowing, and it’s time to stop,’ said Anne Ward:
    "it’s" does not close it; a plural possessive outside any quote opens none."""
    par = "‘We cannot keep borrowing, and it’s time to stop,’ said Anne Ward."
    assert _scan_quotes(par) == [(0, par.index("’ said"))]
    assert _scan_quotes("The players’ union backed it, and it’s done.") == []
    got = ingest_article(f"The council met Monday.\n\n{par}", source=Source("s", "W", "T"))
    assert [(q.speaker, q.text) for q in got.quotes] == [
        ("anne-ward", "We cannot keep borrowing, and it’s time to stop")]
