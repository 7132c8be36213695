"""Text normalisation for matching: folding, tokens, stopwords, a light stemmer, synonyms.

Everything the engine compares goes through the same two steps, for the bank's records and
for questions alike:

* :func:`words` folds a text (NFKC, case, curly quotes and dashes, accents, zero-width and
  bidirectional marks, possessives, punctuation) into *surface words*, with number words
  turned into digits ("forty" -> "40") and a few fixed phrases rewritten ("los angeles",
  "l.a." -> "la"; "locked up" -> "arrested").
* :func:`term` maps one surface word to its *term*: a light suffix stemmer (arrests,
  arrested, arresting -> arrest) followed by a compact synonym lexicon of general English
  for news questions (jailed, detained, nabbed -> arrest; ppl -> people; celebs, stars ->
  celebrity; said, wrote, posted -> say ...).

Questions alone are widened by the paraphrase lexicon (:data:`PARAPHRASES`: a question word
-> the words news coverage uses for the same idea, matched at a lower credit), and
:func:`is_ordinary` tells an ordinary English word from a name or rare word (from
pyspellchecker's general-English word counts).

It also holds the small word lists the engine uses to read a question: stopwords, answer-type
cues (how many, when, where, who, said), question-intent cues (:data:`INTENT_CUES`: justify,
compared), contrasting words (:data:`ANTONYMS`) and the record features they look for
(numbers, days, places, reasons, comparisons, beliefs, series of names).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache


def wordset(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text`` (for word lists)."""
    return frozenset(text.split())


# --------------------------------------------------------------------------- folding

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": " ",
    }
)
# Invisible format characters (zero-width, bidirectional controls, soft hyphen, BOM) and
# combining marks (accents, once NFKD has split them off the letters).
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Dotted abbreviations people write in several ways; rewritten before punctuation goes.
_ABBREVIATIONS = re.compile(
    r"\b(?:l\.\s?a\b\.?|u\.\s?s\.(?:\s?a\b\.?)?|d\.\s?c\b\.?|n\.\s?y\.(?:\s?c\b\.?)?)"
)
_ABBREVIATED = {"l": " la ", "u": " usa ", "d": " dc ", "n": " nyc "}
_POSSESSIVE = re.compile(r"(?<=[^\W_])'s\b|(?<=s)'(?=\s|$)")
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_TOKEN = re.compile(r"[^\W_]+")
_CLAUSES = re.compile(r"[,;:!?()\[\]]|\.(?!\d)")


def fold(text: str) -> str:
    """The text folded for comparison: NFKC, casefolded, accents and invisibles removed,
    quotes and dashes made plain, possessives dropped. Punctuation is kept (see :func:`words`)."""
    if text.isascii():
        text = text.lower().translate(_TRANSLATE)
    else:
        text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
        text = _INVISIBLE.sub("", text).casefold()
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    if "." in text:
        text = _ABBREVIATIONS.sub(lambda m: _ABBREVIATED[m.group()[0]], text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text).replace("'", "")
    if "," in text:
        text = _DIGIT_GROUPS.sub("", text)
    return text


# --------------------------------------------------------------------------- numbers

_UNITS = {
    "zero": 0,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_SCALES])


def _numbers(tokens: list[str]) -> list[str]:
    """Number words to digits: "twenty seven" -> "27", "a hundred" -> "100".

    A lone "one" stays a word ("no one", "one of them"); "one hundred" is a number. Digits
    keep their scale word ("385 thousand"), as the coverage writes them.
    """
    if _NUMBER_WORDS.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        starts = (
            tok in _UNITS
            or tok in _TENS
            or (tok in ("one", "a") and i + 1 < n and tokens[i + 1] in _SCALES)
        )
        if not starts:
            out.append(tok)
            i += 1
            continue
        total, current, last, j = 0, 0, "", i
        while j < n:
            t = tokens[j]
            if t in _UNITS and (
                last in ("", "hundred", "scale") or (last == "ten" and _UNITS[t] < 10)
            ):
                current += _UNITS[t]
                last = "unit"
            elif t in _TENS and last in ("", "hundred", "scale"):
                current += _TENS[t]
                last = "ten"
            elif t in ("one", "a") and last == "" and j + 1 < n and tokens[j + 1] in _SCALES:
                current, last = 1, "unit"
            elif t == "hundred" and last == "unit":
                current *= 100
                last = "hundred"
            elif t in _SCALES and t != "hundred" and last in ("unit", "ten", "hundred"):
                total += current * _SCALES[t]
                current, last = 0, "scale"
            elif (
                t == "and"
                and last in ("hundred", "scale")
                and j + 1 < n
                and (tokens[j + 1] in _UNITS or tokens[j + 1] in _TENS)
            ):
                pass
            else:
                break
            j += 1
        out.append(str(total + current))
        i = j
    return out


# --------------------------------------------------------------------------- phrases

