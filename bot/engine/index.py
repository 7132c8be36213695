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

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

#: Field bits of a posting entry.
FIELD_TEXT = 1  # the fact's text or the quote's words
FIELD_KEYWORD = 2  # keywords curated for the record
FIELD_CONTEXT = 4  # citation passages, a quote's context
FIELD_PERSON = 8  # "@person-id" of the people a fact is about, a quote's speaker
_EMPTY_RIDS = array("i")


class InvertedIndex:
    """term -> (sorted rids, field bits per rid): two parallel arrays per term."""

    __slots__ = ("_postings",)

    def __init__(self) -> None:
        self._postings: dict[str, tuple[array[int], array[int]]] = {}

    def __len__(self) -> int:
        return len(self._postings)

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def add(self, rid: int, fields: Mapping[str, int]) -> None:
        postings = self._postings
        for term, bits in fields.items():
            entry = postings.get(term)
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
            entry = postings.get(term)
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
        entry = self._postings.get(term)
        return _EMPTY_RIDS if entry is None else entry[0]

    def df(self, term: str) -> int:
        entry = self._postings.get(term)
        return 0 if entry is None else len(entry[0])

    def fields(self, term: str, rid: int) -> int:
        """The field bits of ``term`` in record ``rid`` (0 when it does not have it)."""
        entry = self._postings.get(term)
        if entry is None:
            return 0
        rids = entry[0]
        i = bisect_left(rids, rid)
        return entry[1][i] if i < len(rids) and rids[i] == rid else 0


# --------------------------------------------------------------------------- vocabulary

#: Words shorter than this are never corrected (too many neighbours one edit away).
MIN_CORRECT_LEN = 4


def max_edits(word: str) -> int:
    """Edits allowed when correcting ``word``: none below 4 letters, 1 up to 7, then 2."""
    n = len(word)
    if n < MIN_CORRECT_LEN:
        return 0
    return 1 if n < 8 else 2


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class StopwordSpeller:
    """Recognises a misspelt function word ("abuot", "thier") so that it is dropped rather
    than weighed as an unknown word."""

    def __init__(self, words: Iterable[str]) -> None:
        self._vocab = Vocabulary()
        self._vocab.add(w for w in words if len(w) >= MIN_CORRECT_LEN)

    def __call__(self, word: str) -> str | None:
        if len(word) < MIN_CORRECT_LEN:
            return None
        found = self._vocab.correct(word)
        return None if found is None or found[1] > 1 else found[0]


class Vocabulary:
    """Surface words with reference counts, and the deletion index for correcting typos."""

    __slots__ = ("_counts", "_deletes", "_prefixes")

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._deletes: dict[str, str | list[str]] = {}
        #: first two letters -> words of 8 letters or more (for two-edit corrections)
        self._prefixes: dict[str, list[str]] = {}

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
            if c is not None:
                counts[word] = c + 1
                continue
            counts[word] = 1
            if len(word) >= MIN_CORRECT_LEN and word.isalpha():
                self._file(word)
                if len(word) >= 6:
                    self._prefixes.setdefault(word[:2], []).append(word)

    def _file(self, word: str) -> None:
        deletes = self._deletes
        for d in _deletes(word):
            cur = deletes.get(d)
            if cur is None:
                deletes[d] = word
            elif isinstance(cur, str):
                if cur != word:
                    deletes[d] = [cur, word]
            elif word not in cur:
                cur.append(word)

    def discard(self, words: Iterable[str]) -> None:
        """Drop one reference to each word. Deletion entries of words that reach zero are
        left behind (they are checked against the counts on lookup)."""
        counts = self._counts
        for word in words:
            c = counts.get(word)
            if c is None:
                continue
            if c <= 1:
                del counts[word]
                bucket = self._prefixes.get(word[:2])
                if bucket is not None and word in bucket:
                    bucket.remove(word)
            else:
                counts[word] = c - 1

    def _filed(self, key: str, out: set[str]) -> None:
        cur = self._deletes.get(key)
        if cur is None:
            return
        if isinstance(cur, str):
            out.add(cur)
        else:
            out.update(cur)

    def candidates(self, word: str) -> set[str]:
        """Vocabulary words that may be one edit from ``word`` (unverified): those filed
        under ``word`` or under one of its deletions, and its deletions themselves."""
        found: set[str] = set()
        self._filed(word, found)
        for d in _deletes(word):
            if d in self._counts:
                found.add(d)
            self._filed(d, found)
        return found

    def correct(self, word: str, edits: int | None = None) -> tuple[str, int] | None:
        """The closest vocabulary word and its distance, or None.

        One edit is found through the deletion index. Two edits (allowed from 8 letters)
        are looked for among the words sharing the first two letters, with rapidfuzz.
        Among equally close words: the same first letter first, then the most frequent,
        then the closest in length. A word of five letters or fewer keeps its first letter
        (first letters are rarely mistyped, and short words have many neighbours: "drake"
        is not "rake").
        """
        edits = max_edits(word) if edits is None else edits
        if edits == 0 or not word.isalpha():
            return None
        counts = self._counts
        best: tuple[tuple[int, bool, int, int, str], str, int] | None = None
        for cand in self.candidates(word):
            c = counts.get(cand)
            if c is None or len(cand) < 3:
                continue
            if len(word) <= 5 and cand[0] != word[0]:
                continue
            dist = OSA.distance(word, cand, score_cutoff=1)
            if dist > 1:
                continue
            key = (dist, cand[0] != word[0], -c, abs(len(cand) - len(word)), cand)
            if best is None or key < best[0]:
                best = (key, cand, dist)
        if best is None and edits >= 2:
            bucket = self._prefixes.get(word[:2])
            if bucket:
                for cand, dist, _ in process.extract_iter(
                    word, bucket, scorer=OSA.distance, score_cutoff=edits
                ):
                    c = counts.get(cand)
                    if c is None or abs(len(cand) - len(word)) > edits:
                        continue
                    key = (dist, False, -c, abs(len(cand) - len(word)), cand)
                    if best is None or key < best[0]:
                        best = (key, cand, dist)
        return None if best is None else (best[1], best[2])
