"""bot/engine/reading.py: how a record reads for scoring, each reading made when asked."""

from __future__ import annotations

import dataclasses

from bot.engine.normalize import stem, words
from bot.engine.reading import view
from bot.engine.records import RecordView, gives_reason
from bot.models import Citation, Fact, Quote
from tests.engine_records import COST, WAITED


def test_the_view_sees_numbers_dates_and_quotes() -> None:
    cost = view(COST, None)
    assert "40000000" in cost.numbers and not cost.is_quote
    quote = view(WAITED, "Ada Quill")
    assert quote.is_quote and quote.speech


def test_the_view_knows_where_a_verb_of_saying_stood() -> None:
    """"Ada Roe, 52, said a volunteer placed it": "said" stands before "volunteer"."""
    said = view(Fact("f", "Ada Roe, 52, said a volunteer placed it.", ()), None)
    assert said.said_at == {said.sequence.index("volunt")}
    assert not view(COST, None).said_at


def test_a_verb_of_reporting_speech_makes_a_sentence_report_someones_words() -> None:
    """"..., cautioned Dr. Ada Quill" reports her words as "said" would; "the bridge cost
    $40 million" reports no one's."""
    for verb in ("said", "cautioned", "warned", "explained", "insisted", "conceded"):
        text = f"The study cannot prove it, {verb} Dr. Ada Quill, a neurologist."
        assert view(Fact("f", text, ()), None).speech, verb
    assert not view(COST, None).speech


def test_the_view_knows_the_words_a_negation_governs() -> None:
    negated = view(Fact("f", "Some classes do not fit into this framework at all.", ()), None)
    assert stem("fit") in negated.negated_terms and stem("classes") not in negated.negated_terms


def test_a_word_of_un_negates_the_word_it_is_made_of() -> None:
    """"left the galleries unmonitored": "monitor" is negated, as "not monitored" would be; a
    word that only begins with the letters ("until", "union", "unless", "unique") negates
    nothing."""
    left = view(Fact("f", "The battery failed, leaving the galleries unmonitored.", ()), None)
    assert {stem("monitored"), stem("unmonitored")} <= left.negated_terms
    assert stem("until") not in view(Fact("f", "It stays shut until May.", ()), None).negated_terms


def test_a_negation_reaches_past_function_words_to_its_content_words() -> None:
    """"not out here for a vacation" negates the vacation, five words on; a negation governs
    three content words at most ("did not fully fit into the framework": not "framework")."""
    quote = view(Fact("f", "We are not out here for a vacation, she said.", ()), None)
    assert stem("vacation") in quote.negated_terms and stem("said") not in quote.negated_terms
    fit = view(Fact("f", "It did not fully fit into the old framework.", ()), None)
    assert {stem("fully"), stem("fit"), stem("old")} <= fit.negated_terms
    assert stem("framework") not in fit.negated_terms


def test_a_date_is_a_year_a_decade_a_century_or_a_time_of_day() -> None:
    def dated(text: str) -> bool:
        return view(Fact("f", text, ()), None).has_date

    assert dated("Injectors were common by the 1860s.")
    assert dated("It began in the 19th century.") and dated("The alert went out at 2:40 p.m.")
    assert not dated("I am proud of the nurses.") and not dated("Three engines were built.")


def test_a_view_knows_sums_of_money_and_spans_of_time_or_length() -> None:
    def of(text: str) -> tuple[frozenset[str], frozenset[str]]:
        v = view(Fact("f", text, (Citation("wire", "x"),)), None)
        return v.money, v.spans

    # (a sum with its scale is one figure, as the words read it)
    assert of("Growers could lose $74 million and 2,500 seasonal jobs.") == \
        (frozenset({"74000000"}), frozenset())  # "seasonal" counts no span of time
    assert of("The $3.1 million sale took 47 days.") == \
        (frozenset({"3100000"}), frozenset({"47"}))
    assert of("It cost $48,000 and then $2.50.")[0] == frozenset({"48000", "2", "50"})
    assert of("Both schools are about 1.8 miles away.")[1] == frozenset({"1", "8"})
    # a sum in cents or dollars written out is money too ("how much was he paid an hour")
    assert of("He was paid 50 cents an hour, later 3 dollars.")[0] == frozenset({"50", "3"})


