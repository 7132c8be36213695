"""The words a question word stands for when the bank lacks it, by form or by meaning:
WordNet's related forms ("paying": "payment"), words sharing an opposite ("biggest":
"largest"), other names of a kind of person ("lawyer": "attorney") and what a phrasal verb
means ("going up": "rise"). Each function returns only the stems the bank knows
(``known``); :mod:`bot.engine.question` reads them into a question's items. And whether
such a word only says how or which, not what (an adverb made with "-ly", a word mostly an
adjective: :func:`says_how`), and the opposites of a question's words that a record may turn
it around by (:func:`question_opposites`, read by :mod:`bot.engine.sinks`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from bot.engine import lexicon
from bot.engine.ingest.data import wordmap
from bot.engine.normalize import is_content, stem
from bot.engine.unnamed import NAMING

if TYPE_CHECKING:
    from bot.engine.question import Item, Query

_INFLECTIONS = ("s", "ed", "ing")


@cache
def _related_stems() -> dict[str, frozenset[str]]:
    """Word -> the stems of the words related to it by form (:func:`lexicon.related`)."""
    return {word: frozenset(stem(o) for o in others) - {stem(word)}
            for word, others in lexicon.related().items()}


def related_terms(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The stems of words related by form to ``word`` ("paying": "payment") that the bank
    knows, sorted. The word is looked up as it is, then, when it has an inflection's ending,
    as its stem ("hacked": "hack"; "decided": "decide"); "officer" is not "office"."""
    table = _related_stems()
    found = table.get(word)
    if found is None and word.endswith(_INFLECTIONS):
        root = stem(word)
        found = table.get(root) or table.get(root + "e") or next(
            (table[b] for b in _bases(word) if b in table), None)
    return tuple(sorted(t for t in found or () if known(t)))


def _bases(word: str) -> list[str]:
    """The forms an inflected ``word`` may have come from, by its ending: "registered":
    "register"; "applied": "apply"; "stopped": "stop"; "hitting": "hit"; "taxes": "tax"
    (which :func:`~bot.engine.normalize.stem` cuts further: "regist")."""
    for end, adds in (("ied", ("y",)), ("ies", ("y",)), ("ed", ("", "e")), ("ing", ("", "e")),
                      ("es", ("",)), ("s", ("",))):
        if word.endswith(end) and len(word) > len(end) + 2:
            root = word[: -len(end)]
            out = [root + a for a in adds]
            if len(root) > 2 and root[-1] == root[-2] and end in ("ed", "ing"):
                out.append(root[:-1])  # (a doubled consonant: "stopped", "hitting")
            return out
    return []


def form_opposites(word: str, verb: bool = False) -> frozenset[str]:
    """The opposites general English gives ``word`` (:func:`lexicon.all_opposites`; as a
    verb, :func:`lexicon.verb_opposites`), or, when it has none, those of the word it is an
    inflection of ("rises": "rise": "fall"; but "news" is no form of "new": its stem differs)."""
    find = lexicon.verb_opposites if verb else lexicon.all_opposites
    found = find(word)
    if found:
        return found
    own = stem(word)
    bases = [*_bases(word), word[:-1]] if word.endswith("es") else _bases(word)  # ("rises")
    return next((o for b in bases if stem(b) == own and (o := find(b))), frozenset())


