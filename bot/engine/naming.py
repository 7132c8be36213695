"""What a question asks the name of ("the name of the school", "which judge", "who is the
librarian", "which three states") and whether a record names it: a gate of
:mod:`bot.engine.sinks`, read apart from the others."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from itertools import pairwise

from bot.engine import lexicon
from bot.engine.ingest.data import listed, wordlist
from bot.engine.ingest.evidence import place_noun
from bot.engine.ingest.lexicon import role_noun
from bot.engine.names import NameTable
from bot.engine.normalize import stem
from bot.engine.question import Item, Query
from bot.engine.records import RecordView, agent_verb
from bot.engine.unnamed import NAMING
from bot.models import Person

#: A name asked for ("the name of the school") stands within this many content words (not
#: figures) of the thing it names in the record ("Hawthorne Elementary School", "the firm
#: Rowan & Peake", "Dale Okonkwo, 58, a machinist"; not "a school in the town of Marlow").
NAME_REACH = 1
#: ... after a thing counted ("the two trustees"), whose names the sentence goes on to list.
COUNTED_REACH = 4
#: Verbs that give a thing its name, between the two ("a bakery called Vault & Crumb").
_NAMING = frozenset(map(stem, NAMING))
#: The words that ask for a name, after which the question names the thing it is of.
_NAME_WORDS = frozenset({"name", "names"})
#: The question words that ask for one of a kind of person ("which judge"; "who is the mayor",
#: with :data:`_WHO_IS`), with the answer kind the question reader gives them.
_ASKS_WHICH = frozenset({("", "which"), ("", "what"), ("person", "who")})
_WHO_IS = frozenset({"is", "was", "are", "were", "the", "a", "an"})


def named_thing(query: Query) -> frozenset[str]:
    """The terms of the thing whose name the question asks: "what is the name of the
    elementary school" (the last word of the phrase after "name of", a kind of thing with
    names; or the word before "name": "the jailhouse informant's name"); "which judge",
    "what state lawmakers", "who is the librarian" (a kind of person right after the
    question word: "which" or "who is" asks for one by name). Empty for any other question,
    or one naming a person. (Not "what is X called": that asks for a term as
    often as for a name, "antimicrobial peptides called defensins"; nor "which engine": a
    thing, not a person, is as often answered by a common noun, "the adaptive immune
    system".)"""
    ws = query.words
    if query.answer_type == "name":
        of = _name_of(ws)
        if of is None:
            return _possessor_named(query)
        run = _run_after(query, of)
        if not run or run[-1][1].people or not _bears_names(run[-1][1].surface):
            return frozenset()
        return frozenset(run[-1][1].terms)
    if not ws or (query.answer_type, ws[0]) not in _ASKS_WHICH:
        return frozenset()
    start = 0
    if ws[0] == "who":
        while ws[start + 1 : start + 2] and ws[start + 1] in _WHO_IS:
            start += 1
        if start == 0:
            return frozenset()  # "who hired X" asks for a doer, not one of a kind
    elif ws[1:2] and ws[1].isdigit():
        start = 1  # "which three routes"
    run = _run_after(query, start)
    if not run or run[0][0] != start + 1:
        return frozenset()
    # the head of the phrase: its last word, but a verb ("which judge heard", "what lawmakers
    # voted")
    while run and _verb_form(run[-1][1].surface) and not kind_of_person(run[-1][1].surface):
        run.pop()  # (not "which king", "which sibling")
    if not run or run[-1][1].people or not kind_of_person(run[-1][1].surface):
        return frozenset()
    return frozenset(run[-1][1].terms)


@cache
def _person_kinds() -> frozenset[str]:
    return wordlist("person_nouns") | wordlist("roles")


def kind_of_person(noun: str) -> bool:
    """A noun (or its plural) whose first sense is a kind of person ("judge", "lawmakers");
    not a title, which may head other things ("field" of "Field Marshal")."""
    return listed(noun, _person_kinds())


#: "Pruett's lawyer", "Mayfield’s daughter": a possessive and the noun after it.
_POSSESSED = re.compile(r"[’']s\s+([a-z]+)\b", re.IGNORECASE)


def someone_of(question: str) -> bool:
    """Whether ``question`` asks about a kind of person someone has ("what did Pruett's
    lawyer say"): the one named is not the speaker asked about."""
    return any(kind_of_person(m.group(1).lower()) for m in _POSSESSED.finditer(question))


def _verb_form(word: str) -> bool:
    """A past or present participle or a past form: "heard", "voted", "hearing"."""
    return word.endswith(("ed", "ing")) or word in lexicon.irregular()


def which_many(query: Query) -> tuple[str, frozenset[str]] | None:
    """"which three states saw it": the number asked for ("3") and the terms of what it
    counts ("state"), which an answer names, not only counts; None for other questions."""
    ws = query.words
    if len(ws) < 3 or ws[0] != "which" or not ws[1].isdigit():
        return None
    run = _run_after(query, 1)
    return (ws[1], frozenset(run[0][1].terms)) if run and run[0][0] == 2 else None


def many_unnamed(many: tuple[str, frozenset[str]], view: RecordView, asked: set[str],
                 people: tuple[str, ...]) -> bool:
    """Asked "which three states saw it" (``many``: :func:`which_many`), the record counts
    them ("seen across parts of three states", "two other plants") but names nothing the
    question does not, nor anyone it does not (someone named is none of them when they are
    no people: "Ruiz said two other plants would take the milk")."""
    number, counted = many
    seq = view.sequence
    counts = not counted.isdisjoint({u for n, u in view.figure_counts if n == number}) or any(
        t == number and seq[k + 1 : k + 2] and seq[k + 1] in counted for k, t in enumerate(seq))
    return counts and not view.names - asked and (
        set(view.people) <= set(people) or not any(kind_of_person(t) for t in counted))


def which_people(query: Query) -> bool:
    """"which supervisors voted yes", "which two board members voted no": people of a kind (a
    plural noun of one, right after "which" or one or two words after it), whom an answer
    names; a body of them ("the Board of Supervisors voted 4-1") does not. So does "who (else)
    voted against it" (or for it, no, yes): the members who did, not the body's vote (but
    "who did Obi vote for" asks whom he chose)."""
    ws = query.words
    return (len(ws) > 2 and ws[0] == "which" and any(
        w.endswith("s") and not w.endswith("ss") and kind_of_person(w) for w in ws[1:4])) or (
        "who" in ws[:2] and any(w in _VOTES and ws[k + 1 : k + 2] and _stance(ws[k + 1])
                                and ws[k - 1 : k] in (["who"], ["else"]) for k, w in enumerate(ws)))


def _stance(word: str) -> bool:
    """A stance after "voted" ("no", "for", "against"; misspelt, :func:`.spelling.function_words`
    has spelt it)."""
    return word in _STANCES


#: The forms of "vote", and the stances after it whose voters "who" asks ("voted no").
_VOTES = frozenset({"vote", "voted", "votes", "voting"})
_STANCES = frozenset({"against", "for", "no", "yes"})


#: The answer kinds a "which" or "what" asking which one of a kind may have (not "what
#: year", "what time": the date gates read those).
_WHICH_KINDS = frozenset({"", "name", "person", "place", "thing"})
#: Prepositions of a place or a time after the phrase asked which one of ("in", "on").
_PLACING = frozenset({"in", "at", "on", "near", "from", "outside", "inside", "along"})
#: The verbs after the phrase asked which one of that end it on its noun ("which stores are"):
#: every auxiliary but "being", which goes on with the noun ("which stores being sold").
_VERBS_AFTER = lexicon.ANY_AUXILIARY - {"being"}


def kind_asked(query: Query) -> frozenset[str]:
    """The terms of the kind of thing a question asks which one of: "what bank gave the
    loan", "which nine stores", "which zoo in Tennessee did", "what is the name of the phone
    app" (the noun ending the phrase right after the question word or "name of", before its
    first verb). A phrase after the question word must be followed by a verb, past a place
    or time it is in ("which zoo in Tennessee did"): not "what exposes organisms to
    infection" (a verb itself), nor "what kind of engine". Not a kind of person (for
    :func:`named_thing`), nor a person named ("which Smith")."""
    ws = query.words
    if query.answer_type not in _WHICH_KINDS or len(ws) < 2:
        return frozenset()
    name_of = query.answer_type == "name"
    if name_of:
        of = _name_of(ws)
        if of is None:
            return frozenset()
        start = of
    elif ws[0] in ("which", "what"):
        start = 1 if ws[1].isdigit() else 0
    else:
        return frozenset()
    run = _run_after(query, start)
    if not run or (run[0][0] != start + 1 and not name_of):  # ("the name of the app")
        return frozenset()
    verb = next((n for n, (_, it) in enumerate(run) if n and _verb_form(it.surface)), len(run))
    at, head = run[verb - 1]
    if head.people or head.surface.isdigit() or head.corrected or kind_of_person(head.surface):
        # (a word corrected may be a kind of person misspelt: "the enginer the district hired")
        return frozenset()
    end = at + len(head.surface.split())
    if not name_of and verb == len(run):
        # (past a place or a time: "which zoo in Tennessee did", "what bank on Main Street")
        while ws[end : end + 1] and ws[end] in _PLACING:
            end = next((k + len(it.surface.split()) for k, it in _run_after(query, end)[-1:]),
                       end + 1)
        if not ws[end : end + 1] or not (ws[end] in _VERBS_AFTER or _verb_form(ws[end])):
            return frozenset()
    return frozenset(head.terms)


def _name_at(ws: list[str]) -> int | None:
    """Where "name" or "names" first stands in the question's words ``ws``, or None."""
    return next((i for i, w in enumerate(ws) if w in _NAME_WORDS), None)


def _name_of(ws: list[str]) -> int | None:
    """Where the "of" of "the name of" stands in the question's words ``ws``, or None."""
    asks = _name_at(ws)
    return None if asks is None or ws[asks + 1 : asks + 2] != ["of"] else asks + 1


def _possessor_named(query: Query) -> frozenset[str]:
    """The terms of the thing a question asks the name of before the word "name" ("what was
    the jailhouse informant's name", "what is the street name"), when it bears names."""
    asks = _name_at(query.words)
    if asks is None or len(query.at) < len(query.items):
        return frozenset()
    before = [it for it in query.items if query.at[it.pos] == asks - 1]
    if not before or before[0].people or not _bears_names(before[0].surface):
        return frozenset()
    return frozenset(before[0].terms)


def _run_after(query: Query, at: int) -> list[tuple[int, Item]]:
    """The question's items after word ``at``, each with its place in the question's words,
    up to the first gap (a word that is no item)."""
    if len(query.at) < len(query.items):
        return []  # (a query made by hand, with no places for its words)
    run = [(k, it) for it in query.items if (k := query.at[it.pos]) > at]
    for n in range(1, len(run)):
        # (a name of two words is two of the question's words: "kayla finnerty's son")
        if run[n][0] != run[n - 1][0] + len(run[n - 1][1].surface.split()):
            return run[:n]
    return run


def _bears_names(noun: str) -> bool:
    """A kind of thing with proper names: a person ("the judge", "her son": WordNet's person
    nouns), a place or a building (its location and structure nouns), an animal ("the
    panda", "the steer": its animal nouns), or a word heading names ("the school", "the
    union"). Not a term of art ("the name of the alphabet used"), which a common noun may
    answer."""
    return role_noun(noun) or place_noun(noun) or listed(noun, wordlist("name_heads")) or \
        listed(noun, wordlist("animal_nouns")) or any(
        role_noun(base) for base in lexicon.related().get(noun, ()))  # ("grandchildren")


def name_stems(people: Iterable[str]) -> frozenset[str]:
    """The stems of the words of people's names, as their ids spell them ("mariela-ostrowski":
    "mariela", "ostrowski"): what a record's names and the ages it gives are read by."""
    return frozenset(stem(w) for p in people for w in p.split("-"))


def name_near(view: RecordView, thing: frozenset[str], asked: set[str], said: bool,
              of_thing: bool = False) -> bool:
    """The record names the thing: a capitalised word the question does not have stands
    within :data:`NAME_REACH` content words of it ("the Switchyard Diner"). A record that
    does not mention the thing at all gives nothing to judge by ("which official": "County
    Commissioner Harold Vences"; "the name of the school": "Hawthorne Elementary"), unless
    the question ``said`` "the name of" a kind of person: a record without "son" names no
    one's son, but one with a name and the verb of an agent noun names the doer ("the name
    of the leader": "James Conant led"); or it asked the name ``of_thing`` that is no person
    ("the name of the lift"), which a person's name is not ("Ruben Pelletier broke his
    wrist")."""
    place = [k for k, t in enumerate(view.sequence) if not t.isdigit()]  # (in the sequence)
    seq = [view.sequence[k] for k in place]
    at = [i for i, t in enumerate(seq) if t in thing]
    # (a name opening a sentence is no capitalised word inside one, but a person's is known)
    # (nor the names of the people the question names: "the name of Marquis's son", "Ellen
    # Marquis, who fishes with her son")
    names = (view.names | name_stems(view.people)) - asked \
        - name_stems(t[1:] for t in asked if t.startswith("@"))
    if said:  # (a person's name, not a place's: "out of Gull Harbor with her son")
        names -= _place_name_stems(view.shown_text) - name_stems(view.people)
    # (a kind of person between the thing and a name is a title: "the team's programmer,
    # sophomore Eli Brandvold")
    titles = {stem(w) for w in view.shown_words() if kind_of_person(w)} if at else set()

    @cache
    def owners() -> frozenset[str]:  # (read only when a name stands right before the thing)
        return possessors(view.shown_text)

    for i in at:
        # (the question's own words beside the thing are part of it: "brother-in-law")
        lo = hi = i
        while lo > 0 and seq[lo - 1] in asked:
            lo -= 1
        while hi + 1 < len(seq) and (seq[hi + 1] in asked or seq[hi + 1] in _NAMING
                                     or seq[hi + 1] in titles):
            hi += 1  # (and a verb of naming after it: "a bakery called Vault & Crumb")
        counted = place[lo] > 0 and view.sequence[place[lo] - 1].isdigit()  # ("five sons")
        # (counted, the names may follow a clause: "the two trustees who voted against the
        # closure, Walter Penhallow and Gretchen Ives")
        reach = COUNTED_REACH if counted else NAME_REACH
        if any(seq[j] in names and not _said_between(view, place[j], place[lo], place[hi])
               and not (j > hi and place[j] in view.placed_at)  # ("the steer at the
               # Bramwell County Fair": the fair's name, not the steer's)
               and not (j == lo - 1 and seq[j] in owners())
               for j in range(lo if counted else max(0, lo - NAME_REACH),
                              min(len(seq), hi + reach + 1))) or _named_on(seq, hi, names):
            return True
    if not at and of_thing:
        return bool(names - name_stems(view.people))
    if at or not said:
        return not at
    doers = {verb for t in thing if (verb := agent_verb(t)) is not None}
    return bool(names) and not doers.isdisjoint(seq)


#: A name and its possessive ending ("Walter's", "the Smiths'").
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]*)(?:['’]s\b|s['’](?!\w))")


