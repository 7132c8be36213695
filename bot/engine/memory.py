"""The engine's in-memory bank: records, their index, the vocabulary and the people.

Records are interned to ints (``rid``); the :class:`~bot.engine.index.InvertedIndex` maps
each term to the rids having it, with field bits. Every write (:meth:`Memory.upsert`,
:meth:`Memory.remove`) keeps index, vocabulary, names and per-speaker counts in step.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import islice

from bot.engine.index import InvertedIndex, Vocabulary
from bot.engine.initialisms import runs
from bot.engine.names import NameTable
from bot.engine.normalize import is_content, stem, words
from bot.engine.packed import PackedMap
from bot.engine.records import index_terms, person_term, record_people, title_terms
from bot.engine.recordstore import RecordStore
from bot.engine.stories import one_story
from bot.models import (
    Bank,
    Fact,
    Person,
    Quote,
    Record,
    RecordKind,
    Source,
    first_source,
    kind_of,
)

#: Records :meth:`Memory.similar` returns at most, and the rarest words it looks up, skipping
#: words more than this many records have (such a word finds nothing in particular).
SIMILAR_LIMIT = 10
SIMILAR_TERMS = 6
SIMILAR_POSTING_CAP = 5_000
#: Records read at most when every word of a text is common.
SIMILAR_COMMON_CAP = 20_000


#: How many records about a quote's speaker :meth:`Memory.near_terms` reads at most.
NEAR_SPEAKER_MAX = 2_000
#: Read at most this many facts about a person for the pronoun the coverage gives them.
TEXTS_ABOUT = 50
#: How many records of other articles :meth:`Memory.has_in` reads at most inside an article's
#: span of rids before taking the article to have the word.
SPAN_CHECKS = 64


def visible_to(guild_id: int | None) -> Callable[[Record], bool]:
    """Whether a record is seen from ``guild_id``: global records always, a guild's own."""
    if guild_id is None:
        return lambda r: r.guild_id is None
    return lambda r: r.guild_id is None or r.guild_id == guild_id


#: Initials a question writes are looked up in this many of the newest records at most (a
#: scan of their text, bounded so that a bank of a million records answers as fast).
INITIALS_SCANNED = 20_000


