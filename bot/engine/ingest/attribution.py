"""Who said each quote: news-prose attribution patterns, and where it was said."""

from __future__ import annotations

import re

from bot.engine.ingest.coref import _Coref
from bot.engine.ingest.layout import _LQuote, _Piece, _Sentence
from bot.engine.ingest.lexicon import (
    _AFFILIATION,
    _APPOSITIVE,
    _CHANNELS,
    _DESCRIPTORS,
    _EVENT,
    _NAME_PARTICLES,
    _NOT_NAME_START,
    _PERSON_NOUNS,
    _PRONOUN_GENDER,
    _SPEECH_ALT,
    _SPEECH_PARTICIPLES,
    _TITLES,
)
from bot.engine.lexicon import STOPWORDS

#: Verbs that report someone's words (not 'criticized', 'called for', 'praised').
_REPORTING_ALT = "|".join(
    """said says wrote writes told tells stated claimed claims argued argues insisted
    insists explained explains noted declared declares described describes added adds
    saying writing telling stating adding claiming arguing insisting noting explaining
    declaring describing warned warns recalled replied responded asked""".split()  # noqa: SIM905
)
_REPORTING = re.compile(rf"\b(?:{_REPORTING_ALT})\b")
#: A reporting verb set off by commas, its subject a pronoun: "..., she wrote, spending ...".
_ASIDE = re.compile(rf",\s+(she|he)\s+(?:{_REPORTING_ALT}),")
#: Nouns naming someone's words, which a lead-in ending in a colon may say follow.
_WORDS_NOUNS = "|".join(
    """message messages answer reply response words advice warning plea verdict view
    take reaction statement comment comments remarks remark promise vow pledge""".split()  # noqa: SIM905
)
#: A sentence naming who said the quote before it: "That was X", "So said X", "Those were
#: the words of X", "The promise came from X".
_NAMED_AFTER = re.compile(
    r"\s*(?:(?:That|This) (?:was|is)(?: how)?|So (?:said|says)|(?:Those|These) were the words of|"
    rf"The (?:\w+ )?(?:{_WORDS_NOUNS}) came from)\s+"
)
#: 'Her message to state officials was simple:', 'Roe's reply:' (up to eight words from the
#: owner to the colon)
_OWNED_WORDS = re.compile(
    rf"(?:^|(?<=[\s,]))(?:(?P<pro>[Hh]er|[Hh]is)|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*[’']s)\s+"
    rf"(?:\w+\s+)?(?P<noun>{_WORDS_NOUNS})\b(?:\s+[^\s:;.!?\"“]+){{0,8}}\s*:\s*$"
)
#: Words that introduce a name or a term in quote marks, not something someone said.
_NAMING_BEFORE = re.compile(
    r"\b(?:called|calls|call|dubbed|termed|named|nicknamed|titled|entitled|labell?ed|"
    r"(?:\w+ly\s+)?known\s+as|referred\s+to\s+as|described\s+as|so-called|styled|"
    r"the\s+(?:term|terms|word|words|phrase|name|names|title|slogan|motto|label))"
    r"\s*(?:\w+ly\s+)?(?:the\s+|a\s+|an\s+|it\s+|him\s+|her\s+|them\s+)?[,:]?\s*$",
    re.IGNORECASE,
)


#: The words a description of a speaker before the name may be made of, besides capitalised
#: ones: roles, titles and the words opening them ("said his mother, Grace Roe", "said the
#: board's chair, Ann Lee").
_DESCRIBING = _DESCRIPTORS | _TITLES | frozenset({"the", "a", "an", "his", "her", "their"})

#: "the retired teacher": a role after "the", the first of its next three words that is one.
_ROLE_AFTER_THE = tuple(re.compile(rf"the\s+(?:[\w’'\-]+\s+){{{n}}}([a-z]+)\b")
                        for n in range(3))


