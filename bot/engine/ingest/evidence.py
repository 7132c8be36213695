"""Is a capitalised run of words a person's name? The evidence ingest asks for first.

A new person is created only on evidence, judged from the prose and from general English,
never from lists of names:

* what the run does or is called: the subject of a speech verb or a verb only people do
  ("X said", "X was born", "X argued"), "X, who ...", "X, a British engineer", a title or a
  role in front ("Dr. X", "the physicist X", "Secretary of Defense X"), life dates after it
  ("X (1736–1819)"), "X's wife", a middle initial ("George W. Bush");
* what it is not: a run holding a noun that heads names of places, bodies, laws and events
  ("Sinai Peninsula", "Harvard University", "Clean Air Act"), a word the article also uses in
  lower case (an ordinary word: "Motion", "Frame Relay"), a lone letter or symbol ("F"), a
  number right after it ("Workers Local 2214").

The word lists are general English and live in ``data/*.json``, each naming its source;
pyspellchecker's English word frequencies tell ordinary words from names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from bot.engine import lexicon
from bot.engine.ingest.data import listed, wordlist
from bot.engine.ingest.lexicon import _AGENT_ENDINGS, _APPOSITIVE, role_noun

#: Evidence that a run is a person whatever it looks like: it speaks, or is titled.
STRONG = frozenset({"speech", "verb", "title", "who"})
#: A lone word this frequent in English (pyspellchecker's counts) is an ordinary word.
ORDINARY_FREQUENCY = 1000


def _frequencies() -> Mapping[str, int]:
    return lexicon.english()  # the one general-English word list (pyspellchecker's)


def english_frequency(word: str) -> int:
    """How often ``word`` (any case) occurs in pyspellchecker's English corpus; 0 if never."""
    return _frequencies().get(word.lower(), 0)


@cache
def _verb_after() -> re.Pattern[str]:
    verbs = wordlist("human_verbs")
    alt = "|".join(sorted(verbs, key=len, reverse=True))
    return re.compile(
        rf"{_APPOSITIVE}\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?"
        rf"(?:(?:was|is|had|has|have|were)\s+(?:\w+ly\s+)?)?(?:{alt})\b"
    )


@cache
def _role_after() -> re.Pattern[str]:
    roles = "|".join(sorted(wordlist("roles"), key=len, reverse=True))
    return re.compile(
        rf"^\s*,\s+(?:\d{{1,3}},\s+)?"  # (an age: "Jane Roe, 34, a nurse")
        # ("an" and a plural is no phrase of its own: "Argentina, an event astronomers call")
        rf"(?:who\b|(?:a|an)\s+(?:[\w’'\-]+\s+){{0,4}}?(?:{roles})\b"
        rf"|(?:the|then|later|its|his|her)\s+(?:[\w’'\-]+\s+){{0,4}}?(?:{roles})s?\b)"
    )


@cache
def _title_of_before() -> re.Pattern[str]:
    """'Secretary of Defense ' / 'Minister of Housing and Urban Development ' before a run."""
    # (a role that is no title in capitals only: "Owner of ..." but not "the former owner of
    # Summit Shield Roofing", which names a firm, not "Shield Roofing")
    titles = "|".join(sorted(wordlist("titles"), key=len, reverse=True))
    roles = "|".join(sorted((r.title() for r in wordlist("roles") - wordlist("titles")),
                            key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?i:{titles})|{roles})s?\s+(?:of|for)\s+(?:the\s+)?"
        rf"(?:[A-Z][\w’'\-]*\s+(?:(?:and|of|for|&)\s+)?)*$"
    )