def test_a_quotes_context_is_read_for_its_stop_words_and_what_they_are_about() -> None:
    quote = Quote("q", None, "It was the right call.", "after the power went off", ())
    v = view(quote, None)
    assert "off" in v.stop_words and ("off", stem("went")) in v.stop_anchors


def test_the_view_knows_a_stated_reason_and_what_a_cause_is_given_of() -> None:
    sparked = Fact("s", "The pay cut sparked large protests by workers.", ())
    because = Fact("b", "Workers protested because pay was cut.", ())
    plain = Fact("p", "Workers were urged to protest on Monday.", ())
    assert view(sparked, None).caused >= {stem("large"), stem("protests")}
    assert not view(sparked, None).states_reason and view(because, None).states_reason
    assert view(plain, None).caused == frozenset() and not view(plain, None).states_reason


def test_a_reason_marker_before_a_figure_gives_no_reason() -> None:
    assert not gives_reason(words("The base fare will rise from $2.25 to $2.50."))
    assert not gives_reason(words("They waited for 78 days."))
    assert gives_reason(words("They raised fares to close a budget gap."))
    assert gives_reason(words("It closed because of the storm."))
    citing = "The agency will raise fares, citing a budget gap."
    assert view(Fact("f", citing, (Citation("s", citing),)), None).states_reason


def test_a_month_or_a_weekday_is_no_name_of_a_record() -> None:
    """"play there in September": a place question finds no place in a month."""
    text = "Team officials hope to break ground in September and play at Kestrel Park on Monday."
    seen = view(Fact(id="f", text=text, citations=(Citation(source_id="s", passage=text),)), None)
    assert seen.names == {"kestrel", "park"}


def test_a_leads_dateline_gives_it_no_name() -> None:
    """The passage of a story's lead opens on its dateline: neither the town nor the outlet
    is a name the sentence gives ("who painted the mural" is not answered by it), nor is the
    word its dash stands before."""
    text = "Workers tearing out drywall found a mural painted for the old post office."
    passage = f"WAPSIE FALLS, Iowa (Corn Belt News Service) — {text}"
    seen = view(Fact(id="f", text=text, citations=(Citation(source_id="s", passage=passage),)),
                None)
    assert seen.names == set()
    named = f"{passage[:-1]} by Margit Olander."
    assert view(Fact(id="g", text=text, citations=(Citation(source_id="s", passage=named),)),
                None).names == {"margit", "oland"}


def test_a_sum_of_money_is_no_span_of_time() -> None:
    """"$84 million last year": the figure counts money, though "year" is in its reach;
    "for 12 years" is a span."""
    profit = view(Fact("f", "The airline reported a profit of $84 million last year.", ()), None)
    assert profit.money == {"84000000"} and profit.spans == frozenset()
    assert view(Fact("f", "He ran the airline for 12 years.", ()), None).spans == {"12"}


def test_a_sum_of_money_in_the_passage_is_money_too() -> None:
    """The view reads its passage's figures, so it reads their sums of money as such: "$1.9
    million for lost vines" beside "It rejected the request" is money, no count."""
    text = "It rejected the request for punitive damages."
    passage = f"The jury awarded $1.9 million for lost vines. {text}"
    v = view(Fact("f", text, (Citation("s", passage),)), None)
    assert v.money == {"1900000"} and v.numbers == {"1900000"}


def test_the_view_reads_one_of_a_kind_nouns_only_when_asked() -> None:
    """Most questions never ask "which bank": the reading waits for the first call, then is
    kept; it covers the passage too."""
    loan = Fact("f", "The loan came from a regional bank.",
                (Citation("src", "The loan came from a regional bank. A firm sold it."),))
    seen = view(loan, None)
    assert seen._kinds is None
    unnamed, undescribed = seen.kinds()
    assert stem("bank") in unnamed and stem("firm") in unnamed
    assert seen._kinds == (unnamed, undescribed)


