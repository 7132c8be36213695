"""bot/engine/lexicon.py: general-English resources, each from a data file naming its source."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from bot.engine import lexicon
from bot.engine.lexicon import opposites, plain_opposites


def test_ordinary_words_and_rarity_come_from_general_english() -> None:
    assert lexicon.is_ordinary("bridge") and not lexicon.is_ordinary("zyzzogeton")
    assert lexicon.rarity("the") < lexicon.rarity("bridge") < lexicon.rarity("zyzzogeton") == 1.0


def test_stopwords_include_the_negations_and_number_words_are_digits() -> None:
    assert {"the", "not", "never"} <= lexicon.STOPWORDS
    assert "twenty" in lexicon.NUMBER_WORDS


def test_chat_spellings_are_written_out() -> None:
    assert lexicon.CHAT["u"] == "you" and lexicon.CHAT["lol"] == ""


def test_every_json_data_file_names_its_source() -> None:
    folder = resources.files("bot.engine").joinpath("data")
    for entry in folder.iterdir():
        if entry.name.endswith(".json") and entry.name != "model.json":
            data = json.loads(entry.read_text(encoding="utf-8"))
            assert data.get("_source") or data.get("source"), entry.name


def test_english_counts_read_straight_from_the_package_are_spellcheckers_own() -> None:
    from spellchecker import SpellChecker

    expected = dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    assert lexicon.english() == expected


def test_opposites_come_from_wordnet_both_ways_with_its_licence() -> None:
    assert "most" in opposites("least") and "least" in opposites("most")
    assert opposites("increase") == {"decrease"} and opposites("bridge") == frozenset()
    data = Path(lexicon.__file__).parent / "data"
    assert "WordNet 3.0" in (data / "antonyms.txt").read_text(encoding="utf-8").splitlines()[0]
    assert "Princeton University" in (data / "WORDNET-LICENSE").read_text(encoding="utf-8")


def test_a_comparative_or_superlative_has_the_opposite_in_the_same_degree() -> None:
    assert opposites("stronger") == {"weaker"} and opposites("weakest") == {"strongest"}
    assert "earliest" in opposites("latest") and "earlier" in opposites("later")
    # a word of one syllable ending consonant, vowel, consonant doubles it: "big" -> "bigger"
    assert "bigger" in opposites("smaller") and "biggest" in opposites("smallest")
    assert "newer" in opposites("older") and "lower" in opposites("higher")
    assert opposites("larger") == {"smaller"}
    # only adjectives and adverbs have degrees: a "buyer" is no more "buy" (verb: "sell")
    assert "sell" in opposites("buy") and opposites("buyer") == frozenset()


def test_related_forms_come_from_wordnet_forms_of_the_same_word_not_people() -> None:
    related = lexicon.related()
    assert "payment" in related["pay"] and "pay" in related["payment"]
    assert "decision" in related["decide"] and related["told"] >= {"tell"}
    # a paraphrase is no form of the word; a person is not their act
    assert "severeness" not in related.get("bad", frozenset())
    assert "governor" not in related and "officer" not in related
    data = Path(lexicon.__file__).parent / "data"
    assert "WordNet 3.0" in (data / "related.txt").read_text(encoding="utf-8").splitlines()[0]


def test_function_words_wordnet_leaves_out_have_their_opposites_too() -> None:
    assert opposites("before") == {"after"} and "before" in opposites("after")
    assert "under" in opposites("over") and "before" in lexicon.opposed_stop_words()


def test_abbreviations_come_from_wordnet() -> None:
    assert lexicon.abbreviations()["ceo"] == "chief executive officer"
    assert lexicon.abbreviations()["fbi"] == "federal bureau of investigation"
    data = Path(lexicon.__file__).parent / "data"
    assert "WordNet 3.0" in (data / "abbreviations.txt").read_text(encoding="utf-8").splitlines()[0]


def test_small_talk_asks_nothing_but_a_question_after_it_does() -> None:
    from bot.engine.normalize import words

    for text in ("hey there, how's it going?", "how are you", "whats up bot", "thanks bot!",
                 "good morning everyone", "thanks, that helps a lot!", "great, thanks for the help",
                 "thx, exactly what I needed"):
        assert lexicon.small_talk(words(text)), text
    for text in ("how is the bridge going", "what is up with the bridge", "how are the nurses",
                 "how much", "bot", "thanks, what did the mayor say", "that helps a lot",
                 "thanks for the bridge numbers"):
        assert not lexicon.small_talk(words(text)), text


def test_chatter_is_words_said_twice_over_with_nothing_asked() -> None:
    from bot.engine.normalize import words

    for text in ("canoe canoe boat ?? lake lol", "boat card boat card wheee ???",
                 "nails nails seed??? snowshovel lol", "leaf leaf blow blow ?? lol"):
        assert lexicon.babble(words(text)), text
    for text in ("where is walla walla", "is the lake lake safe", "the the canoe found",
                 "canoe boat lake", "what did the the mayor say", "hey hey", ""):
        assert not lexicon.babble(words(text)), text


def test_a_compound_splits_into_english_words_most_evenly_first() -> None:
    assert lexicon.compound_splits("homeowners", 100)[0] == ("home", "owners")
    # a suffix that is also a word is no second word
    assert all(b not in {"hip", "ship"} for _, b in lexicon.compound_splits("membership", 100))
    assert lexicon.compound_splits("qwzx", 100) == []


def test_an_inflection_is_as_common_as_its_base() -> None:
    """family_rarity: "showed" says as little as "show"; a stem that is no word ("ralli")
    leaves the word's own rarity."""
    assert lexicon.family_rarity("showed", ("show",)) == lexicon.rarity("show")
    assert lexicon.rarity("show") < lexicon.rarity("showed")
    assert lexicon.family_rarity("rally", ("ralli",)) == lexicon.rarity("rally")


