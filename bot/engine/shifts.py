"""How a question may shift what a record says while keeping its words: a time moved
("before the 1950s" asked, "in the mid-1950s" said), a unit of time swapped on the same
figure ("two and three weeks" asked, "two and three days" said), roles swapped ("who did
Ames inspire" asked, "Ames, inspired by Lutz" said), the doer swapped ("what has Cambridge
bought" asked, "Harvard has bought" said), the subject made the object ("what are peptides
processed into" asked, "processed into peptides" said). Each is a gate of :mod:`.sinks`: a
record saying the shifted thing answers nothing, however many of the question's words it has.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.doers import agent_asked, agent_unsaid, another_doer, named_doer, roles_swapped
from bot.engine.figures import figure_counts, is_year
from bot.engine.forms import PARTICLES, phrasal_stems
from bot.engine.normalize import is_content, stem
from bot.engine.tally import split_vote, unanimity_asked

if TYPE_CHECKING:
    from bot.engine.question import Query
    from bot.engine.records import RecordView

#: The year a preposition places something before or after stands this many words after it
#: at most ("before the mid-1950s": the, mid).
_SHIFT_REACH = 3
#: The prepositions that make another verb of a phrasal verb's ("vote on", "turn to"; not
#: "by", which names the doer, nor another particle: "walk out" is "walk off the job").
_VERB_PREPOSITIONS = frozenset({"on", "in", "into", "to", "for", "with", "against", "over",
                                "through", "about", "at"})

#: The words the object of a phrasal verb has at most when the question puts its particle
#: (:data:`~bot.engine.forms.PARTICLES`; not a preposition, which may end a question alone:
#: "what did she vote on") after it, at its end ("vote the budget down").
_SPLIT_REACH = 3


def _placed(ws: list[str], k: int) -> str:
    """The word placing the year at ``k`` in ``ws``: the one before it, past the words that
    may stand between ("in the mid-1950s": "in"); "" when none is within reach."""
    j = k - 1
    while j >= 0 and k - j <= _SHIFT_REACH and ws[j] in lexicon.TIME_SHIFT_SKIPPED:
        j -= 1
    return ws[j] if j >= 0 and k - j <= _SHIFT_REACH else ""


def time_asked(ws: list[str]) -> list[tuple[str, str]]:
    """Each year or decade of a question placed by "before", "after" or "in" ("what was
    formulated before the 1950s": ("1950s", "before")), with that word."""
    return [(w, p) for k, w in enumerate(ws)
            if is_year(w) and (p := _placed(ws, k)) in (*lexicon.TIME_SHIFTS, "in")]


def time_shifted(asked: list[tuple[str, str]], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) says a year the question asks about (``asked``,
    :func:`time_asked`) only at another time: "before the 1950s" asked, "in the mid-1950s"
    or "after 1950" said (but "by the 1950s" is before them, "since 1950" after); "in 1905"
    asked, only "before 1905", "after 1905" or "since 1905" said ("the largest outbreak since
    1905" counts no cases of 1905). A record not saying the year gives nothing to judge."""
    for year, asked_by in asked:
        placed = [_placed(ws, k) for k, w in enumerate(ws) if w == year]
        if not placed:
            continue
        if asked_by in lexicon.TIME_SHIFTS:
            if not any(p in lexicon.TIME_SHIFTS[asked_by] for p in placed):
                return True
        elif all(p in lexicon.TIME_SHIFTS or p == "since" for p in placed):
            return True
    return False


#: The words of a comparison's baseline ("up from 36,000 last year", "more than last year").
_COMPARED = frozenset({"from", "than", "since"})
#: The words placing a unit of time against now ("this year", "last season", "next week").
_DEICTIC = frozenset({"this", "next", "last"})


def _placed_now(ws: list[str]) -> list[tuple[int, str, str]]:
    """Each unit of time ``ws`` places against now: where, the word placing it and the unit."""
    return [(k, a, b) for k, (a, b) in enumerate(pairwise(ws))
            if a in _DEICTIC and b in lexicon.TIME_UNITS]


def now_asked(ws: list[str]) -> list[tuple[str, str]]:
    """Each unit of time a question places against now, with the word placing it ("how many
    calls did they answer last year": ("last", "year"))."""
    return [(a, b) for _, a, b in _placed_now(ws)]


def now_shifted(asked: list[tuple[str, str]], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) places a unit of time the question places against
    now (``asked``, :func:`now_asked`) only otherwise: "this year" asked, only "last year"
    said ("what night is the night glow this year": "Last year, traffic on Friday night ...")."""
    said = {(a, b) for k, a, b in _placed_now(ws)
            if _COMPARED.isdisjoint(ws[max(0, k - _SHIFT_REACH) : k])}
    # (but a time compared against is no other time of the thing: "45,000 people, up from
    # about 36,000 last year")
    return any((d, u) not in said and any((o, u) in said for o in _DEICTIC - {d})
               for d, u in asked)


def _unit_stems() -> frozenset[str]:
    return frozenset(map(stem, lexicon.TIME_UNITS))


def units_asked(counts: frozenset[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    """The figures of a question that count a unit of time ("between 2 and 3 weeks": ("2",
    "week"), ("3", "week")), from its :func:`~bot.engine.figures.figure_counts`; not a year's."""
    units = _unit_stems()
    return frozenset((n, u) for n, u in counts if u in units and not is_year(n))


def unit_swapped(asked: frozenset[tuple[str, str]], counts: frozenset[tuple[str, str]]) -> bool:
    """Whether a record (its figure counts) gives a figure the question counts in a unit of
    time (``asked``, :func:`units_asked`) only in another: "takes 2 to 3 weeks" asked, "takes
    2 to 3 days" said ("3 days and 3 nights" says both)."""
    if not asked:
        return False
    units = _unit_stems()
    return any((n, u) not in counts and any(m == n and v in units and v != u for m, v in counts)
               for n, u in asked)


#: The question words asking for the object of an act ("what did Lutz formulate").
_OBJECT_ASKERS = frozenset({"who", "whom", "what", "which"})
#: The prepositions a question may end on, asking for their object ("what are peptides
#: processed into").
_ENDING_PREPOSITIONS = frozenset({"into", "to", "from", "by", "with", "for", "on", "as", "in",
                                  "against"})
#: The subject stands this many words at most before the verb; the preposition this many after
#: it, its object this many after the preposition.
_SUBJECT_REACH, _PREPOSITION_REACH, _OBJECT_REACH = 6, 5, 3


def object_asked(ws: list[str]) -> tuple[str, str, str] | None:
    """When a question ends on a preposition asking its object of what its subject is done
    ("what are peptides processed into", "who was the bridge named for"): the stems of the
    subject's last word and of the verb, and the preposition."""
    if len(ws) < 4 or ws[0] not in _OBJECT_ASKERS or ws[-1] not in _ENDING_PREPOSITIONS:
        return None
    subject = [w for w in ws[2:-2] if is_content(w)]
    if not subject or not is_content(ws[-2]):
        return None
    return stem(subject[-1]), stem(ws[-2]), ws[-1]


def object_swapped(asked: tuple[str, str, str], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) has the question's subject as the object of its
    preposition instead (:func:`object_asked`): "what are peptides processed into" asked, "the
    complex is processed by proteolysis into peptides" said. Not when the subject stands
    before the verb too ("peptides are then processed into ...")."""
    subject, verb, preposition = asked
    stems = [stem(w) for w in ws]
    swapped = False
    for k, t in enumerate(stems):
        if t != verb:
            continue
        if subject in stems[max(0, k - _SUBJECT_REACH) : k]:
            return False
        after = ws[k + 1 : k + 1 + _PREPOSITION_REACH]
        if preposition in after:
            p = k + 1 + after.index(preposition)
            swapped = swapped or subject in stems[p + 1 : p + 1 + _OBJECT_REACH]
    return swapped


def opposed_pairs(ws: list[str]) -> list[tuple[str, str, frozenset[str]]]:
    """Each word of a question with opposites right before a content word ("a large number"):
    the stems of both and of its opposites (the question's own words left out: "large or small
    numbers" asks about both)."""
    out = []
    asked = set(ws)
    for a, b in pairwise(ws):
        if (opposed := lexicon.all_opposites(a)) and is_content(a) and is_content(b) \
                and not a.isdigit() and (opposed := opposed - asked):
            out.append((stem(a), stem(b), frozenset(map(stem, opposed))))
    return out


def opposite_beside(asked: list[tuple[str, str, frozenset[str]]], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) says a question's word of another thing, and its
    opposite before the word it stood before (:func:`opposed_pairs`): "produced from a large
    number of genes" asked, "a large array ... produced from only a small number of genes"
    said. (A record without the question's word is left to the opposites of :mod:`.sinks`,
    which read the record's passage too.)"""
    stems = [stem(w) for w in ws]
    pairs = set(pairwise(stems))
    return any(a in stems and (a, b) not in pairs and any(
        stems[k] in opposed and stems[k + 1] == b  # (not "large and small numbers": both)
        and not (k > 1 and ws[k - 1] in _JOINING and stems[k - 2] == a)
        for k in range(len(stems) - 1)) for a, b, opposed in asked)


_JOINING = frozenset({"and", "or"})


#: The words counting how often ("infects the body once"), and those before one that make it
#: a bound ("more than once", "at least twice") or no count ("at once": together).
_HOW_OFTEN = frozenset({"once", "twice", "thrice"})
_BOUNDING = frozenset({"than", "least", "most", "at"})


def often_asked(ws: list[str]) -> frozenset[str]:
    """The words of a question counting how often, as a count ("that infects the body
    once"; not "more than once", "at once", nor "once" opening a clause: "once the dam is
    gone" is "when")."""
    if _HOW_OFTEN.isdisjoint(ws):
        return frozenset()
    return frozenset(w for k, w in enumerate(ws) if w in _HOW_OFTEN and k
                     and ws[k - 1] not in _BOUNDING and (w != "once" or k == len(ws) - 1))


def often_bounded(asked: frozenset[str], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) says a count of how often the question asks
    (:func:`often_asked`) only as a bound: "infects the body once" asked, "should a pathogen
    infect the body more than once" said."""
    return any((at := [k for k, x in enumerate(ws) if x == w])
               and all(k and ws[k - 1] in _BOUNDING for k in at) for w in asked)


#: A span of words the ends of a way stand in ("from a supply bin (bunker) to the firebox").
_WAY_REACH = 6


def _first_content(ws: list[str], k: int) -> str | None:
    """The stem of the first content word after position ``k`` (within :data:`_WAY_REACH`)."""
    return next((stem(w) for w in ws[k + 1 : k + 1 + _WAY_REACH] if is_content(w)), None)


def way_asked(ws: list[str]) -> tuple[str, str] | None:
    """The stems of the ends of a way a question names, "from" one "to" the other ("moves
    coal from a firebox to a bunker": firebox, bunker)."""
    if "from" not in ws or "to" not in ws:
        return None
    k = ws.index("from")
    t = next((j for j in range(k + 1, min(len(ws), k + _WAY_REACH)) if ws[j] == "to"), None)
    start = _first_content(ws[:t], k) if t is not None else None
    end = _first_content(ws, t) if t is not None else None
    return (start, end) if start and end else None


def way_reversed(way: tuple[str, str], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) names the way the other way round and never the
    question's (:func:`way_asked`): "from a firebox to a bunker" asked, "from a supply bin
    (bunker) to the firebox" said; "from the host to the pathogen" / "from the pathogen to the
    host"."""
    start, end = way
    froms = [k for k, w in enumerate(ws) if w == "from"]
    if any(_first_content(ws, k) == start for k in froms):
        return False
    for k in froms:
        t = next((j for j in range(k + 1, min(len(ws), k + _WAY_REACH)) if ws[j] == "to"), None)
        if t is not None and end in {_first_content(ws[:t], k), *map(stem, ws[k + 1 : t])} \
                and _first_content(ws, t) == start:
            return True
    return False


def particles_asked(ws: list[str]) -> list[tuple[str, str]]:
    """Each phrasal verb of a question, its verb's stem and its particle, when the particle
    follows the verb ("why did the supervisors vote down the tax": ("vote", "down")) or ends
    the question after the verb's object ("why did the council vote the budget down")."""
    phrasal = phrasal_stems()
    asked = [(t, p) for w, p in pairwise(ws) if (t := stem(w), p) in phrasal and is_content(w)]
    if len(ws) > 2 and ws[-1] in PARTICLES:
        # (the object opens with a determiner or is a pronoun: "turn the cameras off",
        # "shutting it down"; not "where does the money the festival makes end up")
        for i in range(max(0, len(ws) - 2 - _SPLIT_REACH), len(ws) - 2):
            if ws[i + 1] in lexicon.NOUN_PHRASE_OPENERS and is_content(ws[i]) \
                    and (t := stem(ws[i]), ws[-1]) in phrasal:
                asked.append((t, ws[-1]))
    if len(ws) > 2 and ws[-1] == "called":  # ("what is the behavior called": named, not
        asked.append((stem("called"), ""))  # "called out", "called for")
    return asked


def particle_swapped(asked: list[tuple[str, str]], ws: list[str]) -> bool:
    """Whether a record (its words ``ws``) has the verb of a phrasal verb asked only with a
    preposition after it: "vote down" asked, "will vote on a fire tax" said ("turned down
    help" / "turned to"); a record saying the verb alone or with its object first ("voted it
    down") says nothing against it. Asked with no particle (``""``: "what is it called"), a
    particle after the verb is another act too ("called out")."""
    for verb, particle in asked:
        after = [n for w, n in pairwise(ws) if stem(w) == verb]
        if after and all((n in _VERB_PREPOSITIONS or (not particle and n in PARTICLES))
                         and n != particle for n in after):
            return True
    return False


class Shifts:
    """The shifts of :mod:`.shifts` a question's words allow, read once for all of its
    candidates; called with a record, the one it says, or None."""

    __slots__ = ("_agent", "_doer", "_now", "_object", "_often", "_opposed", "_particles",
                 "_times", "_unanimous", "_units", "_way")

    def __init__(self, query: Query) -> None:
        figured = any(w[:1].isdigit() for w in query.words)  # (most questions give none)
        self._times = time_asked(query.words) if figured else []  # ("before the 1950s")
        self._now = now_asked(query.words)  # ("this year")
        self._units = units_asked(figure_counts(query.words)) if figured \
            else frozenset()  # ("2 to 3 weeks")
        self._doer = named_doer(query)  # ("who did Ames inspire")
        self._object = object_asked(query.words)  # ("what are peptides processed into")
        self._opposed = opposed_pairs(query.words)  # ("a large number")
        self._often = often_asked(query.words)  # ("infects the body once")
        self._way = way_asked(query.words)  # ("from a firebox to a bunker")
        self._particles = particles_asked(query.words)  # ("vote down")
        self._agent = agent_asked(query.words)  # ("who found the leak")
        self._unanimous = unanimity_asked(query.words)  # ("why did the board vote unanimously")

    def __call__(self, view: RecordView) -> str | None:
        if not (self._times or self._units or self._doer or self._object or self._now
                or self._opposed or self._often or self._way or self._particles
                or self._agent or self._unanimous):
            return None
        if self._unanimous and split_vote(view.shown_text):
            return "split vote"  # "vote unanimously" asked, "voted 7-2" said
        if self._units and unit_swapped(self._units, view.figure_counts):
            return "unit swapped"  # "2 to 3 weeks" asked, "2 to 3 days" said
        if not self._may_shift(view):
            return None  # (the record lacks the words every shift needs: not read again)
        ws = view.shown_words()
        if self._times and time_shifted(self._times, ws):
            return "time shifted"  # "before the 1950s" asked, "in the mid-1950s" said
        if self._now and now_shifted(self._now, ws):
            return "time shifted"  # "this year" asked, "last year" said
        if self._doer and roles_swapped(self._doer, ws):
            return "roles swapped"  # "who did Ames inspire": "Ames, inspired by Lutz"
        if self._doer and another_doer(self._doer, view.shown_text):
            return "another doer"  # "what has Cambridge bought": "Harvard has bought"
        if self._object and object_swapped(self._object, ws):
            return "object swapped"  # "what are peptides processed into": "... into peptides"
        if self._opposed and opposite_beside(self._opposed, ws):
            return "opposite beside"  # "a large number" asked, "a small number" said
        if self._often and often_bounded(self._often, ws):
            return "bounded"  # "infects the body once" asked, "more than once" said
        if self._way and way_reversed(self._way, ws):
            return "way reversed"  # "from a firebox to a bunker": "from a bunker to the firebox"
        if self._particles and particle_swapped(self._particles, ws):
            return "particle swapped"  # "vote down" asked, "vote on" said
        if self._agent and agent_unsaid(self._agent, ws):
            return "no agent"  # "who found the leak": "the leak was found at 3:15 a.m."
        return None

    def _may_shift(self, view: RecordView) -> bool:
        """Whether the record has what some shift needs (its content stems, ``sequence``, are
        those of the words the shifts read): the year asked, the doer's verb, the verb and
        subject of the object asked, a word with an opposite and the word after it, the count
        of how often, "from". Most records lack them all and are not tokenised again."""
        seq = view.sequence
        return bool(
            any(year in seq for year, _ in self._times)
            or (self._doer and self._doer[1] in seq)
            or (self._object and self._object[1] in seq and self._object[0] in seq)
            or any(a in seq and b in seq for a, b, _ in self._opposed)
            or any(w in view.shown_text for w in self._often)
            or (self._way and ("from" in view.shown_text or "From" in view.shown_text))
            or any(verb in seq for verb, _ in self._particles)
            or any(stem(u) in seq for _, u in self._now)
            or (self._agent is not None and self._agent in seq)
        )