#: Fixed phrases rewritten to one or more words before stemming (longest match first).
PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("los", "angeles"): ("la",),
    ("l", "a"): ("la",),
    ("city", "of", "angels"): ("la",),
    ("united", "states"): ("usa",),
    ("u", "s"): ("usa",),
    ("u", "s", "a"): ("usa",),
    ("america",): ("usa",),
    ("us", "cities"): ("usa", "cities"),
    ("nyc",): ("new", "york"),
    ("new", "york", "city"): ("new", "york"),
    ("immigration", "and", "customs", "enforcement"): ("ice",),
    ("immigration", "customs", "enforcement"): ("ice",),
    ("blm",): ("black", "lives", "matter"),
    ("locked", "up"): ("arrested",),
    ("lock", "up"): ("arrested",),
    ("locking", "up"): ("arrested",),
    ("rounded", "up"): ("arrested",),
    ("round", "up"): ("arrested",),
    ("picked", "up"): ("arrested",),
    ("taken", "into", "custody"): ("arrested",),
    ("taken", "in"): ("arrested",),
    ("hauled", "off"): ("arrested",),
    ("famous", "people"): ("celebrities",),
    ("famous", "ppl"): ("celebrities",),
    ("famous", "folks"): ("celebrities",),
    ("big", "names"): ("celebrities",),
    ("public", "figures"): ("celebrities",),
    ("dtla",): ("downtown", "la"),
    ("speak", "up"): ("speak", "out"),
    ("spoke", "up"): ("spoke", "out"),
    ("speaking", "up"): ("speaking", "out"),
    ("teargas",): ("tear", "gas"),
    ("rubber", "bullets"): ("non", "lethal", "rounds"),
    ("less", "lethal"): ("non", "lethal"),
    ("hiphop",): ("hip", "hop"),
    ("tl", "dr"): ("summary",),
    ("tldr",): ("summary",),
    ("call", "out"): ("call", "criticized"),
    ("called", "out"): ("called", "criticized"),
    ("calling", "out"): ("calling", "criticized"),
    ("calls", "out"): ("calls", "criticized"),
    ("how", "come"): ("why",),
    ("so", "far"): ("sofar",),
    ("to", "date"): ("sofar",),
    ("as", "of", "now"): ("now",),
    ("right", "now"): ("now",),
    ("up", "to", "date"): ("updated",),
    ("what", "for"): ("why",),
    ("instagram", "stories"): ("instagram", "story"),
    ("insta", "story"): ("instagram", "story"),
    ("ig", "story"): ("instagram", "story"),
    # general news English: fixed expressions read as the plain word they mean
    ("pick", "up"): ("arrested",),
    ("picking", "up"): ("arrested",),
    ("picks", "up"): ("arrested",),
    ("push", "back"): ("speak", "out"),
    ("pushed", "back"): ("spoke", "out"),
    ("pushing", "back"): ("speaking", "out"),
    ("pushes", "back"): ("speaks", "out"),
    ("pushback",): ("speaking", "out"),
    ("stand", "up"): ("speak", "out"),
    ("stood", "up"): ("spoke", "out"),
    ("standing", "up"): ("speaking", "out"),
    ("sound", "off"): ("speak", "out"),
    ("sounded", "off"): ("spoke", "out"),
    ("weigh", "in"): ("comment",),
    ("weighed", "in"): ("commented",),
    ("weighing", "in"): ("commenting",),
    ("sit", "down"): ("meet",),
    ("sat", "down"): ("met",),
    ("sits", "down"): ("meets",),
    ("go", "up"): ("increase",),
    ("goes", "up"): ("increase",),
    ("going", "up"): ("increase",),
    ("gone", "up"): ("increase",),
    ("went", "up"): ("increase",),
    ("crack", "down"): ("crackdown",),
    ("cracking", "down"): ("crackdown",),
    ("cracked", "down"): ("crackdown",),
    ("pro", "choice"): ("abortion",),
    ("pro", "life"): ("abortion",),
    ("across", "the", "country"): ("nationwide",),
    ("all", "over", "the", "country"): ("nationwide",),
    ("shout", "out"): ("mention",),
    ("shouted", "out"): ("mentioned",),
    ("shoutout",): ("mention",),
    ("rake", "it", "in"): ("rake",),
    ("raking", "it", "in"): ("rake",),
    ("in", "favor"): ("support",),
    ("in", "favour"): ("support",),
    # question frames that carry no content: "what's the deal with X", "X or nah"
    ("the", "deal", "with"): (),
    ("the", "deal", "w"): (),
    ("whats", "up", "with"): (),
    ("what", "up", "with"): (),
    ("going", "on", "with"): (),
    ("or", "nah"): (),
    ("or", "not"): (),
    ("stand", "on"): ("stance",),
    ("take", "on"): ("stance",),
    ("takes", "on"): ("stance",),
    ("last", "year"): ("recently",),
    ("this", "year"): ("recently",),
    ("last", "week"): ("recently",),
    ("this", "week"): ("recently",),
    ("last", "month"): ("recently",),
    ("this", "month"): ("recently",),
    ("stands", "on"): ("stance",),
    ("the", "point", "of"): ("purpose",),
}
#: Chat spellings of function words, read as the word they stand for.
CHAT_SPELLINGS: dict[str, str] = {
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "whta": "what",
    "waht": "what",
    "bout": "about",
    "abt": "about",
    "abut": "about",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "wen": "when",
    "whn": "when",
    "wher": "where",
    "whr": "where",
    "hw": "how",
    "da": "the",
    "dat": "that",
    "dis": "this",
    "wit": "with",
    "w": "with",
    "thru": "through",
    "bcuz": "because",
    "becuz": "because",
    "y": "why",
    "wy": "why",
    "hv": "have",
    "hav": "have",
    "ppls": "people",
    "ur": "your",
    "r": "are",
    "u": "you",
    "yr": "year",
    "yrs": "years",
    "ya": "you",
    "2day": "today",
}
for _spelling, _word in CHAT_SPELLINGS.items():
    PHRASES.setdefault((_spelling,), (_word,))
_PHRASE_MAX = max(len(k) for k in PHRASES)
_PHRASE_FIRST = {k[0] for k in PHRASES}


PHRASE_WORDS = frozenset(w for k in PHRASES for w in k)


def phrases(tokens: list[str], marks: list[int] | None = None) -> tuple[list[str], list[int]]:
    """Fixed phrases rewritten (longest first). ``marks`` (one int per token) follow the
    words; a rewritten phrase gets the highest mark of its words."""
    if marks is None:
        marks = [0] * len(tokens)
    if _PHRASE_FIRST.isdisjoint(tokens):
        return tokens, marks
    out: list[str] = []
    out_marks: list[int] = []
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i] in _PHRASE_FIRST:
            for size in range(min(_PHRASE_MAX, n - i), 0, -1):
                repl = PHRASES.get(tuple(tokens[i : i + size]))
                if repl is not None:
                    out.extend(repl)
                    out_marks.extend([max(marks[i : i + size])] * len(repl))
                    i += size
                    break
            else:
                out.append(tokens[i])
                out_marks.append(marks[i])
                i += 1
        else:
            out.append(tokens[i])
            out_marks.append(marks[i])
            i += 1
    return out, out_marks


def raw_words(text: str) -> list[str]:
    """The words of a text folded, number words as digits, before phrases are rewritten."""
    folded = fold(text)
    tokens = _TOKEN.findall(folded)
    if not _NUMBER_WORDS.isdisjoint(tokens):
        # numbers do not run across punctuation ("a hundred, forty")
        tokens = [t for part in _CLAUSES.split(folded) for t in _numbers(_TOKEN.findall(part))]
    return tokens


