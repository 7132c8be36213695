"""bot/engine/ingest/layout.py: paragraphs, sentences (not cut at "St." or "U.S."), quotes."""

from __future__ import annotations

from bot.engine.ingest.layout import _paragraphs, _scan_quotes, _sentence_bounds


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