def test_the_view_reads_the_ages_it_gives_only_when_asked() -> None:
    """Only "how old" questions ask whose age a record gives: read then, from its text and
    passage, and kept."""
    quote = Fact("f", "It is a chance, she said.",
                 (Citation("src", '"It is a chance," said Ruth Pike, 51, the president.'),))
    seen = view(quote, None)
    assert seen._aged is None
    assert stem("pike") in seen.ages_given()
    assert seen._aged == seen.ages_given()
    assert view(Fact("f", "No figures here.", ()), None).ages_given() == frozenset()


def test_the_view_keeps_its_words_in_order() -> None:
    """The gates reading a record's words in order (stop words too: "before the 1950s") read
    those of the text shown, a quote's speaker first: the same list each time."""
    said = Quote("q", "ada", "It was formulated in the mid-1950s.", "", citations=())
    seen = view(said, "Ada Quill")
    assert seen.shown_words() == ["ada", "quill", "it", "was", "formulated", "in", "the",
                                  "mid", "1950s"]
    assert seen.shown_words() is seen.shown_words()


def test_figures_of_a_quotes_passage_count_what_they_count_there() -> None:
    """The passage a quote was said in ("said Ada Roe, 34, ... with her 6-year-old son") has
    figures, which count what they count there (an age, not jackets)."""
    said = Quote("q", "ada", "They had life jackets on all of us within minutes.", "",
                 citations=(Citation("s", '"They had life jackets on all of us within minutes,"'
                                     " said Ada Roe, 34, a nurse traveling with her 6-year-old"
                                     " son."),))
    seen = view(said, "Ada Roe")
    assert {"34", "6"} <= seen.numbers
    assert ("6", "old") in seen.figure_counts and ("34", "old") in seen.figure_counts


def test_an_age_is_read_beside_a_year_and_a_year_alone_gives_none() -> None:
    """A record whose figures are all years gives no age (an age has at most three digits),
    and a year beside an age does not hide it; "the 1990s" dates a record as "2024" does."""
    assert view(Fact("f", "Ruth Pike, 2024, was elected.", ()), None).figure_counts == \
        frozenset()
    aged = view(Fact("f", "In 2024 Ruth Pike, 51, was elected.", ()), None)
    assert ("51", "old") in aged.figure_counts
    assert view(Fact("f", "It was built in the 1990s.", ()), None).has_date
    assert not view(Fact("f", "It was built by 120 workers.", ()), None).has_date


#: Records reading every kind of thing a view reads: figures, money, spans, dates, reasons,
#: names, a quote with a speaker and a context, passages other than the text.
_READ = [
    (Fact("f1", "The council voted 5-2 on Tuesday to spend $48 million within 60 days, "
          "because the bridge, closed since 2019, sparked protests and delays.",
          (Citation("s", "ELK BAY (Wire) — The council voted 5-2 on Tuesday."),)), None),
    (Quote("q1", "ada", "We did not wait until March or April for 3 trucks.",
           "at the depot at 7:15 a.m.", citations=(Citation("s", "Ada Quill said so."),)),
     "Ada Quill"),
    (Fact("f2", "Ada Quill, 66, wrote:", ()), None),
]


def _fields(v: object, names: list[str]) -> dict[str, object]:
    return {n: getattr(v, n) for n in names}


def test_a_view_reads_the_same_whatever_is_asked_first() -> None:
    """Each reading is made when first read, from the record alone: read in any order, a
    view gives the same readings."""
    names = [f.name for f in dataclasses.fields(RecordView) if not f.name.startswith("_")]
    for record, speaker in _READ:
        forward = _fields(view(record, speaker), names)
        backward = _fields(view(record, speaker), names[::-1])
        assert forward == backward
        assert forward["numbers"] or record.id == "f2"


def test_a_view_reads_dates_figures_and_reasons_only_when_asked() -> None:
    """Most questions ask a candidate for its words, its negation and whether it leads into
    a quote; its dates, figures, names and reasons are read for those asking for them."""
    record, speaker = _READ[0]
    seen = view(record, speaker)
    assert seen.sequence and not seen.negated and not seen.lead_in
    made = vars(seen)
    for later in ("names", "numbers", "has_date", "has_reason", "figure_counts", "money",
                  "spans", "caused", "stop_anchors", "said_at"):
        assert later not in made
    assert seen.money == frozenset({"48000000"}) and "money" in vars(seen)
    assert seen.has_date and seen.within and seen.states_reason
