"""What an article says a person is, read beside a mention of their name: a phrase in
apposition after it ("Landry, 44, a school bus driver") or a title before it ("said board
chair Jane Roe", "Minnesota Attorney General Rachel Lindgren", "Gov. Jane Roe")."""

from __future__ import annotations

import re

from bot.engine.ingest.data import wordlist
from bot.engine.ingest.lexicon import (
    _DESCRIPTORS,
    _SPEECH_ALT,
    _WORD_RE,
    BECOMING,
    abbreviated_title,
    role_noun,
    without_honorific,
)
from bot.engine.lexicon import STOPWORDS

#: The phrase in apposition (after an age): "X, director of Z," / "X, 34, a nurse" / "X — a nurse".
_APPOSITION = re.compile(
    r"^(?:,\s+|\s*—\s*|\s+–\s+)(?:\d{1,3},\s+)?(?:(?:a|an|the)\s+)?((?:[^,;:“”\"()—]|,(?=\d{3}))"
    r"{3,150})")
#: A sentence ends at a full stop after a word that is not a short abbreviation ("St.").
_FULL_STOP = re.compile(r"(?<![A-Z])(?<![A-Z][a-z])\.(?:\s|$)")


def appositive_after(text: str) -> str | None:
    """What a name is said to be in apposition right after it, when the phrase holds a
    role noun or title ("professor", "nurse", "spokesman"), without its article."""
    m = _APPOSITION.match(text)
    if m is None:
        return None
    phrase = m.group(1)
    stop = _FULL_STOP.search(phrase)
    phrase = (phrase[: stop.start()] if stop else phrase).strip()
    # a relative clause says what someone did ("who worked as an accountant"), unless it says
    # what they are ("who is a nurse") or do ("who owns a bakery", "who has run the shop for
    # 22 years": kept whole, "Jane Roe, who owns a bakery.")
    if _SAYING.match(phrase) or _DOING.match(phrase) or _NEXT_NAMES.match(phrase) \
            or _PREDICATE.match(phrase):
        # "Samuel Ortiz, said his client ...": what he said, not what he is ("his son
        # Ruben, 16, were the only riders": what they were, in the sentence); "accused X and
        # Y, of pressuring a neighbor ...": what they are accused of; "Fred Halliday, John
        # Esposito and Muslim intellectuals like ...": the next names of a list
        return None
    relative = _RELATIVE.match(phrase)
    if relative:
        if relative.group(1):
            phrase = phrase[relative.end():]
        else:
            does = _DOES.match(phrase)
            if does is None and len(kin := phrase.lower().split()[:3]) == 3 and \
                    kin[0] == "whose" and (kin[1] in KIN or kin[1] in _KIN_GROUPS):
                return phrase  # who they are by their family ("whose parents opened the
                # bakery the year she was born"; but "whose lawyers filed the motion": an act)
            return does.group(1).split(" and ")[0] if does else _became(phrase)
    if len(phrase) < 3 or not _says_role(_WORD_RE.findall(phrase)):
        return None
    return phrase


def clause_of_doing(description: str) -> bool:
    """Whether a description is a relative clause of what someone does ("who keeps about 90
    hives", "whose family has run the shop since 1972"), which what they are may lead
    ("beekeeper, who keeps about 90 hives")."""
    return description.startswith(("who ", "whose "))


#: Further on in a relative clause, what someone is or has become ("who started sweeping
#: floors there at 16 and has been general manager since 2017"): the words after the verb.
_BECAME = re.compile(r"\b" + BECOMING)


def _became(clause: str) -> str | None:
    """The role a relative clause says someone is or has become, up to its last role noun
    in the first four words after the verb ("general manager"), or None."""
    m = _BECAME.search(clause)
    if m is None:
        return None
    ws = m.group(1).split()
    last = max((k for k, w in enumerate(ws) if role_noun(w)), default=None)
    return " ".join(ws[:last + 1]) if last is not None else None


