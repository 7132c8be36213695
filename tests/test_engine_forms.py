"""bot/engine/forms.py: the words a question word the bank lacks stands for, by WordNet's
related forms, a shared opposite or a phrasal verb's meaning; only those the bank knows; and
whether it only says how or which (an adverb made with "-ly", a word mostly an adjective)."""

from __future__ import annotations

from bot.engine.forms import (
    alike_terms,
    common_phrasal,
    converse,
    doer_terms,
    form_opposites,
    future,
    is_adverb,
    kind_terms,
    modified_next,
    opposite_terms,
    phrasal_terms,
    related_terms,
    says_how,
)
from bot.engine.normalize import stem, words
from bot.engine.question import Item, Query


def test_a_related_form_is_found_from_the_word_or_the_stem_of_an_inflection() -> None:
    """WordNet's forms of the same word: looked up as the word, or as its stem after an
    inflection's ending ("decided"); only the forms the bank knows."""
    bank = {"payment", "bridg", "decis"}
    assert related_terms("paying", bank.__contains__) == ("payment",)
    assert related_terms("decided", bank.__contains__) == ("decis",)
    assert related_terms("paying", set().__contains__) == ()
    # "officer" shares its stem with "office" but is not one of its forms
    assert related_terms("officer", lambda t: True) == ()
    # an inflection cut from the word as English writes it, where the stem cuts further
    # ("registered": "regist", not "register"), a "y" turned "i" or a doubled consonant
    assert related_terms("registered", {stem("registrations")}.__contains__) == (
        stem("registrations"),)
    assert related_terms("applied", {stem("applicants")}.__contains__) == (stem("applicants"),)
    assert stem("wreckage") in related_terms("wrecked", lambda t: True)


def test_a_word_with_degrees_the_bank_lacks_meets_one_sharing_its_opposite() -> None:
    """"biggest", which the bank lacks: "largest" (both the opposite of "smallest"), as
    adjectives."""
    bank = {stem("largest"), stem("crack")}
    assert alike_terms("biggest", bank.__contains__) == (stem("largest"),)
    assert alike_terms("crack", bank.__contains__) == ()
    # "past" and "future" both oppose "present", but are each other's opposite: never alike
    times = {stem("future"), stem("absent")}
    assert alike_terms("past", times.__contains__) == (stem("absent"),)
    # only words with degrees: the verbs "make" and "keep" both oppose "break", but are not
    # alike ("how much do nurses make" is not "to keep operating")
    assert alike_terms("make", {stem("keep")}.__contains__) == ()


def test_a_phrasal_verb_is_read_for_what_it_means() -> None:
    """WordNet's phrasal verbs: "going up" is "rise", "climb", ...; only those the bank has
    count, and a verb with no particle after it is only itself."""
    known = {"rise", "cancel"}.__contains__
    assert phrasal_terms("go", ["going", "up"], known) == ("rise",)
    assert phrasal_terms("call", ["called", "off"], known) == ("cancel",)
    assert phrasal_terms("go", ["go", "to"], known) == ()
    assert phrasal_terms("go", ["go"], known) == ()
    # "called" ending a question asks a name: the verbs of naming ("titled")
    titled = {stem("titled"), stem("named")}.__contains__
    assert phrasal_terms(stem("called"), ["called"], titled) == tuple(
        sorted({stem("named"), stem("titled")}))
    assert phrasal_terms(stem("call"), ["call"], titled) == ()


def test_an_adverb_is_an_ordinary_word_and_ly_as_english_spells_it() -> None:
    """"finally", "usually"; "-ly" after "-le", "-y" and "-ic" ("probably", "easily",
    "basically"); not "reply", "apply" (no word of four letters before the "-ly"), nor "daily"."""
    assert is_adverb("finally") and is_adverb("usually") and not is_adverb("reply")
    assert is_adverb("probably") and is_adverb("easily") and is_adverb("basically")
    assert not is_adverb("daily") and not is_adverb("apply")


