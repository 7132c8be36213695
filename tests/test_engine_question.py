"""bot/engine/question.py: a question read as named steps (typos fixed, names found, the kind
of answer asked for, speech, "who is", negation) against a bank's vocabulary."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.index import Vocabulary
from bot.engine.memory import Memory, visible_to
from bot.engine.names import NameTable
from bot.engine.normalize import stem
from bot.engine.question import (
    Query,
    read,
    small_talk,
)
from bot.models import Bank, Citation, Fact, Person, Source
from tests.engine_records import ADA, read_question, small_bank

_read = read_question


def test_a_misspelt_word_is_corrected_to_the_banks_own() -> None:
    query = _read("when was the brigde approvd")
    surfaces = [item.surface for item in query.items]
    assert "bridge" in surfaces and any(item.corrected for item in query.items)


def test_a_persons_name_or_alias_is_one_item_with_the_person() -> None:
    query = _read("what did mayor quill say about the bridge")
    assert query.people == (ADA.id,) and query.speech


def test_the_act_asked_about_is_the_verb_right_after_the_named_subject() -> None:
    """"why did ada quill approve the bridge": approving is what the question turns on; in
    "why does ada quill say the bridge ..." the verb of saying (read as no item) stands
    between, so "bridge" is no act."""
    focus = [item.surface for item in _read("why did ada quill approve the bridge").items
             if item.focus]
    assert focus == ["approve"]
    assert not any(item.focus for item in
                   _read("why does ada quill say the bridge is late").items)


def test_the_thing_counted_is_every_word_read_from_the_word_after_how_many() -> None:
    """"how many bridgecosts": read as "bridge" and "costs" (a compound the bank lacks), the
    thing counted is both, not the verb after them."""
    query = _read("how many bridgecosts were approved")
    assert query.counts and query.counted == {stem("bridge"), stem("costs")}


def test_what_share_asks_for_a_figure() -> None:
    assert _read("what share of the bridge did the council pay").answer_type == "number"
    assert _read("how far is the bridge from riverton").size
    assert not _read("how many bridges").size


def test_what_day_asks_for_a_day() -> None:
    assert _read("what day did the bridge open").day
    assert _read("what date was the bridge approved").day
    assert not _read("when did the bridge open").day
    assert not _read("what time did the bridge open").day


def test_what_happened_asks_for_a_summary_and_where_it_happened_for_its_place() -> None:
    """"what happened": the story; "where / when / what time did it happen": the story too,
    for its place or time (the kind of answer asked stays: a lead without a clock time does
    not say what time)."""
    assert _read("what happened").summary and _read("how did it happen").summary
    for asked, kind in (("where did it happen", "place"), ("what time did it happen", "date"),
                        ("when did this happen", "date")):
        query = _read(asked)
        assert query.summary and query.answer_type == kind, asked
    assert not _read("what happened to the bridge").summary
    # when or where something happened: the story of that, if a title names it (Engine.rank)
    assert _read("when did the bridge vote happen").summary
    assert not _read("why did the bridge vote happen").summary


def test_or_not_offers_both_answers_and_negates_nothing() -> None:
    assert not _read("did the bridge open or not").negated
    assert not _read("whether or not the bridge opened").negated
    assert _read("did the bridge not open").negated


def test_who_is_asks_for_a_description() -> None:
    assert _read("who is ada quill").describe == ADA.id
    assert _read("who is ada quill and what did she approve").describe is None


def test_whos_with_a_name_alone_asks_for_a_description() -> None:
    assert _read("who's ada quill?").describe == ADA.id
    assert _read("who's approving the bridge").describe is None


@pytest.mark.parametrize("opening", ["hey everyone,", "ok so", "yo bot", "hi guys, well"])
def test_a_greeting_or_address_before_the_question_is_read_past(opening: str) -> None:
    plain = _read("what did mayor quill say about the bridge")
    query = _read(f"{opening} what did mayor quill say about the bridge")
    assert query.speech and query.people == plain.people
    assert [i.surface for i in query.items] == [i.surface for i in plain.items]
    assert _read(f"{opening} who is ada quill").describe == ADA.id


def test_how_much_asks_for_a_figure_and_not_is_a_negation() -> None:
    assert _read("how much will the bridge cost").answer_type
    assert _read("why was the bridge not approved").negated


def test_how_many_counts_the_thing_named_next() -> None:
    assert _read("how many bridges did the council approve").counted == {"bridg"}
    # with the plural noun a word right after "how many" modifies ("night lights"), not a verb
    assert _read("how many new bridges did the council approve").counted == {"new", "bridg"}
    assert _read("how many night lights were recalled").counted == {"night", "light"}
    assert _read("how many years passed before the vote").counted == {"year"}
    assert _read("when was the bridge approved").counted == frozenset()
    assert _read("how many new bridges did the council approve").counts
    assert not _read("how much did the bridge cost").counts


def test_an_unknown_word_is_kept_as_an_item() -> None:
    query = _read("what did the council say about volcanoes")
    assert "volcanoes" in [item.surface for item in query.items]


def test_where_with_a_word_only_saying_where_asks_the_place() -> None:
    """"where is the council based": the bank lacking "based", it asks only where the
    council is (else "based" sinks every answer, a word the coverage never uses); a bank
    saying "based" keeps it, and another question keeps it as any word."""
    where = _read("where is the council based")
    assert [it.surface for it in where.items] == ["council"] and where.answer_type == "place"
    assert "headquartered" not in [it.surface for it in _read(
        "where is the council headquartered").items]
    # "where was the tournament held": where it took place ("held" the bank never says)
    assert [it.surface for it in _read("where was the tournament held").items] == ["tournament"]
    assert "based" in [it.surface for it in _read("why is the council based there").items]
    kept = _read_saying("The council is based in a barn.", "where is the council based")
    assert "based" in [it.surface for it in kept.items]


def _read_saying(said: str, question: str) -> Query:
    """``question`` read against the small bank with one more fact, ``said``."""
    memory = Memory()
    for record in [*small_bank().records(), Fact("f9", said, (Citation("s1", said),))]:
        memory.upsert(record)
    return read(question, vocab=memory.vocab, known=memory.index.__contains__,
                names=memory.names, visible=visible_to(None))


def test_whats_the_deal_with_asks_about_what_follows() -> None:
    """"what's the deal with the bridge": the idiom asks about the bridge; its "deal" is no
    topic (but "what deal did the council make" asks about a deal)."""
    assert [it.surface for it in _read("what's the deal with the bridge").items] == ["bridge"]
    assert "deal" in [it.surface for it in _read("what deal did the council make").items]


def test_a_verb_of_deciding_the_bank_lacks_asks_what_was_decided() -> None:
    """"what did the council decide": the bank lacking "decide", it asks what the council
    did (news reports a decision by what was decided: "voted to", "approved"; and an
    announcement by what was announced); a bank saying "decided" keeps it."""
    assert [it.surface for it in _read("so what did the council decide").items] == ["council"]
    assert [it.surface for it in _read("when did the council announce the bridge").items] == \
        ["council", "bridge"]
    assert [it.surface for it in _read("why did the council decide to approve the bridge")
            .items] == ["council", "approve", "bridge"]
    kept = _read_saying("The council decided to wait.", "what did the council decide")
    assert "decide" in [it.surface for it in kept.items]


@pytest.mark.parametrize(("person", "misspelt", "someone_else"), [
    # one edit from the surname
    (Person("max-bass", "Max Bass", (), "", None), "what did max bas say",
     "what did max tyrone say"),
    # a longer surname, further off but close by Jaro-Winkler
    (Person("owen-pritchard", "Owen Pritchard", (), "", None), "who is owen pritchet",
     "who is owen pearson"),
])
def test_a_misspelt_surname_beside_the_given_name_is_the_same_person(
        person: Person, misspelt: str, someone_else: str) -> None:
    names = NameTable()
    names.add(person)
    vocab = Vocabulary()

    def read_it(text: str) -> Query:
        return read(text, vocab=vocab, known=lambda t: False, names=names,
                    visible=visible_to(None))

    query = read_it(misspelt)
    assert query.people == (person.id,) and not query.other_person
    assert [item.surface for item in query.items] == [person.name.split()[0].lower()]
    assert read_it(someone_else).other_person  # someone else of the same given name


def test_a_greeting_or_a_thank_you_asks_nothing() -> None:
    for said in ("good morning everyone", "thanks bot, super helpful", "hi there!", "ok cool"):
        assert _read(said).items == [], said
    # a greeting word inside a real question does not silence it
    assert _read("what happened on the night of the engine trial").items
    # pronouns that name no one ("anyone", "something") are not what a question is about
    assert [it.surface for it in _read("did anyone say something about engines").items] == [
        "engines"
    ]


def test_the_first_question_word_asks() -> None:
    assert _read("what happens when the bridge opens").answer_type == ""
    assert _read("when was the bridge approved").answer_type == "date"
    assert _read("how long did the council wait").answer_type == "span"
    for asked in ("how quickly did the crews arrive", "how soon will the bridge open"):
        assert _read(asked).answer_type == "span", asked  # ("within 20 minutes")
    for asked in ("how cold did it get", "how deep is the river", "how heavy is the beam"):
        assert _read(asked).answer_type == "number", asked  # (a figure in its units)
    # a clause opened by "when" before the question word that asks
    assert _read("when the bridge opened, what did the council approve").answer_type == ""
    # a name asked in any tense and number: "the name of", "the names of"
    for asked in ("what is the name of the bridge", "what was the name of the engineer",
                  "what are the names of the two engineers",
                  "what were the names of the two engineers"):
        assert _read(asked).answer_type == "name", asked
    # ... or as the thing's own: "what was the engineer's name", "what is the bridge name"
    for asked in ("what was the engineer's name", "whats the bridge name",
                  "what are the engineers' names"):
        assert _read(asked).answer_type == "name", asked
    assert _read("what name did the council give the bridge").answer_type == ""


def test_how_many_things_a_question_asks_for() -> None:
    assert _read("what are four examples of bridges").listed == 4
    assert _read("what three bridges did the council approve").listed == 3
    assert _read("what bridges did the council approve").listed == 0
    assert _read("how many bridges did the council approve").listed == 0


@pytest.mark.parametrize(("unit", "asked", "other"), [
    ("year", ("in what year was the bridge built", "which year did the bridge close"),
     ("when was the bridge built", "how many years did the bridge take")),
    ("month", ("in what month does the bridge open", "which month was the bridge approved"),
     ("what day does the bridge open", "how many months did the bridge take")),
])
def test_what_year_or_month_asks_for_one(unit: str, asked: tuple[str, ...],
                                         other: tuple[str, ...]) -> None:
    for question in asked:
        query = _read(question)
        assert query.answer_type == "date" and getattr(query, unit), question
    for question in other:
        assert not getattr(_read(question), unit), question


def test_how_much_asks_a_sum_of_money_with_a_word_of_paying_or_a_sale_for() -> None:
    for asked in ("how much did the bridge cost", "how much money did the council raise",
                  "how much will the old bridge sell for", "how much did the lot go for",
                  "how much does the town owe", "how much is parking",
                  "how much were tickets to the fair"):  # (a price: what "how much is" asks)
        assert _read(asked).money, asked
    for asked in ("how much steel did the council sell", "how much did the river rise",
                  "how many bridges did the council sell for scrap", "what did it sell for",
                  "how much is traffic expected to drop", "how much was the river rising"):
        assert not _read(asked).money, asked


def test_what_ending_on_a_word_of_paying_asks_a_price() -> None:
    """"what did the stadium cost", "what was the starting bid": a sum of money, as "how much"
    asks it; but a word of paying after a preposition is what the question is about."""
    for asked in ("what did the bridge cost", "what was the starting bid",
                  "what will the new jobs pay"):
        query = _read(asked)
        assert query.answer_type == "number" and query.money, asked
    for asked in ("what did the council decide about the money",
                  "what's happening with the auction money", "what did the bridge say about cost"):
        assert _read(asked).answer_type != "number", asked


def test_a_small_number_after_what_counts_the_answer_and_is_no_item() -> None:
    for question in ("what two bridges did the council approve",
                     "what are the two bridges the council approved",
                     "which three bridges were approved"):
        assert not any(item.surface.isdigit() for item in _read(question).items), question
    assert "1990" in [item.surface for item in _read("what bridge opened in 1990").items]
    kind = [item.surface for item in _read("what kind of bridge did the council approve").items]
    assert "kind" not in kind and "bridge" in kind




def test_a_word_the_bank_lacks_is_matched_by_a_related_form_it_has() -> None:
    """WordNet's forms of the same word ("pay" / "payment"), only for a word the bank lacks:
    a word it has is matched as it is."""
    bank = {"payment", "bridg", "decis"}
    query = read("who will pay for the bridge", vocab=Vocabulary(), known=bank.__contains__,
                 names=NameTable(), visible=visible_to(None))
    pay, bridge = query.items
    assert pay.related and pay.terms == ("pay", "payment")
    assert not bridge.related and bridge.terms == ("bridg",)


def test_a_kind_of_person_the_bank_lacks_is_matched_by_what_they_do() -> None:
    """"when can the strikers go back to work", the story saying "the strike": the person
    noun the bank lacks is read as the doing it has (:func:`bot.engine.forms.doer_terms`)."""
    bank = {"strike", "work"}
    query = read("when can the strikers go back to work", vocab=Vocabulary(),
                 known=bank.__contains__, names=NameTable(), visible=visible_to(None))
    strikers = next(it for it in query.items if it.surface == "strikers")
    assert strikers.related and "strike" in strikers.terms


def test_how_much_something_weighs_is_met_by_a_weight_given() -> None:
    """"how much did the steer weigh", the story never saying "weighs" but "the 1,340-pound
    steer": the verb is met by a unit of weight; a bank that says "weighs" matches it as
    written."""
    def items(bank: set[str]) -> dict[str, tuple[str, ...]]:
        query = read("how much did the steer weigh", vocab=Vocabulary(),
                     known=bank.__contains__, names=NameTable(), visible=visible_to(None))
        return {it.surface: it.terms for it in query.items}

    assert {"pound", "kilogram"} <= set(items({"steer", "pound"})["weigh"])
    assert items({"steer", "weigh"})["weigh"] == ("weigh",)


def test_a_real_english_word_is_not_corrected_to_a_word_of_the_bank() -> None:
    """"qualitative" is a word, if a rare one, not a typo of the bank's "quantitative";
    "quantitatve" is one."""
    memory = Memory()
    memory.upsert(Fact("q", "The quantitative answer to the problem is of little use.",
                       (Citation("wire", "quantitative answer"),), (), (), None, None))
    for question, corrected in (("what is the qualitative answer", False),
                                ("what is the quantitatve answer", True)):
        query = read(question, vocab=memory.vocab, known=memory.index.__contains__,
                     names=memory.names, visible=visible_to(None))
        first = query.items[0]
        assert first.corrected is corrected
        assert (first.surface == "quantitative") is corrected


def test_an_abbreviation_the_bank_lacks_is_read_as_the_words_it_stands_for() -> None:
    """WordNet's abbreviations ("ceo": chief executive officer), only for one the bank lacks:
    the coverage may say "chief executive" and never "CEO"."""
    bank = {"chief", "execut", "bridg"}
    query = read("who is the ceo of the bridge company", vocab=Vocabulary(),
                 known=bank.__contains__, names=NameTable(), visible=visible_to(None))
    assert [item.surface for item in query.items][:3] == ["chief", "executive", "officer"]
    kept = read("who is the ceo", vocab=Vocabulary(), known={"ceo"}.__contains__,
                names=NameTable(), visible=visible_to(None))
    assert [item.surface for item in kept.items] == ["ceo"]


def test_a_stance_word_the_bank_lacks_asks_what_someone_says_and_is_no_item() -> None:
    query = _read("what is ada quill's opinion on the bridge")
    assert [i.surface for i in query.items] == ["ada quill", "bridge"]
    # a bank that uses the word matches it as any other
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    memory.upsert(Fact("poll", "An opinion poll favoured the bridge.",
                       (Citation("wire", "An opinion poll"),)))
    query = read("what did the opinion poll say about the bridge", vocab=memory.vocab,
                 known=memory.index.__contains__, names=memory.names, visible=visible_to(None))
    assert "opinion" in [i.surface for i in query.items]


def test_is_x_a_y_asks_what_x_is() -> None:
    assert _read("is ada quill the mayor").describe == ADA.id
    assert _read("was ada quill a nurse?").describe == ADA.id
    assert _read("is ada quill approving the bridge").describe is None
    assert _read("is the bridge a mayor's project").describe is None


def test_chat_addressing_words_are_no_items() -> None:
    plain = [i.surface for i in _read("what did mayor quill say about the bridge").items]
    assert [i.surface for i in _read("fyi what did mayor quill say about the bridge cc").items] \
        == plain


def test_the_role_a_person_is_described_by_refers_to_them() -> None:
    """Ada Quill is the "mayor of Riverton": "the mayor" is her; "mayors" are not one
    person, "a mayor" is no one in particular, and "the mayor of Boston" someone else."""
    said = _read("what did the mayor say about the bridge")
    assert [it.people for it in said.items if it.people] == [(ADA.id,)]
    assert said.people == (ADA.id,)
    modified = _read("what did the Riverton mayor say")
    assert [it.surface for it in modified.items] == ["mayor"]  # "Riverton" is part of who
    for other in ("what did the mayors say", "what did a mayor say",
                  "what did the mayor of boston say"):
        assert not _read(other).people, other
    assert _read("what did the mayor of riverton say").people == (ADA.id,)
    assert not _read("what did the mayor of Boston say").people


def test_a_role_spelt_out_is_one_role_its_holder_described_by_its_words() -> None:
    """"the ceo" is spelt "chief executive officer": one item, the chief executive's (not
    the chief executive for "executive" and the chief financial officer for "officer")."""
    boss = Person("ann", "Ann Lind", description="chief executive")
    money = Person("gus", "Gus Ebb", description="chief financial officer")
    memory = Memory()
    for record in Bank(sources=(Source("s", "Wire", "Bikes"),), people=(boss, money), facts=(
            Fact("f", "Ann Lind and Gus Ebb ran the bike maker.", (Citation("s", "ran"),),
                 ("ann", "gus")),)).records():
        memory.upsert(record)
    for question, holder in (("what did the ceo say", "ann"), ("who is the cfo", "gus")):
        query = read(question, vocab=memory.vocab, known=memory.index.__contains__,
                     names=memory.names, visible=visible_to(None))
        assert [it.people for it in query.items if it.people] == [(holder,)], question
    # with no chief executive, no one is the ceo (not Gus, for "officer" alone): the words it
    # spells out are one name, each needed
    memory.remove("person", "ann")
    ceo = read("who is the ceo", vocab=memory.vocab, known=memory.index.__contains__,
               names=memory.names, visible=visible_to(None))
    assert [(it.people, it.specific) for it in ceo.items] == [((), True)] * 3


def test_a_role_of_a_body_is_one_described_by_the_role_alone() -> None:
    """"the general manager of Harborview Transit": someone described as "general manager"
    and nothing more may be them (an article seldom repeats its subject in a description);
    not so one whose description names another body, nor for a lower-case complement."""
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    memory.upsert(Person("ben-roe", "Ben Roe", (), "general manager"))
    memory.upsert(Fact("gm", "General manager Ben Roe said fares would rise.",
                       (Citation("wire", "General manager Ben Roe"),)))

    def people(question: str) -> tuple[str, ...]:
        return read(question, vocab=memory.vocab, known=memory.index.__contains__,
                    names=memory.names, visible=visible_to(None)).people

    assert people("who is the general manager of Harborview Transit") == ("ben-roe",)
    assert people("who is the general manager") == ("ben-roe",)
    assert people("who is the general manager of the bakery") == ()
    assert people("who is the general manager in the case") == ("ben-roe",)  # (no body)
    assert people("who is the general manager in Boston") == ()
    assert people("who is the mayor of Boston") == ()
    # a question all in lower case writes a body's name as ordinary words: "of castor falls",
    # with no article before it, is a name; "of the bakery" is not
    assert people("who is the general manager of castor falls") == ("ben-roe",)
    assert people("who is the general manager of the castor falls") == ()
    assert people("Who is the general manager of castor falls?") == ()  # (cased: no name)
    memory.upsert(Person("cy-dunn", "Cy Dunn", (), "Fernleaf's treasurer"))
    assert people("who is the treasurer of Harborview Transit") == ()


def test_a_question_with_a_phrasal_verb_meets_the_word_it_means() -> None:
    src = Source("ledger", "Coastal Ledger", "Fares")
    passes = "Monthly passes will go from $90 to $100."
    base = "The base fare will rise from $2.25 to $2.50."
    bank = Bank(sources=(src,), people=(), quotes=(), facts=tuple(
        Fact(fid, text, (Citation("ledger", text),)) for fid, text in
        (("passes", passes), ("base", base))))
    a = Engine(bank).answer("how much is the fare going up")
    assert a.answered and a.record_id == "base"


def test_what_someone_said_is_asked_about_the_words_after_about() -> None:
    assert _read("what did ada quill say about the bridge").about == ("bridg",)
    assert _read("what did ada quill say").about == ()
    assert _read("what did the bridge cost").about == ()  # not about anyone's words


def test_how_much_longer_asks_for_a_span() -> None:
    assert _read("how much longer is the bridge").answer_type == "span"
    assert _read("how much is the bridge").answer_type == "number"


def test_how_far_away_asks_for_a_distance_and_away_is_no_topic() -> None:
    """"how far away is X" asks for a span of length ("15 miles"); "how far has ridership
    recovered" may be answered by a percentage, so plain "how far" stays a number."""
    query = _read("how far away is the bridge")
    assert query.answer_type == "span"
    assert [it.surface for it in query.items] == ["bridge"]
    assert _read("how far has the bridge moved").answer_type == "number"


