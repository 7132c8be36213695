"""Scoring a candidate record against a question: its features, for the calibrated model
(:mod:`bot.engine.model`).

Every weight of the engine is here. Retrieval (:mod:`bot.engine.retrieve`) ranks records
by :data:`FIELD_CREDIT`-weighted IDF; the few best are then described by
:func:`features` (how much of the question they cover, what they leave out, whether they
hold the kind of answer asked for, ...) and :class:`~bot.engine.model.Model` turns the
features into the probability that the record answers the question. The model's parameters
are data (``data/model.json``), fitted by ``benchmarks/calibrate.py`` on the development
questions only: a logistic regression ranks the candidates, and gradient-boosted trees
(:mod:`bot.engine.boosted`) give the chosen one's probability of being right. That
probability, as a percentage, is the answer's score, so one threshold means the same
precision on any coverage.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from bot.engine import lexicon
from bot.engine.asked_figures import MONEY_TERMS, has_figure
from bot.engine.question import FIGURE_KINDS, Item, Query
from bot.engine.records import (
    FIELD_KEYWORD,
    FIELD_PASSAGE,
    FIELD_PERSON,
    FIELD_TEXT,
    FIELD_TITLE,
    RecordView,
    person_term,
)

#: How much a match counts, by the best field it is in.
FIELD_CREDIT = {FIELD_PERSON: 1.0, FIELD_TEXT: 1.0, FIELD_KEYWORD: 0.9, FIELD_PASSAGE: 0.8,
                FIELD_TITLE: 0.8}
#: A corrected (misspelt) word counts a little less.
CORRECTED_CREDIT = 0.85
#: So does a word the record has only in a related form ("payment" for "pay").
RELATED_CREDIT = 0.85
#: A question whose best answers in two articles are this close (the second's probability
#: at least this share of the first's) does not say which article it is about ("who won",
#: with a hockey game and an awards show in the bank): no answer, each offered instead.
AMBIGUOUS_SHARE = 0.75
#: ... unless they share this share of their words (besides the question's): one claim; or
#: the first has this many pairs of the question's words in a row, and this many times the other's.
SAME_CLAIM = 0.5
WORDED = 2
#: An item weighs its IDF in the bank times a factor of how rare it is in general English
#: (:func:`bot.engine.lexicon.rarity`): in a small bank "another" or "term" can be as rare
#: as "rotors", but they say much less about what a question is about.
RARITY_FLOOR, RARITY_FROM, RARITY_SLOPE, RARITY_CAP = 0.25, 0.2, 1.5, 1.25


def ambiguous(best: list[Candidate], asked: set[str],
              ranker: Callable[[list[float]], float] | None = None,
              retold: Callable[[Candidate, Candidate], bool] | None = None,
              words: Sequence[str] = ()) -> bool:
    """The best candidates of two articles (``best``: each article's) are as probable, within
    :data:`AMBIGUOUS_SHARE`, and say different things (they share less than
    :data:`SAME_CLAIM` of their words besides the question's ``asked`` terms and figures:
    not two outlets' counts of one arrest): the question does not say which article it is
    about. With the ``ranker``, each is weighed as if it were the retrieval's first (which
    of two stories alike is listed first says nothing of which is meant). Two articles telling
    one story (``retold``: :mod:`bot.engine.stories`) are not two; nor is one with the
    question's own wording (pairs of ``words``) :data:`WORDED` times as often as the other
    ("who said you don't wait and see when you find a crack": not "we don't wait")."""
    if len(best) < 2:
        return False
    first, second = sorted(best, key=lambda c: -c.probability)[:2]
    if retold is not None and retold(first, second):
        return False  # (two outlets' reports of one story: its answer, whichever says it)
    pairs = set(pairwise(words))
    mine, theirs = (len(pairs.intersection(pairwise(c.view.shown_words()))) if pairs else 0
                    for c in (first, second))
    if mine >= WORDED * (theirs + 1):  # (and so at least WORDED)
        return False
    p1, p2 = first.probability, second.probability
    if ranker is not None and p2 > 0.0:
        p1, p2 = (ranker([*c.features[:FIRST], 1.0, *c.features[FIRST + 1:]])
                  for c in (first, second))
    if p2 <= 0.0 or p2 < AMBIGUOUS_SHARE * p1:
        return False
    own, other = ({t for t in c.view.sequence if not t.isdigit()} - asked
                  for c in (first, second))  # (two counts of one arrest are one claim)
    return bool(own and other) and len(own & other) < SAME_CLAIM * min(len(own), len(other))


def english_factor(rarity: float) -> float:
    return min(RARITY_CAP, RARITY_FLOOR + RARITY_SLOPE * max(0.0, rarity - RARITY_FROM))


#: Fields a reader is shown (the record's own words, keywords, people).
_SHOWN = FIELD_TEXT | FIELD_KEYWORD | FIELD_PERSON
#: A word of the question this rare in English (:func:`lexicon.family_rarity`), or a name,
#: counts as said by every sentence of an article whose title has it (:func:`by_title`).
TITLE_RARITY = 0.45
#: An item a title may say for a record: its terms and its weight.
Titled = list[tuple[tuple[str, ...], float]]


def title_items(items: list[Item], weights: list[float]) -> Titled:
    """The question's names and rare words, which its article's title may say for a record
    (:func:`by_title`; "Juniper", "quota"; not "people", "fire"): read once per question."""
    return [(it.terms, w) for it, w in zip(items, weights, strict=True) if not it.people and (
        it.specific or lexicon.family_rarity(it.surface, it.terms) >= TITLE_RARITY)]


def by_title(titled: Titled, fields: dict[str, int], topic: frozenset[str]) -> float:
    """Mark in ``fields`` the items of :func:`title_items` that the record lacks but its
    article's title has (``topic``: every sentence of an article on the Juniper Ridge Fire
    is about that fire); their weight."""
    added = 0.0
    for terms, w in titled:
        if fields.keys().isdisjoint(terms) and not topic.isdisjoint(terms):
            fields.update((t, FIELD_TITLE) for t in terms if t in topic)
            added += w
    return added


def credit(bits: int) -> float:
    return max((value for bit, value in FIELD_CREDIT.items() if bits & bit), default=0.0)


#: The features, in the model's order.
FEATURES = (
    "coverage",  # IDF-weighted share of the question's items the record has
    "coverage_shown",  # ... in what the reader is shown (text, keywords, speaker)
    "missing_max",  # the weightiest item the record lacks (IDF / max IDF)
    "missing_specific",  # names and figures of the question the record lacks
    "missing_unknown",  # items the whole bank lacks (the question is about something else)
    "missing_ordinary",  # ordinary English words of the question the record lacks
    "items",  # how many items the question has (log)
    "phrase",  # share of the question's adjacent item pairs adjacent in the record
    "novelty",  # share of the record's words the question does not have (room for an answer)
    "type_asked",  # the question asks for a kind of answer
    "type_found",  # ... and the record has one the question does not give
    "margin",  # retrieval score ahead of the next candidate (share of the question)
    "first",  # the retrieval's first candidate
    "negation_differs",  # one of question and record is negated, the other not
    "person_asked",  # the question names a person
    "person_match",  # ... and the record is about (or by) them
    "speech_asked",  # the question asks what someone said
    "speech_match",  # ... and the record is a quote (by the person named, if any)
    "lead_in",  # the record only leads into a quote ("X wrote:")
    "length",  # the record's length in words (log)
    "complete",  # the record has every item of the question
    "complete_short",  # ... and the question has at most three items (a lookup)
    "curated",  # the record has keywords an editor gave it (not a sentence read by ingest)
    "question_rarity",  # how rare in general English the question's rarest item is
    "question_words",  # how long the question is, in words (log)
    "compact",  # the question's words found close together in the record (matched / span)
    "behind",  # retrieval score behind the best candidate's (share of the question)
    "other_person",  # the question names someone else than the person it partly names
    "speech_unsaid",  # asks what a named person said; the record reports no speech of theirs
    "count_before",  # asks how many of a thing; the record puts a figure just before it
    "cause_given",  # asks why; the record states a reason outright or a cause of what is asked
)
#: Where the record's ``cause_given`` and ``first`` features stand among them.
CAUSE_GIVEN = FEATURES.index("cause_given")
FIRST = FEATURES.index("first")
#: Asked why, a record giving a cause of what is asked is chosen over a likelier one giving
#: none when its probability is within this of the best.
REASON_BAND = 0.1


@dataclass(slots=True)
class Candidate:
    rid: int
    retrieval: float
    view: RecordView
    features: list[float]
    #: the ranker's probability
    probability: float = 0.0
    matched: tuple[str, ...] = ()
    #: the ranker's probability of a record a gate turned down (a near miss to suggest)
    near: float = 0.0
    #: the confidence model's probability (set on the chosen candidate only)
    confidence: float = 0.0
    confidence_features: list[float] = field(default_factory=list)
    #: which of the question's terms the record has, in which fields
    fields: dict[str, int] = field(default_factory=dict)
    #: what the record lacks, read against its neighbours (:func:`context_features`)
    context: list[float] = field(default_factory=list)
    #: (the chosen one) another article's candidate is as likely and says something else
    ambiguous: bool = False
    #: why a gate turned the record down
    turned: str | None = None


#: :func:`credit` of every field mask (the index keeps a mask in a byte).
_CREDIT = tuple(credit(bits) for bits in range(256))


class Asked:
    """A question read for scoring its candidates: what :meth:`features` needs of the
    question alone, worked out once per question rather than once per candidate
    (``weights``: each item's IDF; ``unknown``: whether the bank lacks the item altogether)."""

    __slots__ = ("_constant", "_counted", "_items", "_pairs", "_people", "_want", "query", "terms",
                 "titled", "total", "unknown", "weights")

    def __init__(self, query: Query, weights: list[float], unknown: list[bool]) -> None:
        items = query.items
        max_weight = max(weights, default=0.0)
        self.query = query
        #: the terms of all the question's items
        self.terms = {t for it in items for t in it.terms}
        self.weights = weights
        self.unknown = unknown
        self.total = sum(weights) or 1.0
        #: the items its article's title may say for a record (:func:`by_title`)
        self.titled = title_items(items, weights)
        #: each item: its terms, surface, weight, its weight as a share of the weightiest,
        #: whether corrected, whether related, and which "missing" count it adds to
        #: (0: unknown, 1: specific, 2: ordinary, 3: none)
        self._items = [
            (it.terms, it.surface, w, w / max_weight if max_weight else 0.0, it.corrected,
             it.related, 0 if unk else 1 if it.specific else 2 if it.ordinary else 3)
            for it, w, unk in zip(items, weights, unknown, strict=True)
        ]
        #: adjacent pairs of items (neither a person) whose words should sit together
        self._pairs = [(a.terms, b.terms) for a, b in pairwise(items)
                       if not (a.people or b.people)]
        #: each term of the items that are not people -> its item's position (the first)
        self._want: dict[str, int] = {}
        for k, it in enumerate(items):
            if not it.people:
                for t in it.terms:
                    self._want.setdefault(t, k)
        self._people = query.people
        #: what a figure right before counts or prices: "how many nurses"; asked a sum (never
        #: a count: no thing counted), its words ("how much will the stadium cost": "a $310
        #: million stadium")
        self._counted = frozenset(t for it in items if not it.people for t in it.terms) \
            - MONEY_TERMS if query.money else query.counted
        self._constant = (
            math.log1p(len(items)),
            float(bool(query.answer_type)),
            float(bool(self._people)),
            float(query.speech or query.said_by),
            max((1.0 if it.people else lexicon.rarity(it.surface) for it in items),
                default=0.0),
            math.log1p(len(query.words)),
            float(query.other_person),
        )

    def features(
        self,
        view: RecordView,
        fields: dict[str, int],
        retrieval: float,
        next_best: float,
        first: bool,
        best: float,
    ) -> tuple[list[float], tuple[str, ...]]:
        """The features of one candidate (``fields``: which of the question's terms it has,
        in which fields)."""
        query, asked, total = self.query, self.terms, self.total
        covered = shown = 0.0
        missing_max = 0.0
        missing = [0, 0, 0, 0]  # unknown, specific, ordinary, other
        matched: list[str] = []  # (the words the record itself has, not only its title)
        found = 0
        get = fields.get
        for terms, surface, w, share, corrected, related, lack in self._items:
            c = 0.0
            in_shown = own = False
            for t in terms:
                bits = get(t)
                if bits:
                    if _CREDIT[bits] > c:
                        c = _CREDIT[bits]
                    in_shown = in_shown or bool(bits & _SHOWN)
                    own = own or bits != FIELD_TITLE
            if c > 0:
                if corrected:
                    c *= CORRECTED_CREDIT
                if related:
                    c *= RELATED_CREDIT
                covered += w * c
                found += 1
                if own:
                    matched.append(surface)
                if in_shown:
                    shown += w * c
                continue
            if share > missing_max:
                missing_max = share
            missing[lack] += 1
        complete = found == len(self._items)

        # where the question's terms are in the record's words
        seq = view.sequence
        where: dict[str, list[int]] = {}
        for i, t in enumerate(seq):
            if t in asked:  # (only the question's terms are looked up)
                if t in where:
                    where[t].append(i)
                else:
                    where[t] = [i]

        # adjacent pairs of question items found next to each other (within two words)
        found_pairs = 0
        if where:
            for ta, tb in self._pairs:
                pa = [i for t in ta for i in where.get(t, ())]
                if not pa:
                    continue
                pb = [i for t in tb for i in where.get(t, ())]
                if any(0 < abs(j - i) <= 2 for i in pa for j in pb):
                    found_pairs += 1
        pairs = len(self._pairs)
        phrase = found_pairs / pairs if pairs else 0.0

        novelty = (len(seq) - sum(map(len, where.values()))) / len(seq) if seq else 0.0

        kind = query.answer_type
        #: a "why" question's record states a reason outright or gives a cause of what it asks
        cause_given = kind == "reason" and (view.states_reason
                                            or not view.caused.isdisjoint(asked))
        type_found = 0.0
        if kind == "person":
            type_found = float(
                bool(view.names - asked)
                or any(person_term(p) not in asked for p in view.people)
            )
        elif kind == "date":
            type_found = float(view.has_date)
        elif kind in FIGURE_KINDS:
            type_found = float(has_figure(kind, view, asked, query.counts, query.counted,
                                          query.size, query.money, query.words))
        elif kind in ("place", "name"):
            type_found = float(bool(view.names - asked))
        elif kind == "reason":
            # a reason word ("because", "to", "for"), or a cause given of what is asked about
            type_found = float(view.has_reason or cause_given)
        elif kind == "manner":
            type_found = 1.0

        people = self._people
        person_match = float(bool(people) and any(p in view.people for p in people))
        speech_match = 0.0
        if (query.speech or query.said_by) and view.is_quote:
            speech_match = 1.0 if not people or person_match else 0.0

        items_log, asks_kind, asks_person, asks_speech, rarity, words_log, other = \
            self._constant
        out = [
            covered / total,
            shown / total,
            missing_max,
            float(missing[1]),
            float(missing[0]),
            float(missing[2]),
            items_log,
            phrase,
            novelty,
            asks_kind,
            type_found,
            max(0.0, retrieval - next_best) / total,
            float(first),
            float(query.negated != view.negated),
            asks_person,
            person_match,
            asks_speech,
            speech_match,
            float(view.lead_in),
            math.log1p(len(seq)),
            float(complete),
            float(complete and len(self._items) <= 3),
            float(view.curated),
            rarity,
            words_log,
            self._compact(where),
            max(0.0, best - retrieval) / total,
            other,
            float(query.speech and bool(people) and not speech_match and not view.speech),
            _count_before(self._counted, asked, view.figure_counts,
                          view.money if query.money else None) if self._counted else 0.0,
            float(cause_given),
        ]
        return out, tuple(matched)

    def _compact(self, where: dict[str, list[int]]) -> float:
        """How closely the question's words sit in the record (``where``: the positions of
        the question's terms in it): the number of distinct items in the shortest stretch
        of the record holding every item it has, over that stretch's length."""
        want = self._want
        found = {want[t] for t in where if t in want}
        if len(found) < 2:
            return float(len(found))
        hits = sorted((i, k) for t, k in want.items() for i in where.get(t, ()))
        return _shortest_stretch(hits, len(found))


def _count_before(counted: frozenset[str], asked: set[str],
                  figure_counts: frozenset[tuple[str, str]],
                  sums: frozenset[str] | None = None) -> float:
    """1 when the record has a figure the question does not give counting the thing the
    question counts (:func:`~bot.engine.records.figure_counts`), or, asked a sum, one of its
    ``sums`` of money pricing a thing asked about."""
    if not counted:
        return 0.0
    return float(any(t in counted and f not in asked and (sums is None or f in sums)
                     for f, t in figure_counts))


#: Features the confidence model adds to the top candidate's: the ranker's probability
#: for it, and its lead over the runner-up.
CONFIDENCE_FEATURES = (
    *FEATURES,
    "ranker",
    "ranker_lead",
    "missing_near",  # items the record lacks that its neighbours in the article have
    "missing_far",  # items lacking around the record too, though the bank has them
    "missing_far_specific",  # ... of them, names and figures
    "unknown_specific",  # names and figures of the question the whole bank lacks
    "missing_rarity",  # how rare in general English the rarest word the record lacks is
    "negation_near",  # the record negates a word of the question, which does not negate it
    "speech_absent",  # asks what someone said; the record reports no speech at all
    "order_swapped",  # share of pairs of the question's words the record has the other way round
    "lead",  # the record is the first of its source (a news article's lead)
)


def context_features(
    query: Query,
    unknown: list[bool],
    fields: dict[str, int],
    around: dict[str, int],
    view: RecordView,
    lead: bool = False,
) -> list[float]:
    """What the chosen record lacks, read against its neighbours in the same article
    (``around``: their terms): a word the passage around it has is context the sentence
    leaves implicit; a word missing around it too was likely swapped for another. Then
    whether the record says the question's words are not so, and whether it reports the
    speech asked for."""
    near = far = far_specific = unknown_specific = 0
    rarity = 0.0
    negation_near = False
    for item, unk in zip(query.items, unknown, strict=True):
        if any(t in fields for t in item.terms):
            negation_near = negation_near or (
                not query.negated and not view.negated_terms.isdisjoint(item.terms)
            )
            continue
        if not item.people:
            rarity = max(rarity, lexicon.rarity(item.surface))
        if unk:
            unknown_specific += item.specific
        elif any(t in around for t in item.terms):
            near += 1
        else:
            far += 1
            far_specific += item.specific
    return [float(near), float(far), float(far_specific), float(unknown_specific), rarity,
            float(negation_near), float(query.speech and not view.speech),
            _swapped(query.items, view.sequence), float(lead)]


def _swapped(items: list[Item], sequence: list[str]) -> float:
    """The share of pairs of the question's words (not people) that the record has in the
    other order ("from a firebox to a bunker" asked, "from a bunker to the firebox" said:
    roles swapped), each word at its first place in the record."""
    first: dict[str, int] = {}
    for i, t in enumerate(sequence):
        first.setdefault(t, i)
    at = [min((first[t] for t in it.terms if t in first), default=-1)
          for it in items if not it.people]
    at = [p for p in at if p >= 0]
    pairs = len(at) * (len(at) - 1) // 2
    if not pairs:
        return 0.0
    return sum(1 for i in range(len(at)) for j in range(i + 1, len(at)) if at[i] > at[j]) / pairs


def _shortest_stretch(hits: list[tuple[int, int]], kinds: int) -> float:
    """``kinds`` over the length of the shortest stretch holding every one of the ``kinds``
    items of ``hits`` ((position, item), in order of position)."""
    counts: dict[int, int] = {}
    have = 0
    best = hits[-1][0] + 2  # (longer than any stretch)
    left = 0
    for pos, k in hits:
        counts[k] = counts.get(k, 0) + 1
        if counts[k] == 1:
            have += 1
        while have == kinds:
            start = hits[left][0]
            best = min(best, pos - start + 1)
            lk = hits[left][1]
            counts[lk] -= 1
            if counts[lk] == 0:
                have -= 1
            left += 1
    return kinds / best
