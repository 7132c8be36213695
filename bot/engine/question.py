"""Reading a question, as named steps (:func:`read`).

1. **words**: the question folded into words (:mod:`bot.engine.normalize`), and which of
   them were written with a capital inside the sentence (a name the bank may not know).
2. **intent**: what kind of answer it asks for (``who`` -> a person, ``how many`` -> a
   number, ...: general English grammar from ``data/questions.json``), whether it asks what
   someone said, who someone is, or for a summary, and whether it is negated.
3. **spelling**: a word the bank does not know is read as its parts, its correction or
   what general English would take it for (:mod:`bot.engine.spelling`).
4. **names**: the people of the bank the words name (:class:`~bot.engine.names.NameTable`).
5. **items**: every other content word becomes an item to match, by its stem.

The result is a :class:`Query`: plain data that retrieval and scoring read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz.distance import JaroWinkler, Levenshtein

from bot.engine import lexicon
from bot.engine.about import about_terms, topic_at
from bot.engine.asked_figures import money_asked, price_asked
from bot.engine.focus import mark_focus
from bot.engine.forms import (
    alike_terms,
    doer_terms,
    future,
    kind_terms,
    phrasal_terms,
    related_terms,
)
from bot.engine.index import Vocabulary
from bot.engine.initialisms import definite_reference, spelt_out_roles
from bot.engine.names import NameTable, common_noun
from bot.engine.negation import UN, negations
from bot.engine.normalize import is_content, phrase_end, quoted, stem, words
from bot.engine.population import as_population
from bot.engine.records import capitalised_words, person_term
from bot.engine.spelling import Spelt, auxiliary, function_words, question_word, spell, type_word
from bot.engine.whois import who_is
from bot.models import Person

#: Only this much of a question is read (the caller limits length; this bounds the work).
MAX_QUESTION_CHARS = 2000
MAX_QUESTION_WORDS = 40

#: English question words; a clause opened by "when" or "where" may come before the one
#: that asks ("when X happens, what ...").
_WHAT = frozenset({"what", "which"})
_CLAUSE_OPENERS = frozenset({"when", "where"})
#: Words that ask a time of day after "what" ("what time", "what hours is it open").
_CLOCK_ASKED = frozenset({"time", "times", "hours"})
#: The words of "what day", "which date", "what night": a day asked for.
_DAY_ASKED = frozenset({"day", "date", "dates", "night", "morning", "evening", "afternoon"})


@dataclass(slots=True)
class Item:
    """One thing the question turns on: a word (by stem) or a person."""

    surface: str
    #: the stems any of which satisfies the item (one for a word; a person's terms)
    terms: tuple[str, ...]
    #: people this item names (their ``@id`` terms are among ``terms``)
    people: tuple[str, ...] = ()
    #: written with a capital inside the question, or a number: a name or a figure
    specific: bool = False
    #: corrected from a misspelling
    corrected: bool = False
    #: ordinary English word (as opposed to a name or a rare word)
    ordinary: bool = False
    #: position among the question's words read (``Query.at`` gives its place in ``words``)
    pos: int = 0
    #: the verb after the named subject of "what did X do", "did X do", "why did X do":
    #: what the question turns on
    focus: bool = False
    #: the bank lacks the word; its other terms are forms general English relates to it
    #: ("payment" for "pay")
    related: bool = False


#: Kinds of answer that are a figure: a record without one cannot give it.
FIGURE_KINDS = frozenset({"number", "age", "percent", "span"})


@dataclass(slots=True)
class Query:
    text: str
    words: list[str]
    items: list[Item] = field(default_factory=list)
    #: "person", "date", "number", "percent", "age", "span" (how long), "place", "reason",
    #: "manner", "name" or ""
    answer_type: str = ""
    #: asks what someone said or wrote
    speech: bool = False
    #: asks who said something
    said_by: bool = False
    #: asks who someone is ("who is X"): the person's id
    describe: str | None = None
    #: ... asked as the holder of a role ("who is the mayor of Riverton"): the terms of each
    #: other item (what the role is of), which the coverage must tie to the person
    holds: tuple[tuple[str, ...], ...] = ()
    #: asks what the coverage is about
    summary: bool = False
    #: small talk alone, asking nothing ("hi", "thanks bot", "how's it going")
    social: bool = False
    #: chatter asking nothing ("canoe canoe boat ?? lol": :func:`lexicon.babble`)
    babble: bool = False
    negated: bool = False
    recency: bool = False
    #: names someone the bank does not know next to part of a name it knows
    other_person: bool = False
    #: gives someone a role the coverage gives another (:func:`~bot.engine.naming.miscast`)
    miscast: bool = False
    #: the terms of the thing the question counts ("how many nurses": nurses)
    counted: frozenset[str] = frozenset()
    #: asks how many (:data:`lexicon.COUNTING_PHRASES`), which a series may answer by its count
    counts: bool = False
    #: "what did X say about Y": the terms of Y, which X's words must be about
    about: tuple[str, ...] = ()
    #: asks for a time of day ("what time")
    clock: bool = False
    #: asks for a day ("what day", "which date")
    day: bool = False
    #: asks for a year ("what year", "which years"), which a day or a time alone does not give
    year: bool = False
    #: asks for a month ("in what month"), which only a month's name gives
    month: bool = False
    #: how many things it asks for ("what are the four examples"), which a record lists
    listed: int = 0
    #: asks how big or how far ("how big", "how far"), which a length answers
    size: bool = False
    #: asks "how much" of a sum of money ("how much did it cost", "how much money", "how
    #: much did the mill sell for"), which "four squad cars" does not give
    money: bool = False
    #: the words the question quotes ("who said \"never a panda\""), which a record it is
    #: about has in a row
    quoted: list[str] = field(default_factory=list)
    #: where each word read (an item's ``pos``) stands in ``words``
    at: list[int] = field(default_factory=list)

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(p for it in self.items for p in it.people)


def _answer_type(ws: list[str]) -> tuple[str, set[int]]:
    """The kind of answer asked for, and the positions of the words that asked for it
    ("how many", "what year": they are the question's frame, not its topic).

    The question word that asks is the first one: "what happens when ..." asks for a thing,
    not a date. A question opening on a clause ("when B cells replicate, what do ...",
    "when a pathogen is eaten it is trapped in what vesicle?") asks with its "what".
    """
    asking = [i for i, w in enumerate(ws) if w in lexicon.QUESTION_WORDS]
    if asking:
        at = asking[0]
        if ws[at] in _CLAUSE_OPENERS and at + 1 < len(ws) and \
                ws[at + 1] not in lexicon.AUXILIARIES:
            at = next((i for i in asking if i > at + 1 and ws[i] in _WHAT), at)
        for size in (4, 3, 2):
            found = lexicon.TYPE_PHRASES.get(tuple(ws[at : at + size]))
            if found:
                return found, set(range(at, at + size))
        if ws[at] == "what" and ws[-1] in ("name", "names") and len(ws) > at + 2:
            return "name", {at, len(ws) - 1}  # "what was the informant's name"
        found = lexicon.ANSWER_TYPES.get(ws[at])
        return (found, {at}) if found else ("", set())
    head = ws[:6]
    for size in (4, 3, 2):
        for i in range(len(head) - size + 1):
            found = lexicon.TYPE_PHRASES.get(tuple(head[i : i + size]))
            if found:
                return found, set(range(i, i + size))
    for i, w in enumerate(head):
        if w in lexicon.ANSWER_TYPES:
            return lexicon.ANSWER_TYPES[w], {i}
    return "", set()


#: "what two fields ...", "what are the three ...": a small number there counts the things
#: asked for; the record lists them ("A and B") and need not say the number.
_COUNTED_MAX = 10


def _answer_count(ws: list[str]) -> set[int]:
    """The position of a number that counts the answer ("what two", "which are the three",
    "what are two examples") or of a word asking for a kind ("what kind of"), if any."""
    for i, w in enumerate(ws[:8]):
        if w not in _WHAT:
            continue
        at = i + 1
        if ws[at : at + 1] and ws[at] in ("are", "were"):
            at += 1
            if ws[at : at + 1] == ["the"]:
                at += 1
        if ws[at : at + 1] and ws[at].isdigit() and 1 < int(ws[at]) <= _COUNTED_MAX:
            return {at}
        if ws[at : at + 1] and ws[at] in lexicon.KIND_WORDS and ws[at + 1 : at + 2] == ["of"]:
            return {at}  # "what kind of cells": cells, of some kind
        return set()
    return set()




#: Prepositions that complete a role ("the mayor **of** Riverside").
_COMPLEMENTS = frozenset({"of", "in", "at", "for", "from", "through", "during", "on", "with"})


def _complement(ws: list[str], pos: int) -> str | None:
    """The first content word of the prepositional phrase right after ``ws[pos]`` ("the
    inventor of the vacuum": "vacuum"), if one follows."""
    if pos + 1 >= len(ws) or ws[pos + 1] not in _COMPLEMENTS:
        return None
    return next((w for w in ws[pos + 2 : pos + 5] if is_content(w)), None)


def _scene(preposition: str, word: str, caps: set[str]) -> bool:
    """A role placed in an ordinary thing, no named body: "the judge in the case"."""
    return preposition in ("in", "on") and word not in caps and lexicon.is_ordinary(word)


#: A longer word beside a name is its misspelt rest when it is this close to a word of the
#: name by Jaro-Winkler similarity, which weighs the first letters, kept in most misspellings
#: of a name ("pritchet" for Pritchard: 0.88), and this long at least.
REST_OF_NAME_SIMILARITY, REST_OF_NAME_MIN = 0.88, 5


def _rest_of_name(word: str, people: tuple[str, ...], names: NameTable) -> bool:
    """``word`` is one edit from a word of the names of ``people`` ("cran" for Max Crane),
    or a longer word close to one (:data:`REST_OF_NAME_SIMILARITY`): the rest of the name,
    misspelt, not another person's."""
    if len(word) < 3:
        return False
    for pid in people:
        person = names.people.get(pid)
        for name in person.names if person is not None else ():
            for part in words(name):
                if len(part) < 3 or part == word:
                    continue
                if Levenshtein.distance(word, part, score_cutoff=1) <= 1 or (
                        min(len(word), len(part)) >= REST_OF_NAME_MIN
                        and JaroWinkler.normalized_similarity(word, part)
                        >= REST_OF_NAME_SIMILARITY):
                    return True
    return False


def _bounded(question: str) -> tuple[str, list[str]]:
    """The part of ``question`` that is read, and its words (both bounded)."""
    raw = question[:MAX_QUESTION_CHARS]
    return raw, words(raw)[: MAX_QUESTION_WORDS * 2]


def small_talk(question: str) -> bool:
    """Whether ``question`` is small talk alone ("hi", "thanks bot") or chatter ("lake lake
    lol"), as :func:`read` tells it (``Query.social``, ``Query.babble``), without reading the
    rest of it."""
    ws = _bounded(question)[1]
    return bool(ws) and (lexicon.small_talk(ws) or lexicon.babble(ws))


def read(question: str, *, vocab: Vocabulary, known: Callable[[str], bool], names: NameTable,
         visible: Callable[[Person], bool]) -> Query:
    """Read ``question`` against a bank's vocabulary (``known`` tells an indexed stem)."""
    raw, ws = _bounded(question)
    ws = question_word(ws, _opening(ws))  # "wich hospital", "were is it based"
    ws = type_word(ws, _opening(ws), vocab)  # "how manny", "what yeer"
    ws = auxiliary(ws, _opening(ws), vocab)  # "how much dose the card cost"
    ws = as_population(ws)  # "how many people live in Marlow": its population
    caps = capitalised_words(raw)
    query = Query(text=raw, words=ws, quoted=quoted(raw))
    if ws and lexicon.small_talk(ws):
        query.social = True
        return query  # "good morning everyone", "thanks bot", "how's it going": nothing asked
    if lexicon.babble(ws):
        query.babble = True
        return query
    readings: dict[str, list[Spelt] | str] = {}  # (each word the bank lacks read once)
    query.words = ws = function_words(ws, _opening(ws), vocab, known, readings)  # "agianst"

    # intent
    query.answer_type, frame = _answer_type(ws)
    query.clock = query.answer_type == "date" and any(ws[i] in _CLOCK_ASKED for i in frame)
    query.day = query.answer_type == "date" and any(ws[i] in _DAY_ASKED for i in frame)
    query.month = query.answer_type == "date" and any(ws[i] == "month" for i in frame)
    query.year = query.answer_type == "date" and any(
        a in ("what", "which") and b in ("year", "years") for a, b in pairwise(ws))
    query.size = query.answer_type == "number" and any(ws[i] in lexicon.SIZE_WORDS
                                                       for i in frame)
    counting_at = _answer_count(ws)
    frame |= counting_at
    query.listed = next((int(ws[k]) for k in counting_at if ws[k].isdigit()), 0)
    query.negated = bool(negations(ws))
    query.recency = any(w in lexicon.RECENCY_WORDS for w in ws)
    said = any(w in lexicon.SPEECH_VERBS for w in ws)
    # "what did X say / write", "X's quotes": their words; "who said X": a speaker
    # (read after any greeting or address it opens with: "hey everyone, what did X say";
    # those words are not its topic)
    opened = _opening(ws)
    opening = ws[opened:]
    frame.update(opened + k for p in lexicon.ABOUT_PHRASES if tuple(opening[:len(p)]) == p
                 for k in range(len(p)))  # ("what's the deal with": about what follows)
    asks_words = opening[:1] == ["what"] and opening[1:2] != [] and \
        opening[1] in lexicon.AUXILIARIES
    query.speech = (said and asks_words) or any(w in lexicon.SPEECH_NOUNS for w in ws)
    query.said_by = said and query.answer_type == "person"

    # spelling: each word the bank lacks read as its correction, its parts or the English
    # word it misspells (bot.engine.spelling)
    fixed: list[Spelt] = []  # (word, corrected, ordinary)
    at: list[int] = []  # where each of ``fixed`` is in ``ws``
    for pos, w in enumerate(ws):
        at.extend([pos - 1] * (len(fixed) - len(at)))  # (what the last word gave)
        if not is_content(w) or pos in frame or pos < opened:
            continue
        if w in lexicon.STANCE_WORDS and not (known(stem(w)) or w in vocab):
            continue  # "X's opinion on Y", a word the bank lacks: asks what X says of Y
        fixed.extend(spell(w, vocab, known, readings))
    at.extend([len(ws) - 1] * (len(fixed) - len(at)))
    fixed = fixed[:MAX_QUESTION_WORDS]
    query.at = at
    unknown_at = {
        i
        for i, (w, corrected, _) in enumerate(fixed)
        if not corrected and not w.isdigit() and w not in vocab and not known(stem(w))
    }

    # names, then the remaining words as items
    stems = [stem(w) for w, _, _ in fixed]
    matches = [m for m in names.match(stems, visible)  # (not "the real mark")
               if m.end - m.start > 1 or not common_noun(ws, at[m.start])]
    named: dict[int, int] = {}
    for n, m in enumerate(matches):
        for i in range(m.start, m.end):
            named[i] = n
    done: set[int] = set()
    # misspelt words of a name beside it ("max cran"): part of the name, not items
    absorbed = {j for m in matches for j in (m.start - 1, m.end)
                if j in unknown_at and _rest_of_name(fixed[j][0], m.people, names)}
    roles, spelt, unheld = spelt_out_roles(ws, fixed, at, names, visible)
    for i, (w, corrected, ordinary) in enumerate(fixed):
        if i in absorbed or i in spelt:
            continue
        if i in roles:  # "the ceo": one role spelt out, its holder described by its words
            held, group = roles[i]
            terms = (*(person_term(p) for p in held), *(stems[j] for j in group))
            query.items.append(Item(ws[at[i]], terms, held, True, corrected, ordinary, i))
            continue
        which = named.get(i)
        if which is not None:
            if which in done:
                continue
            done.add(which)
            m = matches[which]
            beside = [j for j in (m.start - 1, m.end) if j in unknown_at]
            if m.partial and not set(beside) <= absorbed:
                # part of a known name next to a word the bank lacks: "byron lovelace" is
                # someone else than the coverage's Lovelace ("lovelase ada" is her, misspelt)
                query.other_person = True
            surface = " ".join(fw for fw, _, _ in fixed[m.start : m.end])
            terms = (*(person_term(p) for p in m.people), *stems[m.start : m.end])
            query.items.append(Item(surface, terms, m.people, True, corrected, False, i))
            continue
        if w in lexicon.FRAME_WORDS or w in lexicon.RECENCY_WORDS or future(ws, at[i]):
            continue  # ("going to sell": "will sell")
        if not query.answer_type and not query.speech and (price_asked(ws, at[i], opened) or (
                w in lexicon.FIGURE_NOUNS and _asked_thing(ws, at[i], opened))):
            query.answer_type = "number"  # "what was the vote count", "what did it cost"
        if (w in lexicon.FIGURE_HEDGES and (
                query.answer_type in FIGURE_KINDS or _asked_thing(ws, at[i], opened))) or (
                query.answer_type == "span" and w in lexicon.SPAN_VERBS) or (
                query.answer_type == "place" and w in lexicon.PLACE_VERBS and i in unknown_at) or (
                w in lexicon.OUTCOME_VERBS and i in unknown_at):
            # "how many in total", "what was the final vote", "how long did it last": the
            # figure or the result asked for; "where is it based", the bank lacking "based";
            # "what did the council decide", "when did they announce it", the bank lacking the
            # verb (news says "voted to", "agreed Monday to")
            continue
        if (query.speech or query.said_by) and (
            w in lexicon.SPEECH_VERBS or w in lexicon.SPEECH_NOUNS
        ):
            continue
        if w in lexicon.SUMMARY_WORDS:
            continue  # "tldr", "summary", "gist": what the coverage is about, not a topic
        holders: tuple[str, ...] = ()
        definite = 0 if i in unheld else definite_reference(ws, at[i])
        if definite:
            modifier = next((fixed[j][0] for j in range(i) if at[j] == at[i] - 1),  # (spelt)
                            ws[at[i] - 1]) if definite == 2 else None
            holders = names.holders(w, visible, modifier)
            after = _complement(ws, at[i])
            if holders and after is not None:
                # "the inventor of the vacuum": one whose description says what of (but
                # "the general manager of Harborview Transit" may be the one described as
                # "general manager" alone: a description naming no body leaves it to the
                # article; "the mayor of Boston" is not the "mayor of Riverton")
                narrowed = names.holders(w, visible, after) if modifier is None else \
                    tuple(h for h in holders if h in names.holders(w, visible, after))
                body = ws[at[i] + 1] in ("of", "at", "for") and (after in caps or any(
                    not lexicon.is_ordinary(w) for w in ws[at[i] + 2:at[i] + 5])
                    or (raw.islower() and ws[at[i] + 2] == after))  # ("of castor falls")
                holders = narrowed or tuple(
                    h for h in holders
                    if (body and not any(c.isupper() for c in names.people[h].description))
                    or _scene(ws[at[i] + 1], after, caps))
        if not set(holders).isdisjoint(query.people):
            holders = ()  # "is Ada Quill the mayor": what she is, asked; not who
        if holders:  # "the mayor", "the consumer advocate": whoever the coverage says is one
            if definite == 2 and query.items and at[query.items[-1].pos] == at[i] - 1:
                query.items.pop()  # the modifier ("the Beacon spokeswoman"): part of who
            terms = (*(person_term(p) for p in holders), stems[i])
            query.items.append(Item(w, terms, holders, True, corrected, ordinary, i))
            continue
        # (a role's initials spelt out are all one name: "the ceo" is no "chief operating officer")
        specific = w.isdigit() or (w in caps and not ordinary) or i in unheld
        item = Item(w, (stems[i],), (), specific, corrected, ordinary, i)
        meant = () if specific else phrasal_terms(stems[i], ws[at[i] : at[i] + 2], known)
        if meant:  # "are fares going up": "rise", "climb"
            item.terms, item.related = (stems[i], *meant), True
        elif w in lexicon.MEASURE_VERBS and ws[:2] == ["how", "much"] and not known(stems[i]):
            # "how much did the steer weigh", the bank never saying "weighs": a weight given
            # ("the 1,340-pound steer")
            units = lexicon.MEASURE_UNITS[lexicon.MEASURE_VERBS[w]]
            item.terms = (stems[i], *sorted({stem(u) for u in units} - {stems[i]}))
        elif not specific and not known(stems[i]):
            # a word the bank lacks, by a related form it has ("pay" -> "payment")
            also = related_terms(w, known) + alike_terms(w, known) + kind_terms(w, known) \
                + doer_terms(w, known, asks_doer=at[i] == 1 and ws[0] == "who")
            if query.negated and known(unsaid := UN + stems[i]):
                also = (*also, unsaid)  # "without monitoring": "unmonitored"
            if also:
                item.terms, item.related = (stems[i], *also), True
        query.items.append(item)

    if query.speech and query.people:
        topic = topic_at(ws)
        if topic is not None:
            query.about = about_terms(query.items, at, topic, query.people[0])

    mark_focus(query, opening)  # the doer's verb: "why did X vote no", "why did the city fire X"

    who_is(query, opened)  # "who is X", "is X a Y", "who is the mayor"
    if query.answer_type in ("", "manner", "place", "date") and any(
            w in lexicon.SUMMARY_WORDS or w in lexicon.SUMMARY_NOUNS for w in ws) and (
            not query.items or query.answer_type in ("place", "date")
            or not lexicon.SUMMARY_ASKS.isdisjoint(ws)):
        # "tldr", "what happened", "what's the story"; "where did it happen", "when did the
        # spill happen", "tldr on the ferry": the lead (of the story with a spill, a ferry in
        # its title), where it says where or when (its dateline, its day)
        query.summary = True
    counting_end = phrase_end(ws, lexicon.COUNTING_PHRASES)  # (after "how many")
    query.counts = counting_end is not None
    query.counted = _counted(at, query.items, counting_end)
    query.money = query.answer_type == "number" and not query.counts and \
        money_asked(ws, query.items, frame)
    return query


def _asked_thing(ws: list[str], pos: int, opened: int) -> bool:
    """Whether the word at ``pos`` of ``ws`` opens or closes the thing the question asks for:
    "what was the final vote", "what was the vote count" (a hedge there says which value, not
    what about), not "when will it print its final edition"."""
    lead = [w for w in ws[opened:pos] if w not in lexicon.FIGURE_HEDGES
            and w not in ("is", "was", "were", "are")]
    return lead[:2] == ["what", "the"] and len(lead) <= 3


def _opening(ws: list[str]) -> int:
    """Where the question itself opens: after the greetings, chat and address words it may
    start with ("hey everyone", "ok so", "yo bot"), if anything follows them."""
    i = 0
    while i < len(ws) - 1 and ws[i] in lexicon.SOCIAL_WORDS:
        i += 1
    return i


def _counted(at: list[int], items: list[Item], after: int | None) -> frozenset[str]:
    """The terms of the thing the question counts ("how many nurses": nurses), if any: the
    first item after its counting phrase (``after``: where it ends; ``at``: where each item
    is among the question's words), with the plural nouns it modifies right after it ("how
    many night lights": night and lights; but "how many years passed": years)."""
    if after is None:
        return frozenset()
    places = [(at[it.pos], it) for it in items if not it.people and at[it.pos] >= after]
    if not places:
        return frozenset()
    head = places[0][0]
    for place, it in places:
        if place == head + 1 and it.surface.endswith("s") and not it.specific:
            head = place  # a plural noun right after ("night lights"; a verb would not be)
    # (all the items of its words: "artworks", read as "art" and "works")
    return frozenset(t for place, it in places if places[0][0] <= place <= head
                     for t in it.terms)
