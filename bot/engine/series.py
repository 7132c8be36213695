"""Lists in a text: whether it names three or more things in a row ("Atlanta, Seattle, New
York and Chicago": :func:`is_series`), which a "how many" question may be answered by
counting, and how many the longest list names (:func:`series_length`), which "what are the
four examples" needs at least. Pure text in, a yes or a count out."""

from __future__ import annotations

import re

#: The marks ending a clause, which no list runs across.
_CLAUSE_END = re.compile(r"[.;:!?()]")
#: The words joining a list's last item.
_AND_OR = frozenset({"and", "or"})


def is_series(text: str) -> bool:
    """``text`` lists three or more things ("Atlanta, Seattle, New York and Chicago"): a
    comma, an item of one to four words, a comma, then "and" or "or" within four words (an
    age is no item: "Vance, 54, pleaded guilty and testified")."""
    if text.count(",") < 2:
        return False
    parts = text.split(",")
    for k in range(2, len(parts)):
        item, last = parts[k - 1].split(), parts[k].split()[:4]
        if (
            parts[k - 2].strip()
            and 1 <= len(item) <= 4
            and not (len(item) == 1 and item[0].isdigit() and len(item[0]) <= 3)
            and not _CLAUSE_END.search(parts[k - 1])
            and not _AND_OR.isdisjoint(last)
        ):
            return True
    return False


#: An item of a list has this many words at most.
LIST_ITEM_WORDS = 6


def series_length(text: str) -> int:
    """How many things the longest list of ``text`` names at most ("Cook reductions, Karp
    reductions and Levin reductions": 3; "A and B": 2; none: 1): short parts between commas,
    then the last joined by "and" or "or" (a clause before the list may count as an item)."""
    best = 1
    for sentence in _CLAUSE_END.split(text):
        run = 0
        for part in sentence.split(","):
            ws = part.split()
            joined = next((k for k, w in enumerate(ws) if w in _AND_OR), None)
            if joined is None:
                run = run + 1 if 0 < len(ws) <= LIST_ITEM_WORDS else int(bool(ws))
                continue
            best = max(best, run + (1 if joined == 0 else 2))  # ", and C" or ", B and C"
            run = 0
    return best
