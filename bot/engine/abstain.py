"""What an abstention says: "The coverage doesn't say.", then a hint for asking again.

The hints: near misses offered as suggestions, or none; the question's words that no record
uses in any form ("It never mentions “weather”."), so the asker can try the coverage's own
words; whom a lone "she" means, when nothing said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.engine import lexicon
from bot.engine.question import Item
from bot.wording import or_list

ABSTAIN_TEXT = "The coverage doesn't say."
#: The reply to small talk: a greeting, or thanks.
GREETING_TEXT = "Hi! Ask me a question about the coverage, and I'll answer it with its source."
THANKS_TEXT = "You're welcome! Ask me anything else about the coverage."
_HINT_SUGGEST = " Perhaps you meant one of the suggestions."
_HINT_NONE = " Try asking about something the coverage reports."
_HINT_UNKNOWN = " It never mentions {}."
#: A question about "she" or "him" with no one named, and no last answer to read it against.
_HINT_WHO = " Who do you mean by “{}”? Ask again with their name."
#: The question's words the coverage never uses are named up to this many.
LACKING_SHOWN = 3


def abstention(*, suggested: bool, lacking: Sequence[str] = (), who: str | None = None) -> str:
    """The text of an abstention (``suggested``: suggestions come with it; ``lacking``: the
    question's words the coverage never uses; ``who``: the lone pronoun it asks about)."""
    if who is not None:
        return ABSTAIN_TEXT + _HINT_WHO.format(who)
    never = _HINT_UNKNOWN.format(or_list([f"“{w}”" for w in lacking])) if lacking else ""
    return ABSTAIN_TEXT + never + (_HINT_SUGGEST if suggested else _HINT_NONE)


def small_talk_reply(words: Sequence[str]) -> str:
    """The reply to small talk (its folded ``words``): thanks, or a greeting."""
    return THANKS_TEXT if not lexicon.THANKS_WORDS.isdisjoint(words) else GREETING_TEXT


def lacking_words(items: Sequence[Item], seen: Callable[[Item], bool], text: str) -> list[str]:
    """The words of the question (``text``, read as ``items``) that the coverage the asker
    sees never uses in any form (``seen`` tells whether it does; another server's own
    records do not count: they are not its coverage, nor to be hinted at), but people's
    names, as the question spells them: at most :data:`LACKING_SHOWN`."""
    out: list[str] = []
    for item in items:
        if not item.people and not seen(item):
            written = as_written(item.surface, text)
            if written not in out:
                out.append(written)
    return out[:LACKING_SHOWN]


def as_written(word: str, text: str) -> str:
    """``word`` (folded, as the engine reads it) as ``text`` spells it ("Obama" for "obama"),
    or ``word`` when the text has it only in another form."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    return found.group(0) if found else word
