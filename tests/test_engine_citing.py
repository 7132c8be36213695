"""bot/engine/citing.py: records as a reader sees them: sources newest first, a quote's
wording, dates, and other sources' differing figures."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.citing import Citer, introduce
from bot.engine.memory import Memory
from bot.models import Citation, Quote
from tests.engine_records import ADA, BEN, COST, COST_LATER, WAITED, small_bank


def _citer() -> Citer:
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    return Citer(memory)


def test_a_quote_reads_with_its_speaker_and_where() -> None:
    citer = _citer()
    assert citer.answer_text(WAITED) == (
        'Ada Quill said (council meeting): "We waited twenty years for this bridge."')
    anonymous = Quote("q", None, "Words.", "", (Citation("wire", "p"),), (), None)
    assert citer.answer_text(anonymous) == (
        'An unnamed speaker said (reported by Riverton Wire): "Words."')


def test_sources_are_newest_first_and_an_unknown_one_says_so() -> None:
    citer = _citer()
    both = replace(COST, citations=(Citation("wire", "a"), Citation("post", "b")))
    assert [r.outlet for r in citer.refs(both)] == ["Riverton Post", "Riverton Wire"]
    gone = Quote("q", None, "Words.", "", (Citation("nowhere", "p"),), (), None)
    assert citer.refs(gone)[0].outlet == "Unknown source"
    assert citer.date(COST_LATER) == "2025-07-01"


def test_another_sources_different_figure_is_a_conflict() -> None:
    conflicts = _citer().conflicts(COST, [COST, COST_LATER])
    assert [c.text for c in conflicts] == [COST_LATER.text]
    assert _citer().conflicts(COST, [COST]) == ()


def test_another_outlets_figure_in_other_words_is_a_conflict_when_told_so() -> None:
    """A figure said in other words is a conflict only when the record is given (``told``) and
    is another source's report of the same story (about the same people); the same words with
    another figure always are, and are the same claim."""
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    reworded = replace(COST_LATER, text="Officials now put the price of the bridge at $55 million.",
                       people=(ADA.id, BEN.id))
    memory.upsert(reworded)
    citer = Citer(memory)
    assert citer.conflicts(COST, [COST, reworded]) == ()
    assert [c.text for c in citer.conflicts(COST, [COST], [reworded])] == [reworded.text]
    memory.upsert(replace(reworded, people=()))  # (no one in common: another story)
    assert citer.conflicts(COST, [COST], [replace(reworded, people=())]) == ()
    assert citer.same_claim(COST, COST_LATER) and not citer.same_claim(COST, reworded)


def test_a_description_reads_as_a_sentence() -> None:
    assert introduce("Ada Quill", "mayor of Riverton") == "Ada Quill: mayor of Riverton."
    assert introduce("Lena Marsh", "who owns the general store.") == \
        "Lena Marsh, who owns the general store."


def test_a_quote_goes_on_with_the_rest_its_speaker_said_in_the_same_breath() -> None:
    """'"A year ago ...," she said. "I think this quarter answers that." ': the second part's
    passage holds the first's, same speaker: one answer of both; another speaker's quote, or
    the same speaker's elsewhere, is not part of it."""
    first_passage = '"A year ago, it was a fad," Lind said.'
    both = first_passage + ' "I think this quarter answers that."'
    memory = Memory()
    for record in (
        Quote("a", "ann", "A year ago, it was a fad", "", (Citation("wire", first_passage),)),
        Quote("b", "ann", "I think this quarter answers that.", "", (Citation("wire", both),)),
        Quote("c", "ann", "We will build here.", "", (Citation("wire", "elsewhere"),)),
    ):
        memory.upsert(record)
    citer = Citer(memory)
    rid = memory.rids["quote"]["a"]
    assert citer.whole_quote(rid).text == (
        "A year ago, it was a fad … I think this quarter answers that.")
    assert citer.whole_quote(memory.rids["quote"]["b"]).text == (
        "I think this quarter answers that.")
