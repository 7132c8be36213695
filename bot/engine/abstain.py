"""What an abstention says: "The coverage doesn't say.", then a hint for asking again.

The hints: near misses offered as suggestions, or none (:func:`abstain` picks them); the
question's words that no record uses in any form ("It never mentions “weather”."), so the
asker can try the coverage's own words; whom a lone "she" means, when nothing said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.engine import lexicon
from bot.engine.memory import Memory, visible_to
from bot.engine.normalize import shorten
from bot.engine.question import Item, Query
from bot.engine.records import record_people
from bot.engine.scoring import Candidate
from bot.models import Answer, Fact, Quote
from bot.wording import or_list

ABSTAIN_TEXT = "The coverage doesn't say."
#: More than one story is as likely to answer, saying different things.
AMBIGUOUS_TEXT = "More than one story in the coverage could answer that."
#: The reply to small talk: a greeting, or thanks.
GREETING_TEXT = "Hi! Ask me a question about the coverage, and I'll answer it with its source."
THANKS_TEXT = "You're welcome! Ask me anything else about the coverage."
#: The reply to chatter that asks nothing ("canoe canoe boat ?? lol").
BABBLE_TEXT = "That doesn't read as a question. Ask me about the coverage in words, and I'll " \
    "answer with its source."
_HINT_SUGGEST = " Perhaps you meant one of the suggestions."
_HINT_NONE = " Try asking about something the coverage reports."
_HINT_UNKNOWN = " It never mentions {}."
#: A question about "she" or "him" with no one named, and no last answer to read it against.
_HINT_WHO = " Who do you mean by “{}”? Ask again with their name."
#: "what else did he say", every quote of his given already.
ALL_QUOTED_TEXT = "That's everything the coverage quotes {} as saying."
#: The question's words the coverage never uses are named up to this many.
LACKING_SHOWN = 3


def abstention(*, suggested: bool, lacking: Sequence[str] = (), who: str | None = None,
               ambiguous: bool = False) -> str:
    """The text of an abstention (``suggested``: suggestions come with it; ``lacking``: the
    question's words the coverage never uses; ``who``: the lone pronoun it asks about;
    ``ambiguous``: two stories are as likely to answer)."""
    if who is not None:
        return ABSTAIN_TEXT + _HINT_WHO.format(who)
    if ambiguous:
        return AMBIGUOUS_TEXT + (_HINT_SUGGEST if suggested else _HINT_NONE)
    never = _HINT_UNKNOWN.format(or_list([f"“{w}”" for w in lacking])) if lacking else ""
    return ABSTAIN_TEXT + never + (_HINT_SUGGEST if suggested else _HINT_NONE)


def small_talk_reply(query: Query) -> str:
    """The reply to a question asking nothing: to chatter, to thanks, or to a greeting."""
    if query.babble:
        return BABBLE_TEXT
    return THANKS_TEXT if not lexicon.THANKS_WORDS.isdisjoint(query.words) else GREETING_TEXT


def lacking_words(items: Sequence[Item], seen: Callable[[Item], bool], text: str,
                  asked: Callable[[Item], str] | None = None) -> list[str]:
    """The words of the question (``text``, read as ``items``) that the coverage the asker
    sees never uses in any form (``seen`` tells whether it does; another server's own
    records do not count: they are not its coverage, nor to be hinted at), but people's
    names, as the question spells them: at most :data:`LACKING_SHOWN`. A word read as
    another (a misspelling's guess: "shair" as "stair") is given as the asker wrote it
    (``asked``: the question's own word an item was read from)."""
    out: list[str] = []
    for item in items:
        if not item.people and not seen(item):
            word = item.surface
            if asked is not None and word not in text.lower():
                word = asked(item)
            written = as_written(word, text)
            if written not in out:
                out.append(written)
    return out[:LACKING_SHOWN]


def as_written(word: str, text: str) -> str:
    """``word`` (folded, as the engine reads it) as ``text`` spells it ("Obama" for "obama"),
    or ``word`` when the text has it only in another form."""
    folded, size = text.lower(), len(word)
    if len(folded) != len(text):  # (a letter whose lower case is longer: offsets would slip)
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        return found.group(0) if found else word
    at = folded.find(word)
    while at >= 0:  # (a whole word: no letter or digit on either side; no regex per word)
        before, after = folded[at - 1 : at], folded[at + size : at + size + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return text[at : at + size]
        at = folded.find(word, at + 1)
    return word


#: Near misses at least this share of the threshold are offered as suggestions.
SUGGEST_SHARE = 0.4


def abstain(memory: Memory, cands: Sequence[Candidate], query: Query, threshold: float,
            guild_id: int | None) -> Answer:
    """No answer: near misses as suggestions, and the question's words the coverage never
    uses (so that the asker can say it with the coverage's words)."""
    floor = threshold * SUGGEST_SHARE / 100.0
    suggestions: list[str] = []
    for c in sorted(cands, key=lambda c: -max(c.probability, c.near)):
        if len(suggestions) >= 3 or max(c.probability, c.near) < floor:
            break
        rec = memory.records[c.rid]
        text = _suggestion(memory, rec, query.people, guild_id) if rec is not None else ""
        if text and text not in suggestions:
            suggestions.append(text)
    visible = visible_to(guild_id)
    lacking = lacking_words(query.items, lambda it: memory.uses(it.terms, it.surface, visible),
                            query.text, lambda it: query.words[query.at[it.pos]])
    best = 100.0 * cands[0].confidence if cands else 0.0
    return Answer(
        answered=False,
        text=abstention(suggested=bool(suggestions), lacking=lacking,
                        ambiguous=bool(cands) and cands[0].ambiguous),
        score=round(min(best, max(0.0, threshold - 0.1)), 1),
        suggestions=tuple(suggestions),
    )


def _suggestion(memory: Memory, rec: Fact | Quote, named: Sequence[str],
                guild_id: int | None) -> str:
    """A near miss as a question to ask instead: "What did X say?" when it is about someone
    the question named (or a quote) and they have quotes, else its text."""
    about = [p for p in record_people(rec) if p in named or isinstance(rec, Quote)]
    for pid in about:
        person = memory.names.people.get(pid)
        if person is not None and memory.has_quotes(pid, guild_id):
            return f"What did {person.name} say?"
    return shorten(rec.text)
