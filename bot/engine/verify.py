"""Checking a quote someone pastes against the quotes in the coverage.

``verify_quote`` says whether the text is what someone said, word for word (``verbatim``; a
fragment of a longer quote counts, and so does a quotation that marks left-out words with
an ellipsis), close to it (``paraphrase``, with the word-level difference), close to it but
with a changed name, number or negation (``altered``, with the difference and what changed;
see :mod:`bot.engine.alter`), or not in the coverage (``not_found``). Comparison ignores
what :func:`bot.textfold.fold` folds (case, accents, compatibility forms, invisible
characters, typographic quotes and apostrophes, dashes) and ellipses, punctuation and
spacing; a difference is shown in the words as written. A paste needs a few words to be
judged (:data:`MIN_WORDS`, :data:`MIN_CHARS`), unless it is a whole quote.

Pure functions; :class:`QuoteVerifier` prepares the quotes once for repeated checks.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from rapidfuzz import fuzz, process

from bot import textfold
from bot.engine.alter import Alteration, Token, find_alterations, known_names
from bot.errors import InvalidQuestion
from bot.models import Person, Quote

Verdict = Literal["verbatim", "paraphrase", "altered", "not_found"]
OpKind = Literal["equal", "delete", "insert", "replace"]

#: Word-level similarity (0-100) from which a near miss is a paraphrase.
PARAPHRASE_SCORE = 70.0
#: Share of the pasted words that must appear, in order, in the quote for a paraphrase.
PARAPHRASE_COVERAGE = 0.6
#: Character-level prefilter (rapidfuzz partial_ratio) for candidate quotes.
CANDIDATE_CUTOFF = 55.0
CANDIDATES = 5
#: Fewer words than this (or fewer letters and digits than MIN_CHARS) match too much to judge,
#: unless the paste is a whole quote.
MIN_WORDS = 4
MIN_CHARS = 12
TOO_SHORT = ("That is too short to check: paste at least {words} words of the quote "
             "(a word or two can be found in almost anything).")

# --------------------------------------------------------------------------- normalising

#: Dashes that part words (textfold wrote the others "-"; two- and three-em dashes it keeps).
_DASHES = re.compile(r"[\u2e3a\u2e3b]|--+|(?<=\s)-(?=\s)")
_ELLIPSIS = re.compile(r"\.{2,}")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def fold(text: str) -> str:
    """``text`` as written (:func:`bot.textfold.plain`: compatibility form, plain quotes,
    apostrophes and dashes, no invisible characters), with dashes between words and
    ellipses as spaces, and spacing collapsed; case and accents kept, to be shown."""
    text = _ELLIPSIS.sub(" ", _DASHES.sub(" ", textfold.plain(text)))
    return textfold.squash(text)


def words(text: str) -> list[str]:
    """The words of ``text`` folded (:func:`bot.textfold.fold`: case, accents, quotes and
    the rest), apostrophes inside words kept ("we're", "what's"); dashes, ellipses and every
    other mark fall between words."""
    return _WORD.findall(textfold.fold(text))


def normalise(text: str) -> str:
    """``text`` reduced to its words for comparison."""
    return " ".join(words(text))


def _display_words(text: str) -> list[str]:
    """The words of ``text`` as written (for showing a difference); :func:`textfold.fold`
    of each is what :func:`words` finds."""
    return _WORD.findall(fold(text))


_SENTENCE_END = frozenset(".!?:")


def _tokens(text: str) -> list[Token]:
    """:func:`_display_words` with, for each, whether it starts a sentence (nothing before
    it but quote marks and brackets, or a ``.``, ``!``, ``?`` or ``:``)."""
    folded = fold(text)
    out: list[Token] = []
    for m in _WORD.finditer(folded):
        before = folded[: m.start()].rstrip(" \"'()[]*_")
        out.append((m.group(), not before or before[-1] in _SENTENCE_END))
    return out


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step turning the pasted text into the quote.

    ``delete``: words of the pasted text the quote does not have; ``insert``: words of the
    quote the pasted text left out; ``replace``: pasted words where the quote has others.
    """

    op: OpKind
    text: str = ""
    quote: str = ""

    def as_json(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Verification:
    """The verdict on a pasted quote.

    ``quote`` is the matching quote (for ``not_found``: the nearest one, if any came close
    enough to be compared, so a reader can be offered it; ``score`` then says how far off).
    """

    verdict: Verdict
    score: float
    quote: Quote | None = None
    speaker_id: str | None = None
    #: The speaker's display name; None when the quote's speaker is unknown.
    speaker: str | None = None
    ops: tuple[DiffOp, ...] = ()
    #: For ``altered``: the changed names, numbers and negations.
    alterations: tuple[Alteration, ...] = ()

    @property
    def found(self) -> bool:
        return self.verdict != "not_found"

    @property
    def what_changed(self) -> str:
        """For ``altered``: "a changed name", "a changed name and number", …"""
        kinds = list(dict.fromkeys(a.kind for a in self.alterations))
        if not kinds:
            return ""
        return "a changed " + (kinds[0] if len(kinds) == 1
                               else ", ".join(kinds[:-1]) + " and " + kinds[-1])

    @property
    def changes(self) -> tuple[DiffOp, ...]:
        return tuple(op for op in self.ops if op.op != "equal")

    @property
    def diff(self) -> str:
        """Markdown: ~~pasted words~~ not in the quote, **quote words** the paste lacks."""
        return self._render("~~{}~~", "**{}**")

    @property
    def diff_plain(self) -> str:
        """Plain text, word-diff style: ``[-pasted-]`` and ``{+quote+}``."""
        return self._render("[-{}-]", "{{+{}+}}")

    def _render(self, removed: str, added: str) -> str:
        """The whole paste with its changes marked by the two formats ("" when none)."""
        if not self.changes:
            return ""
        parts: list[str] = []
        for op in self.ops:
            if op.op == "equal":
                parts.append(op.text)
                continue
            if op.text:
                parts.append(removed.format(op.text))
            if op.quote:
                parts.append(added.format(op.quote))
        return " ".join(parts)

    @property
    def summary(self) -> str:
        """The changes alone, compactly: ``-walking +living; +great``."""
        items = []
        for op in self.changes:
            item = " ".join(
                p
                for p in (f"-{op.text}" if op.text else "", f"+{op.quote}" if op.quote else "")
                if p
            )
            items.append(item)
        return "; ".join(items)

    def as_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "score": round(self.score, 1),
            "quote": self.quote.id if self.quote else None,
            "text": self.quote.text if self.quote else None,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "context": self.quote.context if self.quote else None,
            "diff": self.diff_plain,
            "ops": [op.as_json() for op in self.ops],
            "alterations": [a.as_json() for a in self.alterations],
        }


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    score: float
    coverage: float
    ops: tuple[DiffOp, ...]


