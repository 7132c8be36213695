"""Records as a reader sees them: citations, dates, a quote's wording, competing figures.

:class:`Citer` reads the engine's :class:`~bot.engine.memory.Memory` for sources and
speakers; it decides nothing about which record answers.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from bot.engine.memory import Memory
from bot.engine.normalize import words
from bot.models import Conflict, Fact, Quote, SourceRef


def introduce(name: str, description: str) -> str:
    """"Jane Roe: harbormaster." / "Jane Roe, who owns the store." (a relative clause)."""
    joiner = ", " if description.split(" ", 1)[0].lower() in ("who", "whose") else ": "
    return f"{name}{joiner}{description.rstrip('.')}."


class Citer:
    def __init__(self, memory: Memory) -> None:
        self._m = memory

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

    def conflicts(self, fact: Fact, near: list[Fact | Quote]) -> tuple[Conflict, ...]:
        """Other sources' differing figures for the claim of ``fact``, among ``near``."""
        masked, numbers = self._masked(fact.text)
        if not numbers:
            return ()
        own = {c.source_id for c in fact.citations}
        found: list[tuple[str, Fact]] = []
        for other in near:
            if not isinstance(other, Fact) or other.id == fact.id:
                continue
            if {x.source_id for x in other.citations} <= own:
                continue
            other_masked, other_numbers = self._masked(other.text)
            if other_numbers == numbers or not other_numbers:
                continue
            if fuzz.ratio(masked, other_masked) < 90:
                continue
            found.append((self.date(other) or "", other))
        found.sort(key=lambda d: d[0], reverse=True)
        return tuple(Conflict(text=f.text, sources=self.refs(f)) for _, f in found)

