"""Who did an act, as a question asks it and a record says it: the named doer a question asks
the doing of ("who did Ames inspire", "what theory did Lutz formulate"), a record that has
that name in another role ("Ames, inspired by Lutz"; "inspired by a suggestion made by Lutz")
or the act done by another named doer ("what has Cambridge bought": "Harvard has bought land
... from Cambridge"), and the agent of a passive a question asks ("who was it found by") that
a record does not give. Gates of :mod:`.sinks`, through :mod:`.shifts`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.lexicon import irregular
from bot.engine.normalize import DETERMINERS, fold, is_content, stem

if TYPE_CHECKING:
    from bot.engine.question import Query

#: The question words asking what a named doer did ("who did Ames inspire", "what theory did
#: Lutz formulate", "why has Ames bought land"), and the auxiliaries they take.
_DOER_ASKERS = frozenset({"who", "whom", "what", "which", "why", "how", "where", "when"})
_DO = frozenset({"did", "does", "do", "has", "have", "had"})
#: The auxiliary stands this many words at most after the question word ("how much land
#: did").
_DO_REACH = 3
#: A name stands this many words at most before the participle it is the subject of ("Ames,
#: who was inspired by"), or after the "by" whose agent it is ("inspired by a suggestion made
#: by Lutz").
_ROLE_REACH = 4
#: A name followed by one of these does something more in the clause ("by Lutz, who
#: formulated", "by Lutz and formulated").
_GOES_ON = frozenset({"who", "and", "which", "whose"})
#: ... or, after a description of the name ("by Petrosyan, a pediatrician who lives"), a
#: relative pronoun this many words into it at most.
_ARTICLES, _RELATIVE = frozenset({"a", "an", "the"}), frozenset({"who", "whose"})
_DESCRIBED_REACH = 8


def named_doer(query: Query) -> tuple[str, str] | None:
    """When a question asks what a person or thing it names did ("who did Frank Ames
    inspire", "what theory did Lutz formulate", "why has Ames bought land"): the last word of
    the name ("ames") and the stem of its verb. None for any other question, or a verb of
    saying (what someone said is read by its own gates)."""
    ws, at = query.words, query.at
    if len(at) < len(query.items) or len(ws) < 4 or ws[0] not in _DOER_ASKERS:
        return None
    j = next((k for k in range(1, min(len(ws), 1 + _DO_REACH)) if ws[k] in _DO), None)
    if j is None:
        return None
    spans = {at[it.pos]: at[it.pos] + len(it.surface.split())
             for it in query.items if it.people or it.specific}
    end = j + 1
    while end in spans:
        end = spans[end]
    if end == j + 1 or end >= len(ws):
        return None
    verb = ws[end]
    if not is_content(verb) or verb in lexicon.SPEECH_VERBS:
        return None
    return ws[end - 1], stem(verb)


#: The forms of "be" (and "get") a passive is made with: "was found", "got arrested".
_PASSIVE_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets",
                         "got"})
#: The agent of a passive ("found by a forklift operator") comes this many words after it.
_AGENT_REACH = 15


def agent_asked(ws: list[str]) -> str | None:
    """When a question asks who did a thing ("who found the leak", "who sentenced Kolb"):
    the stem of its verb. None for "who is", "who said", "who did X ...", a verb in "-ing"."""
    if len(ws) < 3 or ws[0] != "who" or not is_content(ws[1]) \
            or ws[1] in lexicon.SPEECH_VERBS or not _participle(ws[1]):
        return None
    return stem(ws[1])


def agent_unsaid(verb: str, ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) has the verb a question asks the doer of
    (:func:`agent_asked`) only in the passive, with no agent after it: "the leak was found
    at 3:15 a.m." does not say who found it ("was found by a forklift operator" does); or
    only as a thing, a noun in "-ing" after an article, or after another noun and before no
    object: "who painted it": "a 19th-century landscape painting" (but "they keep calling it a
    tax" does call it so)."""
    at = [k for k, w in enumerate(ws) if stem(w) == verb]
    return bool(at) and all(k and (_passive(ws, k) or _as_thing(ws, k))
                            and "by" not in ws[k + 1 : k + 1 + _AGENT_REACH] for k in at)


def _passive(ws: list[str], k: int) -> bool:
    """The verb at ``ws[k]`` (past the first word) is passive: "was found", "was quickly
    found" (not "was painting it", whose doer stands before)."""
    return not ws[k].endswith("ing") and (ws[k - 1] in _PASSIVE_BE or (
        k > 1 and ws[k - 2] in _PASSIVE_BE and ws[k - 1].endswith("ly")))


def _as_thing(ws: list[str], k: int) -> bool:
    """The word at ``ws[k]`` (past the first) is a noun in "-ing": after an article ("the
    painting"), or after another noun and before no object ("a landscape painting cut from
    its frame"; not "they keep calling it a tax")."""
    if not ws[k].endswith("ing"):
        return False
    if ws[k - 1] in DETERMINERS:
        return True
    return is_content(ws[k - 1]) and ws[k - 1] not in lexicon.ANY_AUXILIARY \
        and k + 1 < len(ws) and ws[k + 1] not in lexicon.NOUN_PHRASE_OPENERS



def _participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in irregular()


def roles_swapped(doer: tuple[str, str], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) has the name a question asks the doing of
    (:func:`named_doer`) in another role: done to ("who did Ames inspire": "Ames, inspired
    by Lutz, formulated ...") or the agent of another act only ("what theory did Lutz
    formulate": "inspired by a suggestion made by Lutz, Ames formulated ..."), where the
    record never says the name did it ("Lutz formulated", "formulated by Lutz")."""
    name, verb = doer
    at = [k for k, w in enumerate(ws) if w == name]
    if not at:
        return False
    stems = [stem(w) for w in ws]
    passive = [k for k in range(len(ws) - 1) if stems[k] == verb and ws[k + 1] == "by"]
    active = [k for k, s in enumerate(stems) if s == verb and k not in passive]
    if any(0 < p - k - 1 <= _ROLE_REACH for k in passive for p in at):
        return False  # (done by the name: "Lutz, inspired by Ames": whom Ames inspired)
    if passive and not active and all(any(0 < k - p <= _ROLE_REACH for k in passive) for p in at):
        return True  # "Ames, inspired by ..."
    agents = [p for p in at if any(
        ws[b] == "by" and b and _participle(ws[b - 1]) and stems[b - 1] != verb
        for b in range(max(0, p - _ROLE_REACH), p))]
    return bool(active) and len(agents) == len(at) and not any(_goes_on(ws, p) for p in at)


def _goes_on(ws: list[str], p: int) -> bool:
    """Whether the name at ``ws[p]`` does something more in its clause (:data:`_GOES_ON`),
    past any age and description given: "by Lutz, who formulated", "by Walter Brandvold, 76,
    who worked", "led by Hannah Kowalczyk, 34, a nurse and mother of three who started"."""
    k = p + 1 + (p + 1 < len(ws) and ws[p + 1].isdigit())
    if k < len(ws) and ws[k] in _ARTICLES:  # (what the name is, then what they did)
        return any(w in _RELATIVE for w in ws[k + 1 : k + 1 + _DESCRIBED_REACH])
    return k < len(ws) and ws[k] in _GOES_ON


#: The words that may stand between a verb and its subject ("Harvard has since purchased").
_BETWEEN = frozenset({*lexicon.ANY_AUXILIARY, "also", "later",
                      "then", "now", "already", "since", "recently", "first"})
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")


def another_doer(doer: tuple[str, str], text: str) -> bool:
    """Whether a record (its ``text``) has the verb of the doer a question asks about
    (:func:`named_doer`) done only by another named doer, the asked one named elsewhere:
    "what has Cambridge bought": "Harvard has bought land across the river from Cambridge".
    Not when the verb has anything but a name before it ("its board bought", "Ames, who
    lives in Cambridge, bought": a clause or a pronoun may be the name's), nor when the name
    is part of the doer's ("Harvard College bought", "Cambridge" asked of "Cambridge City")."""
    name, verb = doer
    tokens = _TOKEN.findall(text)
    folded = [fold(t) for t in tokens]
    if name not in folded:
        return False
    done = False
    for k, w in enumerate(folded):
        if stem(w) != verb:
            continue
        if folded[k + 1 : k + 2] == ["by"]:
            return False  # ("was bought by ...": roles, :func:`roles_swapped`)
        j = k - 1
        while j >= 0 and folded[j] in _BETWEEN:
            j -= 1
        run = []
        while j >= 0 and tokens[j][:1].isupper() and tokens[j].isalnum():
            run.append(folded[j])
            j -= 1
        if not run or name in run or not is_content(run[0]):
            return False
        done = True
    return done
