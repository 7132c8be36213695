"""Why a record cannot answer a question whatever its score (:func:`sinks`): the gates a
candidate must pass before the model's probability counts.

A question must be answerable from the record: every person, number and name it turns on is
in the record, its passage or its article's title; a negation or a word turned into its
opposite (WordNet's antonyms), an extreme the record does not name, a figure or a date the
record lacks, or a question mostly made of words the whole bank lacks, sinks it.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.engine import lexicon
from bot.engine.about import about_asks, about_enough
from bot.engine.asked_figures import (
    MONEY_TERMS,
    act_timed,
    counts_word,
    figure_beside,
    frame_unsaid,
    has_figure,
    sized_of,
)
from bot.engine.figures import is_year
from bot.engine.focus import completed, doer_named
from bot.engine.forms import common_phrasal, converse, modified_next, question_opposites, says_how
from bot.engine.naming import (
    kind_asked,
    kind_of_person,
    many_unnamed,
    name_near,
    name_stems,
    named_thing,
    someone_of,
    which_many,
    which_people,
)
from bot.engine.negation import (
    denied_before_reason,
    elided_negation,
    predicate_negated,
    question_negates,
    refusal_asked,
    subject_denied,
    subject_predicate,
    widely_negated,
)
from bot.engine.normalize import is_content, phrase_end, stem
from bot.engine.origin import origin_asked, origin_given
from bot.engine.population import not_population, population_of
from bot.engine.question import FIGURE_KINDS, Query
from bot.engine.records import (
    FIELD_KEYWORD,
    FIELD_PERSON,
    FIELD_TEXT,
    RecordView,
    person_term,
    stop_anchors,
)
from bot.engine.shifts import Shifts
from bot.engine.tally import gives_tally, tally_asked

#: What someone's words are asked to be about is read by its words this rare at least
#: ("about logging a species": not "how", "used", "take").
ABOUT_RARITY = 0.3
#: A question whose items the bank lacks for this share of its weight is about something else
#: (an item the bank lacks weighs at most UNKNOWN_CAP times the weightiest one it has: in a
#: small bank every known word has an IDF near 0).
UNKNOWN_SHARE, UNKNOWN_CAP = 0.45, 2.0
#: ... but a "why" question may say what happened in its own words, the reason being what it
#: asks ("why was the test postponed": "had been scheduled ..., but ..."; "why did they reduce
#: the seats": "the seats were cut to make room"): its share is this, and the confidence
#: model weighs the words a record lacks.
UNKNOWN_SHARE_WHY = 0.6
#: "money", which news gives as sums ("a $50,000 grant"), never saying the word.
_MONEY = stem("money")
#: The words that place a thing against an event in time (``opposite_pairs`` of the question
#: grammar): "when" asked, a record saying what it came before or after may answer.
_BEFORE_AFTER = frozenset({"before", "after"})


#: The gates' reasons that a record lacks the kind of answer asked (a time, a figure, a
#: name): a record further down the ranking may give it (:meth:`bot.engine.Engine.rank`).
UNGIVEN = frozenset({"no measure", "no figure", "not its size", "not their age", "no date",
                     "another time", "no name", "unnamed", "one of a kind", "no time",
                     "no year", "no day", "no month", "too few"})
#: The fields that are the record's own words (not its passage's).
_OWN = FIELD_TEXT | FIELD_KEYWORD | FIELD_PERSON


def _another_named(view: RecordView, head: str | None, asked: set[str]) -> bool:
    """The record has ``head`` right after a name the question lacks ("Greenbough employees"
    when "Harlan & Pike employees" was asked, the title naming Harlan & Pike)."""
    if head is None:
        return False
    seq = view.sequence
    people = name_stems(view.people)  # (a doer: "Awolowo said")
    return any(t == head and k and seq[k - 1] in view.names and seq[k - 1] not in asked
               and seq[k - 1] not in people for k, t in enumerate(seq))


def _lacks_much(weights: list[float], unknown: list[bool], share: float = UNKNOWN_SHARE) -> bool:
    """The items the bank lacks hold ``share`` of the question's weight (each capped at
    :data:`UNKNOWN_CAP` times the weightiest item it has)."""
    known = UNKNOWN_CAP * max((w for w, u in zip(weights, unknown, strict=True) if not u),
                              default=0.0)
    capped = [min(w, known) if u and known else w for w, u in zip(weights, unknown, strict=True)]
    lacking = sum(w for w, u in zip(capped, unknown, strict=True) if u)
    return lacking / (sum(capped) or 1.0) >= share


class Gates:
    """:func:`sinks` for one question, what it reads of the question alone worked out once
    (not once per candidate)."""

    __slots__ = ("_about", "_about_asks", "_about_items", "_aged", "_anchors", "_asked", "_besides",
                 "_degree", "_denied", "_figure", "_items", "_kin_aged", "_kind", "_lacks_much",
                 "_least", "_measure", "_measured_of", "_name_of", "_named", "_named_too",
                 "_negated", "_negates", "_of_thing", "_origin", "_peopled", "_said", "_shifts",
                 "_sized_of", "_speaker_named", "_speech_asked", "_subject", "_superlatives",
                 "_tally", "_when", "_when_act", "_which_many", "_which_people", "_who", "_why",
                 "query")

    def __init__(self, query: Query, weights: list[float], unknown: list[bool]) -> None:
        self.query = query
        asked = set(query.words)
        self._why = why = query.answer_type == "reason"
        # (asked why something is not so, a reason may be given without a negation: "why
        # didn't she sign": "she refused because"; but not when "not" negates a word of the
        # predicate: "why did Kolb plead not guilty" is not answered by "pleaded guilty")
        refused = refusal_asked(query)  # ("why did the bank refuse to donate": as if "not")
        negating = not why or predicate_negated(query) or bool(refused)
        self._negated = query.negated and negating
        self._negates = question_negates(query) | refused if negating else frozenset()
        #: "why did Voss sign the petition": the terms a record must not deny (not a person's)
        self._denied = frozenset(t for it in query.items if not it.people for t in it.terms) \
            if why and not query.negated and not self._negates else frozenset()
        self._subject = subject_predicate(query)
        self._origin = origin_asked(query)  # "where is X from": a place beside X's name
        self._shifts = Shifts(query)  # a time, a unit or roles shifted (:mod:`.shifts`)
        # stop words of the question turned around by their opposites (:func:`_turned_around`)
        self._degree = [(w, lexicon.opposites(w) - asked) for w in asked & lexicon.DEGREE_WORDS]
        self._anchors = [(w, about, tuple(lexicon.opposites(w) - asked))
                         for w, about in stop_anchors(query.words)
                         if w not in lexicon.DEGREE_WORDS]
        # extremes asked for (:func:`_superlative_unsaid`): their terms, their opposites'
        self._superlatives = [
            (it.terms, frozenset(stem(o) for o in opposite))
            for it in query.items
            if not it.people and it.surface.endswith("est")
            and it.surface not in lexicon.RECENCY_WORDS
            and (opposite := lexicon.opposites(it.surface))
        ]
        self._least = "least" in query.words
        kind = query.answer_type
        self._asked = {t for it in query.items for t in it.terms}
        self._who = query.answer_type == "person" and not query.said_by and not query.describe
        # "who else ... besides Obi": words leaving someone out of what is asked
        self._besides = phrase_end(query.words, lexicon.EXCLUSIONS) is not None
        #: ... and its people's names whole ("Terrence Obi" for "obi"; but a record saying
        #: who is not known answers about them alone: "It isn't known who Ada Roe voted for")
        self._named_too = self._asked | name_stems(query.people)
        #: asked why, the stems of the question's words (a record with no other gives no
        #: reason; but "what fluid is used in a mercury turbine": "Mercury is the fluid ...")
        self._said = {*self._asked, *(stem(w) for w in query.words if is_content(w))} \
            if kind == "reason" else set()
        #: the question's terms, when it asks for a figure
        self._figure = self._asked if kind in FIGURE_KINDS else None
        self._when = kind == "date" and "when" not in query.words
        self._when_act = act_timed(query)  # ("when was the plant built": built)
        # (a modifier the bank lacks says how or which, not what: "finally", "the next
        # hearing"; a common verb before a particle is a phrase news words otherwise: "kick
        # in"; "money" a bank gives in figures, "$50,000"; "how much did it cost" asks a
        # sum of money, which the figure gate then asks of the record, whether or not the
        # bank says "cost")
        paying = kind == "number" and not query.counts
        self._lacks_much = _lacks_much(weights, [
            u and not says_how(query, unknown, n) and not common_phrasal(query, n)
            and not (paying and it.terms[0] in MONEY_TERMS) and it.terms[0] != _MONEY
            for n, (it, u) in enumerate(zip(query.items, unknown, strict=True))],
            UNKNOWN_SHARE_WHY if why else UNKNOWN_SHARE)
        self._items = [(it, unk, tuple(stem(w) for w in question_opposites(it, query)))
                       for it, unk in zip(query.items, unknown, strict=True)]
        #: "what did X say about Y": the terms of Y (what X's words must be about)
        self._about = query.about
        self._about_asks = about_asks(query.words)  # ("about how much ...")
        self._about_items = [frozenset(it.terms) & set(query.about)
                             for it, unk in zip(query.items, unknown, strict=True)
                             if (it.people or (not unk
                                               and lexicon.rarity(it.surface) >= ABOUT_RARITY))
                             and not set(it.terms).isdisjoint(query.about)]
        #: asks what a named person said, or why they did something ("why did Huang vote
        #: no": not answered by what Fortier, who voted with Huang, said of her own vote; but
        #: "what did Pruett's lawyer say" asks the lawyer's words)
        self._speaker_named = (query.speech or (kind == "reason" and doer_named(query))) \
            and not query.said_by and bool(query.people) and not someone_of(query.text)
        #: asks what someone said or wrote ("what did X say"), or who said something
        self._speech_asked = query.speech or query.said_by
        #: "what is the name of the school": the terms of the school
        self._named = named_thing(query)
        #: "what bank gave the loan": the terms of the kind asked which one of
        self._kind = kind_asked(query)
        # asked an age: the terms of the people the question names, and the words of their
        # names ("the bakery owner": Ostrowski)
        aged = query.answer_type == "age"
        named = frozenset(t for it in query.items if it.people
                          for t in (*it.terms, *name_stems(it.people))) if aged else frozenset()
        #: "how old is Oduya": the terms of the people whose age is asked (not "how old is
        #: Ruiz's dad")
        self._aged = named if aged and all(it.people for it in query.items) else frozenset()
        #: "how old are Ruiz's sons": the terms of the one whose kin is asked (an age given
        #: her alone is no age of theirs)
        self._kin_aged = named if aged and someone_of(query.text) else frozenset()
        #: "what is the name of her son": a person named by "the name of"
        self._name_of = query.answer_type == "name" and any(
            kind_of_person(it.surface) for it in query.items if self._named & set(it.terms))
        #: ... or of a thing that is no person ("the name of the new pizza place")
        self._of_thing = query.answer_type == "name" and not self._name_of
        #: "how deep", "how cold": the stems of the units of a figure answering it
        self._measure = frozenset(stem(u) for u in lexicon.measure_asked(query.words)) \
            if kind == "number" else frozenset()  # (not "why wouldn't she say how fast")
        #: "which three states": the number and the terms of what it counts, to be named
        self._which_many = which_many(query)
        #: "which supervisors voted yes": people of a kind, asked by name
        self._which_people = which_people(query)
        #: "how tall is Villeneuve": the terms of the people measured (their own figure, not
        #: "Villeneuve ... pulled up from about 28 feet")
        self._measured_of = frozenset(t for it in query.items for t in it.terms) \
            if self._measure and query.items and all(it.people for it in query.items) \
            else frozenset()
        #: "how big is the farm": the terms of the one thing sized
        self._sized_of = sized_of(query, bool(self._measure))
        #: the place a population is asked of; whether a vote's tally is asked
        self._peopled, self._tally = population_of(query, unknown), tally_asked(query.text)

    @property
    def opposed(self) -> set[str]:
        """The terms of the question's opposites, read once here
        (:func:`~bot.engine.forms.opposite_terms`): what to look for in a record (``said``)."""
        return {t for _, _, opposite in self._items for t in opposite}

    def _head_after(self, n: int, fields: dict[str, int]) -> str | None:
        """The term of the word right after the name item ``n`` begins (its further words
        the passage has too: "Harlan & Pike"), when it is a word the name may modify
        ("Harlan & Pike employees": employees)."""
        items, at = self.query.items, self.query.at
        if len(at) < len(items):
            return None
        j = n
        while j + 1 < len(items) and at[items[j + 1].pos] <= at[items[j].pos] + 2 and any(
                t in fields and not fields[t] & _OWN for t in items[j + 1].terms):
            j += 1  # (the rest of the name, as the passage writes it)
        if j + 1 >= len(items) or at[items[j + 1].pos] != at[items[j].pos] + 1:
            return None
        head = items[j + 1]  # (a noun: "Bramwell replacing its pipes" says what it does;
        # and not one the name has: "Harvard Art Museums")
        if head.people or head.specific or head.surface.endswith(("ing", "ed")) \
                or head.surface not in self.query.text:
            return None
        return head.terms[0]

    def _turned_around(self, view: RecordView) -> bool:
        """Whether the record says the opposite of a stop word of the question and not the
        word (the index keeps no stop words, so these are read from the record's words). A
        word of degree is turned around anywhere in the record ("the least used" asked, "the
        most commonly used" said); any other only about the same word, read with its
        neighbours (:func:`~bot.engine.records.stop_anchors`): "turn off the power" is
        turned around by "turned on the power", "went on strike" is not by "walked off the
        job"."""
        said = view.stop_words
        for w, opposed in self._degree:
            if w not in said and not opposed.isdisjoint(said):
                return True
        anchors = view.stop_anchors
        for w, about, opposite in self._anchors:
            if (w, about) in anchors:
                continue
            if any((o, about) in anchors for o in opposite):
                return True
        return False

    def _superlative_unsaid(self, fields: dict[str, int], view: RecordView) -> bool:
        """The question asks for an extreme the record does not name: "the least
        important", "the largest" (a superlative with an opposite, so an adjective or adverb
        with degrees) where the record says neither it, nor its opposite, nor one alike. Not
        the words asking for the newest report ("latest"), which read the coverage, not the
        record."""
        for terms, opp in self._superlatives:
            if any(t in fields for t in terms) or any(o in fields for o in opp):
                continue
            if not any(w.endswith("est") and not opp.isdisjoint(map(stem, lexicon.opposites(w)))
                       for w in view.sequence):
                return True
            # (one sharing its opposite is alike: "largest" and "biggest", both "smallest"'s)
        return self._least and not view.stop_words & {"least", "most"}

    def __call__(
        self,
        fields: dict[str, int],
        view: RecordView,
        said: dict[str, int] | None = None,
        topic: frozenset[str] = frozenset(),
        around: Callable[[set[str]], dict[str, int]] | None = None,
    ) -> str | None:
        """Why the record cannot answer the question whatever its score, or None
        (:func:`sinks`; ``around``: which of some terms the sentences next to the record
        have, asked only when needed)."""
        query = self.query
        if query.miscast:
            return "miscast"  # "what did Mayor Abernathy say": the mayor is someone else
        if self._tally and not gives_tally(view.shown_text):  # "what was the final vote":
            return "no figure"  # "voted 5-2", not "Abara, one of the two no votes"
        if self._negated and not view.negated and view.negated_terms.isdisjoint(self._negates):
            return "negation"  # (but "without monitoring" is what "unmonitored" says)
        # (words of the one asked that deny something may deny it in other words: "what did
        # Vancamp say the evidence didn't prove": "The evidence did not show that ...")
        spoken = self._speaker_named and view.speech and view.negated
        negates = frozenset() if spoken else self._negates
        if negates and view.negated_terms.isdisjoint(negates) and \
                widely_negated(view.shown_text).isdisjoint(negates) and \
                widely_negated(view.passage_text).isdisjoint(negates) and \
                not elided_negation(view.shown_text):
            # "what does not define X": "not decision problems" negates something else (read
            # widely: "I don't think anybody here is going to forget" negates "forget"; and in
            # its passage, a quote's other half: "I never had anything against the clock")
            return "negation elsewhere"
        if self._denied and not (denied_before_reason(view.shown_text) if view.states_reason
                                 else view.negated_terms).isdisjoint(self._denied):
            # "Voss said she has not signed the petition": what is asked the reason for did not
            # happen ("because the boat cannot take cars" denies nothing asked; "X is not
            # attacked because ..." denies what it gives the reason of)
            return "denied"
        if self._subject and subject_denied(self._subject, view.negated_terms, view.sequence):
            return "subject denied"  # "what fits the framework": "... do not fit into it"
        if view.stop_words and self._turned_around(view):
            return "opposite"
        if shifted := self._shifts(view):
            return shifted  # "before the 1950s" asked, "in the mid-1950s" said
        if self._superlative_unsaid(fields, view):
            return "superlative"
        kind = query.answer_type
        if self._measure:  # "how deep is the well": "90 feet", not "320 acres"
            figures = {n for u in self._measure for n in view.numbers - self._asked
                       if (n, u) in view.figure_counts}
            if not figures or (self._measured_of and not figure_beside(
                    view.sequence, figures, self._measured_of)):
                return "no measure"
        elif self._figure is not None and not (
            (view.counting and kind != "age" and not query.size  # ("how big": no "one")
             and counts_word(view, query.counted))
            or (view.series and query.counts)
            or has_figure(kind, view, self._figure, query.counts, query.counted, query.size,
                          query.money, query.words)
        ):
            return "no figure"
        if self._sized_of and not self._sized_of.isdisjoint(view.sequence):
            sizes = {n for n in view.numbers - self._asked  # (not a year, nor someone's age)
                     if not is_year(n) and (n, "old") not in view.figure_counts}
            if not figure_beside(view.sequence, sizes, self._sized_of):
                return "not its size"  # (a record not saying the thing gives nothing to judge)
        if self._peopled is not None and not_population(self._peopled, fields, view.shown_text):
            return "no figure"  # "how many live in Hartwell": "Pruett, a town of 3,400"
        if self._aged and view.ages_given().isdisjoint(self._aged):
            return "not their age"  # "how old is Oduya": "a 4-year-old panda ... Oduya"
        if self._kin_aged and view.ages_given() and view.ages_given() <= self._kin_aged \
                and "old" not in view.sequence:  # (but "her 9-year-old son")
            return "not their age"  # "how old are Ruiz's sons": "Ana Ruiz, 34, and her sons"
        if kind == "date" and not view.has_date and (
            self._when or (view.stop_words.isdisjoint(_BEFORE_AFTER) and not view.within)
        ):
            # asked when, a record giving no time (no date, day, year or clock time) does not
            # answer; "when" may be answered by the event it came before or after ("after the
            # vote") or by a time limit ("within two weeks"), "what year" or "what day" may not
            return "no date"
        if self._when_act and not any(t in fields for t in self._when_act):
            return "another time"  # "when was the plant built": "a jury found Friday"
        if self._origin and not origin_given(f"{view.shown_text} {view.passage_text}",
                                             self._origin):
            return "not from"  # "where is Ana Ruiz from": "... at the awards show"
        if framed := frame_unsaid(query, view):
            return framed  # "what time", "what year", "what day", "what month", "what four"
        if self._named and not name_near(view, self._named, self._asked, self._name_of,
                                         self._of_thing):
            return "no name"  # "the name of the school": "an elementary school in Marlow"
        if self._which_many and many_unnamed(self._which_many, view, self._asked, query.people):
            return "unnamed"  # "which three states": "seen across parts of three states"
        if self._which_people and set(view.people) <= set(query.people):
            return "unnamed"  # "which supervisors voted yes": "the Board of Supervisors voted"
        if self._kind and not self._kind.isdisjoint(
                view.kinds()[query.answer_type != "name"]):
            # "what bank gave the loan": "a loan from a regional bank" (but "what video did X
            # share" is answered by "a video of rapper Y": the name of one is not)
            return "one of a kind"
        if self._lacks_much:
            return "unknown"
        if self._said and view.sequence and set(view.sequence) <= self._said:
            return "restated"  # "why did her season almost not happen": "Her season almost
            # did not happen" gives no reason, saying nothing the question does not
        if self._speech_asked and not view.speech and (
                not view.curated or self.query.said_by):
            # "what did the head of the agency say": a sentence reporting no one's words
            # ("the next step is a vote by the agency's board") is not what anyone said (an
            # editor's fact may sum up what someone said, but never says who said a thing)
            return "unsaid"
        if self._who and not view.names - (self._asked if view.negated and not self._besides
                                           else self._named_too) and set(view.people) <= set(
                query.people) and (self._besides or not any(
                    kind_of_person(w) and stem(w) not in self._asked for w in view.shown_words())):
            # "who voted yes on the council": "the council voted 6-1"; "who else voted no
            # besides Obi": "Council member Terrence Obi, who cast one of the two no votes"
            # names no one else (a kind of person, "member", is Obi himself)
            return "no one"
        if query.said_by and not view.people and not view.names - self._asked and \
                not any(kind_of_person(w) for w in view.shown_words()):
            return "unsaid"  # "who said eight seconds is not review": words given to no one
            # (not even "the agency's chief")
        if self._speaker_named and view.speech and not view.curated \
                and view.people and view.people[0] not in query.people:
            # "what did Sandoval say": 'Fortier, who voted no along with Sandoval, said ...'
            # reports someone else's words (ingest names a sentence's speaker first)
            return "said by another"
        if self._about and not about_enough(self._about_items, self._about, fields, topic, around,
                                             self._about_asks):
            # "what did X say about the pay offer": words of X's on something else are no
            # answer, however surely they are X's (the sentences around them may say what
            # they are about: "Its cause is under investigation. ... 'too early to say'")
            return "not about"
        for n, (item, unk, opposite) in enumerate(self._items):
            if any(t in fields or t in topic for t in item.terms):
                if item.people and view.people and item.people[0] not in view.people \
                        and person_term(item.people[0]) not in fields:
                    # "how long did Joanne Kessling spend": 'Martin Kessling said: "I've spent
                    # forty years ..."' is someone else's, matched by part of the name alone
                    parts = [t for t in item.terms if not t.startswith("@")]
                    if len(parts) > 1 and not all(t in fields for t in parts):
                        return "namesake"
                if item.specific and not any(fields.get(t, 0) & _OWN for t in item.terms) \
                        and _another_named(view, self._head_after(n, fields), self._asked):
                    # a name only the record's passage or title has, and another name
                    # before the word after it: "Harlan & Pike employees" asked, "8,000
                    # Greenbough employees" said
                    return "another named"
                continue
            if item.people:
                return "person"
            if said and any(o in said and o not in view.coordinated for o in opposite) and (
                    any(said.get(o, 0) & _OWN for o in opposite)
                    or not any(fields.get(t, 0) & _OWN for t in modified_next(query, n))) \
                    and not converse(query, n, view.shown_words(), opposite):
                # the record says the opposite of what the question asks about ("the least
                # difficult" asked, "the most difficult" said): turned around, like a negation
                # (but "the new bakery" is not the "old bank building" of its passage only)
                return "opposite"
            if item.surface.isdigit():
                return "number"
            if item.specific:
                return "name"
            if unk and not item.ordinary:
                return "unknown name"
            if item.focus and self._why and item.surface not in lexicon.SPEECH_VERBS \
                    and lexicon.rarity(item.surface) >= lexicon.LIGHT_VERB_RARITY \
                    and not completed(item, query):
                # "why did X resign": a reason given for something else X did is no answer
                # (but "why does X think so" may be answered by what X said, "why did X go
                # with Y" by why X chose Y: a verb as common as "go" says little, and "why
                # did X decide to speak out" by why X spoke out)
                return "another act"
            if unk and item.focus and not any(
                not other.people and any(t in fields for t in other.terms)
                for other in query.items
            ):
                # "what did X wear": the question turns on a verb the coverage never uses, and
                # nothing else of it but the name is in the record
                return "unknown act"
        return None


def sinks(
    query: Query,
    weights: list[float],
    unknown: list[bool],
    fields: dict[str, int],
    view: RecordView,
    said: dict[str, int] | None = None,
    topic: frozenset[str] = frozenset(),
) -> str | None:
    """Why a record cannot answer the question whatever its score, or None.

    A question must be answerable from the record: every person, number and name it turns on
    is in the record, its passage or the title of its article (``topic``: what all of the
    article is about), so a swapped entity sinks it; a negated question needs a negated
    record (but "why not" asks for a reason, which need not repeat the negation), a word of
    the question whose opposite the record says instead sinks it (``said``: which of
    :func:`opposite_terms` the record has), a question asking for a figure ("how many", "how
    old") needs a record with one it does not give itself (or a counting word, a series to
    count), one asking for a year, a century or a time of day needs a record giving a date,
    and a question mostly of words the bank lacks is about something else (:class:`Gates`).
    """
    return Gates(query, weights, unknown)(fields, view, said, topic)
