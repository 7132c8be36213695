"""bot/engine/asked_figures.py: whether a record has the figure a question asks for (a
count of the very thing, a span of time or length, a sum of money, a percentage, an age),
read through the gate it is (:func:`bot.engine.sinks.sinks`)."""

from __future__ import annotations

import pytest

from bot.engine.asked_figures import act_timed
from bot.engine.normalize import words
from bot.engine.question import Item, Query
from bot.engine.reading import view
from bot.engine.records import FIELD_TEXT
from bot.engine.sinks import sinks
from bot.models import Citation, Fact
from tests.engine_records import asked, plain_view, view_of


def test_a_figure_question_sinks_at_a_record_without_a_figure() -> None:
    query = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number")
    fields = {"award": FIELD_TEXT}
    assert sinks(query, [1.0], [False], fields, plain_view()) == "no figure"
    assert sinks(query, [1.0], [False], fields, plain_view(frozenset({"12"}))) is None
    assert sinks(query, [1.0], [False], fields, plain_view(counting=True)) is None
    age = Query("how old is the gala", [], [Item("gala", ("gala",))], answer_type="age")
    assert sinks(age, [1.0], [False], {"gala": 1}, plain_view(frozenset({"1998"}))) == "no figure"
    assert sinks(age, [1.0], [False], {"gala": 1}, plain_view(frozenset({"41"}))) == "no figure"
    aged = plain_view(frozenset({"41"}))
    aged.figure_counts = frozenset({("41", "year"), ("41", "old")})  # "the 41-year-old gala"
    assert sinks(age, [1.0], [False], {"gala": 1}, aged) is None
    for text in ("The gala, a 41-year-old tradition, drew crowds.", "The gala, aged 41."):
        assert sinks(age, [1.0], [False], {"gala": 1}, view_of(text)) is None, text
    grower = view_of("Walt Brandvold, 63, a pear grower, opened the gala.")  # news style
    assert sinks(age, [1.0], [False], {"gala": 1}, grower) is None
    waited = view_of("The gala guests waited two hours.")  # no age
    assert sinks(age, [1.0], [False], {"gala": 1}, waited) == "no figure"
    # "ages" with a figure of its own: an age; "all ages" and a date far after it: none
    ranged = view_of("The gala guests were between the ages of 9 and 12.")
    assert sinks(age, [1.0], [False], {"gala": 1}, ranged) is None
    far = view_of("Gala guests of all ages and stripes from all over town, as on January 6.")
    assert sinks(age, [1.0], [False], {"gala": 1}, far) == "no figure"


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
    """"how many works": "three works valued at $3.1 million" (the sum one figure,
    3100000, apart from the count), "ruined about 1,100 books" (whose figure reads as a year,
    though never written so) count what is asked; read without the thing counted, a year's
    figure does not count."""
    for noun, text, alone in (
            ("work", "They made off with three works valued at $3.1 million.", None),
            ("book", "Water poured in and ruined about 1,100 books.", None),
            ("book", "Water poured in and ruined about 1100 books.", "no figure")):
        query = Query(f"how many {noun}s", [], [Item(f"{noun}s", (noun,))],
                      answer_type="number", counts=True, counted=frozenset({noun}))
        assert sinks(query, [1.0], [False], {noun: 1}, view_of(text)) is None, text
        uncounted = Query(f"how many {noun}s", [], [Item(f"{noun}s", (noun,))],
                          answer_type="number", counts=True)
        assert sinks(uncounted, [1.0], [False], {noun: 1}, view_of(text)) == alone, text


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
              [Item("gala", ("gala",)), Item("charge", ("charg",))], answer_type="number",
              money=True),
        {"gala": 1, "charg": 1},
        "The gala will charge $40 a ticket.",
        "The gala will charge less than three other galas.",
    ),
    # "how much will the cars sell for": a price, not how many cars are sold
    "how much ... sell for: a price": (
        Query("how much will the gala cars sell for", [],
              [Item("gala", ("gala",)), Item("cars", ("car",)), Item("sell", ("sell",))],
              answer_type="number", money=True),
        {"gala": 1, "car": 1, "sell": 1},
        "The gala sold its two cars for $8,000.",
        "The gala will sell four of its six cars.",
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


def test_a_count_in_a_unit_is_not_answered_by_a_figure_of_another_unit() -> None:
    """"how many years of probation": not "an eight-day trial"; "how many inches of snow":
    not "about 14 hours"; "how many kilometers": any unit of length ("2,000 kilometres")."""
    years = Query("how many years of probation did vance get", [],
                  [Item("years", ("year",)), Item("probation", ("probat",)),
                   Item("vance", ("vanc",))],
                  answer_type="number", counts=True, counted=frozenset({"year"}))
    fields = {"year": 1, "probat": 1, "vanc": 1}
    trial = view_of("Vance testified during the eight-day trial in exchange for probation.")
    assert sinks(years, [1.0] * 3, [False] * 3, fields, trial) == "no figure"
    served = view_of("Vance got three years of probation.")
    assert sinks(years, [1.0] * 3, [False] * 3, fields, served) is None
    inches = Query("how many inches of snow fell", [],
                   [Item("inches", ("inch",)), Item("snow", ("snow",))],
                   answer_type="number", counts=True, counted=frozenset({"inch"}))
    rain = view_of("Freezing rain fell for about 14 hours before turning to snow.")
    assert sinks(inches, [1.0] * 2, [False] * 2, {"snow": 1}, rain) == "no figure"
    km = Query("by how many kilometers is the route long", [],
               [Item("kilometers", ("kilomet",)), Item("route", ("rout",))],
               answer_type="number", counts=True, counted=frozenset({"kilomet"}))
    route = view_of("Is there a route of at most 2000 kilometres?")
    assert sinks(km, [1.0] * 2, [False] * 2, {"rout": 1}, route) is None


def test_a_counting_word_counts_the_thing_asked_only_before_it() -> None:
    """"how many years of probation": "pleaded guilty last year to a single count" has a
    counting word, which counts no years; "for several years" and "one rotation of the
    crank" (a stop word counting) do; a record not naming the thing may count it so."""
    years = Query("how many years of probation", [],
                  [Item("years", ("year",)), Item("probation", ("probat",))],
                  answer_type="number", counts=True, counted=frozenset({"year"}))
    fields = {"year": 1, "probat": 1}
    single = view_of("He pleaded guilty last year to a single count, for probation.")
    assert sinks(years, [1.0] * 2, [False] * 2, fields, single) == "no figure"
    for text in ("He has been on probation for several years.",
                 "Several of them got probation."):
        assert sinks(years, [1.0] * 2, [False] * 2, fields, view_of(text)) is None, text
    cranks = Query("how many crank rotations are there in a cycle", [],
                   [Item("crank", ("crank",)), Item("rotations", ("rotat",))],
                   answer_type="number", counts=True, counted=frozenset({"crank", "rotat"}))
    cycle = view_of("The cycle occupies one rotation of the crank.")
    assert sinks(cranks, [1.0] * 2, [False] * 2, {"crank": 1, "rotat": 1}, cycle) is None


def test_a_figure_written_with_a_thousands_comma_is_no_year() -> None:
    """"how many people signed the petition": "signed by 1,100 residents" counts them (a
    year is never written "1,100"); "signed in 1100" gives a year, no count."""
    query = Query("how many people signed the petition", [],
                  [Item("people", ("peopl",)), Item("signed", ("sign",)),
                   Item("petition", ("petit",))],
                  answer_type="number", counts=True, counted=frozenset({"peopl"}))
    fields = {"sign": 1, "petit": 1}
    signed = view_of("The petition was signed by 1,100 residents.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, signed) is None
    dated = view_of("The petition was signed in 1100 by the barons.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, dated) == "no figure"


def test_a_count_is_not_a_year_nor_a_span_of_time_or_length() -> None:
    """"how many awards" / "how big": "in 2019", "for five years", "38 miles away" give no
    count; "how many years" is asked in a unit of time, which they do give."""
    query = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number")
    for text in ("The awards gala has run for five years.", "The awards moved 38 miles away.",
                 "The awards began in 2019."):
        assert sinks(query, [1.0], [False], {"award": 1}, view_of(text)) == "no figure", text
    # "how many": a percentage or a sum of money counts no things ("how much" may be money)
    many = Query("how many awards", [], [Item("awards", ("award",))], answer_type="number",
                 counts=True)
    counted = view_of("The gala gave 12 awards over five years.")
    assert sinks(many, [1.0], [False], {"award": 1}, counted) is None
    for text in ("The awards vote passed with 93 percent.", "The awards cost $48 million."):
        assert sinks(many, [1.0], [False], {"award": 1}, view_of(text)) == "no figure", text
        assert sinks(query, [1.0], [False], {"award": 1}, view_of(text)) is None, text
    # nor a day of a month ("Oct. 21")
    dated = view_of("On Oct. 21, 94 percent of the awards went to locals.")
    assert sinks(many, [1.0], [False], {"award": 1}, dated) == "no figure"
    years = Query("how many years", [], [Item("years", ("year",))], answer_type="number")
    ran = view_of("The awards gala has run for five years.")
    assert sinks(years, [1.0], [False], {"year": 1}, ran) is None


def test_how_much_is_not_answered_by_a_count_of_a_thing_it_names() -> None:
    """"how much did the chains offer for the store": "two regional chains made offers"
    counts the chains the question takes as given; a sum of money, or a figure in a unit
    ("40 acres of land"), answers. "how big are the carts in gallons" asks a size, which a
    count of the unit named answers."""
    items = [Item("chains", ("chain",)), Item("offer", ("offer",)), Item("store", ("store",))]
    fields = {"chain": 1, "offer": 1, "store": 1}
    query = Query("how much did the chains offer for the store", [], items,
                  answer_type="number")
    counted = view_of("Two regional chains made offers for the store.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, counted) == "no figure"
    for text in ("The chains offered $3 million for the store.",
                 "The chains offered 40 acres of land for the store."):
        assert sinks(query, [1.0] * 3, [False] * 3, fields, view_of(text)) is None, text
    many = Query("how many chains made offers", [], items[:2], answer_type="number",
                 counts=True, counted=frozenset({"chain"}))
    assert sinks(many, [1.0] * 2, [False] * 2, fields, counted) is None
    carts = Query("how big are the carts in gallons", [],
                  [Item("carts", ("cart",)), Item("gallons", ("gallon",))],
                  answer_type="number", size=True)
    held = view_of("The carts hold 32 gallons.")
    assert sinks(carts, [1.0] * 2, [False] * 2, {"cart": 1, "gallon": 1}, held) is None


def test_how_much_of_a_thing_is_answered_by_a_measure_of_it() -> None:
    """"how much warning": "40 minutes of warning" measures it (a figure, its unit, the
    thing); "40 minutes after the warning" is no measure of it."""
    query = Query("how much warning did they get", [], [Item("warning", ("warn",))],
                  answer_type="number")
    measured = view_of("We had maybe 40 minutes of warning.")
    assert sinks(query, [1.0], [False], {"warn": 1}, measured) is None
    after = view_of("The fire came 40 minutes later, after the warning.")
    assert sinks(query, [1.0], [False], {"warn": 1}, after) == "no figure"
    # a word may stand before the unit or the thing: "9,000 cubic yards of silt", "800 feet
    # of damaged track"
    for noun, text in (("silt", "Roughly 9,000 cubic yards of silt has built up."),
                       ("track", "Crews must replace about 800 feet of damaged track.")):
        much = Query(f"how much {noun} is there", [], [Item(noun, (noun,))],
                     answer_type="number")
        assert sinks(much, [1.0], [False], {noun: 1}, view_of(text)) is None, text


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


def test_an_age_is_a_figure_of_years_old_not_any_figure_of_years() -> None:
    """"how old is Dale": "a 10-year tax" gives no age; "said Dale Hutch, 58, a machinist"
    in the passage a quote cites does, though the quote shown does not say it."""
    age = asked("how old is dale", [Item("dale", ("dale",))], "age")
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


def test_an_age_in_years_old_is_an_age_however_many_years() -> None:
    """"how old is the canoe": "about 1,150 years old" is an age, not the year 1150 (which
    "in 1150" would be)."""
    age = asked("how old is the canoe", [Item("canoe", ("cano",))], "age")
    fields = {"cano": FIELD_TEXT}
    old = view_of("The canoe found in the lake is about 1,150 years old, the state said.")
    assert sinks(age, [1.0], [False], fields, old) is None
    carved = view_of("The canoe was carved in 1150 from a single oak log.")
    assert sinks(age, [1.0], [False], fields, carved) == "no figure"


def test_an_age_counts_no_things_asked_how_many_of() -> None:
    """"how many witnesses testified": "Vance, 54, pleaded guilty" gives his age, not a
    count of witnesses; "how many years old" may be answered by it."""
    many = asked("how many witnesses testified",
                  [Item("witnesses", ("wit",)), Item("testified", ("testifi",))], "number")
    fields = {"testifi": FIELD_TEXT}
    aged = view_of("Vance, 54, pleaded guilty and testified against Eldridge.")
    assert sinks(many, [1.0, 1.0], [False, False], fields, aged) == "no figure"
    counted = view_of("Vance, 54, and 12 witnesses testified against Eldridge.")
    many.counts, many.counted = True, frozenset({"wit"})  # (as the question reader reads it)
    assert sinks(many, [1.0, 1.0], [False, False], fields, counted) is None
    old = asked("how many years old is vance",
                 [Item("years", ("year",)), Item("old", ("old",)), Item("vance", ("vanc",))],
                 "number")
    assert sinks(old, [1.0] * 3, [False] * 3, {"vanc": FIELD_TEXT, "year": 1, "old": 1},
                 aged) is None


def test_a_figure_of_a_unit_of_time_counts_that_unit_not_the_word_after_it() -> None:
    """"how many colonies": "over two seasons, colonies carried fewer mites" counts seasons,
    not colonies; "two seasons and 40 colonies" does count them."""
    query = Query("how many colonies", [], [Item("colonies", ("coloni",))],
                  answer_type="number", counts=True, counted=frozenset({"coloni"}))
    seasons = view_of("Over two seasons, colonies carried fewer mites.")
    assert sinks(query, [1.0], [False], {"coloni": 1}, seasons) == "no figure"
    both = view_of("Over two seasons, 40 colonies carried fewer mites.")
    assert sinks(query, [1.0], [False], {"coloni": 1}, both) is None


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


def test_what_year_is_not_answered_by_a_figure_written_with_a_thousands_comma() -> None:
    query = Query("what year was the petition signed", [],
                  [Item("petition", ("petit",)), Item("signed", ("sign",))],
                  answer_type="date", year=True)
    fields = {"petit": 1, "sign": 1}
    counted = view_of("The petition was signed by 1,100 residents.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, counted) == "no year"
    dated = view_of("The petition was signed in 1998 by 1,100 residents.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, dated) is None


def test_how_many_people_is_answered_by_a_count_of_people_of_any_kind() -> None:
    """"how many people live in Port Addison": a figure counting a kind of person ("1,100
    residents", "nine employees", "31 children"), "population about 9,300" or "a town of
    3,400" answers; "at least 150 feet from a restaurant", "a 410-bed hospital" and "two
    hospitals and 14 public schools" count no people."""
    items = [Item("people", ("peopl",)), Item("live", ("live",)), Item("town", ("town",))]
    fields = {"live": 1, "town": 1}
    query = Query("how many people live in the town", [], items, answer_type="number",
                  counts=True, counted=frozenset({"peopl"}))
    for text in ("Trucks will park at least 150 feet from any restaurant in the town.",
                 "The town's 410-bed hospital is its largest employer.",
                 "The advisory covers two hospitals and 14 public schools in the town."):
        assert sinks(query, [1.0] * 3, [False] * 3, fields, view_of(text)) == "no figure", text
    for text in ("About 1,100 residents live in the town.",
                 "Nine employees live in the town.",
                 "The town, population about 9,300, lives on farming.",
                 "The mill sits in this town of 3,400.",
                 "Some 31 children live in the town."):
        assert sinks(query, [1.0] * 3, [False] * 3, fields, view_of(text)) is None, text


def test_when_was_it_done_asks_the_time_of_that_act() -> None:
    """"when was the plant built": a record giving the time of another act ("a jury found
    Friday that the plant ...") gives no time of its building; one saying it was built (or
    a related form: "its construction began in 1951") does. Not a question whose last word
    is no participle ("when was the vote"), nor one asked otherwise ("when did they build")."""
    items = [Item("plant", ("plant",)), Item("built", ("built", "construct"))]
    query = Query("when was the plant built", words("when was the plant built"), items,
                  answer_type="date", at=[3, 4])
    assert act_timed(query) == ("built", "construct")
    other = view_of("A jury on Friday found that the plant's owner underpaid workers.")
    assert sinks(query, [1.0] * 2, [False] * 2, {"plant": 1}, other) == "another time"
    for text in ("The plant was built in 1951.", "Its construction began in 1951."):
        fields = {"plant": 1, "built": 1} if "built" in text else {"construct": 1}
        assert sinks(query, [1.0] * 2, [False] * 2, fields, view_of(text)) is None, text
    for asked_ in ("when was the vote", "when did they build the plant"):
        assert act_timed(Query(asked_, words(asked_), [Item(w, (w,)) for w in
                                                      asked_.split()[-2:]],
                               answer_type="date")) == (), asked_


def test_how_much_time_or_by_how_much_is_answered_by_a_figure_of_time() -> None:
    """"how much extra time": "an average of 31 minutes" gives it; "by how much did he break
    the record": "by 38 seconds" gives the difference. A plain "how much" is not answered by
    a figure of time ("how much did the trip add": not "for 31 minutes")."""
    added = view_of("The diversions added an average of 31 minutes to each transport.")
    items = [Item("extra", ("extra",)), Item("time", ("time",)), Item("diversions", ("divers",))]
    fields = {"extra": 1, "time": 1, "divers": 1}
    q = "how much extra time are the diversions adding"
    timed = Query(q, words(q), items, answer_type="number")
    assert sinks(timed, [1.0] * 3, [False] * 3, fields, added) is None
    plain = Query("how much are the diversions adding", words("how much are the diversions "
                  "adding"), items[2:], answer_type="number")
    assert sinks(plain, [1.0], [False], {"divers": 1}, added) == "no figure"
    broke = view_of("Lowe set a course record, breaking the old mark by 38 seconds.")
    record = [Item("break", ("break",)), Item("record", ("record",))]
    q = "by how much did lowe break the record"
    by = Query(q, words(q), record, answer_type="number")
    assert sinks(by, [1.0] * 2, [False] * 2, {"break": 1, "record": 1}, broke) is None
    q = "how much did lowe break the record"
    much = Query(q, words(q), record, answer_type="number")
    assert sinks(much, [1.0] * 2, [False] * 2, {"break": 1, "record": 1}, broke) == "no figure"


def test_how_long_or_how_far_is_answered_by_one_unit_measured_as_such() -> None:
    """"about a mile away", "at least a year" give a span of one unit; "about a year ago", "a
    week after" give none."""
    query = Query("how far away is the lot", [], [Item("lot", ("lot",))], answer_type="span")
    for text in ("The lot is about a mile away.", "Review of the lot takes at least a year."):
        assert sinks(query, [1.0], [False], {"lot": 1}, view_of(text)) is None, text
    for text in ("The lot was sold about a year ago.", "The lot was mowed a week after the vote."):
        assert sinks(query, [1.0], [False], {"lot": 1}, view_of(text)) == "no figure", text


def test_a_persons_age_is_no_span_asked_how_long() -> None:
    """"how long does the family have to appeal": "the 16-year-old girl who raised it" gives
    her age, no span; "the 112-year-old department" and "10 days to appeal" give one."""
    query = Query("how long does the family have to appeal", [],
                  [Item("family", ("famili",)), Item("appeal", ("appeal",))], answer_type="span")
    fields = {"famili": 1, "appeal": 1}
    aged = view_of("The 16-year-old girl who raised it must return the check as her family "
                   "appeals.")
    assert sinks(query, [1.0] * 2, [False] * 2, fields, aged) == "no figure"
    for text in ("The family has 10 days to appeal.",
                 "The family will appeal to the 112-year-old department."):
        assert sinks(query, [1.0] * 2, [False] * 2, fields, view_of(text)) is None, text


def test_a_bare_figure_after_who_is_or_is_now_is_an_age() -> None:
    """"his daughter, who was 4 when he was arrested and is now 24" gives her age; "the vote
    was 4 to 3" and "the count is now 24 cases" give none."""
    query = Query("how old is his daughter", [], [Item("daughter", ("daughter",))],
                  answer_type="age")
    aged = view_of("He will live near his daughter, who was 4 when he was arrested and is "
                   "now 24.")
    assert sinks(query, [1.0], [False], {"daughter": 1}, aged) is None
    for text in ("His daughter said the vote was 4 to 3.",
                 "His daughter said the count is now 24 cases."):
        assert sinks(query, [1.0], [False], {"daughter": 1}, view_of(text)) == "no figure", text
