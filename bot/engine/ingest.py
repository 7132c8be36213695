"""Turning an article's text into records: people, facts and quotes with their citations.

``ingest_article`` reads the article paragraph by paragraph and sentence by sentence:

* quotes are the spans between double quote marks (curly or straight); a quote that runs
  over several paragraphs (no closing mark at the end of a paragraph and the next paragraph
  opening with one, the newswire convention) is one quote;
* each quote is attributed the way news prose does it: ``"...," Kardashian wrote.`` /
  ``"...," she said.`` / ``Kehlani wrote, "..."`` / ``Kardashian wrote:`` and the quote in
  the next paragraph / ``claiming that we are "living in an oligarchy."`` / a quote that
  carries on right after an attributed one. A pronoun is resolved to the person the prose
  was last about (the subject of the latest sentences first), never to someone whose
  gender the article shows to differ, and a quote whose speaker cannot be told keeps
  ``speaker=None``;
* every other sentence of prose (not headlines, not bare attribution lines) becomes a fact
  in the article's own wording, a leading "She"/"The Florida rapper" resolved to the name.

Speakers are matched against ``known_people`` (names and aliases, exactly or fuzzily:
"Chriss Teigen" is Chrissy Teigen); other people named in the prose become new Person
records. ``link_duplicates`` then finds the facts and quotes a bank already has (another
outlet's wording, the same article again) and turns them into extra citations.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from bot.engine.slug import slugify
from bot.engine.verify import fold, normalise, words
from bot.errors import IngestError
from bot.models import Bank, Citation, Fact, Person, Quote, Source

#: Facts or quotes at least this similar (0-100) to a bank record are the same record.
DUPLICATE_THRESHOLD = 88.0
#: Known-person names at least this similar (rapidfuzz ratio) to a name in the prose match.
NAME_MATCH_THRESHOLD = 85.0

# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FactConflict:
    """A new fact that states the same claim as a bank fact with a different figure."""

    new: Fact
    existing: Fact


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one article yields.

    ``new_*`` are records to add; ``linked_*`` are records the bank already had, returned
    with the new source's citation appended (store them as updates). Before
    :func:`link_duplicates` everything is new.
    """

    source: Source
    new_people: tuple[Person, ...] = ()
    new_facts: tuple[Fact, ...] = ()
    new_quotes: tuple[Quote, ...] = ()
    linked_facts: tuple[Fact, ...] = ()
    linked_quotes: tuple[Quote, ...] = ()
    #: New facts kept apart from a bank fact that reports a different figure for the same claim.
    conflicts: tuple[FactConflict, ...] = ()
    #: Section headlines seen in the article (not facts).
    headlines: tuple[str, ...] = ()
    #: False when the bank already holds this source (then it is not added again).
    source_is_new: bool = True
    #: For each linked record: (id the record would have had, id of the existing record).
    links: tuple[tuple[str, str], ...] = field(default=())
    #: Already-known people (from ``known_people``) that the records refer to.
    referenced_people: tuple[Person, ...] = ()

    @property
    def people(self) -> tuple[Person, ...]:
        return self.new_people

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.new_facts + self.linked_facts

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return self.new_quotes + self.linked_quotes

    def to_bank(self) -> Bank:
        """The records to store: the source (if new), new people, new and linked records."""
        return Bank(
            sources=(self.source,) if self.source_is_new else (),
            people=self.new_people,
            facts=self.facts,
            quotes=self.quotes,
        )

    def preview(self, width: int = 100) -> str:
        """A human-readable account of what would be added."""
        names = {p.id: p.name for p in (*self.referenced_people, *self.new_people)}
        lines = [
            f"Source: {self.source.outlet} — {self.source.title} [{self.source.id}]"
            + ("" if self.source_is_new else " (already known)")
        ]

        def clip(text: str) -> str:
            return textwrap.shorten(" ".join(text.split()), width=width, placeholder=" …")

        def speaker(q: Quote) -> str:
            who = names.get(q.speaker, q.speaker) if q.speaker else "speaker unknown"
            return f"{who}, {q.context}" if q.context else str(who)

        if self.new_people:
            lines.append(f"New people ({len(self.new_people)}):")
            lines += [f"  + {p.name} [{p.id}]" for p in self.new_people]
        if self.new_quotes:
            lines.append(f"New quotes ({len(self.new_quotes)}):")
            lines += [f"  + ({speaker(q)}) “{clip(q.text)}” [{q.id}]" for q in self.new_quotes]
        if self.new_facts:
            lines.append(f"New facts ({len(self.new_facts)}):")
            lines += [f"  + {clip(f.text)} [{f.id}]" for f in self.new_facts]
        if self.linked_quotes or self.linked_facts:
            count = len(self.linked_quotes) + len(self.linked_facts)
            lines.append(f"Already known, cited again ({count}):")
            lines += [f"  = “{clip(q.text)}” [{q.id}]" for q in self.linked_quotes]
            lines += [f"  = {clip(f.text)} [{f.id}]" for f in self.linked_facts]
        if self.conflicts:
            lines.append(f"Different figures than the bank ({len(self.conflicts)}):")
            lines += [
                f"  ! {clip(c.new.text)} — bank: {clip(c.existing.text)} [{c.existing.id}]"
                for c in self.conflicts
            ]
        if len(lines) == 1:
            lines.append("Nothing to add.")
        return "\n".join(lines)


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
    slammed blasted criticized criticised praised speaks spoke put"""
)
_SPEECH_PARTICIPLES = _wordset(
    """saying writing adding telling noting claiming calling posting tweeting stating
    explaining arguing insisting warning urging declaring captioning sharing asking
    describing demanding slamming praising"""
)
_SPEECH = _SPEECH_VERBS | _SPEECH_PARTICIPLES
_SPEECH_ALT = "|".join(sorted(_SPEECH, key=len, reverse=True))

#: Words naming what a person is; before a name they are not part of it.
_DESCRIPTORS = _wordset(
    """actor actress singer rapper director filmmaker comedian comic model star host
    producer musician songwriter artist athlete designer author writer president mayor
    governor senator congressman congresswoman representative chef activist influencer
    celebrity personality journalist anchor reporter judge lawyer attorney officer sheriff
    chief secretary spokesman spokeswoman spokesperson ceo founder billionaire businessman
    businesswoman entrepreneur star player coach dancer poet novelist playwright
    commentator podcaster youtuber vocalist drummer guitarist pianist"""
)
#: Capitalised titles that may stand before a name ("Mayor Karen Bass").
_TITLES = _wordset(
    """president mayor governor gov senator sen representative rep congressman
    congresswoman judge justice secretary chief officer sheriff dr mr mrs ms mx prof
    professor prince princess pope king queen duke duchess lord lady sir dame general
    gen colonel col captain capt lieutenant lt sergeant sgt commissioner chancellor
    minister premier ambassador bishop reverend rev father sister brother saint
    actor actress singer rapper director filmmaker comedian model host producer musician
    songwriter artist designer author writer chef activist journalist reporter anchor
    star coach player reality"""
)
_FEMALE_WORDS = _wordset(
    """actress congresswoman businesswoman chairwoman spokeswoman princess queen duchess
    lady dame mother wife sister daughter mrs ms"""
)
_MALE_WORDS = _wordset(
    """businessman congressman chairman spokesman prince king duke lord sir father
    husband brother son mr"""
)
#: Capitalised words that never begin a person's name here (sentence openers, pronouns ...).
_NOT_NAME_START = _wordset(
    """the a an this that these those there their they them then than he she it its his
    her hers him we our us you your i my me however but and or so yet also along after
    before during while when where what which who whom whose why how if although though
    because since until unless despite in on at to for from with without by of about
    into onto over under between among across through throughout against according as
    like many some most several few other others all both each every any no not more
    much such one two three four five six seven eight nine ten first last next meanwhile
    still even just only now later earlier today yesterday tomorrow tonight here
    supporters critics officials police authorities protesters protestors witnesses
    residents experts organizers organisers observers sources reports people fans
    celebrities stars lawmakers democrats republicans democrat republican"""
)
#: Words that make a capitalised run a place, organisation, event or thing, not a person.
_NOT_PERSON_WORDS = _wordset(
    """los angeles new york san francisco diego jose antonio las vegas united states
    america american americans kingdom britain england london paris washington dc
    california texas florida chicago atlanta seattle boston miami denver phoenix dallas
    houston portland detroit gaza israel ukraine russia china mexico canada europe
    african asian latino latina latinx hispanic white house black lives matter national
    guard theater theatre center centre awards award street avenue road boulevard
    university college school department court congress senate city county state police
    immigration customs enforcement homeland security federal party news times post
    journal tribune herald daily weekly magazine network radio tv television channel
    instagram twitter tiktok facebook youtube threads x reddit snapchat monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december north south east west northern southern
    eastern western park hall church museum hospital company inc corp corporation llc
    ltd group association union council office administration agency bureau committee
    foundation institute fund club stadium arena airport station bridge island lake
    river mountain valley beach bay festival show prize cup games olympics oscars
    grammys emmys globes gala supreme republican democratic democrats republicans
    christmas easter thanksgiving day week month year hollywood broadway disney netflix
    apple google amazon microsoft tesla meta spacex"""
)
_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "st"}
)
_ABBREVIATIONS = _wordset(
    """mr mrs ms mx dr prof st sr jr sen rep gov gen col lt sgt capt rev no vs v etc inc
    co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec ave blvd mt ft approx
    dept univ est u.s u.k d.c a.m p.m e.g i.e"""
)
_STOPWORDS = _wordset(
    """a an the and or but of to in on at for from with by as is are was were be been
    being it its this that these those there their they them he she his her him we our
    you your i my me not no so also than then too very just only has have had do does did
    will would can could should may might must about into over after before who whom
    which what when where while how all any some such other more most many much"""
)

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
#: A stage name with a comma, as the subject of a speech verb ("Tyler, the Creator wrote").
_STAGE_NAME = re.compile(
    rf"(?<![\w’'])[A-Z][\w’'\-]+, the [A-Z][\w’'\-]+(?=\s+(?:\w+ly\s+|also\s+)?(?:{_SPEECH_ALT})\b)"
)
#: Words between a name and its speech verb: ", 35," / ", who has 200 million followers,".
_APPOSITIVE = r"(?:,\s+[^,“”\"]{1,80}?,)?"
#: '"Why now?" Karen Bass asked.': after a ? or ! the sentence goes on with its speaker.
_ATTRIBUTION_AHEAD = re.compile(
    rf"\s+[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){{0,3}}{_APPOSITIVE}\s+(?:\w+ly\s+)?"
    rf"(?:{_SPEECH_ALT})\b"
)
_DATELINE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)|[A-Z][A-Z .,'’-]{1,40}(?:\([^()]{1,30}\))?)\s*[—–-]+\s*"
)

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
    (re.compile(r"\bvideo\b", re.I), "video"),
    (re.compile(r"\b(?:post|posted|message|caption)\b", re.I), "post"),
)
_EVENT = re.compile(
    r"\bat (?:the |this year’s |this year's |last night’s |last night's )?"
    r"(?P<e>(?:[A-Z][\w&’'.-]*\s+){0,4}?(?:[A-Z][\w&’'.-]*\s+)?"
    r"(?:Awards?|Festival|Gala|Summit|Conference|Convention|Rally|Ceremony|Games|Oscars|"
    r"Grammys|Emmys|Golden Globes|Tonys|VMAs|Coachella|Super Bowl))\b"
)


# --------------------------------------------------------------------------- slugs


def _unique(base: str, taken: set[str], fallback: str) -> str:
    base = base or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _content_slug(text: str, prefix: str = "", count: int = 6) -> str:
    kept = [w for w in words(text) if w not in _STOPWORDS][:count]
    return slugify("-".join(([prefix] if prefix else []) + kept))


_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?!\w)|\d+(?:\.\d+)?(?=%)")
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "dozen": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
}


def numbers(text: str) -> tuple[str, ...]:
    """The figures a text states (digits and number words), sorted."""
    folded = fold(text)
    found = [n.replace(",", "") for n in _NUMBER.findall(folded)]
    found += [_NUMBER_WORDS[w] for w in words(folded) if w in _NUMBER_WORDS]
    return tuple(sorted(found))


# --------------------------------------------------------------------------- people


@dataclass(slots=True)
class _Entity:
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    known: Person | None = None
    descriptors: set[str] = field(default_factory=set)
    gender: str | None = None

    def note_gender(self, gender: str | None) -> None:
        if gender and self.gender is None:
            self.gender = gender


def _gender_of_words(text: str) -> str | None:
    ws = set(words(text))
    if ws & _FEMALE_WORDS and not ws & _MALE_WORDS:
        return "f"
    if ws & _MALE_WORDS and not ws & _FEMALE_WORDS:
        return "m"
    return None


class _People:
    """The people an article names: known ones matched, new ones created."""

    def __init__(self, known_people: Sequence[Person]) -> None:
        self.entities: dict[str, _Entity] = {}
        self.surfaces: dict[str, str] = {}  # exact text in the prose -> key
        self._full_names: dict[str, str] = {}  # known multi-word names -> key, for fuzzy
        self._pattern: re.Pattern[str] | None = None
        for person in known_people:
            ent = _Entity(person.id, person.name, list(person.aliases), known=person)
            desc = set(words(person.description))
            ent.descriptors |= desc & _DESCRIPTORS
            ent.note_gender(_gender_of_words(person.description))
            self.entities[person.id] = ent
            for surface in person.names:
                if surface.strip():
                    self.surfaces.setdefault(surface.strip(), person.id)
                    if len(surface.split()) > 1:
                        self._full_names[surface.strip()] = person.id
        # A known person's surname finds them when nobody else has it.
        surnames: dict[str, list[str]] = {}
        for ent in self.entities.values():
            parts = ent.name.split()
            if len(parts) > 1 and "," not in ent.name and parts[-1][:1].isupper():
                surnames.setdefault(parts[-1], []).append(ent.key)
        for surname, keys in surnames.items():
            if len(set(keys)) == 1:
                self.surfaces.setdefault(surname, keys[0])

    # -- building

    def _invalidate(self) -> None:
        self._pattern = None

    def _add_new(self, name: str) -> str:
        key = slugify(name) or "person"
        if key in self.entities and self.entities[key].name != name:
            key = _unique(key, set(self.entities), "person")
        if key not in self.entities:
            self.entities[key] = _Entity(key, name)
        self.surfaces.setdefault(name, key)
        self._invalidate()
        return key

    def _match_known(self, name: str) -> str | None:
        if name in self.surfaces:
            return self.surfaces[name]
        if len(name.split()) > 1 and self._full_names:
            hit = process.extractOne(
                name, list(self._full_names), scorer=fuzz.ratio, score_cutoff=NAME_MATCH_THRESHOLD
            )
            if hit is not None:
                key = self._full_names[hit[0]]
                self.surfaces[name] = key
                self._invalidate()
                return key
        return None

    def discover(self, prose_sentences: Iterable[str]) -> None:
        """First pass over the article's prose: register every name it uses."""
        singles: list[tuple[str, str | None, bool]] = []  # (word, descriptor, speaker role)
        for prose in prose_sentences:
            for m in _STAGE_NAME.finditer(prose):
                if m.group(0) not in self.surfaces and self._match_known(m.group(0)) is None:
                    self._add_new(m.group(0))
            masked = self._mask_known(prose)
            for run, descriptor, start, end in _name_runs(masked):
                tokens = run.split()
                speaker_role = _speaker_role(masked, start, end)
                if len(tokens) == 1:
                    singles.append((run, descriptor, speaker_role))
                    continue
                key = self._match_known(run)
                if key is None:
                    key = self._add_new(run)
                if descriptor:
                    self.entities[key].descriptors.add(descriptor)
            for surface, key in self._known_spans(prose):
                desc = _descriptor_before(prose, prose.find(surface))
                if desc:
                    self.entities[key].descriptors.add(desc)
        # Surnames of the people named in full ("Trump" after "Donald Trump").
        surnames: dict[str, set[str]] = {}
        for ent in self.entities.values():
            parts = ent.name.split()
            if ent.known is None and len(parts) > 1 and "," not in ent.name:
                surnames.setdefault(parts[-1], set()).add(ent.key)
        for surname, keys in surnames.items():
            if len(keys) == 1 and surname not in self.surfaces:
                key = next(iter(keys))
                self.surfaces[surname] = key
                if surname not in self.entities[key].aliases:
                    self.entities[key].aliases.append(surname)
        for word, descriptor, speaker_role in singles:
            key = self.surfaces.get(word)
            if key is None and (descriptor or speaker_role):
                key = self._add_new(word)
            if key is not None and descriptor:
                self.entities[key].descriptors.add(descriptor)
        self._invalidate()

    # -- finding

    def _regex(self) -> re.Pattern[str]:
        if self._pattern is None:
            alternatives = sorted(self.surfaces, key=len, reverse=True)
            if not alternatives:
                self._pattern = re.compile(r"(?!x)x")
            else:
                body = "|".join(re.escape(s) for s in alternatives)
                self._pattern = re.compile(rf"(?<![\w’'])(?:{body})(?:’s|'s|’|')?(?![\w])")
        return self._pattern

    def _known_spans(self, text: str) -> list[tuple[str, str]]:
        out = []
        for m in self._regex().finditer(text):
            surface = _strip_possessive(m.group(0))
            if surface in self.surfaces:
                out.append((surface, self.surfaces[surface]))
        return out

    def _mask_known(self, text: str) -> str:
        # Only names with a comma or lower-case words in them need masking before runs
        # are found ("Tyler, the Creator"); the rest are found again as runs.
        special = [s for s in self.surfaces if "," in s or any(w[:1].islower() for w in s.split())]
        if not special:
            return text
        body = "|".join(re.escape(s) for s in sorted(special, key=len, reverse=True))
        return re.sub(rf"(?<![\w])(?:{body})(?![\w])", lambda m: "\x00" * len(m.group(0)), text)

    def mentions(self, masked: str) -> list[_Mention]:
        """People named in ``masked`` (prose with quotes blanked), in order."""
        found: list[_Mention] = []
        for m in self._regex().finditer(masked):
            surface = _strip_possessive(m.group(0))
            key = self.surfaces.get(surface)
            if key is None:
                continue
            found.append(_Mention(m.start(), m.start() + len(surface), key))
        return found

    def display(self, key: str) -> str:
        return self.entities[key].name

    def matches_descriptor(self, key: str, descriptor: str) -> bool:
        ent = self.entities[key]
        if descriptor in ent.descriptors:
            return True
        return bool(ent.known and descriptor in words(ent.known.description))

    def new_person(self, key: str) -> Person | None:
        ent = self.entities[key]
        if ent.known is not None:
            return None
        desc = ", ".join(sorted(ent.descriptors - {"star", "reality"}))
        return Person(id=ent.key, name=ent.name, aliases=tuple(ent.aliases), description=desc)