class Memory:
    def __init__(self) -> None:
        self.records = RecordStore()
        #: record id -> rid, by kind (packed when read from a snapshot: see bot.engine.packed)
        self.rids: dict[str, PackedMap[int]] = {
            "fact": PackedMap(ints=True), "quote": PackedMap(ints=True),
        }
        self.sources: dict[str, Source] = {}
        self.names = NameTable()
        self.index = InvertedIndex()
        self.vocab = Vocabulary()
        self.quote_rids = array("i")
        #: each rid's text length (what :meth:`similar` ranks common words by, unread)
        self.lengths = array("I")
        #: speaker id -> {guild id or None: number of quotes}
        self.spoken: dict[str, dict[int | None, int]] = {}
        #: source id -> how many records cite it first; a term of a title -> the sources
        #: whose title has it (:meth:`title_df`)
        self.cited: dict[str, int] = {}
        self.titled: dict[str, set[str]] = {}
        #: source id -> the lowest and highest rid citing it first (an article's, together)
        self.spans: dict[str, tuple[int, int]] = {}
        #: source id -> how many of the records citing it first are about or by each person
        self.storied: dict[str, Counter[str]] = {}
        #: bumped when a person or a quote changes (caches check it)
        self.version = 0
        #: initials -> the runs of words that have them (:meth:`initial_runs`, as asked)
        self._runs: dict[str, Counter[str]] = {}
        #: source -> the people its story is about (:meth:`source_people`, as asked)
        self._source_people: dict[str | None, frozenset[str]] = {}

    # ------------------------------------------------------------------ upkeep

    def upsert(self, record: Record) -> None:
        """Add a record, or replace the one of the same kind and id, in place."""
        if isinstance(record, Person | Quote):
            self.version += 1
        if isinstance(record, Source):
            self._untitle(record.id)
            self.sources[record.id] = record
            for term in title_terms(record.title):
                self.titled.setdefault(term, set()).add(record.id)
        elif isinstance(record, Person):
            old = self.names.remove(record.id)
            if old is not None:
                self.vocab.discard(self.names.surface_words(old))
            self.names.add(record)
            self.vocab.add(self.names.surface_words(record))
        else:
            kind = kind_of(record)
            if record.id in self.rids[kind]:
                self.remove(kind, record.id)
            self._add(record)

    def remove(self, kind: RecordKind, record_id: str) -> None:
        """Forget a record (nothing happens when there is none)."""
        if kind in ("person", "quote"):
            self.version += 1
        if kind == "source":
            self._untitle(record_id)
            self.sources.pop(record_id, None)
            return
        if kind == "person":
            old = self.names.remove(record_id)
            if old is not None:
                self.vocab.discard(self.names.surface_words(old))
            return
        rid = self.rids[kind].pop(record_id, None)
        if rid is None:
            return
        self._runs, self._source_people = {}, {}
        record = self.records[rid]
        assert record is not None
        fields, surface = index_terms(record)
        self.index.remove(rid, fields)
        self.vocab.discard(surface)
        self.records[rid] = None
        self._cite(record, -1)
        if isinstance(record, Quote):
            i = self._quote_at(rid)
            if i >= 0:
                del self.quote_rids[i]
            if record.speaker is not None:
                counts = self.spoken.get(record.speaker, {})
                left = counts.get(record.guild_id, 0) - 1
                if left > 0:
                    counts[record.guild_id] = left
                else:
                    counts.pop(record.guild_id, None)
                    if not counts:
                        self.spoken.pop(record.speaker, None)

    def initial_runs(self, letters: str) -> Counter[str]:
        """The runs of words whose initials are ``letters`` (:mod:`bot.engine.initialisms`)
        in the newest :data:`INITIALS_SCANNED` records, looked for on first use after a
        change (a scan of their text: about 25 ms for 10,000 records)."""
        cache = self.__dict__.setdefault("_runs", {})  # (a snapshot's memory starts without)
        if letters not in cache:
            records = self.records
            newest = (records[rid] for rid in range(max(0, len(records) - INITIALS_SCANNED),
                                                    len(records)))
            cache[letters] = runs(letters, (r.text for r in newest if r is not None))
        return cache[letters]

    def _add(self, record: Fact | Quote) -> None:
        self._runs, self._source_people = {}, {}
        rid = len(self.records)
        fields, surface = index_terms(record)
        self.records.append(record)
        self.lengths.append(len(record.text))
        self.rids[kind_of(record)][record.id] = rid
        self.index.add(rid, fields)
        self.vocab.add(surface)
        self._cite(record, 1)
        if (source := first_source(record)) is not None:
            lo, hi = self.spans.get(source, (rid, rid))
            self.spans[source] = (min(lo, rid), max(hi, rid))
        if isinstance(record, Quote):
            self.quote_rids.append(rid)
            if record.speaker is not None:
                counts = self.spoken.setdefault(record.speaker, {})
                counts[record.guild_id] = counts.get(record.guild_id, 0) + 1

    def _cite(self, record: Fact | Quote, step: int) -> None:
        source = first_source(record)
        if source is not None:
            left = self.cited.get(source, 0) + step
            if left > 0:
                self.cited[source] = left
            else:
                self.cited.pop(source, None)
            if about := record_people(record):  # (no counter made for a record of no one)
                people = self.storied.setdefault(source, Counter())
                for person in about:
                    if (n := people[person] + step) > 0:
                        people[person] = n
                    else:
                        del people[person]
                if not people:
                    del self.storied[source]

    def _untitle(self, source_id: str) -> None:
        old = self.sources.get(source_id)
        if old is not None:
            for term in title_terms(old.title):
                having = self.titled.get(term)
                if having is not None:
                    having.discard(source_id)
                    if not having:
                        del self.titled[term]

    def _quote_at(self, rid: int) -> int:
        """Where ``rid`` is in :attr:`quote_rids` (sorted), or -1: a quote's rid."""
        i = bisect_left(self.quote_rids, rid)
        return i if i < len(self.quote_rids) and self.quote_rids[i] == rid else -1

    # ------------------------------------------------------------------ reading

    def get(self, kind: RecordKind, record_id: str) -> Record | None:
        if kind == "source":
            return self.sources.get(record_id)
        if kind == "person":
            return self.names.people.get(record_id)
        rid = self.rids[kind].get(record_id)
        return None if rid is None else self.records[rid]

    def count(self) -> int:
        """How many facts and quotes are held."""
        return len(self.rids["fact"]) + len(self.rids["quote"])

    def title_df(self, term: str) -> int:
        """How many records cite first an article whose title has ``term``: every sentence
        of an article is about its title's words ("quota" of "... haddock quota"), which the
        bank then knows however few of its sentences use them."""
        return sum(self.cited.get(s, 0) for s in self.titled.get(term, ()))

    def idf(self, df: int) -> float:
        n = self.count()
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def uses(self, terms: Sequence[str], word: str, visible: Callable[[Record], bool]) -> bool:
        """Whether the coverage ``visible`` sees uses a word: a record it sees has one of
        ``terms``, the description of someone it sees has ``word`` ("model and TV
        personality"), or the title of an article it sees has one of ``terms``."""
        records = self.records
        return any(visible(r) for t in terms for rid in self.index.rids(t)
                   if (r := records[rid]) is not None) \
            or self.names.describes(word, visible) \
            or self.in_a_title(terms, visible)

    def in_a_title(self, terms: Sequence[str], visible: Callable[[Record], bool]) -> bool:
        """Whether the title of an article ``visible`` sees has one of ``terms``."""
        return any(visible(self.sources[s]) for t in terms for s in self.titled.get(t, ()))

    def has_quotes(self, person_id: str, guild_id: int | None) -> bool:
        counts = self.spoken.get(person_id)
        if not counts:
            return False
        return counts.get(None, 0) > 0 or (guild_id is not None and counts.get(guild_id, 0) > 0)

    def speaker_name(self, quote: Quote) -> str | None:
        if quote.speaker is None:
            return None
        person = self.names.people.get(quote.speaker)
        return person.name if person is not None else quote.speaker

    def about(self, person_id: str, guild_id: int | None) -> list[Fact | Quote]:
        """The records about (or by) a person that ``guild_id`` sees."""
        visible = visible_to(guild_id)
        out: list[Fact | Quote] = []
        for rid in self.index.rids(person_term(person_id)):
            rec = self.records[rid]
            if rec is not None and visible(rec) and person_id in record_people(rec):
                out.append(rec)
        return out

    def people_named(self, text: str, guild_id: int | None) -> list[Person]:
        """The people ``guild_id`` sees whom ``text`` may mention (a name, an alias, a word of
        a main name): what reading an article needs to know of the bank's people."""
        visible = visible_to(guild_id)
        found = (self.names.people[p] for p in sorted(self.names.mentioned(text)))
        return [p for p in found if visible(p)]

    def similar(self, texts: Sequence[str], kind: RecordKind, guild_id: int | None,
                limit: int = SIMILAR_LIMIT) -> list[Fact | Quote]:
        """Records of ``kind`` that ``guild_id`` sees sharing the most of the rarest words of
        ``texts`` (in their text, keywords or passages): the only ones that can say the same
        (a duplicate shares nearly every word, so it has the rarest), found without reading
        the bank."""
        terms: dict[str, None] = {}
        for text in texts:
            for w in words(text):
                if is_content(w):
                    terms[stem(w)] = None
        ranked = sorted((df, t) for t in terms if (df := self.index.df(t)))
        visible = visible_to(guild_id)

        def wanted(rid: int) -> Fact | Quote | None:
            record = self.records[rid]
            ok = record is not None and kind_of(record) == kind and visible(record)
            return record if ok else None

        if ranked and ranked[0][0] > SIMILAR_POSTING_CAP:
            # Every word is common ("The fight may not be over."): the records having them
            # all, the closest in length first (a duplicate is about as long).
            common = set(self.index.rids(ranked[0][1]))
            for _df, t in ranked[1:]:
                common.intersection_update(self.index.rids(t))
            size = sum(len(t) for t in texts) / max(1, len(texts))
            lengths, quote = self.lengths, kind == "quote"
            near = sorted(
                (rid for rid in sorted(common)[:SIMILAR_COMMON_CAP]
                 if (self._quote_at(rid) >= 0) == quote),  # (the kind, without reading it)
                key=lambda rid: abs(lengths[rid] - size),
            )
            found: list[Fact | Quote] = []
            for rid in near:  # only the nearest in length are read
                if (r := wanted(rid)) is not None:
                    found.append(r)
                    if len(found) == limit:
                        break
            return found
        hits: dict[int, int] = {}
        for df, t in ranked[:SIMILAR_TERMS]:
            if df > SIMILAR_POSTING_CAP:
                break
            for rid in self.index.rids(t):
                hits[rid] = hits.get(rid, 0) + 1
        # Only the records sharing the most are read (a record is decoded when first read).
        best = heapq.nsmallest(limit * 4, hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [r for rid, _ in best if (r := wanted(rid)) is not None][:limit]

    def stats(self) -> dict[str, int]:
        """How many records of each kind, terms and words are held."""
        return {
            "sources": len(self.sources),
            "people": len(self.names),
            "facts": len(self.rids["fact"]),
            "quotes": len(self.rids["quote"]),
            "terms": len(self.index),
            "words": len(self.vocab),
        }

    def fields(self, rid: int, terms: set[str]) -> dict[str, int]:
        """The fields of record ``rid`` holding each of ``terms`` (from the index: a binary
        search a term, no re-reading of the record)."""
        index = self.index
        return {t: bits for t in terms if (bits := index.fields(t, rid))}

    def around(self, rid: int, terms: set[str], reach: int = 2) -> tuple[dict[str, int], bool]:
        """Which of ``terms`` the records next to ``rid`` from the same source have (the
        sentences around it in its article), and whether it is its source's first."""
        records = self.records
        rec = records[rid]
        assert rec is not None
        source = first_source(rec)
        out: dict[str, int] = {}
        first = True
        for other in range(max(0, rid - reach), min(len(records), rid + reach + 1)):
            near = records[other]
            if other == rid or near is None or not near.citations:
                continue
            if first_source(near) == source:
                out.update(self.fields(other, terms))
                first = first and other > rid
        return out, first

    def texts_about(self, person_id: str, visible: Callable[[Record], bool],
                    limit: int = TEXTS_ABOUT) -> list[str]:
        """The texts of the facts ``visible`` lets through about ``person_id`` alone (the
        sentences a story says of them: "Eldridge, 61, ... his lawyer said"), at most
        ``limit`` of them."""
        out: list[str] = []
        for rid in self.index.rids(person_term(person_id)):
            rec = self.records[rid]
            if isinstance(rec, Fact) and rec.people == (person_id,) and visible(rec):
                out.append(rec.text)
                if len(out) >= limit:
                    break
        return out

    def near_terms(self, rid: int, terms: set[str]) -> dict[str, int]:
        """Which of ``terms`` the sentences next to ``rid`` in its article have; for a quote, the
        article's sentences about its speaker ("Lindqvist said talks went on all weekend")."""
        rec = self.records[rid]
        if not isinstance(rec, Quote):
            return self.around(rid, terms)[0]
        out: dict[str, int] = {}
        source = first_source(rec)
        if rec.speaker and source is not None:  # (its speaker's records within the rids of
            about, (lo, hi) = self.index.rids(person_term(rec.speaker)), self.spans[source]
            at = bisect_left(about, lo)  # its source, at most NEAR_SPEAKER_MAX of them)
            for other in islice(about, at, min(bisect_right(about, hi), at + NEAR_SPEAKER_MAX)):
                near = self.records[other]
                if other != rid and near is not None and first_source(near) == source:
                    out.update(self.fields(other, terms))
        return out

    def outdone(self, rids: Sequence[int], items: Sequence[Sequence[str]]) -> set[int]:
        """The ``rids`` whose article has fewer of ``items`` (each a tuple of terms, any of
        which is the item) than the article of another of them has: "what was the vote on the
        cut" asks about the article with both words, not about one that only has "vote"."""
        by_source: dict[str, list[int]] = {}
        for rid in rids:
            rec = self.records[rid]
            if rec is not None and (source := first_source(rec)) is not None:
                by_source.setdefault(source, []).append(rid)
        if len(by_source) < 2:
            return set()
        cover = {s: frozenset(i for i, terms in enumerate(items) if self.has_in(s, terms))
                 for s in by_source}
        return {rid for s, own in by_source.items()
                if any(cover[s] < other for other in cover.values()) for rid in own}

    def has_in(self, source_id: str, terms: Sequence[str]) -> bool:
        """Whether the article ``source_id`` (its title, or a record citing it first) has
        any of ``terms``."""
        source = self.sources.get(source_id)
        if source is not None and not title_terms(source.title).isdisjoint(terms):
            return True
        lo, hi = self.spans.get(source_id, (1, 0))
        alone = hi - lo + 1 == self.cited.get(source_id, 0)  # (no other article's rid inside)
        for term in terms:
            rids = self.index.rids(term)
            at = bisect_left(rids, lo)
            inside = [rid for rid in islice(rids, at, at + SPAN_CHECKS) if rid <= hi]
            if inside and (alone or len(inside) == SPAN_CHECKS):
                return True  # (or too many other articles' records in the span to read)
            for rid in inside:
                rec = self.records[rid]
                if rec is not None and first_source(rec) == source_id:
                    return True
        return False

    def headline(self, visible: Callable[[Source], bool],
                 about: Sequence[Sequence[str]] = (), some: bool = False) -> str | None:
        """The title of the newest source ``visible`` lets through whose title has a term of
        each of ``about`` (the terms of what a question asks of: "when did the spill
        happen"), or, with ``some``, of the most of them, at least one ("tldr on the ferry
        thing in maine": a ferry's story, though its title does not say Maine); or None."""
        need = min(1, len(about)) if some else len(about)
        found = [(sum(not title_terms(s.title).isdisjoint(terms) for terms in about),
                  s.published or "", s.title) for s in self.sources.values() if visible(s)]
        best = max((f for f in found if f[0] >= need), key=lambda f: f[:2], default=None)
        return best[2] if best is not None else None

    def source_people(self, source: str | None) -> frozenset[str]:
        """Whom the story of ``source`` is about: the people of the records citing it first
        (a quote's speaker too), kept as a set until a change."""
        cache = self.__dict__.setdefault("_source_people", {})
        if source not in cache:
            cache[source] = frozenset(self.storied.get(source or "", ()))
        return cache[source]

    def retold(self, a: int, b: int) -> bool:
        """Whether the records ``a`` and ``b`` are of two sources telling one story."""
        sa, sb = (first_source(r) if (r := self.records[x]) is not None else None
                  for x in (a, b))
        return sa != sb and one_story(self.source_people(sa), self.source_people(sb))

    def cites(self, rid: int, source: str) -> bool:
        """Whether record ``rid`` cites ``source`` first (is a sentence of that article)."""
        rec = self.records[rid]
        return rec is not None and first_source(rec) == source

    def title_terms(self, record: Fact | Quote) -> frozenset[str]:
        """The terms of the title of the article ``record`` cites first: what every sentence
        of it is about (a sentence of an article on Harvard is about Harvard)."""
        source_id = first_source(record)
        source = self.sources.get(source_id) if source_id is not None else None
        return title_terms(source.title) if source is not None else frozenset()

    def visible_sources(self, guild_id: int | None) -> list[Source]:
        """The sources ``guild_id`` sees, oldest first."""
        visible = visible_to(guild_id)
        return [s for s in self.sources.values() if visible(s)]

    def visible_quotes(self, guild_id: int | None) -> list[Quote]:
        """The quotes ``guild_id`` sees, oldest first."""
        visible = visible_to(guild_id)
        return [q for rid in self.quote_rids
                if isinstance(q := self.records[rid], Quote) and visible(q)]

    def bank(self, guild_id: int | None = None) -> Bank:
        """The records visible to ``guild_id`` (global ones included), as a bank."""
        visible = visible_to(guild_id)
        live = [r for r in self.records if r is not None and visible(r)]
        return Bank(
            sources=tuple(s for s in self.sources.values() if visible(s)),
            people=tuple(self.names.all(visible)),
            facts=tuple(r for r in live if isinstance(r, Fact)),
            quotes=tuple(r for r in live if isinstance(r, Quote)),
        )
