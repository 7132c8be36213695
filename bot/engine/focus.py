"""The verb a question about someone's act turns on, one step of reading a question
(:mod:`bot.engine.question`): "what did X do", "did X resign", "why did X vote no". The gates
(:mod:`bot.engine.sinks`) then ask a record for that act: a reason given for something else
the doer did is no answer ("why did the college fire Renwick" is not answered by "Renwick had
his own key to the room").

The doer is a person the question names ("why did Huang vote no": the verb right after the
name) or a short noun phrase opened by "the" or a possessive ("why did the college fire
Renwick", "why did the state police arrest Glen Pardee"): its verb is the first word within
:data:`SUBJECT_REACH` words of it that a noun phrase or a name follows ("fire | Renwick",
"cancel | the parade", "throw out | the ballots"), so "why is the teachers union filing a
grievance" turns on "filing", not on "union".
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.forms import PARTICLES

if TYPE_CHECKING:
    from bot.engine.question import Item, Query

#: The question words that ask about what someone did ("what did X do", "why did X resign").
ASKERS = ("what", "why")
#: The words opening a doer's noun phrase ("the college", "its board", "their union").
_DOER_OPENERS = frozenset({"the", "its", "their", "his", "her"})
#: The particles that may stand between a doer's verb and its object ("throw out the ballots",
#: "shut down the line"): a phrasal verb's, and "over" ("take over the park").
_PARTICLES = PARTICLES | {"over"}
#: The doer's noun phrase holds at most this many words after its opener ("the state police").
SUBJECT_REACH = 3


def doer_named(query: Query) -> bool:
    """Whether the question's focus is the verb of a doer it names ("why did Huang vote no"),
    as :func:`mark_focus` marks it: right after the name."""
    return any(it.focus and n and query.items[n - 1].people for n, it in enumerate(query.items))


def mark_focus(query: Query, opening: list[str]) -> None:
    """Mark the item of ``query`` that is its doer's verb (``Item.focus``), when the question
    (from ``opening``, its words after any greeting) asks what the doer did or why."""
    if not opening or not (opening[0] in lexicon.AUXILIARIES or opening[:2] in (
            [q, w] for q in ASKERS for w in lexicon.AUXILIARIES)):
        return
    items, at, ws = query.items, query.at, query.words
    for first, second in pairwise(items):
        if (first.people and not second.people
                and second.pos == first.pos + len(first.surface.split())
                and at[second.pos] == at[second.pos - 1] + 1):  # (no word between: "X say Y")
            second.focus = True
            return
    if len(items) < 2 or items[0].people or len(at) < len(items):
        return
    start = at[items[0].pos]
    if start < 2 or ws[start - 1] not in _DOER_OPENERS or ws[start - 2] not in lexicon.AUXILIARIES:
        return
    named = {at[it.pos] for it in items if it.people}
    for item in items[1 : 1 + SUBJECT_REACH]:
        k = at[item.pos]
        if item.people or k > start + SUBJECT_REACH:
            return
        after = k + 2 if ws[k + 1 : k + 2] and ws[k + 1] in _PARTICLES else k + 1
        if after < len(ws) and (ws[after] in lexicon.NOUN_PHRASE_OPENERS or after in named):
            item.focus = True
            return


#: A particle between a verb and the verb it leads to ("end **up** voting", "go **on** to win").
_LINKING = frozenset({"up", "on"})


def completed(item: Item, query: Query) -> bool:
    """The question's word ``item`` is followed by "to" ("decide to speak out") or by a
    particle and another verb ("end up voting yes", "go on to win"): what it turns on is the
    verb after it."""
    if item.pos >= len(query.at):
        return False
    at = query.at[item.pos]
    after = query.words[at + 1 : at + 3]
    return after[:1] == ["to"] or (len(after) == 2 and after[0] in _LINKING and (
        after[1] == "to" or after[1].endswith("ing")))