def _strip_possessive(text: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _descriptor_before(text: str, start: int) -> str | None:
    if start <= 0:
        return None
    m = re.search(r"([A-Za-z]+)\s+$", text[:start])
    if m and m.group(1).lower() in _DESCRIPTORS:
        return m.group(1).lower()
    return None


def _speaker_role(text: str, start: int, end: int) -> bool:
    """Whether a name at text[start:end] is the subject or object of a speech verb."""
    after = text[end:]
    if re.match(rf"{_APPOSITIVE}\s+(?:\w+ly\s+|also\s+)?(?:{_SPEECH_ALT})\b", after):
        return True
    before = text[:start]
    return bool(re.search(rf"(?:[”\"]\s*,?\s*|^\s*)(?:{_SPEECH_ALT})\s+$", before))


def _name_runs(text: str) -> list[tuple[str, str | None, int, int]]:
    """Capitalised word runs that may be people's names: (name, descriptor, start, end)."""
    tokens = list(_WORD_RE.finditer(text))
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for tok in tokens:
        word = tok.group(0)
        is_cap = word[:1].isupper() and not (len(word) > 1 and word.isupper())
        is_initial = len(word) == 1 and word.isupper()
        is_particle = word in _NAME_PARTICLES and bool(current)
        if current:
            gap = text[current[-1].end() : tok.start()]
            joined = gap in (" ", ". ") and (gap == " " or len(current[-1].group(0)) == 1)
        else:
            joined = False
        if (is_cap or is_initial or is_particle) and (joined or not current):
            current.append(tok)
        elif is_cap or is_initial:
            runs.append(current)
            current = [tok]
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)

    out: list[tuple[str, str | None, int, int]] = []
    for run in runs:
        while run and run[-1].group(0) in _NAME_PARTICLES:
            run = run[:-1]
        descriptor: str | None = None
        # Titles and descriptors before a name are not part of it ("Actor Mark Ruffalo").
        cut = 0
        for i, tok in enumerate(run):
            bare = _strip_possessive(tok.group(0)).rstrip(".").lower()
            if bare in _TITLES and i < len(run) - 1:
                cut = i + 1
                descriptor = bare
        run = run[cut:]
        while run and run[0].group(0).lower() in _NOT_NAME_START:
            run = run[1:]
        if not run:
            continue
        names = [_strip_possessive(t.group(0)) for t in run]
        if any(n.lower().rstrip(".") in _NOT_PERSON_WORDS for n in names):
            continue
        if len(names) > 4:
            continue
        start = run[0].start()
        end = run[-1].start() + len(names[-1])
        if descriptor is None:
            descriptor = _descriptor_before(text, start)
        out.append((text[start:end], descriptor, start, end))  # "George W. Bush" as written
    return out


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