#: A number right after a run: it is numbered, as a body, a road or a ward is, never a person.
_NUMBER_AFTER = re.compile(r"^ \d")
_DATES_AFTER = re.compile(
    r"^\s*\((?:c\.\s*|ca\.\s*)?\d{3,4}\s*[–—-]\s*(?:c\.\s*)?\d{2,4}\s*\)"
    r"|^\s*\((?:born|died|b\.|d\.)\s"
)
#: "in Egypt", "at Harvard Yard": a name after these is a place's.
_PLACE_BEFORE = re.compile(
    r"\b(?i:in|at|into|within|throughout|across|near|outside)\s+(?:the\s+)?$")
#: "in Alder Springs, Colorado,": a word after a place and a comma names where the place is.
_PLACE_COMMA = re.compile(r"\b(?i:in|at|near|outside|from)\s+(?:[A-Z][\w’'\-]*\s+){0,3}"
                          r"[A-Z][\w’'\-]*,\s+$")
#: An honorific right before a run: only a person takes one ("Dr. Lena Park", "Mr. Tom Hall").
_HONORIFIC = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+$")
#: An age in apposition, then "of": the run is where the one aged is from ("Delphine Aucoin,
#: 29, of Wrenfield, who finished second": Wrenfield is no one who finished).
_HOMETOWN = re.compile(r",\s+\d{1,3},\s+of\s+$")
#: "the" right before a run: a person's name seldom follows it ("the Copper Kettle").
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
#: "calling itself NightLedger": a group's or a thing's name for itself, no person's.
_ITSELF_BEFORE = re.compile(r"\b(?:itself|themselves)\s+$")
#: A name and "of" before a run: what follows says where the name is from or with ("Keisha
#: Morrow of Columbus", "Dana Whitlow of Brightnest").
_NAME_OF = re.compile(r"\b[A-Z][\w’'\-]*\s+of\s+$")
#: A capitalised word and "of" before a run: the head of a body's name ("Department",
#: "Museum"), when an ordinary noun and no title ("Secretary of State John Kerry"), perhaps
#: with the names it lists before the run ("Department of Agriculture, Trade and Consumer
#: Protection").
_BODY_OF = re.compile(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?"
                      r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:,\s+and\s+|,\s+|\s+and\s+))*$")
#: A preposition that takes a place as often as a person ("residents of X", "from X", "on X").
_OF_BEFORE = re.compile(r"\b(?:of|from|to|toward|towards|on)\s+$")
_KIN_AFTER = re.compile(
    r"^(?:’s|'s)\s+(?:wife|husband|son|daughter|father|mother|brother|sister|widow|death|"
    r"birth|childhood|parents|family|grandson|granddaughter|successor|nephew|niece)\b"
)
_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old\s+$")
#: An age in apposition, news style: "Grace Obi, 29, crossed the line".
_AGE_AFTER = re.compile(r"^\s*,\s+\d{1,3},\s")
#: '"...," said X': a verb of saying after a quote, or opening the sentence once the quote
#: is blanked (ingest reads names in prose whose quotes are blanked out: '      said X').
_SPEECH_BEFORE = re.compile(r"(?:[”\"]\s*,?\s*|^\s*)(?:said|says|wrote|writes|asked|added)\s+$")
#: A lower-case word right before a name ("runner Grace Obi", "said developer Gideon
#: Marchetti").
_WORD_BEFORE = re.compile(r"(?<![\w’'\-])([a-z]+)\s+$")


#: A phrase in apposition after a run, up to its end: "Jalen Osterhout, the conference's
#: second-leading scorer, had": group 1 its words after the article.
_PHRASE_AFTER = re.compile(r"^\s*,\s+(?:a|an|the)\s+((?:[\w’'\-]+\s+){0,4}[\w’'\-]+)\s*[,.]")


def _agent_after(after: str) -> bool:
    """A phrase in apposition right after the run whose last word is an agent noun of a
    person ("the conference's second-leading scorer", "a retired mail carrier"; not "the
    first order of business")."""
    m = _PHRASE_AFTER.match(after)
    if m is None:
        return False
    head = m.group(1).split()[-1]
    return head.endswith(_AGENT_ENDINGS) and role_noun(head)