def test_a_measure_asked_is_read_with_its_units() -> None:
    assert "feet" in lexicon.measure_asked(["how", "deep", "is", "it"])
    assert lexicon.measure_asked(["how", "cold", "was", "it"]) == frozenset({"degree", "degrees"})
    # "how much does it weigh" asks what "how heavy is it" does; "how much did it cost" not
    assert "pounds" in lexicon.measure_asked(["how", "much", "did", "the", "steer", "weigh"])
    assert lexicon.measure_asked(["how", "much", "does", "it", "weigh"]) == \
        lexicon.measure_asked(["how", "heavy", "is", "it"])
    assert lexicon.measure_asked(["how", "much", "did", "it", "cost"]) == frozenset()
    assert lexicon.measure_asked(["did", "the", "board", "weigh", "the", "cost"]) == frozenset()
    assert lexicon.measure_asked(["how", "many", "wells"]) == frozenset()


def test_a_verbs_opposites_are_its_own_not_a_homographs() -> None:
    """"live" the verb has no opposite in WordNet's pairs; "live" the adjective has
    "recorded": a word used as a verb is turned around only by a verb's opposite."""
    assert "recorded" in opposites("live") and "recorded" not in lexicon.verb_opposites("live")
    assert "decrease" in lexicon.verb_opposites("increase")


def test_a_comparative_has_the_plain_opposites_of_its_word_too() -> None:
    """"later": "early" (a record may say "in early species" for "in later species" asked);
    "biggest": "small"; a word WordNet gives opposites of its own keeps them ("better"), and
    a word that is no comparative has none ("number", "water")."""
    assert plain_opposites("later") >= {"early"} and plain_opposites("biggest") >= {"small"}
    assert plain_opposites("stronger") == {"weak"}
    for word in ("better", "number", "water", "late", "few"):
        assert plain_opposites(word) == frozenset(), word


def test_few_and_all_are_the_ends_of_quantity() -> None:
    """"very few organisms" asked, "nearly all organisms" said: WordNet gives "few" only
    "many", "all" only "some" and "no"."""
    assert {"many", "all"} <= opposites("few") and "few" in opposites("all")


def test_british_spellings_are_read_as_american_ones_with_their_source_and_licence() -> None:
    """breame's pairs ("colour" / "color"), with its licence beside the file."""
    american = lexicon.american()
    assert american["colour"] == "color" and american["theatre"] == "theater"
    assert american["organisation"] == "organization" and "color" not in american
    data = Path(lexicon.__file__).parent / "data"
    assert "breame" in (data / "spellings.txt").read_text(encoding="utf-8").splitlines()[2]
    licence = (data / "BREAME-LICENSE").read_text(encoding="utf-8")
    assert "Pierse" in licence and "Apache License" in licence
