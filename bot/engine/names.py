"""People and the names readers use for them.

A :class:`NameTable` maps name keys (the terms of a name, stopwords dropped: "Alfred the
Great" -> ``("alfr", "great")``) to person ids:

* every full name and alias,
* each word of a person's main name when it has several ("Ada Lovelace" -> "ada",
  "lovelace"; a word shared by several people, like "john", names them all),

and gives the words of every name and of the first clause of the description ("rapper",
"mayor") to the vocabulary the question's spelling is corrected against.

:meth:`NameTable.match` finds the longest name keys in a question's word sequence (already
typo-corrected against the vocabulary, which holds every name word).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.engine.ingest.data import wordmap
from bot.engine.ingest.lexicon import BECOMING, role_noun
from bot.engine.lexicon import FRAME_WORDS, STOPWORDS, is_ordinary
from bot.engine.normalize import stem as term
from bot.engine.normalize import words
from bot.engine.packed import PackedMap
from bot.engine.records import initialisms
from bot.models import Person

#: Credit of a name match: a full name or alias, one word of a multi-word name.
FULL_CREDIT = 1.0
PART_CREDIT = 0.9
#: A name shared by more people than this names no one in particular.
MAX_NAMESAKES = 8
#: A role ("the mayor") more people than this have is no one in particular either.
MAX_ROLE_HOLDERS = 3
_MAX_KEY = 5


#: Words that open a noun phrase, which a name does not take ("the real mark", "a will").
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "each", "every",
                          "another", "its", "their", "our", "my", "your"})


def common_noun(ws: list[str], at: int) -> bool:
    """Whether ``ws[at]``, one word of someone's name, is the ordinary English word here:
    a determiner stands before it, with at most one word between ("see the real mark"),
    as none does before a name."""
    return is_ordinary(ws[at]) and not _DETERMINERS.isdisjoint(ws[max(0, at - 2):at])


def name_words(name: str) -> list[str]:
    """The surface words of a name that identify it (stopwords dropped, initials kept)."""
    return [w for w in words(name) if w not in STOPWORDS]


def name_key(name: str) -> tuple[str, ...]:
    return tuple(term(w) for w in name_words(name))


def role_words(description: str) -> list[str]:
    """Content words of the description's first clause (frame words excepted)."""
    first = re.split(r"[(;,]", description, maxsplit=1)[0]
    out = []
    for w in words(first):
        if w in STOPWORDS or len(w) < 3 or w.isdigit() or w in FRAME_WORDS:
            continue
        out.append(w)
    return out


#: The endings of a role named for who holds it ("councilman", "spokeswoman"): the first
#: three the same role's ("chairwoman" is a chairman's), the longer read first.
_GENDERED = ("woman", "person", "man", "women", "people", "men")


def _worked(agent: str) -> tuple[str, ...]:
    """The words a description may say an agent noun's work with ("baker": "bakery", "bakes",
    "baked"; "farmer": "farm", "farms", "farmed"): its place ("-ery") and its verb's forms."""
    verbs = (agent[:-1], agent[:-2])  # ("bake", "write"; "farm", "teach")
    return (agent + "y", *(v + end for v in verbs for end in ("", "s", "es", "d", "ed", "ing")))


def role_heads(description: str) -> list[str]:
    """The head nouns of a description's first phrase: the last word of each of its
    conjuncts, up to the first function word that is not "and" / "or" ("reality TV star and
    businesswoman": star, businesswoman; "mayor of Riverton": mayor; "a fire ecologist at
    Upper Basin University": ecologist). What "the mayor" or "the ecologist" refers to."""
    first = re.split(r"[(;,:]", description, maxsplit=1)[0]
    heads: list[str] = []
    phrase: list[str] = []
    ws = words(first)
    if ws[:1] in (["who"], ["whose"]):
        ws = []  # "who runs Ferreira Bakery": what they do, no role ("the bakery" is no one)
    skipping = False  # past the first phrase's head, in what follows it ("at Upper Basin")
    for i, w in enumerate(ws):
        if w in ("and", "or", "&"):
            heads.extend(phrase[-1:])
            phrase = []
            # another role after what follows the first: "professor at X and the study's
            # lead author" (a determiner opens it; "mayor of Riverton and Springfield" not)
            skipping = skipping and ws[i + 1 : i + 2] not in (["the"], ["a"], ["an"])
        elif skipping:
            continue
        elif w in STOPWORDS or w == "whose":  # ("member whose ward includes downtown")
            if phrase:
                heads.extend(phrase[-1:])
                phrase = []
                skipping = True
        elif not w.isdigit() and len(w) >= 3 and w not in FRAME_WORDS:
            phrase.append(w)
    heads.extend(phrase[-1:])
    for part in description.split(",")[1:]:  # "..., the column's author": a role added
        m = _ADDED_ROLE.fullmatch(part.strip())
        if m is not None and role_noun(m.group(1)):
            heads.append(m.group(1))
    for m in _BECAME.finditer(description):  # "salesman who has been mayor since 2016"
        run = itertools.takewhile(lambda w: w not in STOPWORDS, words(m.group(1)))
        heads.extend([w for w in run if role_noun(w)][-1:])
    return list(dict.fromkeys(heads))