def test_words_of_emphasis_are_no_topic() -> None:
    """"what time did they actually vote": "actually" is no word the record must have."""
    assert [it.surface for it in _read("who actually approved the bridge").items] == [
        "approved", "bridge"]


def test_what_time_asks_for_a_time_of_day() -> None:
    assert _read("what time did the bridge open").clock
    assert not _read("what day did the bridge open").clock
    assert not _read("when did the bridge open").clock
    assert _read("what times do the balloons go up").clock
    # "what hours": a time of day (its span: "from 7 a.m. to 7 p.m."), not a topic "hours"
    hours = _read("what hours is the hotline open")
    assert hours.answer_type == "date" and hours.clock
    assert [it.surface for it in hours.items] == ["hotline", "open"]


def test_what_night_asks_for_a_day() -> None:
    """"what night", "which date", "what morning": a date, a day named ("Friday night")."""
    for asked in ("what night did the panda escape", "which date was the vote",
                  "what morning did the ferry sail"):
        read = _read(asked)
        assert read.answer_type == "date" and read.day and not read.clock, asked
    assert [it.surface for it in _read("what night is the night glow").items] == [
        "night", "glow"]


def test_small_talk_is_told_as_the_reader_tells_it() -> None:
    for said in ("hey there, how's it going?", "thanks bot", "how is the bridge going", ""):
        assert small_talk(said) == _read(said).social, said
    assert small_talk("thanks bot") and not small_talk("how is the bridge going")
    # chatter asks nothing too, and is read as nothing else
    chatter = _read("runway runway lol ??? jets")
    assert chatter.babble and not chatter.social and not chatter.items
    assert small_talk("runway runway lol ??? jets")
    assert not _read("is the runway runway 4 or 5").babble


