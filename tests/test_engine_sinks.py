"""bot/engine/sinks.py: the gates a record must pass to answer a question (a person, name,
number, negation, opposite, extreme, figure or date the question turns on)."""

from __future__ import annotations

import pytest

from bot.engine import lexicon
from bot.engine.normalize import words
from bot.engine.question import Item, Query
from bot.engine.records import FIELD_TEXT, RecordView, coordinated, stop_anchors, view
from bot.engine.sinks import named_thing, opposite_terms, sinks
from bot.models import Citation, Fact


def _view(numbers: frozenset[str] = frozenset(), counting: bool = False) -> RecordView:
    return RecordView(["award", "gala"], set(), set(numbers), counting=counting, series=False,
                      has_date=False, has_reason=False, negated=False, is_quote=False,
                      lead_in=False, people=(), curated=True, speech=False)


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
    # an adverb the bank lacks says how or how often, not what: "when were they finally told"
    told = Query("when were customers finally told", [],
                 [Item("customers", ("custom",), ordinary=True),
                  Item("finally", ("final",), ordinary=True),
                  Item("told", ("tell",), ordinary=True)])
    fields = {"custom": FIELD_TEXT, "tell": FIELD_TEXT}
    assert sinks(told, [1.0, 3.0, 1.0], [False, True, False], fields, _view()) is None
    fired = Query("when were customers fired", [],
                  [Item("customers", ("custom",), ordinary=True),
                   Item("fired", ("fire",), ordinary=True)])
    assert sinks(fired, [1.0, 3.0], [False, True], fields, _view()) == "unknown"

def test_a_figure_question_sinks_at_a_record_without_a_figure() -> None:
    query = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number")
    fields = {"award": FIELD_TEXT}
    assert sinks(query, [1.0], [False], fields, _view()) == "no figure"
    assert sinks(query, [1.0], [False], fields, _view(frozenset({"12"}))) is None
    assert sinks(query, [1.0], [False], fields, _view(counting=True)) is None
    age = Query("how old is the gala", [], [Item("gala", ("gala",))], answer_type="age")
    assert sinks(age, [1.0], [False], {"gala": 1}, _view(frozenset({"1998"}))) == "no figure"
    assert sinks(age, [1.0], [False], {"gala": 1}, _view(frozenset({"41"}))) == "no figure"
    aged = _view(frozenset({"41"}))
    aged.figure_counts = frozenset({("41", "year"), ("41", "old")})  # "the 41-year-old gala"
    assert sinks(age, [1.0], [False], {"gala": 1}, aged) is None
    for text in ("The gala, a 41-year-old tradition, drew crowds.", "The gala, aged 41."):
        assert sinks(age, [1.0], [False], {"gala": 1}, view_of(text)) is None, text
    grower = view_of("Walt Brandvold, 63, a pear grower, opened the gala.")  # news style
    assert sinks(age, [1.0], [False], {"gala": 1}, grower) is None
    waited = view_of("The gala guests waited two hours.")  # no age
    assert sinks(age, [1.0], [False], {"gala": 1}, waited) == "no figure"


