"""bot/engine/scoring.py: every weight in one place; the calibrated model as data."""

from __future__ import annotations

from bot.engine.question import Item, Query
from bot.engine.records import (
    FIELD_KEYWORD,
    FIELD_PASSAGE,
    FIELD_PERSON,
    FIELD_TEXT,
    RecordView,
)
from bot.engine.scoring import (
    CONFIDENCE_FEATURES,
    FEATURES,
    RARITY_CAP,
    RARITY_FLOOR,
    Model,
    context_features,
    credit,
    english_factor,
    opposite_terms,
    sinks,
)


def test_a_match_counts_by_the_best_field_it_is_in() -> None:
    assert credit(FIELD_TEXT) == credit(FIELD_PERSON) == 1.0
    assert credit(FIELD_PASSAGE) < credit(FIELD_KEYWORD) < credit(FIELD_TEXT)
    assert credit(FIELD_PASSAGE | FIELD_TEXT) == 1.0 and credit(0) == 0.0


def test_common_words_weigh_less_and_the_factor_is_bounded() -> None:
    assert english_factor(0.0) == RARITY_FLOOR
    assert english_factor(0.9) > english_factor(0.5) > english_factor(0.2)
    assert english_factor(1.0) <= RARITY_CAP


def test_the_shipped_model_has_a_weight_for_known_features_only() -> None:
    model = Model.load()
    assert len(model.ranker.weights) == len(FEATURES)
    assert len(model.confidence.weights) == len(CONFIDENCE_FEATURES)
    p = model.confidence([0.0] * len(CONFIDENCE_FEATURES))
    assert 0.0 <= p <= 1.0


def test_more_coverage_of_the_question_is_more_confidence() -> None:
    model = Model.load()
    low = [0.0] * len(FEATURES)
    high = list(low)
    high[FEATURES.index("coverage")] = 1.0
    high[FEATURES.index("coverage_shown")] = 1.0
    high[FEATURES.index("complete")] = 1.0
    assert model.ranker(high) > model.ranker(low)


def _view(numbers: frozenset[str] = frozenset(), counting: bool = False) -> RecordView:
    return RecordView(["award", "gala"], set(), set(numbers), counting, False, False, False,
                      False, False, (), True, False)


def test_a_question_whose_weightiest_words_the_bank_lacks_is_about_something_else() -> None:
    items = [Item("hosted", ("host",), ordinary=True), Item("gala", ("gala",)),
             Item("awards", ("award",))]
    query = Query("who hosted the gala awards", [], items)
    fields = {"gala": FIELD_TEXT, "award": FIELD_TEXT}
    # the word the bank lacks weighs at most twice the weightiest word it has
    assert sinks(query, [3.0, 1.0, 1.0], [True, False, False], fields, _view()) == "unknown"
    assert sinks(query, [9.0, 0.1, 0.1], [True, False, False], fields, _view()) == "unknown"
    assert sinks(query, [1.0, 1.0, 1.0], [True, False, False], fields, _view()) is None
    assert sinks(query, [2.0, 1.0, 3.0], [True, False, False], fields, _view()) is None


def test_a_figure_question_sinks_at_a_record_without_a_figure() -> None:
    query = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number")
    fields = {"award": FIELD_TEXT}
    assert sinks(query, [1.0], [False], fields, _view()) == "no figure"
    assert sinks(query, [1.0], [False], fields, _view(frozenset({"12"}))) is None
    assert sinks(query, [1.0], [False], fields, _view(counting=True)) is None
    age = Query("how old is the gala", [], [Item("gala", ("gala",))], answer_type="age")
    assert sinks(age, [1.0], [False], {"gala": 1}, _view(frozenset({"1998"}))) == "no figure"
    assert sinks(age, [1.0], [False], {"gala": 1}, _view(frozenset({"41"}))) is None