#: A role set after a comma in a description: "the column's author", "a former nurse".
_ADDED_ROLE = re.compile(r"(?:the|a|an)\s+(?:[\w’'\-]+\s+){0,2}([a-z]+)")
#: What a description's relative clause says someone is or has become: its words after.
_BECAME = re.compile(r"\bwho\s+" + BECOMING)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """People named by the question words ``start:end``."""

    start: int
    end: int
    people: tuple[str, ...]
    credit: float
    #: the most distinctive term of the name, matched against texts that mention it
    text_term: str
    #: only part of the person's main name was given ("Lovelace" for Ada Lovelace)
    partial: bool = False


# A name key's people: one id, or a list of ids when several people share it (no set per
# key: most names belong to one person, and a set costs ten times a reference).
_Ids = str | list[str]


def _ids(value: _Ids | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _file(table: PackedMap[_Ids], key: str, person_id: str) -> None:
    cur = table.get(key)
    if cur is None:
        table[key] = person_id
    elif isinstance(cur, str):
        if cur != person_id:
            table[key] = [cur, person_id]
    elif person_id not in cur:
        table[key] = [*cur, person_id]  # (a new list: a packed value is never changed in place)


def _unfile(table: PackedMap[_Ids], key: str, person_id: str) -> None:
    cur = table.get(key)
    if cur == person_id:
        del table[key]
    elif isinstance(cur, list) and person_id in cur:
        rest = [p for p in cur if p != person_id]
        table[key] = rest[0] if len(rest) == 1 else rest


def _joined(key: tuple[str, ...] | list[str]) -> str:
    """A name key as the text the table files it under (terms never hold a space)."""
    return " ".join(key)


class NameTable:
    """People, and name keys to their ids. The three tables are packed (a snapshot reads
    them back as a few buffers, :mod:`bot.engine.packed`): at 1,000,000 records (90,000
    people) unpickling them as dicts was 0.4 s of every start."""

    def __init__(self) -> None:
        self.people: PackedMap[Person] = PackedMap()
        self._full: PackedMap[_Ids] = PackedMap()
        self._parts: PackedMap[_Ids] = PackedMap()
        #: each head noun of a description (:func:`role_heads`), as written -> its people
        self._roles: PackedMap[_Ids] = PackedMap()
        #: each word of a description's first clause (:func:`role_words`) -> its people
        self._described: PackedMap[_Ids] = PackedMap()

    def __len__(self) -> int:
        return len(self.people)

    # ------------------------------------------------------------------ upkeep

    @staticmethod
    def _entries(person: Person) -> tuple[list[tuple[str, ...]], list[str]]:
        full = [k for k in (name_key(n) for n in person.names) if k]
        main = name_key(person.name)
        parts = [t for t in main if len(t) >= 3] if len(main) > 1 else []
        return full, parts

    def surface_words(self, person: Person) -> list[str]:
        """Words of the person's names and role words, for the vocabulary (with repeats
        removed, so that the vocabulary's counts stay balanced on removal)."""
        seen: dict[str, None] = {}
        for n in person.names:
            for w in name_words(n):
                seen[w] = None
        for w in role_words(person.description):
            seen[w] = None
        return list(seen)

    def add(self, person: Person) -> None:
        if person.id in self.people:
            self.remove(person.id)
        self.people[person.id] = person
        full, parts = self._entries(person)
        for key in full:
            _file(self._full, _joined(key), person.id)
        for t in parts:
            _file(self._parts, t, person.id)
        for w in role_heads(person.description):
            _file(self._roles, w, person.id)
        for w in dict.fromkeys(role_words(person.description)):
            _file(self._described, w, person.id)

    def remove(self, person_id: str) -> Person | None:
        person = self.people.pop(person_id, None)
        if person is None:
            return None
        full, parts = self._entries(person)
        for key in full:
            _unfile(self._full, _joined(key), person_id)
        for t in parts:
            _unfile(self._parts, t, person_id)
        for w in role_heads(person.description):
            _unfile(self._roles, w, person_id)
        for w in dict.fromkeys(role_words(person.description)):
            _unfile(self._described, w, person_id)
        return person

    # ------------------------------------------------------------------ lookup

    def match(self, terms: list[str], visible: Callable[[Person], bool]) -> list[NameMatch]:
        """Names in a term sequence, longest first, left to right, without overlaps."""
        out: list[NameMatch] = []
        i, n = 0, len(terms)
        while i < n:
            found: NameMatch | None = None
            for size in range(min(_MAX_KEY, n - i), 0, -1):
                key = terms[i : i + size]
                ids = _ids(self._full.get(_joined(key)))
                credit = FULL_CREDIT
                if not ids and size == 1:
                    ids = _ids(self._parts.get(key[0]))
                    credit = PART_CREDIT
                if not ids or len(ids) > MAX_NAMESAKES * 4:
                    continue
                people = tuple(sorted(p for p in ids if visible(self.people[p])))
                if 0 < len(people) <= MAX_NAMESAKES:
                    partial = all(len(name_key(self.people[p].name)) > size for p in people)
                    found = NameMatch(i, i + size, people, credit, max(key, key=len), partial)
                    break
            if found is None:
                i += 1
            else:
                out.append(found)
                i = found.end
        return out

    def holders(self, role: str, visible: Callable[[Person], bool],
                modifier: str | None = None) -> tuple[str, ...]:
        """The people ``visible`` sees whose description has the role ``role`` ("the
        mayor"; as written: "the nurses" are not one nurse), and the word ``modifier`` too
        when given ("the Beacon spokeswoman": "a spokeswoman for Beacon Health Partners"),
        when there are at most :data:`MAX_ROLE_HOLDERS` of them."""
        found = _ids(self._roles.get(role))
        if not found:  # "the doctor": one described as a physician (WordNet's synonyms)
            found = tuple(p for other in wordmap("person_synonyms").get(role, "").split()
                          for p in _ids(self._roles.get(other)))
        if not found and role.endswith("er") and len(role) >= 5 and role_noun(role):
            # "the baker": one "who owns a bakery"; "the farmer": one who "farms 600 acres"
            found = tuple(p for w in _worked(role) for p in _ids(self._described.get(w)))
        base = next((role[: -len(e)] for e in _GENDERED if role.endswith(e)), "")
        if not found and len(base) >= 4 and modifier is None:
            # "the councilman": a councilwoman, a council member ("the City Council member")
            found = tuple(p for e in _GENDERED[:3] for p in _ids(self._roles.get(base + e)))
            return self._filtered(found, visible, None) or self.holders("member", visible, base)
        return self._filtered(found, visible, modifier)

    def _filtered(self, found: tuple[str, ...], visible: Callable[[Person], bool],
                  modifier: str | None) -> tuple[str, ...]:
        """Of ``found``, those ``visible`` sees, described with ``modifier`` too when given,
        when there are at most :data:`MAX_ROLE_HOLDERS` of them."""
        people = tuple(sorted(
            p for p in set(found)
            if visible(person := self.people[p])
            and (modifier is None or modifier in words(person.description)
                 or modifier in initialisms(person.description))  # ("the DEP spokeswoman")
        ))
        return people if len(people) <= MAX_ROLE_HOLDERS else ()

    def phrase_holders(self, role: list[str], visible: Callable[[Person], bool]
                       ) -> tuple[str, ...]:
        """The holders (:meth:`holders`) of a role of several words ("chief executive
        officer"): the people whose description has all its words, else all but the last
        ("chief executive"), and so on."""
        for k in range(len(role), 0, -1):
            found = tuple(h for h in self.holders(role[k - 1], visible)
                          if set(role[: k - 1]) <= set(words(self.people[h].description)))
            if found:
                return found
        return ()

    def describes(self, word: str, visible: Callable[[Person], bool]) -> bool:
        """Whether the description of someone ``visible`` sees has ``word`` ("model")."""
        return any(visible(self.people[p]) for p in _ids(self._described.get(word)))

    def mentioned(self, text: str) -> set[str]:
        """Ids of the people a text may mention: any of their names or aliases in it, or a
        word (of three letters or more) of their main name."""
        terms = list(name_key(text))
        out: set[str] = set()
        for i, t in enumerate(terms):
            out.update(_ids(self._parts.get(t)))
            for size in range(1, min(_MAX_KEY, len(terms) - i) + 1):
                out.update(_ids(self._full.get(_joined(terms[i : i + size]))))
        return out

    def all(self, visible: Callable[[Person], bool]) -> Iterable[Person]:
        return (p for p in self.people.values() if visible(p))