def test_the_words_framing_a_figure_are_no_topic() -> None:
    """"how many in total", "roughly how much", "how long did it last / take": the figure
    asked for, which no record need say in those words ("a 38-hour search")."""
    def surfaces(question: str) -> list[str]:
        return [it.surface for it in _read(question).items]

    assert surfaces("how many bridges in total") == ["bridges"]
    assert surfaces("how long did the bridge work last") == ["bridge", "work"]
    assert surfaces("how long will the bridge take") == ["bridge"]
    assert "took" in surfaces("who took the bridge vote")  # (no duration asked)
    assert surfaces("when was the bridge supposed to open") == ["bridge", "open"]
    # "what was the final vote": which value is asked, not what about; elsewhere "final"
    # says which thing ("its final edition")
    assert surfaces("what was the final vote on the bridge") == ["vote", "bridge"]
    assert surfaces("What's the total cost of the bridge?") == ["cost", "bridge"]
    assert "final" in surfaces("when will the bridge paper print its final edition")
    # "what was the vote count", "the final tally": a figure of the vote, asked as "how many"
    for question in ("what was the final vote count", "what was the final tally on the vote"):
        assert surfaces(question) == ["vote"], question
        assert _read(question).answer_type == "number", question
    assert _read("what was the final decision").answer_type == ""
    assert "count" in surfaces("what did the count find")
    # "per" frames a rate asked ("how much per week": "$4,200 a week")
    assert surfaces("how much will the shuttle cost per week") == ["shuttle", "cost", "week"]


