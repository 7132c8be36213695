"""bot/engine/stories.py: which sources of the bank tell one story."""

from __future__ import annotations

from bot.engine.stories import RETOLD_SHARE, one_story, reports, retellings


def test_two_sources_about_the_same_people_tell_one_story() -> None:
    """Two people in common, a third of the smaller story's at least: one story (two outlets,
    a follow-up); one name shared (a governor) or two of many is two stories."""
    fire = {"chief", "sheriff", "mayor", "evacuee"}
    assert one_story(fire, {"chief", "sheriff", "nurse"})
    assert not one_story(fire, {"chief", "coach"})
    assert not one_story(set("abcdefghij"), set("abklmnopqr"))
    assert not one_story(set(), set())


def test_a_retelling_is_another_story_sources_near_as_likely_giving_the_kind_asked() -> None:
    """Of the candidates, those of another source telling one story (``retold``), at least
    RETOLD_SHARE as probable as the answer, giving the kind of answer asked and other
    figures (one giving the same figures, or none, leaves the answer as it is)."""
    from bot.engine.scoring import FEATURES, Candidate
    from tests.engine_records import view_of

    def cand(rid: int, p: float, typed: bool, text: str = "It rose to 850.") -> Candidate:
        values = [0.0] * len(FEATURES)
        values[FEATURES.index("type_found")] = float(typed)
        return Candidate(rid, 1.0, view_of(text), values, p)

    best, same, weak, untyped, other, alike, unfigured = (
        cand(0, 0.9, True, "It was 620."), cand(1, 0.7, True), cand(2, 0.3, True),
        cand(3, 0.8, False), cand(4, 0.9, True), cand(5, 0.9, True, "Still 620."),
        cand(6, 0.9, True, "It lasted until dusk."))
    retold = lambda a, b: b != 4  # noqa: E731 (rid 4: another story's)
    found = retellings(best, [best, same, weak, untyped, other, alike, unfigured], retold)
    assert found == [same]
    assert RETOLD_SHARE * best.probability > weak.probability


def test_the_reports_of_a_claim_are_its_own_retellings_and_restatements_as_well_found() -> None:
    """Asked for the latest, the reports of what the best candidate says: itself, another
    outlet's retelling (``retold``) or the same claim (``same_claim``), each retrieved as well
    and not sunk; another story's record, or one retrieved less well, is none."""
    from bot.engine.scoring import FEATURES, Candidate
    from tests.engine_records import view_of

    def cand(rid: int, p: float, retrieval: float = 2.0) -> Candidate:
        return Candidate(rid, retrieval, view_of("It rose to 850."), [0.0] * len(FEATURES), p)

    best, retold_one, same, other, weaker, sunk = (
        cand(0, 0.9), cand(1, 0.7), cand(2, 0.6), cand(3, 0.9), cand(4, 0.8, 1.0), cand(5, 0.0))
    found = reports(best, [best, retold_one, same, other, weaker, sunk],
                    lambda a, b: b in (1, 4, 5), lambda a, b: b.rid == 2)
    assert found == [best, retold_one, same]
    assert reports(best, [best, other], lambda a, b: False, lambda a, b: False) == [best]