class _Reader(_Coref):
    """The whole reading: people, sentence subjects, then each quote's speaker and context."""

    # -- reading

    def read(self) -> None:
        self.people.discover(s.masked for s in self.sentences)
        self.people.nicknames(s.text for s in self.sentences)
        for sent in self.sentences:
            sent.mentions = self.people.mentions(sent.masked)
            self._learn_gender(sent)
        pending_intro: tuple[str | None, str, int] | None = None
        for sent in self.sentences:
            if sent.headline:
                pending_intro = None
                continue
            self._resolve_subject(sent)
            self._resolve_references(sent)
            for n, piece in enumerate(sent.pieces):
                lq = self.quotes[piece.quote]
                if lq.how and piece.open == -1:
                    continue  # a continuation of a quote attributed earlier
                if lq.how:
                    continue
                self._attribute(sent, n, piece, lq, pending_intro)
            pending_intro = self._intro(sent)
        self._named_after()
        self._said_before()
        self._name_the_lede()
        for lq in self.quotes:
            if not lq.context and lq.speaker:
                lq.context = self._context_for(lq)

    # gender from "his"/"her" next to a single name

    # -- attribution

    def _speaker_at_start(
        self, sent: _Sentence, start: int, text: str, after_verb: bool = False
    ) -> tuple[str | None, int] | None:
        """A speaker named at the start of ``text`` (which begins at ``start``); right after
        a verb of saying (``after_verb``: '"...," said board chair Jane Roe.'), any words
        but function words may describe the name before it.

        Returns (person key or None when unresolvable, length consumed) or None when the
        text does not start with a speaker.
        """
        lead = len(text) - len(text.lstrip(" ,"))
        body = text[lead:]
        pm = re.match(r"(she|he|they)\b", body)
        if pm:
            p = pm.group(1)
            key = None if p == "they" else self._antecedent(sent, start, _PRONOUN_GENDER[p])
            if key:
                self.people.entities[key].note_gender(_PRONOUN_GENDER[p])
            return key, lead + pm.end()
        dm = next((m for role in _ROLE_AFTER_THE if (m := role.match(body))
                   and m.group(1) in _PERSON_NOUNS), None)  # "the councilman said"
        if dm and not any(0 <= m.start - (start + lead + dm.end()) <= 2 for m in sent.mentions):
            # (but "the company's president, Margaret Olander" names her: read below)
            key = self._antecedent(sent, start, None, descriptor=dm.group(1)) or \
                self.people.described_as(dm.group(1), self._named())
            if key is None and not any(
                    dm.group(1) in ent.descriptors for ent in self.people.entities.values()):
                # "the retired teacher said", no one of the article described so: the person
                # the prose was last about
                key = self._antecedent(sent, start, None)
            return key, lead + dm.end()
        # A name, perhaps after a descriptor or title ("the singer Roe", "Mayor Jane Roe").
        for mention in sent.mentions:
            if mention.start < start + lead:
                continue
            gap = sent.masked[start + lead : mention.start]
            gap_words = gap.split()
            # (a title last, words before it may say of what: "university President Ann Roe")
            titled = bool(gap_words) and gap_words[-1].lower().rstrip(",.") in _TITLES
            if len(gap_words) <= 5 and all(
                w.lower().rstrip(",.") in _DESCRIBING or w in _NAME_PARTICLES  # ("van der Berg")
                or (w[:1].isupper() and w.lower() not in _NOT_NAME_START)
                or ((after_verb or titled) and _described_by(w))
                for w in gap_words
            ):
                return mention.key, mention.end - start
            break
        return None

    def _attribute(
        self,
        sent: _Sentence,
        n: int,
        piece: _Piece,
        lq: _LQuote,
        pending_intro: tuple[str | None, str, int] | None,
    ) -> None:
        masked = sent.masked
        q_start = max(piece.open, 0)
        q_end = len(masked) if piece.close is None else piece.close + 1
        next_open = next((p.open for p in sent.pieces[n + 1 :] if p.open >= 0), len(masked))
        prev_close = max((p.close + 1 for p in sent.pieces[:n] if p.close is not None), default=0)
        post = masked[q_end:next_open]
        pre = masked[prev_close:q_start]
        lq.partial = _is_partial(piece.inner, pre)

        # 0. A name or a term, not speech: 'known as "the Game"', 'F is called the "action"'.
        if _NAMING_BEFORE.search(pre):
            lq.how = "none"
            return

        # 1. After the quote: '"...," Smith wrote.' / '"...," she said.' / 'said X'
        if piece.close is not None:
            found = self._speaker_at_start(sent, q_end, post)
            if found is not None:
                key, used = found
                if re.match(rf"{_AFFILIATION}{_APPOSITIVE}\s+(?:\w+ly\s+|also\s+)?"
                            rf"(?:{_SPEECH_ALT})\b", post[used:]
                            ) or re.match(r"\s+(?:put it)\b", post[used:]):
                    self._set(lq, key, "trailing", post, sent)
                    return
            vm = re.match(rf"^[\s,]*(?:{_SPEECH_ALT})\s+", post)
            if vm:
                found = self._speaker_at_start(sent, q_end + vm.end(), post[vm.end() :],
                                               after_verb=True)
                if found is not None:
                    self._set(lq, found[0], "trailing", post, sent)
                    return
            am = re.match(r"^[\s,]*(?:according to|as)\s+", post)
            if am:
                found = self._speaker_at_start(sent, q_end + am.end(), post[am.end() :])
                if found is not None:
                    self._set(lq, found[0], "trailing", post, sent)
                    return

        # 2. Before the quote: 'Roe wrote, "..."' / 'Smith wrote: "..."'
        lm = re.search(
            rf"\b(?P<v>{_SPEECH_ALT})\b(?P<tail>(?:\s+[^\s,:;.!?]+){{0,8}})\s*[,:]\s*$", pre
        ) or re.search(rf"\b(?P<v>{_WORDS_NOUNS})\b(?:\s+[^\s,:;.!?]+){{0,8}}\s*:\s*$", pre)
        # (and 'X summed up the day in a message to parents: "..."', a noun of words)
        if lm:
            key = self._clause_subject(sent, prev_close, prev_close + lm.start())
            if key is None and lm.group("v") in _SPEECH_PARTICIPLES:
                key = self._clause_subject(sent, 0, prev_close + lm.start())
            if key is not None:
                before = self.quotes[sent.pieces[n - 1].quote] if n else None
                if (
                    before is not None
                    and before.speaker == key
                    and before.how == "trailing"
                    and piece.inner[:1].islower()
                ):
                    # '"We have to act," she said, "and we have to act now."' is one quote.
                    before.parts += lq.parts
                    lq.parts = []
                    lq.how = "merged"
                    return
                self._set(lq, key, "leading", pre, sent)
                return

        # 2b. 'According to Mayor Jane Roe, "..."', 'According to Jane Roe, the mayor, "..."'
        am = re.search(r"\baccording to\s+(?P<rest>[^,]{1,80}),(?:[^,]{1,80},)?\s*$", pre,
                       re.IGNORECASE)
        if am:
            at = prev_close + am.start("rest")
            found = self._speaker_at_start(sent, at, masked[at : prev_close + am.end("rest")])
            if found is not None and found[0] is not None:
                self._set(lq, found[0], "leading", pre, sent)
                return

        # 2c. 'Her message to state officials was simple: "..."', 'Roe's answer: "..."': the
        # words a noun of speech of someone's introduces
        owned = self._owner_of_words(sent, prev_close, pre)
        if owned is not None:
            self._set(lq, owned[0], "leading", owned[1], sent)
            return

        # 3. A line ending in a colon introduced it: 'On her Instagram story, Smith wrote:'
        if pending_intro is not None and piece.open >= 0 and not masked[:q_start].strip():
            key, context, intro_index = pending_intro
            lq.named_in = intro_index
            self._set(lq, key, "intro", "", sent)
            lq.context = context
            return

        # 4. Reported speech: 'Smith also said that "immigrants are ..." of LA.'
        full_pre = masked[:q_start]
        verbs = list(_REPORTING.finditer(full_pre))
        # The verb reports words, and the quote follows it in the same clause.
        if verbs and len(full_pre[verbs[-1].end() :].split()) <= 12:
            verb = verbs[-1]
            key = self._clause_subject(sent, 0, verb.start())
            if key is not None:
                self._set(lq, key, "reported", full_pre, sent)
                return

        # 5. Right after an attributed quote: '"...," he said. "Can't you see ...?"'
        if not full_pre.strip():
            previous = self._previous_quote(sent)
            if (
                previous is not None
                and previous.speaker
                and previous.how != "none"
                and self._nobody_else_between(previous, sent)
            ):
                self._set(lq, previous.speaker, "continuation", "", sent)
                lq.context = previous.context
                return
        lq.how = "none"

    def _named_after(self) -> None:
        """A quote standing alone, given to no one or to the last speaker only for coming
        next, whose speaker the sentence after it names, in its paragraph or (a paragraph
        that is the quote alone) opening the next: '"... our beans." That was Lyle Brandvold,
        44, who farms ...', '"..." So said Gordon Lisle, 72.', '"..." The promise came from
        Thomas Okwuosa, chairman of the board', '"..." / That was how Ann Roe summed up her
        vote.'"""
        for n, lq in enumerate(self.quotes):
            if lq.how not in ("none", "continuation") or not lq.sentences:
                continue
            first, last = min(lq.sentences), max(lq.sentences)
            opening = self.sentences[first].pieces[:1]
            if not opening or opening[0].quote != n or opening[0].open < 0 or not all(
                    _all_quoted(self.sentences[i]) for i in range(first, last + 1)):
                continue  # (words beside it: named so, it is not the last speaker's going on)
            after = self.sentences[last + 1] if last + 1 < len(self.sentences) else None
            if after is None or after.headline or after.par not in (
                self.sentences[last].par, self.sentences[last].par + 1
            ) or (after.par != self.sentences[last].par and not self._alone(lq)):
                continue
            m = _NAMED_AFTER.match(after.masked)
            found = m and self._speaker_at_start(after, m.end(), after.masked[m.end() :])
            if found and found[0] is not None:
                lq.named_in = after.index
                self._set(lq, found[0], "trailing", "", after)

    def _alone(self, lq: _LQuote) -> bool:
        """The quote is its paragraphs' only words."""
        pars = {self.sentences[i].par for i in lq.sentences}
        return all(s.index in lq.sentences and _all_quoted(s)
                   for s in self.sentences if s.par in pars)

    def _said_before(self) -> None:
        """A paragraph that is one quote and nothing else, given to no one, after a sentence
        reporting one person's words: that person's, as news prose runs on ('He said the
        staff had spent last year bracing for bad news.' then '"Half of us had our resumes
        updated."'). The reporting sentence opens its passage."""
        for lq in self.quotes:
            if lq.how != "none" or not lq.sentences:
                continue
            first = self.sentences[min(lq.sentences)]
            prev = self.sentences[first.index - 1] if first.index else None
            if prev is None or prev.headline or prev.pieces or prev.par != first.par - 1:
                continue
            if not self._alone(lq):
                continue  # (the paragraph says more than the quote)
            verb = _REPORTING.search(prev.masked)
            aside = _ASIDE.search(prev.masked)  # ("Testimony showed ..., she wrote, spending")
            if aside is not None:
                key = self._antecedent(prev, aside.start(1), _PRONOUN_GENDER[aside.group(1)])
            elif verb is None or len(prev.masked[: verb.start()].split()) > 6:
                continue  # (the sentence's own verb reports words, near its start)
            else:
                key = self._clause_subject(prev, 0, verb.start())
            if key is None or any(m.key != key for s in self.sentences if s.par == prev.par
                                  for m in s.mentions):
                continue  # (no one, or someone else named in that paragraph)
            lq.named_in = prev.index
            self._set(lq, key, "intro", "", first)

    def _owner_of_words(self, sent: _Sentence, start: int, pre: str) -> tuple[str, str] | None:
        """Whose words a lead-in ending in a colon says follow, and the lead-in without its
        noun of words (which names no channel: "her message to officials" is no post): one
        opening on "her" or "his" or a name's possessive, then a noun of speech ("message",
        "answer", "words"), within the few words before the colon."""
        m = _OWNED_WORDS.search(pre)
        if m is None:
            return None
        clause = pre[: m.start("noun")] + pre[m.end("noun") :]
        if m.group("pro"):
            gender = _PRONOUN_GENDER[m.group("pro").lower()]
            key = self._antecedent(sent, start + m.start("pro"), gender)
            return (key, clause) if key else None
        at = start + m.start()
        named = [x for x in sent.mentions if x.start >= at and x.end <= start + m.start("noun")]
        return (named[0].key, clause) if named else None

    def _clause_subject(self, sent: _Sentence, start: int, verb_at: int) -> str | None:
        """The person a clause masked[start:verb_at] is about (its subject)."""
        clause = sent.masked[start:verb_at]
        inside = [m for m in sent.mentions if start <= m.start < verb_at]
        if inside:
            if start == 0:
                return self._prose_subject_mention(sent, verb_at) or inside[0].key
            return inside[0].key
        pm = re.search(r"(?:^|[\s,])(she|he)\s+(?:\w+ly\s+|also\s+)?$", clause, re.I)
        if pm:
            gender = _PRONOUN_GENDER[pm.group(1).lower()]
            return self._antecedent(sent, start + pm.start(1), gender)
        if start == 0 and sent.subject:
            return sent.subject
        return None

    def _set(self, lq: _LQuote, key: str | None, how: str, clause: str, sent: _Sentence) -> None:
        lq.speaker, lq.how = key, how
        if key is None:
            return
        if key not in sent.resolved and all(m.key != key for m in sent.mentions):
            sent.resolved.append(key)
        if sent.subject is None:
            sent.subject = key
        lq.context = _context(clause)

    def _intro(self, sent: _Sentence) -> tuple[str | None, str, int] | None:
        """A sentence like 'On her Instagram story, Smith wrote:' introducing a quote."""
        text = sent.masked.rstrip()
        if not text.endswith(":") or any(p.open >= 0 for p in sent.pieces):
            return None
        # (or a noun of words: 'X summed up the day in a message to parents:')
        verbs = list(re.finditer(rf"\b(?:{_SPEECH_ALT}|{_WORDS_NOUNS})\b", text))
        if not verbs:
            return None
        key = self._clause_subject(sent, 0, verbs[-1].start())
        return (key, _context(text), sent.index) if key else None

    def _previous_quote(self, sent: _Sentence) -> _LQuote | None:
        for prev in reversed(self.sentences[: sent.index]):
            if prev.headline:
                return None
            if prev.pieces:
                return self.quotes[prev.pieces[-1].quote]
            return None
        return None

    def _nobody_else_between(self, previous: _LQuote, sent: _Sentence) -> bool:
        last = max(previous.sentences)
        for s in self.sentences[last + 1 : sent.index]:
            if any(m.key != previous.speaker for m in s.mentions):
                return False
        return all(m.key == previous.speaker for m in self.sentences[last].mentions)

    def _context_for(self, lq: _LQuote) -> str:
        """Where the quote was said, from the sentences about its speaker just before it."""
        first = min(lq.sentences)
        previous = self._quote_before(first)
        if previous is not None and previous.speaker == lq.speaker and previous.context:
            return previous.context
        channel = event = ""
        for seen, prev in enumerate(reversed(self.sentences[:first])):
            if prev.headline or seen >= 3:
                break
            if prev.pieces and any(
                self.quotes[p.quote].speaker not in (None, lq.speaker) for p in prev.pieces
            ):
                break
            about = prev.subject == lq.speaker or lq.speaker in prev.resolved
            named = about or any(m.key == lq.speaker for m in prev.mentions)
            if not named:
                break  # only the run of sentences about the speaker right before the quote
            c, e = _channel_event(prev.masked)
            if about and c and not channel:
                channel = c
            if e and not event:
                event = e
        return _combine(channel, event)

    def _quote_before(self, sentence_index: int) -> _LQuote | None:
        for seen, prev in enumerate(reversed(self.sentences[:sentence_index])):
            if prev.headline or seen >= 4:
                return None
            if prev.pieces:
                return self.quotes[prev.pieces[-1].quote]
        return None