def test_a_modifier_says_how_or_which_unless_what_it_describes_is_unknown_too() -> None:
    """"when's the next hearing", "how was the whole thing paid for", "fewer seats": words
    mostly adjectives or adverbs (WordNet's, through modifiers.txt) say which or how much;
    a verb's form WordNet counts as an adjective ("injured", "closed") does not, nor a noun
    ("number"), nor a modifier of a word the bank lacks too ("who won the super bowl")."""
    def query(text: str) -> Query:
        ws = text.split()
        return Query(text, ws, [Item(w, (stem(w),), pos=k) for k, w in enumerate(ws[2:])],
                     at=list(range(2, len(ws))))

    next_hearing = query("when is next hearing")
    assert says_how(next_hearing, [True, False], 0)
    assert not says_how(next_hearing, [False, True], 1)  # ("hearing": a noun)
    for word in ("whole", "fewer", "closest", "inside", "finally"):
        assert says_how(query(f"how was {word} thing"), [True, False], 0), word
    for word in ("injured", "closed", "number", "striking"):
        assert not says_how(query(f"how was {word} thing"), [True, False], 0), word
    bowl = query("who won super bowl")
    assert not says_how(bowl, [True, True], 0) and says_how(bowl, [True, False], 0)
    # a word the question spelt otherwise, read as a modifier, may be a name: "beyonce"
    ws = ["did", "beyonce", "speak"]
    beyonce = Query("did beyonce speak", ws, [Item("beyond", ("beyond",), pos=0),
                                               Item("speak", ("speak",), pos=1)], at=[1, 2])
    assert not says_how(beyonce, [True, False], 0)


def test_a_common_verb_before_a_particle_is_a_phrase_news_words_otherwise() -> None:
    """"when do the rules kick in", "how many people showed up": a common verb before a
    particle, which news says otherwise ("take effect", "drew"); not a rarer verb ("why did
    the dam break up": "break" is what is asked), nor a common one with no particle after it."""
    def query(text: str) -> Query:
        ws = text.split()
        return Query(text, ws, [Item(w, (stem(w),), pos=k) for k, w in enumerate(ws[2:])],
                     at=list(range(2, len(ws))))

    assert common_phrasal(query("when do rules kick in"), 1)
    assert common_phrasal(query("how many people showed up"), 1)
    assert not common_phrasal(query("how many people showed up"), 0)  # ("people")
    assert not common_phrasal(query("when did rules kick"), 1)  # (no particle)
    assert not common_phrasal(query("why did dam rupture off"), 1)  # (a rare verb)


def test_a_kind_of_person_the_bank_lacks_is_read_as_its_other_names() -> None:
    """"his defense lawyer" where the story says "Defense attorney ...": WordNet's other
    names of the same kind of person, when the bank knows them; nothing for another word."""
    known = {"attorney", "child"}.__contains__
    assert kind_terms("lawyer", known) == ("attorney",)
    assert kind_terms("kids", known) == ("child",)
    assert kind_terms("lawyer", frozenset().__contains__) == ()
    assert kind_terms("bridge", known) == ()


def test_a_kind_of_person_the_bank_lacks_is_read_by_what_they_do() -> None:
    """"when can the strikers go back to work" where the story says "the strike": a person
    noun made from a doing ("-er", "-ee", "-ist") is read as the doing the bank knows; not a
    title in "-or" ("editor" is no "edition"), nor a word that is no kind of person."""
    known = {stem(w) for w in ("strike", "rescue", "evacuate", "balloon", "staff", "shop",
                                "edition", "govern", "numb")}.__contains__
    assert doer_terms("strikers", known) == (stem("strike"),)
    assert doer_terms("rescuer", known) == (stem("rescue"),)
    assert doer_terms("evacuees", known) == (stem("evacuate"),)
    assert doer_terms("balloonists", known) == (stem("balloon"),)
    assert doer_terms("staffers", known) == (stem("staff"),)
    assert doer_terms("shoppers", known) == (stem("shop"),)  # (a doubled consonant)
    assert doer_terms("editor", known) == ()
    assert doer_terms("governor", known) == ()
    assert doer_terms("number", known) == ()  # (no kind of person)
    assert doer_terms("strikers", frozenset().__contains__) == ()
    # the other way: a doing the bank lacks, read as the person who does it ("who owns the
    # pharmacy": "the pharmacy's owner"), when general English has such a person
    doers = {stem(w) for w in ("owner", "founder", "singer")}.__contains__
    assert doer_terms("owns", doers, asks_doer=True) == (stem("owner"),)
    assert doer_terms("founded", doers, asks_doer=True) == (stem("founder"),)
    assert doer_terms("owns", frozenset().__contains__, asks_doer=True) == ()
    assert doer_terms("tabled", doers, asks_doer=True) == ()  # (no "tabler")
    # (only asked who does it: "what did she sing" asks no singer)
    assert doer_terms("sing", doers) == ()


