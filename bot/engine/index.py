"""The inverted index and the typo-correcting vocabulary.

Postings are compact: per term, an ``array('i')`` of record ids (records are interned to
ints) kept sorted, and a parallel ``array('B')`` of the fields the term occurs in. New
records get ever larger ids, so adding appends; removing deletes the entries in place (a
binary search finds them); membership of one record in a long posting list is a binary
search, and of many records a C-level set intersection. No per-record objects are kept
besides the records themselves.

The vocabulary counts every indexed surface word (record texts, keywords, names, aliases)
and keeps a SymSpell-style deletion index: every word of four letters or more is filed under
each string obtained by deleting one of its letters. A misspelt question word is looked up
under itself and its own deletions, which finds the words one edit away without scanning
the vocabulary; rapidfuzz's optimal-string-alignment distance then picks among the few
candidates. Two edits (long words only) are searched among the words sharing the first two
letters.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, MutableMapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.packed import PackedMap

_EMPTY_RIDS = array("i")


class _Packed:
    """Postings as read from a snapshot: every term's entries in two long arrays, and a
    term's own pair of arrays cut out the first time it is used (a load makes three arrays,
    not two per term: 245,000 terms at 1,000,000 records), the terms' positions packed too
    (:mod:`bot.engine.packed`: as a dict, 0.1 s of a start at that size)."""

    __slots__ = ("at", "masks", "offsets", "rids")

    def __init__(
        self, at: PackedMap[int], rids: array[int], masks: array[int], offsets: array[int]
    ) -> None:
        self.at = at
        self.rids, self.masks, self.offsets = rids, masks, offsets

    def take(self, term: str) -> tuple[array[int], array[int]] | None:
        i = self.at.pop(term, None)
        if i is None:
            return None
        start, end = self.offsets[i], self.offsets[i + 1]
        return self.rids[start:end], self.masks[start:end]


class InvertedIndex:
    """term -> (sorted rids, field bits per rid): two parallel arrays per term (the bits are
    :mod:`~bot.engine.records`' ``FIELD_TEXT`` and the rest)."""

    __slots__ = ("_packed", "_postings")

    def __init__(self) -> None:
        self._postings: dict[str, tuple[array[int], array[int]]] = {}
        self._packed: _Packed | None = None

    def __getstate__(self) -> tuple[PackedMap[int], array[int], array[int], array[int]]:
        """Every posting packed in three arrays (see :class:`_Packed`)."""
        if self._packed is not None:
            for term in list(self._packed.at):
                self._entry(term)
            self._packed = None
        terms = list(self._postings)
        rids, masks, offsets = array("i"), array("B"), array("q", [0])
        for term in terms:
            r, m = self._postings[term]
            rids.extend(r)
            masks.extend(m)
            offsets.append(len(rids))
        at = PackedMap(dict(zip(terms, range(len(terms)), strict=True)), ints=True)
        return at, rids, masks, offsets

    def __setstate__(
        self, state: tuple[PackedMap[int], array[int], array[int], array[int]]
    ) -> None:
        self._postings = {}
        self._packed = _Packed(*state)

    def _entry(self, term: str) -> tuple[array[int], array[int]] | None:
        entry = self._postings.get(term)
        if entry is None and self._packed is not None:
            entry = self._packed.take(term)
            if entry is not None:
                self._postings[term] = entry
        return entry

    def __len__(self) -> int:
        return len(self._postings) + (0 if self._packed is None else len(self._packed.at))

    def __contains__(self, term: str) -> bool:
        return term in self._postings or (self._packed is not None and term in self._packed.at)

    def add(self, rid: int, fields: Mapping[str, int]) -> None:
        postings = self._postings
        for term, bits in fields.items():
            entry = self._entry(term)
            if entry is None:
                postings[term] = (array("i", (rid,)), array("B", (bits,)))
                continue
            rids, masks = entry
            if rids[-1] < rid:
                rids.append(rid)
                masks.append(bits)
            else:  # pragma: no cover - rids only grow; kept for safety
                i = bisect_left(rids, rid)
                rids.insert(i, rid)
                masks.insert(i, bits)

    def remove(self, rid: int, terms: Iterable[str]) -> None:
        postings = self._postings
        for term in terms:
            entry = self._entry(term)
            if entry is None:
                continue
            rids, masks = entry
            i = bisect_left(rids, rid)
            if i < len(rids) and rids[i] == rid:
                del rids[i]
                del masks[i]
                if not rids:
                    del postings[term]

    def rids(self, term: str) -> array[int]:
        """The sorted record ids having ``term`` (an empty array when none)."""
        entry = self._entry(term)
        return _EMPTY_RIDS if entry is None else entry[0]

    def df(self, term: str) -> int:
        entry = self._entry(term)
        return 0 if entry is None else len(entry[0])

    def fields(self, term: str, rid: int) -> int:
        """The field bits of ``term`` in record ``rid`` (0 when it does not have it)."""
        entry = self._entry(term)
        if entry is None:
            return 0
        rids = entry[0]
        i = bisect_left(rids, rid)
        return entry[1][i] if i < len(rids) and rids[i] == rid else 0

    def fields_of(self, terms: Iterable[str]) -> Callable[[int], dict[str, int]]:
        """For one record after another, which of ``terms`` it has, each with its field bits
        (:meth:`fields`, but each term's posting list is found once, not once a record)."""
        found = [(t, *entry) for t in terms if (entry := self._entry(t)) is not None]

        def of(rid: int) -> dict[str, int]:
            out: dict[str, int] = {}
            for t, rids, masks in found:
                i = bisect_left(rids, rid)
                if i < len(rids) and rids[i] == rid and (bits := masks[i]):
                    out[t] = bits
            return out

        return of


# --------------------------------------------------------------------------- vocabulary

#: Words shorter than this are never corrected (too many neighbours one edit away).
MIN_CORRECT_LEN = 4
#: Words longer than this are neither corrected nor filed for correction: no real word is
#: that long, and a word's deletions cost its length squared (one 100,000-letter "word" in a
#: fact took 3 s to index, and would take gigabytes were its letters not all the same).
MAX_CORRECT_LEN = 40


def max_edits(word: str) -> int:
    """Edits allowed when correcting ``word``: none below 4 letters, 1 up to 6, then 2
    ("sherrif": "sheriff")."""
    n = len(word)
    if n < MIN_CORRECT_LEN or n > MAX_CORRECT_LEN:
        return 0
    return 1 if n < 7 else 2


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class StopwordSpeller:
    """Recognises a misspelt function word ("abuot", "thier") so that it is dropped rather
    than weighed as an unknown word."""

    def __init__(self, words: Iterable[str], never_guessed: Iterable[str] = ()) -> None:
        words = list(words)
        self._short = {w for w in words if len(w) < MIN_CORRECT_LEN}
        self._vocab = Vocabulary()
        self._vocab.add(w for w in words if len(w) >= MIN_CORRECT_LEN)
        # a word of three letters lacking one of a function word's four ("hve", "ths"); a
        # negation ("nto") is never guessed: dropping it would turn the question around
        shortest = {w for w in words if len(w) == MIN_CORRECT_LEN} - set(never_guessed)
        self._lacking: dict[str, set[str]] = {}
        for w in shortest:
            for d in _deletes(w):
                self._lacking.setdefault(d, set()).add(w)

    def __call__(self, word: str) -> str | None:
        if len(word) < MIN_CORRECT_LEN:
            # too short to correct, but for two letters swapped ("teh", "adn") or a letter
            # missing from a four-letter one ("hve": "have"; not "ot": "not", "out", "got")
            swapped = next((s for i in range(len(word) - 1)
                            if (s := word[:i] + word[i + 1] + word[i] + word[i + 2 :])
                            in self._short), None)
            lacking = self._lacking.get(word, set()) if len(word) == MIN_CORRECT_LEN - 1 else set()
            return swapped or (next(iter(lacking)) if len(lacking) == 1 else None)
        found = self._vocab.correct(word)
        return None if found is None or found[1] > 1 else found[0]


class EnglishSpeller:
    """Reads a misspelt ordinary English word that the bank lacks as that word ("normaly":
    "normally"), so that it weighs as the common word it is, not as a rare one the coverage
    never uses. ``counts``: English words and how often general English uses them (the
    commonest of equally close words wins), read and filed on first use."""

    def __init__(self, counts: Callable[[], Mapping[str, int]]) -> None:
        self._source = counts
        self._vocab: Vocabulary | None = None

    def __call__(self, word: str) -> str | None:
        if self._vocab is None:
            self._vocab = Vocabulary.of(self._source())
        found = self._vocab.correct(word)
        return None if found is None else found[0]


class _DeleteTable:
    """The deletion index, compact: an open-addressing hash table in two arrays, a 32-bit
    hash of each deletion and the id of the word it came from (8 bytes an entry, no
    per-entry objects). A hash collision only adds a candidate, which the edit-distance
    check then drops. The hash is CRC-32, not :func:`hash` (salted per process), so that
    the table can be kept on disk (:mod:`bot.engine.snapshot`) and read by a later process."""

    __slots__ = ("_hashes", "_ids", "_mask", "_used")
    _EMPTY = 0xFFFFFFFF

    def __init__(self, size: int = 1024) -> None:
        self._hashes = array("I", [self._EMPTY]) * size
        self._ids = array("i", [0]) * size
        self._mask = size - 1
        self._used = 0

    @classmethod
    def _hash(cls, key: str) -> int:
        h = zlib.crc32(key.encode("utf-8", "surrogatepass"))
        return h - 1 if h == cls._EMPTY else h

    def add(self, key: str, word_id: int) -> None:
        if (self._used + 1) * 10 > (self._mask + 1) * 7:
            self._grow()
        self._put(self._hash(key), word_id)

    def _put(self, h: int, word_id: int) -> None:
        hashes, mask = self._hashes, self._mask
        i = h & mask
        while hashes[i] != self._EMPTY:
            i = (i + 1) & mask
        hashes[i] = h
        self._ids[i] = word_id
        self._used += 1

    def _grow(self) -> None:
        old = [(h, w) for h, w in zip(self._hashes, self._ids, strict=True) if h != self._EMPTY]
        size = (self._mask + 1) * 2
        self._hashes = array("I", [self._EMPTY]) * size
        self._ids = array("i", [0]) * size
        self._mask = size - 1
        self._used = 0
        for h, w in old:
            self._put(h, w)

    def get(self, keys: Iterable[str], out: set[int]) -> None:
        """Add to ``out`` the ids filed under each of ``keys`` (:meth:`_hash` inlined: a word
        and its deletions are looked up together)."""
        hashes, ids, mask, empty = self._hashes, self._ids, self._mask, self._EMPTY
        crc32 = zlib.crc32
        for key in keys:
            h = crc32(key.encode("utf-8", "surrogatepass"))
            if h == empty:
                h -= 1
            i = h & mask
            while (found := hashes[i]) != empty:
                if found == h:
                    out.add(ids[i])
                i = (i + 1) & mask


class Vocabulary:
    """Surface words with reference counts, and the deletion index for correcting typos.

    A word keeps its id once seen (its count drops to zero when no record uses it any
    more), so that its deletions are filed once.

    Pickled (the engine snapshot), the word ids are left out (they are the words' order) and
    the typo tables are kept as one pickle of their own, read the first time a word is
    corrected: at 1,000,000 records that is 77 of the vocabulary's 124 ms of a start, which
    most first questions (spelt right) never need. New words wait in a list until then (an
    ingest into a loaded bank adds words but corrects none: 0.2 s saved at 1,000,000).
    """

    __slots__ = ("_counts", "_deletes_", "_gone", "_packed", "_pending", "_prefixes_",
                 "_words")

    def __init__(self) -> None:
        #: word -> number of records (and names) using it
        self._counts: MutableMapping[str, int] = {}
        #: every word ever seen, by id
        self._words: list[str] = []
        #: words of ``_words`` no longer counted (a word coming back keeps its id): with the
        #: counts, whether a word has an id, without a word -> id table to build at a start
        #: (200,000 words at 1,000,000 records: 0.1 s of an ingest)
        self._gone: set[str] = set()
        self._deletes_: _DeleteTable | None = _DeleteTable()
        #: first two letters -> words of 6 letters or more (for two-edit corrections)
        self._prefixes_: dict[str, list[str]] | None = {}
        #: the two typo tables pickled, until first used (a vocabulary read from a snapshot)
        self._packed: bytes | None = None
        #: words (and their ids) added while the typo tables were still pickled
        self._pending: list[tuple[str, int]] = []

    def __getstate__(self) -> tuple[PackedMap[int], list[str], bytes, set[str]]:
        packed = self._packed
        if packed is None or self._pending:
            packed = pickle.dumps(self._typo(), protocol=5)
        counts = self._counts  # (packed: 200,000 words at 1,000,000 records)
        if not isinstance(counts, PackedMap):
            counts = PackedMap(counts, ints=True)
        return counts, self._words, packed, self._gone

    def __setstate__(self, state: tuple[PackedMap[int], list[str], bytes, set[str]]) -> None:
        self._counts, self._words, self._packed, self._gone = state
        self._deletes_ = self._prefixes_ = None
        self._pending = []

    def _typo(self) -> tuple[_DeleteTable, dict[str, list[str]]]:
        """The deletion table and the two-letter buckets (unpickled when first needed)."""
        if self._deletes_ is None or self._prefixes_ is None:
            assert self._packed is not None
            self._deletes_, self._prefixes_ = pickle.loads(self._packed)
            self._packed = None
            pending, self._pending = self._pending, []
            for word, wid in pending:
                self._file(word, wid)
        return self._deletes_, self._prefixes_

    def _file(self, word: str, wid: int) -> None:
        """File a new word in the typo tables (they are read)."""
        assert self._deletes_ is not None and self._prefixes_ is not None
        for d in _deletes(word):
            self._deletes_.add(d, wid)
        if len(word) >= 6:
            self._prefixes_.setdefault(word[:2], []).append(word)

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> Vocabulary:
        """A vocabulary of ``counts``' words, each counted as often as it says."""
        vocab = cls()
        vocab.add(counts)
        vocab._counts.update(counts)
        return vocab

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, word: str) -> bool:
        return word in self._counts

    def count(self, word: str) -> int:
        return self._counts.get(word, 0)

    def add(self, words: Iterable[str]) -> None:
        counts = self._counts
        for word in words:
            c = counts.get(word)
            counts[word] = 1 if c is None else c + 1
            if c is None and word in self._gone:
                self._gone.discard(word)
            elif c is None:
                wid = len(self._words)
                self._words.append(word)
                if MIN_CORRECT_LEN <= len(word) <= MAX_CORRECT_LEN and word.isalpha():
                    if self._deletes_ is None:
                        self._pending.append((word, wid))
                    else:
                        self._file(word, wid)

    def discard(self, words: Iterable[str]) -> None:
        """Drop one reference to each word (a word no longer used stops being corrected to,
        its deletion entries stay and are skipped)."""
        counts = self._counts
        for word in words:
            c = counts.get(word)
            if c is None:
                continue
            if c <= 1:
                del counts[word]
                self._gone.add(word)
            else:
                counts[word] = c - 1

    def candidates(self, word: str) -> set[str]:
        """Vocabulary words that may be one edit from ``word`` (unverified): those filed
        under ``word`` or under one of its deletions, and its deletions themselves."""
        ids: set[int] = set()
        deletions = _deletes(word)
        self._typo()[0].get((word, *deletions), ids)
        counts = self._counts
        found = {d for d in deletions if d in counts}
        found.update(self._words[i] for i in ids)
        return found

    def correct(self, word: str, edits: int | None = None) -> tuple[str, int] | None:
        """The closest vocabulary word and its distance, or None.

        One edit is found through the deletion index. Two edits (allowed from 7 letters)
        are looked for among the words sharing the first two letters, with rapidfuzz.
        Among equally close words: the same first letter first, then the most frequent,
        then the closest in length. A word of five letters or fewer keeps its first letter
        (first letters are rarely mistyped, and short words have many neighbours: "drake"
        is not "rake").
        """
        edits = max_edits(word) if edits is None else edits
        if edits == 0 or not word.isalpha() or len(word) > MAX_CORRECT_LEN:
            return None
        counts = self._counts
        best: tuple[tuple[int, bool, bool, int, int, str], str, int] | None = None
        for cand in self.candidates(word):
            c = counts.get(cand)
            if c is None or len(cand) < 3:
                continue
            if len(word) <= 5 and cand[0] != word[0]:
                continue
            dist = OSA.distance(word, cand, score_cutoff=1)
            if dist > 1:
                continue
            key = (dist, cand[0] != word[0], not typing_slip(word, cand), -c,
                   abs(len(cand) - len(word)), cand)
            if best is None or key < best[0]:
                best = (key, cand, dist)
        if best is None and edits >= 2:
            bucket = self._typo()[1].get(word[:2])
            if bucket:
                for cand, dist, _ in process.extract_iter(
                    word, bucket, scorer=OSA.distance, score_cutoff=edits
                ):
                    c = counts.get(cand)
                    if c is None or abs(len(cand) - len(word)) > edits:
                        continue
                    key = (dist, False, False, -c, abs(len(cand) - len(word)), cand)
                    if best is None or key < best[0]:
                        best = (key, cand, dist)
        return None if best is None else (best[1], best[2])


#: The keys next to each letter on a QWERTY keyboard, where a finger slips.
_NEAR_KEYS = {k: set(v) for k, v in {
    "q": "wa", "w": "qeas", "e": "wrsd", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj",
    "i": "uojk", "o": "ipkl", "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx",
    "f": "drtgvc", "g": "ftyhbv", "h": "gyujnb", "j": "huikmn", "k": "jiolm", "l": "kop",
    "z": "asx", "x": "zsdc", "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}.items()}


def typing_slip(word: str, cand: str) -> bool:
    """Whether one edit from ``cand`` to ``word`` is a common slip of typing: a letter left
    out or doubled, two swapped, or one struck for a key next to it ("autor" for "author",
    not for "actor")."""
    if len(word) != len(cand):
        return True
    diff = [i for i, (a, b) in enumerate(zip(word, cand, strict=True)) if a != b]
    if len(diff) != 1:
        return True  # (a transposition)
    a, b = word[diff[0]], cand[diff[0]]
    return b in _NEAR_KEYS.get(a, ())