@dataclass(slots=True)
class _LQuote:
    """A quote in the article, possibly over several sentences or paragraphs."""

    parts: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    speaker: str | None = None
    how: str = ""  # trailing | leading | reported | intro | continuation | none
    context: str = ""
    partial: bool = False
    intro_sentence: int | None = None

    @property
    def text(self) -> str:
        return " ".join(p for p in self.parts if p)


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    inner_ends = 0
    unfinished = 0
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        for line in lines[:-1]:
            inner_ends += 1
            if not line.endswith(tuple(_TERMINALS + ":" + _CLOSERS)):
                unfinished += 1
    hard_wrapped = len(blocks) > 1 and inner_ends >= 3 and unfinished / inner_ends > 0.6
    if hard_wrapped:
        return [" ".join(ln.strip() for ln in b.split("\n") if ln.strip()) for b in blocks]
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _is_headline(par: str) -> bool:
    stripped = par.strip()
    if not stripped or stripped.endswith(tuple(_TERMINALS + ":;,")):
        return False
    if stripped[-1] in '”"' and stripped[-2:-1] in tuple(_TERMINALS + ","):
        return False
    return len(stripped.split()) <= 20 and stripped[0].isupper()


def _scan_quotes(par: str) -> list[tuple[int, int | None]]:
    """(opening index, closing index or None) of each double-quoted span in a paragraph."""
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    closer = ""
    for i, ch in enumerate(par):
        if open_at is None:
            if ch in ("\u201c", "\u00ab"):
                open_at, closer = i, _OPENERS[ch]
            elif ch == '"':
                prev = par[i - 1] if i else " "
                if prev.isspace() or prev in "([{—–-/" or i == 0:
                    open_at, closer = i, '"'
        elif ch == closer:
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


