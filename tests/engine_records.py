"""Small banks for the engine's module tests: invented records (no name of the shipped
coverage), built from bot.models only; and the engine's view of one record
(:func:`view_of`), which the gate tests read."""

from __future__ import annotations

from bot.engine.memory import Memory, visible_to
from bot.engine.normalize import words
from bot.engine.question import Item, Query, read
from bot.engine.reading import view
from bot.engine.records import RecordView
from bot.models import Bank, Citation, Fact, Person, Quote, Source

SOURCE = Source("wire", "Riverton Wire", "Bridge approved", "https://example.org/b",
                "2025-06-10", None)
LATER = Source("post", "Riverton Post", "Bridge cost rises", None, "2025-07-01", None)
ADA = Person("ada-quill", "Ada Quill", ("Quill", "Mayor Quill"), "mayor of Riverton", None)
BEN = Person("ben-ortiz", "Ben Ortiz", ("Ortiz",), "engineer", None)
BRIDGE = Fact("bridge-approved", "The Riverton council approved a new bridge on Monday.",
              (Citation("wire", "approved a new bridge"),), ("ada-quill",), ("bridge",), None,
              None)
COST = Fact("bridge-cost", "The bridge will cost $40 million.",
            (Citation("wire", "cost $40 million"),), (), ("cost",), None, None)
COST_LATER = Fact("bridge-cost-later", "The bridge will cost $55 million.",
                  (Citation("post", "cost $55 million"),), (), ("cost",), None, None)
WAITED = Quote("ada-waited", "ada-quill", "We waited twenty years for this bridge.",
               "council meeting", (Citation("wire", "waited twenty years"),), (), None)
BEN_SAYS = Quote("ben-steel", "ben-ortiz", "The steel arrives in the spring.", "",
                 (Citation("wire", "steel arrives"),), (), None)


def small_bank() -> Bank:
    return Bank(sources=(SOURCE, LATER), people=(ADA, BEN), facts=(BRIDGE, COST, COST_LATER),
                quotes=(WAITED, BEN_SAYS))


def read_question(question: str) -> Query:
    """``question`` read against :func:`small_bank`'s vocabulary and people."""
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    return read(question, vocab=memory.vocab, known=memory.index.__contains__,
                names=memory.names, visible=visible_to(None))


def plain_view(numbers: frozenset[str] = frozenset(), counting: bool = False) -> RecordView:
    return RecordView(["award", "gala"], set(), set(numbers), counting=counting, series=False,
                      has_date=False, has_reason=False, negated=False, is_quote=False,
                      lead_in=False, people=(), curated=True, speech=False)


def view_of(text: str, people: tuple[str, ...] = ()) -> RecordView:
    return view(Fact(id="f", text=text, citations=(Citation(source_id="s", passage=text),),
                     people=people), None)


def asked(question: str, items: list[Item], answer_type: str = "") -> Query:
    """A question with its items at their places among its words."""
    ws = words(question)
    placed = [Item(it.surface, it.terms, pos=n) for n, it in enumerate(items)]
    return Query(question, ws, placed, answer_type=answer_type,
                 at=[ws.index(it.surface) for it in items])
