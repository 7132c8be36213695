"""A seeded generator of news-like synthetic records, for the speed benchmarks.

Everything is deterministic by seed. Records come out as a stream (:func:`records`), so a
caller can index them without the generator keeping its own copy; :func:`synthetic_bank`
collects them into a :class:`~bot.models.Bank`, optionally on top of the shipped one.

The text is made to look like wire copy, not to be true: sentences from a few dozen
templates over a vocabulary of ``VOCAB_SIZE`` words drawn with Zipf-like frequencies (a few
hundred real news words at the head, pronounceable made-up words in the tail), made-up
people (with aliases, as the shipped people have), places, outlets, numbers, days and dates.
Per hundred records: 1 source, 9 people, 60 facts, 30 quotes.

:func:`answerable_question` builds a question from a record (a few of its words in a
question frame, with typos); :func:`unanswerable_question` builds one about nothing in any
bank this module makes (made-up words from syllables the vocabulary never uses).
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.models import Bank, Citation, Fact, Person, Quote, Record, Source

VOCAB_SIZE = 30_000
ZIPF_EXPONENT = 1.07

def _split(text: str) -> list[str]:
    return text.split()


# The head of the vocabulary: common news words, most frequent first (roughly).
_HEAD_WORDS = _split("""
police city officials state government people year week law court federal workers
immigration border protest community families school health budget election campaign
president governor mayor senator council county agency report policy program plan
vote voters bill party security public water housing market company business jobs
prices rent tax taxes money funding million billion children students teachers
hospital doctors patients residents neighbors migrants detention deportation rally
march crowd streets downtown coast valley river bridge highway airport station
fire storm heat flooding drought power energy oil gas climate weather season
team game season coach players fans stadium league championship title record
film movie music album song concert tour festival award awards show series star
singer rapper actor actress director producer artist writer author host network
video post story interview statement speech message letter comments remarks
lawsuit judge trial jury verdict ruling appeal charges arrest arrests officers
sheriff department investigation evidence witness victims suspect incident
shooting crash accident injuries damage cost costs losses sales profits deal
contract union strike wages shift hours schedule service services transit bus
train flights travel visitors tourism restaurant food farm farmers crops land
military troops guard soldiers base war peace talks treaty leaders summit
hearing committee panel members board chair office staff spokesperson spokesman
data survey poll study research scientists experts university college campus
internet platform app phone users accounts online social media privacy safety
church faith mosque temple volunteers donations charity shelter aid relief
neighborhood district block building apartment homes owners tenants landlord
permit license rules regulation ban limits change changes reform support
opposition critics supporters advocates activists organizers groups coalition
""")

_VERBS_PAST = _split("""
announced approved rejected blocked signed criticized praised questioned defended
confirmed denied reported warned urged launched opened closed expanded delayed
cancelled postponed raised cut funded proposed passed backed opposed joined left
visited toured attended hosted organized led won lost earned spent paid owed
arrested detained released charged sued fined banned restored reviewed ordered
""")

_VERBS_PRESENT = _split("""
support oppose need want expect believe stand fight protect defend demand ask
""")

_ADJECTIVES = _split("""
new local federal national public private major recent early late former top
senior young older small large historic controversial popular temporary emergency
annual special regional rural urban independent official unprecedented sudden
""")

_ROLES = _split("""
spokesperson lawyer organizer teacher nurse councilmember commissioner activist
singer actor rapper producer coach economist researcher pastor farmer student
director manager sheriff official analyst volunteer founder
""")

_CONTEXTS = (
    "interview with {outlet}",
    "press conference in {place}",
    "statement to {outlet}",
    "Instagram post",
    "X post",
    "TikTok video",
    "speech in {place}",
    "podcast appearance",
    "town hall in {place}",
    "court filing",
)

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

# Syllables for made-up words and names. ``_ALIEN_*`` never appear in the vocabulary, so
# words made of them cannot match a record.
_ONSETS = ("b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr",
           "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "ch", "pl", "cl", "fl")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io")
_CODAS = ("", "", "", "", "", "n", "r", "l", "s", "m", "t", "nd", "rk", "st", "x")
_ALIEN_ONSETS = ("qv", "xj", "zq", "jw", "vq")
_ALIEN_VOWELS = ("y", "yy", "uy")

_PLACE_SUFFIXES = ("ville", " City", " County", " Heights", " Falls", " Springs", "burg",
                   " Beach", " Valley", "ton", " Park", " Bay")
_OUTLET_FORMS = ("The {P} Times", "{P} Daily", "The {P} Herald", "{P} Public Radio",
                 "{P} News", "The {P} Courier", "{P} Tribune", "Channel {n} {P}")

_FACT_TEMPLATES = (
    "{person} said on {day} that {n} {w1} in {place} were {vp} after the {adj} {w2}.",
    "Officials in {place} {vp} {n} {w1} during the {adj} {w2} on {day}.",
    "{person}, the {role} from {place}, {vp} the {adj} {w1} over {w2} {w3}.",
    "The {outlet} reported that {person} {vp} {money} for {w1} {w2} in {place}.",
    "{person} {vp} {n} {w1} at the {place} {w2} on {month} {dom}.",
    "About {pct} percent of {w1} in {place} {vp} the {w2} plan, a {outlet} poll found.",
    "{person} and {person2} {vp} the {adj} {w1} {w2} in {place} on {day}.",
    "The {w1} {w2} in {place} {vp} {money} in {year}, according to {person}.",
    "{person} was named {adj} {w1} of the year by the {place} {w2} {w3}.",
    "In {year}, {person} {vp} a {adj} {w1} against the {w2} in {place}.",
    "More than {n} {w1} {vp} the {w2} {w3} in {place} last {day}.",
    "{person} told the {outlet} that the {w1} {w2} would cost {money}.",
)

_QUOTE_TEMPLATES = (
    "We {vs} the {w1} of {place} and we will keep {w2} {w3} for them.",
    "This {w1} is about {w2}, not {w3}. We {vs} every {w4} in {place}.",
    "I have never seen {w1} like this in {year}. The {w2} {w3} has to stop.",
    "Our {w1} {vs} {w2}. That is why we are here on {day}.",
    "Nobody in {place} should {vs} a {adj} {w1} just to keep their {w2}.",
    "The {w1} {w2} is {adj}, and the {w3} know it.",
    "We asked for {w1} and {w2}; what we got was {money} and a {adj} {w3}.",
    "If {w1} can happen to {w2} in {place}, it can happen to {w3} anywhere.",
)

_ANSWERABLE_FRAMES = {
    "fact": (
        "{words}?",
        "what happened with {words}?",
        "did {words}?",
        "what about {words}",
        "tell me about {words}",
        "is it true that {words}?",
    ),
    "quote": (
        "what did {speaker} say about {words}?",
        "{speaker} quote about {words}",
        "did {speaker} say {words}?",
        "who said {words}?",
    ),
}

_UNANSWERABLE_FRAMES = (
    "what did {name} say about the {a} {b}?",
    "how many {a} were {vp} in {place}?",
    "when did {name} {vs} the {a}?",
    "who won the {a} {b} in {year}?",
    "what is the {a} of {place}?",
    "is {name} a {a}?",
    "why did the {a} {b} {c}?",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d(?:[\d,.]*\d)?")
_QUESTION_STOP = frozenset(_split(
    """a an the and or of in on at to for from by with that this was were is are be been
    has have had it its as after over about against during than more last would will not
    we i our us they their them he she his her you your what who said told every just
    keep here there why nobody should can anywhere never like stop know got asked"""
))
_KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(frozen=True, slots=True)
class SyntheticQuestion:
    q: str
    #: Ids of the records that answer it (empty: unanswerable).
    expect: tuple[str, ...]
    kind: str


class _Words:
    """The vocabulary and the seeded samplers over it."""

    def __init__(self, rng: random.Random, size: int = VOCAB_SIZE) -> None:
        head = list(dict.fromkeys(_HEAD_WORDS))
        seen = set(head) | set(_VERBS_PAST) | set(_ADJECTIVES) | set(_ROLES)
        words = list(head)
        while len(words) < size:
            word = _made_up(rng, _ONSETS, _VOWELS, rng.choice((2, 2, 3)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.vocab: list[str] = words
        self.cum_weights = list(
            itertools.accumulate(1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, size + 1))
        )

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.vocab, cum_weights=self.cum_weights, k=k)


def _made_up(rng: random.Random, onsets: Sequence[str], vowels: Sequence[str], n: int) -> str:
    return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(_CODAS) for _ in range(n))


def _name_part(rng: random.Random) -> str:
    return _made_up(rng, _ONSETS, _VOWELS, rng.choice((2, 2, 3))).capitalize()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Generator:
    """The stream of synthetic records for one seed."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.words = _Words(self.rng)
        rng = self.rng
        self.places = [
            _name_part(rng) + rng.choice(_PLACE_SUFFIXES) for _ in range(2_000)
        ]
        self.outlets = [
            rng.choice(_OUTLET_FORMS).format(P=rng.choice(self.places).split()[0],
                                             n=rng.randint(2, 13))
            for _ in range(300)
        ]
        #: Display names of the people made so far, by id (for questions about quotes).
        self.people: dict[str, str] = {}
        self._person_ids: list[str] = []
        self._source_ids: list[str] = []

    # ----------------------------------------------------------------- records

    def records(self, n: int) -> Iterator[Record]:
        """``n`` records, in a fixed order of kinds (see the module docstring)."""
        for i in range(n):
            slot = i % 100
            if slot == 0 or not self._source_ids:
                yield self._source(i)
            elif slot < 10 or not self._person_ids:
                yield self._person(i)
            elif slot < 70:
                yield self._fact(i)
            else:
                yield self._quote(i)

    def _source(self, i: int) -> Source:
        rng = self.rng
        outlet = rng.choice(self.outlets)
        w = self.words.sample(rng, 3)
        title = f"{w[0].capitalize()} {w[1]} {rng.choice(_VERBS_PAST)} in {rng.choice(self.places)}"
        sid = f"syn-s{i}"
        self._source_ids.append(sid)
        published = (
            f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if rng.random() < 0.8 else None
        )
        return Source(id=sid, outlet=outlet, title=title, url=None, published=published)

    def _person(self, i: int) -> Person:
        rng = self.rng
        first, last = _name_part(rng), _name_part(rng)
        name = f"{first} {last}"
        pid = f"syn-p{i}-{_slug(name)}"
        aliases: tuple[str, ...] = (last, f"{first[0]}. {last}")
        if rng.random() < 0.2:
            aliases += (f"{first} {rng.choice(_ROLES)}",)
        self.people[pid] = name
        self._person_ids.append(pid)
        role = rng.choice(_ROLES)
        return Person(id=pid, name=name, aliases=aliases,
                      description=f"{role} from {rng.choice(self.places)}")

    def _pick_person(self) -> str:
        # Skewed: early people are mentioned more often, as in the news.
        ids = self._person_ids
        return ids[int(len(ids) * (self.rng.random() ** 2))]

    def _slots(self) -> dict[str, str]:
        rng = self.rng
        w = self.words.sample(rng, 4)
        return {
            "w1": w[0], "w2": w[1], "w3": w[2], "w4": w[3],
            "vp": rng.choice(_VERBS_PAST),
            "vs": rng.choice(_VERBS_PRESENT),
            "adj": rng.choice(_ADJECTIVES),
            "role": rng.choice(_ROLES),
            "place": rng.choice(self.places),
            "outlet": rng.choice(self.outlets),
            "day": rng.choice(_DAYS),
            "month": rng.choice(_MONTHS),
            "dom": str(rng.randint(1, 28)),
            "year": str(rng.randint(1990, 2025)),
            "n": f"{rng.randint(2, 5000):,}",
            "pct": str(rng.randint(3, 97)),
            "money": f"${rng.randint(1, 900)} {rng.choice(('thousand', 'million', 'billion'))}",
        }

    def _citation(self, passage: str) -> tuple[Citation, ...]:
        return (Citation(source_id=self._source_ids[-1], passage=passage),)

    def _fact(self, i: int) -> Fact:
        rng = self.rng
        slots = self._slots()
        pid = self._pick_person()
        pid2 = self._pick_person()
        slots["person"] = self.people[pid]
        slots["person2"] = self.people[pid2]
        template = rng.choice(_FACT_TEMPLATES)
        text = template.format(**slots)
        text = text[0].upper() + text[1:]
        people: list[str] = []
        if "{person}" in template:
            people.append(pid)
        if "{person2}" in template and pid2 != pid:
            people.append(pid2)
        keywords = tuple(self.words.sample(rng, rng.randint(0, 2)))
        # The passage is the text itself (the source's wording), shared, to keep memory low.
        return Fact(id=f"syn-f{i}", text=text, citations=self._citation(text),
                    people=tuple(people), keywords=keywords)

    def _quote(self, i: int) -> Quote:
        rng = self.rng
        slots = self._slots()
        text = rng.choice(_QUOTE_TEMPLATES).format(**slots)
        speaker = self._pick_person() if rng.random() < 0.95 else None
        context = rng.choice(_CONTEXTS).format(outlet=slots["outlet"], place=slots["place"])
        return Quote(id=f"syn-q{i}", speaker=speaker, text=text, context=context,
                     citations=self._citation(text))

    # ----------------------------------------------------------------- questions

    def answerable_question(
        self, record: Fact | Quote, rng: random.Random, *,
        speaker_name: str | None = None, typos: int | None = None,
    ) -> SyntheticQuestion:
        """A question a reader might ask for ``record``: a few of its words, some misspelt."""
        content = [w for w in _WORD.findall(record.text) if w.lower() not in _QUESTION_STOP]
        k = min(len(content), rng.randint(4, 6))
        start = rng.randint(0, max(0, len(content) - k))
        chosen = content[start:start + k]
        typos = rng.choice((0, 1, 1, 2)) if typos is None else typos
        for _ in range(typos):
            long_ones = [j for j, w in enumerate(chosen) if len(w) >= 5 and w.isalpha()]
            if not long_ones:
                break
            j = rng.choice(long_ones)
            chosen[j] = typo(chosen[j], rng)
        words = " ".join(chosen)
        if isinstance(record, Quote) and speaker_name:
            frame = rng.choice(_ANSWERABLE_FRAMES["quote"])
            kind = "synthetic-quote"
        else:
            frame = rng.choice(_ANSWERABLE_FRAMES["fact"])
            kind = "synthetic-fact" if isinstance(record, Fact) else "synthetic-quote"
            speaker_name = ""
        q = frame.format(words=words, speaker=speaker_name)
        return SyntheticQuestion(q=q, expect=(record.id,), kind=kind)

    def unanswerable_question(self, rng: random.Random) -> SyntheticQuestion:
        """A question about made-up things no synthetic record mentions."""

        def alien() -> str:
            return _made_up(rng, _ALIEN_ONSETS, _ALIEN_VOWELS, rng.choice((2, 3)))

        q = rng.choice(_UNANSWERABLE_FRAMES).format(
            name=f"{alien().capitalize()} {alien().capitalize()}",
            a=alien(), b=alien(), c=alien(),
            vp=rng.choice(_VERBS_PAST), vs=rng.choice(_VERBS_PRESENT),
            place=alien().capitalize() + rng.choice(_PLACE_SUFFIXES),
            year=str(rng.randint(1990, 2025)),
        )
        return SyntheticQuestion(q=q, expect=(), kind="synthetic-unanswerable")


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one typing slip: a swap, a drop, a doubled or a wrong letter."""
    if len(word) < 3:
        return word
    j = rng.randint(1, len(word) - 2)
    op = rng.randrange(4)
    if op == 0:
        return word[:j] + word[j + 1] + word[j] + word[j + 2:]
    if op == 1:
        return word[:j] + word[j + 1:]
    if op == 2:
        return word[:j] + word[j] + word[j:]
    return word[:j] + rng.choice(_KEYBOARD) + word[j + 1:]


def synthetic_bank(n: int, *, seed: int = 1, base: Bank | None = None) -> tuple[Bank, Generator]:
    """A bank of ``n`` records: ``base`` (e.g. the shipped bank) topped up with synthetic ones.

    Returns the generator too, for questions about the records it made.
    """
    gen = Generator(seed)
    base = base or Bank()
    lists: dict[type, list[Record]] = {Source: [], Person: [], Fact: [], Quote: []}
    for record in gen.records(max(0, n - len(base))):
        lists[type(record)].append(record)
    bank = base.merged(
        Bank(
            sources=tuple(lists.pop(Source)),  # type: ignore[arg-type]
            people=tuple(lists.pop(Person)),  # type: ignore[arg-type]
            facts=tuple(lists.pop(Fact)),  # type: ignore[arg-type]
            quotes=tuple(lists.pop(Quote)),  # type: ignore[arg-type]
        )
    )
    return bank, gen


if __name__ == "__main__":  # a look at what it makes
    import sys
    import time

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    t0 = time.perf_counter()
    made, generator = synthetic_bank(count)
    took = time.perf_counter() - t0
    for rec in itertools.islice(made.records(), 0, 20):
        print(rec)
    rng_q = random.Random(2)
    for f in made.facts[:3] + made.quotes[:3]:
        name = generator.people.get(f.speaker) if isinstance(f, Quote) and f.speaker else None
        print(generator.answerable_question(f, rng_q, speaker_name=name))
    print(generator.unanswerable_question(rng_q))
    print(f"{len(made):,} records in {took:.2f}s", file=sys.stderr)