def _abbreviation_before(par: str, i: int) -> bool:
    m = re.search(r"([\w.]+)$", par[:i])
    if not m:
        return False
    word = m.group(1).lower()
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


# --------------------------------------------------------------------------- the reader


class _Reader:
    def __init__(self, text: str, known_people: Sequence[Person]) -> None:
        self.people = _People(known_people)
        self.sentences: list[_Sentence] = []
        self.quotes: list[_LQuote] = []
        self.headlines: list[str] = []
        self._split(text)

    # -- layout: paragraphs, quotes, sentences

    def _split(self, text: str) -> None:
        paragraphs = _paragraphs(text)
        carry: int | None = None  # logical quote running on from the previous paragraph
        for p_index, par in enumerate(paragraphs):
            spans = _scan_quotes(par)
            headline = not spans and _is_headline(par)
            if headline:
                self.headlines.append(par)
            continuing = carry is not None and bool(spans) and par.lstrip()[:1] in _OPENERS
            logical: list[int] = []
            for n, (_start, _end) in enumerate(spans):
                if n == 0 and continuing and carry is not None:
                    logical.append(carry)
                else:
                    self.quotes.append(_LQuote())
                    logical.append(len(self.quotes) - 1)
            if carry is not None and not continuing:
                carry = None
            bounds = _sentence_bounds(par, spans) if not headline else [(0, len(par))]
            for s_start, s_end in bounds:
                sent = _Sentence(len(self.sentences), p_index, par[s_start:s_end], headline)
                masked = list(sent.text)
                for (q_open, q_close), q_index in zip(spans, logical, strict=True):
                    stop = len(par) if q_close is None else q_close + 1
                    if q_open >= s_end or stop <= s_start:
                        continue
                    a, b = max(q_open, s_start), min(stop, s_end)
                    for k in range(a - s_start, b - s_start):
                        masked[k] = " "
                    inner_end = q_close if q_close is not None else len(par)
                    inner = par[max(q_open + 1, s_start) : min(inner_end, s_end)]
                    piece = _Piece(
                        q_index,
                        q_open - s_start if q_open >= s_start else -1,
                        q_close - s_start if q_close is not None and q_close < s_end else None,
                        inner.strip(),
                    )
                    sent.pieces.append(piece)
                    lq = self.quotes[q_index]
                    lq.parts.append(piece.inner)
                    if sent.index not in lq.sentences:
                        lq.sentences.append(sent.index)
                sent.masked = "".join(masked)
                self.sentences.append(sent)
            carry = logical[-1] if spans and spans[-1][1] is None else None

    # -- reading

    def read(self) -> None:
        self.people.discover(s.masked for s in self.sentences)
        for sent in self.sentences:
            sent.mentions = self.people.mentions(sent.masked)
            self._learn_gender(sent)
        pending_intro: tuple[str | None, str, int] | None = None
        for sent in self.sentences:
            if sent.headline:
                pending_intro = None
                continue
            self._resolve_subject(sent)
            self._resolve_references(sent)
            for n, piece in enumerate(sent.pieces):
                lq = self.quotes[piece.quote]
                if lq.how and piece.open == -1:
                    continue  # a continuation of a quote attributed earlier
                if lq.how:
                    continue
                self._attribute(sent, n, piece, lq, pending_intro)
            pending_intro = self._intro(sent)
        for lq in self.quotes:
            if not lq.context and lq.speaker:
                lq.context = self._context_for(lq)

    # gender from "his"/"her" next to a single name
    def _is_lede(self, sent: _Sentence) -> bool:
        """The article's first sentence of prose (where a dateline may stand)."""
        first = next((s for s in self.sentences if not s.headline), None)
        return first is sent

    def _learn_gender(self, sent: _Sentence) -> None:
        if not sent.mentions:
            return
        for m in _POSSESSIVE_RE.finditer(sent.masked):
            gender = _PRONOUN_GENDER[m.group(1).lower()]
            before = [x for x in sent.mentions if x.end <= m.start()]
            keys = {x.key for x in sent.mentions}
            if len(keys) == 1:
                self.people.entities[next(iter(keys))].note_gender(gender)
            elif before and len(sent.masked[before[-1].end : m.start()].split()) <= 3:
                self.people.entities[before[-1].key].note_gender(gender)

    def _prose_subject_mention(self, sent: _Sentence, upto: int | None = None) -> str | None:
        """The first person named in the sentence's prose (after an opening phrase)."""
        limit = len(sent.masked) if upto is None else upto
        candidates = [m for m in sent.mentions if m.start < limit]
        if not candidates:
            return None
        opener = re.match(
            r"^(?:[A-Z][a-z]+(?:\s+[\w’'\-]+){0,8}?),\s+(?=[A-Z])", sent.masked[:limit]
        )
        if opener and candidates[0].start < opener.end():
            after = [m for m in candidates if m.start >= opener.end()]
            first_word = opener.group(0).split()[0].lower()
            if after and first_word in _NOT_NAME_START | {"on", "in", "along", "after"}:
                return after[0].key
        return candidates[0].key

    def _resolve_subject(self, sent: _Sentence) -> None:
        text = _DATELINE.sub("", sent.masked) if self._is_lede(sent) else sent.masked
        offset = len(sent.masked) - len(text)
        stripped = text.lstrip()
        lead = offset + (len(text) - len(stripped))
        m = _LEADING_PRONOUN.match(stripped)
        if m:
            gender = _PRONOUN_GENDER[m.group("p").lower()]
            key = self._antecedent(sent, lead, gender)
            if key:
                sent.subject, sent.subject_words = key, m.group(0)
                self.people.entities[key].note_gender(gender)
                sent.resolved.append(key)
            return
        d = _LEADING_DESCRIPTOR.match(stripped)
        if (
            d
            and d.group("d") in _DESCRIPTORS
            and not any(x.start < lead + d.end() for x in sent.mentions)
        ):
            key = self._antecedent(sent, lead, None, descriptor=d.group("d"))
            if key:
                sent.subject, sent.subject_words = key, d.group("np")
                self.people.entities[key].descriptors.add(d.group("d"))
                sent.resolved.append(key)
            return
        sent.subject = self._prose_subject_mention(sent)

    def _resolve_references(self, sent: _Sentence) -> None:
        """People the sentence refers to without naming them ("the star", "his post")."""
        for m in re.finditer(r"\bthe\s+([a-z]+)\b(?!\s+[A-Z])", sent.masked):
            if m.start() == 0 or m.group(1) not in _DESCRIPTORS:
                continue
            key = self._antecedent(sent, m.start(), None, descriptor=m.group(1))
            if key and key not in sent.resolved:
                sent.resolved.append(key)
        named = {x.key for x in sent.mentions}
        for m in _POSSESSIVE_RE.finditer(sent.masked):
            gender = _PRONOUN_GENDER[m.group(1).lower()]
            key = self._antecedent(sent, m.start(), gender)
            if (
                key
                and key not in named
                and key not in sent.resolved
                and key != sent.subject
                and not any(x.start < m.start() for x in sent.mentions)
            ):
                sent.resolved.append(key)

    def _candidates(self, sent: _Sentence, position: int) -> list[str]:
        """People a pronoun at ``position`` may stand for, likeliest first."""
        out: list[str] = []
        here = [m for m in sent.mentions if m.end <= position]
        if here:
            first = self._prose_subject_mention(sent, position)
            if first:
                out.append(first)
            out += [m.key for m in reversed(here)]
        out += [k for k in sent.resolved if k not in out]
        # Earlier sentences, nearest first: each one's subject, then the rest, last first.
        seen = 0
        for prev in reversed(self.sentences[: sent.index]):
            if prev.headline:
                continue
            seen += 1
            if seen > 4:
                break
            if prev.subject:
                out.append(prev.subject)
            out += [m.key for m in reversed(prev.mentions)]
            out += prev.resolved
        unique: list[str] = []
        for key in out:
            if key not in unique:
                unique.append(key)
        return unique

    def _antecedent(
        self,
        sent: _Sentence,
        position: int,
        gender: str | None,
        descriptor: str | None = None,
    ) -> str | None:
        candidates = self._candidates(sent, position)
        if descriptor:
            for key in candidates:
                if self.people.matches_descriptor(key, descriptor):
                    return key
            if descriptor in {"star", "celebrity", "personality"} and candidates:
                return candidates[0]
            return None
        for key in candidates:
            known = self.people.entities[key].gender
            if gender and known and known != gender:
                continue  # the article shows this person is not "she"/"he"
            return key
        return None

    # -- attribution

    def _speaker_at_start(
        self, sent: _Sentence, start: int, text: str
    ) -> tuple[str | None, int] | None:
        """A speaker named at the start of ``text`` (which begins at ``start``).

        Returns (person key or None when unresolvable, length consumed) or None when the
        text does not start with a speaker.
        """
        lead = len(text) - len(text.lstrip(" ,"))
        body = text[lead:]
        pm = re.match(r"(she|he|they)\b", body)
        if pm:
            p = pm.group(1)
            key = None if p == "they" else self._antecedent(sent, start, _PRONOUN_GENDER[p])
            if key:
                self.people.entities[key].note_gender(_PRONOUN_GENDER[p])
            return key, lead + pm.end()
        dm = re.match(r"the\s+(?:[\w’'\-]+\s+){0,2}?([a-z]+)\b", body)
        if dm and dm.group(1) in _DESCRIPTORS:
            return self._antecedent(sent, start, None, descriptor=dm.group(1)), lead + dm.end()
        # A name, perhaps after a descriptor or title ("the singer Kehlani", "Mayor Karen Bass").
        for mention in sent.mentions:
            if mention.start < start + lead:
                continue
            gap = sent.masked[start + lead : mention.start]
            gap_words = gap.split()
            if len(gap_words) <= 3 and all(
                w.lower().rstrip(",.") in _DESCRIPTORS | _TITLES | {"the", "a", "an"}
                or (w[:1].isupper() and w.lower() not in _NOT_NAME_START)
                for w in gap_words
            ):
                return mention.key, mention.end - start
            break
        return None

    def _attribute(
        self,
        sent: _Sentence,
        n: int,
        piece: _Piece,
        lq: _LQuote,
        pending_intro: tuple[str | None, str, int] | None,
    ) -> None:
        masked = sent.masked
        q_start = max(piece.open, 0)
        q_end = len(masked) if piece.close is None else piece.close + 1
        next_open = next((p.open for p in sent.pieces[n + 1 :] if p.open >= 0), len(masked))
        prev_close = max((p.close + 1 for p in sent.pieces[:n] if p.close is not None), default=0)
        post = masked[q_end:next_open]
        pre = masked[prev_close:q_start]
        lq.partial = _is_partial(piece.inner, pre)

        # 1. After the quote: '"...," Kardashian wrote.' / '"...," she said.' / 'said X'
        if piece.close is not None:
            found = self._speaker_at_start(sent, q_end, post)
            if found is not None:
                key, used = found
                if re.match(
                    rf"{_APPOSITIVE}\s+(?:\w+ly\s+|also\s+)?(?:{_SPEECH_ALT})\b", post[used:]
                ) or re.match(r"\s+(?:put it)\b", post[used:]):
                    self._set(lq, key, "trailing", post, sent)
                    return
            vm = re.match(rf"^[\s,]*(?:{_SPEECH_ALT})\s+", post)
            if vm:
                found = self._speaker_at_start(sent, q_end + vm.end(), post[vm.end() :])
                if found is not None:
                    self._set(lq, found[0], "trailing", post, sent)
                    return
            am = re.match(r"^[\s,]*(?:according to|as)\s+", post)
            if am:
                found = self._speaker_at_start(sent, q_end + am.end(), post[am.end() :])
                if found is not None:
                    self._set(lq, found[0], "trailing", post, sent)
                    return

        # 2. Before the quote: 'Kehlani wrote, "..."' / 'Kardashian wrote: "..."'
        lm = re.search(
            rf"\b(?P<v>{_SPEECH_ALT})\b(?P<tail>(?:\s+[^\s,:;.!?]+){{0,8}})\s*[,:]\s*$", pre
        )
        if lm:
            key = self._clause_subject(sent, prev_close, prev_close + lm.start())
            if key is None and lm.group("v") in _SPEECH_PARTICIPLES:
                key = self._clause_subject(sent, 0, prev_close + lm.start())
            if key is not None:
                before = self.quotes[sent.pieces[n - 1].quote] if n else None
                if (
                    before is not None
                    and before.speaker == key
                    and before.how == "trailing"
                    and piece.inner[:1].islower()
                ):
                    # '"We have to act," she said, "and we have to act now."' is one quote.
                    before.parts += lq.parts
                    lq.parts = []
                    lq.how = "merged"
                    return
                self._set(lq, key, "leading", pre, sent)
                return

        # 2b. 'According to Mayor Karen Bass, "..."'
        am = re.search(r"\baccording to\s+(?P<rest>[^,]{1,80}),\s*$", pre, re.IGNORECASE)
        if am:
            at = prev_close + am.start("rest")
            found = self._speaker_at_start(sent, at, masked[at : prev_close + am.end("rest")])
            if found is not None and found[0] is not None:
                self._set(lq, found[0], "leading", pre, sent)
                return

        # 3. A line ending in a colon introduced it: 'On her Instagram story, Kardashian wrote:'
        if pending_intro is not None and piece.open >= 0 and not masked[:q_start].strip():
            key, context, intro_index = pending_intro
            lq.intro_sentence = intro_index
            self._set(lq, key, "intro", "", sent)
            lq.context = context
            return

        # 4. Reported speech: 'Kardashian also said that "immigrants are ..." of LA.'
        full_pre = masked[:q_start]
        verbs = list(re.finditer(rf"\b(?:{_SPEECH_ALT})\b", full_pre))
        if verbs:
            verb = verbs[-1]
            key = self._clause_subject(sent, 0, verb.start())
            if key is not None:
                self._set(lq, key, "reported", full_pre, sent)
                return

        # 5. Right after an attributed quote: '"...," he said. "Can't you see ...?"'
        if not full_pre.strip():
            previous = self._previous_quote(sent)
            if (
                previous is not None
                and previous.speaker
                and previous.how != "none"
                and self._nobody_else_between(previous, sent)
            ):
                self._set(lq, previous.speaker, "continuation", "", sent)
                lq.context = previous.context
                return
        lq.how = "none"

    def _clause_subject(self, sent: _Sentence, start: int, verb_at: int) -> str | None:
        """The person a clause masked[start:verb_at] is about (its subject)."""
        clause = sent.masked[start:verb_at]
        inside = [m for m in sent.mentions if start <= m.start < verb_at]
        if inside:
            if start == 0:
                return self._prose_subject_mention(sent, verb_at) or inside[0].key
            return inside[0].key
        pm = re.search(r"(?:^|[\s,])(she|he)\s+(?:\w+ly\s+|also\s+)?$", clause, re.I)
        if pm:
            gender = _PRONOUN_GENDER[pm.group(1).lower()]
            return self._antecedent(sent, start + pm.start(1), gender)
        if start == 0 and sent.subject:
            return sent.subject
        return None

    def _set(self, lq: _LQuote, key: str | None, how: str, clause: str, sent: _Sentence) -> None:
        lq.speaker, lq.how = key, how
        if key is None:
            return
        if key not in sent.resolved and all(m.key != key for m in sent.mentions):
            sent.resolved.append(key)
        if sent.subject is None:
            sent.subject = key
        lq.context = _context(clause)

    def _intro(self, sent: _Sentence) -> tuple[str | None, str, int] | None:
        """A sentence like 'On her Instagram story, Kardashian wrote:' introducing a quote."""
        text = sent.masked.rstrip()
        if not text.endswith(":") or any(p.open >= 0 for p in sent.pieces):
            return None
        verbs = list(re.finditer(rf"\b(?:{_SPEECH_ALT})\b", text))
        if not verbs:
            return None
        key = self._clause_subject(sent, 0, verbs[-1].start())
        return (key, _context(text), sent.index) if key else None

    def _previous_quote(self, sent: _Sentence) -> _LQuote | None:
        for prev in reversed(self.sentences[: sent.index]):
            if prev.headline:
                return None
            if prev.pieces:
                return self.quotes[prev.pieces[-1].quote]
            return None
        return None

    def _nobody_else_between(self, previous: _LQuote, sent: _Sentence) -> bool:
        last = max(previous.sentences)
        for s in self.sentences[last + 1 : sent.index]:
            if any(m.key != previous.speaker for m in s.mentions):
                return False
        return all(m.key == previous.speaker for m in self.sentences[last].mentions)

    def _context_for(self, lq: _LQuote) -> str:
        """Where the quote was said, from the sentences about its speaker just before it."""
        first = min(lq.sentences)
        previous = self._quote_before(first)
        if previous is not None and previous.speaker == lq.speaker and previous.context:
            return previous.context
        channel = event = ""
        for seen, prev in enumerate(reversed(self.sentences[:first])):
            if prev.headline or seen >= 3:
                break
            if prev.pieces and any(
                self.quotes[p.quote].speaker not in (None, lq.speaker) for p in prev.pieces
            ):
                break
            about = prev.subject == lq.speaker or lq.speaker in prev.resolved
            named = about or any(m.key == lq.speaker for m in prev.mentions)
            if not named:
                break  # only the run of sentences about the speaker right before the quote
            c, e = _channel_event(prev.masked)
            if about and c and not channel:
                channel = c
            if e and not event:
                event = e
        return _combine(channel, event)

    def _quote_before(self, sentence_index: int) -> _LQuote | None:
        for seen, prev in enumerate(reversed(self.sentences[:sentence_index])):
            if prev.headline or seen >= 4:
                return None
            if prev.pieces:
                return self.quotes[prev.pieces[-1].quote]
        return None


