"""Quotes by speaker or words, a random quote, and autocomplete of speakers and facts.

:class:`QuoteFinder` reads the engine's :class:`~bot.engine.memory.Memory`; one search
(:meth:`QuoteFinder.speaker_scores`) serves both ``/quote`` and its autocomplete.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.engine.memory import Memory, visible_to
from bot.engine.normalize import words
from bot.engine.question import Item, Query
from bot.engine.retrieve import retrieve
from bot.models import Fact, Person, Quote, QuoteHit, SourceRef

#: A quote found by its words must cover at least this share of the query's weight.
WORDS_FLOOR = 0.3


@dataclass(slots=True)
class _Speakers:
    version: int
    people: list[Person]
    keys: list[tuple[str, int]]
    names: list[str]
    owners: list[int]


class QuoteFinder:
    def __init__(
        self,
        memory: Memory,
        refs: Callable[[Quote], tuple[SourceRef, ...]],
        read: Callable[[str, int | None], Query],
        weights: Callable[[list[Item]], list[float]],
    ) -> None:
        self._m = memory
        self._refs = refs
        self._read = read
        self._weights = weights
        self._cache: dict[int | None, _Speakers] = {}

    def hit(self, quote: Quote, score: float) -> QuoteHit:
        return QuoteHit(
            quote=quote,
            speaker=self._m.speaker_name(quote),
            score=round(max(0.0, min(100.0, score)), 1),
            sources=self._refs(quote),
        )

    def by_speaker(self, person_id: str, guild_id: int | None) -> list[Quote]:
        return [r for r in self._m.about(person_id, guild_id) if isinstance(r, Quote)]

    def own_words(self, found: list[tuple[float, int]], speakers: list[str],
                  guild_id: int | None, exclude: tuple[str, ...], limit: int,
                  ) -> list[tuple[float, int]]:
        """Of the (score, rid) pairs ``found``, the speakers' quotes, then up to ``limit`` more
        quotes of each speaker (scored 0: not found by the question's words), none of the
        quotes ``exclude`` names: what "what did X say" is answered from."""
        m = self._m
        out = [(s, rid) for s, rid in found
               if isinstance(q := m.records[rid], Quote) and q.speaker in speakers]
        have = {rid for _, rid in out}
        for pid in speakers:
            for q in self.by_speaker(pid, guild_id)[:limit]:
                rid = m.rids["quote"][q.id]
                if q.id not in exclude and rid not in have:
                    have.add(rid)
                    out.append((0.0, rid))
        return out

    def find(self, text: str, limit: int, guild_id: int | None) -> list[QuoteHit]:
        """Quotes by a speaker named in ``text`` (first) and quotes with its words."""
        if limit <= 0 or not text or not text.strip():
            return []
        m = self._m
        query = self._read(text, guild_id)
        speakers = [p for p in dict.fromkeys(query.people) if m.has_quotes(p, guild_id)]
        if not speakers and words(text[:200]):
            speakers = [p.id for p, score in self.speaker_scores(text, guild_id, 1) if score >= 85]
        rest = [it for it in query.items if not it.people]
        weights = [m.idf(min((m.index.df(t) for t in it.terms), default=0)) for it in rest]
        visible = visible_to(guild_id)
        order: dict[int, float] = {}
        if rest:
            for score, rid in retrieve(m.index, rest, weights, m.records, visible, 200, (Quote,)):
                order[rid] = score
        hits: list[QuoteHit] = []
        seen: set[str] = set()
        for pid in speakers:
            quotes = self.by_speaker(pid, guild_id)
            quotes.sort(key=lambda q: -order.get(m.rids["quote"][q.id], 0.0))
            for q in quotes:
                if q.id not in seen:
                    seen.add(q.id)
                    hits.append(self.hit(q, 100.0))
        total = sum(weights)
        if len(hits) < limit and total > 0:
            for rid, found in sorted(order.items(), key=lambda kv: -kv[1]):
                rec = m.records[rid]
                share = found / total
                if isinstance(rec, Quote) and rec.id not in seen and share >= WORDS_FLOOR:
                    seen.add(rec.id)
                    hits.append(self.hit(rec, 100.0 * share))
        return hits[:limit]

    def random(self, guild_id: int | None, rng: random.Random | None) -> QuoteHit | None:
        rng = rng or random.Random()
        visible = visible_to(guild_id)
        rids = self._m.quote_rids
        if not rids:
            return None
        records = self._m.records
        for _ in range(32):
            rec = records[rids[rng.randrange(len(rids))]]
            if isinstance(rec, Quote) and visible(rec):
                return self.hit(rec, 100.0)
        pool = [r for i in rids if isinstance(r := records[i], Quote) and visible(r)]
        return self.hit(rng.choice(pool), 100.0) if pool else None

    def search_facts(
        self, text: str, limit: int, guild_id: int | None
    ) -> list[tuple[Fact, float]]:
        """Facts matching ``text`` by id (exact or prefix) or by words; "" gives all."""
        if limit <= 0:
            return []
        m = self._m
        visible = visible_to(guild_id)
        needle = text.strip().casefold()
        out: dict[str, tuple[Fact, float]] = {}
        if not needle:
            for rec in m.records:
                if isinstance(rec, Fact) and visible(rec):
                    out[rec.id] = (rec, 100.0)
                    if len(out) >= limit:
                        break
            return list(out.values())
        exact = m.get("fact", needle)
        if isinstance(exact, Fact) and visible(exact):
            out[exact.id] = (exact, 100.0)
        for fid, rid in m.rids["fact"].with_prefix(needle):
            if len(out) >= limit:
                break
            rec = m.records[rid]
            if isinstance(rec, Fact) and visible(rec) and fid not in out:
                out[fid] = (rec, 95.0)
        if len(out) < limit:
            query = self._read(text, guild_id)
            weights = self._weights(query.items)
            total = sum(weights) or 1.0
            found = retrieve(
                m.index, query.items, weights, m.records, visible, max(limit, 12), (Fact,)
            )
            for score, rid in found:
                rec = m.records[rid]
                if isinstance(rec, Fact) and rec.id not in out and score / total >= 0.2:
                    out[rec.id] = (rec, round(100.0 * score / total, 1))
        ranked = sorted(out.values(), key=lambda fs: -fs[1])
        return ranked[:limit]

    # ------------------------------------------------------------------ speakers

    def _speakers(self, guild_id: int | None) -> _Speakers:
        """The people with quotes this guild can see (cached until a person or quote changes)."""
        m = self._m
        cached = self._cache.get(guild_id)
        if cached is not None and cached.version == m.version:
            return cached
        visible = visible_to(guild_id)
        people = sorted(
            (p for p in m.names.all(visible) if m.has_quotes(p.id, guild_id)),
            key=lambda p: (p.name.casefold(), p.id),
        )
        names: list[str] = []
        owners: list[int] = []
        keys: list[tuple[str, int]] = []
        for i, p in enumerate(people):
            for name in p.names:
                folded = " ".join(words(name))
                if not folded:
                    continue
                names.append(folded)
                owners.append(i)
                keys.append((folded, i))
                keys.extend((w, i) for w in folded.split()[1:])
        keys.sort()
        found = _Speakers(m.version, people, keys, names, owners)
        if len(self._cache) > 64:
            self._cache.clear()
        self._cache[guild_id] = found
        return found

    def speaker_scores(
        self, text: str, guild_id: int | None, limit: int
    ) -> list[tuple[Person, float]]:
        """People with quotes by how well their names fit ``text``: a name or one of its
        words starting with it first, then fuzzy matches (rapidfuzz WRatio)."""
        speakers = self._speakers(guild_id)
        needle = " ".join(words(text[:200]))
        if not needle:
            return [(p, 100.0) for p in speakers.people[:limit]]
        best: dict[int, float] = {}
        keys = speakers.keys
        i = bisect_left(keys, (needle, -1))
        while i < len(keys) and keys[i][0].startswith(needle) and len(best) < limit * 4:
            key, owner = keys[i]
            score = 100.0 - min(10.0, 0.1 * (len(key) - len(needle)))
            best[owner] = max(best.get(owner, 0.0), score)
            i += 1
        if len(best) < limit:
            for _, score, j in process.extract(
                needle, speakers.names, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=75
            ):
                owner = speakers.owners[j]
                best[owner] = max(best.get(owner, 0.0), score * 0.9)
        people = speakers.people
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(people[i], score) for i, score in ranked]
