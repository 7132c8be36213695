"""bot/engine/reasons.py: a "why" question answered with the reason, when the record chosen
states only the claim and the next sentence of its source gives the reason (or the one
before, which it points back to: "That is why")."""

from __future__ import annotations

from bot.engine import Engine
from bot.engine.memory import Memory
from bot.engine.normalize import stem
from bot.engine.reasons import reason_after, reason_before, states_reason
from bot.models import Bank, Citation, Fact, Quote, Source

CLAIM = "The utility has faced sharp criticism for not cutting power to the valley on Saturday."
REASON = ("A spokesman said the utility decided against a shutoff because forecast winds "
          "were below its threshold.")
OTHER = "Crews contained a third of the fire by Monday evening."


def _fact(fid: str, text: str, source: str = "wire") -> Fact:
    return Fact(id=fid, text=text, citations=(Citation(source, text),))


def _bank(*facts: Fact, quotes: tuple[Quote, ...] = ()) -> Bank:
    sources = (Source("wire", "Mountain Wire", "Fire in the valley"),
               Source("other", "Valley Post", "Power and the fire"))
    return Bank(sources=sources, people=(), facts=facts, quotes=quotes)


def _memory(bank: Bank) -> Memory:
    m = Memory()
    for record in bank.records():
        m.upsert(record)
    return m


def _engine(*facts: Fact) -> Engine:
    """An engine answering whatever it finds (no threshold) from ``facts``."""
    return Engine(_bank(*facts), threshold=0.0)


def _rid(m: Memory, fid: str) -> int:
    return m.rids["fact"][fid]


def test_a_record_states_a_reason_with_a_connective_not_with_to_or_for() -> None:
    assert states_reason(_fact("r", REASON))
    assert states_reason(_fact("d", "The flight was late due to fog."))
    assert not states_reason(_fact("c", CLAIM))  # "for not cutting": no reason given


def test_the_next_record_of_the_same_source_gives_the_reason() -> None:
    m = _memory(_bank(_fact("claim", CLAIM), _fact("reason", REASON), _fact("other", OTHER)))
    asked = {stem("utility"), stem("power")}
    assert reason_after(m, _rid(m, "claim"), asked) == _rid(m, "reason")
    # a record giving its own reason needs no other; the one before is not the reason
    assert reason_after(m, _rid(m, "reason"), asked) is None
    # a next record sharing no word of the question is about something else
    assert reason_after(m, _rid(m, "claim"), {stem("shutoff")}) == _rid(m, "reason")
    assert reason_after(m, _rid(m, "claim"), {stem("valley")}) is None


def test_a_reason_from_another_source_or_after_another_record_is_not_the_claims() -> None:
    m = _memory(_bank(_fact("claim", CLAIM), _fact("reason", REASON, source="other")))
    assert reason_after(m, _rid(m, "claim"), {stem("utility")}) is None
    m = _memory(_bank(_fact("claim", CLAIM), _fact("other", OTHER), _fact("reason", REASON)))
    assert reason_after(m, _rid(m, "claim"), {stem("utility")}) is None


def test_why_not_is_answered_with_the_claim_and_its_reason_both_cited() -> None:
    engine = _engine(_fact("claim", CLAIM), _fact("reason", REASON), _fact("other", OTHER))
    a = engine.answer("Why didn't the utility cut power on Saturday?")
    assert a.answered and a.record_id == "claim"
    assert a.text == f"{CLAIM} {REASON}"
    assert [s.excerpt for s in a.sources] == [CLAIM, REASON]
    # not a "why" question: the claim alone
    b = engine.answer("Did the utility face criticism for not cutting power on Saturday?")
    assert b.answered and b.record_id == "claim" and b.text == CLAIM
    assert [s.excerpt for s in b.sources] == [CLAIM]


def test_a_why_question_answered_by_a_record_with_its_reason_gets_that_record_alone() -> None:
    a = _engine(_fact("reason", REASON), _fact("other", OTHER)).answer(
        "why did the utility decide against a shutoff")
    assert a.answered and a.record_id == "reason" and a.text == REASON
    assert len(a.sources) == 1


ORDER = ("Crews restore power to the circuits feeding hospitals and water plants first, then "
         "to the lines serving the most homes.")
BACK = "That order, she said, is why some streets with lights sit next to streets still dark."


def test_a_record_pointing_back_to_the_one_before_as_the_reason_is_answered_with_it() -> None:
    m = _memory(_bank(_fact("other", OTHER), _fact("order", ORDER), _fact("back", BACK)))
    assert reason_before(m, _rid(m, "back")) == _rid(m, "order")
    assert reason_before(m, _rid(m, "order")) is None  # (pointing back to nothing)
    for text in ("This is why the crews start with hospitals.",
                 "That's why the crews start with hospitals.",
                 "Those delays were the reason the crews start with hospitals."):
        m = _memory(_bank(_fact("order", ORDER), _fact("back", text)))
        assert reason_before(m, _rid(m, "back")) == _rid(m, "order"), text
    # "that" as no pointer back, or a sentence of another source
    m = _memory(_bank(_fact("order", ORDER), _fact("back", "She said that is not the plan.")))
    assert reason_before(m, _rid(m, "back")) is None
    m = _memory(_bank(_fact("order", ORDER), _fact("back", BACK, source="other")))
    assert reason_before(m, _rid(m, "back")) is None

    a = _engine(_fact("other", OTHER), _fact("order", ORDER), _fact("back", BACK)).answer(
        "why do some streets have lights while the next street is still dark")
    assert a.answered and a.record_id == "back"
    assert a.text == f"{ORDER} {BACK}"
    assert [s.excerpt for s in a.sources] == [ORDER, BACK]