def possessors(text: str) -> frozenset[str]:
    """The stems of the capitalised words ``text`` writes as possessors ("Walter's parents":
    "walter"): a name right before a thing it owns is not that thing's name ("what were her
    parents' names" is not answered by "$2,000 borrowed from Walter's parents")."""
    return frozenset(stem(m.group(1).lower()) for m in _POSSESSIVE.finditer(text))


def _named_on(seq: list[str], hi: int, names: set[str]) -> bool:
    """A verb of naming and a name after it, a few words past the thing ending at ``hi``
    ("The steer, a 1,340-pound Angus cross named Domino")."""
    return any(seq[j] in _NAMING and seq[j + 1] in names
               for j in range(hi + 1, min(len(seq) - 1, hi + COUNTED_REACH + 1)))


def _said_between(view: RecordView, j: int, lo: int, hi: int) -> bool:
    """A verb of saying stands between the name at ``j`` and the thing at ``lo``..``hi``
    ("Ashby-Park said a volunteer placed the cone": she names no volunteer)."""
    return any(j < g <= lo for g in view.said_at) or any(hi < g <= j for g in view.said_at)


def miscast(query: Query, names: NameTable, visible: Callable[[Person], bool]) -> bool:
    """The question gives someone a role the coverage gives another and never them: "what did
    Mayor Ruth Abernathy say" where Abernathy is a council member and the mayor someone else
    (a kind of person right before a person named; a role no one holds judges nothing)."""
    items, at = query.items, query.at
    if len(at) < len(items):
        return False
    for role, person in pairwise(items):
        if role.people or not person.people or at[person.pos] != at[role.pos] + 1 \
                or not kind_of_person(role.surface):
            continue
        holders = names.holders(role.surface, visible)
        if holders and set(holders).isdisjoint(person.people):
            return True
    return False


#: A run of capitalised words: a name, read whole.
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*")


def _place_name_stems(text: str) -> set[str]:
    """The stems of the words of the names ``text`` gives places ("Gull Harbor", "Sable
    Bend": a name ending in a word whose usual sense is a place)."""
    return {stem(w.lower().strip(".'’")) for m in _CAPITALISED_RUN.finditer(text)
            if len(ws := m.group().split()) > 1 and place_noun(ws[-1]) for w in ws}
