"""Who is X: reading it out of a question (:func:`who_is`, a step of
:func:`bot.engine.question.read`: the questions a person's description answers, and the
person they ask about) and answering it (:func:`describe`: the description and the record
that best says who X is)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.citing import Citer, introduce
from bot.engine.memory import Memory
from bot.engine.normalize import is_content, stem, words
from bot.engine.records import describes_pattern
from bot.models import Answer, Fact, Quote

if TYPE_CHECKING:
    from bot.engine.question import Item, Query

#: Score of "who is X" answered from X's description in the coverage.
DESCRIBE_SCORE = 95.0

#: "is X a singer", "was X the mayor": asks what X is, which X's description answers.
_IS = frozenset({"is", "was"})
_ARTICLES = frozenset({"a", "an", "the"})
#: The words after a role that say what it is of ("the mayor of", "the coach at").
_OF = frozenset({"of", "at", "for", "in"})


def who_is(query: Query, opened: int) -> None:
    """Set ``query.describe`` (and ``query.holds``) when the question, opening at word
    ``opened`` (after any greeting), asks who a person is: a describing phrase and nothing
    but one person's name after it ("who is X", "tell me about X"); "is X a Y"; or "who is
    the Y (of Z)", a role the coverage says one person holds."""
    items, opening = query.items, query.words[opened:]
    people = query.people
    if len(set(people)) == 1 and len(items) == 1 and (
        describes(opening)
        # "who's X": the fold reads "who's" as "who", so "who" and the name alone
        or opening == ["who", *items[0].surface.split()]
    ):
        query.describe = people[0]
    elif _asks_what_someone_is(opening, items):
        query.describe = items[0].people[0]
    elif _asks_who_holds(query, opened):
        query.describe = items[0].people[0]
        query.holds = tuple(it.terms for it in items[1:])


def describes(ws: list[str]) -> bool:
    """The words open on a phrase asking who someone is ("who is", "tell me about")."""
    return any(tuple(ws[: len(p)]) == p for p in lexicon.DESCRIBE_PHRASES)


def _asks_what_someone_is(opening: list[str], items: list[Item]) -> bool:
    """The question is "is X a Y" ("was X the Y") about one person and nothing else named:
    X's description says what X is (and so whether X is a Y)."""
    if not items or not items[0].people or len(set(items[0].people)) != 1 or \
            any(it.people for it in items[1:]) or len(items) > 3:
        return False
    name = items[0].surface.split()
    return opening[:1] != [] and opening[0] in _IS and \
        opening[1:1 + len(name)] == name and opening[1 + len(name):2 + len(name)] != [] and \
        opening[1 + len(name)] in _ARTICLES


def _asks_who_holds(query: Query, opened: int) -> bool:
    """The question is "who is the mayor (of Riverton)": a role read as the one person the
    coverage says holds it (:meth:`~bot.engine.names.NameTable.holders`), then at most what
    it is of."""
    items, ws = query.items, query.words
    if not items or len(set(items[0].people)) != 1 or any(it.people for it in items[1:]):
        return False
    role = query.at[items[0].pos]
    return ws[opened : opened + 1] == ["who"] and "the" in ws[opened + 1 : role] and (
        role + 1 == len(ws) or ws[role + 1] in _OF)


def describe(m: Memory, cite: Citer, person_id: str, guild_id: int | None,
             holds: tuple[tuple[str, ...], ...] = ()) -> Answer | None:
    """"Who is X": X's description (when the coverage gives one) and the record that
    best says who X is: a fact describing X in apposition ("X, a nurse at ...", "X is
    the ..."), else a fact with X as its subject (it opens with X's name, or a title and
    X's name) sharing most words with the description, else any fact so, else X's quote.
    ``holds``: asked as the holder of a role of something ("the mayor of Elmsworth"), the
    terms of that something, which the description, the record or its article's title must
    have."""
    person = m.names.people.get(person_id)
    about = m.about(person_id, guild_id)
    if person is None or not about:
        return None
    described = {stem(w) for w in words(person.description) if is_content(w)}
    appositive = describes_pattern(person.names)

    names = "|".join(map(re.escape, person.names))
    # (after a title in capitals: "U.S. Rep. Carol Dunning, whose district ..."; not after a
    # preposition: "For Castellanos, the first order of business ...")
    opens = re.compile(rf"((?:[A-Z][\w.’'\-]*\s+){{0,4}})(?i:{names})\b")

    def says_who(r: Fact | Quote) -> tuple[bool, bool, bool, int, int]:
        own = {stem(w) for w in words(r.text)}
        is_fact = isinstance(r, Fact)
        fits = is_fact and bool(appositive.search(r.text))
        opening = opens.match(r.text) if is_fact else None
        subject = opening is not None and lexicon.STOPWORDS.isdisjoint(
            w.lower() for w in opening.group(1).split())
        return (is_fact, fits, subject, len(own & described), -len(r.text))

    record = max(about, key=says_who)
    _, fits, subject, _, _ = says_who(record)
    if not person.description and not fits:
        return None  # nothing says who they are: the question is answered as any other
    tied = described | {stem(w) for w in words(record.text)} | m.title_terms(record)
    if any(tied.isdisjoint(terms) for terms in holds):
        return None  # the mayor, but of somewhere else: answered as any other question
    text = cite.answer_text(record)
    if person.description and not (fits and subject and
                                   person.description.rstrip(".").lower() in record.text.lower()):
        # (a fact saying it beside the name says it once: "Janelle Sorensen, 38, a nurse who
        # lives in Westfall, said ..." needs no "Janelle Sorensen: nurse who lives in
        # Westfall."; but "Mayor Vera Lind said the vote was close" says what she said)
        text = f"{introduce(person.name, person.description)} {text}"
    return Answer(
        answered=True,
        text=text,
        score=DESCRIBE_SCORE,
        sources=cite.refs(record),
        record_id=record.id,
        record_kind="fact" if isinstance(record, Fact) else "quote",
        speaker=m.speaker_name(record) if isinstance(record, Quote) else None,
        context=(record.context or None) if isinstance(record, Quote) else None,
        matched=tuple(person.names[:1]),
    )