def _kind_after(after: str) -> bool:
    """A lower-case person noun right after the run: the run modifies it ("a 34-year-old
    Springfield man": the man is 34, not Springfield)."""
    m = re.match(r"\s+([a-z]+)\b", after)
    return m is not None and role_noun(m.group(1))


def _lower_role_before(before: str) -> bool:
    """A lower-case agent noun of a person right before the name ("runner", "developer",
    "cellist"; "actors" opening a list): what the person is, as news style writes it (not
    "modern", "liberal": person nouns that are adjectives as often)."""
    m = _WORD_BEFORE.search(before)
    if m is None:
        return False
    word = m.group(1)
    return word.removesuffix("s").endswith(_AGENT_ENDINGS) and role_noun(word)
_PRONOUN_OPENS = re.compile(r"^\W*(?:he|she|his|her)\b", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.$")


@dataclass(slots=True)
class Candidate:
    """A possible new person: a name as written and the evidence gathered over the article."""

    name: str
    evidence: set[str] = field(default_factory=set)
    #: Evidence from the surname alone ("Newton argued"), for the full name.
    backed: set[str] = field(default_factory=set)
    descriptors: set[str] = field(default_factory=set)


def occurrence_evidence(
    text: str, start: int, end: int, *, titled: bool, first: bool, next_sentence: str
) -> set[str]:
    """Evidence that the run at ``text[start:end]`` names a person, from its surroundings."""
    found: set[str] = set()
    before, after = text[:start], text[end:]
    if titled:
        found.add("title")
    if _verb_after().match(after) and not _NAME_OF.search(before):
        # ("Keisha Morrow of Columbus said": the verb is hers, Columbus is where she is from)
        found.add("verb")
    if _SPEECH_BEFORE.search(before):
        found.add("speech")
    name = text[start:end]
    aged_before = _AGE_BEFORE.search(before) is not None and not _kind_after(after)
    if _role_after().match(after) or aged_before or _AGE_AFTER.match(after) \
            or (" " in name and _agent_after(after)) \
            or (" " in name and name.replace(" ", "").isalpha() and _lower_role_before(before)):
        # "Jane Roe, 34, a nurse", "9-year-old Elsie Warrington", "Grace Obi, 29, crossed",
        # "said developer Gideon Marchetti"
        found.add("who")
    if _HONORIFIC.search(before):
        found.add("honorific")
    if _NUMBER_AFTER.match(after):
        found.add("numbered")  # ("Workers Local 2214", "Ward 3": a body's or a place's)
    if _DATES_AFTER.match(after):
        found.add("dates")
    if (_PLACE_BEFORE.search(before) and not after.startswith(("’s", "'s"))) or (
            _PLACE_COMMA.search(before) and " " not in text[start:end] and after[:1] in ",.") \
            or _HOMETOWN.search(before):
        found.add("place")
    body = _BODY_OF.search(before)
    if body and (head := body.group(1).lower()) not in lexicon.STOPWORDS and \
            english_frequency(head) >= ORDINARY_FREQUENCY and not role_noun(head):
        found.add("body")  # ("the Department of Marine Resources": the department's name)
    if _OF_BEFORE.search(before):
        found.add("of")  # (no evidence either way, but of a place named like one: below)
    if _THE_BEFORE.search(before):
        found.add("the")  # ("The Copper Kettle": a place's or a thing's name, as a rule)
    if _ITSELF_BEFORE.search(before):
        found.add("itself")
    if _KIN_AFTER.match(after):
        found.add("kin")
    if first and _PRONOUN_OPENS.match(next_sentence):
        found.add("pronoun")
    tokens = text[start:end].split()
    if len(tokens) >= 2 and any(_INITIAL.match(t) for t in tokens[:-1]):
        found.add("initials")
    return found


#: A word this frequent in English (any case) may be a given name ("john", "alan"); a more
#: frequent one is an ordinary word ("golden", "red", "air").
GIVEN_NAME_FREQUENCY = (100, 20000)
_ADJECTIVE_END = re.compile(r"(?:ive|ous|al|ic|ary|ory|ical|ese)$")


def given_name_like(name: str, lower_words: frozenset[str], before_lower: frozenset[str]) -> bool:
    """A run of two or three words whose first looks like a given name.

    The first word is known to general English (pyspellchecker), the article never uses it
    in lower case (not an ordinary word: "Frame Relay") and never puts it straight before a
    lower-case word (not an adjective or a demonym: "Chinese people", "Harvard is").
    """
    tokens = name.split()
    if not 2 <= len(tokens) <= 3:
        return False
    first = tokens[0]
    return (
        len(first) > 2
        and not first.isupper()
        and first.lower() not in lower_words
        and first not in before_lower
        and not (len(first) >= 6 and _ADJECTIVE_END.search(first.lower()))
        and GIVEN_NAME_FREQUENCY[0] <= english_frequency(first) <= GIVEN_NAME_FREQUENCY[1]
    )


def shape_rejects(name: str) -> str | None:
    """Why ``name`` cannot be a person's name whatever the evidence, or None."""
    tokens = [t.rstrip(".") for t in name.replace(",", " ").split()]
    if not tokens:
        return "empty"
    if len(tokens) == 1:
        word = tokens[0]
        if len(word) < 2 or word.isupper() or any(ch.isdigit() for ch in word):
            return "a letter, symbol or acronym"
    if any(t.endswith(("’s", "'s")) for t in tokens[:-1]):
        return "a possessive inside it: two names"
    heads = wordlist("name_heads")
    for token in tokens:
        bare = token.lower()
        for suffix in ("’s", "'s"):
            bare = bare.removesuffix(suffix)
        if bare in heads or bare.endswith("ism"):
            return f"'{token}' heads a place, body or thing"
    return None


def place_noun(word: str) -> bool:
    """Whether ``word`` (or its singular) is a noun whose usual sense is a place, a landform, a
    body of water or a building (WordNet's, in ``place_nouns``): "Meadow", "Flats", "Creek"."""
    return listed(word.strip(".,").lower(), wordlist("place_nouns"))


def ordinary_words(name: str, lower_words: frozenset[str]) -> list[str]:
    """Words of ``name`` that are ordinary words (the article uses them in lower case)."""
    out = []
    for token in name.split():
        bare = token.strip(".,").lower()
        if len(bare) > 1 and not _INITIAL.match(token) and bare in lower_words:
            out.append(token)
    return out


#: A name of two or three capitalised words (one may be an initial: "Mary J. Blige").
_FULL_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]*){1,2}"
#: A list of such names: "Len Abernathy, Grace Tolliver and Victor Ansah".
_NAME_LIST = re.compile(rf"\b{_FULL_NAME}(?:,\s+{_FULL_NAME})*,?\s+(?:and|or)\s+{_FULL_NAME}\b")
_LIST_SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def listed_with(people: set[str], sentences: Iterable[str]) -> set[str]:
    """The names listed with a person's ("Len Abernathy, Grace Tolliver and Victor Ansah",
    the first and last people by evidence of their own): a list of names is of one kind, so
    its other names are people's too (evidence ``listed``, which :func:`accept` weighs as
    any other: a shape of a firm's or a place's name still rejects it)."""
    out: set[str] = set()
    for sentence in sentences:
        for m in _NAME_LIST.finditer(sentence):
            names = _LIST_SEPARATOR.split(m.group(0))
            if any(n in people for n in names):
                out.update(n for n in names if n not in people)
    return out


