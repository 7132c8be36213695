"""The inverted index and the typo-correcting vocabulary.

Postings are compact: one ``array('i')`` per term, each entry ``rid << FIELD_BITS | fields``
(the record's interned int id and the bit set of the fields the term occurs in), kept sorted
by rid. New records get ever larger rids, so adding appends; removing deletes the entries in
place (a binary search finds them); membership of one record in a long posting list is a
binary search too. No per-record objects are kept besides the records themselves.

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
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

#: Field bits of a posting entry.
FIELD_TEXT = 1  # the fact's text or the quote's words
FIELD_KEYWORD = 2  # keywords curated for the record
FIELD_CONTEXT = 4  # citation passages, a quote's context
FIELD_PERSON = 8  # "@person-id" of the people a fact is about, a quote's speaker
FIELD_BITS = 4
_EMPTY = array("i")


class InvertedIndex:
    """term -> sorted posting array of ``rid << FIELD_BITS | field bits``."""

    __slots__ = ("_postings",)

    def __init__(self) -> None:
        self._postings: dict[str, array[int]] = {}

    def __len__(self) -> int:
        return len(self._postings)

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def add(self, rid: int, fields: Mapping[str, int]) -> None:
        postings = self._postings
        base = rid << FIELD_BITS
        for term, bits in fields.items():
            code = base | bits
            arr = postings.get(term)
            if arr is None:
                postings[term] = array("i", (code,))
            elif arr[-1] < code:
                arr.append(code)
            else:  # pragma: no cover - rids only grow, kept for safety
                insort(arr, code)

    def remove(self, rid: int, terms: Iterable[str]) -> None:
        postings = self._postings
        low = rid << FIELD_BITS
        for term in terms:
            arr = postings.get(term)
            if arr is None:
                continue
            i = bisect_left(arr, low)
            if i < len(arr) and arr[i] >> FIELD_BITS == rid:
                del arr[i]
                if not arr:
                    del postings[term]

    def postings(self, term: str) -> array[int]:
        return self._postings.get(term, _EMPTY)

    def df(self, term: str) -> int:
        arr = self._postings.get(term)
        return 0 if arr is None else len(arr)

    @staticmethod
    def fields_of(arr: array[int], rid: int) -> int:
        """The field bits of ``rid`` in a posting array (0 when absent)."""
        i = bisect_left(arr, rid << FIELD_BITS)
        if i < len(arr):
            code = arr[i]
            if code >> FIELD_BITS == rid:
                return code & ((1 << FIELD_BITS) - 1)
        return 0


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

    def correct(self, word: str) -> tuple[str, int] | None:
        """The closest vocabulary word and its distance, or None.

        One edit is found through the deletion index. Two edits (allowed from 8 letters)
        are looked for among the words sharing the first two letters, with rapidfuzz.
        Among equally close words: the same first letter first, then the most frequent,
        then the closest in length. A word of five letters or fewer keeps its first letter
        (first letters are rarely mistyped, and short words have many neighbours: "drake"
        is not "rake").
        """
        edits = max_edits(word)
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
