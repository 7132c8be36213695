"""Who an article names: known people matched, new people found in the prose."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from bot.engine.ingest.evidence import (
    ORDINARY_FREQUENCY,
    STRONG,
    Candidate,
    _title_of_before,
    accept,
    english_frequency,
    given_name_like,
    heads_a_name,
    mark_listed,
    occurrence_evidence,
    shape_rejects,
    shop_named,
)
from bot.engine.ingest.layout import _Mention
from bot.engine.ingest.lexicon import (
    _AFFILIATION,
    _AGENT_ENDINGS,
    _APPOSITIVE,
    _DATELINE,
    _DESCRIPTORS,
    _FEMALE_WORDS,
    _MALE_WORDS,
    _NAME_PARTICLES,
    _NOT_NAME_START,
    _OPENS_SENTENCE,
    _SPEECH_ALT,
    _STAGE_NAME,
    _TITLES,
    _WORD_RE,
    dateline_place,
    role_noun,
)
from bot.engine.ingest.matching import (
    NICKNAME_GAP,
    NICKNAMED,
    SUFFIXES,
    closest_name,
    last_name,
    single_spaced,
    strip_possessive,
)
from bot.engine.ingest.results import _unique, slugify
from bot.engine.ingest.roles import (
    appositive_after,
    clause_of_doing,
    counted_role,
    descriptor_before,
    kin_of,
    title_before,
)
from bot.engine.verify import words
from bot.models import Person


@dataclass(slots=True)
class _Entity:
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    known: Person | None = None
    descriptors: set[str] = field(default_factory=set)
    gender: str | None = None
    #: what the article says they are, in apposition ("X, a professor of planning at Y,")
    appositive: str | None = None

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


#: The sentences of an article's lede: whom a surname shared by several means.
LEDE_SENTENCES = 2


class _People:
    """The people an article names: known ones matched, new ones created."""

    def __init__(self, known_people: Sequence[Person]) -> None:
        self.entities: dict[str, _Entity] = {}
        self.surfaces: dict[str, str] = {}  # exact text in the prose -> key
        self._full_names: dict[str, str] = {}  # known multi-word names -> key, for fuzzy
        self._pattern: re.Pattern[str] | None = None
        self._in_full: set[str] = set()  # (the known people the article names in full)
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
            parts, last = ent.name.split(), last_name(ent.name)
            if len(parts) > 1 and "," not in ent.name and last[:1].isupper():
                surnames.setdefault(last, []).append(ent.key)
        #: surnames that find a known person by the rule above (not a name or alias given)
        self._surnamed: dict[str, str] = {}
        for surname, keys in surnames.items():
            if len(set(keys)) == 1 and surname not in self.surfaces:
                self.surfaces[surname] = self._surnamed[surname] = keys[0]

    def _named_in_full(self, text: str) -> None:
        """A known person's surname finds them only in an article naming them in full (news
        style does first): "of Wexley" in a story never naming Josiah Wexley is a town's."""
        full = self._in_full = {key for surface, key in self.surfaces.items()
                                if len(surface.split()) > 1 and surface in text}
        for surname, key in self._surnamed.items():
            if key not in full and self.surfaces.get(surname) == key:
                del self.surfaces[surname]
                self._invalidate()

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

    def nicknames(self, texts: Iterable[str]) -> None:
        """The nicknames an article gives in quotes inside a name ('Margaret "Peg"
        Hollowell'): each an alias of the person so named, unless someone else goes by it."""
        for text in texts:
            for m in NICKNAMED.finditer(text):
                key, nick = self.surfaces.get(f"{m.group(1)} {m.group(3)}"), m.group(2)
                if key is None or nick in self.surfaces:
                    continue
                self.surfaces[nick] = key
                if nick not in self.entities[key].aliases:
                    self.entities[key].aliases.append(nick)
                self._invalidate()

    def _match_known(self, name: str) -> str | None:
        if name in self.surfaces:
            return self.surfaces[name]
        if len(name.split()) > 1 and self._full_names:
            hit = closest_name(name, self._full_names)
            if hit is not None:
                key = self._full_names[hit]
                self.surfaces[name] = key
                self._invalidate()
                return key
        return None

    def discover(self, prose_sentences: Iterable[str]) -> None:
        """First pass over the article's prose: register every name it uses.

        Known people are matched wherever they are named. A new person is created only on
        evidence that the name is a person's (see :mod:`bot.engine.ingest.evidence`),
        gathered over the whole article: "Newton argued" backs "Isaac Newton".
        """
        sentences = list(prose_sentences)
        self._named_in_full("\n".join(sentences))
        lower_words = frozenset(
            w for s in sentences for w in _WORD_RE.findall(s) if w[:1].islower()
        )
        before_lower = frozenset(
            m.group(1) for s in sentences for m in re.finditer(r"\b([A-Z][\w’'\-]*) (?=[a-z])", s)
        )
        modifiers: set[str] = set()  # first words of names ("Harvard" of "Harvard Yard")
        candidates: dict[str, Candidate] = {}
        singles: list[tuple[str, str | None, set[str]]] = []  # (word, descriptor, evidence)
        for index, prose in enumerate(sentences):
            following = sentences[index + 1] if index + 1 < len(sentences) else ""
            for m in _STAGE_NAME.finditer(prose):
                if m.group(0) not in self.surfaces and self._match_known(m.group(0)) is None:
                    self._add_new(m.group(0))
            masked = self._mask_known(prose)
            for n, (run, descriptor, start, end) in enumerate(_name_runs(masked)):
                tokens = run.split()
                if len(tokens) > 1:
                    modifiers.add(tokens[0])
                trimmed = len(tokens) > 2 and bool(_title_of_before().search(masked[:start]))
                if trimmed:
                    # "Secretary of Defense James Schlesinger": the name is the last words.
                    keep = 3 if re.fullmatch(r"[A-Z]\.", tokens[-2]) else 2
                    start = end - len(" ".join(tokens[-keep:]))
                    run, tokens = masked[start:end], tokens[-keep:]
                found = occurrence_evidence(masked, start, end, first=n == 0,
                                            titled=descriptor is not None or trimmed,
                                            next_sentence=following)
                if len(tokens) == 1:
                    if run.lower().rstrip(".") not in _TITLES:  # "Dr.", "Mr.": no name alone
                        singles.append((run, descriptor, found))
                    continue
                key = self._match_known(run)
                if key is not None:
                    if descriptor:
                        self.entities[key].descriptors.add(descriptor)
                    continue
                candidate = candidates.setdefault(run, Candidate(run))
                candidate.evidence |= found
                if descriptor:
                    candidate.descriptors.add(descriptor)
            for surface, key in self._known_spans(prose):
                desc = descriptor_before(prose, prose.find(surface))
                if desc:
                    self.entities[key].descriptors.add(desc)
        # What a surname alone does backs the full name ("Newton argued" for Isaac Newton).
        by_surname: dict[str, list[Candidate]] = {}
        for cand in candidates.values():
            by_surname.setdefault(last_name(cand.name), []).append(cand)
        for word, _descriptor, found in singles:
            for candidate in by_surname.get(word, []):
                candidate.backed |= found & STRONG
        # The first two words of each body's or place's name ("Castor Falls" of "Castor Falls
        # City Council"): a name they open is the place's, unless a person's by what it does
        # and by a given name ("Walter Camp said" of the Walter Camp Foundation; but "Golden
        # Hearth said" is Golden Hearth Foods, said short).
        places = {tuple(c.name.split()[:2]) for c in candidates.values()
                  if len(c.name.split()) > 2 and shape_rejects(c.name)}
        town = dateline_place(sentences)  # the story's place: "Calder Falls" ("Lumberjacks")
        for candidate in candidates.values():
            if given_name_like(candidate.name, lower_words, before_lower):
                candidate.evidence.add("given")
        mark_listed(candidates, {e.name for e in self.entities.values()}, sentences, lower_words)
        for candidate in candidates.values():
            if (len(town) > 1 and tuple(candidate.name.split()[: len(town)]) == town) or (
                    tuple(candidate.name.split()[:2]) in places
                    and not ((candidate.evidence | candidate.backed) & STRONG
                             and "given" in candidate.evidence)):
                continue
            if accept(candidate, lower_words):
                key = self._add_new(candidate.name)
                self.entities[key].descriptors |= candidate.descriptors
                # ("his daughter, Ruth Ames": she; "spokesman Tom Reardon": he)
                self.entities[key].note_gender(
                    _gender_of_words(" ".join(candidate.descriptors)))
        # Surnames and given names of the people named in full ("Smith", "John" after "John
        # Smith"): a word alone is the one person it opens or ends the name of.
        surnames: dict[str, set[str]] = {}
        given: dict[str, set[str]] = {}
        for ent in self.entities.values():
            parts = ent.name.split()
            if ent.known is None and len(parts) > 1:
                given.setdefault(parts[0], set()).add(ent.key)
                if "," not in ent.name:
                    surnames.setdefault(last_name(ent.name), set()).add(ent.key)
        # the lede: the sentence the dateline opens, else the first ones (not a headline's
        # "Incumbent Hobbs wins")
        lede = next((s for s in sentences[:3] if _DATELINE.match(s)),
                    " ".join(sentences[:LEDE_SENTENCES]))
        lede = single_spaced(lede)  # (a nickname blanked: 'Margaret       Hollowell')
        for surname, keys in surnames.items():
            # several named in full may share it ("Marguerite Olsen", her son "Erik Olsen"):
            # news style gives the others first names; the surname alone is the one the lede
            # names (in a list of namesakes, no one), else the one named first (the story's
            # "Darnell Whitcombe" before "his mother, Loretta Whitcombe")
            keys = _named_first(keys, self.entities, sentences, lede)
            owner = self.surfaces.get(surname)  # (another story's namesake's: theirs there)
            if len(keys) == 1 and surname not in modifiers and (owner is None or (
                    self.entities[owner].known is not None and owner not in self._in_full)):
                key = next(iter(keys))
                self.surfaces[surname] = key
                if surname not in self.entities[key].aliases:
                    self.entities[key].aliases.append(surname)
        # A word that opens the name of a body or a place ("Bluewater" of "Bluewater Island
        # Ferries", "Harvard" of "Harvard Yard": a head word says so) is it, said short.
        bodies = {c.name.split()[0] for c in candidates.values() if shape_rejects(c.name)}
        for word, descriptor, found in singles:
            key = self.surfaces.get(word)
            # the one person a word said alone names: a given name ("Elsie said" after
            # "9-year-old Elsie Warrington"), else a surname that also opens a firm's name
            # ("Tamsin Okafor, who runs Okafor Appliance"), said doing what people do ("Okafor
            # said"): hers
            named = given.get(word, set()) if word not in bodies else set()
            if len(named) != 1 and found & STRONG:  # (shared, as above: "Lindgren said")
                named = _named_first(surnames.get(word, set()), self.entities, sentences, lede)
            if key is None and len(named) == 1:
                key = self.surfaces[word] = next(iter(named))
                self.entities[key].aliases.append(word)
            if key is None and word not in bodies and accept(Candidate(word, found), lower_words):
                key = self._add_new(word)
            if key is not None and descriptor:
                self.entities[key].descriptors.add(descriptor)
        self._invalidate()
        # What a new person is: a title in capitals before any mention ("Mongol Emperor"), else
        # the first apposition ("Landry, 44, a driver") or title before ("beekeeper, who ...").
        titled, capitals = dict[str, str](), dict[str, str]()
        last: tuple[str, str | None, int] | None = None  # (whom "his daughter, X" is kin of)
        for at, prose in enumerate(sentences):
            for m in self._regex().finditer(prose):
                said = self.surfaces.get(strip_possessive(m.group(0)))
                person = self.entities.get(said) if said is not None else None
                before, last = last, (person.name, person.gender, at) if person else last
                if person is None or person.known is not None:
                    continue
                title = kin_of(title_before(prose, m.start()), prose, m.start(), before, at)
                if title:  # ("his daughter, Ruth Ames": she)
                    person.note_gender(_gender_of_words(title))
                if title and title.split()[-1][0].isupper():  # ("Mongol Emperor")
                    capitals.setdefault(person.key, title)
                if person.appositive is not None:
                    continue
                if not title and (one := counted_role(prose, m.start())):
                    titled.setdefault(person.key, one)  # ("the two trustees ..., X and Y")
                person.appositive = appositive_after(prose[m.end():]) or (
                    title if title and any(w in _TITLES for w in title.lower().split()) else None)
                if title:
                    titled.setdefault(person.key, title)
        for key, title in titled.items():
            if (ent := self.entities[key]).appositive is None or clause_of_doing(ent.appositive):
                ent.appositive = title + (f", {ent.appositive}" if ent.appositive else "")
        for key, title in capitals.items():
            self.entities[key].appositive = title

    # -- finding

    def _regex(self) -> re.Pattern[str]:
        if self._pattern is None:
            alternatives = sorted(self.surfaces, key=len, reverse=True)
            if not alternatives:
                self._pattern = re.compile(r"(?!x)x")
            else:
                # (a name's words may stand apart where a nickname in quotes was blanked)
                body = "|".join(re.escape(s).replace(r"\ ", " +") for s in alternatives)
                self._pattern = re.compile(rf"(?<![\w’'])(?:{body})(?:’s|'s|’|')?(?![\w])")
        return self._pattern

    def _known_spans(self, text: str) -> list[tuple[str, str]]:
        out = []
        for m in self._regex().finditer(text):
            surface = single_spaced(strip_possessive(m.group(0)))
            if surface in self.surfaces:
                out.append((surface, self.surfaces[surface]))
        return out

    def _mask_known(self, text: str) -> str:
        # Only names with a comma or lower-case words in them need masking before runs
        # are found ("Earl, the Poet"); the rest are found again as runs.
        special = [s for s in self.surfaces if "," in s or any(w[:1].islower() for w in s.split())]
        if not special:
            return text
        body = "|".join(re.escape(s) for s in sorted(special, key=len, reverse=True))
        return re.sub(rf"(?<![\w])(?:{body})(?![\w])", lambda m: "\x00" * len(m.group(0)), text)

    def mentions(self, masked: str) -> list[_Mention]:
        """People named in ``masked`` (prose with quotes blanked), in order."""
        found: list[_Mention] = []
        for m in self._regex().finditer(masked):
            written = strip_possessive(m.group(0))
            key = self.surfaces.get(single_spaced(written))
            if key is None or (written != m.group(0) and shop_named(masked, m.end(), written)) \
                    or heads_a_name(masked, m.end(), written):
                continue  # ("Rusk's Flowers", "Kettering County": not Rusk's, nor Kettering's)
            found.append(_Mention(m.start(), m.start() + len(written), key))
        return found

    def display(self, key: str) -> str:
        return self.entities[key].name

    def matches_descriptor(self, key: str, descriptor: str) -> bool:
        ent = self.entities[key]
        if descriptor in ent.descriptors:
            return True
        return bool(ent.known and descriptor in words(ent.known.description))

    def described_as(self, role: str, named: Collection[str]) -> str | None:
        """The one person of the article a role describes, when only one ("the owner said",
        the owner named paragraphs before: "Karin Dahl, the store's owner"). A person the bank
        knew already counts only when the article names them (``named``: the keys of those it
        names): "the founder" of one store's story is not another story's founder."""
        found = [key for key, ent in self.entities.items()
                 if (ent.known is None or key in named)
                 and (self.matches_descriptor(key, role)
                      or (ent.appositive and role in words(ent.appositive)))]
        return found[0] if len(found) == 1 else None

    def new_person(self, key: str) -> Person | None:
        ent = self.entities[key]
        if ent.known is not None:
            return None
        desc = ent.appositive or ", ".join(sorted(ent.descriptors - {"star", "reality"}))
        titles = sorted(d for d in ent.descriptors if d in _TITLES)
        if clause_of_doing(desc) and titles:  # ("Mayor X, who votes only to break ties")
            desc = f"{titles[0]}, {desc}"  # what they are, then what they do
        return Person(id=ent.key, name=ent.name, aliases=tuple(ent.aliases), description=desc)