def test_an_inflected_word_has_the_opposites_of_the_word_it_is_a_form_of() -> None:
    assert "fall" in form_opposites("rises")  # (WordNet gives "rise" / "fall")
    assert "fire" in form_opposites("hired")
    assert "girl" in form_opposites("boys")
    assert form_opposites("news") == frozenset()  # (no form of "new": another stem)
    assert form_opposites("later") >= {"earlier", "early"}  # (its own, as before)
    assert "decrease" in form_opposites("increased", verb=True)  # as a verb, a verb's


def test_a_light_verb_and_a_word_of_degree_have_no_opposite_a_record_turns_around() -> None:
    """"how long did the meeting go": "came at the end of a four-hour meeting" does not turn
    it around (a verb as common as "go" or "have" names no act with a side); "right now" is
    no side either; "the first arm" still has "second", "the long meeting" still "short"."""
    from bot.engine.question import Item
    from tests.engine_records import asked

    go = asked("how long did the meeting go", [Item("meeting", ("meet",)), Item("go", ("go",))])
    assert stem("come") not in opposite_terms(go)
    now = asked("how many drivers do they have right now",
                [Item("drivers", ("driver",)), Item("right", ("right",))])
    assert not opposite_terms(now) & {stem("left"), stem("wrong")}
    first = asked("what are leukocytes the first arm of",
                  [Item("leukocytes", ("leukocyt",)), Item("first", ("first",)),
                   Item("arm", ("arm",))])
    assert stem("second") in opposite_terms(first)
    long = asked("how long was the meeting", [Item("long", ("long",)), Item("meeting", ("meet",))])
    assert stem("short") in opposite_terms(long)


def test_a_word_right_before_another_item_modifies_it() -> None:
    from tests.engine_records import asked
    query = asked("where is the new bakery", [Item("new", ("new",)), Item("bakery", ("bakeri",))])
    assert modified_next(query, 0) == ("bakeri",)
    assert modified_next(query, 1) == ()
    apart = asked("is the bakery new", [Item("bakery", ("bakeri",)), Item("new", ("new",))])
    assert modified_next(apart, 1) == ()  # ("new" ends the question: it modifies nothing)


def test_going_to_do_something_says_only_that_it_will_happen() -> None:
    """"going to sell" is "will sell" ("will" is a stop word): no topic; "gonna" is read as
    "going" with no "to". Not going somewhere, nor something still going on."""
    def frames(question: str) -> list[str]:
        ws = words(question)
        return [w for i, w in enumerate(ws) if future(ws, i)]
    assert frames("is the guy gonna sell his queens") == ["going"]
    assert frames("what is going to happen to the owner") == ["going"]
    assert frames("are they going to the fair") == []
    assert frames("is the book program still going") == []
    assert frames("where does the money end up going") == []


def test_a_verb_said_from_the_other_side_is_the_same_event() -> None:
    """"how many families buy feed from Lindqvist": "his shop sells feed to 60 families" says
    the same sale from the seller's side; "sells feed from its own mill" does not."""
    q = "how many families buy feed from lindqvist"
    items = [Item("families", ("famili",), pos=0), Item("buy", ("buy",), pos=1),
             Item("feed", ("feed",), pos=2)]
    query = Query(q, words(q), items, answer_type="number", at=[2, 3, 4])
    sold = words("His shop sells the same brand of show feed to about 60 families.")
    assert converse(query, 1, sold, ("sell",))
    assert not converse(query, 1, words("His shop sells feed from its own mill."), ("sell",))
    assert not converse(query, 2, sold, ("starv",))

