"""A record read for scoring (:class:`~bot.engine.records.RecordView`), each reading made
when a question first asks for it.

A candidate's view is made for every record a question shortlists, but most questions ask a
few things of it: its content words in order, whether it negates, whether it only leads into
a quote. Its dates, reasons, figures and names are read only by the gates and features of the
questions asking for them, so each is read from the text when first asked and kept: the view
is the same pure function of the record and its speaker's name as one read all at once.
"""

from __future__ import annotations

import re
from functools import cached_property

from bot.engine import lexicon
from bot.engine import records as rec
from bot.engine.figures import (
    ages,
    counts_unfigured,
    has_clock_time,
    is_year,
    seasoned,
    span_figures,
)
from bot.engine.figures import figure_counts as counts_in
from bot.engine.ingest.lexicon import without_dateline
from bot.engine.negation import negated_terms as negated_in
from bot.engine.normalize import content_stems, is_content, stem, words
from bot.engine.series import is_series
from bot.models import Fact, Quote

#: A sum of money: a currency sign or "cents" / "dollars" ("$48 million": 48000000; "50 cents").
_MONEY = re.compile(r"[$£€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion)\b)?"
                    r"|\b\d[\d,]*(?:\.\d+)? (?:cents?|dollars?)\b")
#: Words in quotation marks ("signs reading “Homes Not Goals”"): words someone said or wrote.
_QUOTATION = re.compile(r"[\"“][^\"”]{3,}[\"”]")
#: The stems of months and weekdays: capitalised, but names of no person, place or thing.
_CALENDAR = frozenset(stem(w) for w in lexicon.MONTHS | lexicon.WEEKDAYS)
#: Words giving how long something lasts by when it ends or began ("until Friday").
_UNTIL = frozenset({"until", "till", "since"})
#: "within" sets a time limit by a span figure this many words after it at most ("within 60
#: days", "within the next two weeks").
WITHIN_REACH = 3


def _within(ws: list[str], spans: frozenset[str]) -> bool:
    """"within" then, in reach, a figure of ``spans`` ("within the next two weeks")."""
    return any(w == "within" and not spans.isdisjoint(ws[i + 1 : i + 1 + WITHIN_REACH])
               for i, w in enumerate(ws))


def _stop_at(ws: list[str], stops: frozenset[str]) -> frozenset[int]:
    """The places in the content words of ``ws`` (:func:`content_stems`) that a stop word of
    ``stops`` (a verb of saying, a preposition) stands before."""
    if stops.isdisjoint(ws):
        return frozenset()
    out: set[int] = set()
    k = 0
    for w in ws:
        if is_content(w):
            k += 1
        elif w in stops:
            out.add(k)
    return frozenset(out)


#: The prepositions that place a thing or give its maker, owner or buyer ("the steer at the
#: Bramwell County Fair", "sold to Harlan Feed", "a painting by Harriet Cole"; not "of":
#: "the University of Vermont" is a name).
_BESIDE_THING = (lexicon.PLACE_PREPOSITIONS - {"of"}) | {"by"}


def view(record: Fact | Quote, speaker_name: str | None) -> rec.RecordView:
    """``record`` read for scoring; a quote is shown after its speaker's name."""
    return _Read(record, speaker_name)


