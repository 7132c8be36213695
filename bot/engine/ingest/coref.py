"""Splitting an article into sentences and telling whom each sentence is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.engine.ingest.layout import (
    _is_headline,
    _LQuote,
    _paragraphs,
    _Piece,
    _scan_quotes,
    _Sentence,
    _sentence_bounds,
)
from bot.engine.ingest.lexicon import (
    _DATELINE,
    _DESCRIPTORS,
    _LEADING_DESCRIPTOR,
    _LEADING_PRONOUN,
    _NOT_NAME_START,
    _OPENERS,
    _POSSESSIVE_RE,
    _PRONOUN_GENDER,
    _SPEECH_ALT,
    _TITLES,
    role_noun,
)
from bot.engine.ingest.people import _People
from bot.engine.lexicon import STOPWORDS
from bot.models import Person

#: "the former finance director of the Upper Calder Water District": a definite description
#: of one person (up to three words before its noun, perhaps what it is of), then what they
#: did or what is said of them.
_ROLE_PHRASE = re.compile(
    r"\bthe\s+(?P<role>(?:[a-z][\w’'-]*\s+){0,3}?(?P<noun>[a-z]+)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?)"
    r"(?=\s+(?:of|who|was|is|has|had|will)\b|\s*[,.;])"
)


#: "The 71-year-old music director has led ...": a person by their age and what they are.
_AGED_SECOND = re.compile(
    r"^(?P<np>The\s+\d{1,3}-year-old\s+(?P<role>(?:[a-z][\w’'-]*\s+){0,2}?(?P<noun>[a-z]+)))"
    r"(?=\s+(?:has|had|is|was|will|would|said|says|who|told)\b|\s*,)"
)


#: "A Pell Township man was sentenced": a sentence opening on someone it does not name.
_UNNAMED_OPENING = re.compile(
    r"^\s*(?P<role>An?\s+(?:[\w’'-]+\s+){0,3}?(?P<noun>[a-z]+)"
    r"(?:\s+(?:at|of|from|with|for)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?)"
    r"(?=\s+(?:who|was|is|has|had|will|pleaded|died)\b|\s*,)"
)


#: "a 45-year-old woman", "an officer": someone the sentence does not name (up to three words
#: before the noun).
_UNNAMED = re.compile(r"\b[Aa]n?\s+(?:[\w’'-]+\s+){0,3}?(?P<noun>[a-z]+)\b")


#: What follows an object "her" (not a possessive one): a function word or punctuation.
_OBJECT_AFTER = re.compile(
    r"\s*(?:[.,;:!?)”\"]|$|(?:in|on|at|to|for|from|with|and|or|but|that|as|by|about|after|"
    r"before|since|because|when|while|into|back|up|out|off|over|again|too)\b)", re.IGNORECASE)
#: An honorific right before a name, which says whether they are "he" or "she".
_HONORIFIC_BEFORE = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+$")
#: What a sentence's subject said of themselves, by a pronoun ("Roe, who ..., said she had
#: no plans"): the subject's gender.
_SAID_PRONOUN = re.compile(rf"\b(?:{_SPEECH_ALT})\s+(?:that\s+)?(she|he)\b")
#: "..., she said", "money he said would come from": a pronoun that says who reports what the
#: sentence says (mid-sentence; a sentence opening on it is read as its subject).
_PRONOUN_SAID = re.compile(rf"(?<=\S)\s+(she|he)\s+(?:{_SPEECH_ALT})\b")
#: "A week later, out of curiosity, he compared ...": the subject pronoun after an opening
#: phrase (up to two commas of it, naming no one).
_OPENED_PRONOUN = re.compile(
    r"^[A-Z][^,.;:\"“”]{0,60}(?:,[^,.;:\"“”]{1,40})?,\s+(?P<p>she|he)\b(?=\s)")
#: "him", always an object.
_HIM = re.compile(r"\bhim\b")
#: A sentence opening on a possessive: "Her father said ...".
_OPENING_POSSESSIVE = re.compile(r"(Her|His)\s")
#: A personal pronoun (between a name and a possessive, it may be whom the possessive means).
_PERSONAL = re.compile(r"\b(?:she|he|her|him)\b", re.IGNORECASE)


class _Coref:
    """An article split into sentences, with the people each sentence names or means."""

    def __init__(self, text: str, known_people: Sequence[Person]) -> None:
        self.people = _People(known_people)
        self.sentences: list[_Sentence] = []
        self.quotes: list[_LQuote] = []
        self.headlines: list[str] = []
        self.paragraphs: list[str] = []
        self._named_keys: set[str] | None = None  # (read once every sentence's mentions are)
        self._split(text)

    # -- layout: paragraphs, quotes, sentences

    def _split(self, text: str) -> None:
        self.paragraphs = paragraphs = _paragraphs(text)
        carry: int | None = None  # logical quote running on from the previous paragraph
        for p_index, par in enumerate(paragraphs):
            spans = _scan_quotes(par)
            headline = not spans and _is_headline(par, first=p_index == 0)
            if headline:
                self.headlines.append(par)
            continuing = carry is not None and bool(spans) and par.lstrip()[:1] in _OPENERS
            logical: list[int] = []
            for n, (_start, _end) in enumerate(spans):
                if n == 0 and continuing and carry is not None:
                    logical.append(carry)
                else:
                    self.quotes.append(_LQuote())
                    logical.append(len(self.quotes) - 1)
            if carry is not None and not continuing:
                carry = None
            bounds = _sentence_bounds(par, spans) if not headline else [(0, len(par))]
            for s_start, s_end in bounds:
                sent = _Sentence(len(self.sentences), p_index, par[s_start:s_end], headline)
                masked = list(sent.text)
                for (q_open, q_close), q_index in zip(spans, logical, strict=True):
                    stop = len(par) if q_close is None else q_close + 1
                    if q_open >= s_end or stop <= s_start:
                        continue
                    a, b = max(q_open, s_start), min(stop, s_end)
                    for k in range(a - s_start, b - s_start):
                        masked[k] = " "
                    inner_end = q_close if q_close is not None else len(par)
                    inner = par[max(q_open + 1, s_start) : min(inner_end, s_end)]
                    piece = _Piece(
                        q_index,
                        q_open - s_start if q_open >= s_start else -1,
                        q_close - s_start if q_close is not None and q_close < s_end else None,
                        inner.strip(),
                    )
                    sent.pieces.append(piece)
                    lq = self.quotes[q_index]
                    lq.parts.append(piece.inner)
                    if sent.index not in lq.sentences:
                        lq.sentences.append(sent.index)
                sent.masked = "".join(masked)
                self.sentences.append(sent)
            carry = logical[-1] if spans and spans[-1][1] is None else None

    def _name_the_lede(self) -> None:
        """A story's lead may describe whom it is about before naming them ("a jury convicted
        the former finance director of the Upper Calder Water District", "A Pell Township man
        was sentenced Wednesday"), the next sentence opening on their name ("Martin Eldridge,
        61, was found guilty"): the lead is about them, and the description is theirs when the
        article gives them no other. So is the first sentence under a subheading (a brief of
        a round-up)."""
        sents = self.sentences
        for k, lede in enumerate(sents[:-1]):
            second = sents[k + 1]
            if lede.headline or second.headline or (
                    k and not sents[k - 1].headline and not self._is_lede(lede)):
                continue
            dateline = _DATELINE.match(lede.masked)  # (its outlet is no one the lead names)
            after = dateline.end() if dateline else 0
            if any(x.start >= after for x in lede.mentions) or lede.resolved or \
                    not second.mentions:
                continue
            first = second.mentions[0]
            entity = self.people.entities[first.key]
            before = second.masked[: first.start].split()  # (a title may: "Dr. Leopold")
            if entity.known is not None or any(w.rstrip(".").lower() not in _TITLES
                                               for w in before):
                continue
            text = lede.masked[after:]
            for m in (*_ROLE_PHRASE.finditer(text), *_UNNAMED_OPENING.finditer(text)):
                modifiers = text[m.start("role") : m.start("noun")].split()
                if role_noun(m.group("noun")) and not any(w in STOPWORDS for w in modifiers):
                    lede.resolved.append(first.key)
                    lede.named = (m.group("role"), first.key)
                    if entity.appositive is None:  # ("a Pell Township man", as a description)
                        role = m.group("role")
                        entity.appositive = role[0].lower() + role[1:]
                    break

    def _is_lede(self, sent: _Sentence) -> bool:
        """The article's first sentence of prose (where a dateline may stand)."""
        first = next((s for s in self.sentences if not s.headline), None)
        return first is sent

    def _learn_gender(self, sent: _Sentence) -> None:
        opening = _OPENING_POSSESSIVE.match(sent.masked)
        prev = self.sentences[sent.index - 1] if sent.index else None
        if opening is not None and prev is not None and prev.par == sent.par and \
                len({x.key for x in prev.mentions}) == 1 and \
                not _PERSONAL.search(prev.masked) and \
                not prev.masked.startswith(("'", "’"), prev.mentions[0].end):
            # "Kaylee Brandvold will be barred ... Her father said": the one person of the
            # sentence before, in the same paragraph, is "her" (not when it speaks of someone
            # else as "her" too, nor names its one person as an owner: "Walter's parents")
            self.people.entities[prev.mentions[0].key].note_gender(
                _PRONOUN_GENDER[opening.group(1).lower()])
        if not sent.mentions:
            return
        for x in sent.mentions:  # "Mrs. Hollowell", "Mr. Vance"
            honorific = _HONORIFIC_BEFORE.search(sent.masked, 0, x.start)
            if honorific is not None:
                self.people.entities[x.key].note_gender(
                    "m" if honorific.group(1).lower() == "mr" else "f")
        first = sent.mentions[0]
        said = _SAID_PRONOUN.search(sent.masked, first.end)
        if said is not None and not sent.masked[: first.start].strip() and \
                all(x.key == first.key for x in sent.mentions if x.start < said.start()):
            # "Osei-Danvers, who is now ..., said she had no plans": she is the subject
            self.people.entities[first.key].note_gender(_PRONOUN_GENDER[said.group(1)])
        for m in _POSSESSIVE_RE.finditer(sent.masked):
            if m.group(1).lower() == "her" and _OBJECT_AFTER.match(sent.masked, m.end()):
                continue  # "bought it from her in 2013": someone else than the subject, as a rule
            gender = _PRONOUN_GENDER[m.group(1).lower()]
            before = [x for x in sent.mentions if x.end <= m.start()]
            if not before:
                continue
            alone = len({x.key for x in sent.mentions}) == 1 and \
                not sent.masked[: before[0].start].strip()
            between = sent.masked[before[-1].end : m.start()]
            alone = alone and not _PERSONAL.search(between)  # ("said she had ... his work")
            if alone and len(between.split()) > 3 and self._gendered_before(sent, gender):
                continue  # ("Marchetti wrote that he saw it. Roe said the team used his notes")
            if alone or len(between.split()) <= 3:
                # "Vance said his ...", "Ostby and her reporters": the name just before it;
                # "Taylor Swift was also there with her band": the one subject named (not
                # "... borrowed from Walter's parents and books from her own shelves")
                self.people.entities[before[-1].key].note_gender(gender)

    def _gendered_before(self, sent: _Sentence, gender: str) -> bool:
        """Someone the sentence before names, known to be ``gender``, whom a possessive far
        from the sentence's one name may stand for."""
        prev = self.sentences[sent.index - 1] if sent.index else None
        named = {x.key for x in sent.mentions}
        return prev is not None and any(
            x.key not in named and self.people.entities[x.key].gender == gender
            for x in prev.mentions)

    def _prose_subject_mention(self, sent: _Sentence, upto: int | None = None) -> str | None:
        """The first person named in the sentence's prose (after an opening phrase)."""
        limit = len(sent.masked) if upto is None else upto
        candidates = [m for m in sent.mentions if m.start < limit]
        if not candidates:
            return None
        opener = re.match(
            r"^(?:[A-Z][a-z]+(?:\s+[\w’'\-]+){0,8}?),\s+(?=[A-Z])", sent.masked[:limit]
        )
        if opener and candidates[0].start < opener.end():
            after = [m for m in candidates if m.start >= opener.end()]
            first_word = opener.group(0).split()[0].lower()
            if after and first_word in _NOT_NAME_START | {"on", "in", "along", "after"}:
                return after[0].key
        return candidates[0].key

    def _resolve_subject(self, sent: _Sentence) -> None:
        text = _DATELINE.sub("", sent.masked) if self._is_lede(sent) else sent.masked
        offset = len(sent.masked) - len(text)
        stripped = text.lstrip()
        lead = offset + (len(text) - len(stripped))
        m = _LEADING_PRONOUN.match(stripped) or _OPENED_PRONOUN.match(stripped)
        if m and not any(x.start < lead + m.start("p") for x in sent.mentions):
            gender = _PRONOUN_GENDER[m.group("p").lower()]
            key = self._antecedent(sent, lead, gender)
            if key:
                sent.subject = key  # (a pronoun opening the sentence reads as the name)
                sent.subject_words = m.group(0) if m.start("p") == 0 else None
                self.people.entities[key].note_gender(gender)
                sent.resolved.append(key)
            return
        aged = _AGED_SECOND.match(stripped)
        key = self._antecedent(sent, lead, None) if aged and not sent.mentions and \
            role_noun(aged.group("noun")) else None
        ent = self.people.entities[key] if key else None
        if aged and key and ent and (not ent.descriptors or aged.group("noun") in ent.descriptors):
            # "The 71-year-old music director has led ...": wire style's second reference to
            # the person the prose was last about; what they are, when the article says no more
            sent.subject = key  # (the fact keeps its words: its age and role say more)
            ent.descriptors.add(aged.group("noun"))
            ent.appositive = ent.appositive or aged.group("role")
            sent.resolved.append(key)
            return
        d = _LEADING_DESCRIPTOR.match(stripped)
        if (
            d
            and d.group("d") in _DESCRIPTORS
            and not any(x.start < lead + d.end() + 3 for x in sent.mentions)
        ):  # (but "The bank's president, Sheila Vanderhoof, said": she, named beside it)
            key = self._antecedent(sent, lead, None, descriptor=d.group("d"))
            if key:
                sent.subject, sent.subject_words = key, d.group("np")
                self.people.entities[key].descriptors.add(d.group("d"))
                sent.resolved.append(key)
            return
        sent.subject = self._prose_subject_mention(sent)

    def _named(self) -> set[str]:
        """The keys of the people the article names (by a name or an alias, anywhere)."""
        if self._named_keys is None:
            self._named_keys = {x.key for s in self.sentences for x in s.mentions}
        return self._named_keys

    def _resolve_references(self, sent: _Sentence) -> None:
        """People the sentence refers to without naming them ("the star", "his post")."""
        for m in re.finditer(r"\bthe\s+([a-z]+)\b(?!\s+[A-Z])", sent.masked):
            if m.start() == 0 or m.group(1) not in _DESCRIPTORS:
                continue
            key = self._antecedent(sent, m.start(), None, descriptor=m.group(1)) or \
                self.people.described_as(m.group(1), self._named())
            if key and key not in sent.resolved:
                sent.resolved.append(key)
        named = {x.key for x in sent.mentions}
        # a possessive ("his post"), and a pronoun saying who reports the sentence ("About
        # 11,400 vehicles cross the bridge on an average day, she said": hers)
        pronouns = [(m.start(), m.group(1).lower()) for m in _POSSESSIVE_RE.finditer(sent.masked)]
        pronouns += [(m.start(1), m.group(1)) for m in _PRONOUN_SAID.finditer(sent.masked)]
        for at, pronoun in pronouns:
            key = self._antecedent(sent, at, _PRONOUN_GENDER[pronoun])
            if (
                key
                and key not in named
                and key not in sent.resolved
                and key != sent.subject
                and not any(x.start < at for x in sent.mentions)
            ):
                sent.resolved.append(key)
        # an object "him" ("the judge also ordered him to pay"): not the one named last before
        # it (who does it to him), but whom the prose was about ("For Oduya, ..., Brandt said
        # the zoo would give him": Oduya)
        for m in _HIM.finditer(sent.masked):
            doer = [x.key for x in sent.mentions if x.end <= m.start()][-1:]
            key = next((k for k in self._candidates(sent, m.start()) if k not in doer
                        and self.people.entities[k].gender != "f"), None)
            if key and key not in sent.resolved and key not in named:
                sent.resolved.append(key)

    def _candidates(self, sent: _Sentence, position: int) -> list[str]:
        """People a pronoun at ``position`` may stand for, likeliest first."""
        out: list[str] = []
        here = [m for m in sent.mentions if m.end <= position]
        if here:
            first = self._prose_subject_mention(sent, position)
            if first:
                out.append(first)
            out += [m.key for m in reversed(here)]
        out += [k for k in sent.resolved if k not in out]
        # Earlier sentences, nearest first: each one's subject, then the rest, last first.
        seen = 0
        for prev in reversed(self.sentences[: sent.index]):
            if prev.headline:
                continue
            seen += 1
            if seen > 4:
                break
            if prev.subject:
                out.append(prev.subject)
            out += [m.key for m in reversed(prev.mentions)]
            out += prev.resolved
        unique: list[str] = []
        for key in out:
            if key not in unique:
                unique.append(key)
        return unique

    @staticmethod
    def _unnamed_before(sent: _Sentence, position: int) -> bool:
        """The sentence names someone unnamed ("a 45-year-old woman") before ``position``,
        and no one by name after them: a pronoun there is theirs."""
        last = None
        for m in _UNNAMED.finditer(sent.masked, 0, position):
            if role_noun(m.group("noun")):
                last = m
        return last is not None and not any(last.end() <= x.start < position
                                            for x in sent.mentions)

    def _antecedent(
        self,
        sent: _Sentence,
        position: int,
        gender: str | None,
        descriptor: str | None = None,
    ) -> str | None:
        if gender and self._unnamed_before(sent, position):
            return None  # "a 45-year-old woman was killed when her car slid": hers, no one named
        candidates = self._candidates(sent, position)
        if descriptor:
            for key in candidates:
                if self.people.matches_descriptor(key, descriptor):
                    return key
            if descriptor in {"star", "celebrity", "personality"} and candidates:
                return candidates[0]
            return None
        for key in candidates:
            known = self.people.entities[key].gender
            if gender and known and known != gender:
                continue  # the article shows this person is not "she"/"he"
            return key
        return None