#: A verb of saying opening what follows a name and a comma: no apposition.
_SAYING = re.compile(rf"(?:{_SPEECH_ALT})\b", re.IGNORECASE)
#: Names and "and" / "or": the rest of a list of names, not what the first one is.
_NEXT_NAMES = re.compile(r"(?:[A-Z][\w’'\-]*\.?\s+){2,3}(?:and|or)\s")
#: A verb opening what follows a name and its age: the sentence's predicate, no apposition.
_PREDICATE = re.compile(r"(?:is|are|was|were|has|have|had|will|would|could|can|did|does)\b")
#: A preposition and a verb's "-ing" form: what one did or is charged with, not what one is.
_DOING = re.compile(r"(?:of|for|in|on|at|with|by|from|into|after|before)\s+[a-z]+ing\b")
#: A relative clause opening a phrase in apposition; group 1 when it says what one is.
_RELATIVE = re.compile(
    r"(?:who|whom|whose|which|that)\b\s*((?:is|was|has been)\s+(?:also\s+)?(?:(?:an?|the)\s+)?)?",
    re.IGNORECASE)
#: A relative clause saying what someone does: a verb in the present ("who owns", "who
#: studies"; not a verb of saying) or the present perfect ("who has run"), then its object
#: ("who farms 1,400 acres"); or what their own do ("whose family has run the shop").
_DOES = re.compile(
    rf"((?:who|whose\s+[a-z]+)\s+(?!(?:{_SPEECH_ALT})\b)"
    r"(?:has\s+[a-z]+(?:ed|en|wn|un|ld|ht)|(?!has\b)[a-z]+s)\s+[A-Za-z0-9].{2,})")


def _says_role(tokens: list[str]) -> bool:
    """Whether a phrase in apposition says what someone is: a role noun among its first six
    words, in lower case ("Gull Harbor's harbormaster") or opening it before a lower-case word
    ("Republican from Rochester"), and no name right after a lower-case one ("astrophysicist
    Alyssa Goodman": the next name of a list, not a role)."""
    for i, word in enumerate(tokens[:6]):
        if not role_noun(word.lower()):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if after[:1].isupper():
            if word.islower():
                return False
            continue  # a word of a name ("Gull Harbor's harbormaster")
        if word.islower() or (i == 0 and len(word) > 3):
            return True
    return False


#: 'said board chair Jane Roe', 'General manager John Doe said', 'At the cafe, rancher John
#: Doe said': a title of lower-case words right before a name, after a verb of saying, a
#: comma or at the start of a sentence (or of what is left of it once its quote is blanked:
#: '"...," university President Miriam Oduya-Lang wrote').
_TITLE_BEFORE = re.compile(
    rf"(?:^\s*|[.!?”\"—–]\s+|,\s+|\b(?:{_SPEECH_ALT})\s+)(?!(?:{_SPEECH_ALT})\b)"
    r"(?P<title>(?:[A-Za-z][a-z]+\s+){1,3})$"
)


#: 'said the company's president, Jane Roe' / 'The association's attorney, Jane Roe, said' /
#: 'controlled by his brother-in-law, Curtis Vance,', 'a letter through her attorney, Raymond
#: Oduya,', 'hired a Boston lawyer, Dana Okafor-Lind,': a role in apposition before a name,
#: after any word and an article or possessive, or opening the sentence.
_ROLE_BEFORE = re.compile(
    r"(?:\b[a-z]+\s+(?:the|a|an|his|her|their|its|our|my)\s+"
    r"|(?:^|[.!?”\"]\s+)(?:The|A|An|His|Her|Their|Its|Our|My)\s+"
    r"|(?:^|[.!?”\"]\s+)(?=[A-Z][\w\-]*(?:’s|'s)\s))"
    r"(?P<role>(?:[A-Z][\w\-]*(?:’s|'s)\s+|[A-Z][a-z]+\s+(?=[a-z]))?"
    r"(?:[a-z][\w’'\-]*\s+){0,3}(?P<noun>[a-z][a-z\-]*)),\s+$"
)
#: 'Attorney General Jane Roe', 'Board President Jane Roe': a title in capitals right before a
#: name, as news style writes a formal title.
_CAPITAL_TITLE = re.compile(r"(?:^|(?<=[\s“\"(]))(?P<title>(?:[A-Z][a-z][\w\-]*\s+){1,4})$")


