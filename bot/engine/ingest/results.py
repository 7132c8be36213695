"""What ingest hands back (``IngestResult``) and how it names records (slugs, figures)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.engine import lexicon
from bot.engine.slug import slugify
from bot.engine.verify import fold, words
from bot.models import Bank, Fact, Person, Quote, Source

# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FactConflict:
    """A new fact that states the same claim as a bank fact with a different figure."""

    new: Fact
    existing: Fact


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one article yields.

    ``new_*`` are records to add; ``linked_*`` are records the bank already had, returned
    with the new source's citation appended (store them as updates). Before
    :func:`link_duplicates` everything is new.
    """

    source: Source
    new_people: tuple[Person, ...] = ()
    new_facts: tuple[Fact, ...] = ()
    new_quotes: tuple[Quote, ...] = ()
    linked_facts: tuple[Fact, ...] = ()
    linked_quotes: tuple[Quote, ...] = ()
    #: New facts kept apart from a bank fact that reports a different figure for the same claim.
    conflicts: tuple[FactConflict, ...] = ()
    #: Section headlines seen in the article (not facts).
    headlines: tuple[str, ...] = ()
    #: False when the bank already holds this source (then it is not added again).
    source_is_new: bool = True
    #: For each linked record: (id the record would have had, id of the existing record).
    links: tuple[tuple[str, str], ...] = field(default=())
    #: Already-known people (from ``known_people``) that the records refer to.
    referenced_people: tuple[Person, ...] = ()

    @property
    def people(self) -> tuple[Person, ...]:
        return self.new_people

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.new_facts + self.linked_facts

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return self.new_quotes + self.linked_quotes

    def to_bank(self) -> Bank:
        """The records to store: the source (if new), new people, new and linked records."""
        return Bank(
            sources=(self.source,) if self.source_is_new else (),
            people=self.new_people,
            facts=self.facts,
            quotes=self.quotes,
        )

    def preview(self, width: int = 100) -> str:
        """A human-readable account of what would be added."""
        names = {p.id: p.name for p in (*self.referenced_people, *self.new_people)}
        lines = [
            f"Source: {self.source.outlet} — {self.source.title} [{self.source.id}]"
            + ("" if self.source_is_new else " (already known)")
        ]

        def clip(text: str) -> str:
            return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")

        def speaker(q: Quote) -> str:
            who = names.get(q.speaker, q.speaker) if q.speaker else "speaker unknown"
            return f"{who}, {q.context}" if q.context else str(who)

        if self.new_people:
            lines.append(f"New people ({len(self.new_people)}):")
            lines += [f"  + {p.name} [{p.id}]" for p in self.new_people]
        if self.new_quotes:
            lines.append(f"New quotes ({len(self.new_quotes)}):")
            lines += [f"  + ({speaker(q)}) “{clip(q.text)}” [{q.id}]" for q in self.new_quotes]
        if self.new_facts:
            lines.append(f"New facts ({len(self.new_facts)}):")
            lines += [f"  + {clip(f.text)} [{f.id}]" for f in self.new_facts]
        if self.linked_quotes or self.linked_facts:
            count = len(self.linked_quotes) + len(self.linked_facts)
            lines.append(f"Already known, cited again ({count}):")
            lines += [f"  = “{clip(q.text)}” [{q.id}]" for q in self.linked_quotes]
            lines += [f"  = {clip(f.text)} [{f.id}]" for f in self.linked_facts]
        if self.conflicts:
            lines.append(f"Different figures than the bank ({len(self.conflicts)}):")
            lines += [
                f"  ! {clip(c.new.text)} — bank: {clip(c.existing.text)} [{c.existing.id}]"
                for c in self.conflicts
            ]
        if len(lines) == 1:
            lines.append("Nothing to add.")
        return "\n".join(lines)


# --------------------------------------------------------------------------- slugs


def _unique(base: str, taken: set[str], fallback: str,
            elsewhere: Callable[[str], bool] = lambda _: False) -> str:
    """``base`` or ``base-2``, ``base-3``...: the first id neither in ``taken`` nor
    ``elsewhere`` (the ids of the bank beyond what was read of it); added to ``taken``."""
    base = base or fallback
    candidate, n = base, 2
    while candidate in taken or elsewhere(candidate):
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _content_slug(text: str, prefix: str = "", count: int = 6) -> str:
    kept = [w for w in words(text) if w not in lexicon.STOPWORDS][:count]
    return slugify("-".join(([prefix] if prefix else []) + kept))


_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?!\w)|\d+(?:\.\d+)?(?=%)")
_NUMBER_WORDS = lexicon.NUMBER_VALUES


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"})


def days_named(text: str) -> tuple[str, ...]:
    """The days a text names, sorted: its weekdays, and the months beside a figure ("March
    1", "Sept. 30"; "may" and "march" alone are verbs), each month by its first three letters
    ("sept" is "sep")."""
    ws = words(fold(text))
    found = [w for w in ws if w in _WEEKDAYS]
    found += [w[:3] for i, w in enumerate(ws) if w in lexicon.MONTHS and any(
        0 <= j < len(ws) and ws[j].isdigit() for j in (i - 1, i + 1))]
    return tuple(sorted(found))


def numbers(text: str) -> tuple[str, ...]:
    """The figures a text states (digits and number words), sorted."""
    folded = fold(text)
    found = [n.replace(",", "") for n in _NUMBER.findall(folded)]
    found += [_NUMBER_WORDS[w] for w in words(folded) if w in _NUMBER_WORDS]
    return tuple(sorted(found))
