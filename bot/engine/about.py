"""What someone's words are asked to be about ("what did X say about the pay offer"), and
whether a record of theirs is about it: one of :mod:`.sinks`' gates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.engine.question import Item

#: Prepositions that say what something said is about ("what did X say about Y") ...
ABOUT_WORDS = frozenset({"about", "regarding", "concerning"})
#: ... and the words opening a question of its own after one ("about how long ...").
ASKING = frozenset({"how", "whether", "what", "why", "when", "where", "if", "who", "which"})


def topic_at(ws: list[str]) -> int | None:
    """Where the question's first word saying what something said is about stands."""
    return next((k for k, w in enumerate(ws) if w in ABOUT_WORDS), None)


def about_terms(items: Sequence[Item], at: Sequence[int], topic: int, speaker: str
                ) -> tuple[str, ...]:
    """The terms of what someone's words are asked to be about: of the question's items after
    its word saying so (``topic``; ``at``: where each item's word stands), the people among
    them too ("about how Darnell handled it": her words naming Darnell are about it), but not
    the ``speaker`` nor people alone ("what did X say about Ben Ortiz" is not read for them)."""
    after = [it for it in items if at[it.pos] > topic and speaker not in it.people[:1]]
    if all(it.people for it in after):
        return ()
    return tuple(t for it in after for t in it.terms)


def about_enough(items: list[frozenset[str]], all_terms: tuple[str, ...],
                 fields: dict[str, int], topic: frozenset[str],
                 around: Callable[[set[str]], dict[str, int]] | None,
                 asking: bool = False) -> bool:
    """Whether what someone's words are asked to be about ("about logging a species out of
    existence": its words, each by any of its terms) is what the record is about: at least
    half of them in the record or its article's title, or, so far, in the sentences around it
    (read only when needed); one of them, when it is ``asking`` a question of its own ("about
    how much peanut it takes to cause a reaction": "a few milligrams of peanut can be
    enough" answers it in other words)."""
    if not items:  # (no word of weight the bank has: any of them will do)
        items = [frozenset(all_terms)]
    need = 1 if asking else len(items)
    had = [any(t in fields or t in topic for t in terms) for terms in items]
    if any(had) and 2 * sum(had) >= need:
        return True
    if around is None:
        return False
    near = around(set().union(*items))
    return 2 * sum(h or not terms.isdisjoint(near)
                   for h, terms in zip(had, items, strict=True)) >= need


def about_asks(ws: list[str]) -> bool:
    """What the question asks someone's words to be about is a question of its own ("what did
    she say about how much peanut it takes", "about whether it will work")."""
    k = topic_at(ws)
    return k is not None and k + 1 < len(ws) and ws[k + 1] in ASKING