class _Read(rec.RecordView):
    """A :class:`~bot.engine.records.RecordView` whose readings are made when first read
    (each :func:`~functools.cached_property` here stands for the field of that name)."""

    def __init__(self, record: Fact | Quote, speaker_name: str | None) -> None:
        shown = record.text if speaker_name is None else f"{speaker_name}: {record.text}"
        ws = words(shown)
        passages = " ".join(c.passage for c in record.citations)
        #: the word lists read: the text shown, its passages (unless the text is its own
        #: passage, as for most ingested facts: read once), a quote's context
        texts = [ws]
        if passages != shown:
            texts.append(words(passages))
        if isinstance(record, Quote) and record.context:
            texts.append(words(record.context))
        self._record, self._ws, self._texts = record, ws, texts
        self._all = set(ws).union(*texts[1:])
        # (what every question reads of a candidate)
        self.sequence = content_stems(ws)
        self.negated = bool(self._all & lexicon.NEGATIONS)
        self.is_quote = isinstance(record, Quote)
        self.lead_in = record.text.rstrip().endswith(":")
        self.people = rec.record_people(record)
        self.curated = bool(record.keywords)
        self.shown_text = shown
        self.passage_text = "" if passages == shown else passages  # (not read twice)
        self._kinds = self._aged = None
        self._words = ws

    @cached_property
    def names(self) -> set[str]:  # type: ignore[override]
        caps = rec.capitalised_words(self.shown_text)
        if self.passage_text:
            # (a lead's dateline names no one its sentence does: "ELK BAY (Wire) — Workers")
            caps |= rec.capitalised_words(without_dateline(self.passage_text))
        return {stem(w) for w in caps if is_content(w)} - _CALENDAR

    @cached_property
    def _figured(self) -> list[str]:  # (figures, and years as "1990s")
        return [w for w in self._all if w[:1].isdigit()]

    @cached_property
    def numbers(self) -> set[str]:  # type: ignore[override]
        return {w for w in self._figured if w.isdigit()}

    @cached_property
    def counting(self) -> bool:  # type: ignore[override]
        return bool(self._all & lexicon.COUNTING_WORDS) and any(map(counts_unfigured,
                                                                    self._texts))

    @cached_property
    def series(self) -> bool:  # type: ignore[override]
        return is_series(self._record.text.rstrip())

    @cached_property
    def has_clock(self) -> bool:  # type: ignore[override]
        return (bool(self.numbers) and has_clock_time(self._ws)) \
            or bool(self._all & lexicon.TIMES_OF_DAY)

    @cached_property
    def has_day(self) -> bool:  # type: ignore[override]
        return bool(self._all & lexicon.DATE_WORDS - lexicon.ERA_WORDS)

    @cached_property
    def has_date(self) -> bool:  # type: ignore[override]
        return bool(self._all & lexicon.DATE_WORDS) or any(map(is_year, self._figured)) \
            or self.has_clock or seasoned(self.shown_text, " ".join(
                c.passage for c in self._record.citations))

    @cached_property
    def has_reason(self) -> bool:  # type: ignore[override]
        return bool(self._all & lexicon.REASON_MARKERS) and any(map(rec.gives_reason,
                                                                    self._texts))

    @cached_property
    def speech(self) -> bool:  # type: ignore[override]
        return self.is_quote or not lexicon.SPEECH_VERBS.isdisjoint(self._ws) \
            or _QUOTATION.search(self._record.text) is not None

    @cached_property
    def stop_words(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset(self._all & lexicon.opposed_stop_words())

    @cached_property
    def stop_anchors(self) -> frozenset[tuple[str, str]]:  # type: ignore[override]
        return frozenset().union(*map(rec.stop_anchors, self._texts))

    @cached_property
    def negated_terms(self) -> frozenset[str]:  # type: ignore[override]
        return negated_in(self._ws)

    @cached_property
    def figure_counts(self) -> frozenset[tuple[str, str]]:  # type: ignore[override]
        if not self.numbers:
            return frozenset()
        return frozenset().union(*map(counts_in, self._texts)) | ages(self.shown_text) \
            | ages(self.passage_text)

    @cached_property
    def states_reason(self) -> bool:  # type: ignore[override]
        return not self._all.isdisjoint(lexicon.REASON_CONNECTIVES) \
            and any(map(rec.states_reason, self._texts))

    @cached_property
    def money(self) -> frozenset[str]:  # type: ignore[override]
        if not self.numbers:
            return frozenset()
        # (its passage's too, whose figures it reads: "$1.9 million for lost vines" counts
        # no vines)
        return frozenset(d for text in (self._record.text, self.passage_text)
                         for m in _MONEY.finditer(text) for d in words(m.group()) if d.isdigit())

    @cached_property
    def spans(self) -> frozenset[str]:  # type: ignore[override]
        # (a sum of money is no span: "$84 million last year")
        return span_figures(self._ws) - self.money if self.numbers else frozenset()

    @cached_property
    def within(self) -> bool:  # type: ignore[override]
        return bool(self.spans) and _within(self._ws, self.spans)

    @cached_property
    def caused(self) -> frozenset[str]:  # type: ignore[override]
        return rec.caused_terms(self._ws)

    @cached_property
    def coordinated(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset().union(*map(rec.coordinated, self._texts))

    @cached_property
    def until(self) -> bool:  # type: ignore[override]
        return self.has_date and not self._all.isdisjoint(_UNTIL)

    @cached_property
    def said_at(self) -> frozenset[int]:  # type: ignore[override]
        return _stop_at(self._ws, lexicon.SPEECH_VERBS)

    @cached_property
    def placed_at(self) -> frozenset[int]:  # type: ignore[override]
        return _stop_at(self._ws, _BESIDE_THING)