def kind_terms(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The stems the bank knows of the other names of the kind of person ``word`` (or its
    singular) is, in its first sense ("lawyer": "attorney"; "kids": "child"; WordNet's
    ``person_synonyms``), sorted."""
    table = wordmap("person_synonyms")
    others = table.get(word) or (table.get(word[:-1]) if word.endswith("s") else None) or ""
    return tuple(sorted({t for o in others.split() if (t := stem(o)) != stem(word) and known(t)}))


#: The endings of a noun for someone by what they do ("strikers", "rescuer", "evacuees",
#: "balloonist"), longest first, with what the doing may end in once cut; not "-or", whose
#: nouns are mostly titles named from more than a doing ("editor" is no "edition").
_DOER_ENDS = (("ists", ("",)), ("ist", ("",)), ("ees", ("", "e", "ate")), ("ee", ("", "e", "ate")),
              ("ers", ("", "e")), ("er", ("", "e")))


def doer_terms(word: str, known: Callable[[str], bool], asks_doer: bool = False
               ) -> tuple[str, ...]:
    """The stems the bank knows of what a kind of person ``word`` names them by doing
    ("strikers": "strike"; "rescuers": "rescue"; "evacuees": "evacuate"; "balloonists":
    "balloon"), sorted: a person noun the bank lacks, read by the
    thing it is made from (WordNet's related forms leave persons out, a "governor" being no
    act of governing, but a bank lacking "strikers" says what they do as "the strike"); and
    a doing whose doer a question asks (``asks_doer``: "who owns the pharmacy"), by the person
    who does it ("owns": "owner"; "founded": "founder"; not "what did she sing": "singer")."""
    from bot.engine.naming import kind_of_person  # (naming reads questions, which read this)

    if not kind_of_person(word):
        if not asks_doer:
            return ()
        # a verb: the person who does it ("owns": "owner"), when general English has one
        doers = {b + ("r" if b.endswith("e") else "er") for b in (word, *_bases(word))}
        return tuple(sorted({t for d in doers if kind_of_person(d) and (t := stem(d)) != stem(word)
                             and known(t)}))
    for end, adds in _DOER_ENDS:
        root = word[: -len(end)]
        if word.endswith(end) and len(root) >= 4:
            bases = [root + a for a in adds]
            if root[-1] == root[-2]:  # (a doubled consonant: "shoppers": "shop")
                bases.append(root[:-1])
            return tuple(sorted({t for b in bases if is_content(b) and lexicon.is_ordinary(b)
                                 and (t := stem(b)) != stem(word) and known(t)}))
    return ()


def alike_terms(word: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The stems the bank knows of the words sharing an opposite with ``word`` (a word with
    degrees: "biggest" and "largest" are both the opposite of "smallest"), sorted; not its own
    opposites ("past" and "future" are both the opposite of "present", and of each other)."""
    opposed = lexicon.graded_opposites(word)
    alike = {a for o in opposed for a in lexicon.graded_opposites(o)
             if a != word and a not in opposed and is_content(a) and lexicon.is_ordinary(a)}
    return tuple(sorted({t for a in alike if (t := stem(a)) != stem(word) and known(t)}))


#: The particles of the phrasal verbs read (``phrasal.txt``'s: "vote down", "shut off"), which
#: may stand apart from their verb ("vote the budget down", "throw out the ballots").
PARTICLES = frozenset({"down", "up", "off", "out", "away", "back"})


@cache
def phrasal_stems() -> dict[tuple[str, str], tuple[str, ...]]:
    """Each phrasal verb, its verb's stem and its particle, with the stems of the single
    words it means (:func:`~bot.engine.lexicon.phrasal`)."""
    return {(stem(verb), particle): tuple(dict.fromkeys(stem(w) for w in meant))
            for (verb, particle), meant in lexicon.phrasal().items()}


def phrasal_terms(term: str, ws: list[str], known: Callable[[str], bool]) -> tuple[str, ...]:
    """The stems the bank knows of what a phrasal verb means, when the verb (``term``, a
    stem; ``ws``: it as the question writes it, then the question's next word) is followed by
    a particle: "going up": "rise", "climb"; "turned down": "refus", "reject", "declin". And
    "called" ending a question ("what is the painting called") asks a name: the verbs of
    naming ("the mural, titled 'Oat Harvest'"); "called out" is no naming."""
    if ws[1:]:
        found = phrasal_stems().get((term, ws[1]), ())
    elif ws == ["called"]:
        found = _NAMING_STEMS
    else:
        return ()
    return tuple(t for t in found if t != term and known(t))


#: The stems of the verbs that give a thing its name.
_NAMING_STEMS = tuple(sorted({stem(w) for w in NAMING}))


def is_adverb(word: str) -> bool:
    """An ordinary adverb made of an ordinary word and "-ly" ("finally", "usually"; not
    "reply", "apply": no word of four letters or more before the "-ly"), as English spells
    it after "-le", "-y" and "-ic" ("probably", "easily", "basically")."""
    if not (word.endswith("ly") and len(word) > 5 and lexicon.is_ordinary(word)):
        return False
    bases = [word[:-2]]
    if word.endswith(("bly", "ply", "tly")):
        bases.append(word[:-1] + "e")  # probably, simply, gently
    if word.endswith("ily"):
        bases.append(word[:-3] + "y")  # easily
    if word.endswith("ically"):
        bases.append(word[:-4])  # basically
    return any(len(b) > 3 and lexicon.is_ordinary(b) for b in bases)


def says_how(query: Query, unknown: list[bool], n: int) -> bool:
    """Whether the question's item ``n``, a word the bank lacks, only says how, which or how
    much of what is asked: an adverb with "-ly" (:func:`is_adverb`) or a word mostly an
    adjective or adverb ("the next hearing", "the whole thing", "get inside":
    :func:`lexicon.modifiers`); not when the word right after it, which it would describe,
    is one the bank lacks too ("who won the super bowl"), nor when the question wrote another
    word, read as the modifier's misspelling ("did beyonce speak out": "beyond")."""
    item = query.items[n]
    if is_adverb(item.surface):
        return True
    if item.surface not in lexicon.modifiers() or item.corrected or (
            len(query.at) > item.pos and query.words[query.at[item.pos]] != item.surface):
        return False  # (a word read as a modifier's misspelling may be a name: "beyonce")
    return not (modified_next(query, n) and unknown[n + 1])


#: A verb this common in English (:func:`lexicon.rarity`: "show", "put", "kick", "figure")
#: before a particle makes a phrasal verb that news words otherwise.
COMMON_VERB_RARITY = 0.37
#: The particles of such phrasal verbs: :data:`PARTICLES`, and "in" and "on" ("kick in").
_PHRASAL_PARTICLES = PARTICLES | {"in", "on"}


def common_phrasal(query: Query, n: int) -> bool:
    """Whether the question's item ``n`` is a common verb before a particle ("when do the
    rules kick in", "how many people showed up", "how did they figure out which ship it
    was"): the news says it in other words ("take effect", "drew a crowd of", "was
    identified by"), so a bank lacking the verb is not about something else for it."""
    item = query.items[n]
    return _word_after(query, item) in _PHRASAL_PARTICLES and \
        lexicon.rarity(item.surface) <= COMMON_VERB_RARITY


def _word_after(query: Query, item: Item) -> str:
    """The question's word right after where ``item`` stands ("" when it ends the
    question)."""
    at = query.at
    after = query.words[at[item.pos] + 1 : at[item.pos] + 2] if item.pos < len(at) else []
    return after[0] if after else ""


#: A word right before one of these is an adverb of degree: "right now", "right away".
_DEGREED = frozenset({"now", "away", "here", "there", "then"})


def question_opposites(item: Item, query: Query) -> frozenset[str]:
    """The opposites of a word of the question, but those the question says too ("a
    simple or a complex answer?" asks about both), and a unit of time's when a time is
    asked for ("when was election day": "on election night, April 2" is no other claim)."""
    if item.people or (query.answer_type == "date" and item.surface in lexicon.TIME_UNITS):
        return frozenset()
    at = query.at
    if lexicon.rarity(item.surface) < lexicon.LIGHT_VERB_RARITY and \
            lexicon.opposites(item.surface) <= lexicon.verb_opposites(item.surface):
        return frozenset()  # a light verb's: "how long did the meeting go" ("came at the end")
    if _word_after(query, item) in _DEGREED:
        return frozenset()  # "right now", "right away": no side
    doing = item.pos < len(at) and any(
        it.people and it.pos < len(at) and at[it.pos] + len(it.surface.split()) == at[item.pos]
        for it in query.items)
    # (a word right after the person named is what they do: "where does Almonacid live" is
    # no adjective's "live", whose opposite is "recorded")
    said = form_opposites(item.surface, verb=doing)  # ("later": "earlier" and "early")
    return said - set(query.words)


def modified_next(query: Query, n: int) -> tuple[str, ...]:
    """The terms of the question's item after item ``n`` when item ``n`` stands right
    before it, a word modifying it ("new" of "the new bakery"); none otherwise."""
    items, at = query.items, query.at
    if n + 1 >= len(items) or len(at) < len(items):
        return ()
    item, after = items[n], items[n + 1]
    return after.terms if at[after.pos] == at[item.pos] + len(item.surface.split()) else ()


def opposite_terms(query: Query) -> set[str]:
    """The terms of the opposites of the question's words ("worst" for "best"), which
    :func:`~bot.engine.sinks.sinks` looks for in a record (``said``)."""
    return {stem(w) for it in query.items for w in question_opposites(it, query)}


def future(ws: list[str], at: int) -> bool:
    """Whether the "going" at ``at`` says only that something will happen, as "will" does:
    "is the guy going to sell his queens", "what's gonna happen" (read as "going happen");
    not "going to the fair" (a noun phrase after "to") nor "is the program still going"."""
    if ws[at] != "going" or at + 1 >= len(ws):
        return False
    if ws[at + 1] == "to":
        return at + 2 < len(ws) and ws[at + 2] not in lexicon.NOUN_PHRASE_OPENERS
    return is_content(ws[at + 1])  # ("gonna sell")


#: The prepositions that trade places when a verb is said by its opposite from the other
#: side: "buy from" and "sell to", "borrow from" and "lend to".
_CONVERSE = {"from": "to", "to": "from"}
#: The words after a verb its preposition stands within ("sells the same brand of feed to").
CONVERSE_REACH = 8


def converse(query: Query, n: int, ws: list[str], opposite: tuple[str, ...]) -> bool:
    """Whether the record's words ``ws`` say the question's verb ``n`` from the other side:
    its opposite (``opposite``, stems) with the other preposition after it ("how many
    families buy feed from Lindqvist": "his shop sells feed to about 60 families"), the same
    event, not its opposite."""
    at, item = query.at, query.items[n]
    if item.pos >= len(at):
        return False
    after = query.words[at[item.pos] + 1 : at[item.pos] + 1 + CONVERSE_REACH]
    turned = {_CONVERSE[w] for w in after if w in _CONVERSE}
    return bool(turned) and any(stem(w) in opposite
                                and not turned.isdisjoint(ws[i + 1 : i + 1 + CONVERSE_REACH])
                                for i, w in enumerate(ws))
