"""Facts and quotes as records, each citing the article's own passage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from itertools import islice

from bot.engine import lexicon
from bot.engine.ingest.attribution import _Reader
from bot.engine.ingest.column import Column, find_column
from bot.engine.ingest.interview import find_interview, unlabelled
from bot.engine.ingest.layout import _Sentence, _sentence_bounds
from bot.engine.ingest.lexicon import _DATELINE, _DESCRIPTORS, _SPEECH, _SPEECH_ALT
from bot.engine.ingest.results import IngestResult, _content_slug, _unique
from bot.engine.ingest.things import named_as, opening_thing, refers_back
from bot.engine.verify import normalise, words
from bot.errors import IngestError
from bot.models import Citation, Fact, Person, Quote, Source

# --------------------------------------------------------------------------- records


def _clean_quote_text(text: str, partial: bool) -> str:
    text = " ".join(text.split())
    text = text.rstrip(",;:—–- ")
    if partial:
        text = text.rstrip(".")
    return text.strip()


#: Where words are said or written ("in an email", "in a statement"), no fact of themselves.
_CHANNEL_WORDS = frozenset({"email", "statement", "interview", "letter", "post",
                            "message", "text", "video", "call", "phone", "conference", "news",
                            "briefing", "hearing", "speech", "podcast", "radio", "television"})


def _described(reader: _Reader, sent: _Sentence) -> tuple[str, list[str], str] | None:
    """What a quote's sentence says its speaker is or has done beside the quote, when that is
    more than a role ('"...," said the Rev. Miriam Saltonstall, who has led the congregation
    for 11 years': "Miriam Saltonstall, who has led the congregation for 11 years."): its
    text, people and the words it cites; or None."""
    if not sent.pieces or sent.headline:
        return None
    masked = sent.masked
    for m in sent.mentions:
        if reader.people.entities[m.key].known is not None:
            continue  # (someone the bank describes already)
        stop = min((p.open for p in sent.pieces if p.open > m.end), default=len(masked))
        tail = masked[m.end:stop]
        if said := re.search(rf",?\s+(?:\w+ly\s+)?(?:{_SPEECH_ALT})\b", tail):
            tail = tail[:said.start()]
        tail = tail.rstrip(" ,;:.—–-\"“”")
        if not tail.startswith(", "):
            continue
        content = [w for w in words(tail)
                   if w not in lexicon.STOPWORDS and w not in _DESCRIPTORS and w not in _SPEECH]
        if len(content) < 4:
            continue
        text = sent.text[m.start:m.end + len(tail)]
        return f"{reader.people.display(m.key)}{text[m.end - m.start:]}.", [m.key], f"{text}."
    return None


def _fact_from(reader: _Reader, sent: _Sentence) -> tuple[str, list[str]] | None:
    """The fact a sentence states (its text, people) or None for a non-fact."""
    if sent.headline:
        return None
    text = sent.text
    masked = sent.masked
    # (a quote given to no one, 'the company said: "..."', '"...," the statement said.',
    # keeps its sentence whole: its words are not lost)
    unsaid = bool(sent.pieces) and all(reader.quotes[p.quote].how == "none" for p in sent.pieces)
    if masked.rstrip().endswith(":") and re.search(rf"\b(?:{_SPEECH_ALT})\b", masked) and \
            not unsaid:
        return None  # a lead-in to someone's quote
    if sent.pieces and len(words(masked)) < 4 and not unsaid:
        return None  # '"...," he said.'
    spoken = {"trailing", "leading", "intro", "continuation", "merged"}
    whole_quotes = [
        p
        for p in sent.pieces
        if reader.quotes[p.quote].how in spoken and not reader.quotes[p.quote].partial
    ]
    if whole_quotes:
        first = whole_quotes[0]
        if first.open <= 0:
            return None
        lead = masked[: first.open]
        cut = re.search(rf"[\s,]*\b(?:{_SPEECH_ALT})\b(?:\s+[^\s,:;.!?]+){{0,8}}\s*[,:]?\s*$", lead)
        if cut:
            lead = lead[: cut.start()]
        # "Director Jane Roe, who reportedly called out ..., said" -> "... reportedly ..."
        lead = re.sub(r",\s+who\s+(.+?),?\s*$", r" \1", lead.strip())
        lead = lead.strip(" ,;:—–-")
        content = [
            w
            for w in words(lead)
            if w not in lexicon.STOPWORDS and w not in _DESCRIPTORS and w not in _SPEECH
        ]
        names = {w.lower() for m in sent.mentions for w in words(reader.people.display(m.key))}
        names |= {w for m in sent.mentions for w in words(masked[m.start : m.end])}
        # (nor what the speaker is, nor where they said it: "In an email, county health
        # officer Raj Mehta wrote, ..." states nothing)
        names |= {w for m in sent.mentions
                  for w in words(reader.people.entities[m.key].appositive or "")} | _CHANNEL_WORDS
        if len([w for w in content if w not in names]) < 3:
            return None
        text = lead + "."
    text = _DATELINE.sub("", text) if reader._is_lede(sent) else text
    people = [m.key for m in sent.mentions if text.find(sent.text[m.start : m.end]) >= 0]
    if sent.subject_words and sent.subject:
        if text.startswith(sent.subject_words):
            text = reader.people.display(sent.subject) + text[len(sent.subject_words) :]
        people.insert(0, sent.subject)
    if len(words(text)) < 4:
        return None  # (counted with its subject named: "She was 91." is "Jane Roe was 91.")
    if sent.named is not None:  # "the former finance director of X, Martin Eldridge,"
        role, key = sent.named
        name = reader.people.display(key)
        if role in text and name not in text:
            text = text.replace(role, f"{role}, {name},", 1)
    if not whole_quotes:
        people += sent.resolved
    unique = list(dict.fromkeys(people))
    return text.strip(), unique


def ingest_article(
    text: str, *, source: Source, known_people: Sequence[Person] = ()
) -> IngestResult:
    """Read an article's text into facts, quotes and the new people they name.

    ``text`` is the article as plain text, one paragraph a line (see
    :func:`bot.engine.extract.extract_text`). Every record cites ``source`` with the
    article's own passage. Raises :class:`IngestError` when nothing can be read from it.
    """
    if not text or not text.strip():
        raise IngestError("The article is empty.")
    reader = _Reader(text, known_people)
    reader.read()
    # a column's first-person sentences are its author's quotes
    column = find_column(reader.paragraphs, reader.sentences)
    author = _author(reader, column) if column else None
    own = column.said if column else frozenset()
    # an interview's answers are its subject's quotes, its questions what they answer
    exchanges = find_interview(reader.paragraphs, reader.sentences, reader.people.mentions)
    answered = {i for ex in exchanges for i in ex.answer}
    asked = {i for ex in exchanges for i in ex.question}

    quote_ids: set[str] = set()
    quotes: list[Quote] = []
    seen_texts: dict[str, int] = {}
    used_people: list[str] = []

    def said(body: str, speaker: str | None, context: str, passage: str) -> None:
        """Words an interview or a column gives someone, as their quote (once each)."""
        if (norm := normalise(body)) in seen_texts:
            return
        seen_texts[norm] = len(quotes)
        quotes.append(Quote(
            id=_unique(_content_slug(body, speaker or "quote", 4), quote_ids, "quote"),
            speaker=speaker, text=body, context=context,
            citations=(Citation(source.id, passage),), guild_id=source.guild_id))
        used_people.extend([speaker] if speaker else [])

    for ex in exchanges:
        passage = "\n".join(reader.paragraphs[i].strip() for i in (*ex.question, *ex.answer))
        turns = [(ex.answer, ex.speaker)] + ([(ex.question, ex.asker)] if ex.asker else [])
        for pars, speaker in turns:  # (a transcript's asker's words are theirs too)
            for body in _spoken(reader, pars):
                said(body, speaker, "interview", passage)
    for i in sorted(own):
        said(reader.sentences[i].text.strip(), author, "column", reader.sentences[i].text)
    for lq in reader.quotes:
        body = _clean_quote_text(lq.text, lq.partial)
        if not body or all(reader.sentences[i].par in answered for i in lq.sentences):
            continue  # (words quoted inside an interview's answer are the answer's)
        if lq.how in ("", "none"):
            # No speech verb or colon links it to anyone: a title, a term, a scare quote
            # or a sign, not something someone said (its sentence stays a fact).
            continue
        sentences = sorted(
            set(lq.sentences) | ({lq.named_in} if lq.named_in is not None else set())
        )
        if lq.how == "continuation":
            earlier = reader._previous_quote(reader.sentences[min(lq.sentences)])
            if earlier is not None:
                sentences = sorted(set(sentences) | set(earlier.sentences))
        passage = _passage(reader, sentences)
        norm = normalise(body)
        if norm in seen_texts:
            index = seen_texts[norm]
            q = quotes[index]
            if all(c.passage != passage for c in q.citations):
                quotes[index] = replace(q, citations=(*q.citations, Citation(source.id, passage)))
            continue
        prefix = lq.speaker or "quote"
        qid = _unique(_content_slug(body, prefix, 4), quote_ids, "quote")
        seen_texts[norm] = len(quotes)
        quotes.append(
            Quote(
                id=qid,
                speaker=lq.speaker,
                text=body,
                context=lq.context,
                citations=(Citation(source.id, passage),),
                guild_id=source.guild_id,
            )
        )
        if lq.speaker:
            used_people.append(lq.speaker)

    fact_ids: set[str] = set()
    facts: list[Fact] = []
    seen_facts: set[str] = set()
    section: str | None = None  # the subheading over the sentence, past the first prose
    prose = False
    before: dict[int, str] = {}  # the text of each sentence of prose, by its index
    # each sentence opening on "It": the sentence naming the thing it stands for, or None
    # (what a sentence opens on is read only when the one after it says "It")
    opened: dict[int, int | None] = {}
    for sent in reader.sentences:
        if not sent.headline:
            before[sent.index] = sent.text
        if refers_back(sent.text):
            last_index = sent.index - 1
            opened[sent.index] = opened[last_index] if last_index in opened else \
                last_index if last_index >= 0 and _opens_on_thing(
                    reader.sentences[last_index]) else None
        prior = opened.get(sent.index)
        if sent.par in answered or sent.par in asked or sent.index in own:
            section = None  # (an interview's question heads its answer, not the prose after)
            continue  # an answer is a quote, cited with the question it answers
        if sent.headline:
            section = sent.text.strip() if prose else None
        prose = prose or not sent.headline
        found = _fact_from(reader, sent)
        # (a speaker described beside a quote cites the description, not the quote)
        described = _described(reader, sent) if found is None else None
        if described is not None:
            found = described[:2]
        if found is None:
            continue
        fact_text, people = found
        # ("The creamery employs 64 people": the creamery named before)
        fact_text = named_as(fact_text, (s.text for s in islice(reader.sentences, sent.index)))
        # ("It was shown by Kaylee Brandvold": cited after the sentences from the one naming
        # the steer, as the article runs)
        thing = " ".join(before.get(i, "") for i in range(prior, sent.index)).strip() \
            if prior is not None else None
        if column and author and sent.index == column.tagline:
            people = [author, *people]  # ("Jolene Marchetti-Haas is a deputy chief ...")
        parts = _statement_parts(fact_text)
        for text in parts:
            # (a part cites its own words)
            passage = described[2] if described else sent.text if len(parts) == 1 else text
            last = before.get(sent.index - 1)
            if last and _POINTS_BACK.match(passage):
                # "That means nurses will not be allowed back until Saturday": the passage
                # cited opens on the sentence it points back to (often the paragraph's before)
                passage = f"{last} {passage}"
            elif thing and passage.startswith(("It ", "Its ")):
                passage = f"{thing} {passage}"
            norm = normalise(text)
            if norm in seen_facts:
                continue
            seen_facts.add(norm)
            facts.append(
                Fact(
                    id=_unique(_content_slug(text, "", 7), fact_ids, "fact"),
                    text=text,
                    # (under a subheading, "Why did lawmakers pass it now?", the passage cited
                    # opens on it: what the sentence answers)
                    citations=(Citation(source.id, f"{section}\n{passage}" if section
                                        else passage),),
                    people=tuple(people),
                    guild_id=source.guild_id,
                )
            )
            used_people += people

    if not facts and not quotes:
        raise IngestError("No facts or quotes could be read from the article.")
    new_people: list[Person] = []
    referenced: list[Person] = []
    for key in dict.fromkeys(used_people):
        person = reader.people.new_person(key)
        if person is not None:
            new_people.append(replace(person, guild_id=source.guild_id))
        elif (known := reader.people.entities[key].known) is not None:
            referenced.append(known)
    return IngestResult(
        source=source,
        new_people=tuple(new_people),
        new_facts=tuple(facts),
        new_quotes=tuple(quotes),
        headlines=tuple(reader.headlines),
        referenced_people=tuple(referenced),
    )


#: A statement no person said, kept whole: 'In a statement, the company said: "S1. S2."'.
_STATEMENT = re.compile(r'^(?P<lead>[^"“]+:\s*)["“](?P<said>.+?)["”]\s*$', re.DOTALL)


def _statement_parts(text: str) -> list[str]:
    """A fact's text as facts: a statement quoted at length after its lead-in, a sentence
    each (the first with the lead-in: 'the company said: "On Sept. 15, ..."'), as an
    article's sentences are; any other text whole."""
    m = _STATEMENT.match(text)
    inner = m.group("said").strip() if m else ""
    said = [inner[a:b].strip() for a, b in _sentence_bounds(inner, [])] if m else []
    if len(said) < 2 or m is None:
        return [text]
    return [f'{m.group("lead")}"{said[0]}"', *said[1:]]


def _author(reader: _Reader, column: Column) -> str:
    """The key of a column's author, a person of the article, described by the column's
    closing line ("deputy chief of the fire company") and as its author."""
    key = reader.people.surfaces.get(column.author) or reader.people._add_new(column.author)
    ent = reader.people.entities[key]
    ent.appositive = ent.appositive or ", ".join(
        w for w in (column.description, "the column's author") if w)
    return key


def _spoken(reader: _Reader, pars: tuple[int, ...]) -> list[str]:
    """What an interview's paragraphs ``pars`` say, a sentence a quote (as an article's
    sentences are facts), their labels left out; a fragment of fewer than
    :data:`FRAGMENT_WORDS` words ("Two reasons.", "Teach.") goes with the sentence after it."""
    bodies: list[str] = []
    held = ""
    for sent in reader.sentences:
        if sent.par in pars:
            body = f"{held} {unlabelled(sent.text).strip()}".strip()
            held = body if len(body.split()) < FRAGMENT_WORDS else ""
            bodies += [] if held else [body]
    return bodies + ([held] if held else [])


#: An answer's sentence this short is a fragment, read with the sentence after it.
FRAGMENT_WORDS = 4


def _opens_on_thing(sent: _Sentence) -> bool:
    """``sent`` opens on one thing, no person (:func:`~.things.opening_thing`)."""
    return opening_thing(sent.text, partial(_person_at, sent)) is not None


def _person_at(sent: _Sentence, at: int) -> bool:
    """A person's name of ``sent`` starts at or runs over ``at``."""
    return any(m.start <= at < m.end for m in sent.mentions)


#: A sentence opening on what the one before led to: "That means nurses will not be allowed
#: back", "This is why ...", "That prompted ..." (what "that" is, only the sentence before says).
_POINTS_BACK = re.compile(r"(?:That|This)\s+(?:means|meant|is why|was why|is because|was "
                          r"because|explains|explained|led|leads|prompted|forced|left)\b")


def _passage(reader: _Reader, indexes: Sequence[int]) -> str:
    parts: list[str] = []
    last_par: int | None = None
    for i in indexes:
        sent = reader.sentences[i]
        if last_par is not None:
            parts.append("\n" if sent.par != last_par else " ")
        parts.append(sent.text)
        last_par = sent.par
    return "".join(parts)
