"""bot/engine/negation.py: where a text's negations stand and the words each governs."""

from __future__ import annotations

from bot.engine.negation import (
    denied_before_reason,
    elided_negation,
    negated_terms,
    negation_scope,
    negations,
    relative_predicate,
    subject_asked,
    subject_denied,
    subject_predicate,
    unprefixed,
    widely_negated,
)
from bot.engine.normalize import stem, words
from bot.engine.question import Item, Query
from tests.engine_records import asked, view_of


def test_the_no_of_a_vote_is_an_answer_not_a_negation() -> None:
    """"which trustees voted no", "she said no to the offer": the "no" is what was voted or
    said; "no one was hurt", "did it pass or not" as before."""
    assert negations(["which", "trustees", "voted", "no"]) == []
    assert negations(["she", "said", "no", "to", "the", "offer"]) == []
    assert negations(["no", "one", "was", "hurt"]) == [0]
    assert negations(["did", "it", "pass", "or", "not"]) == []
    # "cast the only no vote", "the lone no vote": a vote cast; "there was no vote": none held
    assert negations(words("she cast the only no vote")) == []
    assert negations(words("it drew the lone no vote")) == []
    assert negations(words("the other no vote came from Ingrid Palacios")) == []
    assert negations(words("there was no vote on it")) == [2]
    # a number before it counts votes cast ("one of the two no votes": "two" is read as "2")
    assert negations(words("Hollister, one of the two no votes, called it protectionism")) == []


def test_a_negation_governs_three_content_words_within_six_words() -> None:
    """"did not fully fit into the old framework": fully, fit, old (three content words);
    the words between count toward the span, not the reach."""
    ws = words("it did not fully fit into the old framework")
    assert negation_scope(ws) == {3, 4, 5, 6, 7}
    assert negated_terms(ws) == {stem("fully"), stem("fit"), stem("old")}
    assert negation_scope(words("no one came")) == {1, 2}
    assert negation_scope(words("it passed")) == set()


def test_a_word_of_un_negates_the_ordinary_word_it_is_made_of() -> None:
    """"unmonitored" negates "monitored"; "until", "union", "unless" negate nothing (what
    follows "un" is no ordinary word of four letters or more)."""
    assert unprefixed("unable") == "able"
    assert unprefixed("unmonitored") == "monitored"
    for word in ("until", "union", "unless", "unique", "under", "uncle"):
        assert unprefixed(word) is None, word
    assert {stem("monitored"), stem("unmonitored")} <= negated_terms(["left", "unmonitored"])


def test_a_question_asks_for_its_subject_when_its_verb_follows_the_question_word() -> None:
    """Where the predicate begins: "what fits | the framework", "what algorithm is | always
    practical", "who owns | the farm"; none for an object or a complement ("what did the
    council approve", "what is the name", "who is ...", a name after "was") or when no verb
    stands near."""
    def at(question: str, named: frozenset[int] = frozenset()) -> int | None:
        return subject_asked(words(question), set(named))
    assert at("What fits the framework of complexity classes?") == 1
    assert at("What algorithm is always practical?") == 3
    assert at("What are intended as a practical computing technology?") == 2
    assert at("what company makes the bags") == 2
    assert at("who owns the farm") == 1
    assert at("What did the council approve") is None
    assert at("What is the name of the school") is None
    assert at("What are the three branches") is None
    assert at("which year was the pipe replaced") is None
    assert at("who is officer Kuehn") is None
    assert at("what was Ridgeline mailing address", frozenset({2})) is None
    assert at("how many people came") is None
    # a subject too long for the verb to be found, a predicate opened by an adverb
    assert at("what part of the innate immune system directly attacks microbes") == 7
    assert at("what part of the innate immune system did researchers directly study") is None
    assert at("what part of the immune system is most likely affected") is None


def test_a_record_negating_the_predicate_denies_the_subject_asked_for() -> None:
    """"what fits the framework": a record saying some classes "do not fit into this
    framework" names what does not fit; one saying they fit names what does. Not a word of
    "un-" ("undecided" for "the deciding vote"), nor a negated question, nor what someone
    said (quotes negate freely)."""
    items = [Item("fits", (stem("fits"),)), Item("framework", (stem("framework"),))]
    query = asked("what fits the framework", items)
    predicate = subject_predicate(query)
    assert predicate == {stem("fits"), stem("framework")}
    denied = view_of("Some complexity classes do not fit into this framework.")
    said = view_of("Most complexity classes fit into this framework.")
    assert subject_denied(predicate, denied.negated_terms, denied.sequence)
    assert not subject_denied(predicate, said.negated_terms, said.sequence)
    vote = asked("who cast the deciding vote", [Item("cast", ("cast",)),
                                                Item("deciding", (stem("deciding"),)),
                                                Item("vote", ("vote",))])
    undecided = view_of("The deciding vote came from Ruiz, who had said he was undecided.")
    assert subject_predicate(vote) and not subject_denied(
        subject_predicate(vote), undecided.negated_terms, undecided.sequence)
    negated = asked("what does not fits the framework", items)
    negated.negated = True
    assert subject_predicate(negated) == frozenset()
    speech = asked("what fits the framework", items)
    speech.speech = True
    assert subject_predicate(speech) == frozenset()


