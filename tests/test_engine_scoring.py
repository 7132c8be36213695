"""bot/engine/scoring.py: every weight in one place; the features the model reads."""

from __future__ import annotations

from bot.engine.figures import figure_counts
from bot.engine.normalize import words
from bot.engine.question import Item, Query
from bot.engine.records import (
    FIELD_KEYWORD,
    FIELD_PASSAGE,
    FIELD_PERSON,
    FIELD_TEXT,
    FIELD_TITLE,
    RecordView,
)
from bot.engine.scoring import (
    CONFIDENCE_FEATURES,
    FEATURES,
    RARITY_CAP,
    RARITY_FLOOR,
    _count_before,
    by_title,
    context_features,
    credit,
    english_factor,
    title_items,
)


def test_a_match_counts_by_the_best_field_it_is_in() -> None:
    assert credit(FIELD_TEXT) == credit(FIELD_PERSON) == 1.0
    assert credit(FIELD_PASSAGE) < credit(FIELD_KEYWORD) < credit(FIELD_TEXT)
    assert credit(FIELD_PASSAGE | FIELD_TEXT) == 1.0 and credit(0) == 0.0


def test_common_words_weigh_less_and_the_factor_is_bounded() -> None:
    assert english_factor(0.0) == RARITY_FLOOR
    assert english_factor(0.9) > english_factor(0.5) > english_factor(0.2)
    assert english_factor(1.0) <= RARITY_CAP


def _view(numbers: frozenset[str] = frozenset(), counting: bool = False) -> RecordView:
    return RecordView(["award", "gala"], set(), set(numbers), counting=counting, series=False,
                      has_date=False, has_reason=False, negated=False, is_quote=False,
                      lead_in=False, people=(), curated=True, speech=False)


#: The confidence model's features read against the record's neighbours.
_CONTEXT = CONFIDENCE_FEATURES[len(FEATURES) + 2:]


def test_the_chosen_records_negation_and_speech_are_read_for_the_confidence() -> None:
    items = [Item("framework", ("framework",)), Item("fits", ("fit",))]
    query = Query("what fits the framework", ["what", "fits", "the", "framework"], items)
    fields = {"framework": FIELD_TEXT, "fit": FIELD_TEXT}
    view = _view()
    view.negated_terms = frozenset({"fit"})
    named = dict(zip(_CONTEXT, context_features(query, [False, False], fields,
                                                                 {}, view), strict=True))
    assert named["negation_near"] == 1.0 and named["speech_absent"] == 0.0
    said = Query("what did the council say", ["what", "did", "the", "council", "say"],
                 [Item("council", ("council",))], speech=True)
    named = dict(zip(_CONTEXT, context_features(said, [False], {"council": 1},
                                                                 {}, _view()), strict=True))
    assert named["speech_absent"] == 1.0 and named["negation_near"] == 0.0


def test_words_the_record_has_the_other_way_round_and_a_lead_are_read_for_the_confidence(
) -> None:
    items = [Item("coal", ("coal",)), Item("firebox", ("firebox",)), Item("bunker", ("bunker",))]
    query = Query("what moves coal from a firebox to a bunker", [], items)
    fields = {t: FIELD_TEXT for t in ("coal", "firebox", "bunker")}
    view = _view()
    view.sequence = ["move", "coal", "bunker", "firebox"]  # "from the bunker to the firebox"
    named = dict(zip(_CONTEXT, context_features(query, [False] * 3, fields, {}, view, True),
                     strict=True))
    assert named["order_swapped"] == 1 / 3 and named["lead"] == 1.0
    view.sequence = ["move", "coal", "firebox", "bunker"]
    named = dict(zip(_CONTEXT, context_features(query, [False] * 3, fields, {}, view),
                     strict=True))
    assert named["order_swapped"] == 0.0 and named["lead"] == 0.0


def test_a_figure_that_counts_the_thing_counted_counts_it() -> None:
    """"how many users": "2.3 million users" counts them, "users 12 months" does not."""
    users = frozenset({"user"})
    counts = figure_counts(words("it exposed 2.3 million users"))
    assert _count_before(users, {"user"}, counts) == 1.0
    assert _count_before(users, {"user"}, figure_counts(words("affected users 12 months"))) == 0.0
    # a figure the question gives itself is not the answer
    assert _count_before(users, {"user", "12"}, figure_counts(words("12 users"))) == 0.0
    assert _count_before(frozenset(), set(), figure_counts(words("12 users"))) == 0.0


def test_a_sum_of_money_before_a_thing_asked_the_price_of_prices_it() -> None:
    """"how much will the stadium cost": "a $310 million stadium" prices it, and so does "a
    new $48 million, 6,500-seat stadium" (the sum one figure, the seats' count between);
    "a 6,500-seat stadium" counts seats, and "$168 million and any cost overruns" prices
    nothing asked."""
    stadium = frozenset({"stadium"})
    priced = words("approve a $310 million stadium")
    assert _count_before(stadium, {"stadium", "cost"}, figure_counts(priced),
                         frozenset({"310000000"})) == 1.0
    seats = words("a new $48 million, 6,500-seat stadium")
    assert _count_before(stadium, {"stadium", "cost"}, figure_counts(seats),
                         frozenset({"48000000"})) == 1.0
    assert _count_before(stadium, {"stadium", "cost"}, figure_counts(words("a 6,500-seat stadium")),
                         frozenset()) == 0.0


def test_the_engine_reads_a_sum_before_the_thing_priced_for_how_much_it_costs() -> None:
    from bot.engine import Engine
    from bot.models import Bank, Citation, Fact, Source

    texts = ("The team will cover the remaining $168 million and any cost overruns.",
             "The council voted 5-4 to approve a $310 million stadium for the team.")
    facts = tuple(Fact(id=f"f{i}", text=t, citations=(Citation(source_id="wire", passage=t),))
                  for i, t in enumerate(texts))
    engine = Engine(Bank(sources=(Source("wire", "Wire", "Council approves stadium"),),
                         people=(), facts=facts, quotes=()))
    at = FEATURES.index("count_before")
    read = {c.rid: c.features[at] for c in engine.rank("how much will the stadium cost").candidates}
    assert read == {engine._m.rids["fact"]["f0"]: 0.0, engine._m.rids["fact"]["f1"]: 1.0}


def test_a_word_of_the_articles_title_is_marked_as_the_records() -> None:
    items = [Item("juniper", ("junip",)), Item("treated", ("treat",)), Item("ada", ("@ada",),
                                                                            people=("ada",))]
    fields = {"treat": FIELD_TEXT}
    titled = title_items(items, [2.0, 1.0, 3.0])
    added = by_title(titled, fields, frozenset({"junip", "fire", "@ada"}))
    assert added == 2.0 and fields == {"treat": FIELD_TEXT, "junip": FIELD_TITLE}
    assert by_title(titled, fields, frozenset()) == 0.0  # (no title)

