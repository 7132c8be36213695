"""Records as a reader sees them: citations, dates, a quote's wording, competing figures.

:class:`Citer` reads the engine's :class:`~bot.engine.memory.Memory` for sources and
speakers; it decides nothing about which record answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from bot.engine.memory import Memory
from bot.engine.normalize import words
from bot.models import Answer, Conflict, Fact, Quote, SourceRef

#: Two texts alike at least this much (rapidfuzz ratio, 0-100) once their figures are masked
#: say the same claim (:meth:`Citer.same_claim`).
SAME_CLAIM_RATIO = 90

#: A quote given as an answer goes on with at most this many parts in all ...
WHOLE_QUOTE_PARTS = 3
#: ... of at most this many characters together.
WHOLE_QUOTE_CHARS = 600


def introduce(name: str, description: str) -> str:
    """"Jane Roe: harbormaster." / "Jane Roe, who owns the store." (a relative clause)."""
    joiner = ", " if description.split(" ", 1)[0].lower() in ("who", "whose") else ": "
    return f"{name}{joiner}{description.rstrip('.')}."


class Citer:
    def __init__(self, memory: Memory) -> None:
        self._m = memory

    def answer(self, rid: int, score: float, matched: tuple[str, ...],
               near: list[Fact | Quote], told: Sequence[Fact | Quote] = ()) -> Answer:
        """The answer given by the record ``rid``, cited (a quote whole, with its speaker; a
        fact with the facts ``near`` it that say otherwise, and those of ``told`` that are
        other outlets' reports of its story, giving other figures in their own words)."""
        rec = self._m.records[rid]
        assert rec is not None
        sources = self.refs(rec)
        if isinstance(rec, Quote):
            speaker = self._m.speaker_name(rec)
            return Answer(answered=True, score=score, sources=sources, record_id=rec.id,
                          text=self.quote_text(self.whole_quote(rid), speaker, sources),
                          record_kind="quote", speaker=speaker, context=rec.context or None,
                          matched=matched)
        return Answer(answered=True, text=rec.text, score=score, sources=sources,
                      record_id=rec.id, record_kind="fact", matched=matched,
                      conflicts=self.conflicts(rec, near, told))

    def quote_parts(self, rid: int) -> list[int]:
        """The quote at ``rid`` and the rest of what its speaker said in the same breath: the
        quotes right after it with its speaker whose passage holds its own ('"A year ago,
        people were asking whether e-bikes were a fad," she said. "I think this quarter
        answers that question."'), up to :data:`WHOLE_QUOTE_PARTS` parts of
        :data:`WHOLE_QUOTE_CHARS` characters in all."""
        records = self._m.records
        quote = records[rid]
        assert isinstance(quote, Quote)
        parts, size = [rid], len(quote.text)
        for k in range(rid + 1, min(len(records), rid + WHOLE_QUOTE_PARTS)):
            after = records[k]
            if not isinstance(after, Quote) or after.speaker != quote.speaker \
                    or not after.citations or not quote.citations \
                    or quote.citations[0].passage not in after.citations[0].passage \
                    or size + len(after.text) > WHOLE_QUOTE_CHARS:
                break
            parts.append(k)
            size += len(after.text)
        return parts

    def whole_quote(self, rid: int) -> Quote:
        """The quote at ``rid`` with its :meth:`quote_parts` as one text."""
        quote = self._m.records[rid]
        assert isinstance(quote, Quote)
        parts = [r.text for k in self.quote_parts(rid)
                 if isinstance(r := self._m.records[k], Quote)]
        return quote if len(parts) == 1 else replace(quote, text=" … ".join(parts))

    def answer_text(self, record: Fact | Quote) -> str:
        """The text a reader is shown when ``record`` is the answer."""
        if isinstance(record, Quote):
            return self.quote_text(record, self._m.speaker_name(record), self.refs(record))
        return record.text

    @staticmethod
    def quote_text(quote: Quote, speaker: str | None, sources: tuple[SourceRef, ...]) -> str:
        who = speaker or "An unnamed speaker"
        if quote.context:
            where = f" ({quote.context})"
        elif sources:
            where = f" (reported by {sources[0].outlet})"
        else:
            where = ""
        return f'{who} said{where}: "{quote.text}"'

    def refs(self, record: Fact | Quote) -> tuple[SourceRef, ...]:
        refs: list[SourceRef] = []
        for c in record.citations:
            src = self._m.sources.get(c.source_id)
            if src is None:
                refs.append(SourceRef("Unknown source", c.source_id, None, None, c.passage))
            else:
                refs.append(SourceRef(src.outlet, src.title, src.url, src.published, c.passage))
        # newest first; undated last, the citation order kept among equals
        refs.sort(key=lambda r: r.published or "", reverse=True)
        return tuple(refs)

    def date(self, record: Fact | Quote) -> str | None:
        if isinstance(record, Fact) and record.reported:
            return record.reported
        dates = [
            s.published
            for c in record.citations
            if (s := self._m.sources.get(c.source_id)) is not None and s.published
        ]
        return max(dates) if dates else None

    @staticmethod
    @lru_cache(maxsize=8192)
    def _masked(text: str) -> tuple[str, tuple[str, ...]]:
        """``text``'s words with figures as "#", and its figures (cached: the same records
        are compared again from question to question)."""
        ws = words(text)
        numbers = tuple(w for w in ws if w.isdigit())
        return " ".join("#" if w.isdigit() else w for w in ws), numbers

    def _retold(self, a: Fact, b: Fact) -> bool:
        """Whether the facts ``a`` and ``b`` are of two sources telling one story."""
        rids = self._m.rids["fact"]
        return a.id in rids and b.id in rids and self._m.retold(rids[a.id], rids[b.id])

    def same_claim(self, a: Fact | Quote, b: Fact | Quote) -> bool:
        """Whether ``a`` and ``b`` say the same but perhaps for their figures."""
        return fuzz.ratio(self._masked(a.text)[0], self._masked(b.text)[0]) >= SAME_CLAIM_RATIO

    def conflicts(self, fact: Fact, near: list[Fact | Quote],
                  told: Sequence[Fact | Quote] = ()) -> tuple[Conflict, ...]:
        """Other sources' differing figures for the claim of ``fact``, among ``near`` (said
        alike but for the figures) and ``told`` (in any words, by another source of its story:
        :meth:`Memory.retold`)."""
        numbers = self._masked(fact.text)[1]
        if not numbers:
            return ()
        own = {c.source_id for c in fact.citations}
        found: list[tuple[str, Fact]] = []
        for other in dict.fromkeys([*near, *told]):
            if not isinstance(other, Fact) or other.id == fact.id:
                continue
            if {x.source_id for x in other.citations} <= own:
                continue
            other_numbers = self._masked(other.text)[1]
            if other_numbers == numbers or not other_numbers:
                continue
            if not (other in told and self._retold(fact, other)) and \
                    not self.same_claim(fact, other):
                continue
            found.append((self.date(other) or "", other))
        found.sort(key=lambda d: d[0], reverse=True)
        return tuple(Conflict(text=f.text, sources=self.refs(f)) for _, f in found)

