"""bot/engine/spelling.py: a question's word the bank does not know, read as its correction,
its parts, the English word it misspells, or nothing (a misspelt function word)."""

from __future__ import annotations

from bot.engine.index import Vocabulary
from bot.engine.normalize import stem, words
from bot.engine.spelling import compound, function_words, question_word, spell, type_word

BANK_WORDS = ("bridge", "approved", "council", "home", "owner", "sheriff")


def _spell(word: str, bank: tuple[str, ...] = BANK_WORDS) -> list[str]:
    vocab = Vocabulary()
    vocab.add(bank)
    stems = {stem(w) for w in bank}
    return [w for w, _, _ in spell(word, vocab, stems.__contains__)]


def test_a_misspelt_word_of_the_bank_is_corrected_to_it() -> None:
    assert _spell("brigde") == ["bridge"]
    assert _spell("sherrif") == ["sheriff"]  # two edits, in seven letters
    vocab = Vocabulary()
    vocab.add(BANK_WORDS)
    assert spell("brigde", vocab, lambda t: False)[0][1]  # marked corrected


def test_a_word_the_bank_knows_or_an_ordinary_one_is_kept() -> None:
    assert _spell("bridge") == ["bridge"] and _spell("weather") == ["weather"]


def test_a_misspelt_english_word_the_bank_lacks_is_read_as_that_word() -> None:
    """"normaly", which the bank lacks as "normally" too: read as the ordinary word it
    misspells (here "normal", the commoner of the two one edit away), not as a rare unknown
    word that would sink every answer; a rare but real word ("dissented") is not taken for
    a typo, nor a word of no language corrected to anything."""
    vocab = Vocabulary()
    vocab.add(BANK_WORDS)
    (word, corrected, ordinary), = spell("normaly", vocab, lambda t: False)
    assert word.startswith("normal") and ordinary and not corrected
    assert _spell("dissented") == ["dissented"] and _spell("qzxv") == ["qzxv"]


def test_an_english_word_closer_than_the_banks_is_the_one_misspelt() -> None:
    """"suppoosed" is one edit from "supposed", two from the bank's "supported": the English
    word, though the bank lacks it; "pusing" is "pushing", not the bank's "using" (one edit
    each, but a first letter is seldom the one mistyped); "supportd" stays the bank's."""
    bank = ("supported", "using", "bridge")
    assert _spell("suppoosed", bank) == ["supposed"]
    assert _spell("pusing", bank) == ["pushing"]
    assert _spell("supportd", bank) == ["supported"]


def test_a_rare_real_word_a_far_commoner_bank_word_is_one_edit_from_is_a_typo() -> None:
    """"general manger": "manger" is English, but 63 times rarer than "manager", which the
    bank has; an ordinary word ("hype", "diary") is never taken for a typo."""
    bank = ("manager", "hope", "dairy")
    assert _spell("manger", bank) == ["manager"]
    assert _spell("hype", bank) == ["hype"]
    assert _spell("diary", bank) == ["diary"]


def test_a_typo_whose_stem_the_bank_knows_by_another_word_is_still_corrected() -> None:
    """"directer" stems to "direct", which the bank has by "direction": it is still the typo
    of "director" it is one edit from; a known word's own forms stay ("directs")."""
    bank = ("direction", "director", "directs")
    assert _spell("directer", bank) == ["director"]
    assert _spell("directs", bank) == ["directs"]
    assert _spell("directions", bank) == ["directions"]


def test_a_misspelt_function_word_is_dropped() -> None:
    assert _spell("abuot") == [] and _spell("teh") == []


def test_three_letters_lacking_one_of_a_function_words_four_are_it() -> None:
    """"how many grandchildren did she hve": "hve" is "have", dropped as it is; but a
    negation is never guessed ("dnt" stays: dropping a "dont" would turn the question
    around)."""
    assert _spell("hve") == [] and _spell("ths") == []
    assert _spell("dnt") == ["dnt"] and _spell("ony") == [] and _spell("bth") == []


def test_an_abbreviation_the_bank_lacks_is_read_as_its_words() -> None:
    assert _spell("ceo") == ["chief", "executive", "officer"]
    assert _spell("shape") == ["shape"]  # an ordinary word, not "SHAPE" (Allied Powers Europe)


def test_a_word_of_doing_again_is_read_as_the_doing() -> None:
    """"rewiring" meets "replace old wiring"; "reapproved" meets "approved"; not a word the
    bank has, nor one whose rest is no word of the bank ("rebates")."""
    assert _spell("reapproved") == ["approved"]
    assert _spell("recouncil") == ["council"]
    assert _spell("rebates") == ["rebates"]
    for word in ("research", "recall"):  # ordinary words of their own
        assert _spell(word, ("search", "call")) == [word], word


def test_a_compound_the_bank_lacks_is_read_as_its_two_words() -> None:
    """"homeowners" meets "the owner of a home"; a word ending in a suffix that is also a word
    ("membership", "percentage") is no compound; a word the bank has stays whole."""
    bank = {stem(w) for w in ("home", "owner", "member", "ship", "percent", "age", "fire")}
    assert compound("homeowners", bank.__contains__) == ("home", "owners")
    assert compound("membership", bank.__contains__) is None
    assert compound("percentage", bank.__contains__) is None
    assert compound("firetruck", bank.__contains__) is None  # the bank has no "truck"
    # split where English splits it, or not at all: a bank with "books" and "tore" but no
    # "store" does not read "bookstore" as them
    assert compound("bookstore", {stem("books"), stem("tore")}.__contains__) is None
    assert compound("bookstore", {stem("book"), stem("store")}.__contains__) == ("book", "store")


