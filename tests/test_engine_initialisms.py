"""bot/engine/initialisms.py: "the AG" is the attorney general the coverage writes out."""

from __future__ import annotations

from collections import Counter

from bot.engine import Engine
from bot.engine.initialisms import meant, runs, spell_out
from bot.models import Bank, Citation, Fact, Source

SOURCE = Source("wire", "Heartland Wire", "Repair law", None, "2025-06-27", None)
TEXTS = (
    "The attorney general must send a report to the Legislature by Dec. 1.",
    "A spokesman for the attorney general's office said it hired two investigators.",
    "Only 4 drivers completed the commercial driver's license training, which takes eight "
    "weeks.",
    "The air grew thin above the ridge.",
)


def _fact(n: int, text: str) -> Fact:
    return Fact(f"f{n}", text, (Citation("wire", text),), (), (), None, None)


def test_the_runs_of_words_with_given_initials_are_counted() -> None:
    assert runs("ag", TEXTS) == Counter({"attorney general": 2, "air grew": 1})
    assert runs("cdl", TEXTS) == Counter({"commercial driver license": 1})
    assert runs("xyz", TEXTS) == Counter()


def test_initials_mean_the_run_the_bank_uses_most_and_two_letters_need_two_uses() -> None:
    assert meant("cdl", Counter({"commercial driver license": 1})) == "commercial driver license"
    assert meant("ag", Counter({"attorney general": 2, "air grew": 1})) == "attorney general"
    assert meant("ag", Counter({"attorney general": 1})) is None  # once: anyone's initials
    assert meant("ab", Counter({"a b": 2, "b a": 2})) is None  # two as often: neither


def test_a_word_the_bank_lacks_that_is_initials_is_spelt_out() -> None:
    bank = {"attorney", "general", "the", "report"}

    def table(letters: str) -> Counter[str]:
        return runs(letters, TEXTS)

    assert spell_out("when's the AG report due", bank.__contains__, table) == \
        "when's the attorney general report due"
    assert spell_out("how long is cdl training", bank.__contains__, table) == \
        "how long is commercial driver license training"
    # a word in lower case with a vowel is read as written ("ag", "air"), as a word the bank
    # has is, and "isn" of "isn't" is no word at all
    assert spell_out("the ag air report isn't due", bank.__contains__, table) == \
        "the ag air report isn't due"


def test_the_engine_answers_a_question_asked_with_initials_and_keeps_up_with_the_bank() -> None:
    facts = [_fact(n, t) for n, t in enumerate(TEXTS)]
    engine = Engine(Bank(sources=(SOURCE,), facts=tuple(facts[:2] + facts[3:])))
    answer = engine.answer("how many investigators did the AG hire")
    assert answer.answered and "two investigators" in answer.text
    assert not engine.answer("how long does cdl training take").answered
    engine.upsert(facts[2])  # (the runs looked up before are looked up again)
    assert "eight weeks" in engine.answer("how long does cdl training take").text
