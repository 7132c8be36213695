"""The reason a "why" question asks for, when the record chosen only states the claim.

News often states a claim in one sentence and gives its reason in the next: "The utility
has faced sharp criticism for not cutting power." then "A spokesman said it had decided
against a shutoff because ...". Asked "why didn't the utility shut off power?", the engine
finds the claim (it shares the question's words); the reason is its neighbour.
:func:`reason_after` finds that neighbour: the record right after the chosen one in the
same source (the next sentence of the article, or the next quote after a quote), when the
chosen record states no reason outright and the neighbour does (a reason connective:
"because", "due to", ...) and shares a word with the question; or goes on as the account of
the claim's one person ("Whitlock voted against the permit. He said the project was too
large."); or, the claim giving no reason at all, is someone's account or says more of the
claim's things ("Pelletier has a personal stake in the lighthouse. Her grandfather was its
last keeper."). The answer then gives both, each cited. :func:`reason_before` finds the sentence
before one that points back to it as the reason ("That distance is what makes the finding
puzzling.", "That is why ...").
"""

from __future__ import annotations

import re

from bot.engine import lexicon
from bot.engine.memory import Memory
from bot.engine.normalize import content_stems, words
from bot.engine.records import gives_reason
from bot.engine.records import states_reason as says_reason
from bot.models import Fact, Quote, first_source


def states_reason(record: Fact | Quote) -> bool:
    """The record's own words state a reason outright ("because", "due to", "since")."""
    return says_reason(words(record.text))


def _neighbours(rec: Fact | Quote, other: Fact | Quote) -> bool:
    """Whether ``other``, next to ``rec`` in the bank, is of its kind, source and server: the
    article's sentence beside it, or the quote beside a quote."""
    return type(other) is type(rec) and first_source(other) == first_source(rec) \
        and other.guild_id == rec.guild_id


def reason_after(memory: Memory, rid: int, asked: set[str]) -> int | None:
    """The rid of the record that gives the reason for record ``rid``'s claim, or None: the
    next record of the same kind from the same source, when ``rid`` states no reason, the
    next one does, and it has one of the question's terms (``asked``, people excluded); or
    when the next one is the account of ``rid``'s one person (:func:`_goes_on`) or explains
    a claim giving no reason at all (:func:`_explains`)."""
    records = memory.records
    rec = records[rid]
    if rec is None or not rec.citations or states_reason(rec) or rid + 1 >= len(records):
        return None
    after = records[rid + 1]
    if after is None or not _neighbours(rec, after):
        return None
    if not states_reason(after):  # (sentences of an article: neither a quote)
        return rid + 1 if isinstance(rec, Fact) and isinstance(after, Fact) and (
            _goes_on(rec, after) or _explains(rec, after)) else None
    shared = memory.fields(rid + 1, {t for t in asked if not t.startswith("@")})
    return rid + 1 if shared else None


#: A sentence that goes on about the one person of the sentence before opens on one of
#: these ("Whitlock voted against the permit. He said ...").
_HE_OR_SHE = re.compile(r"^(?:he|she)\b", re.IGNORECASE)


def _goes_on(rec: Fact, after: Fact) -> bool:
    """Whether ``after``, the sentence after the claim ``rec``, goes on about the claim's one
    person, opening on "he" or "she" (the person's own account of it: "Commissioner Gary
    Whitlock voted against the permit." then "He said he thought the project was too
    large.")."""
    if len(rec.people) != 1 or rec.people != after.people:
        return False
    passage = _as_written(after)
    return bool(_HE_OR_SHE.match(passage)) and not _ACCOUNTS.isdisjoint(words(passage))


def _explains(rec: Fact, after: Fact) -> bool:
    """Whether the sentence ``after`` is the likely explanation of the claim ``rec`` before
    it, which gives no reason of its own (no reason marker: "to", "for", "because", but a
    preposition opening a noun phrase, :func:`_purpose`; nor points back to the sentence
    before it, :func:`reason_before`): someone's account ("Fair officials said a sample
    tested positive") or, the claim having no marker at all, more about the claim's own
    things ("Pelletier has a personal stake in the lighthouse." then "Her grandfather was its
    last keeper.")."""
    claim = words(rec.text)
    if _purpose(claim) or _POINTS_BACK.search(rec.text):
        return False
    said = words(_as_written(after))
    if not _ACCOUNTS.isdisjoint(said):
        return True
    return not gives_reason(claim) and not set(content_stems(claim)).isdisjoint(
        content_stems(said))


#: The reason markers that are prepositions before a noun phrase ("donate it **to** the club",
#: "**after** a review"): there they give no reason (but "for the project" may be a stance
#: or a cause: "voted for the project", "fired for the remarks").
_PREPOSITIONS = frozenset({"to", "after", "over"})
#: The words opening a noun phrase after such a preposition: an article, a possessive, a
#: demonstrative ("to the club", "to its members", "over this").
_NOUN_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my", "your",
                           "this", "these", "those", "each", "every"})


def _purpose(ws: list[str]) -> bool:
    """Whether ``ws`` gives a reason (:func:`~bot.engine.records.gives_reason`), a marker that
    opens a noun phrase not counted: "said it would donate the price **to** the club" gives
    none, "cut power **to** keep lines from sparking" does."""
    kept = [w for i, w in enumerate(ws) if not (
        w in _PREPOSITIONS and i + 1 < len(ws) and ws[i + 1] in _NOUN_OPENERS)]
    return gives_reason(kept)


def _as_written(rec: Fact) -> str:
    """The sentence as its article wrote it (ingest reads a pronoun opening it as the name:
    "He said" is kept in its passage)."""
    return rec.citations[0].passage if rec.citations else rec.text


#: The verbs of a person's account of what they did: speech (:data:`lexicon.SPEECH_VERBS`)
#: and pointing to evidence ("He pointed to a 2023 county study").
_ACCOUNTS = lexicon.SPEECH_VERBS | {"pointed", "points", "cited", "cites", "noted", "notes",
                                    "explained", "explains", "blamed", "blames"}


#: A sentence giving as the reason what the one before it said: "That distance is what makes
#: the finding puzzling.", "That order, she said, is why some streets ...", "This is why".
_POINTS_BACK = re.compile(
    r"^(?:that|this|these|those)\b[^.;:!?]{0,40}?\b(?:is|are|was|were)\s+"
    r"(?:why|what (?:makes|made|explains|explained)|the reason)\b"
    r"|^(?:that|this)'s\s+(?:why|the reason)\b",
    re.IGNORECASE,
)


def reason_before(memory: Memory, rid: int) -> int | None:
    """The rid of the record before record ``rid`` in the same source, when ``rid`` gives it
    as the reason ("That distance is what makes the finding puzzling."), or None."""
    records = memory.records
    rec = records[rid]
    if rec is None or not rec.citations or rid == 0 or not _POINTS_BACK.search(rec.text):
        return None
    before = records[rid - 1]
    return rid - 1 if before is not None and _neighbours(rec, before) else None


def reason_beside(memory: Memory, rid: int, asked: set[str]) -> tuple[int, bool] | None:
    """The record giving the reason of record ``rid``'s claim (:func:`reason_after`, else
    :func:`reason_before`) and whether it comes first, or None."""
    if (after := reason_after(memory, rid, asked)) is not None:
        return after, False
    before = reason_before(memory, rid)
    return None if before is None else (before, True)