def words(text: str) -> list[str]:
    """The surface words of a text: folded, numbers as digits, fixed phrases rewritten."""
    return phrases(raw_words(text))[0]


# --------------------------------------------------------------------------- stopwords

STOPWORDS: frozenset[str] = wordset(
    """
    a about above across actually after afterwards again against ago all almost alone along
    already also although always am among an and another any anybody anyhow anyone anything
    anyway anyways anywhere are aren arent around as at be became because become becomes been
    before beforehand behind being below beside besides between beyond both but by can cannot
    cant could couldn couldnt did didn didnt do does doesn doesnt doing don done dont down
    during each eg either else elsewhere enough etc even ever every everybody everyone
    everything everywhere except few for from further had hadn hadnt has hasn hasnt have
    haven havent having he hed hell hence her here hers herself hes him himself his how however
    hows i id ie if ill im in indeed into is isn isnt it itd itll its itself ive just least
    less let lets like likely ll many may maybe me meanwhile might mine more moreover most mostly
    much must mustn my myself namely neither nevertheless no nobody none noone nor not
    nothing now nowhere of off often oh ok okay on once one ones only onto or other others
    otherwise ought our ours ourselves out over own per perhaps please pls plz quite rather re
    really s same shall shan she shed shell shes should shouldn shouldnt since so some
    somebody somehow someone something sometime sometimes somewhere still such t than that
    thats the their theirs them themselves then thence there thereafter thereby therefore
    therein theres thereupon these they theyd theyll theyre theyve this those though through
    throughout thru thus to too toward towards u under unless until up upon ur us use used
    very via was wasn wasnt we wed well were weren werent weve what whatever whats when
    whence whenever where whereas wherever whether which while whither who whod whoever whole
    whom whos whose why will with within without won wont would wouldn wouldnt y yall yes yet
    you youd youll your youre yours yourself yourselves youve
    r n m d ve

    hi hello hey heya hiya yo sup howdy greetings thanks thank thx ty tysm cheers bye goodbye
    gm gn lol lmao haha hahaha hmm hm um uh uhh ah bro bruh dude guys man fam pal buddy sir
    maam bot coverage bot

    tell tells telling show give gives giving let lets know knew known wanna gonna gotta
    kinda sorta wonder wondering curious explain describe summarize summarise mean means
    meaning find look looking get gets getting got gotten go goes going went gone happen
    happens happened happening thing things stuff lot lots kind sort type bit exactly
    particular specifically basically literally anybody somebody info information detail
    details regarding concerning related relating involving nearly approximately roughly
    approx

    ngl tbh imo imho idk idc btw fyi omg rn fr smh iirc afaik wtf lmk ikr irl tho thru
    past previously formerly
    decide decided decides deciding try tried tries trying want wanted wants need needed
    needs time times true false correct accurate using uses given
    """
)
# "won" (as in "who won") is a content word here, not the contraction of "will not".
STOPWORDS = STOPWORDS - {"won"}

#: Words that ask about the article itself ("what is this article about").
META_WORDS: frozenset[str] = wordset(
    "article story piece coverage news report reporting headline headlines text summary "
    "gist overview topic"
)

#: Words that ask for the newest of near-equal candidates.
RECENCY_WORDS: frozenset[str] = wordset(
    "sofar latest now currently current newest recent recently updated update lately todays"
)

# --------------------------------------------------------------------------- stemming

_IRREGULAR = {
    "said": "say",
    "says": "say",
    "saying": "say",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "told": "tell",
    "met": "meet",
    "won": "win",
    "began": "begin",
    "begun": "begin",
    "sent": "send",
    "led": "lead",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "went": "go",
    "ran": "run",
    "held": "hold",
    "fell": "fall",
    "fallen": "fall",
    "saw": "see",
    "seen": "see",
    "thought": "think",
    "felt": "feel",
    "made": "make",
    "caught": "catch",
    "brought": "bring",
    "came": "come",
    "lost": "lose",
    "chose": "choose",
    "chosen": "choose",
    "stood": "stand",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "people",
    "news": "news",
    "kids": "child",
    "kid": "child",
    "shot": "shoot",
    "fought": "fight",
    "sought": "seek",
    "bought": "buy",
    "paid": "pay",
    "hid": "hide",
    "hidden": "hide",
    "tore": "tear",
    "torn": "tear",
    "drove": "drive",
    "driven": "drive",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "thrown": "throw",
    "struck": "strike",
    "fled": "flee",
    "spread": "spread",
    "has": "have",
    "had": "have",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "this": "this",
    "his": "his",
    "its": "its",
    "us": "us",
    "bus": "bus",
    "gas": "gas",
    "always": "always",
    "series": "series",
    "species": "species",
    "vs": "vs",
}
_KEEP_S = ("ss", "us", "is", "ous", "ics")
_NO_UNDOUBLE = frozenset("lsz")
_VOWELS = frozenset("aeiouy")


def stem(word: str) -> str:
    """A light suffix stemmer: plural and verb endings, -ly, -er(s), a final -e.

    Deliberately small: it only has to map the forms a reader types onto the forms the
    coverage uses (protests / protesting / protesters -> protest), the same way for both.
    """
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(_KEEP_S):
        w = w[:-1]
    if w.endswith("edly") and len(w) > 6:
        w = w[:-4]
    elif w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith(("ibility", "ability")) and len(w) > 9:
        w = w[:-5] + "l"  # responsibility -> responsibl(e)
    elif w.endswith("ment") and len(w) - 4 >= 5:
        w = w[:-4]  # enforcement -> enforce
    elif w.endswith("ness") and len(w) - 4 >= 4:
        w = w[:-4]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) - 3 >= 3 and any(c in _VOWELS for c in w[:-3]):
        w = w[:-3]
    elif w.endswith("ed") and not w.endswith("eed") and len(w) - 2 >= 3:
        w = w[:-2]
    if w.endswith("er") and len(w) >= 6:
        w = w[:-2]  # protesters, gathering -> gather -> gath
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in _VOWELS and w[-1] not in _NO_UNDOUBLE:
        w = w[:-1]
    return w


# --------------------------------------------------------------------------- synonyms

