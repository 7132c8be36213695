"""bot/engine/sinks.py: the gates a record must pass to answer a question (a person, name,
number, negation, opposite, extreme, figure or date the question turns on)."""

from __future__ import annotations

from bot.engine import lexicon
from bot.engine.forms import opposite_terms
from bot.engine.naming import named_thing
from bot.engine.normalize import stem, words
from bot.engine.question import Item, Query
from bot.engine.reading import view
from bot.engine.records import (
    FIELD_PASSAGE,
    FIELD_PERSON,
    FIELD_TEXT,
    RecordView,
    coordinated,
    stop_anchors,
)
from bot.engine.sinks import Gates, sinks
from bot.models import Fact
from tests.engine_records import asked, plain_view, view_of


def test_a_why_question_may_say_what_happened_in_words_the_bank_lacks() -> None:
    """"why was the grip test postponed": the reason is asked, what happened may be put in
    the asker's words ("had been scheduled ..., but"); only most of its weight lacking sinks."""
    items = [Item("grip", ("grip",)), Item("test", ("test",)),
             Item("postponed", ("postpon",), ordinary=True)]
    query = Query("why was the grip test postponed", [], items, answer_type="reason")
    fields = {"grip": FIELD_TEXT, "test": FIELD_TEXT}
    assert sinks(query, [1.0, 1.0, 3.0], [False, False, True], fields, plain_view()) is None
    assert sinks(query, [1.0, 1.0, 3.0], [True, False, True], {"test": FIELD_TEXT},
                 plain_view()) == "unknown"
    said = Query("who postponed the grip test", [], items[::-1])
    assert sinks(said, [3.0, 1.0, 1.0], [True, False, False], fields, plain_view()) == "unknown"


def test_a_question_whose_weightiest_words_the_bank_lacks_is_about_something_else() -> None:
    items = [Item("hosted", ("host",), ordinary=True), Item("gala", ("gala",)),
             Item("awards", ("award",))]
    query = Query("who hosted the gala awards", [], items)
    fields = {"gala": FIELD_TEXT, "award": FIELD_TEXT}
    # the word the bank lacks weighs at most twice the weightiest word it has
    assert sinks(query, [3.0, 1.0, 1.0], [True, False, False], fields, plain_view()) == "unknown"
    assert sinks(query, [9.0, 0.1, 0.1], [True, False, False], fields, plain_view()) == "unknown"
    assert sinks(query, [1.0, 1.0, 1.0], [True, False, False], fields, plain_view()) is None
    assert sinks(query, [2.0, 1.0, 3.0], [True, False, False], fields, plain_view()) is None
    # an adverb the bank lacks says how or how often, not what: "when were they finally told"
    told = Query("when were customers finally told", [],
                 [Item("customers", ("custom",), ordinary=True),
                  Item("finally", ("final",), ordinary=True),
                  Item("told", ("tell",), ordinary=True)])
    fields = {"custom": FIELD_TEXT, "tell": FIELD_TEXT}
    assert sinks(told, [1.0, 3.0, 1.0], [False, True, False], fields, plain_view()) is None
    fired = Query("when were customers fired", [],
                  [Item("customers", ("custom",), ordinary=True),
                   Item("fired", ("fire",), ordinary=True)])
    assert sinks(fired, [1.0, 3.0], [False, True], fields, plain_view()) == "unknown"
    # ... and an adjective says which: "when were the customers finally told" as "when is the
    # next hearing" (the bank lacking "next")
    ws = ["when", "is", "the", "next", "hearing"]
    hearing = Query("when is the next hearing", ws,
                    [Item("next", ("next",), ordinary=True, pos=0),
                     Item("hearing", ("hear",), ordinary=True, pos=1)], at=[3, 4])
    assert sinks(hearing, [3.0, 1.0], [True, False], {"hear": FIELD_TEXT}, plain_view()) is None


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


def test_a_word_whose_opposite_the_record_says_instead_sinks_it() -> None:
    query = Query("what do algorithms do with a decrease in size", ["what", "do", "algorithms",
                  "do", "with", "a", "decrease", "in", "size"],
                  [Item("algorithms", ("algorithm",)), Item("decrease", ("decreas",)),
                   Item("size", ("size",))])
    assert opposite_terms(query) == {"increas"}
    fields = {"algorithm": FIELD_TEXT, "size": FIELD_TEXT}
    weights, known = [1.0, 1.0, 1.0], [False, False, False]
    assert Gates(query, weights, known).opposed == {"increas"}  # (the engine reads them there)
    assert sinks(query, weights, known, fields, plain_view(), {"increas": FIELD_TEXT}) == "opposite"
    assert sinks(query, weights, known, fields, plain_view(), {}) is None  # only lacking it
    both = {**fields, "decreas": FIELD_TEXT}  # says both: the question's word is there
    assert sinks(query, weights, known, both, plain_view(), {"increas": FIELD_TEXT}) is None
    # "simple or complex": a question naming both opposites turns neither around
    which = Query("a simple or complex answer", ["a", "simple", "or", "complex", "answer"],
                  [Item("simple", ("simpl",)), Item("complex", ("complex",)),
                   Item("answer", ("answer",))])
    assert not opposite_terms(which) & {"simpl", "complex"}
    # asked when, a unit of time is no claim: "election night, April 2" answers "election day"
    words = ["when", "was", "election", "day"]
    items = [Item("election", ("elect",)), Item("day", ("day",))]
    assert "night" in opposite_terms(Query("was it election day", words[1:], items))
    assert not opposite_terms(Query("when was election day", words, items, answer_type="date"))
    # right after the person named, a word is what they do: a verb's opposites only
    # ("where does Almonacid live": not the adjective's "recorded")
    ws = ["where", "does", "almonacid", "live"]
    person = Item("almonacid", ("@rodrigo-almonacid",), ("rodrigo-almonacid",), pos=0)
    live = Query("where does almonacid live", ws, [person, Item("live", ("live",), pos=1)],
                 answer_type="place", at=[2, 3])
    assert "record" not in opposite_terms(live)
    assert "record" in opposite_terms(Query("a live show", ["a", "live", "show"],
                                            [Item("live", ("live",)), Item("show", ("show",))]))