def _all_quoted(sent: _Sentence) -> bool:
    """Whether the sentence has no words outside its quotes (punctuation aside)."""
    out, at = [], 0
    for p in sent.pieces:  # (a piece opening before the sentence leaves nothing before it)
        out.append(sent.masked[at : p.open] if p.open >= 0 else "")
        at = len(sent.masked) if p.close is None else p.close + 1
    return not ("".join(out) + sent.masked[at:]).strip(" .,;:!?—–-")


def _is_partial(inner: str, pre: str) -> bool:
    """A fragment quoted inside reported speech, not a whole quote."""
    stripped = inner.strip()
    if not stripped:
        return False
    return stripped[0].islower() and bool(pre.strip()) and not pre.rstrip().endswith((",", ":"))


def _channel_event(text: str) -> tuple[str, str]:
    channel = ""
    for pattern, name in _CHANNELS:
        if pattern.search(text):
            channel = name
            break
    em = _EVENT.search(text)
    return channel, (em.group("e").strip() if em else "")


def _combine(channel: str, event: str) -> str:
    if event and channel in ("speech", "acceptance speech", "interview", "press conference"):
        return f"{event} {channel}"
    return channel or event


def _context(clause: str) -> str:
    return _combine(*_channel_event(clause))


def _described_by(word: str) -> bool:
    """A word that may describe a name after a verb of saying ('said the company's president,
    Jane Roe'): lower case, not a function word; a possessive ("company's") or a word before
    a comma counts as its bare word."""
    bare = re.sub(r"['’]s$", "", word.rstrip(","))
    return bare.isalpha() and bare.islower() and bare not in STOPWORDS