#: canonical word -> words readers use for it (general English for news questions).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "arrest": (
        "arrests",
        "arrested",
        "arresting",
        "detain",
        "detained",
        "detaining",
        "detainee",
        "detainees",
        "jail",
        "jailed",
        "jailing",
        "nab",
        "nabbed",
        "bust",
        "busted",
        "apprehend",
        "apprehended",
        "imprison",
        "imprisoned",
        "lockup",
        "cuff",
        "cuffed",
        "handcuffed",
        "captured",
        "seized",
    ),
    "people": ("ppl", "persons", "folks", "individuals", "peeps", "humans"),
    "police": ("cops", "cop", "lapd", "officers", "officer", "policemen"),
    "protest": (
        "protests",
        "protested",
        "protesting",
        "protestor",
        "protestors",
        "protester",
        "protesters",
        "demonstration",
        "demonstrations",
        "demonstrator",
        "demonstrators",
        "rally",
        "rallies",
        "riot",
        "riots",
        "rioters",
        "unrest",
        "marchers",
        "march",
        "marches",
        "demonstrate",
        "demonstrates",
        "demonstrated",
        "demonstrating",
        "marched",
        "marching",
    ),
    "celebrity": (
        "celebrities",
        "celeb",
        "celebs",
        "celebritys",
        "star",
        "stars",
        "hollywood",
        "famous",
        "icons",
        "entertainers",
    ),
    "say": (
        "said",
        "says",
        "saying",
        "wrote",
        "write",
        "writes",
        "writing",
        "written",
        "post",
        "posts",
        "posted",
        "posting",
        "tweet",
        "tweets",
        "tweeted",
        "claim",
        "claims",
        "claimed",
        "claiming",
        "comment",
        "comments",
        "commented",
        "tell",
        "told",
        "quote",
        "quoted",
        "quotes",
        "mention",
        "mentioned",
        "message",
        "messages",
        "remark",
        "remarks",
        "complain",
        "complained",
        "complaining",
        "argue",
        "argued",
        "insist",
        "insisted",
        "warn",
        "warned",
        "declare",
        "declared",
        "announce",
        "announced",
        "accuse",
        "accused",
        "exclaim",
        "exclaimed",
        "remark",
        "remarked",
        "reply",
        "replied",
        "suggest",
        "suggested",
        "suggests",
        "suggesting",
    ),
    "point": ("aim", "aimed", "aiming", "aims", "pointing", "pointed", "points"),
    "ignore": ("ignored", "ignores", "ignoring", "disregard", "disregarding", "disregards"),
    "instagram": ("insta", "ig", "gram"),
    "immigrant": ("immigrants", "migrant", "migrants", "undocumented"),
    "raid": ("raids", "raided", "sweep", "sweeps"),
    "spread": ("expand", "expanded", "expanding", "expansion", "spreading", "spreads"),
    "city": ("cities", "town", "towns"),
    "award": (
        "awards",
        "prize",
        "prizes",
        "trophy",
        "honor",
        "honored",
        "honour",
        "honoured",
        "ceremony",
    ),
    "share": ("shared", "shares", "sharing", "repost", "reposted", "reshared", "retweeted"),
    "gun": ("guns", "weapon", "weapons", "firearm", "firearms"),
    "safe": ("safety", "safely", "secure", "security"),
    "work": ("job", "jobs", "workers", "worker", "employment"),
    "diversity": ("diverse",),
    "resist": ("resistance", "resisting", "resisted"),
    "protect": ("protecting", "protection", "protected"),
    "hope": ("hopeful", "hopes", "hoped", "hoping"),
    "fear": ("afraid", "scared", "fears", "feared", "fearful"),
    "hate": ("hatred", "hateful"),
    "injustice": ("unjust", "unfair", "injustices"),
    "win": ("won", "wins", "winning", "winner"),
    "video": ("clip", "clips", "footage", "videos", "vid", "vids"),
    "photo": ("pic", "pics", "picture", "pictures", "photos"),
    "support": (
        "supported",
        "supporting",
        "supports",
        "endorse",
        "endorsed",
        "endorsement",
        "back",
        "backed",
        "backing",
        "backs",
    ),
    "damage": ("damaging", "damages", "damaged", "harm", "harms", "harmed", "harming", "hurt"),
    "politic": ("political", "politically", "politics"),
    "vote": ("voted", "votes", "voting", "ballot"),
    "deploy": ("deployed", "deploying", "deployment", "send", "sent", "dispatched"),
    "president": ("potus", "presidential", "pres", "prez"),
    "oligarchy": ("oligarch", "oligarchs", "oligarchies"),
    "actor": ("actress", "actresses", "actors"),
    "director": ("filmmaker", "filmmakers", "directors"),
    "government": ("govt", "gov", "administration", "admin"),
    "soldier": ("troops", "troop", "soldiers"),
    "start": ("began", "begin", "begun", "started", "starting", "beginning"),
    "react": ("reacted", "reaction", "reactions", "respond", "responded", "response"),
    "criticize": ("criticized", "criticised", "criticise", "slammed", "blasted", "condemned"),
    "meet": ("met", "meeting", "meetings"),
    "encourage": ("encouraged", "urged", "urge", "urging"),
    "january": ("jan",),
    "february": ("feb",),
    "august": ("aug",),
    "september": ("sep", "sept"),
    "october": ("oct",),
    "november": ("nov",),
    "december": ("dec",),
}


def _build_canon() -> dict[str, str]:
    canon: dict[str, str] = {}
    for target, variants in SYNONYMS.items():
        head = stem(target)
        for v in (target, *variants):
            canon[stem(v)] = head
    return canon


_CANON = _build_canon()


@lru_cache(maxsize=65_536)
def term(word: str) -> str:
    """The index term of a surface word: stemmed, then mapped through the synonyms."""
    s = stem(word)
    return _CANON.get(s, s)