@dataclass(frozen=True, slots=True)
class _Prepared:
    norm: tuple[str, ...]
    padded: tuple[str, ...]
    #: word -> indexes of the quotes that have it
    postings: Mapping[str, tuple[int, ...]]


@functools.lru_cache(maxsize=8)
def _prepare(texts: tuple[str, ...]) -> _Prepared:
    norm = tuple(normalise(t) for t in texts)
    postings: dict[str, list[int]] = {}
    for i, n in enumerate(norm):
        for w in set(n.split()):
            postings.setdefault(w, []).append(i)
    return _Prepared(
        norm, tuple(f" {n} " for n in norm), {w: tuple(ix) for w, ix in postings.items()}
    )


#: Banks up to this size are compared in full; larger ones through their rarest words.
FULL_SCAN = 500
RARE_WORDS = 6
POOL = 200


class QuoteVerifier:
    """Quotes prepared once (normalised and indexed by word) for many :meth:`verify` calls.

    Preparation is cached by the quotes' texts, so :func:`verify_quote` called again with
    the same bank does not redo it.
    """

    def __init__(self, quotes: Sequence[Quote], people: Mapping[str, Person]) -> None:
        self._quotes: tuple[Quote, ...] = tuple(quotes)
        self._people = people
        prepared = _prepare(tuple(q.text for q in self._quotes))
        self._norm = prepared.norm
        self._padded = prepared.padded
        self._postings = prepared.postings
        self._names: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._quotes)

    def verify(self, text: str) -> Verification:
        pasted = _strip_outer_quotes(text)
        norm = normalise(pasted)
        if not norm:
            raise InvalidQuestion("Give the words of the quote to check.")
        if len(norm.split()) < MIN_WORDS or sum(c.isalnum() for c in norm) < MIN_CHARS:
            # A short paste is judged only as a whole quote (a slogan), never as a fragment.
            whole = [i for i in self._having_all(norm) if self._norm[i] == norm]
            if not whole:
                raise InvalidQuestion(TOO_SHORT.format(words=MIN_WORDS))
            shown = " ".join(_display_words(pasted))
            return self._result("verbatim", 100.0, whole[0], (DiffOp("equal", shown, shown),))
        exact = self._contained(norm)
        if exact is None:
            exact = self._elided(pasted)
        if exact is not None:
            shown = " ".join(_display_words(pasted))
            return self._result("verbatim", 100.0, exact, (DiffOp("equal", shown, shown),))
        best = self._closest(pasted, norm)
        if best is None:
            return Verification("not_found", 0.0)
        if best.ops and not any(op.op != "equal" for op in best.ops):
            # Every word lines up (an empty diff means nothing did: not a match at all).
            return self._result("verbatim", 100.0, best.index, best.ops)
        if best.score >= PARAPHRASE_SCORE and best.coverage >= PARAPHRASE_COVERAGE:
            quote = self._quotes[best.index]
            altered = find_alterations(_tokens(pasted), _tokens(quote.text), best.ops,
                                       self._known_names())
            if altered:
                return self._result("altered", best.score, best.index, best.ops, altered)
            return self._result("paraphrase", best.score, best.index, best.ops)
        return self._result("not_found", best.score, best.index, ())

    # -- stages

    def _having_all(self, norm: str) -> Sequence[int]:
        """Quotes that may contain every word of ``norm``: those with its rarest word."""
        rarest: Sequence[int] | None = None
        for w in set(norm.split()):
            hits = self._postings.get(w, ())
            if rarest is None or len(hits) < len(rarest):
                rarest = hits
        return rarest or ()

    def _pool(self, norm: str) -> Sequence[int]:
        """Quotes worth comparing with ``norm``: all of a small bank, else those sharing
        the most of its rarest words."""
        if len(self._norm) <= FULL_SCAN:
            return range(len(self._norm))
        present = sorted(
            (w for w in set(norm.split()) if w in self._postings),
            key=lambda w: len(self._postings[w]),
        )
        counts: Counter[int] = Counter()
        for w in present[:RARE_WORDS]:
            counts.update(self._postings[w])
        return [i for i, _ in counts.most_common(POOL)]

    def _shortest(self, found: list[int]) -> int | None:
        return min(found, key=lambda i: (len(self._norm[i]), i)) if found else None

    def _contained(self, norm: str) -> int | None:
        """The shortest quote containing the pasted words as a run (a fragment or all)."""
        needle = f" {norm} "
        return self._shortest([i for i in self._having_all(norm) if needle in self._padded[i]])

    def _elided(self, pasted: str) -> int | None:
        """A quotation with "..." for left-out words: every piece in order in one quote."""
        pieces = [normalise(p) for p in re.split(r"\u2026|\.{3,}|\[\s*\.+\s*\]", pasted)]
        pieces = [p for p in pieces if p]
        if len(pieces) < 2:
            return None
        found: list[int] = []
        for i in self._having_all(" ".join(pieces)):
            hay, at = self._padded[i], 0
            for piece in pieces:
                at = hay.find(f" {piece} ", at)
                if at < 0:
                    break
                at += len(piece) + 1
            else:
                found.append(i)
        return self._shortest(found)

    def _closest(self, pasted: str, norm: str) -> _Candidate | None:
        choices = {i: self._norm[i] for i in self._pool(norm)}
        hits = process.extract(
            norm,
            choices,
            scorer=fuzz.partial_ratio,
            processor=None,
            limit=CANDIDATES,
            score_cutoff=CANDIDATE_CUTOFF,
        )
        best: _Candidate | None = None
        for _choice, _score, index in hits:
            cand = _compare(pasted, self._quotes[index].text, index)
            if best is None or (cand.score, cand.coverage) > (best.score, best.coverage):
                best = cand
        return best

    def _known_names(self) -> frozenset[str]:
        if self._names is None:
            self._names = known_names(n for p in self._people.values() for n in p.names)
        return self._names

    def _result(
        self, verdict: Verdict, score: float, index: int, ops: tuple[DiffOp, ...],
        alterations: tuple[Alteration, ...] = (),
    ) -> Verification:
        quote = self._quotes[index]
        person = self._people.get(quote.speaker) if quote.speaker else None
        name = person.name if person else quote.speaker
        return Verification(verdict, score, quote, quote.speaker, name, ops, alterations)