#: 'The two trustees who voted against it, Walter Penhallow and Gretchen Ives, said': a
#: counted role, then the names it counts, each one of them.
_COUNTED_ROLE = re.compile(
    r"(?:^|[.!?”\"]\s+)The\s+(?:two|three|four|five|\d{1,2})\s+(?P<noun>[a-z]+s)\b[^,.;:]{0,80},"
    r"\s+(?:(?:[A-Z][\w’'\-]*\s+){1,3}(?:and\s+)?)?$")


def title_before(text: str, start: int) -> str | None:
    """The title a name is given right before it, honorifics ("Dr.") aside: 'said board chair
    Jane Roe': "board chair"; 'said the company's president, Jane Roe': "company's president";
    "Gov. Jane Roe": "governor"; lower case but for a sentence's first word (kept in capitals
    when English writes it so: "Kenyan runner"), and none a function word (but a leading
    article when a comma sets the role apart)."""
    before = without_honorific(text[:start])
    r = _ROLE_BEFORE.search(before)
    if r is not None and role_noun(r.group("noun")):
        role = r.group("role").split()
        cut = max((k + 1 for k, w in enumerate(role) if w in STOPWORDS), default=0)
        return " ".join(role[cut:])  # ("buy a house near his daughter, Kiara": daughter)
    return _lower_title(before) or _capital_title(before) or abbreviated_title(before)


#: Kin a possessive gives someone ("his daughter, Marisol Alvarez-Price"): whose they are is
#: said by whom the prose named last.
KIN = frozenset("""wife husband son daughter father mother brother sister grandson granddaughter
    grandfather grandmother uncle aunt nephew niece cousin widow widower stepson stepdaughter
    stepfather stepmother fiancee fiance partner""".split())  # noqa: SIM905
#: Kin by the group ("whose parents opened the bakery").
_KIN_GROUPS = frozenset({"parents", "family", "grandparents", "children", "sons", "daughters"})
_KIN_BEFORE = re.compile(r"\b(?P<whose>[Hh]is|[Hh]er)\s+(?:[a-z]+-)*(?P<kin>[a-z]+),\s+$")


def kin_of(title: str | None, text: str, start: int,
           last: tuple[str, str | None, int] | None, at: int) -> str | None:
    """``title`` (the role before a name at ``start`` of sentence ``at``), or, when it is kin
    a possessive gives ("his daughter, Marisol ..."), whose kin: the person named last
    (``last``: their name, gender and sentence), in this sentence or the one before and not
    of the other gender ("Ray Alvarez's daughter")."""
    m = _KIN_BEFORE.search(text[:start])
    if not title or m is None or last is None or m["kin"] not in KIN \
            or m["kin"] != title.split()[-1].split("-")[-1]:
        return title  # ("his great-grandfather, Anders Lindgren": kin too)
    name, gender, named_at = last
    if at - named_at > 1 or gender not in (None, "m" if m["whose"].lower() == "his" else "f"):
        return title  # (named further back, or of the other gender: not surely theirs)
    return f"{name}'s {title}"


def counted_role(text: str, start: int) -> str | None:
    """The role a name at ``start`` is one of, counted before a list of names ('The two
    trustees who voted against it, Walter Penhallow and Gretchen Ives': trustee), or None."""
    counted = _COUNTED_ROLE.search(without_honorific(text[:start]))
    one = counted.group("noun")[:-1] if counted is not None else ""
    return one if one and role_noun(one) else None