def test_a_comparative_is_turned_around_by_the_plain_opposite_of_its_word() -> None:
    """"what evolved in later species": "it evolved in early species" says the opposite
    ("early", not "earlier")."""
    items = [Item("evolved", ("evolv",)), Item("later", ("later",)), Item("species", ("speci",))]
    query = asked("what evolved in later species", items)
    assert stem("early") in opposite_terms(query)
    fields = {"evolv": FIELD_TEXT, "speci": FIELD_TEXT}
    said = {stem("early"): FIELD_TEXT}
    assert sinks(query, [1.0] * 3, [False] * 3, fields, plain_view(), said) == "opposite"


def test_a_stop_word_whose_opposite_the_record_says_instead_sinks_it() -> None:
    """The index keeps no stop words: the record's own stop words with opposites are read."""
    def view_saying(*stop_words: str) -> RecordView:
        v = plain_view()
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


def saying(text: str) -> RecordView:
    """A record view of ``text`` with its opposed stop words and their anchors read."""
    v = plain_view()
    ws = words(text)
    v.stop_words = frozenset(ws) & lexicon.opposed_stop_words()
    v.stop_anchors = stop_anchors(ws)
    return v


def test_a_particle_is_turned_around_only_about_the_same_word() -> None:
    """"turn off the power" is turned around by a record saying "turned on the power"; "went
    on strike" is not by "walked off the job" (the opposite stands by another word)."""
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
    # a stance is read with the act before it alone: "for" after a noun has other senses
    assert stop_anchors(words("she voted for the ban")) == {("for", "vote")}
    assert stop_anchors(words("adding a tax for the fire company")) == {("for", "tax")}


def test_a_vote_for_is_turned_around_by_a_vote_against() -> None:
    """"why did Achebe-Sutton vote against the ban" is not answered by "Achebe-Sutton, who
    voted for the ban, said ..."; "what did Vance get for testifying" is not turned around
    by "testified against Eldridge" (the stance is of another act)."""
    items = [Item("sutton", ("sutton",)), Item("vote", ("vote",)), Item("ban", ("ban",))]
    fields = {"sutton": FIELD_TEXT, "vote": FIELD_TEXT, "ban": FIELD_TEXT}
    against = Query("why did sutton vote against the ban",
                    words("why did sutton vote against the ban"), items, answer_type="reason")
    assert sinks(against, [1.0] * 3, [False] * 3, fields,
                 saying("Sutton, who voted for the ban, said complaints had piled up")) \
        == "opposite"
    assert sinks(against, [1.0] * 3, [False] * 3, fields,
                 saying("Sutton, who voted against the ban, said it went too far")) is None
    got = [Item("vance", ("vanc",)), Item("testifying", ("testifi",))]
    gfields = {"vanc": FIELD_TEXT, "testifi": FIELD_TEXT}
    paid = Query("what did vance get for testifying",
                 words("what did vance get for testifying"), got)
    assert sinks(paid, [1.0] * 2, [False] * 2, gfields,
                 saying("Vance got probation for testifying against Eldridge")) is None


def test_a_question_asking_for_a_year_sinks_at_a_record_without_a_date() -> None:
    fields = {"award": FIELD_TEXT}
    year = Query("in what year was the award given", ["in", "what", "year", "was", "the",
                 "award", "given"], [Item("award", ("award",))], answer_type="date",
                 year=True)
    assert sinks(year, [1.0], [False], fields, plain_view()) == "no date"
    dated = plain_view()
    dated.has_date = True
    assert sinks(year, [1.0], [False], fields, dated) == "no year"  # ("on Saturday", "3:15 am")
    dated.numbers = {"1998"}
    assert sinks(year, [1.0], [False], fields, dated) is None
    # "when" needs a time too ("when was the petition started" is not answered by "parents
    # started a petition"), or the event it came before or after ("after the war")
    when = Query("when was the award given", ["when", "was", "the", "award", "given"],
                 [Item("award", ("award",))], answer_type="date")
    assert sinks(when, [1.0], [False], fields, plain_view()) == "no date"
    assert sinks(when, [1.0], [False], fields, dated) is None
    after = plain_view()
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
    assert sinks(query, [1.0, 1.0], [False, False], fields, plain_view()) == "name"
    assert sinks(query, [1.0, 1.0], [False, False], fields, plain_view(), {},
                 frozenset({"harvard", "univers"})) is None

