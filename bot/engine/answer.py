"""The answer engine: finds the fact or quote that answers a question, or abstains.

A question goes through four rooms, each its own module:

1. :mod:`bot.engine.question` reads it into a :class:`~bot.engine.question.Query`: its
   items (content words by stem, people by id), the kind of answer it asks for, whether it
   asks what someone said or who someone is.
2. :mod:`bot.engine.retrieve` finds the records sharing the most IDF weight with it.
3. :mod:`bot.engine.scoring` describes each of the best few by features and turns them
   into the probability that the record answers the question (a calibrated model).
4. :class:`Engine` here picks the most probable record; below the threshold (a
   probability, so the same on any coverage) it abstains, suggesting near misses.

"Who is X" is answered with X's description and the fact that best says who X is; "what
did X say" prefers X's quotes; a sentence that only leads into a quote ("X wrote:") is
never an answer on its own; "why" is answered with the reason, the next sentence when the
one chosen only states the claim (:mod:`bot.engine.reasons`). Everything about one body of
coverage (names, aliases, keywords) comes from its records: the engine holds no word list
of any article.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import partial

from bot.engine import lexicon
from bot.engine.abstain import abstain, abstention, small_talk_reply
from bot.engine.beside import nearest_given, reading
from bot.engine.citing import Citer
from bot.engine.followup import Turn, all_told, lone_pronoun, resolve
from bot.engine.initialisms import bank_knows, spell_out
from bot.engine.memory import Memory, visible_to
from bot.engine.model import Model
from bot.engine.naming import kind_of_person, miscast
from bot.engine.pronouns import asked_of, gender, meant
from bot.engine.question import FIGURE_KINDS, Item, Query, read, small_talk
from bot.engine.quotes import QuoteFinder
from bot.engine.reading import view
from bot.engine.reasons import reason_beside
from bot.engine.records import RecordView, record_people
from bot.engine.retrieve import misquoted, quoting, retrieve
from bot.engine.scoring import (
    CAUSE_GIVEN,
    REASON_BAND,
    Asked,
    Candidate,
    ambiguous,
    by_title,
    context_features,
    english_factor,
)
from bot.engine.sinks import UNGIVEN, Gates
from bot.engine.stories import reports, retellings
from bot.engine.whois import DESCRIBE_SCORE, describe
from bot.models import (
    Answer,
    Bank,
    Fact,
    Person,
    Quote,
    QuoteHit,
    Record,
    RecordKind,
    Source,
    SourceRef,
    first_source,
)

#: Answers scoring below this (a probability, 0-100) are abstentions: answered if likelier right
#: than not. The SQuAD tune split, each article left out of the fit in turn, then answers 49.3%
#: right and abstains on 73.5% (``calibrate --cross``). ``ANSWER_THRESHOLD`` overrides.
DEFAULT_THRESHOLD = 50.0
#: Candidates scored in detail; this many times as many when the gates turn all down.
SHORTLIST, DEEPER = 6, 2
#: A follow-up about "it" with at most this many words to match, none a person's name, is
#: about the last answer's story alone ("where did it start"); else its records come first.
FOLLOW_ITEMS = 2
#: Records whose reading for scoring is kept (first in, first out).
VIEW_CACHE = 20_000


@dataclass(slots=True)
class _Ranked:
    #: the question the candidates answer (for a summary request: the headline)
    question: Query
    candidates: list[Candidate]
    #: the question as asked
    asked: Query


class Engine:
    """An in-memory index of a bank, answering questions with citations."""

    def __init__(self, bank: Bank | None = None, *, threshold: float | None = None,
                 memory: Memory | None = None) -> None:  # memory: read back from a snapshot
        self.threshold = DEFAULT_THRESHOLD if threshold is None else float(threshold)
        self.model = Model.load()
        self._reset(memory)
        if bank is not None:
            self.load(bank)

    # ------------------------------------------------------------------ upkeep

    def _reset(self, memory: Memory | None = None) -> None:
        self.memory = self._m = Memory() if memory is None else memory
        self._cite = Citer(self._m)
        self._quotes = QuoteFinder(self._m, self._cite.refs, self._read,
                                   lambda items: self._weights(items)[0])
        self._views: dict[int, RecordView] = {}
        self._views_version = -1

    def load(self, bank: Bank) -> None:
        """Replace everything with ``bank``."""
        self._reset()
        for record in bank.records():
            self._m.upsert(record)

    def upsert(self, record: Record) -> None:
        """Add a record, or replace the one of the same kind and id."""
        self._m.upsert(record)

    def remove(self, kind: RecordKind, record_id: str) -> None:
        """Forget a record (nothing happens when there is none)."""
        self._m.remove(kind, record_id)

    def get(self, kind: RecordKind, record_id: str) -> Record | None:
        return self._m.get(kind, record_id)

    def people(self, *, guild_id: int | None = None) -> list[Person]:
        return sorted(self._m.names.all(visible_to(guild_id)),
                      key=lambda p: (p.name.casefold(), p.id))

    def stats(self) -> dict[str, int]:
        """How many records of each kind, terms and words the engine holds."""
        return self._m.stats()

    def bank(self, *, guild_id: int | None = None) -> Bank:
        """The records visible to ``guild_id`` (global ones included), as a bank."""
        return self._m.bank(guild_id)

    def sources(self, *, guild_id: int | None = None) -> list[Source]:
        """The sources ``guild_id`` sees, oldest first (no copy of the rest of the bank)."""
        return self._m.visible_sources(guild_id)

    def quotes(self, *, guild_id: int | None = None) -> list[Quote]:
        """The quotes ``guild_id`` sees, oldest first."""
        return self._m.visible_quotes(guild_id)

    def citing(self, record: Fact | Quote) -> tuple[SourceRef, ...]:
        """The citations of ``record`` as readers see them, newest source first."""
        return self._cite.refs(record)

    def quote_hit(self, quote: Quote) -> QuoteHit:
        """``quote`` with its speaker's name and sources, as quote commands show it."""
        return self._quotes.hit(quote, 100.0)

    @property
    def version(self) -> int:  # changes whenever a person or a quote does (for caches)
        return self._m.version

    # ------------------------------------------------------------------ answering

    def _read(self, question: str, guild_id: int | None) -> Query:
        m = self._m  # (initials of words the bank writes out read as those words: "the AG")
        known = bank_knows(m.vocab.__contains__, m.index.__contains__)
        visible = visible_to(guild_id)
        query = read(spell_out(question, known, m.initial_runs), vocab=m.vocab,
                     known=m.index.__contains__, names=m.names, visible=visible)
        query.miscast = miscast(query, m.names, visible)
        return query

    def _weights(self, items: list[Item]) -> tuple[list[float], list[bool]]:
        index, m = self._m.index, self._m
        weights: list[float] = []
        unknown: list[bool] = []
        for it in items:
            dfs = [index.df(t) for t in it.terms]
            live = [d for d in dfs if d]  # (a word only titles have weighs by Memory.title_df)
            titled = live or [d for t in it.terms if (d := m.title_df(t))]
            rarity = 1.0 if it.people else lexicon.family_rarity(it.surface, it.terms)
            weights.append(m.idf(min(titled) if titled else 0) * english_factor(rarity))
            unknown.append(not live)
        return weights, unknown

    def rank(
        self,
        question: str,
        *,
        guild_id: int | None = None,
        context: bool = False,
        exclude: tuple[str, ...] = (),
        source: str | None = None,
        only: bool = False,
    ) -> _Ranked:
        """The question read, and its candidates scored, most probable first (``context``:
        read every candidate against its neighbours, not only the chosen one; ``source``:
        its records first; ``only``: "it" of a follow-up is what that story is about)."""
        asked = query = self._read(question, guild_id)
        if query.summary:
            headline = self._m.headline(visible_to(guild_id), [it.terms for it in query.items],
                                        some=not lexicon.SUMMARY_ASKS.isdisjoint(query.words))
            if headline is not None:  # (what is asked of the story stays asked: a place, a day)
                query = replace(self._read(headline, guild_id), answer_type=asked.answer_type,
                                clock=asked.clock, day=asked.day)
            elif query.items:  # no story's title says what is asked of: asked as any other
                asked = query = replace(query, summary=False)
        scored = self._score(query, guild_id, context, exclude, asked.summary, source, only)
        if not asked.summary and scored and not any(c.probability for c in scored) \
                and scored[0].turned in UNGIVEN:
            # every record shortlisted turned down, the likeliest for lacking the kind of answer
            # asked ("what time": it gives none): the search goes on past the shortlist
            deeper = self._score(query, guild_id, context, exclude, False, source, only, DEEPER,
                                 frozenset(c.rid for c in scored))  # (those scored, once)
            scored = deeper + scored if deeper and deeper[0].probability > 0.0 else scored
        return _Ranked(query, scored, asked)

    def _score(
        self,
        query: Query,
        guild_id: int | None,
        context: bool = False,
        exclude: tuple[str, ...] = (),
        summary: bool = False,
        source: str | None = None,
        only: bool = False,
        depth: int = 1,  # (the shortlist's multiple: DEEPER, the search gone on, ...
        scored: frozenset[int] = frozenset(),  # ... past the records already scored)
    ) -> list[Candidate]:
        """The candidates for ``query``, most probable first (``summary``: it is the newest
        headline, read for "what happened": a story's lead, when found, says it first;
        ``source``: a candidate it cites comes before one citing another, and with ``only``
        and little to match, alone answers)."""
        if not query.items:
            return []
        m = self._m
        weights, unknown = self._weights(query.items)
        visible = visible_to(guild_id)
        if exclude:
            shown, seen = set(exclude), visible
            visible = lambda r: seen(r) and r.id not in shown  # noqa: E731

        # (a question naming only people scores every record about them alike: "how old is
        # Oduya" may be answered by the seventh; twice the candidates for it)
        only_people = bool(query.items) and all(it.people for it in query.items)
        found = retrieve(m.index, query.items, weights, m.records, visible,
                         SHORTLIST * (2 if only_people else 1) * depth)
        if query.quoted:  # "who said \"...\"": the records saying it, however common its words
            found = quoting(m.index, query.items, weights, m.records, query.quoted, visible,
                            SHORTLIST) or misquoted(m.records, found, query.quoted)
        speakers = [p for p in dict.fromkeys(query.people) if m.has_quotes(p, guild_id)]
        if query.speech and speakers:  # "what did X say": X's own words, when there are any
            found = self._quotes.own_words(found, speakers, guild_id, exclude, SHORTLIST * 2)
        if not found:
            return []
        scorer = Asked(query, weights, unknown)
        asked = scorer.terms
        gates = Gates(query, weights, unknown)
        opposed = gates.opposed
        fields_of, said_of = m.index.fields_of(asked), m.index.fields_of(opposed)
        # a story's topic the question names ("after the flood"): no other story answers it
        topics = [terms for terms, _ in scorer.titled if m.in_a_title(terms, visible)]
        scores = sorted((s for s, _ in found), reverse=True)
        out: list[Candidate] = []
        for k, (score, rid) in enumerate(found):
            if rid in scored:
                continue
            rec = m.records[rid]
            assert rec is not None
            fields, topic = fields_of(rid), m.title_terms(rec)
            titled = by_title(scorer.titled, fields, topic)
            rv: RecordView = self._view(rid, rec, fields)
            if score == 0.0:  # added as the named speaker's quote: score it as retrieval would
                score = sum(
                    w for it, w in zip(query.items, weights, strict=True)
                    if any(t in fields for t in it.terms)
                )
            else:
                score += titled
            other = (scores[1] if len(scores) > 1 else 0.0) if k == 0 else scores[0]
            values, matched = scorer.features(rv, fields, score, other, k == 0, scores[0])
            cand = Candidate(rid, score, rv, values, self.model.ranker(values), matched)
            cand.fields = fields
            said = said_of(rid)  # (the opposites of the question's words it has)
            off = rv.lead_in or any(fields.keys().isdisjoint(t) for t in topics)
            cand.turned = None if off else gates(fields, rv, said, topic,
                                                 partial(m.near_terms, rid))
            if off or cand.turned:
                # a lead-in is never an answer on its own; nor is a record lacking what the
                # question turns on (about someone the question names, it may be suggested)
                if any(p in rv.people for p in query.people):
                    cand.near = cand.probability
                cand.probability = 0.0
            out.append(cand)
        known = [it.terms for it, u in zip(query.items, unknown, strict=True) if not u]
        outdone = m.outdone([c.rid for c in out if c.probability > 0.0], known)
        for c in out:  # "the vote on the cut": another article has both words
            c.probability = 0.0 if c.rid in outdone else c.probability
        out.sort(key=lambda c: (-c.probability, -c.retrieval, c.rid))
        if source is not None:
            out.sort(key=lambda c: not (c.probability > 0.0 and self._m.cites(c.rid, source)))
            if only and len(query.items) <= FOLLOW_ITEMS and not query.people:
                # "where did it start": about the last story, whatever another says of starts
                out = [c for c in out if self._m.cites(c.rid, source)]
        if not out:  # (or none but those already scored)
            return []
        story_lead = False
        if summary:  # (a lead is its source's first record)
            leads = {c.rid for c in out if c.probability > 0.0 and self._m.around(c.rid, set())[1]}
            out.sort(key=lambda c: c.rid not in leads)
            story_lead = out[0].rid in leads
        # the chosen candidate's score: the confidence model's probability
        top = out[0]
        lead = top.probability - next(  # (over the next not retelling it in other words)
            (c.probability for c in out[1:] if not self._m.retold(top.rid, c.rid)), 0.0)
        for c in out if context else out[:1]:
            around, first = self._m.around(c.rid, asked)
            c.context = context_features(query, unknown, c.fields, around, c.view, first)
        top.confidence_features = [*top.features, top.probability, lead, *top.context]
        best: dict[str | None, Candidate] = {}  # each article's best candidate
        for c in out if source is None and not summary else ():
            best.setdefault(first_source(self._rec(c)), c)
        if top.probability > 0.0:
            top.confidence = self.model.confidence(top.confidence_features)
        if 100.0 * top.confidence >= self.threshold and ambiguous(
                list(best.values()), asked, self.model.ranker,
                lambda a, b: self._m.retold(a.rid, b.rid), query.words):
            # two stories as likely to answer, saying different things: neither is given (said
            # only of an answer that would be given: below the threshold it is none either way)
            top.ambiguous, top.confidence = True, 0.0
        if story_lead:  # what the story is about, as it says first: sure as a description is
            top.confidence = max(top.confidence, DESCRIBE_SCORE / 100.0)
        return out

    def converse(self, question: str, turn: Turn | None, *,
                 guild_id: int | None = None) -> tuple[Answer, Turn]:
        """Answer ``question`` as a follow-up of ``turn`` (:mod:`bot.engine.followup`), and
        the turn to remember for the next question."""
        read = self._read(question, guild_id)
        resolved = resolve(question, turn, names_question=bool(read.people),
                           kind_of_person=kind_of_person)
        source = resolved.source
        if source is None and turn is not None and any(
                len(set(it.people)) > 1 for it in read.items):
            source = turn.source  # "who is the mayor": of the story the last answer was from
        ranked = self.rank(resolved.question, guild_id=guild_id, exclude=resolved.exclude,
                           source=source, only=resolved.source is not None)
        query = ranked.asked  # ("what else did he say", all he said given: said so)
        answer = all_told(self._decide(ranked, guild_id), resolved, query.people if query.speech
                          else (), lambda p: [q.id for q in self._quotes.by_speaker(p, guild_id)],
                          lambda p: getattr(self._m.names.people.get(p), "name", None))
        people_ids = list(dict.fromkeys(query.people))
        named_as = tuple(it.surface for it in query.items if it.people)
        rec = None if answer.record_id is None else \
            self._m.get(answer.record_kind or "fact", answer.record_id)
        if isinstance(rec, Fact | Quote):
            about = record_people(rec)
            # "the mayor" read as two mayors: the one the answer is about
            people_ids = [p for p in people_ids if p in about] or people_ids or list(about)
        people = tuple(p.name for pid in people_ids
                       if (p := self._m.names.people.get(pid)) is not None)
        records = resolved.exclude if resolved.followed else ()
        if answer.record_id is not None:
            records = (*records, answer.record_id)
        if isinstance(rec, Quote):  # (and the rest of it given with it: not "what else")
            parts = self._cite.quote_parts(self._m.rids["quote"][rec.id])[1:]
            records = (*records, *(q.id for k in parts if (q := self._m.records[k]) is not None))
        source = first_source(rec) if isinstance(rec, Fact | Quote) else None
        return answer, Turn(resolved.question, people, named_as, records, source)

    def asks_nothing(self, question: str) -> bool:
        """Whether ``question`` is small talk alone ("hi", "thanks bot") or chatter, asking
        nothing of the coverage (not an unanswered question)."""
        return small_talk(question)

    def answer(
        self, question: str, *, guild_id: int | None = None, exclude: tuple[str, ...] = ()
    ) -> Answer:
        """Answer ``question`` from the records visible to ``guild_id``, or abstain
        (``exclude``: ids of records not to give, as for "what else did she say")."""
        return self._decide(self.rank(question, guild_id=guild_id, exclude=exclude), guild_id)

    def _meant(self, pronoun: str, cands: list[Candidate], guild_id: int | None) -> str | None:
        visible, names = visible_to(guild_id), self._m.names.people  # (bot.engine.pronouns)
        pid = meant(pronoun, [record_people(self._rec(c)) for c in cands],
                    lambda p: gender(self._m.texts_about(p, visible)))
        return names[pid].name if pid is not None and pid in names else None

    def _decide(self, ranked: _Ranked, guild_id: int | None) -> Answer:
        """The answer to a ranked question: who-is, the most probable candidate, or an
        abstention."""
        query = ranked.question
        if query.describe is not None:
            described = describe(self._m, self._cite, query.describe, guild_id, query.holds)
            if described is not None:
                return described
        cands = ranked.candidates
        if query.social or query.babble:  # "hi", "thanks bot", "lake lake lol": nothing asked
            return Answer(answered=False, text=small_talk_reply(query), score=0.0)
        if not cands or 100.0 * cands[0].confidence < self.threshold:
            answer = abstain(self._m, cands, query, self.threshold, guild_id)  # (or ambiguous)
            who = None if query.people else lone_pronoun(query.text, kind_of_person)
            if who is not None and (person := self._meant(who, cands, guild_id)):
                # asked first, "he" is the one the likeliest record is about, called so
                found = self._decide(self.rank(asked_of(query.text, person), guild_id=guild_id),
                                     guild_id)
                if found.answered:
                    return replace(found, read_as=(who, person))
            return answer if who is None else \
                replace(answer, text=abstention(suggested=False, who=who))
        best = cands[0]
        confidence = best.confidence
        latest = reports(best, cands, self._m.retold, lambda a, b: self._cite.same_claim(
            self._rec(a), self._rec(b))) if query.recency else []
        if len(latest) > 1:  # asked for the latest: the newest of its reports answers
            band = latest
        elif query.answer_type == "reason":
            # asked why: of the records near as probable, one giving a cause of what is asked
            # ("The ICE operations have caused several protests"), not one merely saying "for"
            caused = [c for c in cands if c.probability > 0.0 and c.features[CAUSE_GIVEN] > 0
                      and c.probability >= best.probability - REASON_BAND]
            band = caused[:1] if caused else [
                c for c in cands if c.probability == best.probability]
        elif (near := reading(query)) and not ranked.asked.summary and (
                k := nearest_given([c.probability for c in cands], [self._rec(c) for c in cands],
                                   near[1], near[0])):
            band = [cands[k]]  # asked when, where, how many, what X did: a record giving its time,
            # place, figure or X beside what is asked (not of a story's lead: "when did it happen")
        else:  # exact ties, and asked a figure, another outlet's of the story: the newest report
            band = [c for c in cands if c.probability == best.probability] + (retellings(
                best, cands, self._m.retold) if query.answer_type in FIGURE_KINDS else [])
        if len(band) > 1:
            best = max(band, key=lambda c: (self._cite.date(self._rec(c)) or "", c.probability))
        elif band:
            best = band[0]
        answer = self._cite.answer(best.rid, round(100.0 * confidence, 1), best.matched,
                                   [self._rec(c) for c in cands], [self._rec(c) for c in band])
        if query.answer_type == "reason" and (beside := reason_beside(
                self._m, best.rid, {t for it in query.items for t in it.terms})):
            why, first = beside  # the claim, then the next sentence giving its reason (or
            rec = self._m.records[why]  # the one before: "That is why ...")
            assert rec is not None
            texts, refs = [answer.text, self._cite.answer_text(rec)], self._cite.refs(rec)
            answer = replace(answer, text=" ".join(texts[::-1] if first else texts), sources=(
                *refs, *answer.sources) if first else (*answer.sources, *refs))
        return answer

    def _view(self, rid: int, rec: Fact | Quote, fields: dict[str, int]) -> RecordView:
        """The record read for scoring, kept until a name changes (the memory's version)."""
        cache = self._views
        if self._views_version != self._m.version:
            cache.clear()
            self._views_version = self._m.version
        found = cache.get(rid)
        if found is None:
            speaker = self._m.speaker_name(rec) if isinstance(rec, Quote) else None
            found = view(rec, speaker)
            if len(cache) >= VIEW_CACHE:
                cache.pop(next(iter(cache)))
            cache[rid] = found
        return found

    def _rec(self, c: Candidate) -> Fact | Quote:
        rec = self._m.records[c.rid]
        assert rec is not None
        return rec

    def answer_text(self, record: Fact | Quote) -> str:
        """The text a reader is shown when ``record`` is the answer."""
        return self._cite.answer_text(record)

    # ------------------------------------------------------------------ quotes

    def quotes_by_speaker(self, person_id: str, *, guild_id: int | None = None) -> list[QuoteHit]:
        return [self._quotes.hit(q, 100.0) for q in self._quotes.by_speaker(person_id, guild_id)]

    def find_quotes(self, query: str, *, limit: int = 5, guild_id: int | None = None
                    ) -> list[QuoteHit]:
        """Quotes by a speaker named in ``query`` (first) and quotes with its words."""
        return self._quotes.find(query, limit, guild_id)

    def random_quote(self, *, guild_id: int | None = None, rng: random.Random | None = None
                     ) -> QuoteHit | None:
        return self._quotes.random(guild_id, rng)

    def search_speakers(
        self, text: str, *, limit: int = 25, guild_id: int | None = None
    ) -> list[Person]:
        """People with quotes whose names fit ``text`` (prefix or fuzzy); "" gives all."""
        if limit <= 0:
            return []
        return [p for p, _ in self._quotes.speaker_scores(text, guild_id, limit)]

    def search_facts(
        self, text: str, *, limit: int = 25, guild_id: int | None = None
    ) -> list[tuple[Fact, float]]:
        """Facts matching ``text`` by id (exact or prefix) or by words; "" gives all."""
        return self._quotes.search_facts(text, limit, guild_id)