#: Lower-case words right before a name ("led by developer Gideon Marchetti", "When clerk
#: Helen Vandermolen read"): the ones after the last function word may be a title.
_LOWER_RUN = re.compile(r"(?:^|[\s(])((?:[a-z][a-z\-]*\s+){1,4})$")


def _lower_run_title(before: str) -> str | None:
    run = _LOWER_RUN.search(before)
    title = run.group(1).split() if run else []
    if not title or not role_noun(title[-1]) or title[-1].endswith("s"):
        return None  # (a plural opens a list: "chemists X, Y")
    # the role and the words before it back to a function word or a verb's ("led by
    # developer", "its faculty includes biologist", "hospital spokeswoman")
    k = len(title) - 1
    while k > 0 and title[k - 1] not in STOPWORDS and not title[k - 1].endswith(
            ("ed", "ing", "s")):
        k -= 1
    if k > 1 and title[k - 1] == "and" and title[k - 2] not in STOPWORDS \
            and not title[k - 2].endswith(("ed", "ing")) \
            and (not title[k - 2].endswith("s") or title[k - 2].endswith(("ics", "ss"))):
        k -= 2  # two roles, or two fields of one: "founder and chief executive", "physics
        # and chemistry teacher" (not "met teachers and parent Jane Roe")
    return " ".join(title[k:])


def _lower_title(before: str) -> str | None:
    return _said_title(before) or _lower_run_title(before)


def _said_title(before: str) -> str | None:
    m = _TITLE_BEFORE.search(before)
    if m is None:
        return None
    title = m.group("title").split()
    # (a capital only on the last word after lower-case ones: "university President")
    capitals = title[1:-1] if title[0][0].islower() else title[1:]
    if any(w.lower() in STOPWORDS for w in title) or any(w[0].isupper() for w in capitals) \
            or not role_noun(title[-1].lower()):
        return None  # (one to three words ending in a role noun: "board chair")
    if title[0][0].isupper() and (len(title) < 2 or (m.start("title") > 0 and not re.search(
            r"[.!?”\"—–]\s+$", before[:m.start("title")]))):
        # a capital inside a sentence is part of a name; a sentence's one first word
        # before a name is as often "Since" or "Early" as a title (a dash opens one too:
        # "7:45 p.m. — Budget director Marcus Eberhardt")
        return None
    if title[-1].endswith("s") and not title[-1].endswith(("ss", "us")):
        # ", chemists Elias Corey, ...", "Council members Luci Willits and Colin Nash": a
        # list, not what one of them is
        return None
    first = title[0] if title[0].lower() in wordlist("proper_words") else title[0].lower()
    return " ".join([first, *(w.lower() for w in title[1:])])  # ("Kenyan runner")


def _capital_title(before: str) -> str | None:
    """The capitalised title ending ``before`` ("Minnesota Attorney General", "Board
    President"): two to four words, the last a role noun, none a function word; else None."""
    m = _CAPITAL_TITLE.search(before)
    if m is None:
        return None
    title = m.group("title").split()
    while title and title[0].lower() in STOPWORDS:
        title.pop(0)
    if len(title) < 2 or any(w.lower() in STOPWORDS for w in title):
        return None
    return " ".join(title) if role_noun(title[-1].lower()) else None


def descriptor_before(text: str, start: int) -> str | None:
    """The role right before a name at ``start`` ("actor John Smith"), or before it and a
    comma after a possessive ("his mother, Grace Oyelaran"), when one of the roles."""
    if start <= 0:
        return None
    m = re.search(r"([A-Za-z]+)\s+$", text[:start])
    word = m.group(1).lower() if m else ""
    if word in _DESCRIPTORS and not (word.endswith("s") and word[:-1] in _DESCRIPTORS):
        return word  # (a plural opens a list: "Council members Luci Willits and Colin Nash")
    # after a role someone has: "his mother, Grace Oyelaran" ("Grace" is a word too)
    m = re.search(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he [\w-]+[’']s) ([a-z]+), $", text[:start])
    return m.group(1) if m and m.group(1) in _DESCRIPTORS else None