def test_how_long_is_answered_by_a_span_or_by_when_it_lasts_until() -> None:
    """"how long will the gala stay closed": "until at least Friday" answers it as "for two
    weeks" and "since 2019" do; "on Friday" (no end) does not."""
    query = Query("how long will the gala stay closed", [],
                  [Item("gala", ("gala",)), Item("closed", ("close",))], answer_type="span")
    fields = {"gala": 1, "close": 1}
    for text in ("The gala will stay closed until at least Friday.",
                 "The gala will be closed for two weeks.", "The gala has been closed since 2019."):
        assert sinks(query, [1.0, 1.0], [False, False], fields, view_of(text)) is None, text
    closed = view_of("The gala closed on Friday.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, closed) == "no figure"


def test_a_figure_counting_the_very_thing_asked_is_a_count() -> None:
    """"how many works": "three works valued at $3.1 million" (whose "3" is also the sum's),
    "ruined about 1,100 books" (whose figure reads as a year) count what is asked."""
    for noun, text in (("work", "They made off with three works valued at $3.1 million."),
                       ("book", "Water poured in and ruined about 1,100 books.")):
        query = Query(f"how many {noun}s", [], [Item(f"{noun}s", (noun,))],
                      answer_type="number", counts=True, counted=frozenset({noun}))
        assert sinks(query, [1.0], [False], {noun: 1}, view_of(text)) is None, text
        uncounted = Query(f"how many {noun}s", [], [Item(f"{noun}s", (noun,))],
                          answer_type="number", counts=True)
        assert sinks(uncounted, [1.0], [False], {noun: 1}, view_of(text)) == "no figure"


#: A figure asked for in a way that needs one kind: the question, the terms a record has, a
#: record giving that kind, and one giving only another figure.
_FIGURE_KINDS = {
    # "how far": "38 miles" answers it; "for five years" does not
    "how far: a length": (
        Query("how far is the gala from town", [],
              [Item("gala", ("gala",)), Item("town", ("town",))], answer_type="number",
              size=True),
        {"gala": 1, "town": 1},
        "The gala moved 38 miles from town.",
        "The gala has been held in town for five years.",
    ),
    # "how big": "a 36-inch pipe", not "ninety winters" (seasons count time), a measure of
    # time before the thing ("ninety winters breaks"), nor "one" as a pronoun
    "how big: a length, not seasons": (
        Query("how big was the pipe that broke", [],
              [Item("pipe", ("pipe",)), Item("broke", ("break",))], answer_type="number",
              size=True),
        {"pipe": 1, "break": 1},
        "The 36-inch cast-iron pipe broke at dawn.",
        "I am not going to pretend to be one, but a pipe that survived ninety winters breaks.",
    ),
    # "how much does it charge": a sum of money, not a count of other things
    "how much with a word of paying: a sum": (
        Query("how much does the gala charge", [],
              [Item("gala", ("gala",)), Item("charge", ("charg",))], answer_type="number"),
        {"gala": 1, "charg": 1},
        "The gala will charge $40 a ticket.",
        "The gala will charge less than three other galas.",
    ),
    # "how many of the gala's guests": "roughly a third of its guests" counts them
    "how many of them: a share": (
        Query("how many of the gala's guests came", [],
              [Item("gala", ("gala",)), Item("guests", ("guest",))],
              answer_type="number", counts=True, counted=frozenset({"gala"})),
        {"gala": 1, "guest": 1},
        "Roughly a third of the gala's guests came from out of town.",
        "The gala's guests came from out of town.",
    ),
}


@pytest.mark.parametrize("case", _FIGURE_KINDS)
def test_a_figure_asked_so_needs_a_figure_of_that_kind(case: str) -> None:
    query, fields, gives, other = _FIGURE_KINDS[case]
    weights, unknown = [1.0] * len(query.items), [False] * len(query.items)
    assert sinks(query, weights, unknown, fields, view_of(gives)) is None
    assert sinks(query, weights, unknown, fields, view_of(other)) == "no figure"


def test_how_much_without_a_word_of_paying_needs_no_money() -> None:
    water = Query("how much water did the gala use", [],
                  [Item("water", ("water",)), Item("gala", ("gala",))], answer_type="number")
    used = view_of("The gala used 300 gallons of water.")
    assert sinks(water, [1.0, 1.0], [False, False], {"water": 1, "gala": 1}, used) is None


def test_what_day_needs_a_day_not_a_year_or_an_era() -> None:
    """"what day did the gala close": "on Tuesday", "on March 3", "yesterday" answer it;
    "twice a year over the past decade" and "in 2019" do not, though they answer "when"."""
    items = [Item("gala", ("gala",)), Item("close", ("close",))]
    day = Query("what day did the gala close", [], items, answer_type="date", day=True)
    when = Query("when did the gala close", ["when"], items, answer_type="date")
    fields = {"gala": 1, "close": 1}
    for text in ("The gala closed on Tuesday.", "The gala closed on March 3.",
                 "The gala closed yesterday."):
        assert sinks(day, [1.0, 1.0], [False, False], fields, view_of(text)) is None, text
    for text in ("The gala closed twice a year over the past decade.",
                 "The gala closed in 2019."):
        assert sinks(day, [1.0, 1.0], [False, False], fields, view_of(text)) == "no day", text
        assert sinks(when, [1.0, 1.0], [False, False], fields, view_of(text)) is None, text


def test_a_count_in_a_unit_of_time_needs_a_figure_of_that_unit() -> None:
    """"how many years will the gala run": "for five years" answers; an age ("Vance, 54,
    runs the gala") or a year ("since 2019") does not."""
    query = Query("how many years will the gala run", [],
                  [Item("years", ("year",)), Item("gala", ("gala",))],
                  answer_type="number", counts=True, counted=frozenset({"year"}))
    fields = {"gala": 1, "year": 1}
    ok = view_of("The gala will run for five years.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, ok) is None
    for text in ("Vance, 54, runs the gala every year.", "The gala has run every year since 2019."):
        assert sinks(query, [1.0, 1.0], [False, False], fields, view_of(text)) == "no figure", text
    # "how many night lights": a unit of time that modifies the thing counted is no unit
    lights = Query("how many night lights were recalled", [],
                   [Item("night", ("night",)), Item("lights", ("light",))],
                   answer_type="number", counts=True, counted=frozenset({"night", "light"}))
    recalled = view_of("The company recalled about 1.2 million plug-in night lights.")
    assert sinks(lights, [1.0, 1.0], [False, False], {"night": 1, "light": 1}, recalled) is None


def test_a_count_is_not_a_year_nor_a_span_of_time_or_length() -> None:
    """"how many awards" / "how big": "in 2019", "for five years", "38 miles away" give no
    count; "how many years" is asked in a unit of time, which they do give."""
    query = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number")
    for text in ("The awards gala has run for five years.", "The awards moved 38 miles away.",
                 "The awards began in 2019."):
        assert sinks(query, [1.0], [False], {"award": 1}, view_of(text)) == "no figure", text
    counted = view_of("The gala gave 12 awards over five years.")
    assert sinks(query, [1.0], [False], {"award": 1}, counted) is None
    # "how many": a percentage or a sum of money counts no things ("how much" may be money)
    many = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number",
                 counts=True)
    for text in ("The awards vote passed with 93 percent.", "The awards cost $48 million."):
        assert sinks(many, [1.0], [False], {"award": 1}, view_of(text)) == "no figure", text
        assert sinks(query, [1.0], [False], {"award": 1}, view_of(text)) is None, text
    years = Query("how many years", [], [Item("years", ("year",))], answer_type="number")
    ran = view_of("The awards gala has run for five years.")
    assert sinks(years, [1.0], [False], {"year": 1}, ran) is None


def test_how_much_of_a_thing_is_answered_by_a_measure_of_it() -> None:
    """"how much warning": "40 minutes of warning" measures it (a figure, its unit, the
    thing); "40 minutes after the warning" is no measure of it."""
    query = Query("how much warning did they get", [], [Item("warning", ("warn",))],
                  answer_type="number")
    measured = view_of("We had maybe 40 minutes of warning.")
    assert sinks(query, [1.0], [False], {"warn": 1}, measured) is None
    after = view_of("The fire came 40 minutes later, after the warning.")
    assert sinks(query, [1.0], [False], {"warn": 1}, after) == "no figure"

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


def test_a_particle_is_turned_around_only_about_the_same_word() -> None:
    """"turn off the power" is turned around by a record saying "turned on the power"; "went
    on strike" is not by "walked off the job" (the opposite stands by another word)."""
    def saying(text: str) -> RecordView:
        v = _view()
        ws = words(text)
        v.stop_words = frozenset(ws) & lexicon.opposed_stop_words()
        v.stop_anchors = stop_anchors(ws)
        return v

    items = [Item("nurses", ("nurs",)), Item("strike", ("strike",))]
    fields = {"nurs": FIELD_TEXT, "strike": FIELD_TEXT}
    went = Query("how many nurses went on strike",
                 words("how many nurses went on strike"), items)
    walked = saying("1,400 nurses walked off the job, launching the first strike")
    assert sinks(went, [1.0, 1.0], [False, False], fields, walked) is None
    power = [Item("utility", ("util",)), Item("power", ("power",))]
    pfields = {"util": FIELD_TEXT, "power": FIELD_TEXT}
    off = Query("did the utility turn off the power",
                words("did the utility turn off the power"), power)
    assert sinks(off, [1.0, 1.0], [False, False], pfields,
                 saying("the utility turned on the power again")) == "opposite"
    # saying the word itself about the same thing too, it is not turned around
    assert sinks(off, [1.0, 1.0], [False, False], pfields,
                 saying("the utility turned on the power, then turned off the power")) is None
    # "here" and "there" say where the speaker stands: "I've lived here" answers "there"
    lived = [Item("pruitt", ("pruitt",)), Item("lived", ("live",))]
    there = Query("how long has pruitt lived there",
                  words("how long has pruitt lived there"), lived, answer_type="span")
    assert sinks(there, [1.0, 1.0], [False, False], {"pruitt": FIELD_TEXT, "live": FIELD_TEXT},
                 saying("Pruitt: I've lived here 46 years")) != "opposite"


def test_stop_anchors_pair_a_stop_word_with_the_content_words_beside_it() -> None:
    assert stop_anchors(words("the least difficult problem")) == {("least", "difficult")}
    assert stop_anchors(words("nurses went on strike")) == {("on", "go"), ("on", "strike")}
    assert stop_anchors(words("shut down the line")) == {("down", "shut"), ("down", "line")}
    assert stop_anchors(words("a plain sentence")) == frozenset()


def test_a_question_asking_for_a_year_sinks_at_a_record_without_a_date() -> None:
    fields = {"award": FIELD_TEXT}
    year = Query("in what year was the award given", ["in", "what", "year", "was", "the",
                 "award", "given"], [Item("award", ("award",))], answer_type="date")
    assert sinks(year, [1.0], [False], fields, _view()) == "no date"
    dated = _view()
    dated.has_date = True
    assert sinks(year, [1.0], [False], fields, dated) is None
    # "when" needs a time too ("when was the petition started" is not answered by "parents
    # started a petition"), or the event it came before or after ("after the war")
    when = Query("when was the award given", ["when", "was", "the", "award", "given"],
                 [Item("award", ("award",))], answer_type="date")
    assert sinks(when, [1.0], [False], fields, _view()) == "no date"
    assert sinks(when, [1.0], [False], fields, dated) is None
    after = _view()
    after.stop_words = frozenset({"after"})
    assert sinks(when, [1.0], [False], fields, after) is None
    assert sinks(year, [1.0], [False], fields, after) == "no date"  # a year is a time
    # ... or a time limit ("a hearing would be scheduled within 60 days"), from the text
    limit = view(Fact("f", "A hearing on the award would be held within 60 days.", ()), None)
    assert limit.within and not limit.has_date
    assert sinks(when, [1.0], [False], fields, limit) is None
    assert sinks(year, [1.0], [False], fields, limit) == "no date"
    assert not view(Fact("f", "It took 60 days to arrive within the city.", ()), None).within

def test_a_word_of_the_articles_title_is_what_the_record_is_about() -> None:
    items = [Item("secretary", ("secretari",)), Item("Harvard", ("harvard",), specific=True)]
    query = Query("what secretary went to Harvard", [], items)
    fields = {"secretari": FIELD_TEXT}
    assert sinks(query, [1.0, 1.0], [False, False], fields, _view()) == "name"
    assert sinks(query, [1.0, 1.0], [False, False], fields, _view(), {},
                 frozenset({"harvard", "univers"})) is None

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
    # a superlative alike (sharing its opposite, "smallest") says it too: "biggest"
    biggest = Query("what is the biggest mediator", ["what", "is", "the", "biggest", "mediator"],
                    [Item("biggest", ("biggest",)), Item("mediator", ("mediat",))])
    alike = view_of("The mediators, the largest of which is important, were found.")
    assert sinks(biggest, [1.0, 1.0], [False, False], fields, alike) is None
    other = view_of("The mediators, the highest of which is important, were found.")
    assert sinks(biggest, [1.0, 1.0], [False, False], fields, other) == "superlative"


def test_a_why_not_question_asks_for_a_reason_which_need_not_be_negated() -> None:
    ws = ["why", "didnt", "the", "utility", "cut", "power"]
    items = [Item("utility", ("util",)), Item("cut", ("cut",)), Item("power", ("power",))]
    fields = {"util": FIELD_TEXT, "cut": FIELD_TEXT, "power": FIELD_TEXT}
    why = Query("why didn't the utility cut power", ws, items, answer_type="reason",
                negated=True)
    assert sinks(why, [1.0] * 3, [False] * 3, fields, _view()) is None
    what = Query("what didn't the utility cut", ["what", "didnt", "the", "utility", "cut"],
                 items[:2], negated=True)
    assert sinks(what, [1.0] * 2, [False] * 2, fields, _view()) == "negation"


def test_a_record_naming_both_ends_of_a_pair_is_not_turned_around() -> None:
    """"when will construction start": "to begin in March and finish" says both ends ("start"
    has the opposite "finish"); "will finish in March" alone turns the question around."""
    ws = words("when will construction start")
    query = Query("when will construction start", ws,
                  [Item("construction", ("construct",)), Item("start", ("start",))])
    fields = {"construct": FIELD_TEXT}
    said = {"finish": FIELD_TEXT}
    both = view_of("Construction is to begin in March and finish by the end of 2028.")
    alone = view_of("Construction will finish in March.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, alone, said) == "opposite"
    assert sinks(query, [1.0, 1.0], [False, False], fields, both, said) is None


def view_of(text: str, people: tuple[str, ...] = ()) -> RecordView:
    return view(Fact(id="f", text=text, citations=(Citation(source_id="s", passage=text),),
                     people=people), None)


def test_coordinated_words_are_those_beside_and_or_or() -> None:
    assert coordinated(words("to begin in March and finish by 2028")) == {"march", "finish"}
    assert coordinated(words("win or lose")) == {"win", "lose"}
    assert coordinated(words("the rise and the fall")) == {"rise"}  # right beside it only
    assert coordinated(words("it will finish in March")) == set()


def test_what_percent_needs_a_percentage_not_any_figure() -> None:
    query = Query("what percent of riders came back", ["what", "percent", "of", "riders"],
                  [Item("riders", ("rider",))], answer_type="percent")
    fields = {"rider": FIELD_TEXT}
    share = view_of("Ridership is at 78% of its 2019 riders.")
    price = view_of("Monthly passes for riders will go from $90 to $100.")
    assert sinks(query, [1.0], [False], fields, share) is None
    assert sinks(query, [1.0], [False], fields, price) == "no figure"


def test_a_series_answers_how_many_by_its_count_not_how_much() -> None:
    listed = view_of("The gala gave awards to Ruiz, Chen, Patel and Obi.")
    fields = {"award": FIELD_TEXT}
    many = Query("how many awards", ["how", "many", "awards"], [Item("awards", ("award",))],
                 answer_type="number", counts=True)
    much = Query("how big were the awards", ["how", "big", "were", "the", "awards"],
                 [Item("awards", ("award",))], answer_type="number")
    assert listed.series and not listed.counting
    assert sinks(many, [1.0], [False], fields, listed) is None
    assert sinks(much, [1.0], [False], fields, listed) == "no figure"


def test_how_long_needs_a_figure_counting_a_unit_of_time_or_length() -> None:
    query = Query("how long were the hackers inside", ["how", "long", "were", "the", "hackers"],
                  [Item("hackers", ("hacker",))], answer_type="span")
    fields = {"hacker": FIELD_TEXT}
    assert sinks(query, [1.0], [False], fields, view_of("The hackers took 410,000 files.")) \
        == "no figure"
    for text in ("The hackers went unnoticed for 47 days.", "The hackers' 47-day stay.",
                 "The hackers got 2 miles into the network."):
        assert sinks(query, [1.0], [False], fields, view_of(text)) is None, text


def test_what_time_needs_a_time_of_day() -> None:
    """"what time": a day ("Saturday morning") is a date but no time of day; "7:15 a.m." and
    "at noon" are."""
    query = Query("what time did the gala open", ["what", "time", "did", "the", "gala", "open"],
                  [Item("gala", ("gala",))], answer_type="date", clock=True)
    day = view_of("The gala opened on Saturday morning.")
    assert sinks(query, [1.0], [False], {"gala": 1}, day) == "no time"
    for text in ("The gala opened at 7:15 a.m. on Saturday.", "The gala opened at noon."):
        assert sinks(query, [1.0], [False], {"gala": 1}, view_of(text)) is None, text
    when = Query("when did the gala open", ["when", "did", "the", "gala", "open"],
                 [Item("gala", ("gala",))], answer_type="date")
    assert sinks(when, [1.0], [False], {"gala": 1}, day) is None


def _named(question: str, items: list[Item]) -> Query:
    """A "name of" question with its items at their places among its words."""
    ws = words(question)
    placed = [Item(it.surface, it.terms, pos=n) for n, it in enumerate(items)]
    return Query(question, ws, placed, answer_type="name",
                 at=[ws.index(it.surface) for it in items])


def test_the_name_of_a_thing_asked_is_the_last_word_of_the_phrase_after_name_of() -> None:
    school = _named("what is the name of the elementary school",
                    [Item("elementary", ("elementari",)), Item("school", ("school",))])
    assert named_thing(school) == {"school"}
    accountant = _named(
        "what is the name of the accountant the defense wanted",
        [Item("accountant", ("account",)), Item("defense", ("defens",)),
         Item("wanted", ("want",))])
    assert named_thing(accountant) == {"account"}
    # a term of art may be a common noun: "the name of the alphabet" is not gated
    alphabet = _named("what is the name of the alphabet", [Item("alphabet", ("alphabet",))])
    assert named_thing(alphabet) == frozenset()
    plain = Query("what did the school decide", words("what did the school decide"),
                  [Item("school", ("school",))])
    assert named_thing(plain) == frozenset()
    # a kind of person, after a name of two words ("kayla finnerty's son")
    ws = words("what is the name of kayla finnerty's son")
    son = Query("what is the name of kayla finnerty's son", ws,
                [Item("kayla finnerty", ("@kayla-finnerty",), ("kayla-finnerty",), pos=0),
                 Item("son", ("son",), pos=1)],
                answer_type="name", at=[ws.index("kayla"), ws.index("son")])
    assert named_thing(son) == {"son"}


def test_a_name_asked_for_needs_a_name_beside_the_thing_in_the_record() -> None:
    """"the name of the school": "an elementary school in the town of Marlow" names a town,
    not the school; "the Hawthorne Elementary school" names it; a record not mentioning a
    school at all is left to the model."""
    query = _named("what is the name of the school", [Item("school", ("school",))])
    fields = {"school": FIELD_TEXT}
    unnamed = view_of("The outbreak began at an elementary school in the town of Marlow.")
    assert sinks(query, [1.0], [False], fields, unnamed) == "no name"
    named = view_of("The outbreak began at the Hawthorne Elementary school last week.")
    assert sinks(query, [1.0], [False], fields, named) is None
    elsewhere = view_of("Classes at Hawthorne Elementary were cancelled.")
    assert sinks(query, [1.0], [False], {}, elsewhere) is None


def test_the_name_of_a_kind_of_person_needs_the_person_in_the_record() -> None:
    """"the name of Eldridge's wife": a record that never says "wife" names no wife, though
    it names Eldridge; "the name of the leader" is named by a record saying who led."""
    wife = _named("what is the name of eldridge's wife",
                  [Item("eldridge", ("eldridg",)), Item("wife", ("wife",))])
    assert named_thing(wife) == {"wife"}
    fields = {"eldridg": FIELD_TEXT}
    silent = view_of("Eldridge, a former accountant, showed no reaction in Calder County.")
    assert sinks(wife, [1.0, 1.0], [False, False], fields, silent) == "no name"
    named = view_of("Eldridge's wife, Marla Eldridge, wept in Calder County.")
    assert sinks(wife, [1.0, 1.0], [False, False], {**fields, "wife": FIELD_TEXT}, named) is None
    leader = _named("what was the name of the leader through the war",
                    [Item("leader", ("leader",)), Item("war", ("war",))])
    led = view_of("James Conant led the university through the war.")
    assert sinks(leader, [1.0, 1.0], [False, False], {"war": FIELD_TEXT}, led) is None
    unled = view_of("James Conant taught at the university through the war.")
    assert sinks(leader, [1.0, 1.0], [False, False], {"war": FIELD_TEXT}, unled) == "no name"


def _asked(question: str, items: list[Item], answer_type: str = "") -> Query:
    """A question with its items at their places among its words."""
    ws = words(question)
    placed = [Item(it.surface, it.terms, pos=n) for n, it in enumerate(items)]
    return Query(question, ws, placed, answer_type=answer_type,
                 at=[ws.index(it.surface) for it in items])


def test_which_kind_of_person_asks_for_one_by_name() -> None:
    """"which judge", "what state lawmakers", "who is the librarian" ask for a person of a
    kind by name: the head of the phrase after the question word, but a verb; a kind of
    thing ("which engine", "what modern company": an adjective a person noun too) or a
    doer ("who hired") is not gated."""
    judge = _asked("which judge heard the case",
                   [Item("judge", ("judg",)), Item("heard", ("hear",)), Item("case", ("case",))])
    assert named_thing(judge) == {"judg"}
    king = _asked("which king ruled", [Item("king", ("king",)), Item("ruled", ("rule",))])
    assert named_thing(king) == {"king"}  # a person noun ending as a participle does
    lawmakers = _asked("which 3 state lawmakers voted",
                       [Item("state", ("state",)), Item("lawmakers", ("lawmak",)),
                        Item("voted", ("vote",))])
    assert named_thing(lawmakers) == {"lawmak"}
    librarian = _asked("who is the librarian the library will rehire",
                       [Item("librarian", ("librarian",)), Item("library", ("librari",)),
                        Item("rehire", ("rehir",))], "person")
    assert named_thing(librarian) == {"librarian"}
    company = _asked("what modern company built the engine",
                     [Item("modern", ("modern",)), Item("company", ("compani",)),
                      Item("built", ("build",)), Item("engine", ("engin",))])
    assert named_thing(company) == frozenset()
    fields = _asked("what 2 fields of science mirror it",
                    [Item("fields", ("field",)), Item("science", ("scienc",)),
                     Item("mirror", ("mirror",))])
    assert named_thing(fields) == frozenset()
    hired = _asked("who hired the librarian",
                   [Item("hired", ("hire",)), Item("librarian", ("librarian",))], "person")
    assert named_thing(hired) == frozenset()
    mayor = Item("mayor", ("mayor",), people=("vera-gaskin",), pos=0)
    known = Query("who is the mayor", words("who is the mayor"), [mayor],
                  answer_type="person", at=[3])
    assert named_thing(known) == frozenset()  # the coverage says who: the person gate judges


def test_the_name_beside_a_kind_of_person_may_open_the_sentence_or_follow_the_phrase() -> None:
    query = _asked("which judge set the date", [Item("judge", ("judg",)), Item("date", ("date",))])
    fields = {"judg": FIELD_TEXT}
    assert sinks(query, [1.0, 1.0], [False, False], fields,
                 view_of("A judge set the date on Monday.")) == "no name"
    # the person a sentence opens on is known by name, though no capital inside says so
    opening = view_of("Lorraine Ashby, the judge, set the date.", people=("lorraine-ashby",))
    assert sinks(query, [1.0, 1.0], [False, False], fields, opening) is None
    # a month beside the thing names no judge
    assert sinks(query, [1.0, 1.0], [False, False], fields,
                 view_of("In the last days of September a judge set the date.")) == "no name"
    # the question's own words beside the thing are part of it: "brother-in-law, Curtis Vance"
    kin = _asked("who was the brother in law",
                 [Item("brother", ("brother",)), Item("law", ("law",))], "person")
    assert named_thing(kin) == {"brother"}
    named = view_of("The money went to his brother-in-law, Curtis Vance, who moved it.")
    assert sinks(kin, [1.0, 1.0], [False, False], {"brother": 1, "law": 1}, named) is None


def test_an_age_is_a_figure_of_years_old_not_any_figure_of_years() -> None:
    """"how old is Dale": "a 10-year tax" gives no age; "said Dale Hutch, 58, a machinist"
    in the passage a quote cites does, though the quote shown does not say it."""
    age = _asked("how old is dale", [Item("dale", ("dale",))], "age")
    fields = {"dale": FIELD_TEXT}
    tax = view_of("Dale said a 10-year tax is the wrong tool.")
    assert sinks(age, [1.0], [False], fields, tax) == "no figure"
    # a word counting without a figure answers "how many", not "how old"
    half = view_of("Dale said his sales fell by nearly half in 22 years.")
    assert sinks(age, [1.0], [False], fields, half) == "no figure"
    for text in ("Dale, who is 58 years old, said so.", "The 58-year-old Dale said so."):
        assert sinks(age, [1.0], [False], fields, view_of(text)) is None, text
    quote = Fact(id="q", text="Nobody said a word for about a minute, in 31 years.",
                 citations=(Citation(source_id="s", passage='"Nobody said a word," said Dale '
                                     'Hutch, 58, a machinist.'),))
    assert sinks(age, [1.0], [False], fields, view(quote, None)) is None


def test_an_age_counts_no_things_asked_how_many_of() -> None:
    """"how many witnesses testified": "Vance, 54, pleaded guilty" gives his age, not a
    count of witnesses; "how many years old" may be answered by it."""
    many = _asked("how many witnesses testified",
                  [Item("witnesses", ("wit",)), Item("testified", ("testifi",))], "number")
    fields = {"testifi": FIELD_TEXT}
    aged = view_of("Vance, 54, pleaded guilty and testified against Eldridge.")
    assert sinks(many, [1.0, 1.0], [False, False], fields, aged) == "no figure"
    counted = view_of("Vance, 54, and 12 witnesses testified against Eldridge.")
    assert sinks(many, [1.0, 1.0], [False, False], fields, counted) is None
    old = _asked("how many years old is vance",
                 [Item("years", ("year",)), Item("old", ("old",)), Item("vance", ("vanc",))],
                 "number")
    assert sinks(old, [1.0] * 3, [False] * 3, {"vanc": FIELD_TEXT, "year": 1, "old": 1},
                 aged) is None


def test_what_someone_said_is_never_a_sentence_reporting_no_words() -> None:
    """"what did the head of the agency say about the vote": "the next step is a vote by the
    agency's board" reports no one's words; "the chief said ..." and signs "reading “Homes
    Not Goals”" do."""
    query = Query("what did the head of the agency say about the vote",
                  words("what did the head of the agency say about the vote"),
                  [Item("agency", ("agenc",)), Item("vote", ("vote",))], speech=True)
    fields = {"agenc": FIELD_TEXT, "vote": FIELD_TEXT}
    silent = view_of("The next step is a vote by the agency's board on a design contract.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, silent) == "unsaid"
    for text in ("The agency's chief said the vote was a relief.",
                 "Opponents of the agency held signs reading “No vote, no deal” at the vote."):
        assert sinks(query, [1.0, 1.0], [False, False], fields, view_of(text)) is None, text


def test_who_said_something_is_never_answered_by_a_sentence_reporting_no_words() -> None:
    """"who said the agency's vote was fair": "the agency's board held a fair vote" names no
    one saying anything; "the chief said the vote was fair" does."""
    query = Query("who said the agency's vote was fair",
                  words("who said the agency's vote was fair"),
                  [Item("agency", ("agenc",)), Item("vote", ("vote",)), Item("fair", ("fair",))],
                  answer_type="person", said_by=True)
    fields = {"agenc": FIELD_TEXT, "vote": FIELD_TEXT, "fair": FIELD_TEXT}
    silent = view_of("The agency's board held a fair vote on Monday.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, silent) == "unsaid"
    said = view_of("The agency's chief said the vote was fair.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, said) is None
    # nor by an editor's fact ("President Trump deployed National Guard troops to LA" for
    # "who said the guard did everything right"), which may sum up words but names no speaker
    curated = view_of("The agency's board held a fair vote on Monday.")
    curated.curated = True
    assert sinks(query, [1.0] * 3, [False] * 3, fields, curated) == "unsaid"


def test_how_deep_or_how_cold_needs_a_figure_in_its_units() -> None:
    """"how deep is the well": "320 acres" is no depth; "90 feet" is. "how cold": "19
    degrees". Asked inside another question ("why not say how fast"), no figure is asked."""
    deep = Query("how deep is the well", words("how deep is the well"),
                 [Item("well", ("well",))], answer_type="number")
    fields = {"well": FIELD_TEXT}
    acres = view_of("The well waters 320 acres.")
    assert sinks(deep, [1.0], [False], fields, acres) == "no measure"
    assert sinks(deep, [1.0], [False], fields, view_of("The well is 90 feet deep.")) is None
    cold = Query("how cold was the night", words("how cold was the night"),
                 [Item("night", ("night",))], answer_type="number")
    lows = view_of("Lows fell to 19 degrees that night.")
    assert sinks(cold, [1.0], [False], {"night": FIELD_TEXT}, lows) is None
    why = Query("why not say how fast the well pump runs",
                words("why not say how fast the well pump runs"),
                [Item("well", ("well",))], answer_type="reason")
    assert sinks(why, [1.0], [False], fields, acres) != "no measure"


def test_how_old_a_person_is_needs_their_age_not_anothers() -> None:
    """"how old is Oduya": a record giving a panda's age beside his name does not say his;
    one giving his age in apposition does. "how old is Ruiz's dad" asks someone else's."""
    oduya = Item("oduya", ("@terrence-oduya", "oduya"), people=("terrence-oduya",), pos=0)
    query = Query("how old is oduya", words("how old is oduya"), [oduya], answer_type="age")
    fields = {"@terrence-oduya": FIELD_TEXT}
    panda = view_of("The panda, a 4-year-old female named Juniper, was spotted by Terrence "
                    "Oduya.", people=("terrence-oduya",))
    assert sinks(query, [1.0], [False], fields, panda) == "not their age"
    his = view_of('"I went out to get the paper," said Oduya, 66.', people=("terrence-oduya",))
    assert sinks(query, [1.0], [False], fields, his) is None
    dad = Query("how old is ruiz's dad", words("how old is ruiz's dad"),
                [Item("ruiz", ("@ana-ruiz", "ruiz"), people=("ana-ruiz",), pos=0),
                 Item("dad", ("dad",), pos=1)], answer_type="age")
    father = view_of("Her dad, Tom Baylor, 81, has farmed for decades.", people=("ana-ruiz",))
    assert sinks(dad, [1.0, 1.0], [False, False], {"@ana-ruiz": FIELD_TEXT, "dad": FIELD_TEXT},
                 father) is None


def test_a_record_naming_the_thing_counted_uncounted_does_not_say_how_many() -> None:
    """"how many firefighters": a record naming firefighters whose one figure counts parts
    per million says nothing of how many; a figure shortly before them may count them ("about
    60 provisional and late-arriving mail ballots"), and a record not naming them may say it
    in other words ("14 children" for "how many kids")."""
    def ask(noun: str) -> Query:
        return Query(f"how many {noun}s showed up", [], [Item(f"{noun}s", (noun,))],
                     answer_type="number", counts=True, counted=frozenset({noun}))

    firefighters = view_of("Firefighters who entered measured levels of 240 parts per million.")
    assert sinks(ask("firefight"), [1.0], [False], {"firefight": 1}, firefighters) == "no figure"
    ballots = view_of("About 60 provisional and late-arriving mail ballots remain.")
    assert sinks(ask("ballot"), [1.0], [False], {"ballot": 1}, ballots) is None
    children = view_of("At least 14 children were burned.")
    assert sinks(ask("kid"), [1.0], [False], {"kid": 1}, children) is None