def test_a_word_whose_opposite_the_record_says_instead_sinks_it() -> None:
    query = Query("what do algorithms do with a decrease in size", ["what", "do", "algorithms",
                  "do", "with", "a", "decrease", "in", "size"],
                  [Item("algorithms", ("algorithm",)), Item("decrease", ("decreas",)),
                   Item("size", ("size",))])
    assert opposite_terms(query) == {"increas"}
    fields = {"algorithm": FIELD_TEXT, "size": FIELD_TEXT}
    weights, known = [1.0, 1.0, 1.0], [False, False, False]
    assert sinks(query, weights, known, fields, _view(), {"increas": FIELD_TEXT}) == "opposite"
    assert sinks(query, weights, known, fields, _view(), {}) is None  # only lacking it
    both = {**fields, "decreas": FIELD_TEXT}  # says both: the question's word is there
    assert sinks(query, weights, known, both, _view(), {"increas": FIELD_TEXT}) is None
    # "simple or complex": a question naming both opposites turns neither around
    which = Query("a simple or complex answer", ["a", "simple", "or", "complex", "answer"],
                  [Item("simple", ("simpl",)), Item("complex", ("complex",)),
                   Item("answer", ("answer",))])
    assert not opposite_terms(which) & {"simpl", "complex"}


def test_a_stop_word_whose_opposite_the_record_says_instead_sinks_it() -> None:
    """The index keeps no stop words: the record's own stop words with opposites are read."""
    def view_saying(*stop_words: str) -> RecordView:
        v = _view()
        v.stop_words = frozenset(stop_words)
        return v

    items = [Item("difficult", ("difficult",)), Item("problems", ("problem",))]
    fields = {"difficult": FIELD_TEXT, "problem": FIELD_TEXT}
    least = Query("the least difficult problems", ["the", "least", "difficult", "problems"],
                  items)
    assert sinks(least, [1.0, 1.0], [False, False], fields, view_saying("most")) == "opposite"
    assert sinks(least, [1.0, 1.0], [False, False], fields, view_saying("most", "least")) is None
    # saying neither, it does not give the extreme asked for
    assert sinks(least, [1.0, 1.0], [False, False], fields, view_saying()) == "superlative"
    either = Query("more or less difficult problems",
                   ["more", "or", "less", "difficult", "problems"], items)
    assert sinks(either, [1.0, 1.0], [False, False], fields, view_saying("more")) is None


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


def test_a_question_asking_for_a_year_sinks_at_a_record_without_a_date() -> None:
    fields = {"award": FIELD_TEXT}
    year = Query("in what year was the award given", ["in", "what", "year", "was", "the",
                 "award", "given"], [Item("award", ("award",))], answer_type="date")
    assert sinks(year, [1.0], [False], fields, _view()) == "no date"
    dated = _view()
    dated.has_date = True
    assert sinks(year, [1.0], [False], fields, dated) is None
    # "when" can be answered by an event ("after the war"): no date needed
    when = Query("when was the award given", ["when", "was", "the", "award", "given"],
                 [Item("award", ("award",))], answer_type="date")
    assert sinks(when, [1.0], [False], fields, _view()) is None


def test_a_word_of_the_articles_title_is_what_the_record_is_about() -> None:
    items = [Item("secretary", ("secretari",)), Item("Harvard", ("harvard",), specific=True)]
    query = Query("what secretary went to Harvard", [], items)
    fields = {"secretari": FIELD_TEXT}
    assert sinks(query, [1.0, 1.0], [False, False], fields, _view()) == "name"
    assert sinks(query, [1.0, 1.0], [False, False], fields, _view(), {},
                 frozenset({"harvard", "univers"})) is None


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


def test_a_superlative_the_record_does_not_say_sinks_it() -> None:
    """"the least important" or "the largest" asks for an extreme: a record that names
    neither it nor its opposite does not give it; one naming its opposite is turned around."""
    fields = {"important": FIELD_TEXT, "mediat": FIELD_TEXT}
    least = Query("what are the least important mediators",
                  ["what", "are", "the", "least", "important", "mediators"],
                  [Item("important", ("important",)), Item("mediators", ("mediat",))])
    assert sinks(least, [1.0, 1.0], [False, False], fields, _view()) == "superlative"
    said = _view()
    said.stop_words = frozenset({"least"})
    assert sinks(least, [1.0, 1.0], [False, False], fields, said) is None
    largest = Query("what is the largest mediator", ["what", "is", "the", "largest", "mediator"],
                    [Item("largest", ("largest",)), Item("mediator", ("mediat",))])
    assert sinks(largest, [1.0, 1.0], [False, False], fields, _view()) == "superlative"
    assert sinks(largest, [1.0, 1.0], [False, False], {**fields, "largest": FIELD_TEXT},
                 _view()) is None