VOTE = "Commissioner Gary Whitlock voted against the permit."
ACCOUNT = "He said the project was too large for a county of 22,000 people."


def _about(fid: str, text: str, passage: str, who: str = "whitlock") -> Fact:
    """A fact about one person, its text as ingest writes it (a pronoun read as the name)."""
    return Fact(id=fid, text=text, citations=(Citation("wire", passage),), people=(who,))


def test_the_persons_own_account_after_their_act_is_its_reason() -> None:
    """"Whitlock voted against the permit. He said ...": the sentence going on about the one
    person with their account (no "because") gives the reason of what they did."""
    vote = _about("vote", VOTE, VOTE)
    account = _about("account", "Whitlock said the project was too large for a county.", ACCOUNT)
    m = _memory(_bank(vote, account))
    assert reason_after(m, _rid(m, "vote"), {stem("vote")}) == _rid(m, "account")
    engine = _engine(vote, account)
    a = engine.answer("why did whitlock vote against the permit")
    assert a.answered and a.record_id == "vote"
    assert [s.excerpt for s in a.sources] == [VOTE, ACCOUNT]


def test_a_next_sentence_not_the_persons_account_is_no_reason() -> None:
    """"voted for the project" has a reason marker ("for"), so only the account of the
    one person it is about, going on from it, gives its reason."""
    claim = "Commissioner Dean Albrecht voted for the project."
    vote = _about("vote", claim, claim, who="albrecht")
    m = _memory(_bank(vote, _about("his", "Albrecht said the farm would pay taxes.",
                                   "He said the farm would pay taxes.", "albrecht")))
    assert reason_after(m, _rid(m, "vote"), {stem("vote")}) == _rid(m, "his")
    for fid, text, passage, who in (
        # no account: another thing about him
        ("served", "Albrecht has served on the board since 2010.",
         "He has served on the board since 2010.", "albrecht"),
        # about someone else
        ("other", "Whitlock said the farm would pay taxes.",
         "He said the farm would pay taxes.", "whitlock"),
        # not opening on the pronoun: a new sentence about him, not going on
        ("later", "Later, Albrecht said he would run again.",
         "Later, he said he would run again.", "albrecht"),
    ):
        m = _memory(_bank(vote, _about(fid, text, passage, who)))
        assert reason_after(m, _rid(m, "vote"), {stem("vote")}) is None, fid


STAKE = "Pelletier has a personal stake in the lighthouse."
KEEPER = "Her grandfather was the lighthouse's last keeper."


def test_a_claim_with_no_reason_is_explained_by_the_next_sentence_about_its_things() -> None:
    """A claim giving no reason at all ("has a personal stake") is explained by the sentence
    after it that says more of the claim's things, or that is someone's account."""
    stake = _fact("stake", STAKE)
    m = _memory(_bank(stake, _fact("keeper", KEEPER)))
    assert reason_after(m, _rid(m, "stake"), {stem("personal")}) == _rid(m, "keeper")
    m = _memory(_bank(stake, _fact("said", "Fair officials said the lamp was rebuilt.")))
    assert reason_after(m, _rid(m, "stake"), {stem("personal")}) == _rid(m, "said")
    # a sentence sharing nothing and saying nothing is no explanation
    m = _memory(_bank(stake, _fact("other", OTHER)))
    assert reason_after(m, _rid(m, "stake"), {stem("personal")}) is None
    # a claim with a reason marker of its own ("to save the lamp") needs none
    own = _fact("own", "Pelletier bought the lighthouse to save it.")
    m = _memory(_bank(own, _fact("keeper", KEEPER)))
    assert reason_after(m, _rid(m, "own"), {stem("lighthouse")}) is None
    engine = _engine(stake, _fact("keeper", KEEPER))
    a = engine.answer("why is the lighthouse so personal for pelletier")
    assert a.answered and a.record_id == "stake"
    assert [s.excerpt for s in a.sources] == [STAKE, KEEPER]


def test_a_marker_opening_a_noun_phrase_gives_no_reason_so_an_account_explains_it() -> None:
    """"donate the price **to** the club" gives no reason ("to" opens a noun phrase), so the
    account after it explains the claim; a claim with such a marker is not explained by a
    sentence only sharing its things, and a purpose ("**to** keep it open") needs none."""
    gift = _fact("gift", "The feed store said it would donate the full price to the club.")
    said = _fact("said", "Its manager said the store did not want the fight to hurt the club.")
    m = _memory(_bank(gift, said))
    assert reason_after(m, _rid(m, "gift"), {stem("donate")}) == _rid(m, "said")
    m = _memory(_bank(gift, _fact("more", "The club has 40 members and a new price list.")))
    assert reason_after(m, _rid(m, "gift"), {stem("donate")}) is None
    aim = _fact("aim", "The feed store said it would donate the full price to keep it open.")
    m = _memory(_bank(aim, said))
    assert reason_after(m, _rid(m, "aim"), {stem("donate")}) is None