def test_a_word_of_a_name_after_a_determiner_is_no_person() -> None:
    """"the real mark" is a mark, not Mark Hale; "what did mark say" is him."""
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    memory.upsert(Person("mark-hale", "Mark Hale", (), "volunteer", None))

    def people(question: str) -> tuple[str, ...]:
        return read(question, vocab=memory.vocab, known=memory.index.__contains__,
                    names=memory.names, visible=visible_to(None)).people

    assert people("why didnt he see the real mark") == ()
    assert people("what did mark say") == ("mark-hale",)


def test_the_modifier_of_a_role_is_read_as_spelt_right() -> None:
    """"who's the genral manager": the role's modifier, misspelt, is read as corrected
    ("general"), so the one described as general manager is who is asked for."""
    memory = Memory()
    for record in small_bank().records():
        memory.upsert(record)
    memory.upsert(Person("tom-rein", "Tom Rein", (), "general manager", None))
    query = read("who's the genral manager", vocab=memory.vocab,
                 known=memory.index.__contains__, names=memory.names, visible=visible_to(None))
    assert query.people == ("tom-rein",)


def test_going_to_do_something_is_no_item_of_the_question() -> None:
    """"is the guy going to sell his queens" turns on the guy, selling and queens: "going"
    (the future, as "will") is no word a record must have."""
    surfaces = [it.surface for it in _read("is the guy going to sell his queens").items]
    assert "going" not in surfaces and "sell" in surfaces and "queens" in surfaces
    assert "going" in [it.surface for it in _read("is the book program still going").items]


def test_a_misspelt_word_asking_for_a_kind_of_answer_still_asks_for_it() -> None:
    """"how manny workers": a number; "what yeer": a year (read before the answer's kind)."""
    assert _read("how manny workers were laid off").answer_type == "number"
    assert _read("what yeer did the bridge open").answer_type == \
        _read("what year did the bridge open").answer_type != ""
