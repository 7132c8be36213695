"""Candidate retrieval: the records that share the most question weight, found with
bounded work however large the bank.

Items are taken rarest first. Each adds its IDF weight to the records in its posting
lists (all of an item's terms: a person's ``@id`` and name words, or a word's stem). A
posting list longer than :data:`POSTING_CAP` does not seed new candidates once some exist:
it only adds to the candidates found so far (at most :data:`CHECK_CAP`, by set
intersection), so a question made of common words costs no more than a rare one. At equal
weight, a record naming a person the question names comes before one holding only a word of
their name (a namesake's record: two stories of a server may each have a Pruitt).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from operator import itemgetter

from rapidfuzz import fuzz

from bot.engine.index import InvertedIndex
from bot.engine.normalize import is_content, stem, words
from bot.engine.question import Item
from bot.engine.recordstore import RecordStore
from bot.models import Fact, Quote

#: Postings longer than this only score candidates already found by rarer items.
POSTING_CAP = 4_000
#: When every posting is long, the newest this many entries of the rarest one seed.
SEED_CAP = 4_000
#: At most this many candidates are checked against a long posting list.
CHECK_CAP = 1_500
#: A posting list this many times longer than the candidates checked against it is
#: searched for each candidate (it is sorted) rather than walked whole: at 1,000,000
#: records a common word's list holds hundreds of thousands of entries.
PROBE_RATIO = 16


def _holds(rids: Sequence[int], rid: int) -> bool:
    """Whether the sorted ``rids`` hold ``rid``."""
    i = bisect_left(rids, rid)
    return i < len(rids) and rids[i] == rid


def retrieve(
    index: InvertedIndex,
    items: list[Item],
    weights: list[float],
    records: RecordStore,
    visible: Callable[[Fact | Quote], bool],
    limit: int,
    kinds: tuple[type, ...] = (Fact, Quote),
) -> list[tuple[float, int]]:
    """The best ``limit`` (score, rid) pairs, best first."""
    # each item's posting lists (those of its terms the index has), looked up once
    lists = [[rids for t in it.terms if (rids := index.rids(t))] for it in items]
    order = sorted(range(len(items)), key=lambda i: min(map(len, lists[i]), default=0))
    want = limit * 8
    # the weight still to come after each item: a record an item finds first scores at most
    # its weight and that (exact pruning, as in MaxScore: once ``want`` candidates each hold
    # more, a record found first now cannot rank among them and is not added)
    rest = sum(weights[i] for i in order if lists[i])
    floor = math.inf  # the least weight of an item that added candidates: every one has it
    acc: dict[int, float] = {}
    for i in order:
        postings, w = lists[i], weights[i]
        if not postings:
            continue
        rest -= w
        size = sum(len(p) for p in postings)
        if acc and size <= POSTING_CAP and len(acc) >= want and w + rest < floor:
            gain: set[int] = set()  # only the candidates found so far gain (once each)
            for rids in postings:
                gain |= acc.keys() & rids
            for rid in gain:
                acc[rid] += w
            continue
        if not acc or size <= POSTING_CAP:
            floor = min(floor, w)
            seeding = not acc
            if len(postings) > 1:  # a record in several of the lists counts once
                merged: set[int] = set()
                for rids in postings:
                    merged.update(rids[-SEED_CAP:] if seeding else rids)
                found: Sequence[int] = sorted(merged)
            else:
                found = postings[0][-SEED_CAP:] if seeding else postings[0]
            if not acc:  # (the first item: every record it finds has just its weight)
                acc = dict.fromkeys(found, w)
                continue
            get = acc.get
            for rid in found:
                acc[rid] = get(rid, 0.0) + w
            continue
        pool = acc if len(acc) <= CHECK_CAP else dict(
            heapq.nlargest(CHECK_CAP, acc.items(), key=lambda kv: kv[1])
        )
        left = set(pool)
        for rids in postings:
            if len(rids) > PROBE_RATIO * len(left):  # (binary search per candidate)
                hits: set[int] | list[int] = [rid for rid in left if _holds(rids, rid)]
            else:
                hits = left.intersection(rids)
            for rid in hits:
                acc[rid] += w
            left.difference_update(hits)
    best: list[tuple[float, int]] = []
    ranked = (
        sorted(acc.items(), key=itemgetter(1), reverse=True)[:want]
        if len(acc) <= want * 16  # (sorting in C is the faster up to about 800)
        else heapq.nlargest(want, acc.items(), key=itemgetter(1))
    )
    named = [rids for it in items if it.people
             for t in it.terms if t[0] == "@" and (rids := index.rids(t))]
    if named:  # at equal weight, the people asked about before others sharing a name word
        ranked.sort(key=lambda kv: (kv[1], sum(_holds(r, kv[0]) for r in named)), reverse=True)
    for rid, score in ranked:
        rec = records[rid]
        if rec is not None and isinstance(rec, kinds) and visible(rec):
            best.append((score, rid))
            if len(best) >= limit:
                break
    return best


def quoting(
    index: InvertedIndex,
    items: list[Item],
    weights: list[float],
    records: RecordStore,
    quoted: list[str],
    visible: Callable[[Fact | Quote], bool],
    limit: int,
) -> list[tuple[float, int]]:
    """The best ``limit`` (score, rid) pairs, as :func:`retrieve` scores them, of the
    records whose text has the words a question quotes in a row: "who said \"never a
    panda\"" is about the record saying so, though "panda" is in every other record."""
    lists = sorted((index.rids(stem(w)) for w in quoted if is_content(w)), key=len)
    if not lists or not lists[0]:
        return []
    n = len(quoted)
    of = index.fields_of({t for it in items for t in it.terms})
    out: list[tuple[float, int]] = []
    for rid in lists[0][-CHECK_CAP:]:
        rec = records[rid]
        if rec is None or not visible(rec) or not all(_holds(rids, rid) for rids in lists[1:]):
            continue
        ws = words(rec.text)
        if any(ws[i : i + n] == quoted for i in range(len(ws) - n + 1)):
            fields = of(rid)
            score = sum(w for it, w in zip(items, weights, strict=True)
                        if any(t in fields for t in it.terms))
            out.append((score, rid))
    return sorted(out, key=lambda sr: (-sr[0], -sr[1]))[:limit]


#: A question quoting this many words or more quotes the coverage: a record it is about says
#: them in a row, or nearly (rapidfuzz's partial ratio, 0-100, at least the closeness).
QUOTATION_WORDS, MISQUOTE_CLOSENESS = 3, 70.0


def misquoted(
    records: RecordStore, found: list[tuple[float, int]], quoted: list[str]
) -> list[tuple[float, int]]:
    """Of the records ``found`` for a question quoting words no record has in a row, those
    saying them nearly so ("we all deserve to live with hope": "... to live in hope"); a
    quotation none of them comes close to is not the coverage's ("who said \"we are all in
    this together\"" is not answered by a record saying "together"). A quoted term of fewer
    than :data:`QUOTATION_WORDS` words leaves ``found`` as it is."""
    if len(quoted) < QUOTATION_WORDS:
        return found
    said = " ".join(quoted)
    return [(s, rid) for s, rid in found if (rec := records[rid]) is not None
            and fuzz.partial_ratio(said, " ".join(words(rec.text))) >= MISQUOTE_CLOSENESS]