def _speaker_role(text: str, start: int, end: int) -> bool:
    """Whether a name at text[start:end] is the subject or object of a speech verb."""
    if re.match(rf"{_AFFILIATION}{_APPOSITIVE}\s+(?:\w+ly\s+|also\s+)?(?:{_SPEECH_ALT})\b",
                text[end:]):
        return True
    return bool(re.search(rf"(?:[”\"]\s*,?\s*|^\s*)(?:{_SPEECH_ALT})\s+$", text[:start]))


def _opening_verb(run: list[re.Match[str]]) -> bool:
    """The run opens with an ordinary English verb form before a name ("Joining Hale in
    voting ...", "Asked about it, Smith said"): that word is not part of the name (but "Red
    Mesa", "Ted Olsen": no verb's form is that short)."""
    word = run[0].group(0).lower()
    return (len(run) > 1 and len(word) > 4 and word.endswith(("ing", "ed"))
            and english_frequency(word) >= ORDINARY_FREQUENCY)


def _name_runs(text: str) -> list[tuple[str, str | None, int, int]]:
    """Capitalised word runs that may be people's names: (name, descriptor, start, end)."""
    tokens = list(_WORD_RE.finditer(text))
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for tok in tokens:
        word = tok.group(0)
        is_cap = word[:1].isupper() and not (len(word) > 1 and word.isupper())
        is_initial = len(word) == 1 and word.isupper()
        is_particle = (word in _NAME_PARTICLES or word in SUFFIXES) and bool(current)
        gap = text[current[-1].end() : tok.start()] if current else ""
        joined = bool(current) and ((gap in (" ", ". ") and (
            gap == " " or len(current[-1].group(0)) == 1))
            or NICKNAME_GAP.fullmatch(gap) is not None)  # ('Margaret "Peg" Hollowell')
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
        # A title or role before a name is no part of it ("Actor John Smith", "Clerk Jenna Roe")
        descriptor, cut = None, 0
        for i, tok in enumerate(run):
            bare = strip_possessive(tok.group(0)).rstrip(".").lower()
            if bare not in _TITLES and bare.endswith("s") and bare[:-1] in _TITLES:
                bare = bare[:-1]  # "Councilmembers Ann Lee and Bo Park"
            opening = i == 0 and len(run) > 2 and role_noun(bare) and (
                bare.endswith(_AGENT_ENDINGS) or (_OPENS_SENTENCE.search(text, 0, tok.start())
                and len(run) == 3 and english_frequency(run[1].group(0)) < ORDINARY_FREQUENCY))
            if (bare in _TITLES and i < len(run) - 1) or opening or (
                    0 < i < len(run) - 2 and role_noun(bare) and len(run[-1].group(0)) > 1):
                cut = i + 1  # (and "County Clerk Judith Renwick", not "Helper Killer T")
                descriptor = bare
        run = run[cut:]
        while run and (run[0].group(0).lower() in _NOT_NAME_START or _opening_verb(run)):
            run = run[1:]
        if not run:
            continue
        names = [strip_possessive(t.group(0)) for t in run]
        if sum(n not in _NAME_PARTICLES for n in names) > 4:  # ("Jerónimo de Ayanz y Beaumont")
            continue
        start = run[0].start()
        end = run[-1].start() + len(names[-1])
        if descriptor is None:
            descriptor = descriptor_before(text, start)
        # "George W. Bush" as written (a nickname in quotes, blanked, left out)
        out.append((single_spaced(text[start:end]), descriptor, start, end))
    return out


def _named_first(keys: set[str], entities: dict[str, _Entity], sentences: list[str],
                 lede: str) -> set[str]:
    """Of people sharing a surname, the one the ``lede`` names, else the one named in full
    before the others (none when two first come in the same sentence: "Tom and Ann Rudd")."""
    in_lede = {k for k in keys if entities[k].name in lede}
    if len(keys) < 2 or in_lede:
        return in_lede or keys
    spaced = [single_spaced(s) for s in sentences]
    first = {key: next((i for i, s in enumerate(spaced) if entities[key].name in s),
                       len(spaced)) for key in keys}
    earliest = min(first.values())
    found = {k for k, i in first.items() if i == earliest}
    return found if len(found) == 1 and earliest < len(sentences) else set()
