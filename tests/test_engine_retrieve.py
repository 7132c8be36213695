"""bot/engine/retrieve.py: the few best candidates by field-weighted IDF, scoped."""

from __future__ import annotations

from bot.engine.memory import Memory, visible_to
from bot.engine.question import read
from bot.engine.retrieve import retrieve
from bot.models import Fact, Quote
from tests.engine_records import BEN_SAYS, COST, small_bank


def _memory() -> Memory:
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    return memory


def _best(question: str, kinds: tuple[type, ...] = (Fact, Quote)) -> list[str]:
    memory = _memory()
    query = read(question, vocab=memory.vocab, known=memory.index.__contains__,
                 names=memory.names, visible=visible_to(None))
    weights = [1.0] * len(query.items)
    found = retrieve(memory.index, query.items, weights, memory.records, visible_to(None), 3,
                     kinds)
    return [memory.records[rid].id for _, rid in found]  # type: ignore[union-attr]


def test_the_record_with_the_questions_words_comes_first() -> None:
    assert _best("how much does the bridge cost")[0] == COST.id
    assert _best("when does the steel arrive")[0] == BEN_SAYS.id


def test_kinds_limit_what_is_retrieved() -> None:
    assert all(rid != BEN_SAYS.id for rid in _best("steel arrives", kinds=(Fact,)))


def test_nothing_matching_retrieves_nothing() -> None:
    assert _best("volcanoes erupt") == []
