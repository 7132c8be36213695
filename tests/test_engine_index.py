"""bot/engine/index.py: the inverted index with field bits, and the vocabulary that corrects
typos."""

from __future__ import annotations

from bot.engine.index import EnglishSpeller, InvertedIndex, StopwordSpeller, Vocabulary, max_edits


def test_postings_with_field_bits_and_removal() -> None:
    index = InvertedIndex()
    index.add(1, {"bridg": 1, "cost": 2})
    index.add(2, {"bridg": 4})
    assert list(index.rids("bridg")) == [1, 2] and index.df("bridg") == 2
    assert index.fields("bridg", 2) == 4 and index.fields("cost", 2) == 0
    index.remove(1, ["bridg", "cost"])
    assert list(index.rids("bridg")) == [2] and index.df("cost") == 0


def test_typos_are_corrected_to_the_closest_known_word() -> None:
    vocab = Vocabulary()
    vocab.add(["bridge", "council", "approved", "engineering"])
    assert vocab.correct("brigde") == ("bridge", 1)
    assert vocab.correct("councel")[0] == "council"  # type: ignore[index]
    assert vocab.correct("engineeirng")[0] == "engineering"  # type: ignore[index]
    assert vocab.correct("xyzzy") is None


def test_a_slip_of_typing_beats_a_commoner_word_one_edit_away() -> None:
    """"autor" is one edit from "actor" and from "author": a letter left out is a commoner
    slip than "u" struck for "c" (keys apart), so "author", however rarer; a struck key next
    to the right one ("bridhe") is a slip too."""
    vocab = Vocabulary()
    vocab.add(["actor"] * 5 + ["author", "bridge", "bride"])
    assert vocab.correct("autor") == ("author", 1)
    assert vocab.correct("acter") == ("actor", 1)
    assert vocab.correct("bridhe") == ("bridge", 1)


def test_counts_follow_the_records_using_a_word() -> None:
    vocab = Vocabulary()
    vocab.add(["bridge", "bridge"])
    vocab.discard(["bridge"])
    assert "bridge" in vocab and vocab.count("bridge") == 1
    vocab.discard(["bridge"])
    assert "bridge" not in vocab


def test_short_words_are_never_corrected_and_long_ones_by_two_edits() -> None:
    assert max_edits("cat") == 0 and max_edits("bridge") == 1 and max_edits("engineering") == 2
    assert max_edits("sherrif") == 2  # a doubled letter misplaced is two edits


def test_a_misspelt_function_word_is_recognised() -> None:
    speller = StopwordSpeller(["about", "their", "which"])
    assert speller("abuot") == "about" and speller("bridge") is None


def test_a_short_function_word_with_two_letters_swapped_is_recognised() -> None:
    speller = StopwordSpeller(["the", "and", "about"])
    assert speller("teh") == "the" and speller("adn") == "and"
    assert speller("tha") is None and speller("eth") is None  # one swap only


def test_the_english_speller_prefers_the_commonest_word_and_reads_its_words_once() -> None:
    reads: list[int] = []

    def counts() -> dict[str, int]:
        reads.append(1)
        return {"normal": 5000, "normally": 3000, "formal": 9000, "government": 8000}

    speller = EnglishSpeller(counts)
    assert reads == []  # nothing read until a word is corrected
    assert speller("normaly") == "normal"  # both one edit away: the commoner
    assert speller("goverment") == "government" and speller("qzxv") is None
    assert reads == [1]


def test_a_pickled_vocabulary_reads_its_typo_tables_when_first_needed() -> None:
    """As a snapshot keeps it: the word ids and the typo tables are not unpickled until a
    word is corrected (new words wait); saved again unread, they pass through unchanged."""
    import pickle

    vocab = Vocabulary()
    vocab.add(["bridge", "council", "approved", "engineering"])
    again = pickle.loads(pickle.dumps(vocab))
    assert again._deletes_ is None  # still pickled
    assert "bridge" in again and again.count("council") == 1  # counting does not need them
    twice = pickle.loads(pickle.dumps(again))  # passed through unread
    assert again._deletes_ is None
    assert twice.correct("brigde") == ("bridge", 1) and twice._deletes_ is not None
    assert twice.correct("engineeirng") == vocab.correct("engineeirng")
    again.add(["bridges", "council", "councils"])  # new words: new ids, filed when read
    assert again._deletes_ is None and [w for w, _ in again._pending] == ["bridges", "councils"]
    assert again._words == ["bridge", "council", "approved", "engineering", "bridges",
                            "councils"]
    saved = pickle.loads(pickle.dumps(again))  # the waiting words go into the saved tables
    assert saved.correct("bridgez") == ("bridges", 1) and saved.correct("councilsz") == (
        "councils", 1)
    assert again.correct("bridgez") == ("bridges", 1) and again.count("council") == 2
    assert not again._pending
    # A word no longer used keeps its id and gets it back when used again: no second entry.
    again.discard(["approved"])
    assert "approved" not in again and again.correct("aproved") is None
    again.add(["approved", "approved"])
    assert again.count("approved") == 2 and again._words.count("approved") == 1
    assert pickle.loads(pickle.dumps(again)).correct("aproved") == ("approved", 1)
