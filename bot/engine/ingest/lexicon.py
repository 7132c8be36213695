"""The words and patterns ingest reads prose with: speech verbs, titles, quote marks."""

from __future__ import annotations

import re

from bot.engine import lexicon
from bot.engine.ingest.data import listed, wordlist, wordmap

# --------------------------------------------------------------------------- lexicon


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH_VERBS = _wordset(
    """said says say wrote writes write told tells added adds posted posts tweeted tweets
    stated states explained explains noted notes asked asks continued continues declared
    declares shared shares captioned claimed claims argued argues insisted insists warned
    warns urged urges recalled replied responded commented announced admitted remarked
    exclaimed quipped joked acknowledged emphasized emphasised stressed pleaded demanded
    shouted yelled chanted called calls described describes dubbed labeled labelled termed
    slammed blasted criticized criticised praised speaks spoke put testified testifies
    conceded concedes cautioned cautions countered recounted predicted predicts vowed vows
    complained wondered"""
)
_SPEECH_PARTICIPLES = _wordset(
    """saying writing adding telling noting claiming calling posting tweeting stating
    explaining arguing insisting warning urging declaring captioning sharing asking
    describing demanding slamming praising"""
)
_SPEECH = _SPEECH_VERBS | _SPEECH_PARTICIPLES
_SPEECH_ALT = "|".join(sorted(_SPEECH, key=len, reverse=True))

#: Words naming what a person is; before a name they are not part of it.
_DESCRIPTORS = wordlist("roles")
#: Capitalised titles that may stand before a name ("Mayor Jane Roe").
_TITLES = wordlist("titles") | wordlist("roles")
#: Nouns for what a person is, wider than the titles: WordNet's nouns whose first sense is
#: a person ("harbormaster", "grower", "schoolteacher"); they say what a phrase describes.
_PERSON_NOUNS = _TITLES | wordlist("person_nouns")
#: How English agent nouns end ("master", "worker", "editor", "chairman", "economist").
_AGENT_ENDINGS = ("er", "or", "man", "woman", "ist")


def english_word(word: str) -> bool:
    """Whether ``word`` is a word of the general-English word list (pyspellchecker's)."""
    return lexicon.english().get(word, 0) > 0


#: What a clause says someone is or has become ("has been general manager", "became the
#: mayor"): the verb, then up to four words after it (group 1), an article left out.
BECOMING = (r"(?:is|was|has been|had been|became|has become|serves as|served as|"
            r"has served as)\s+(?:(?:the|a|an)\s+)?((?:[a-z][\w’'\-]*\s*){1,4})")


def role_noun(word: str) -> bool:
    """Whether the lower-case ``word`` names what a person is: a title, a person noun, its
    plural, or a compound of a word and an agent noun ("harbormaster": "harbor" + "master",
    "farmworker")."""
    if listed(word, _PERSON_NOUNS) or ("-" in word and listed(word.replace("-", ""),
                                                             _PERSON_NOUNS)):
        return True  # (and "co-author", which WordNet writes "coauthor")
    return any(
        head in _PERSON_NOUNS and head.endswith(_AGENT_ENDINGS) and english_word(word[:k])
        for k, head in ((k, word[k:]) for k in range(4, len(word) - 4))
    )


#: An honorific abbreviated right before a name ("Dr. ", "Rev. "), after any other title.
_HONORIFIC = re.compile(r"(?<=\s)([A-Z][a-z]{1,3})\.\s+$")


def without_honorific(before: str) -> str:
    """``before`` without the honorific it ends in ("Council chair Dr. " -> "Council chair
    "), which says nothing of what the person does."""
    m = _HONORIFIC.search(before)
    honorific = m is not None and m.group(1).lower() in _TITLES and \
        m.group(1).lower() not in wordmap("title_abbreviations")  # (an office: "Gov.")
    return before[: m.start()] if m and honorific else before


#: Abbreviated titles news style writes before a full name ("Gov.", "Lt. Gov.", "U.S. Rep.").
_ABBREVIATED_TITLE = re.compile(
    r"(?:^|(?<=[\s“\"(]))(?P<prefix>(?:[A-Z]\.){2,}\s+)?(?P<title>(?:[A-Z][a-z]{1,3}\.\s+){1,2})$"
)


