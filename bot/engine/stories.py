"""Which sources of the bank tell one story: two outlets' reports of one event, or a
follow-up, are about the same people. A question both answer is about that story, not
ambiguous between two (:func:`bot.engine.scoring.ambiguous`); a record retelling the answer
in another outlet's words is no rival to it (the answer's lead is over the next candidate
that does not retell it); and of the figures they give ("more than 620 firefighters", a day
later "rose to more than 850"), the newest report's answers, the other shown beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the memory reads this module, and scoring reads the memory's records)
    from bot.engine.scoring import Candidate

#: A retelling of the answer as likely as this share of it answers as well (:func:`retellings`).
RETOLD_SHARE = 0.7


def one_story(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sources whose stories are about the people ``a`` and ``b`` tell one story:
    two people in common at least, and a third of those of the one naming fewer (two stories
    may well share one name: a governor, a namesake)."""
    a, b = frozenset(a), frozenset(b)
    shared = len(a & b)
    return shared >= 2 and 3 * shared >= min(len(a), len(b))


def retellings(best: Candidate, cands: list[Candidate],
               retold: Callable[[int, int], bool]) -> list[Candidate]:
    """The candidates retelling what ``best`` says in another source of its story (``retold``
    of two rids), at least :data:`RETOLD_SHARE` as probable, giving the kind of answer asked
    and other figures: asked a figure, the newest report of them answers ("rose to more than
    850"); one giving none, or the same, leaves the answer as it is."""
    from bot.engine.scoring import FEATURES  # (not at the top: a cycle through the memory)

    found = FEATURES.index("type_found")
    return [c for c in cands if c is not best and c.probability >= RETOLD_SHARE * best.probability
            and c.features[found] > 0 and c.view.numbers and c.view.numbers != best.view.numbers
            and retold(best.rid, c.rid)]


def reports(best: Candidate, cands: list[Candidate], retold: Callable[[int, int], bool],
            same_claim: Callable[[Candidate, Candidate], bool]) -> list[Candidate]:
    """The reports of what ``best`` says, asked for the latest ("where is it now"): the
    candidates as well retrieved that are ``best``, retell it (``retold`` of two rids) or say
    the same claim (``same_claim``: perhaps with other figures); not another story's figure.
    The newest of two or more answers; one alone is read as any other question's answer."""
    return [c for c in cands if c.probability > 0 and c.retrieval >= best.retrieval and (
        c is best or retold(best.rid, c.rid) or same_claim(best, c))]