def test_a_superlative_the_record_does_not_say_sinks_it() -> None:
    """"the least important" or "the largest" asks for an extreme: a record that names
    neither it nor its opposite does not give it; one naming its opposite is turned around."""
    fields = {"important": FIELD_TEXT, "mediat": FIELD_TEXT}
    least = Query("what are the least important mediators",
                  ["what", "are", "the", "least", "important", "mediators"],
                  [Item("important", ("important",)), Item("mediators", ("mediat",))])
    assert sinks(least, [1.0, 1.0], [False, False], fields, plain_view()) == "superlative"
    said = plain_view()
    said.stop_words = frozenset({"least"})
    assert sinks(least, [1.0, 1.0], [False, False], fields, said) is None
    largest = Query("what is the largest mediator", ["what", "is", "the", "largest", "mediator"],
                    [Item("largest", ("largest",)), Item("mediator", ("mediat",))])
    assert sinks(largest, [1.0, 1.0], [False, False], fields, plain_view()) == "superlative"
    assert sinks(largest, [1.0, 1.0], [False, False], {**fields, "largest": FIELD_TEXT},
                 plain_view()) is None
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
    assert sinks(why, [1.0] * 3, [False] * 3, fields, plain_view()) is None
    what = Query("what didn't the utility cut", ["what", "didnt", "the", "utility", "cut"],
                 items[:2], negated=True)
    assert sinks(what, [1.0] * 2, [False] * 2, fields, plain_view()) == "negation"


def test_why_a_thing_happened_is_not_answered_by_a_record_denying_it() -> None:
    """"why did the town sell the dam": "the town never considered selling it" says it did
    not happen; "the dam was sold because ..." answers, and so does a reason that denies
    something ("sold it because it could not pay to repair it"), and so does any record for
    "why didn't the town sell the dam"."""
    items = [Item("town", ("town",)), Item("sell", ("sell",)), Item("dam", ("dam",))]
    why = asked("why did the town sell the dam", items, "reason")
    fields = {"town": FIELD_TEXT, "sell": FIELD_TEXT, "dam": FIELD_TEXT}
    denied = view_of("The town never seriously considered selling the dam to a private group.")
    assert sinks(why, [1.0] * 3, [False] * 3, fields, denied) == "denied"
    sold = view_of("The town sold the dam to a private group to end its upkeep costs.")
    assert sinks(why, [1.0] * 3, [False] * 3, fields, sold) is None
    reason = view_of("The town sold the dam because it could not pay to repair the dam.")
    assert sinks(why, [1.0] * 3, [False] * 3, fields, reason) is None
    not_why = Query("why didn't the town sell the dam", words("why didnt the town sell the dam"),
                    why.items, answer_type="reason", negated=True, at=why.at)
    assert sinks(not_why, [1.0] * 3, [False] * 3, fields, denied) is None


def test_why_is_not_answered_by_a_reason_for_its_denial() -> None:
    """"why are normal cells attacked": "normal cells are not attacked because ..." gives
    the reason they are not (sunk); "the cells are attacked because ..." answers, as does a
    reason that denies something of its own ("because the cells cannot hide")."""
    items = [Item("normal", ("normal",)), Item("cells", ("cell",)),
             Item("attacked", (stem("attacked"),))]
    why = asked("why are normal cells attacked", items, answer_type="reason")
    fields = {t: FIELD_TEXT for it in items for t in it.terms}
    weights, known = [1.0] * 3, [False] * 3
    denied = view_of("Normal cells are not attacked because they express self antigens.")
    assert sinks(why, weights, known, fields, denied) == "denied"
    given = view_of("Normal cells are attacked because they cannot hide their antigens.")
    assert sinks(why, weights, known, fields, given) is None