def abbreviated_title(before: str) -> str | None:
    """The title written abbreviated at the end of ``before``, spelt out: "Gov. " ->
    "governor", "Lt. Gov. " -> "lieutenant governor", "U.S. Rep. " -> "U.S. representative";
    None when it is none (or a bare honorific, "Dr. ")."""
    m = _ABBREVIATED_TITLE.search(before)
    if m is None:
        return None
    titles = wordmap("title_abbreviations")
    spelt = [titles.get(w.rstrip(".").lower()) for w in m.group("title").split()]
    if not all(spelt):
        return None
    return " ".join([*(m.group("prefix") or "").split(), *(w for w in spelt if w)])


_FEMALE_WORDS = _wordset(
    """actress congresswoman businesswoman chairwoman spokeswoman councilwoman alderwoman
    assemblywoman princess queen duchess lady dame mother wife sister daughter aunt niece
    grandmother granddaughter widow girlfriend woman girl mrs ms miss"""
)
_MALE_WORDS = _wordset(
    """businessman congressman chairman spokesman councilman alderman assemblyman prince
    king duke lord sir father husband brother son uncle nephew grandfather grandson widower
    boyfriend man boy mr"""
)
#: Capitalised words that never begin a person's name here (sentence openers, pronouns ...).
_NOT_NAME_START = _wordset(
    """the a an this that these those there their they them then than he she it its his
    her hers him we our us you your i my me however but and or so yet also along after
    before during while when where what which who whom whose why how if although though
    because since until unless despite in on at to for from with without by of about
    into onto over under between among across through throughout against according as
    alongside beside besides behind inside outside amid toward towards beyond unlike including
    like many some most several few other others all both each every any no not more
    much such one two three four five six seven eight nine ten first last next meanwhile
    still even just only now later earlier today yesterday tomorrow tonight here
    supporters critics officials police authorities protesters protestors witnesses
    residents experts organizers organisers observers sources reports people fans
    celebrities stars lawmakers democrats republicans democrat republican"""
)
_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "st",
     "der", "den", "ter", "ten", "dos", "das", "des", "ibn", "abu", "el", "y"}
)
_ABBREVIATIONS = _wordset(
    """mr mrs ms mx dr prof st sr jr sen rep gov gen col lt sgt capt rev no vs v etc inc
    co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec ave blvd mt ft approx
    dept univ est u.s u.k d.c a.m p.m e.g i.e"""
)
#: Where a sentence (or a quotation) opens, its first word capitalised whatever it is.
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:—])\s*[\"“]?\s*$")
_OPENERS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_TERMINALS = ".!?\u2026"
_CLOSERS = "\u201d\"\u2019')]\u00bb"

_WORD_RE = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")
_PRONOUN_GENDER = {"she": "f", "her": "f", "hers": "f", "he": "m", "his": "m", "him": "m"}
_POSSESSIVE_RE = re.compile(r"\b(his|her)\b", re.IGNORECASE)
_LEADING_PRONOUN = re.compile(r"^(?P<p>She|He)\b(?=\s)")
_LEADING_DESCRIPTOR = re.compile(
    r"^(?P<np>(?:The|This|That)\s+(?:[\w’'\-]+\s+){0,3}?(?P<d>[a-z]+?))s?\b(?=[\s,])"
)
#: A stage name with a comma, as the subject of a speech verb ("Earl, the Poet wrote").
_STAGE_NAME = re.compile(  # (not a place before a family: "in Old Lyme, Connecticut, the
    # Kesslings said")
    rf"(?<![\w’'])(?<!,\s)[A-Z][\w’'\-]+, the [A-Z][\w’'\-]+(?<!s)"
    rf"(?=\s+(?:\w+ly\s+|also\s+)?(?:{_SPEECH_ALT})\b)"
)
#: Words between a name and its speech verb: ", 35," / ", who has 200 million followers," /
#: ", director of the center, a nonprofit in St. Paul," (a second part opening in lower case:
#: "Acme, a dealer in Red Mesa, Arizona, said" is no appositive of Acme's).
_APPOSITIVE = (r"(?:,\s+(?!where\b|when\b|which\b)[^,“”\"]{1,80}?"
               r"(?:,\s+(?=[a-z\d])[^,“”\"]{1,80}?)?,)?")
#: Where someone named works or comes from, between their name and a verb: "Harold Quinn of
#: Cedar Valley College said", "Ann Roe of the University of Iowa wrote".
_AFFILIATION = (r"(?:\s+(?:of|at|from|with)\s+(?:the\s+)?[A-Z][\w.'’&-]*"
                r"(?:\s+(?:(?:of|for|and|the|on)\s+){0,2}[A-Z][\w.'’&-]*){0,5})?")