def test_unable_negates_what_it_governs() -> None:
    """"the cells are unable to remember" says they do not remember ("unable to" is
    "cannot"): a negation governing "remember", so a question saying it ("what cells are
    unable to remember") is negated and a record saying the cells remember does not answer."""
    ws = words("which cells are unable to remember pathogens")
    assert negations(ws) == [3]
    assert stem("remember") in negated_terms(ws)


def test_a_refusal_or_a_failure_to_do_something_denies_the_doing() -> None:
    """"The library system has refused to pay a ransom": it did not pay, so "why did the
    county end up paying the ransom" is not answered by it; "toxins that fail to enter"
    did not enter. But a fall ("declined to 3 percent") and "declined to the" deny nothing."""
    ws = words("The library system has refused to pay a $750,000 ransom")
    assert negations(ws) == [4] and stem("pay") in negated_terms(ws)
    for text, verb in (("toxins that fail to enter an organism", "enter"),
                       ("the mayor declined to comment", "comment"),
                       ("she is refusing to leave", "leave")):
        assert stem(verb) in negated_terms(words(text)), text
    assert negations(words("sales declined to 3 percent")) == []
    assert negations(words("the rate declined to the lowest in years")) == []
    assert negations(words("the refusal to pay")) == []  # (a noun: read as any other word)


def test_a_negation_before_the_reason_given_denies_what_the_reason_is_of() -> None:
    """"normal cells are not attacked by NK cells because they express ..." denies
    "attacked"; "the raids stopped because the raiders could not cross" denies nothing of the
    raids (its negation is the reason's); only the sentence giving the reason is read."""
    denied = denied_before_reason(
        "Normal cells are not recognized and attacked by NK cells because they express MHC.")
    assert stem("attacked") in denied
    assert denied_before_reason("The raids stopped because the raiders could not cross.") \
        == frozenset()
    assert denied_before_reason("We never moved. The plant closed because of costs.") \
        == frozenset()
    assert denied_before_reason("The plant was not closed.") == frozenset()


def test_a_relative_clause_says_what_the_thing_asked_for_is() -> None:
    """"what do tumors express that are | also found on normal cells": its predicate, which
    "antigens that are not found on normal cells" denies; "who said that ..." has none."""
    ws = words("what do tumors express that are also found on normal cells")
    assert relative_predicate(ws) == 6
    assert relative_predicate(words("who said that call ended this")) is None
    assert relative_predicate(words("what did the mayor say")) is None
    items = [Item("tumors", (stem("tumors"),)), Item("express", (stem("express"),)),
             Item("found", (stem("found"),)), Item("normal", ("normal",)),
             Item("cells", ("cell",))]
    query = asked("what do tumors express that are also found on normal cells", items)
    predicate = subject_predicate(query)
    assert stem("found") in predicate
    record = words("tumors express antigens that are not found on normal cells")
    assert subject_denied(predicate, negated_terms(record), [stem(w) for w in record])


def test_a_record_negation_is_read_widely_for_what_a_question_says_is_not_so() -> None:
    """"what did the minister say people won't forget": "I don't think anybody here is going
    to forget the sound" negates "forget" beyond the three words a negation governs (so the
    gate "negation elsewhere" does not sink it), as "is not going to discuss the details of
    its communications" negates "communications"; not past its clause."""
    from bot.engine.sinks import sinks
    from tests.engine_records import view_of

    wide = widely_negated("I don't think anybody here is going to forget the sound.")
    assert stem("forget") in wide
    assert stem("forget") not in negated_terms(
        words("I don't think anybody here is going to forget the sound."))
    assert not widely_negated("Everybody here will remember the sound.")
    assert stem("forget") not in widely_negated("Nobody knew, and they will forget it.")
    query = Query("what did people say they won't forget", ["what", "did", "people", "say",
                  "they", "wont", "forget"], [Item("forget", ("forget",))], negated=True)
    query.at = [6]
    fields = {"forget": 1}
    minister = view_of("I don't think anybody here is going to forget the sound it made.")
    assert sinks(query, [1.0], [False], fields, minister) is None
    other = view_of("Nobody knew the bell was coming down, and they will forget it.")
    assert sinks(query, [1.0], [False], fields, other) == "negation elsewhere"