def test_what_the_record_denies_of_its_subject_does_not_answer_what_asks_for_it() -> None:
    """"which algorithm is always practical": "a polynomial time algorithm is not always
    practical" denies it (sunk); "the linear algorithm is always practical" answers."""
    items = [Item("algorithm", ("algorithm",)), Item("always", (stem("always"),)),
             Item("practical", (stem("practical"),))]
    query = asked("which algorithm is always practical", items)
    fields = {t: FIELD_TEXT for it in items for t in it.terms}
    denied = view_of("Nevertheless, a polynomial time algorithm is not always practical.")
    said = view_of("The linear algorithm is always practical.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, denied) == "subject denied"
    assert sinks(query, [1.0] * 3, [False] * 3, fields, said) is None


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


def test_coordinated_words_are_those_beside_and_or_or() -> None:
    assert coordinated(words("to begin in March and finish by 2028")) == {"march", "finish"}
    assert coordinated(words("win or lose")) == {"win", "lose"}
    assert coordinated(words("the rise and the fall")) == {"rise"}  # right beside it only
    assert coordinated(words("it will finish in March")) == set()


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



def test_a_name_asked_for_needs_a_name_beside_the_thing_in_the_record() -> None:
    """"the name of the school": "an elementary school in the town of Marlow" names a town,
    not the school; "the Hawthorne Elementary school" names it; a record not mentioning a
    school at all is left to the model."""
    query = asked("what is the name of the school", [Item("school", ("school",))], "name")
    fields = {"school": FIELD_TEXT}
    unnamed = view_of("The outbreak began at an elementary school in the town of Marlow.")
    assert sinks(query, [1.0], [False], fields, unnamed) == "no name"
    named = view_of("The outbreak began at the Hawthorne Elementary school last week.")
    assert sinks(query, [1.0], [False], fields, named) is None
    elsewhere = view_of("Classes at Hawthorne Elementary were cancelled.")
    assert sinks(query, [1.0], [False], {}, elsewhere) is None
    # the one saying it is no name of the thing: "Principal Ada Roe said a school ..."
    sayer = view_of("Principal Ada Roe said a school in the county had closed.")
    assert sinks(query, [1.0], [False], fields, sayer) == "no name"
    # a verb of naming between them: "a school called Hawthorne Elementary", "known as"
    for called in ("A school called Hawthorne Elementary opened in 1958.",
                   "The school, known as Hawthorne Elementary, opened in 1958."):
        assert sinks(query, [1.0], [False], fields, view_of(called)) is None, called
    # a count before the thing counts it and names nothing: "Nova Scotia; five schools"
    counted = view_of("She founded the Maple Academy in Halifax, Nova Scotia, and 5 schools.")
    assert sinks(query, [1.0], [False], fields, counted) == "no name"


def test_which_one_of_a_kind_is_not_answered_by_a_record_saying_only_there_was_one() -> None:
    """"what bank gave the loan": "a loan from a regional bank" says there was a bank, not
    which; "the bank" (one known), or a name near ("Halverson Savings, a regional bank"),
    may answer."""
    query = asked("what bank gave the trust the loan",
                  [Item("bank", ("bank",)), Item("gave", ("gave",)), Item("trust", ("trust",)),
                   Item("loan", ("loan",))])
    fields = {"bank": FIELD_TEXT, "loan": FIELD_TEXT}
    weights, unknown = [1.0] * 4, [False] * 4
    one = view_of("The rest came from foundation gifts and a loan from a regional bank.")
    assert sinks(query, weights, unknown, fields, one) == "one of a kind"
    known = view_of("The rest came from a loan from the bank the trust has used for years.")
    assert sinks(query, weights, unknown, fields, known) is None
    named = view_of("Halverson Savings, a regional bank, made the loan to the trust.")
    assert sinks(query, weights, unknown, fields, named) is None
    # "what video did X share": "a video of a singer" says which, though it names none
    video = asked("what video did ada share",
                  [Item("video", ("video",)), Item("ada", ("ada",)), Item("share", ("share",))])
    shared = view_of("Ada shared a video of a singer calling out the agency.")
    assert sinks(video, [1.0] * 3, [False] * 3, {"video": FIELD_TEXT}, shared) is None
    # ... but gives no name: "what is the name of the video"
    name = asked("what is the name of the video", [Item("video", ("video",))], "name")
    assert sinks(name, [1.0], [False], {"video": FIELD_TEXT}, shared) == "one of a kind"


def test_the_name_of_a_kind_of_person_needs_the_person_in_the_record() -> None:
    """"the name of Eldridge's wife": a record that never says "wife" names no wife, though
    it names Eldridge; "the name of the leader" is named by a record saying who led."""
    wife = asked("what is the name of eldridge's wife",
                  [Item("eldridge", ("eldridg",)), Item("wife", ("wife",))], "name")
    assert named_thing(wife) == {"wife"}
    fields = {"eldridg": FIELD_TEXT}
    silent = view_of("Eldridge, a former accountant, showed no reaction in Calder County.")
    assert sinks(wife, [1.0, 1.0], [False, False], fields, silent) == "no name"
    named = view_of("Eldridge's wife, Marla Eldridge, wept in Calder County.")
    assert sinks(wife, [1.0, 1.0], [False, False], {**fields, "wife": FIELD_TEXT}, named) is None
    leader = asked("what was the name of the leader through the war",
                    [Item("leader", ("leader",)), Item("war", ("war",))], "name")
    led = view_of("James Conant led the university through the war.")
    assert sinks(leader, [1.0, 1.0], [False, False], {"war": FIELD_TEXT}, led) is None
    unled = view_of("James Conant taught at the university through the war.")
    assert sinks(leader, [1.0, 1.0], [False, False], {"war": FIELD_TEXT}, unled) == "no name"


def test_which_kind_of_person_asks_for_one_by_name() -> None:
    """"which judge", "what state lawmakers", "who is the librarian" ask for a person of a
    kind by name: the head of the phrase after the question word, but a verb; a kind of
    thing ("which engine", "what modern company": an adjective a person noun too) or a
    doer ("who hired") is not gated."""
    judge = asked("which judge heard the case",
                   [Item("judge", ("judg",)), Item("heard", ("hear",)), Item("case", ("case",))])
    assert named_thing(judge) == {"judg"}
    king = asked("which king ruled", [Item("king", ("king",)), Item("ruled", ("rule",))])
    assert named_thing(king) == {"king"}  # a person noun ending as a participle does
    lawmakers = asked("which 3 state lawmakers voted",
                       [Item("state", ("state",)), Item("lawmakers", ("lawmak",)),
                        Item("voted", ("vote",))])
    assert named_thing(lawmakers) == {"lawmak"}
    librarian = asked("who is the librarian the library will rehire",
                       [Item("librarian", ("librarian",)), Item("library", ("librari",)),
                        Item("rehire", ("rehir",))], "person")
    assert named_thing(librarian) == {"librarian"}
    company = asked("what modern company built the engine",
                     [Item("modern", ("modern",)), Item("company", ("compani",)),
                      Item("built", ("build",)), Item("engine", ("engin",))])
    assert named_thing(company) == frozenset()
    fields = asked("what 2 fields of science mirror it",
                    [Item("fields", ("field",)), Item("science", ("scienc",)),
                     Item("mirror", ("mirror",))])
    assert named_thing(fields) == frozenset()
    hired = asked("who hired the librarian",
                   [Item("hired", ("hire",)), Item("librarian", ("librarian",))], "person")
    assert named_thing(hired) == frozenset()
    mayor = Item("mayor", ("mayor",), people=("vera-gaskin",), pos=0)
    known = Query("who is the mayor", words("who is the mayor"), [mayor],
                  answer_type="person", at=[3])
    assert named_thing(known) == frozenset()  # the coverage says who: the person gate judges


def test_the_name_beside_a_kind_of_person_may_open_the_sentence_or_follow_the_phrase() -> None:
    query = asked("which judge set the date", [Item("judge", ("judg",)), Item("date", ("date",))])
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
    kin = asked("who was the brother in law",
                 [Item("brother", ("brother",)), Item("law", ("law",))], "person")
    assert named_thing(kin) == {"brother"}
    named = view_of("The money went to his brother-in-law, Curtis Vance, who moved it.")
    assert sinks(kin, [1.0, 1.0], [False, False], {"brother": 1, "law": 1}, named) is None


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
    # nor by the words themselves, quoted and given to no one: they do not say whose they are
    unnamed = view_of("“The agency's vote was fair,” the statement said.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, unnamed) == "unsaid"
    owned = view_of("“The agency's vote was fair,” the Harlow Tenants Union said.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, owned) is None


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


def test_how_tall_someone_is_needs_their_own_figure() -> None:
    """"how tall is Villeneuve": "the 6-foot-8 Villeneuve" says it; "Villeneuve took the pass,
    dribbled past half court and pulled up from about 28 feet" is a shot's length, not his."""
    tall = Query("how tall is villeneuve", words("how tall is villeneuve"),
                 [Item("villeneuve", ("@rv", "villeneuv"), ("rv",))], answer_type="number")
    fields = {"villeneuv": FIELD_TEXT}
    shot = view_of("Villeneuve took the inbounds pass, dribbled past half court and pulled up "
                   "from about 28 feet.")
    assert sinks(tall, [1.0], [False], fields, shot) == "no measure"
    own = view_of("The 6 feet 8 Villeneuve scored 31 points.")
    assert sinks(tall, [1.0], [False], fields, own) is None


def test_how_big_a_thing_is_needs_a_figure_by_it() -> None:
    """"how big is the farm": "rents the 320-acre farm" says it; "the stone, which weighs
    about 2.3 kilograms ... said Tomas Kaczmarek, 58, who has farmed the property since 2009"
    gives a stone's weight, an age and a year, none the farm's size."""
    big = Query("how big is the farm", words("how big is the farm"), [Item("farm", ("farm",))],
                answer_type="number", size=True)
    fields = {"farm": FIELD_TEXT}
    stone = view_of("The stone, which weighs about 2.3 kilograms, crashed through the roof, "
                    "said Tomas Kaczmarek, 58, who has farmed the property since 2009.")
    assert sinks(big, [1.0], [False], fields, stone) == "not its size"
    rents = view_of("Kaczmarek rents the 320-acre farm from Margit Vrana, 71.")
    assert sinks(big, [1.0], [False], fields, rents) is None


def test_how_big_a_named_place_is_needs_a_figure_by_its_name() -> None:
    """"how big is Fenwick Square": a record placing something on the square at a cost gives
    no size of it; "the 3-acre Fenwick Square" does. "how far off were the old reports" sizes
    no reports (the figure there is how far off)."""
    ws = ["fenwick", "square"]
    big = asked("how big is fenwick square", [Item(w, (stem(w),)) for w in ws], "number")
    big.size = True
    fields = {stem(w): FIELD_TEXT for w in ws}
    cost = view_of("The restroom will be built on the corner of Fenwick Square, across from the "
                   "county courthouse, at a cost of $612,000.")
    assert sinks(big, [1.0, 1.0], [False, False], fields, cost) == "not its size"
    acres = view_of("Crews will replant the 3-acre Fenwick Square this spring.")
    assert sinks(big, [1.0, 1.0], [False, False], fields, acres) is None
    off = asked("how far off were the old reports",
                [Item(w, (stem(w),)) for w in ("old", "reports")], "number")
    off.size = True
    miles = view_of("Old reports said the ship sank 30 miles to the north, off the cape.")
    assert sinks(off, [1.0, 1.0], [False, False], {"old": FIELD_TEXT, "report": FIELD_TEXT},
                 miles) is None


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
    # "how old are Paredes-Holm's sons": her own age is none of theirs (but "her 9-year-old
    # son" gives his)
    mom = Item("paredes-holm", ("@lucia-paredes-holm", "parede", "holm"),
               people=("lucia-paredes-holm",), pos=0)
    sons = Query("how old are paredes-holm's sons", words("how old are paredes-holm's sons"),
                 [mom, Item("sons", ("son",), pos=1)], answer_type="age")
    hers = view_of("Lucia Paredes-Holm, 34, grows peppers with her sons.",
                   people=("lucia-paredes-holm",))
    kin_fields = {"@lucia-paredes-holm": FIELD_TEXT, "son": FIELD_TEXT}
    assert sinks(sons, [1.0, 1.0], [False, False], kin_fields, hers) == "not their age"
    theirs = view_of("Lucia Paredes-Holm, 34, grows peppers with her 9-year-old son.",
                     people=("lucia-paredes-holm",))
    assert sinks(sons, [1.0, 1.0], [False, False], kin_fields, theirs) is None
    # asked by a role ("how old is the bakery owner"): the age given beside the holder's name
    owner = Item("owner", ("@mariela-ostrowski", "owner"), people=("mariela-ostrowski",), pos=0)
    role = Query("how old is the bakery owner", words("how old is the bakery owner"), [owner],
                 answer_type="age")
    said = view_of('"The floor shook," said Mariela Ostrowski, 54, who owns a bakery.',
                   people=("mariela-ostrowski",))
    assert sinks(role, [1.0], [False], {"@mariela-ostrowski": FIELD_TEXT}, said) is None
    assert sinks(role, [1.0], [False], {"@mariela-ostrowski": FIELD_TEXT}, panda) == \
        "not their age"
    dad = Query("how old is ruiz's dad", words("how old is ruiz's dad"),
                [Item("ruiz", ("@ana-ruiz", "ruiz"), people=("ana-ruiz",), pos=0),
                 Item("dad", ("dad",), pos=1)], answer_type="age")
    father = view_of("Her dad, Tom Baylor, 81, has farmed for decades.", people=("ana-ruiz",))
    assert sinks(dad, [1.0, 1.0], [False, False], {"@ana-ruiz": FIELD_TEXT, "dad": FIELD_TEXT},
                 father) is None


def test_a_word_of_paying_the_bank_lacks_asks_a_sum_the_record_must_give() -> None:
    """"how much will the park cost", with "cost" nowhere in the bank: the question asks a
    sum of money, which "a $4.2 million skate park" gives and "a skate park built in 1998"
    does not; the word itself does not make the question about something else."""
    query = Query("how much will the park cost", [],
                  [Item("park", ("park",), ordinary=True), Item("cost", ("cost",), ordinary=True)],
                  answer_type="number")
    fields = {"park": 1}
    priced = view_of("The council voted to build a $4.2 million skate park.")
    assert sinks(query, [1.0, 2.0], [False, True], fields, priced) is None
    assert sinks(query, [1.0, 2.0], [False, True], fields,
                 view_of("Its only skate park was built in 1998.")) == "no figure"


def test_which_three_asks_for_them_named_not_counted() -> None:
    """"which three states saw the fireball": "seen across parts of three states" counts
    them and names none; "Kansas, Nebraska and Iowa, three states" names them."""
    ws = words("which three states saw the fireball")
    query = Query("which three states saw the fireball", ws,
                  [Item("states", ("state",), pos=0), Item("fireball", ("firebal",), pos=1)],
                  at=[ws.index("states"), ws.index("fireball")])
    fields = {"state": FIELD_TEXT, "firebal": FIELD_TEXT}
    counted = view_of("The fireball was seen across parts of three states.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, counted) == "unnamed"
    named = view_of("The fireball was seen in Kansas, Nebraska and Iowa, three states.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, named) is None


def test_a_name_only_the_passage_has_is_swapped_for_another_before_the_same_word() -> None:
    """"how many Harlan & Pike employees does Local 2214 represent": a sentence saying
    "8,000 Greenbough employees", whose paragraph names Harlan & Pike, speaks of another
    company's employees; the sentence naming Harlan & Pike's employees, or the question
    asking Greenbough's, is not sunk; nor is "Bramwell replacing its pipes" by "Awolowo
    replacing them" (a doer, not a name modifying the same noun)."""
    ws = words("how many Harlan & Pike employees does Local 2214 represent")
    items = [Item("harlan", ("harlan",), (), True, pos=0), Item("pike", ("pike",), pos=1),
             Item("employees", ("employe",), pos=2), Item("local", ("local",), pos=3),
             Item("2214", ("2214",), (), True, pos=4), Item("represent", ("repres",), pos=5)]
    query = Query("how many Harlan & Pike employees does Local 2214 represent", ws, items,
                  answer_type="number", counts=True, at=[2, 3, 4, 6, 7, 8])
    other = view_of("Local 2214, which represents about 8,000 Greenbough employees, said so.")
    passage = {"harlan": FIELD_PASSAGE, "pike": FIELD_PASSAGE, "employe": FIELD_TEXT,
               "local": FIELD_TEXT, "2214": FIELD_TEXT, "repres": FIELD_TEXT}
    weights, unknown = [1.0] * 6, [False] * 6
    assert sinks(query, weights, unknown, passage, other) == "another named"
    own = dict(passage, harlan=FIELD_TEXT, pike=FIELD_TEXT)
    same = view_of("Local 2214 represents about 8,000 Harlan & Pike employees.")
    assert sinks(query, weights, unknown, own, same) is None
    plain = view_of("Local 2214 represents about 8,000 of the chain's employees.")
    assert sinks(query, weights, unknown, passage, plain) is None


def test_a_question_miscasting_someone_is_answered_by_no_record() -> None:
    """"what did Mayor Ruth Abernathy say", the mayor being someone else: no record of
    hers answers it, however surely it is hers."""
    ws = words("what did mayor ruth abernathy say")
    query = Query("what did mayor ruth abernathy say", ws,
                  [Item("ruth abernathy", ("@ruth-abernathy",), ("ruth-abernathy",), True)],
                  at=[ws.index("ruth")], miscast=True)
    hers = view_of("Abernathy said the money should go to roads.", ("ruth-abernathy",))
    assert sinks(query, [1.0], [False], {"@ruth-abernathy": FIELD_PERSON}, hers) == "miscast"


def test_a_person_asked_is_not_matched_by_a_namesakes_record() -> None:
    """"how long did Joanne Kessling spend fixing bridges": Martin Kessling's words share her
    family name alone; a record of hers, or naming her in full, may answer."""
    joanne = Item("joanne kessling", ("@joanne-kessling", "joann", "kessl"),
                  people=("joanne-kessling",), pos=0)
    fixing = Item("fixing", ("fix",), pos=1)
    query = Query("how long did joanne kessling spend fixing",
                  words("how long did joanne kessling spend fixing"), [joanne, fixing],
                  answer_type="span")
    his = view_of("Martin Kessling said he spent forty years fixing bridges.",
                  people=("martin-kessling",))
    fields = {"kessl": FIELD_TEXT, "fix": FIELD_TEXT}
    assert sinks(query, [1.0, 1.0], [False, False], fields, his) == "namesake"
    hers = view_of("Joanne Kessling spent forty years fixing bridges.",
                   people=("joanne-kessling",))
    own = {**fields, "@joanne-kessling": FIELD_TEXT, "joann": FIELD_TEXT}
    assert sinks(query, [1.0, 1.0], [False, False], own, hers) is None
    # a record naming no one ("the Kesslings spent forty years ...") is left to the model
    theirs = view_of("The Kesslings spent forty years fixing bridges.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, theirs) is None


def test_what_month_needs_a_month_named() -> None:
    """"in what month does the team play": a record naming no month ("today", "Saturday",
    a year) does not say which; one naming a month does."""
    query = asked("in what month does the team play",
                  [Item("team", ("team",)), Item("play", ("play",))], "date")
    query.month = True
    fields = {"team": FIELD_TEXT, "play": FIELD_TEXT}
    for text in ("Today the team plays Cornell.", "The team played on Saturday in 1998."):
        assert sinks(query, [1.0, 1.0], [False, False], fields, view_of(text)) == "no month"
    named = view_of("The team plays its rival every February.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, named) is None


def test_a_question_asking_for_more_things_than_a_record_lists() -> None:
    """"what are four examples of bridges": a record listing three names no fourth; one
    listing four, or saying "four", may answer; so may any record for "what are two"."""
    query = asked("what are four examples of bridges", [Item("bridges", ("bridg",))])
    query.listed = 4
    fields = {"bridg": FIELD_TEXT}
    three = view_of("The Ames bridge, the Boyd bridge and the Cole bridge are examples.")
    assert sinks(query, [1.0], [False], fields, three) == "too few"
    four = view_of("The Ames, Boyd, Cole and Dunn bridges are examples.")
    assert sinks(query, [1.0], [False], fields, four) is None
    said = view_of("The four bridges are examples of the style.")
    assert sinks(query, [1.0], [False], fields, said) is None
    query.listed = 2
    assert sinks(query, [1.0], [False], fields, three) is None


def test_why_with_not_negating_the_predicate_needs_the_negation() -> None:
    """"why did Ortiz plead not guilty": "not" negates "guilty" (right after the verb of the
    named subject), so "Ortiz pleaded guilty" says the opposite; "why didn't Ortiz plead
    guilty" may be answered by a reason given without a negation."""
    from bot.engine import Engine
    from bot.models import Bank, Citation
    from tests.engine_records import BEN, SOURCE

    text = "Ortiz pleaded guilty in April to criminal mischief because he wanted a deal."
    fact = Fact("plea", text, (Citation("wire", "pleaded guilty"),), ("ben-ortiz",), (), None,
                None)
    engine = Engine(Bank(sources=(SOURCE,), people=(BEN,), facts=(fact,), quotes=()))
    assert not engine.answer("why did ortiz plead not guilty").answered
    assert engine.answer("why did ortiz plead guilty").record_id == "plea"
    assert engine.answer("why didn't ortiz plead guilty").record_id == "plea"


def test_why_is_not_answered_by_a_record_restating_the_question() -> None:
    """"why did her season almost not happen": "Her season almost did not happen." says
    nothing the question does not, so it gives no reason; "... because she broke her wrist"
    does. Asked what, a record in the question's words may answer ("what fluid is used in a
    mercury turbine": "Mercury is the fluid used in the mercury turbine")."""
    ws = words("why did her season almost not happen")
    why = asked("why did her season almost not happen",
                [Item("season", ("season",)), Item("almost", ("almost",))], "reason")
    assert why.words == ws
    fields = {"season": FIELD_TEXT, "almost": FIELD_TEXT}
    assert sinks(why, [1.0] * 2, [False] * 2, fields,
                 view_of("Her season almost did not happen.")) == "restated"
    assert sinks(why, [1.0] * 2, [False] * 2, fields, view_of(
        "Her season almost did not happen because she broke her wrist.")) is None
    what = asked("what fluid is used in a mercury turbine",
                 [Item("fluid", ("fluid",)), Item("mercury", ("mercuri",)),
                  Item("turbine", ("turbin",))])
    used = view_of("Mercury is the fluid used in the mercury turbine.")
    assert sinks(what, [1.0] * 3, [False] * 3,
                 {"fluid": FIELD_TEXT, "mercuri": FIELD_TEXT, "turbin": FIELD_TEXT}, used) is None


def test_which_people_of_a_kind_are_named_not_a_body_of_them() -> None:
    """"which supervisors voted yes": "the Board of Supervisors voted 4-1" names no one of
    them; "Supervisors Ann Lee and Bo Park voted yes" does."""
    text = "which supervisors voted yes"
    query = Query(text, words(text), [Item("supervisors", ("supervisor",)),
                                      Item("voted", ("vote",)), Item("yes", ("yes",))])
    fields = {"supervisor": FIELD_TEXT, "vote": FIELD_TEXT, "yes": FIELD_TEXT}
    body = view_of("The Brindle County Board of Supervisors voted yes, 4-1, on Tuesday.")
    assert sinks(query, [1.0] * 3, [False] * 3, fields, body) == "unnamed"
    named = view_of("Supervisors Ann Lee and Bo Park voted yes.", people=("ann-lee", "bo-park"))
    assert sinks(query, [1.0] * 3, [False] * 3, fields, named) is None


def test_an_opposite_in_the_passage_only_said_of_something_else_does_not_sink() -> None:
    """"where's the new bakery": the record's subheading "Bakery opens in old bank building"
    says "old" of the building, not of the bakery its own words name; in its own words, or
    with the bakery itself missing, "old" still turns "new" around."""
    query = asked("where is the new bakery", [Item("new", ("new",)), Item("bakery", ("bakeri",))],
                  "place")
    weights, known = [1.0, 1.0], [False, False]
    fields = {"bakeri": FIELD_TEXT}
    assert sinks(query, weights, known, fields, plain_view(), {"old": FIELD_PASSAGE}) is None
    assert sinks(query, weights, known, fields, plain_view(), {"old": FIELD_TEXT}) == "opposite"
    passage_only = {"bakeri": FIELD_PASSAGE}
    assert sinks(query, weights, known, passage_only, plain_view(),
                 {"old": FIELD_PASSAGE}) == "opposite"


def test_who_is_answered_by_a_record_naming_someone_or_a_kind_of_person() -> None:
    """"who voted yes on the council": "The council voted 6-1 to settle" names no one who
    did; "Council members Ana Ruiz and Tom Lee voted yes" does, and so does a record naming a
    kind of person ("A night security guard found the leak" for "who found the leak"). "Who
    said ..." keeps its own gate."""
    query = asked("who voted yes on the council",
                  [Item("voted", ("vote",)), Item("yes", ("yes",)), Item("council", ("council",))],
                  answer_type="person")
    fields = {"vote": FIELD_TEXT, "council": FIELD_TEXT}
    ones = [1.0] * 3
    no_one = view_of("The council voted 6-1 to settle the lawsuit.")
    # (who voted yes: its members, by name, as "which members voted yes" asks them)
    assert sinks(query, ones, [False] * 3, fields, no_one) == "unnamed"
    named = view_of("Council members Ana Ruiz and Tom Lee voted yes.", ("ana-ruiz", "tom-lee"))
    assert sinks(query, ones, [False] * 3, fields, named) is None
    found = asked("who found the leak", [Item("found", ("found",)), Item("leak", ("leak",))],
                  answer_type="person")
    guard = view_of("A night security guard found the leak at 3:15 a.m.")
    assert sinks(found, [1.0, 1.0], [False, False], {"found": FIELD_TEXT, "leak": FIELD_TEXT},
                 guard) is None


def test_who_else_besides_someone_is_answered_only_by_someone_else_named() -> None:
    """"who else voted against it besides obi": "Council member Terrence Obi, who cast one of
    the two votes against it" names no one else (his first name is his, and "member" is
    him); a record naming another voter answers. Asked who Obi voted for, a record naming
    him alone names no one either, unless it says who is not known ("It isn't known who Kim
    Kardashian voted for")."""
    def about_obi(question: str, verb: str = "voted") -> Query:
        ws = words(question)
        items = [Item(verb, ("vote",), pos=0),
                 Item("obi", ("@terrence-obi", "obi"), ("terrence-obi",), pos=1)]
        return Query(question, ws, items, answer_type="person",
                     at=[ws.index(verb), ws.index("obi")])

    fields = {"vote": FIELD_TEXT, "obi": FIELD_TEXT, "@terrence-obi": FIELD_PERSON}
    besides = about_obi("who else voted against it besides obi")
    alone = view_of("Council member Terrence Obi, who cast one of the two votes against it, "
                    "said he worried.", ("terrence-obi",))
    assert sinks(besides, [1.0, 1.0], [False, False], fields, alone) == "unnamed"
    both = view_of("Council member Terrence Obi, who voted against it along with member Ada "
                   "Roe, said he worried.", ("terrence-obi", "ada-roe"))
    assert sinks(besides, [1.0, 1.0], [False, False], fields, both) is None
    # without "besides", a kind of person in the record ("member") may be the one asked for
    # ("who backed obi"); but who voted against him is someone named other than him
    backed = about_obi("who backed obi", "backed")
    assert sinks(backed, [1.0, 1.0], [False, False], fields, alone) is None
    voted = about_obi("who voted against obi")
    assert sinks(voted, [1.0, 1.0], [False, False], fields, alone) == "unnamed"
    unknown = view_of("It isn't known who Terrence Obi voted for.", ("terrence-obi",))
    whom = about_obi("who did obi vote for", "vote")
    assert sinks(whom, [1.0, 1.0], [False, False], fields, unknown) is None
    onto = view_of("Terrence Obi was voted onto the board in 2019.", ("terrence-obi",))
    assert sinks(whom, [1.0, 1.0], [False, False], fields, onto) == "no one"


def test_what_was_the_vote_needs_a_tally() -> None:
    """"what was the final vote": "voted 5-2" gives it; "Abara, one of the two no votes" is
    one vote cast, no tally."""
    query = asked("what was the final vote", [Item("vote", ("vote",))])
    fields = {"vote": FIELD_TEXT}
    one = view_of("Council member Denise Abara, one of the two no votes, said she supported "
                  "the idea.", ("denise-abara",))
    assert sinks(query, [1.0], [False], fields, one) == "no figure"
    tally = view_of("The Calder City Council voted 5-2 Monday night to build a restroom.")
    assert sinks(query, [1.0], [False], fields, tally) is None


def test_words_of_the_one_asked_may_deny_what_is_asked_in_other_words() -> None:
    """"what did Vancamp say the evidence didn't prove": his "The evidence did not show that
    the spray caused this damage" denies it in other words (his words negating something
    pass the gate of a negation governing another word)."""
    from bot.engine import Engine
    from bot.models import Bank, Citation, Person, Quote, Source

    src = Source("gazette", "Plains Gazette", "Jury finds farm liable", None, "2025-05-03", None)
    cite = (Citation("gazette", "the verdict"),)
    bank = Bank(
        sources=(src,),
        people=(Person("gerald-vancamp", "Gerald Vancamp", ("Vancamp",), "lawyer", None),),
        facts=(Fact("f1", "The growers had to prove the spray drifted onto their fields.", cite),),
        quotes=(Quote("q1", "gerald-vancamp", "The evidence did not show that the spray caused "
                      "this damage.", "", cite),
                Quote("q2", "gerald-vancamp", "We will appeal the verdict.", "", cite)),
    )
    engine = Engine(bank)
    answer = engine.answer("what did vancamp say the evidence didn't prove")
    assert answer.answered and answer.record_id == "q1"