#: '"Why now?" Jane Roe asked.': after a ? or ! the sentence goes on with its speaker.
_ATTRIBUTION_AHEAD = re.compile(
    rf"\s+[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){{0,3}}{_APPOSITIVE}\s+(?:\w+ly\s+)?"
    rf"(?:{_SPEECH_ALT})\b"
)
#: The day a wire's dateline may give after its place: "PORT HALE, Maine, March 4 (Reuters) -",
#: a release's with its year and wire: "ASHFORD, Mich., May 3, 2025 /PRNewswire/ --".
_DATED = r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?(?:\s*/[^/]{2,30}/)?)?"
#: A news story's dateline: "LOS ANGELES (NewsNation) — ", "BRANWELL, Pa. — ", "GULL HARBOR,
#: Maine (Atlantic Coast Wire) — ", "(Valley Health Wire) — ": a place in capitals, perhaps
#: its state written as usual, perhaps its day, perhaps the outlet in brackets, then a dash.
_DATELINE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)|[A-Z][A-Z .'’-]{1,40}"
    r"(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?)?"
    rf"{_DATED}\s*(?:\([^()]{{1,30}}\))?"
    # (a place written as a name, "Mill Town, Mont. — ", gives its state)
    r"|[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+){0,3},\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]{1,15})?"
    rf"{_DATED}\s*(?:\([^()]{{1,30}}\))?)"
    r"\s*[—–-]+\s*"
)


def without_dateline(text: str) -> str:
    """``text`` without the dateline it opens on, if any ("GULL HARBOR, Maine (Atlantic Coast
    Wire) — The state ...": "The state ...")."""
    found = _DATELINE.match(text) if text[:1].isupper() or text[:1] == "(" else None
    return text[found.end():] if found else text


def dateline_place(sentences: list[str]) -> tuple[str, ...]:
    """The words of the place the dateline of a story's first sentences names, capitalised
    as a name ("CALDER FALLS, Ore. — ": "Calder", "Falls"); none without a dateline."""
    found = next((m for s in sentences[:3] if (m := _DATELINE.match(s))), None)
    place = re.split(r"[,(—–-]", found.group(0))[0].split() if found else []
    return tuple(w.capitalize() for w in place)


# Where something was said.
_CHANNELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\binstagram stor(?:y|ies)\b", re.I), "Instagram story"),
    (re.compile(r"\binstagram (?:post|caption)\b", re.I), "Instagram post"),
    (re.compile(r"\binstagram live\b", re.I), "Instagram live"),
    (re.compile(r"\b(?:on|to|via|in) instagram\b", re.I), "Instagram"),
    (re.compile(r"\b(?:on|to|via|in) (?:X|Twitter)\b|\btweet(?:ed)?\b"), "X"),
    (re.compile(r"\b(?:on|to|via|in) tiktok\b|\btiktok video\b", re.I), "TikTok"),
    (re.compile(r"\b(?:on|to|via|in) facebook\b", re.I), "Facebook"),
    (re.compile(r"\b(?:on|to|via|in) threads\b"), "Threads"),
    (re.compile(r"\b(?:on|to|via|in) youtube\b", re.I), "YouTube"),
    (re.compile(r"\bpodcast\b", re.I), "podcast"),
    (re.compile(r"\bacceptance speech\b", re.I), "acceptance speech"),
    (re.compile(r"\bspeech\b", re.I), "speech"),
    (re.compile(r"\binterview\b", re.I), "interview"),
    (re.compile(r"\b(?:press|news) conference\b", re.I), "press conference"),
    (re.compile(r"\b(?:press )?briefing\b", re.I), "briefing"),
    (re.compile(r"\bstatement\b", re.I), "statement"),
    (re.compile(r"\b(?:op-ed|essay|column)\b", re.I), "op-ed"),
    (re.compile(r"\bletter\b", re.I), "letter"),
    (re.compile(r"\be-?mail(?:ed)?\b", re.I), "email"),
    (re.compile(r"\btext message\b|\btexted\b", re.I), "text message"),
    (re.compile(r"\bvideo\b", re.I), "video"),
    (re.compile(r"\b(?:post|posted|message|caption)\b", re.I), "post"),
)
_EVENT = re.compile(
    r"\bat (?:the |this year’s |this year's |last night’s |last night's )?"
    r"(?P<e>(?:[A-Z][\w&’'.-]*\s+){0,4}?(?:[A-Z][\w&’'.-]*\s+)?"
    r"(?:Awards?|Festival|Gala|Summit|Conference|Convention|Rally|Ceremony|Games|Oscars|"
    r"Grammys|Emmys|Golden Globes|Tonys|VMAs|Coachella|Super Bowl))\b"
)