def _is_partial(inner: str, pre: str) -> bool:
    """A fragment quoted inside reported speech, not a whole quote."""
    stripped = inner.strip()
    if not stripped:
        return False
    return stripped[0].islower() and bool(pre.strip()) and not pre.rstrip().endswith((",", ":"))


def _channel_event(text: str) -> tuple[str, str]:
    channel = ""
    for pattern, name in _CHANNELS:
        if pattern.search(text):
            channel = name
            break
    em = _EVENT.search(text)
    return channel, (em.group("e").strip() if em else "")


def _combine(channel: str, event: str) -> str:
    if event and channel in ("speech", "acceptance speech", "interview", "press conference"):
        return f"{event} {channel}"
    return channel or event


def _context(clause: str) -> str:
    return _combine(*_channel_event(clause))


# --------------------------------------------------------------------------- records


def _clean_quote_text(text: str, partial: bool) -> str:
    text = " ".join(text.split())
    text = text.rstrip(",;:—–- ")
    if partial:
        text = text.rstrip(".")
    return text.strip()


def _fact_from(reader: _Reader, sent: _Sentence) -> tuple[str, list[str]] | None:
    """The fact a sentence states (its text, people) or None for a non-fact."""
    if sent.headline:
        return None
    text = sent.text
    masked = sent.masked
    if masked.rstrip().endswith(":") and re.search(rf"\b(?:{_SPEECH_ALT})\b", masked):
        return None
    if sent.pieces and len(words(masked)) < 4:
        return None  # '"...," he said.'
    spoken = {"trailing", "leading", "intro", "continuation", "merged"}
    whole_quotes = [
        p
        for p in sent.pieces
        if reader.quotes[p.quote].how in spoken and not reader.quotes[p.quote].partial
    ]
    if whole_quotes:
        first = whole_quotes[0]
        if first.open <= 0:
            return None
        lead = masked[: first.open]
        cut = re.search(rf"[\s,]*\b(?:{_SPEECH_ALT})\b(?:\s+[^\s,:;.!?]+){{0,8}}\s*[,:]?\s*$", lead)
        if cut:
            lead = lead[: cut.start()]
        # "Director Ava DuVernay, who reportedly called out ..., said" -> "... reportedly ..."
        lead = re.sub(r",\s+who\s+(.+?),?\s*$", r" \1", lead.strip())
        lead = lead.strip(" ,;:—–-")
        content = [
            w
            for w in words(lead)
            if w not in _STOPWORDS and w not in _DESCRIPTORS and w not in _SPEECH
        ]
        names = {w.lower() for m in sent.mentions for w in words(reader.people.display(m.key))}
        names |= {w for m in sent.mentions for w in words(masked[m.start : m.end])}
        if len([w for w in content if w not in names]) < 3:
            return None
        text = lead + "."
    text = _DATELINE.sub("", text) if reader._is_lede(sent) else text
    if len(words(text)) < 4:
        return None
    people = [m.key for m in sent.mentions if text.find(sent.text[m.start : m.end]) >= 0]
    if sent.subject_words and sent.subject:
        if text.startswith(sent.subject_words):
            text = reader.people.display(sent.subject) + text[len(sent.subject_words) :]
        people.insert(0, sent.subject)
    if not whole_quotes:
        people += sent.resolved
    unique = list(dict.fromkeys(people))
    return text.strip(), unique