def test_a_predicate_opened_by_an_adverb_is_denied_by_a_record_negating_it() -> None:
    """"what part of the innate immune system directly attacks microbes": a record saying a
    part "does not directly attack invading microbes" names what does not (SQuAD's kind of
    unanswerable question); one saying a part attacks them names what does."""
    question = "what part of the innate immune system directly attacks microbes"
    items = [Item(w, (stem(w),)) for w in ("part", "innate", "immune", "system", "directly",
                                           "attacks", "microbes")]
    predicate = subject_predicate(asked(question, items))
    assert predicate == {stem("directly"), stem("attacks")}
    denied = view_of("Natural killer cells are a component of the innate immune system which "
                     "does not directly attack invading microbes.")
    said = view_of("Macrophages are the part of the innate immune system that directly "
                   "attacks microbes.")
    assert subject_denied(predicate, denied.negated_terms, denied.sequence)
    assert not subject_denied(predicate, said.negated_terms, said.sequence)


def test_a_negation_leaving_out_its_verb_denies_what_a_question_negates() -> None:
    """"who said nobody is checking the air in most rinks": "Parents assume somebody is
    checking the air. Right now, in most rinks, nobody is." leaves the verb out; its quote
    is no record negating something else (the gate "negation elsewhere" sank it). A negation
    of a quantity ("many of which (but not all) are recognized") leaves out no verb."""
    from bot.engine.sinks import sinks

    assert elided_negation("Right now, in most rinks in this state, nobody is.")
    assert elided_negation("If you don't, we're going to tell you where to get one.")
    assert not elided_negation("Cells send out alarm signals, many of which (but not all) are "
                               "recognized by the same receptors.")
    assert not elided_negation("Nobody is checking the air.")
    query = Query("who said nobody is checking the air", ["who", "said", "nobody", "is",
                  "checking", "the", "air"], [Item("checking", ("check",)), Item("air", ("air",))],
                  negated=True)
    query.at = [4, 6]
    fields = {"check": 1, "air": 1}
    rinks = view_of("Parents assume that somebody is checking the air. Right now, in most rinks, "
                    "nobody is.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, rinks) is None
    other = view_of("Nobody knew it, and parents assume somebody is checking the air.")
    assert sinks(query, [1.0, 1.0], [False, False], fields, other) == "negation elsewhere"


def test_turning_something_down_denies_it_but_not_when_it_was_turned_down_before() -> None:
    """"Prison officials denied his request to attend her funeral": he did not attend (so
    "why did the prison let him go to the funeral" has no answer there); "ballots that had
    been rejected on election night were accepted" denies no acceptance."""
    denied = words("Prison officials denied his request to attend her funeral.")
    assert denied.index("denied") in negations(denied)
    assert stem("attend") in negated_terms(denied)
    passive = words("Two ballots that had been rejected on election night were accepted.")
    assert negations(passive) == []
    assert negations(words("The jury rejected the request.")) == [2]


def test_asked_why_someone_refused_a_record_saying_they_do_it_gives_no_reason() -> None:
    """"why did the bank refuse to donate the money": "the bank would donate the full $41,000"
    says the opposite of what is asked the reason of (read like a question saying "not");
    "the bank refused to donate the money because ..." answers."""
    from bot.engine.negation import refusal_asked
    from bot.engine.sinks import sinks

    query = asked("why did the bank refuse to donate the money",
                  [Item("bank", ("bank",)), Item("refuse", ("refus",)),
                   Item("donate", ("donat",)), Item("money", ("money",))], "reason")
    query.negated = True
    assert refusal_asked(query) == {"donat"}
    weights, unknown = [1.0] * 4, [False] * 4
    fields = {"bank": 1, "donat": 1, "money": 1}
    gives = view_of("The bank said it would donate the money to the program anyway.")
    assert sinks(query, weights, unknown, fields, gives) == "negation"
    refused = view_of("The bank refused to donate the money because the steer was disqualified.")
    assert sinks(query, weights, unknown, {**fields, "refus": 1}, refused) is None


def test_asked_why_someone_stopped_doing_something_a_record_must_say_they_no_longer_do() -> None:
    """"why did the rotary club stop giving out scholarships": "the club uses the proceeds to
    give scholarships" says it still does; "the club is no longer giving scholarships because
    ..." answers. Only a why question reads "stop" so ("when does the library stop charging
    fines" is answered by "will stop charging fines in July")."""
    from bot.engine.negation import refusal_asked
    from bot.engine.sinks import sinks

    items = [Item("rotary", ("rotari",)), Item("club", ("club",)), Item("stop", ("stop",)),
             Item("giving", ("give",)), Item("scholarships", ("scholarship",))]
    query = asked("why did the rotary club stop giving out scholarships", items, "reason")
    assert refusal_asked(query) == {"give"}
    assert not refusal_asked(asked("when does the rotary club stop giving out scholarships",
                                   items, "date"))
    weights, unknown = [1.0] * 5, [False] * 5
    fields = {"rotari": 1, "club": 1, "give": 1, "scholarship": 1}
    still = view_of("The Rotary Club uses the proceeds to give scholarships to students.")
    assert sinks(query, weights, unknown, fields, still) == "negation elsewhere"
    ended = view_of("The Rotary Club is no longer giving scholarships because the fair lost money.")
    assert sinks(query, weights, unknown, fields, ended) is None