def mark_listed(candidates: Mapping[str, Candidate], known: set[str], sentences: list[str],
                lower_words: frozenset[str]) -> None:
    """Give ``listed`` evidence to the candidates listed with a person, known (``known``)
    or by their own evidence ("Len Abernathy, Grace Tolliver and Victor Ansah voted no")."""
    people = known | {c.name for c in candidates.values() if accept(c, lower_words)}
    for name in listed_with(people, sentences):
        if name in candidates:
            candidates[name].evidence.add("listed")


#: A word written with a capital right after a possessive (a shop's or a place's name).
_NAMED_AFTER = re.compile(r" ([A-Z][a-z]+)\b")


def _capital_after(text: str, end: int, name: str) -> str | None:
    """The word written with a capital right after a one-word name ending at ``end`` (none
    after a full name: "Ada Roe's Flowers" and "Ray Kettering" are theirs)."""
    after = _NAMED_AFTER.match(text, end) if " " not in name else None
    return None if after is None else after[1]


def shop_named(text: str, end: int, name: str) -> bool:
    """A one-word name's possessive ending at ``end`` opens the name of a shop or a place
    ("Rusk's Flowers", "Ferreira's Bakery"): an ordinary word written with a capital after
    it."""
    after = _capital_after(text, end, name)
    return after is not None and english_frequency(after) >= ORDINARY_FREQUENCY


