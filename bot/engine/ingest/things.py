"""Named things a sentence speaks of by their kind: "The creamery employs 64 people", after
"Brule Valley Creamery recalled its cheese", says "Brule Valley Creamery employs 64 people",
as a fact states a person by name where its sentence says "the mayor". The name is the one
the sentences before give that ends in the kind's own word ("the hospital": "Cassel Falls
Regional Hospital"); "the company" or "the firm" is the company named ("Golden Hearth Foods",
"Redbank Poultry Co."). Two things of the kind named, it is neither. Pure text in, text
out.

And a sentence opening on "It" or "Its" (:func:`refers_back`) is about the thing the
sentence before it opened on (:func:`opening_thing`): "The steer, a 1,340-pound Angus cross,
won the top prize. It was shown by Kaylee Brandvold". Its fact keeps its words, and cites
them after the sentence naming the thing: which thing "It" is, the words do not say for
sure ("The nominal cost of attending is $45,000. It operates several museums" is about the
university), so the reader is shown what it was read with rather than told."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.engine import lexicon
from bot.engine.ingest.data import wordlist
from bot.engine.ingest.lexicon import _PERSON_NOUNS

#: The words a sentence calls the company it is about.
COMPANY_WORDS = frozenset({"company", "firm"})

#: The last words of names that end on an abbreviation's full stop ("Redbank Poultry Co.").
_ABBREVIATED = frozenset({"co", "inc", "corp", "ltd", "bros"})
#: "The creamery employs ...": the kind, then a space or a comma (not "the creamery's").
_OPENING = re.compile(r"The ([a-z]+)(?=[ ,])")
#: A run of capitalised words (with "&" or "of" inside): a name, its last word apart.
#: (A word may join two with a slash: "the Defense POW/MIA Accounting Agency".)
_NAME = re.compile(r"(?<![\w'’./-])((?:[A-Z][\w'’-]*(?:/[A-Z][\w'’-]*)*\.?\s+(?:(?:&|of)\s+)?)"
                   r"{1,5}([A-Z][\w'’-]*)(\.?))")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_POSSESSIVE = re.compile(r"['’]s$")


def named_as(text: str, before: Iterable[str]) -> str:
    """``text`` with its opening "The <kind>" as the name ``before`` (the sentences before
    it, read only when ``text`` opens so) gave the one thing of that kind it names; ``text``
    itself when it names none, or two (which of them "the fire" is, the words do not say)."""
    opening = _OPENING.match(text)
    if opening is None:
        return text
    kind = opening.group(1)
    heads = wordlist("name_heads")
    after = _NEXT_WORD.match(text, opening.end())
    if kind in _PERSON_NOUNS or (after is not None and after.group(1) in heads) or \
            (kind not in heads and kind not in wordlist("place_nouns")
             and kind not in COMPANY_WORDS):
        # ("The mayor": a person; "The city council": not the city; "The name of the
        # dynasty": no kind of thing a name is given)
        return text
    names: list[str] = []
    for sentence in before:
        for m in _NAME.finditer(sentence):
            if _named(m, sentence, kind, heads):
                # (a sentence's first word is no part of it: "About Golden Hearth Foods:")
                ws = m.group(1).split()
                while ws and ws[0].lower() in lexicon.STOPWORDS:
                    ws.pop(0)
                name = _POSSESSIVE.sub("", " ".join(ws))
                if m.group(3) and m.group(2).lower() not in _ABBREVIATED:
                    name = name[:-1]  # (a sentence's full stop, not "Co.")
                names.append(name)
    # (two things of the kind named, "the fire" may be either: the 2017 Sawtooth Fire or this
    # one, the Juniper Ridge Fire; a shorter name of the same one is the same, "Cole Library",
    # and so is a dateline's "BRANNOCK CITY", written as the prose writes it)
    longest = max(names, key=lambda n: (len(n), not n.isupper()), default=None)
    if longest is None or any(not set(n.lower().split()) <= set(longest.lower().split())
                              for n in names):
        return text
    return longest + text[opening.end():]


def _named(m: re.Match[str], sentence: str, kind: str, heads: frozenset[str]) -> bool:
    """The name ``m`` found is of a thing of ``kind``: it ends in that word (a company's, for
    "the company") and is not a modifier of a noun after it ("the Fire Company hall", "a Yale
    University alumnus")."""
    last = _POSSESSIVE.sub("", m.group(2).lower())
    if kind in COMPANY_WORDS:
        if last not in wordlist("company_heads") or " of " in m.group(1):
            return False  # ("the Journal of Dairy Systems" is no company)
    elif last != kind:
        return False
    if len([w for w in m.group(1).split() if w.lower() not in lexicon.STOPWORDS]) < 2:
        return False  # ("The Creamery", "In Foods": no name)
    after = _NEXT_WORD.match(sentence, m.end())
    # ("a gift from Yale University alumnus Edward Harkness": no thing spoken of)
    return after is None or (after.group(1) not in heads and after.group(1) not in _PERSON_NOUNS)


#: "It was shown by ...", "Its crews had ...": the pronoun a sentence opens on.
_IT = re.compile(r"(It|Its)\s+")
#: "It" standing for no thing: "It is illegal to ...", "It is the first time ...", "It was the
#: zoo's first escape since 2016" (an event, not the thing before), "It turns out ...".
_EMPTY_IT = re.compile(
    r"It(?:['’]s|\s+(?:is|was|isn['’]t|wasn['’]t|would\s+be|will\s+be|has\s+been|had\s+been))"
    r"\s+(?:not\s+)?(?:(?:the|its|an?|\w+['’]s)\s+(?:[\w'’-]+\s+)?(?:first|only|last|second|third|"
    r"largest|biggest|best|worst|time)\b|(?!\w+(?:ed|en)\b)\w+\s+(?:to|that|whether|if|how|why|"
    r"when|for)\b)"
    r"|It\s+(?:seems|seemed|turns\s+out|turned\s+out|remains|remained|appears\s+that|"
    r"appeared\s+that|means|meant)\b")
#: A word or a mark of punctuation, at its place in the sentence.
_TOKEN = re.compile(r"[^\s,;:—–()\"“”]+|[,;:—–()\"“”]")
#: Words a name opening a sentence may be followed by: its verb's auxiliaries.
_AUXILIARIES = frozenset({"is", "was", "has", "had", "will", "would", "can", "could", "does",
                          "did", "says", "said", "also", "now", "still"})


def refers_back(text: str) -> bool:
    """``text`` opens on an "It" or "Its" that stands for a thing named before."""
    return _IT.match(text) is not None and _EMPTY_IT.match(text) is None


def opening_thing(text: str, person_at: Callable[[int], bool]) -> str | None:
    """The one thing ``text`` opens on as its subject: "The painting" of 'The painting, "Winter
    Light", was taken ...'; "The team's machine" of "The team's machine, which ..."; "Carver
    Township" of "Carver Township, just across the river, already tried this". None when it
    opens on a person (``person_at``: whether a person's name starts at that offset, or a
    kind of person: "The mayor"), on several things ("The ribbon and the prize"), on
    something else ("According to ...", "Today the garden ...") or on "It" itself."""
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 3:
        return None
    first = tokens[0].group()
    if first == "The":
        end = _noun_phrase_end(tokens)
    elif first[0].isupper() and first not in ("It", "Its", "A", "An") and \
            first.lower() not in lexicon.STOPWORDS and first.lower() not in lexicon.DATE_WORDS \
            and not first.lower().endswith(("ing", "ly")):
        end = _name_end(tokens)
    else:
        return None
    if end is None or any(person_at(t.start()) for t in tokens[:end]) or (
            end == 1 and (lexicon.is_ordinary(low := first.lower())
                          or (low.endswith("s") and low in lexicon.english()))):
        return None  # (a person; "Officials said", "Boaters can meet ...": no name)
    words = [t.group() for t in tokens[:end]]
    head = words[-1]
    after = tokens[end].group().lower()
    if after in ("and", "or", "&") or not head[0].isalpha() or head.lower() in _PERSON_NOUNS \
            or (head[0].islower() and head in lexicon.modifiers()) \
            or _POSSESSIVE.search(head) or (head.endswith("s") and head[0].islower()
                                           and not head.endswith(("ss", "us", "is"))):
        return None  # (several things, "The 1927", a person, "The first", "The robots")
    return " ".join(words)


def _noun_phrase_end(tokens: list[re.Match[str]]) -> int | None:
    """Where "The ..." ends: before a comma, a function word, or the verb after its noun
    ("The bridge opened", "The law applies", "The team drew"); None past six words."""
    for k, t in enumerate(tokens[1:8], start=1):
        w = t.group()
        low = w.lower()
        if not w[0].isalnum() and w[0] != "$":
            return k if k > 1 else None
        if w[0].isupper() or w[0].isdigit():
            continue  # ("The Harney Flats Grain Cooperative", "The 1927 theater")
        if low in lexicon.STOPWORDS or low.endswith("ly") or (k > 1 and _verb_form(low) and not (
                _PLURAL_ENDING.search(low) and k + 1 < len(tokens)
                and _after_plural(tokens[k + 1].group().lower()))):
            # (but "The township supervisors will vote": a plural, its verb after it)
            return k if k > 1 else None
    return None


def _name_end(tokens: list[re.Match[str]]) -> int | None:
    """Where a name opening a sentence ends: a run of capitalised words followed by a comma
    or its verb ("Halvorsen Precision Coatings opened", "Elderby, a village ...")."""
    for k, t in enumerate(tokens[1:6], start=1):
        w = t.group()
        if w[0].isupper() or w in ("of", "&"):
            continue
        low = w.lower()
        return k if w == "," or low in _AUXILIARIES or _verb_form(low) else None
    return None


#: How a plural noun or a verb after its subject ends ("supervisors", "applies").
_PLURAL_ENDING = re.compile(r"[^s]s$")


def _after_plural(word: str) -> bool:
    """``word`` is a verb a plural noun before it may be the subject of ("will", "voted")."""
    return word in _PLURAL_VERBS or word.endswith("ed")


#: The auxiliaries and verbs after a plural subject ("supervisors will", "they were").
_PLURAL_VERBS = frozenset({"are", "were", "have", "had", "will", "would", "can", "could", "may",
                           "might", "must", "should", "do", "did", "said", "say"})


def _verb_form(word: str) -> bool:
    """A verb's form after its subject: "opened", "applies", "drew"."""
    return word.endswith("ed") or word in lexicon.irregular() or (
        word.endswith("s") and not word.endswith(("ss", "us", "is")) and word.isalpha())