def content_terms(text: str) -> list[str]:
    """The terms of a text's content words (stopwords and 1-letter words dropped)."""
    return [term(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def is_content(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


# --------------------------------------------------------------------------- paraphrases

#: The paraphrase lexicon: a word readers use in questions -> words news coverage uses for
#: the same idea. General English for news questions, not this article's wording: "sweeps"
#: and "crackdown" for raids, "opposing" for speaking out, "monarch" for king, "cheered" for
#: reacted positively. Unlike :data:`SYNONYMS` (one term for every form, on both sides),
#: these only widen a question word: it keeps its own term at full credit and each related
#: word counts ``PARAPHRASE_CREDIT`` (a looser match). Keys and values are looked up through
#: :func:`term`, so any inflection of a key works ("objecting", "objected" -> "object").
#: Multi-word expressions are rewritten to one of these words by :data:`PHRASES` first.
PARAPHRASES: dict[str, tuple[str, ...]] = {
    # taking a stand
    "oppose": ("speak", "criticize", "protest", "against"),
    "opposed": ("speak", "criticize", "protest", "against"),
    "opposition": ("speak", "criticize", "protest", "against"),
    "object": ("speak", "criticize", "protest"),
    "objection": ("speak", "criticize", "protest"),
    "denounce": ("criticize", "speak"),
    "decry": ("criticize", "speak"),
    "rail": ("criticize", "speak"),
    "attack": ("criticize",),
    "bash": ("criticize",),
    "roast": ("criticize",),
    "voice": ("speak", "say"),
    "vocal": ("speak",),
    "outspoken": ("speak",),
    "activism": ("political", "speak"),
    "activist": ("political", "speak"),
    "stance": ("support", "position"),
    "champion": ("support",),
    "advocate": ("support",),
    "back": ("support",),
    "backer": ("support",),
    "proponent": ("support",),
    "defender": ("support", "defend"),
    "favor": ("support",),
    "favour": ("support",),
    "critic": ("criticism", "opponent"),
    "opponent": ("critic", "criticism"),
    "detractor": ("critic", "criticism"),
    "cheer": ("react", "positively", "support", "liked"),
    "applaud": ("react", "positively", "support", "liked"),
    "praise": ("react", "positively", "support", "liked"),
    "like": ("liked", "react", "positively"),
    "endorse": ("support",),
    # enforcement and force
    "crackdown": ("raid", "operation", "enforcement"),
    "raid": ("operation", "crackdown", "enforcement"),
    "operation": ("raid",),
    "roundup": ("raid", "arrest"),
    "agent": ("ice", "officer"),
    "feds": ("ice", "federal"),
    "federal": ("ice",),
    "army": ("military", "soldier", "guard"),
    "military": ("soldier", "guard"),
    "soldier": ("military", "guard"),
    "marine": ("military", "soldier"),
    "guardsman": ("guard", "soldier"),
    "mobilize": ("deploy",),
    "facility": ("center",),
    "prison": ("detention", "jail"),
    "deport": ("remove",),
    "lock": ("arrest", "jail"),
    "deportation": ("remove",),
    "force": ("military",),
    # protest
    "crowd": ("protest", "gather"),
    "gathering": ("protest", "gather"),
    "activists": ("protest",),
    "uprising": ("protest",),
    "reach": ("spread",),
    "hit": ("spread",),
    "nationwide": ("cities", "spread"),
    "national": ("nationwide",),
    # counts and change
    "increase": ("surge",),
    "rise": ("surge", "increase"),
    "spike": ("surge", "increase"),
    "jump": ("surge", "increase"),
    "soar": ("surge", "increase"),
    "climb": ("surge", "increase"),
    "grow": ("surge", "increase", "spread"),
    "escalate": ("surge", "increase", "spread"),
    # people
    "billionaire": ("businessman",),
    "tycoon": ("businessman",),
    "mogul": ("businessman",),
    "entrepreneur": ("businessman",),
    "ceo": ("businessman",),
    "monarch": ("king",),
    "royalty": ("king",),
    "royal": ("king",),
    "crown": ("king",),
    "dictator": ("king",),
    "tyrant": ("king",),
    "emperor": ("king",),
    "ruler": ("king",),
    "musician": ("singer", "rapper"),
    "artist": ("singer", "rapper"),
    "filmmaker": ("director",),
    "candidate": ("election", "president"),
    "nominee": ("election", "president"),
    "official": ("mayor", "president"),
    "leader": ("mayor", "president"),
    "politician": ("mayor", "president", "political"),
    "outlet": ("according",),
    "publication": ("according",),
    "magazine": ("according",),
    "newspaper": ("according",),
    "followers": ("people",),
    "fans": ("people",),
    "folks": ("people",),
    # doing and saying
    "visit": ("meet",),
    "talk": ("discuss", "say", "speak"),
    "discuss": ("talk",),
    "chat": ("discuss", "talk", "meet"),
    "describe": ("say",),
    "call": ("say",),
    "label": ("say",),
    "shout": ("say",),
    "reply": ("react",),
    "witness": ("see",),
    "see": ("witness",),
    "watch": ("witness",),
    "manipulate": ("trick",),
    "deceive": ("trick",),
    "fool": ("trick",),
    "dupe": ("trick",),
    "con": ("trick",),
    "fight": ("tear", "apart"),
    "divide": ("tear", "apart", "separate"),
    "pit": ("tear", "apart"),
    "turn": ("tear",),
    "rich": ("rake",),
    "profit": ("rake",),
    "cash": ("rake",),
    "separate": ("rip", "tear"),
    "tear": ("separate", "rip"),
    "rip": ("separate", "tear"),
    "split": ("separate", "rip", "tear"),
    "break": ("separate", "tear"),
    "destroy": ("damage", "tear"),
    "ruin": ("damage",),
    "wreck": ("damage",),
    "cruel": ("inhumane",),
    "brutal": ("inhumane",),
    "overlook": ("ignore", "blind"),
    "ignore": ("blind", "eye"),
    "unite": ("together",),
    "solidarity": ("together", "stand"),
    "unity": ("together",),
    "bigotry": ("hate",),
    "racism": ("hate",),
    "discrimination": ("hate", "injustice"),
    "liberty": ("free", "freely"),
    "freedom": ("free", "freely"),
    "free": ("freely",),
    "inclusion": ("diversity",),
    "multicultural": ("diversity",),
    "tough": ("strict",),
    "tight": ("strict",),
    "strong": ("strict",),
    "rule": ("law",),
    "legislation": ("law",),
    "regulation": ("law",),
    "conduct": ("behavior",),
    "action": ("behavior",),
    "honor": ("named", "award"),
    "title": ("named", "award"),
    "top": ("best",),
    "greatest": ("best",),
    "woman": ("female",),
    "family": ("families",),
    "kids": ("families", "child"),
    "neighborhood": ("community",),
    "hometown": ("from",),
    "origin": ("from",),
    "born": ("from",),
    "history": ("foray", "first"),
    "connect": ("tied", "linked"),
    "associate": ("tied", "linked"),
    "close": ("tied", "friends"),
    "relationship": ("tied", "ties"),
    "rumor": ("tied", "reportedly"),
    "foreigner": ("immigrant",),
    "newcomer": ("immigrant",),
    "alien": ("immigrant",),
    "refugee": ("immigrant",),
    "job": ("workplace", "work"),
    "employer": ("workplace",),
    "business": ("workplace",),
    "target": ("focus",),
    "goal": ("purpose", "focus"),
    "point": ("purpose",),
    "motive": ("purpose", "focus"),
    "slogan": ("say", "post"),
    "hashtag": ("post", "protect"),
    "curse": ("f",),
    "swear": ("f",),
}


@lru_cache(maxsize=65_536)
def related_terms(word: str) -> tuple[str, ...]:
    """The terms :data:`PARAPHRASES` relates to a question word (its own term excluded)."""
    own = term(word)
    found = _RELATED.get(own) or _RELATED.get(stem(word)) or ()
    return tuple(t for t in found if t != own)


def _build_related() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for key, values in PARAPHRASES.items():
        ts = tuple(dict.fromkeys(term(w) for v in values for w in words(v)))
        for k in {term(key), stem(key)}:
            out[k] = tuple(dict.fromkeys(out.get(k, ()) + ts))
    return out


_RELATED = _build_related()


# --------------------------------------------------------------------------- general English

#: A word seen at least this often in the general-English frequency list (pyspellchecker's,
#: from subtitles) is an *ordinary* word: "justify", "roughly", "tougher" rather than a name
#: ("beyonce", "kendrick") or a rare topic word.
ORDINARY_MIN_COUNT = 800
_ENGLISH: dict[str, int] | None = None


def load_english() -> dict[str, int]:
    """The general-English word counts (loaded once, on first use: about 0.4 s)."""
    return _english()


def _english() -> dict[str, int]:
    global _ENGLISH
    if _ENGLISH is None:
        from spellchecker import SpellChecker

        counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
        _ENGLISH = {w: c for w, c in counts.items() if c >= ORDINARY_MIN_COUNT}
    return _ENGLISH


def is_ordinary(word: str) -> bool:
    """Whether ``word`` is an ordinary English word (common in general English), as opposed
    to a name or a rare word: an unknown ordinary word says less about what a question is
    about than an unknown name does."""
    return word in _english()


# --------------------------------------------------------------------------- contrasts

#: Words that contradict each other: a record with the other word and not the question's
#: ("best male artist" against "best female artist") does not answer the question.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("male", "female"),
    ("man", "woman"),
    ("men", "women"),
    ("boy", "girl"),
    ("best", "worst"),
    ("win", "lose"),
    ("winner", "loser"),
    ("increase", "decrease"),
    ("surge", "drop"),
    ("rise", "fall"),
    ("support", "oppose"),
    ("pro", "anti"),
    ("legal", "illegal"),
    ("violent", "peaceful"),
    ("north", "south"),
    ("east", "west"),
    ("democrat", "republican"),
    ("liberal", "conservative"),
)


def _build_antonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for a, b in ANTONYMS:
        ta, tb = term(a), term(b)
        if ta != tb:
            out.setdefault(ta, tb)
            out.setdefault(tb, ta)
    return out


OPPOSITES: dict[str, str] = _build_antonyms()


# --------------------------------------------------------------------------- answer types

NUMBER, DATE, PLACE, PERSON, SPEECH = 1, 2, 4, 8, 16
#: GEO: a geographic name (city, state, country), asked for by "where ... from";
#: REASON: causal wording, asked for by "why".
GEO, REASON = 64, 128
#: MEDIUM: where something was said ("Instagram story", "speech"), half an answer to "where".
MEDIUM = 256
#: COMPARE: a comparison ("acting like a king", "worse than"), asked for by "who compared X
#: to Y"; LIST: a series of names ("Atlanta, Seattle, New York and Chicago"), which answers
#: "how many cities" by naming them.
COMPARE, LIST = 512, 1024
#: BELIEF: what someone believes or argues ("believe ... necessary"), asked for by "how do
#: supporters justify X".
BELIEF = 2048
#: Bits above this are question-only (records never carry them).
RECORD_FLAGS = 4096
#: VENUE: "where" about something said ("where did X speak out"): a medium answers it.
VENUE = 4096
#: OPINION: "what does X think", "X's stance": a quote is best, a fact will do.
OPINION = 8192
#: NAME: "what's the name of X", "what is X called": the answer must name X.
NAME = 16384
#: COUNT: "how many X": a record naming a series of X (LIST) counts them.
COUNT = 32768
_SAYING = wordset(
    "speak speaks spoke spoken speaking say said says saying post posted wrote write written "
    "share shared tweet tweeted comment commented react reacted"
)

#: The term a speech verb maps to: questions with it ask for a quote, and it is not matched
#: as a content word (quotes rarely contain "said").
SPEECH_TERM = term("say")
#: Opinion words: "what does X think", "X's stance": also a request for what X said.
OPINION_WORDS: frozenset[str] = wordset(
    "think thinks thought feel feels felt opinion opinions view views stance stances "
    "position positions thoughts words"
)
SPEECH_WORDS: frozenset[str] = frozenset(
    w for w in ("say", *SYNONYMS["say"]) if w not in ("message", "messages", "statement")
) | {"quote", "quotes", "words"}

_NUMBER_CUES: tuple[tuple[str, ...], ...] = (
    ("how", "many"),
    ("how", "long"),
    ("how", "old"),
    ("how", "often"),
    ("how", "far"),
    ("how", "big"),
    ("how", "tall"),
    ("how", "large"),
    ("how", "much"),
    ("how", "bad"),
    ("how", "serious"),
    ("how", "severe"),
    ("how", "widespread"),
    ("how", "high"),
    ("number",),
    ("count",),
    ("total",),
    ("amount",),
    ("figure",),
    ("figures",),
    ("stats",),
    ("statistics",),
    ("tally",),
    ("toll",),
)
_DATE_CUES: tuple[tuple[str, ...], ...] = (
    ("when",),
    ("what", "day"),
    ("which", "day"),
    ("what", "date"),
    ("what", "year"),
    ("which", "year"),
    ("what", "time"),
    ("what", "month"),
    ("which", "month"),
    ("what", "night"),
    ("which", "night"),
    ("date",),
    ("how", "long", "ago"),
)
_PLACE_CUES: tuple[tuple[str, ...], ...] = (
    ("where",),
    *(
        (q, noun)
        for q in ("which", "what")
        for noun in (
            "city",
            "cities",
            "place",
            "places",
            "state",
            "states",
            "country",
            "countries",
            "location",
            "locations",
            "venue",
            "town",
            "towns",
            "platform",
            "site",
        )
    ),
)
_PERSON_CUES: tuple[tuple[str, ...], ...] = (
    ("who",),
    ("whom",),
    ("whose",),
    ("whos",),
    *(
        (q, noun)
        for q in ("which", "what")
        for noun in (
            "celebrity",
            "celebrities",
            "celeb",
            "celebs",
            "star",
            "stars",
            "person",
            "people",
            "actor",
            "actors",
            "actress",
            "rapper",
            "singer",
            "artist",
            "artists",
        )
    ),
)


#: Nouns that only say what kind of answer is wanted ("the number of arrests", "the arrest
#: count"): answer-type cues, not words to match.
CUE_WORDS: frozenset[str] = wordset(
    "number numbers count total amount figure figures stats statistics tally toll"
)


def _has_cue(words_: list[str], cues: tuple[tuple[str, ...], ...]) -> bool:
    present = set(words_)
    for cue in cues:
        if cue[0] not in present:
            continue
        size = len(cue)
        if size == 1:
            return True
        for i in range(len(words_) - size + 1):
            if tuple(words_[i : i + size]) == cue:
                return True
    return False


_REASON_CUES: tuple[tuple[str, ...], ...] = (
    ("why",),
    ("reason",),
    ("reasons",),
    ("purpose",),
    ("motive",),
    ("motivation",),
)


#: Question-intent cues: words that say what kind of answer is wanted, not what it is about.
#: They set answer types and are never matched as content words: "how do supporters
#: justify X" asks for what supporters believe (a reason or an opinion), "who compared X to
#: Y" for a comparison ("X is acting like Y").
INTENT_CUES: dict[str, int] = {
    **dict.fromkeys(
        wordset(
            "justify justifies justified justifying justification justifications rationale "
            "rationales reasoning arguments argument excuse excuses"
        ),
        REASON | OPINION | BELIEF,
    ),
    **dict.fromkeys(
        wordset(
            "compare compares compared comparing comparison comparisons liken likens likened "
            "likening"
        ),
        COMPARE,
    ),
}
#: Words after "how" that only ask for a figure ("how bad did the arrests get").
HOW_CUE_WORDS: frozenset[str] = wordset(
    "many much bad big serious severe widespread high large long far old often tall"
)
#: Nouns after "what"/"which" that only name the answer type ("what day", "which platform",
#: "what state is X from"): not words to match.
TYPE_NOUNS: frozenset[str] = wordset(
    "day days date dates year years month months time night nights platform platforms app "
    "apps site website state country"
)


_ORIGIN_NOUNS = wordset("state country city town")
#: "what platform did X use": a medium answers it.
_MEDIUM_NOUNS = wordset("platform platforms app apps site website network")


def name_head(words_: list[str]) -> int | None:
    """The position of the noun whose name a question asks for: "the name of the federal
    detention *center*", "what is the detention *facility* called"."""
    for i, w in enumerate(words_):
        if w in ("name", "names") and i + 1 < len(words_) and words_[i + 1] == "of":
            head = None
            for j in range(i + 2, len(words_)):
                if words_[j] in _DETERMINERS:
                    continue
                if words_[j] in STOPWORDS:
                    break
                head = j
            return head
        if w == "called" and i > 0 and words_[i - 1] not in STOPWORDS:
            return i - 1
    return None


def _asks_name(words_: list[str]) -> bool:
    """ "what's the name of X", "what is X called": a request for a proper name."""
    for i, w in enumerate(words_):
        if w in ("name", "names") and (
            (i + 1 < len(words_) and words_[i + 1] == "of")
            or (i > 0 and words_[i - 1] in ("the", "its", "their", "whats"))
        ):
            return True
        if (
            w == "called"
            and words_[0] in ("what", "whats")
            and (i + 1 == len(words_) or words_[i + 1] not in ("out", "for", "on", "criticized"))
        ):
            return True
    return False


def question_types(words_: list[str], nouns: Collection[int] = ()) -> int:
    """The answer types a question asks for, as a bit set of NUMBER/DATE/PLACE/PERSON/SPEECH
    (and GEO for "where ... from", REASON for "why", OPINION, COMPARE, NAME). ``nouns``:
    positions of speech words known to be nouns (after a possessive: "Ruffalo's post")."""
    types = 0
    for w in words_:
        types |= INTENT_CUES.get(w, 0)
    if _asks_name(words_):
        types |= NAME
    if _has_cue(words_, _REASON_CUES):
        types |= REASON
    if "from" in words_ and (
        "where" in words_ or any(w in _ORIGIN_NOUNS for w in words_ if w in TYPE_NOUNS)
    ):
        types |= GEO
    if _has_cue(words_, _NUMBER_CUES):
        types |= NUMBER
    if _has_cue(words_, _DATE_CUES):
        types |= DATE
    if _has_cue(words_, _NUMBER_CUES[:1]):
        types |= COUNT
    if _has_cue(words_, _PLACE_CUES):
        types |= PLACE
        if not _SAYING.isdisjoint(words_) or not _MEDIUM_NOUNS.isdisjoint(words_):
            types |= VENUE
    if _has_cue(words_, _PERSON_CUES):
        types |= PERSON
    if any(
        w in SPEECH_WORDS and not (i in nouns or speech_noun(words_, i))
        for i, w in enumerate(words_)
    ):
        types |= SPEECH
    elif not OPINION_WORDS.isdisjoint(words_):
        # "X's stance on guns": a quote, or a fact saying what X supported, answers it
        types |= OPINION
        if "where" in words_ and "stance" in words_:
            # "where does X stand on guns" is not about a place
            types &= ~(PLACE | VENUE | GEO)
    return types


#: Speech words that are also nouns ("his post", "the message").
SPEECH_NOUNS = wordset("post posts tweet tweets comment comments quote quotes words message")
_DETERMINERS = wordset("the a an his her their its this that these those my your our")


def speech_noun(words_: list[str], i: int) -> bool:
    """Whether the speech word at ``i`` is a noun after a determiner ("liked his post":
    a question about a post, not about what was said)."""
    return words_[i] in SPEECH_NOUNS and i > 0 and words_[i - 1] in _DETERMINERS


def asks_recency(words_: list[str]) -> bool:
    return any(w in RECENCY_WORDS for w in words_)


# --------------------------------------------------------------------------- record features

_WEEKDAYS = tuple(wordset("monday tuesday wednesday thursday friday saturday sunday"))
_MONTHS = tuple(
    wordset(
        "january february april june july august september october november december "
        "jan feb apr jun jul aug sep sept oct nov dec"
    )
)
_DAY_NAMES = frozenset([*_WEEKDAYS, *_MONTHS])
DATE_WORDS: frozenset[str] = frozenset(
    [
        *_WEEKDAYS,
        *_MONTHS,
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "overnight",
    ]
)
_US_STATES = (
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
    "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
    "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin "
    "wyoming"
)
_CITIES = (
    "la angeles atlanta seattle chicago york boston houston dallas austin denver phoenix "
    "miami philadelphia detroit portland oakland francisco sacramento diego jose vegas "
    "orleans nashville baltimore minneapolis pittsburgh cleveland memphis milwaukee "
    "charlotte raleigh tampa orlando honolulu anaheim pasadena hollywood compton paramount "
    "dtla dc nyc gaza london paris mexico canada tijuana usa"
)
_PLACE_NOUNS = (
    "city cities town state states country countries county street streets theater theatre "
    "downtown nationwide "
    "building center centre house stadium arena hall campus neighborhood neighbourhood "
    "community communities area region border outside inside abroad venue stage ceremony "
    "site"
)
#: Where something was said rather than a place: "on Instagram", "in a speech".
_MEDIA_NOUNS = (
    "instagram twitter tiktok facebook youtube threads podcast interview show speech story "
    "video post online media"
)
GEO_WORDS: frozenset[str] = frozenset(f"{_US_STATES} {_CITIES}".split())
PLACE_WORDS: frozenset[str] = GEO_WORDS | frozenset(_PLACE_NOUNS.split())
MEDIA_WORDS: frozenset[str] = frozenset(_MEDIA_NOUNS.split())
PLACE_TERMS: frozenset[str] = frozenset(term(w) for w in PLACE_WORDS | MEDIA_WORDS)


def is_constraint(word: str) -> bool:
    """A word that pins a question down to one day, figure or place (sunday, 114, chicago):
    a record without it does not answer the question."""
    return word.isdigit() or word in GEO_WORDS or (word in DATE_WORDS and word in _DAY_NAMES)


_SPEECH_TERMS = frozenset(
    term(w)
    for w in (
        "say",
        "speak",
        "speech",
        "criticize",
        "encourage",
        "address",
        "believe",
        "argue",
        "think",
        "feel",
        "call",
    )
)
#: Causal wording: what a "why" question looks for (in a record's text or keywords).
REASON_WORDS: frozenset[str] = wordset(
    "because why reason reasons purpose purposes due cause caused causes causing motive "
    "motivation responsibility duty focus goal aim necessary believe believes believed"
)


#: Comparison wording: what "who compared X to Y" looks for.
COMPARE_WORDS: frozenset[str] = wordset(
    "like than similar similarly compared comparing likened resembles resemble resembling"
)
_NAME_RE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
#: A series of names: "Atlanta, Seattle, New York and Chicago".
_LIST = re.compile(rf"{_NAME_RE},\s+{_NAME_RE},?\s+and\s+(?:the\s+)?[A-Z]")
#: A purpose, a cause or a means: "met ... to discuss", "necessary to enforce", "over the
#: protests", "acting like a king by defying the courts".
_PURPOSE = re.compile(
    r"\bto\s+([a-z]+)|(?<!all )\b(?:over|amid|after)\s+(?:the|a|an|his|her|their)\b"
    r"|\bby\s+[a-z]+ing\b"
)
_NOT_VERBS = wordset("other others another more most each every all both such")


def record_features(text: str) -> int:
    """LIST and REASON bits read from a record's text as written (case tells names)."""
    flags = 0
    if _LIST.search(text):
        flags |= LIST
    for m in _PURPOSE.finditer(text):
        verb = m.group(1)
        if verb is None or (
            verb not in _NOT_VERBS
            and verb not in _DETERMINERS
            and (verb not in STOPWORDS or verb in ("use", "do", "go", "get", "tell", "let"))
            and verb not in GEO_WORDS
        ):
            flags |= REASON
            break
    return flags


#: Wording of beliefs and arguments: what "how do X justify Y" looks for.
BELIEF_WORDS: frozenset[str] = wordset(
    "believe believes believed belief beliefs necessary needed must should argue argues "
    "argued claim claims claimed insist insists saying say says think thinks"
)


def text_features(surface: list[str]) -> int:
    """NUMBER/DATE/PLACE/GEO/REASON/SPEECH/COMPARE bits of a record's words (PERSON comes
    from its fields)."""
    flags = 0
    for w in surface:
        if w in COMPARE_WORDS:
            flags |= COMPARE
        if w in BELIEF_WORDS:
            flags |= BELIEF
        if w.isdigit():
            if len(w) == 4 and w[:2] in ("19", "20"):
                flags |= DATE
            else:
                flags |= NUMBER
        elif w in DATE_WORDS:
            flags |= DATE
        if w in MEDIA_WORDS:
            flags |= MEDIUM
        if w in PLACE_WORDS:
            flags |= PLACE
            if w in GEO_WORDS:
                flags |= GEO
        if w in REASON_WORDS:
            flags |= REASON
        if term(w) in _SPEECH_TERMS:
            flags |= SPEECH
    return flags
