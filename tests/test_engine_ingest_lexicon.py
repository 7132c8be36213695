"""bot/engine/ingest/lexicon.py: ingest's general-English word lists, each a data file that
names its source."""

from __future__ import annotations

import json
from importlib import resources

from bot.engine.ingest import lexicon


def test_every_word_list_names_its_source() -> None:
    folder = resources.files("bot.engine.ingest").joinpath("data")
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            assert data.get("source"), entry.name
            listed = list(data["words"])  # (a map's keys, for title_abbreviations)
            assert listed == sorted(set(listed)), f"{entry.name}: sorted, once"


def test_an_abbreviated_title_is_spelt_out() -> None:
    """"Gov. Lydia Mercer": news style abbreviates a title before a full name."""
    assert lexicon.abbreviated_title("Gov. ") == "governor"
    assert lexicon.abbreviated_title("On Tuesday, Lt. Gov. ") == "lieutenant governor"
    assert lexicon.abbreviated_title("The letter from U.S. Rep. ") == "U.S. representative"
    for not_title in ("Dr. ", "in Jan. ", "the Gov ", "Tuesday. ", "Gov.Roe "):
        assert lexicon.abbreviated_title(not_title) is None, not_title
    assert lexicon.without_honorific("Council chair Dr. ") == "Council chair "
    assert lexicon.without_honorific("said Gov. ") == "said Gov. "  # (an office)


def test_titles_roles_and_sentence_openers() -> None:
    assert {"mayor", "councilmember", "professor"} <= lexicon._TITLES
    assert "engineer" in lexicon._DESCRIPTORS
    assert "however" in lexicon._NOT_NAME_START


def test_a_datelines_place_is_read_as_a_name() -> None:
    from bot.engine.ingest.lexicon import dateline_place

    assert dateline_place(["CALDER FALLS, Ore. — The team will move."]) == ("Calder", "Falls")
    assert dateline_place(["A headline", "GULL HARBOR, Maine (Wire) — Boats."]) == (
        "Gull", "Harbor")
    assert dateline_place(["(Valley Health Wire) — Cases rose."]) == ()
    assert dateline_place(["No dateline opens this story."]) == ()
    # a place written as a name gives its state: "Mill Town, Mont. — "
    assert dateline_place(["Mill Town, Mont. — The paper closes."]) == ("Mill", "Town")
    assert dateline_place(["Officials, residents — and a dash."]) == ()
    # a wire's dateline gives its day too: "PORT HALE, Maine, March 4 (Reuters) - "
    assert dateline_place(["PORT HALE, Maine, March 4 (Reuters) - Fees rose."]) == (
        "Port", "Hale")
    assert lexicon.without_dateline("Port Hale, Maine, Jan. 12 - Fees rose.") == "Fees rose."
    # a press release's, with the year and its wire: "ASHFORD, Mich., May 3, 2025 /PRNewswire/ --"
    assert lexicon.without_dateline("ASHFORD, Mich., May 3, 2025 /PRNewswire/ -- It grew.") == \
        "It grew."


def test_a_dateline_is_cut_from_the_sentence_it_opens() -> None:
    opened = "GULL HARBOR, Maine (Atlantic Coast Wire) — The state closed the bay."
    assert lexicon.without_dateline(opened) == "The state closed the bay."
    assert lexicon.without_dateline("(Valley Health Wire) — Cases rose.") == "Cases rose."
    for plain in ("The state closed the bay.", "Dr. Ada Quill — the mayor — said no.", ""):
        assert lexicon.without_dateline(plain) == plain


def test_a_noun_or_its_singular_is_listed() -> None:
    from bot.engine.ingest.data import listed

    words = frozenset({"lawmaker", "creek"})
    assert listed("lawmakers", words) and listed("creek", words)
    assert not listed("creeks-side", words) and not listed("judges", words)
