"""An article's layout: paragraphs, headlines, quoted spans and sentence bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.engine.ingest.lexicon import (
    _ABBREVIATIONS,
    _ATTRIBUTION_AHEAD,
    _CLOSERS,
    _DATELINE,
    _OPENERS,
    _TERMINALS,
)

# --------------------------------------------------------------------------- structure


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str


@dataclass(slots=True)
class _Piece:
    """Part of a quote inside one sentence."""

    quote: int  # index of the logical quote
    open: int  # index of the opening mark in the sentence (or -1: none, a continuation)
    close: int | None  # index of the closing mark in the sentence, None: runs on
    inner: str


@dataclass(slots=True)
class _Sentence:
    index: int
    par: int
    text: str
    headline: bool
    masked: str = ""
    pieces: list[_Piece] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)
    subject: str | None = None
    #: How the subject was resolved: the leading words that stand for it (for facts).
    subject_words: str | None = None
    resolved: list[str] = field(default_factory=list)
    #: A description of a person the sentence gives before naming them, and who they are
    #: (a story's lead: "convicted the former finance director of the X District").
    named: tuple[str, str] | None = None


@dataclass(slots=True)
class _LQuote:
    """A quote in the article, possibly over several sentences or paragraphs."""

    parts: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    speaker: str | None = None
    how: str = ""  # trailing | leading | reported | intro | continuation | none
    context: str = ""
    partial: bool = False
    #: the sentence outside the quote that says whose it is (a lead-in ending in a colon, the
    #: sentence reporting their words before it, the one naming them after it), cited with it
    named_in: int | None = None

    @property
    def text(self) -> str:
        return " ".join(p for p in self.parts if p)


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    inner_ends = 0
    unfinished = 0
    wrapped = 0  # (blocks of several lines: all a hard-wrapped text's longer paragraphs)
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        wrapped += len(lines) > 1
        for line in lines[:-1]:
            inner_ends += 1
            if not line.endswith(tuple(_TERMINALS + ":" + _CLOSERS)):
                unfinished += 1
    # (a page's furniture in lines of its own, "Listen to this article", "Tags: ...", does
    # not make a text of one-line paragraphs hard-wrapped)
    hard_wrapped = len(blocks) > 1 and inner_ends >= 3 and unfinished / inner_ends > 0.6 \
        and 2 * wrapped >= len(blocks)
    if hard_wrapped:
        pars = [" ".join(ln.strip() for ln in b.split("\n") if ln.strip()) for b in blocks]
    else:
        pars = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out: list[str] = []
    for par in pars:
        signed = _POSTED_BY.match(par)
        if signed and out:  # a post embedded in the page, then its signature: its author's
            post = _LINK.sub("", out.pop()).strip()
            if post:
                out.append(f"{signed['name']} wrote on X: “{post}”")
        elif (bare := _CREDIT.sub("", _BULLET.sub("", par))) and not _BOILERPLATE.search(bare):
            out.append(bare)
    return out


#: The signature of a post embedded in a page ("— Jane Doe (@janedoe) June 5, 2025"), after
#: its text, and a link in that text ("pic.twitter.com/...").
_POSTED_BY = re.compile(r"^[—–-]+\s*(?P<name>[^()@—]{2,60}?)\s*\(@\w{1,30}\)"
                        r"(?:\s*[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})?\s*$")
_LINK = re.compile(r"\s*(?:pic\.twitter\.com/|https?://)\S+")


#: A list item's mark ("- ", "• ", "* "): not a word of the item.
_BULLET = re.compile(r"^[-•*–·▪◦‣]\s+")
#: A page's furniture pasted with its story, no sentence of the story: a copyright line, the
#: terms of reuse, how to reach or follow the writer, an offer of a newsletter.
_BOILERPLATE = re.compile(
    r"^(?:©|\(c\)\s|copyright\s+(?:©\s*|\(c\)\s*)?\d{4}\b)|\ball rights reserved\b|"
    r"\bmay not be (?:re)?(?:published|produced|printed|broadcast|distributed|redistributed)\b|"
    r"^(?:contact|reach|email|e-mail|follow)\b.{0,80}(?:@|\bon (?:twitter|x|instagram|facebook|"
    r"threads|bluesky)\b)|^(?:sign up|subscribe)\b.{0,60}\bnewsletter|"
    # a photo's caption, labelled as one ("Photo: Children read at the library"); a link to
    # another story or the page's tags ("Related: ...", "Read more: ..."); a wire's credits,
    # who else contributed, a note that the story was updated
    r"^(?:photo(?:graph)?|image|picture|caption|credit)s?\s*[:|]|"
    r"^(?:related(?: stories| articles| coverage)?|read more|see also|more from [^:]{1,30}|"
    r"tags|topics|filed under|watch|listen)\s*:|"
    r"^(?:additional )?(?:reporting|writing|editing) by "
    r"(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})(?: (?:in|and) (?-i:[A-Z])[\w .'’-]*)?"
    r"\s*(?:[;,]|\.?$)|"
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?$|"
    r"^for more information,? (?:visit|go to|see|call|contact)\b|"
    r"^this (?:story|article|report) (?:has been|was) (?:updated|corrected|originally published)",
    re.IGNORECASE,
)
#: A photo's credit closing a paragraph, the photographer and the outlet ("(John Smith/Buckeye
#: Wire)", "(AP Photo/Julio Cortez)", "(Photo by Jane Doe)"): no words of the story.
_CREDIT = re.compile(r"\s*\((?:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}/[A-Z][\w.'’ &-]{1,40}"
                     r"|(?:Photo|Image|Photograph)s?\s+(?:by|courtesy of)\s+[^()]{1,60})\)\s*$")


#: A paragraph of one question this short is a subheading ("What does the law require?").
SUBHEADING_WORDS = 12


def _is_headline(par: str, first: bool = False) -> bool:
    """A headline or a subheading, no fact (``first``: the article's first paragraph, where
    "Editorial: Fund the library" is its headline)."""
    stripped = par.strip()
    if stripped.endswith("?") and len(stripped.split()) <= SUBHEADING_WORDS and \
            stripped[0].isupper() and not any(t in stripped[:-1] for t in _TERMINALS):
        return True  # an explainer's subheading, a question the paragraphs after it answer
    if not stripped or stripped.endswith(tuple(_TERMINALS + ":;,")):
        return False
    if stripped[-1] in '”"' and stripped[-2:-1] in tuple(_TERMINALS + ","):
        return False
    if not first and _LABELLED.match(stripped):
        return False  # an info box's line, what it says after a label: "Where: Fairgrounds"
    # (an article's headline may open on a figure: "5 things to know about the new rules";
    # but a box's "1,140: animals adopted out last year" is a fact)
    return len(stripped.split()) <= 20 and (stripped[0].isupper() or (
        first and stripped[0].isdigit() and ":" not in stripped))


#: A line of an info box: a label of one to three words, a colon, what it says ("Where:
#: Fairgrounds, 400 Mill Road", "Cost: $8 for adults"), which has no full stop to end on.
_LABELLED = re.compile(r"^[A-Z][a-z]+(?:\s+[a-z]+){0,2}:\s+\S")


def _scan_quotes(par: str) -> list[tuple[int, int | None]]:
    """(opening index, closing index or None) of each quoted span in a paragraph."""
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    closer = ""
    for i, ch in enumerate(par):
        if open_at is None:
            if ch in ("\u201c", "\u00ab"):
                open_at, closer = i, _OPENERS[ch]
            elif ch in ('"', "\u2018"):  # (a single quote, British style: ‘...’)
                prev = par[i - 1] if i else " "
                if prev.isspace() or prev in "([{—–-/" or i == 0:
                    open_at, closer = i, '"' if ch == '"' else "\u2019"
        elif ch == closer and not (closer == "\u2019" and par[i + 1 : i + 2].isalnum()):
            # (a closing single quote is no apostrophe: "It’s" goes on)
            spans.append((open_at, i))
            open_at = None
        elif ch == "\u201c" and closer == "\u201d":
            # An opening mark inside an open quote: the earlier one was never closed.
            spans.append((open_at, None))
            open_at = i
    if open_at is not None:
        spans.append((open_at, None))
    return spans


def _sentence_bounds(par: str, spans: list[tuple[int, int | None]]) -> list[tuple[int, int]]:
    inside = [False] * len(par)
    dateline = _DATELINE.match(par)
    if dateline:  # "DALTON, Ore. (Valley Health Wire) — ": no sentence ends in a dateline
        inside[: dateline.end()] = [True] * dateline.end()
    closes: set[int] = set()
    for start, end in spans:
        stop = len(par) if end is None else end
        for i in range(start + 1, stop):
            inside[i] = True
        if end is not None:
            closes.add(end)
    bounds: list[tuple[int, int]] = []
    begin = 0
    i = 0
    n = len(par)
    while i < n:
        ch = par[i]
        cut: int | None = None
        if ch in _TERMINALS and not inside[i]:
            j = i + 1
            while j < n and par[j] in _CLOSERS and par[j] not in '"\u201d':
                j += 1
            if _boundary_follows(par, j) and not (ch == "." and _abbreviation_before(par, i)):
                cut = j
        elif i in closes:
            k = i - 1
            while k >= 0 and par[k] in "’')]":
                k -= 1
            if (
                k >= 0
                and par[k] in _TERMINALS
                and _boundary_follows(par, i + 1)
                and not (par[k] in "?!" and _ATTRIBUTION_AHEAD.match(par, i + 1))
            ):
                cut = i + 1
        if cut is not None:
            bounds.append((begin, cut))
            begin = cut
            i = cut
            continue
        i += 1
    bounds.append((begin, n))
    out = []
    for s, e in bounds:
        while s < e and par[s].isspace():
            s += 1
        while e > s and par[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _boundary_follows(par: str, j: int) -> bool:
    if j >= len(par):
        return False
    if not par[j].isspace():
        return False
    k = j
    while k < len(par) and par[k].isspace():
        k += 1
    if k >= len(par):
        return False
    nxt = par[k]
    return nxt.isupper() or nxt.isdigit() or nxt in "\u201c\"(«‘'"


#: Abbreviations that only stand before a number ("No. 5", "Nos. 3 and 4").
_NUMBERING = frozenset({"no", "nos"})


def _abbreviation_before(par: str, i: int) -> bool:
    m = re.search(r"([\w.]+)$", par[:i])
    if not m:
        return False
    word = m.group(1).lower()
    if word in _NUMBERING:  # "No. 5", but "Three members voted no. As amended, ..."
        return par[i + 1 :].lstrip()[:1].isdigit()
    if word in _ABBREVIATIONS:
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return True  # "U.S"
    if len(word) == 1 and m.group(1).isupper():
        # An initial: "George W. Bush", "J. K. Rowling" (not "posted on X. Her post ...").
        before = par[: m.start()].rstrip()
        prev_word = before.rsplit(None, 1)[-1] if before else ""
        after = par[i + 1 :].lstrip()
        return prev_word[:1].isupper() or bool(re.match(r"[A-Z]\.", after))
    return False