def ingest_article(
    text: str, *, source: Source, known_people: Sequence[Person] = ()
) -> IngestResult:
    """Read an article's text into facts, quotes and the new people they name.

    ``text`` is the article as plain text, one paragraph a line (see
    :func:`bot.engine.extract.extract_text`). Every record cites ``source`` with the
    article's own passage. Raises :class:`IngestError` when nothing can be read from it.
    """
    if not text or not text.strip():
        raise IngestError("The article is empty.")
    reader = _Reader(text, known_people)
    reader.read()

    quote_ids: set[str] = set()
    quotes: list[Quote] = []
    seen_texts: dict[str, int] = {}
    used_people: list[str] = []
    for lq in reader.quotes:
        body = _clean_quote_text(lq.text, lq.partial)
        if not body:
            continue
        if lq.speaker is None and len(words(body)) < 3:
            continue  # a title or a scare-quoted word, not something someone said
        sentences = sorted(
            set(lq.sentences) | ({lq.intro_sentence} if lq.intro_sentence is not None else set())
        )
        if lq.how == "continuation":
            earlier = reader._previous_quote(reader.sentences[min(lq.sentences)])
            if earlier is not None:
                sentences = sorted(set(sentences) | set(earlier.sentences))
        passage = _passage(reader, sentences)
        norm = normalise(body)
        if norm in seen_texts:
            index = seen_texts[norm]
            q = quotes[index]
            if all(c.passage != passage for c in q.citations):
                quotes[index] = replace(q, citations=(*q.citations, Citation(source.id, passage)))
            continue
        prefix = lq.speaker or "quote"
        qid = _unique(_content_slug(body, prefix, 4), quote_ids, "quote")
        seen_texts[norm] = len(quotes)
        quotes.append(
            Quote(
                id=qid,
                speaker=lq.speaker,
                text=body,
                context=lq.context,
                citations=(Citation(source.id, passage),),
                guild_id=source.guild_id,
            )
        )
        if lq.speaker:
            used_people.append(lq.speaker)

    fact_ids: set[str] = set()
    facts: list[Fact] = []
    seen_facts: set[str] = set()
    for sent in reader.sentences:
        found = _fact_from(reader, sent)
        if found is None:
            continue
        fact_text, people = found
        norm = normalise(fact_text)
        if norm in seen_facts:
            continue
        seen_facts.add(norm)
        facts.append(
            Fact(
                id=_unique(_content_slug(fact_text, "", 7), fact_ids, "fact"),
                text=fact_text,
                citations=(Citation(source.id, sent.text),),
                people=tuple(people),
                guild_id=source.guild_id,
            )
        )
        used_people += people

    if not facts and not quotes:
        raise IngestError("No facts or quotes could be read from the article.")
    new_people: list[Person] = []
    referenced: list[Person] = []
    for key in dict.fromkeys(used_people):
        person = reader.people.new_person(key)
        if person is not None:
            new_people.append(replace(person, guild_id=source.guild_id))
        elif (known := reader.people.entities[key].known) is not None:
            referenced.append(known)
    return IngestResult(
        source=source,
        new_people=tuple(new_people),
        new_facts=tuple(facts),
        new_quotes=tuple(quotes),
        headlines=tuple(reader.headlines),
        referenced_people=tuple(referenced),
    )


