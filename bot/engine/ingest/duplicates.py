"""Linking new records to those a bank already has, as extra citations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from rapidfuzz import fuzz, process

from bot.engine.ingest.matching import closest_name
from bot.engine.ingest.results import FactConflict, IngestResult, _unique, days_named, numbers
from bot.engine.normalize import is_content, words
from bot.engine.verify import normalise
from bot.models import Bank, Citation, Fact, Person, Quote, RecordKind

#: Facts or quotes at least this similar (0-100) to a bank record are the same record.
DUPLICATE_THRESHOLD = 88.0
#: A claim of fewer content words than this ("No one was hurt.") says too little to be known
#: for another source's: it is linked only to a record of its own source (the same article).
LINK_MIN_WORDS = 3

# --------------------------------------------------------------------------- duplicates


def _says_little(text: str) -> bool:
    return sum(map(is_content, words(text))) < LINK_MIN_WORDS


def _same_quote(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 0.6 * len(long_) or len(short.split()) >= 6:
        score = max(score, fuzz.partial_ratio(short, long_) if len(short) >= 20 else 0.0)
    return score


def _same_fact(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    set_score = fuzz.token_set_ratio(a, b)
    sort_score = fuzz.token_sort_ratio(a, b)
    # token_set_ratio is 100 for any subset; a short claim inside a long one is not the
    # same claim unless most of the words are shared too.
    if sort_score < 60:
        return min(set_score, sort_score + 25)
    return set_score


def link_duplicates(
    result: IngestResult,
    existing: Bank,
    threshold: float = DUPLICATE_THRESHOLD,
    in_use: Callable[[RecordKind, str], bool] = lambda _kind, _id: False,
) -> IngestResult:
    """Facts and quotes ``existing`` already has become extra citations on those records.

    A new fact matches a bank fact when their texts (or the bank fact's cited passages) are
    at least ``threshold`` similar, their figures are the same, and they are about the same
    people; the same claim with a different figure is kept as a new fact and reported in
    ``conflicts``. A new quote matches a bank quote with the same (or an unknown) speaker
    and the same words (or one a fragment of the other). New people the bank already has
    (same id, or a name or alias matching) are dropped and references to them remapped.
    Ids of the remaining new records are made unique against the bank: ``existing`` and
    the ids ``in_use`` says are taken (when ``existing`` is only the part of the bank that
    may match).
    """
    source = result.source
    # People.
    remap: dict[str, str] = {}
    bank_names: dict[str, str] = {}
    for person in existing.people:
        for name in person.names:
            bank_names.setdefault(name, person.id)
    bank_person_ids = {p.id for p in existing.people}
    new_people: list[Person] = []
    referenced = list(result.referenced_people)
    for person in result.new_people:
        target = None
        if person.id in bank_person_ids:
            target = person.id
        else:
            target = bank_names.get(person.name)
            if target is None and len(person.name.split()) > 1:
                hit = closest_name(person.name, bank_names)
                target = bank_names[hit] if hit is not None else None
        if target is not None:
            remap[person.id] = target
            referenced += [p for p in existing.people if p.id == target][:1]
        else:
            new_people.append(person)
    # (A new person's id is the slug of their name: an equal id in the bank is the same name.)

    def fix_people(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(remap.get(i, i) for i in ids))

    facts_by_id: dict[str, Fact] = {f.id: f for f in existing.facts}
    quotes_by_id: dict[str, Quote] = {q.id: q for q in existing.quotes}
    updated_facts: dict[str, Fact] = {}
    updated_quotes: dict[str, Quote] = {}
    links: list[tuple[str, str]] = list(result.links)
    conflicts: list[FactConflict] = list(result.conflicts)

    # Facts: compared by text and by cited passage, like with like.
    fact_choices: list[str] = []
    fact_raw: list[str] = []
    fact_owner: list[str] = []
    for f in existing.facts:
        for text in (f.text, *(c.passage for c in f.citations)):
            fact_choices.append(normalise(text))
            fact_raw.append(text)
            fact_owner.append(f.id)
    fact_ids = set(facts_by_id)
    new_facts: list[Fact] = []
    for fact in result.new_facts:
        fact = replace(fact, people=fix_people(fact.people))
        own = list(dict.fromkeys((fact.text, *(c.passage for c in fact.citations))))
        hits: list[tuple[float, int, str]] = []
        for raw in own:
            norm = normalise(raw)
            # token_set_ratio is never below _same_fact: a fast, safe prefilter.
            for choice, _pre, index in process.extract(
                norm, fact_choices, scorer=fuzz.token_set_ratio, limit=10, score_cutoff=threshold
            ):
                score = _same_fact(norm, choice)
                if score >= threshold:
                    hits.append((score, index, raw))
        hits.sort(key=lambda h: (-h[0], h[1]))
        match: Fact | None = None
        conflict: Fact | None = None
        little, sources = _says_little(fact.text), {c.source_id for c in fact.citations}
        for _score, index, raw in hits:
            candidate = updated_facts.get(fact_owner[index]) or facts_by_id[fact_owner[index]]
            if fact.people and candidate.people and not set(fact.people) & set(candidate.people):
                continue
            if (little or _says_little(candidate.text)) and sources.isdisjoint(
                    c.source_id for c in candidate.citations):
                continue  # ("No one was hurt.": any story's, as likely as this one's)
            if numbers(raw) != numbers(fact_raw[index]) or \
                    days_named(raw) != days_named(fact_raw[index]):
                # (another figure or another day: "take effect March 1", "... July 1")
                conflict = conflict or candidate
                continue
            match = candidate
            break
        if match is not None:
            updated_facts[match.id] = replace(
                match, citations=_add_citations(match.citations, fact.citations)
            )
            links.append((fact.id, match.id))
            continue
        if conflict is not None:
            conflicts.append(FactConflict(fact, conflict))
        new_facts.append(replace(fact, id=_unique(fact.id, fact_ids, "fact",
                                                               lambda i: in_use("fact", i))))

    # Quotes.
    quote_choices = [normalise(q.text) for q in existing.quotes]
    quote_ids = set(quotes_by_id)
    new_quotes: list[Quote] = []
    for quote in result.new_quotes:
        speaker = remap.get(quote.speaker, quote.speaker) if quote.speaker else None
        quote = replace(quote, speaker=speaker)
        norm = normalise(quote.text)
        q_hits = [
            (score, index)
            for choice, _pre, index in process.extract(
                norm, quote_choices, scorer=fuzz.partial_ratio, limit=10, score_cutoff=threshold
            )
            if (score := _same_quote(norm, choice)) >= threshold
        ]
        q_hits.sort(key=lambda h: (-h[0], h[1]))
        q_match: Quote | None = None
        for _score, index in q_hits:
            bank_quote = existing.quotes[index]
            bank_quote = updated_quotes.get(bank_quote.id, bank_quote)
            if speaker and bank_quote.speaker and speaker != bank_quote.speaker:
                continue
            q_match = bank_quote
            break
        if q_match is not None:
            updated_quotes[q_match.id] = replace(
                q_match, citations=_add_citations(q_match.citations, quote.citations)
            )
            links.append((quote.id, q_match.id))
            continue
        new_quotes.append(replace(quote, id=_unique(quote.id, quote_ids, "quote",
                                                                  lambda i: in_use("quote", i))))

    return replace(
        result,
        new_people=tuple(new_people),
        new_facts=tuple(new_facts),
        new_quotes=tuple(new_quotes),
        linked_facts=tuple(updated_facts.values()),
        linked_quotes=tuple(updated_quotes.values()),
        conflicts=tuple(conflicts),
        source_is_new=result.source_is_new and all(s.id != source.id for s in existing.sources),
        links=tuple(links),
        referenced_people=tuple(dict.fromkeys(referenced)),
    )


def _add_citations(have: tuple[Citation, ...], more: Iterable[Citation]) -> tuple[Citation, ...]:
    """``have`` plus those of ``more`` it lacks (same source and passage, ignoring spacing)."""
    seen = {(c.source_id, normalise(c.passage)) for c in have}
    extra = []
    for c in more:
        key = (c.source_id, normalise(c.passage))
        if key not in seen:
            seen.add(key)
            extra.append(c)
    return (*have, *extra)