def test_a_misspelt_question_word_is_read_as_the_one_it_is() -> None:
    """The word a question asks with sets what it asks for: "wich", "wat", "wen" (one edit
    from a single question word) and "were is" are read as "which", "what", "when",
    "where"; "were the nurses paid" and "hwo" (as near "how" as "who") are left alone."""
    def spelt(question: str) -> str:
        return " ".join(question_word(question.split(), 0))

    assert spelt("wich hospital is closing") == "which hospital is closing"
    assert spelt("wat happened") == "what happened"
    assert spelt("wen did it open") == "when did it open"
    assert spelt("were is harlow headquartered") == "where is harlow headquartered"
    assert spelt("were the nurses paid") == "were the nurses paid"
    assert spelt("hwo said it") == "hwo said it"
    assert " ".join(question_word(["hey", "bot", "wat", "happened"], 2)) == "hey bot what happened"


def test_a_word_of_across_all_of_a_thing_is_read_as_the_thing() -> None:
    """"statewide", which the bank lacks: "state", which it has; not when the bank lacks
    the thing too, nor for "worldwide" with no "world"."""
    known = {stem("state")}.__contains__
    assert spell("statewide", Vocabulary(), known) == [("state", False, True)]
    assert spell("worldwide", Vocabulary(), known)[0][0] != "world"


def test_an_auxiliary_misspelt_after_the_question_word_is_spelt_right() -> None:
    """"how much dose the card cost": "dose", before the subject, is "does" (two letters
    swapped, "does" far commoner); "who saw the fire" keeps "saw", a common word, and a word
    the bank has is kept."""
    from bot.engine.spelling import auxiliary

    vocab = Vocabulary()
    vocab.add(("card", "cost", "fire"))
    assert auxiliary(words("how much dose the card cost"), 0, vocab)[2] == "does"
    assert auxiliary(words("how long dose it last"), 0, vocab)[2] == "does"
    assert auxiliary(words("who saw the fire"), 0, vocab)[1] == "saw"
    assert auxiliary(words("what form did it take"), 0, vocab)[1] == "form"
    vocab.add(("dose",))
    assert auxiliary(words("how much dose the card cost"), 0, vocab)[2] == "dose"


def test_a_three_letter_word_one_letter_short_of_a_bank_word_is_that_word() -> None:
    """"what was the final vot": "vote", the bank's one four-letter word it is short of (its
    first letter kept); not when two are ("vote", "volt"), nor a word English has ("pot")."""
    assert _spell("vot", ("vote", "lot", "dot")) == ["vote"]
    assert _spell("vot", ("vote", "volt")) == ["vot"]
    assert _spell("vot", ("note",)) == ["vot"]
    assert _spell("pot", ("post",)) == ["pot"]


def test_a_misspelt_word_asking_for_a_kind_of_answer_is_read_as_the_one_it_is() -> None:
    """"how manny" asks how many, "what yeer" what year: the word after the question word,
    one edit from one word that asks with it for a kind of answer, and neither an ordinary
    word nor one of the bank's ("how log", "how mane" with a Mane in the coverage stay)."""
    def spelt(question: str, bank: tuple[str, ...] = ()) -> str:
        vocab = Vocabulary()
        vocab.add(bank)
        return " ".join(type_word(words(question), 0, vocab))
    assert spelt("how manny workers were laid off") == "how many workers were laid off"
    assert spelt("what yeer did the ballpark open") == "what year did the ballpark open"
    assert spelt("how lnog did it last") == "how long did it last"
    assert spelt("how log was it") == "how log was it"
    assert spelt("how mane horses", ("mane",)) == "how mane horses"
    assert spelt("who manny said") == "who manny said"


def test_a_word_one_edit_from_a_function_word_is_read_as_none() -> None:
    """"accross" is "across", a stop word: no item (it was read as a content word "across"
    no record indexes); "beyonce", two edits from "beyond", is kept as the name it is."""
    vocab = Vocabulary()
    vocab.add(["diner", "street", "called", "actress"])
    known = {"diner", "street", "call"}.__contains__
    assert spell("accross", vocab, known) == []
    assert [w for w, _, _ in spell("beyonce", vocab, known)] == ["beyonce"]


def test_a_misspelt_function_word_is_not_taken_for_a_rare_word_of_the_bank() -> None:
    """"how much does the team stil need": "stil" is one edit from the bank's "soil" and from
    "still", which English writes far more often: a function word, dropped, not "soil". A
    name of the bank as near as an English word keeps its reading ("toliver": Tolliver)."""
    assert _spell("stil", ("soil", "team")) == []
    assert _spell("toliver", ("tolliver", "siren")) == ["tolliver"]
    # but the bank's word with a letter doubled ("cannoe": "canoe") is a slip of typing, and
    # "cannot" one key struck far from its own ("e" for "t"): the bank's word
    assert _spell("cannoe", ("canoe", "lake")) == ["canoe"]


def test_a_misspelt_function_word_is_spelt_in_the_questions_words() -> None:
    """Every reader of a question's words ("voted against", "before the vote") meets a
    misspelt function word spelt right, as spelling reads it, once; the words before the
    question opens ("yo bot") are left as they are, and no negation is guessed."""
    vocab = Vocabulary()
    vocab.add(BANK_WORDS)
    known = {stem(w) for w in BANK_WORDS}.__contains__
    ws = words("who voted agianst the bridge abuot it")
    assert function_words(ws, 0, vocab, known) == words("who voted against the bridge about it")
    greeted = words("yo bot who voted agianst it")
    assert function_words(greeted, 2, vocab, known) == words("yo bot who voted against it")
    assert function_words(words("bridge sherrif council"), 0, vocab, known) == \
        words("bridge sherrif council")  # (a word of the bank misspelt is spelling's to read)
    for slip in ("nto", "nevr"):
        assert function_words([slip], 0, vocab, known) == [slip]
