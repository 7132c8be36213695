"""Follow-up questions: reading a question against the one before it.

A conversation keeps a :class:`Turn` of its last question and answer. :func:`resolve`
rewrites the next question so that it stands on its own:

* a personal pronoun ("he", "she", "they", "his", "her", ...) becomes the name of the
  person the last turn was about ("what did she say at the awards" after "who is X");
* an elliptical question ("and Y?", "what about Y?", "how about Y") takes the last
  question with Y in place of the person it named, or with Y added;
* "what else" / "anything else" / "more" asks for another record than the last answer:
  the last answer's record is excluded;
* "it" ("where did it start") is a thing the last answer's story is about: that story's
  records come first.

Pure functions over plain data: the conversation store (who talks in which channel, for
how long a turn counts) lives outside the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from bot.engine.abstain import ALL_QUOTED_TEXT
from bot.engine.lexicon import AUXILIARIES, STOPWORDS
from bot.engine.pronouns import ONE_PERSON
from bot.models import Answer

#: Personal pronouns a follow-up uses for the person of the last turn (general English).
_PRONOUN = re.compile(
    r"\b(he|she|they|him|her|them|his|hers|their|theirs|himself|herself|themselves)\b",
    re.IGNORECASE,
)
_POSSESSIVE = {"his", "her", "their", "hers", "theirs"}
_ELLIPSIS = re.compile(
    r"^\s*(?:and|&|also|plus|ok(?:ay)?|so)?\s*(?:what|how)?\s*(?:about|abt)?\s*(?P<rest>.*?)[\s?!.]*$",
    re.IGNORECASE,
)
_ELLIPSIS_CUE = re.compile(r"^\s*(?:and\b|&|what about\b|how about\b|what abt\b)", re.IGNORECASE)
_ELSE = re.compile(r"\b(?:else|more|another|other)\b", re.IGNORECASE)
#: "where did it start": a thing the last answer's story is about.
_IT = re.compile(r"\b(?:it|its|itself)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Turn:
    """What a conversation remembers of its last exchange."""

    #: the question as it was answered (already resolved)
    question: str
    #: display names of the people the question named, or else the answer was about
    people: tuple[str, ...] = ()
    #: the names the question itself used for them (replaced by an elliptical follow-up)
    named_as: tuple[str, ...] = ()
    #: records given as answers so far in this line of questions
    records: tuple[str, ...] = field(default=())
    #: the source the last answer cited first (what "it" in the next question is about)
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    question: str
    #: records not to give again ("what else did he say")
    exclude: tuple[str, ...] = ()
    #: the question was rewritten from the last turn
    followed: bool = False
    #: "where did it start": the source the last answer cited, whose records come first
    source: str | None = None


def resolve(question: str, turn: Turn | None, *, names_question: bool,
            kind_of_person: Callable[[str], bool]) -> Resolved:
    """``question`` made to stand on its own against ``turn`` (``names_question``: the
    question itself names someone the coverage knows; a pronoun whom the question says
    itself is not the last turn's person: :func:`antecedent`, with ``kind_of_person``)."""
    if turn is None or not question.strip():
        return Resolved(question)
    text = question
    followed = False
    exclude: tuple[str, ...] = ()
    person = turn.people[0] if turn.people else None

    if _ELLIPSIS_CUE.match(text) and len(text.split()) <= 6:
        m = _ELLIPSIS.match(text)
        rest = m.group("rest").strip() if m else ""
        if rest:
            base = turn.question
            replaced = False
            for name in sorted(turn.named_as, key=len, reverse=True):
                pattern = re.compile(re.escape(name), re.IGNORECASE)
                if pattern.search(base):
                    base = pattern.sub(rest, base, count=1)
                    replaced = True
                    break
            text = base if replaced else f"{base.rstrip(' ?!.')} {rest}"
            return Resolved(text, (), True)

    pronoun = _PRONOUN.search(text)
    if person is not None and not names_question and pronoun is not None \
            and not antecedent(text, pronoun.start(), kind_of_person):

        def name_for(m: re.Match[str]) -> str:
            possessive = m.group(1).lower() in _POSSESSIVE and not _object(m.string, m)
            return f"{person}'s" if possessive else person

        text = _PRONOUN.sub(name_for, text, count=1)
        followed = True
    if _ELSE.search(question) and (followed or not names_question):
        exclude = turn.records
        followed = True
        if person is not None and not names_question and person not in text:
            text = f"{text.rstrip(' ?!.')} {person}"
    source = turn.source if _IT.search(question) else None
    return Resolved(text, exclude, followed, source)


#: "who said she ...": the person asked for, whom a pronoun after it may mean.
_WHO = re.compile(r"\bwho(?:m|se)?\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Pronouns that are only objects: someone other than their clause's subject ("what did the
#: mayor say about him"). "her" is one too unless a word of its own follows ("her win").
_OBJECTS = frozenset({"him", "them"})


def _object(question: str, m: re.Match[str]) -> bool:
    """Whether the pronoun ``m`` matched is an object: "him", "them", or "her" with no word of
    its own after it ("about her", not "her win")."""
    pronoun = m.group(1).lower()
    if pronoun != "her":
        return pronoun in _OBJECTS
    after = _WORD.search(question, m.end())
    return after is None or after.group(0).lower() in STOPWORDS


def antecedent(question: str, at: int, kind_of_person: Callable[[str], bool]) -> bool:
    """Whether ``question`` says itself, before its pronoun at ``at``, whom the pronoun may
    mean: "who" ("who said she was scared": the words whose speaker is asked for), a name
    past the first word ("how did Juniper get out of her enclosure") or a kind of person
    ("what did the baker say she lost", "did the cfo dump his stock"; ``kind_of_person``
    knows those nouns). An object ("what did the mayor say about him") means someone else."""
    m = _PRONOUN.match(question, at)
    obj = m is not None and _object(question, m)
    before = question[:at]
    whos = list(_WHO.finditer(before))
    who = whos[-1] if whos else None
    if who is not None and any(w.lower() not in AUXILIARIES
                               for w in _WORD.findall(before[who.end():])):
        # "who said she ...", not "who is she" (she is who is asked about); in "who said
        # they can't give him back" even "him" is of the words whose speaker is asked for
        return True
    if obj:
        return False
    return any(
        (i > 0 and w[0].isupper() and w != "I")
        or kind_of_person(re.sub(r"['’]s$", "", w.lower()))
        for i, w in enumerate(_WORD.findall(before))
    )


def lone_pronoun(question: str, kind_of_person: Callable[[str], bool]) -> str | None:
    """The first pronoun standing for one person in ``question`` ("she", "his"), folded to
    lower case, or None: asked with no one named, it refers to nobody the engine knows
    (unless the question says itself whom it means: :func:`antecedent`)."""
    m = ONE_PERSON.search(question)
    if m is None or antecedent(question, m.start(), kind_of_person):
        return None
    return m.group(1).lower()


def all_told(answer: Answer, resolved: Resolved, speakers: Sequence[str],
             quotes_of: Callable[[str], Sequence[str]], name_of: Callable[[str], str | None]
             ) -> Answer:
    """An abstention of "what else did he say" (``speakers``: the one person asked about,
    ``quotes_of``: the ids of their quotes) when every quote of theirs was given already in
    this line of questions: it says so, not that the coverage is silent."""
    if answer.answered or not resolved.followed or len(set(speakers)) != 1:
        return answer
    ids, name = quotes_of(speakers[0]), name_of(speakers[0])
    if not ids or name is None or not set(ids) <= set(resolved.exclude):
        return answer
    return replace(answer, text=ALL_QUOTED_TEXT.format(name), suggestions=())