def _strip_outer_quotes(text: str) -> str:
    return text.strip().strip("\"'“”‘’«»„ \t\n")


def _compare(pasted: str, quote_text: str, index: int) -> _Candidate:
    """Word-level comparison of the paste with the part of the quote it lines up with."""
    p_show, q_show = _display_words(pasted), _display_words(quote_text)
    p_words, q_words = [textfold.fold(w) for w in p_show], [textfold.fold(w) for w in q_show]
    matcher = difflib.SequenceMatcher(None, p_words, q_words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return _Candidate(index, 0.0, 0.0, ())
    # The window of the quote the paste corresponds to: from the first to the last matched
    # word, widened by as many words as the paste has unmatched at either end (so a changed
    # first or last word shows as a replacement, not as a deletion).
    lead = blocks[0].a
    tail = len(p_words) - (blocks[-1].a + blocks[-1].size)
    lo = max(0, blocks[0].b - lead)
    hi = min(len(q_words), blocks[-1].b + blocks[-1].size + tail)
    window, window_show = q_words[lo:hi], q_show[lo:hi]
    matcher = difflib.SequenceMatcher(None, p_words, window, autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kind = cast(OpKind, tag)
        ops.append(DiffOp(kind, " ".join(p_show[i1:i2]), " ".join(window_show[j1:j2])))
    matched = sum(b.size for b in matcher.get_matching_blocks())
    score = 100.0 * matcher.ratio()
    coverage = matched / len(p_words) if p_words else 0.0
    return _Candidate(index, score, coverage, tuple(ops))


def verify_quote(text: str, quotes: Sequence[Quote], people: Mapping[str, Person]) -> Verification:
    """Whether ``text`` is a quote in ``quotes`` (verbatim), close to one (paraphrase, with
    the word-level difference), close but with a changed name, number or negation (altered),
    or not there (not_found).

    Raises :class:`InvalidQuestion` when ``text`` has no words, or too few to judge.
    """
    return QuoteVerifier(quotes, people).verify(text)