#: The words written with a capital right after a full name (up to three).
_RUN_AFTER = re.compile(r"(?: [A-Z][a-z]+){1,3}\b")


def heads_a_name(text: str, end: int, name: str) -> bool:
    """A one-word name ending at ``end`` opens the name of a place or a body ("Kettering
    County", "Ostby Hall"): a word heading such names (``name_heads``) written right after
    it; a full name, a run of words with capitals after it ending on one ("the Harriet Cole
    Memorial Library", "Ada Roe Park": a thing named for them; but "Ada Roe Tuesday" is
    hers)."""
    heads = wordlist("name_heads")
    if " " in name:
        run = _RUN_AFTER.match(text, end)
        last = run[0].split()[-1].lower() if run else ""
        return last in heads and last not in lexicon.DATE_WORDS
    after = _capital_after(text, end, name)
    return after is not None and after.lower() in heads


def accept(candidate: Candidate, lower_words: frozenset[str]) -> bool:
    """Whether the evidence for ``candidate`` makes it a person."""
    evidence = candidate.evidence | candidate.backed
    if not evidence - {"place", "of", "the"} or \
            evidence & {"place", "itself", "numbered", "body"}:
        return False
    tokens = candidate.name.split()
    strong = bool(candidate.evidence & STRONG)
    if shape_rejects(candidate.name) and not (  # (but "Dr. Lena Park": a surname a place
            "honorific" in candidate.evidence and len(tokens) == 2  # ends on, said with an
            and shape_rejects(tokens[0]) is None):  # honorific no body takes)
        return False
    if len(tokens) == 1:
        word = tokens[0].strip(".,")
        common = word.lower() in lower_words or english_frequency(word) >= ORDINARY_FREQUENCY
        adverb = word.lower().endswith("ly") and english_frequency(word) > 0
        # "Forecasters said": a group, as a plural person noun is
        group = word.lower().endswith(("ists", "ites", "ians")) or (
            word.endswith("s") and role_noun(word.lower()))
        adverb_or_group = adverb or group
        return strong and not common and not adverb_or_group
    if tokens[-1].lower() in wordlist("titles") | wordlist("roles"):
        return False  # "Korean King": a title, not a name
    if not strong and "of" in evidence and place_noun(tokens[-1]):
        return False  # "the communities of Elk Meadow", "a lookout on Barlow Butte": places
    if not strong and "the" in evidence:
        return False  # "at The Copper Kettle, a downtown restaurant": no one's name
    last = tokens[-1].lower()
    if not strong and len(tokens) > 2 and last.endswith("s") and not last.endswith("ss") \
            and role_noun(last[:-1]):
        return False  # "Midwest Retail Advisors": a firm (but "Gram Parsons")
    if ordinary_words(candidate.name, lower_words):
        return strong  # its own strong evidence, not its surname's
    return True
