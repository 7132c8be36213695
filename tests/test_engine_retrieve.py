"""bot/engine/retrieve.py: the few best candidates by field-weighted IDF, scoped."""

from __future__ import annotations

import random
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.engine.memory import Memory, visible_to
from bot.engine.normalize import words
from bot.engine.question import read
from bot.engine.retrieve import _holds, misquoted, quoting, retrieve
from bot.models import Citation, Fact, Person, Quote, Source
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


def test_long_posting_lists_are_searched_per_candidate_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Candidates checked against a long posting list: by binary search in it (it is
    sorted) or by walking it whole, the same records with the same scores."""
    import bot.engine.retrieve as retrieve_module

    monkeypatch.setattr(retrieve_module, "POSTING_CAP", 6)
    monkeypatch.setattr(retrieve_module, "CHECK_CAP", 4)
    words = ["council", "budget", "river", "school", "bridge", "mayor", "rail", "vote",
             "harbour", "tax", "museum", "storm"]
    rng = random.Random(7)
    memory = Memory()
    memory.upsert(Source("src", "Outlet", "Title"))
    for n in range(300):
        text = " ".join(rng.sample(words, 4)) + f" item{n % 9}."
        memory.upsert(Fact(f"f{n}", text.capitalize(), (Citation("src", text),)))
    questions = ["what did the council say about the budget and the river",
                 "school bridge mayor rail vote", "tax museum storm harbour item3",
                 "the river", "budget item1 council school"]

    def run(ratio: int) -> list[list[tuple[float, int]]]:
        monkeypatch.setattr(retrieve_module, "PROBE_RATIO", ratio)
        out = []
        for question in questions:
            query = read(question, vocab=memory.vocab, known=memory.index.__contains__,
                         names=memory.names, visible=visible_to(None))
            out.append(retrieve(memory.index, query.items, [1.0 + i for i in
                                range(len(query.items))], memory.records, visible_to(None),
                                10))
        return out

    probed, walked = run(0), run(10**9)
    assert all(probed) and probed == walked


@given(st.lists(st.integers(0, 60), unique=True).map(sorted), st.integers(-1, 61))
def test_holds_is_membership_in_a_sorted_array(rids: list[int], rid: int) -> None:
    assert _holds(array("i", rids), rid) == (rid in rids)


_WORDS = ["council", "budget", "river", "school", "bridge", "mayor", "rail", "vote",
          "harbour", "tax", "museum", "storm"]


def _random_memory() -> Memory:
    rng = random.Random(11)
    memory = Memory()
    memory.upsert(Source("src", "Outlet", "Title"))
    for n in range(200):
        text = " ".join(rng.sample(_WORDS, rng.randint(1, 5))) + "."
        memory.upsert(Fact(f"f{n}", text.capitalize(), (Citation("src", text),)))
    return memory


_RANDOM_MEMORY = _random_memory()


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6, unique=True),
       st.lists(st.floats(0.1, 5.0), min_size=6, max_size=6), st.integers(1, 12))
def test_the_candidates_are_the_best_scores_of_all_records(
        asked: list[str], drawn: list[float], limit: int) -> None:
    """However many candidates are left out on the way (a record first found when those
    found already each hold more than it could still reach), the candidates are the records
    with the best scores, each with its whole score."""
    memory = _RANDOM_MEMORY
    query = read(" ".join(asked), vocab=memory.vocab, known=memory.index.__contains__,
                 names=memory.names, visible=visible_to(None))
    weights = drawn[: len(query.items)]
    found = retrieve(memory.index, query.items, weights, memory.records, visible_to(None),
                     limit)
    score: dict[int, float] = {}
    for item, w in zip(query.items, weights, strict=True):
        for rid in {r for t in item.terms for r in memory.index.rids(t)}:
            score[rid] = score.get(rid, 0.0) + w
    assert all(s == pytest.approx(score[rid]) for s, rid in found)
    best = sorted(score.values(), reverse=True)[:limit]
    assert [s for s, _ in found] == pytest.approx(best)


def test_the_records_holding_the_quoted_words_in_a_row_are_found_however_common() -> None:
    """"who said \"the bridge will cost\"": every record has "bridge"; only those saying the
    quoted words in that order are found, scored as retrieval scores them."""
    memory = _memory()
    query = read('who said "the bridge will cost"', vocab=memory.vocab,
                 known=memory.index.__contains__, names=memory.names, visible=visible_to(None))
    weights = [1.0] * len(query.items)
    found = quoting(memory.index, query.items, weights, memory.records, query.quoted,
                    visible_to(None), 5)
    ids = {memory.records[rid].id for _, rid in found}  # type: ignore[union-attr]
    assert ids == {"bridge-cost", "bridge-cost-later"}
    assert all(score == 2.0 for score, _ in found)  # "bridge" and "cost"
    assert quoting(memory.index, query.items, weights, memory.records, ["cost", "bridge"],
                   visible_to(None), 5) == []  # the words, but not in that order
    one = quoting(memory.index, query.items, weights, memory.records, query.quoted,
                  visible_to(None), 1)
    assert len(one) == 1


def test_a_quotation_no_record_says_is_answered_only_by_one_saying_it_nearly() -> None:
    """"who said \"we waited twenty years for the bridge\"": WAITED says "for this bridge";
    "who said \"we are all in this together\"" quotes nothing the bank says, though the
    records found share a word with it; a two-word quote is a term, not a quotation."""
    memory = _memory()
    found = [(1.0, rid) for rid in range(len(memory.records)) if memory.records[rid] is not None]
    near = misquoted(memory.records, found, words("we waited twenty years for the bridge"))
    assert [memory.records[rid].id for _, rid in near] == ["ada-waited"]  # type: ignore[union-attr]
    assert misquoted(memory.records, found, words("we are all in this together")) == []
    assert misquoted(memory.records, found, ["new", "bridge"]) == found


def test_at_equal_weight_the_person_asked_about_comes_before_a_namesake() -> None:
    """Two people of a bank share a surname (two stories of one server, say): a record
    naming the one asked about outranks the records naming the other, which the name word
    alone finds as well, though there are more of them and they came first."""
    other = Person("dana-pruitt", "Dana Pruitt", ("Pruitt",), "hospital spokeswoman")
    asked = Person("gerald-pruitt", "Gerald Pruitt", (), "")
    memory = Memory()
    memory.upsert(Source("wire", "Wire", "Hospital outage", None, "2025-01-02", None))
    memory.upsert(other)
    memory.upsert(asked)
    for n in range(6):
        text = f"Dana Pruitt said the clinic {n} would reopen."
        memory.upsert(Fact(f"dana-{n}", text, (Citation("wire", text),), ("dana-pruitt",)))
    text = "Gerald Pruitt, 71, said his appointment was pushed back a week."
    memory.upsert(Fact("gerald", text, (Citation("wire", text),), ("gerald-pruitt",)))
    query = read("how old is Gerald Pruitt", vocab=memory.vocab,
                 known=memory.index.__contains__, names=memory.names, visible=visible_to(None))
    assert any(it.people == ("gerald-pruitt",) for it in query.items)
    found = retrieve(memory.index, query.items, [1.0] * len(query.items), memory.records,
                     visible_to(None), 3)
    assert memory.records[found[0][1]].id == "gerald"  # type: ignore[union-attr]