def _passage(reader: _Reader, indexes: Sequence[int]) -> str:
    parts: list[str] = []
    last_par: int | None = None
    for i in indexes:
        sent = reader.sentences[i]
        if last_par is not None:
            parts.append("\n" if sent.par != last_par else " ")
        parts.append(sent.text)
        last_par = sent.par
    return "".join(parts)


# --------------------------------------------------------------------------- duplicates


def _same_quote(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 0.6 * len(long_) or len(short.split()) >= 6:
        score = max(score, fuzz.partial_ratio(short, long_) if len(short) >= 20 else 0.0)
    return score


def _same_fact(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    set_score = fuzz.token_set_ratio(a, b)
    sort_score = fuzz.token_sort_ratio(a, b)
    # token_set_ratio is 100 for any subset; a short claim inside a long one is not the
    # same claim unless most of the words are shared too.
    if sort_score < 60:
        return min(set_score, sort_score + 25)
    return set_score


def link_duplicates(
    result: IngestResult, existing: Bank, threshold: float = DUPLICATE_THRESHOLD
) -> IngestResult:
    """Facts and quotes ``existing`` already has become extra citations on those records.

    A new fact matches a bank fact when their texts (or the bank fact's cited passages) are
    at least ``threshold`` similar, their figures are the same, and they are about the same
    people; the same claim with a different figure is kept as a new fact and reported in
    ``conflicts``. A new quote matches a bank quote with the same (or an unknown) speaker
    and the same words (or one a fragment of the other). New people the bank already has
    (same id, or a name or alias matching) are dropped and references to them remapped.
    Ids of the remaining new records are made unique against the bank.
    """
    source = result.source
    # People.
    remap: dict[str, str] = {}
    bank_names: dict[str, str] = {}
    for person in existing.people:
        for name in person.names:
            bank_names.setdefault(name, person.id)
    bank_person_ids = {p.id for p in existing.people}
    new_people: list[Person] = []
    referenced = list(result.referenced_people)
    for person in result.new_people:
        target = None
        if person.id in bank_person_ids:
            target = person.id
        else:
            target = bank_names.get(person.name)
            if target is None and len(person.name.split()) > 1:
                full = [n for n in bank_names if len(n.split()) > 1]
                hit = process.extractOne(
                    person.name, full, scorer=fuzz.ratio, score_cutoff=NAME_MATCH_THRESHOLD
                )
                target = bank_names[hit[0]] if hit else None
        if target is not None:
            remap[person.id] = target
            referenced += [p for p in existing.people if p.id == target][:1]
        else:
            new_people.append(person)
    # (A new person's id is the slug of their name: an equal id in the bank is the same name.)

    def fix_people(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(remap.get(i, i) for i in ids))

    facts_by_id: dict[str, Fact] = {f.id: f for f in existing.facts}
    quotes_by_id: dict[str, Quote] = {q.id: q for q in existing.quotes}
    updated_facts: dict[str, Fact] = {}
    updated_quotes: dict[str, Quote] = {}
    links: list[tuple[str, str]] = list(result.links)
    conflicts: list[FactConflict] = list(result.conflicts)

    # Facts: compared by text and by cited passage, like with like.
    fact_choices: list[str] = []
    fact_raw: list[str] = []
    fact_owner: list[str] = []
    for f in existing.facts:
        for text in (f.text, *(c.passage for c in f.citations)):
            fact_choices.append(normalise(text))
            fact_raw.append(text)
            fact_owner.append(f.id)
    fact_ids = set(facts_by_id)
    new_facts: list[Fact] = []
    for fact in result.new_facts:
        fact = replace(fact, people=fix_people(fact.people))
        own = list(dict.fromkeys((fact.text, *(c.passage for c in fact.citations))))
        hits: list[tuple[float, int, str]] = []
        for raw in own:
            norm = normalise(raw)
            # token_set_ratio is never below _same_fact: a fast, safe prefilter.
            for choice, _pre, index in process.extract(
                norm, fact_choices, scorer=fuzz.token_set_ratio, limit=10, score_cutoff=threshold
            ):
                score = _same_fact(norm, choice)
                if score >= threshold:
                    hits.append((score, index, raw))
        hits.sort(key=lambda h: (-h[0], h[1]))
        match: Fact | None = None
        conflict: Fact | None = None
        for _score, index, raw in hits:
            candidate = updated_facts.get(fact_owner[index]) or facts_by_id[fact_owner[index]]
            if fact.people and candidate.people and not set(fact.people) & set(candidate.people):
                continue
            if numbers(raw) != numbers(fact_raw[index]):
                conflict = conflict or candidate
                continue
            match = candidate
            break
        if match is not None:
            updated_facts[match.id] = replace(
                match, citations=_add_citations(match.citations, fact.citations)
            )
            links.append((fact.id, match.id))
            continue
        if conflict is not None:
            conflicts.append(FactConflict(fact, conflict))
        new_facts.append(replace(fact, id=_unique(fact.id, fact_ids, "fact")))

    # Quotes.
    quote_choices = [normalise(q.text) for q in existing.quotes]
    quote_ids = set(quotes_by_id)
    new_quotes: list[Quote] = []
    for quote in result.new_quotes:
        speaker = remap.get(quote.speaker, quote.speaker) if quote.speaker else None
        quote = replace(quote, speaker=speaker)
        norm = normalise(quote.text)
        q_hits = [
            (score, index)
            for choice, _pre, index in process.extract(
                norm, quote_choices, scorer=fuzz.partial_ratio, limit=10, score_cutoff=threshold
            )
            if (score := _same_quote(norm, choice)) >= threshold
        ]
        q_hits.sort(key=lambda h: (-h[0], h[1]))
        q_match: Quote | None = None
        for _score, index in q_hits:
            bank_quote = existing.quotes[index]
            bank_quote = updated_quotes.get(bank_quote.id, bank_quote)
            if speaker and bank_quote.speaker and speaker != bank_quote.speaker:
                continue
            q_match = bank_quote
            break
        if q_match is not None:
            updated_quotes[q_match.id] = replace(
                q_match, citations=_add_citations(q_match.citations, quote.citations)
            )
            links.append((quote.id, q_match.id))
            continue
        new_quotes.append(replace(quote, id=_unique(quote.id, quote_ids, "quote")))

    return replace(
        result,
        new_people=tuple(new_people),
        new_facts=tuple(new_facts),
        new_quotes=tuple(new_quotes),
        linked_facts=tuple(updated_facts.values()),
        linked_quotes=tuple(updated_quotes.values()),
        conflicts=tuple(conflicts),
        source_is_new=result.source_is_new and all(s.id != source.id for s in existing.sources),
        links=tuple(links),
        referenced_people=tuple(dict.fromkeys(referenced)),
    )


def _add_citations(have: tuple[Citation, ...], more: Iterable[Citation]) -> tuple[Citation, ...]:
    """``have`` plus those of ``more`` it lacks (same source and passage, ignoring spacing)."""
    seen = {(c.source_id, normalise(c.passage)) for c in have}
    extra = []
    for c in more:
        key = (c.source_id, normalise(c.passage))
        if key not in seen:
            seen.add(key)
            extra.append(c)
    return (*have, *extra)
