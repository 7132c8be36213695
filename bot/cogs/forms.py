"""The admin forms (Discord modals): a fact, a quote, an article to paste, and what saving
the first two does.

Every form checks again on submit that its user is an admin here (a form can outlive a
role), acknowledges before writing (a busy database must not push the confirmation past
Discord's 3 seconds), and writes through the service, which stores the record in one
audited transaction before the engine sees it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import discord

from bot import present
from bot.articles import Article
from bot.cogs.base import BaseModal, bot_of
from bot.cogs.checks import actor, can_change, ensure_admin
from bot.models import Citation, Fact, Quote, RecordKind
from bot.service import CoverageService

#: How long a form may stay open before Discord drops it (seconds).
FORM_TIMEOUT = 1800


def split_list(text: str | None) -> tuple[str, ...]:
    """"a, b; c" -> ("a", "b", "c"), blanks and repeats dropped."""
    if not text:
        return ()
    parts = (p.strip() for p in re.split(r"[,;\n]", text))
    return tuple(dict.fromkeys(p for p in parts if p))


def fact_embed(service: CoverageService, fact: Fact) -> discord.Embed:
    """A fact as admins see it: text, people and every citation."""
    sources, people = service.named_by(fact)
    return present.fact_embed(fact, sources, people)


def _citation_inputs(
    first: Citation | None, default_source: str | None, *, editing: bool
) -> tuple[discord.ui.TextInput[Any], discord.ui.TextInput[Any]]:
    """The source id and passage inputs that the fact and quote forms share."""
    source: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="source",
        label="Source id" + (" (first citation)" if editing else ""), max_length=80,
        default=present.input_default(first.source_id if first else default_source, 80),
        placeholder="see /source list",
    )
    passage: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="passage",
        label="Passage (the source's own words)", style=discord.TextStyle.paragraph,
        max_length=present.MAX_INPUT_VALUE,
        default=present.input_default(first.passage if first else None),
    )
    return source, passage


class FactModal(BaseModal):
    """Add a fact (optionally prefilled from an unanswered question) or edit one."""

    def __init__(self, *, existing: Fact | None = None, question: str | None = None,
                 default_source: str | None = None) -> None:
        super().__init__(title="Edit fact" if existing else "Add a fact", timeout=FORM_TIMEOUT)
        self.existing = existing
        first = existing.citations[0] if existing and existing.citations else None
        keywords = ", ".join(existing.keywords) if existing else (question or "")
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="text",
            label="Fact (names written out)", style=discord.TextStyle.paragraph,
            max_length=present.MAX_INPUT_VALUE,
            default=present.input_default(existing.text if existing else None),
            placeholder=present.clip(f"Answers: {question}", 100) if question else
            "e.g. Doechii was named best female hip hop artist at the BET Awards.",
        )
        self.people: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="people",
            label="People (names or ids, comma-separated)", required=False, max_length=1000,
            default=present.input_default(", ".join(existing.people) if existing else None,
                                          1000),
        )
        self.keywords: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="keywords",
            label="Keywords (comma-separated)", required=False, max_length=1000,
            default=present.input_default(keywords, 1000),
        )
        self.source, self.passage = _citation_inputs(
            first, default_source, editing=existing is not None
        )
        for item in (self.text, self.people, self.keywords, self.source, self.passage):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        """Check, store and confirm what the form holds."""
        await save_fact(interaction, self)


class QuoteModal(BaseModal):
    """Add or edit a quote."""

    def __init__(self, *, existing: Quote | None = None, speaker: str | None = None,
                 default_source: str | None = None) -> None:
        super().__init__(title="Edit quote" if existing else "Add a quote", timeout=FORM_TIMEOUT)
        self.existing = existing
        first = existing.citations[0] if existing and existing.citations else None
        self.speaker: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="speaker",
            label="Speaker (name or id; blank if unknown)", required=False, max_length=100,
            default=present.input_default(existing.speaker if existing else speaker, 100),
        )
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="text",
            label="Quote (the words said)", style=discord.TextStyle.paragraph,
            max_length=present.MAX_INPUT_VALUE,
            default=present.input_default(existing.text if existing else None),
        )
        self.context: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="context",
            label="Where it was said", required=False, max_length=200,
            default=present.input_default(existing.context if existing else None, 200),
            placeholder="e.g. Instagram story, BET Awards speech",
        )
        self.source, self.passage = _citation_inputs(
            first, default_source, editing=existing is not None
        )
        for item in (self.speaker, self.text, self.context, self.source, self.passage):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        """Check, store and confirm what the form holds."""
        await save_quote(interaction, self)


def _citation(service: CoverageService, guild_id: int | None, source: str, passage: str
              ) -> Citation:
    found = service.visible_source(guild_id, source)
    return Citation(source_id=found.id, passage=passage.strip())


async def _store(interaction: discord.Interaction[Any], kind: RecordKind,
                 existing: Fact | Quote | None, citation: Citation, changes: dict[str, Any],
                 new: Callable[[str], Fact | Quote], id_text: str) -> tuple[Fact | Quote, str]:
    """Acknowledge, then store a form's record: ``existing`` (re-read, checked that this
    admin may change it) with ``changes`` and ``citation`` as its first citation, or a new
    record made by ``new`` from a fresh id; the record and "Added" / "Updated"."""
    bot = bot_of(interaction)
    service = bot.service
    await interaction.response.defer(ephemeral=True, thinking=True)
    async with bot.working():
        if existing is not None:
            current = service.visible(kind, existing.id, interaction.guild_id)
            assert isinstance(current, Fact | Quote)
            can_change(interaction, current)
            record = replace(current, **changes, citations=(citation, *current.citations[1:]))
            service.check_record(record)
            await service.update(record, actor=actor(interaction))
            return record, "Updated"
        record = new(await service.next_id(kind, id_text))
        service.check_record(record)
        await service.add(record, actor=actor(interaction))
        return record, "Added"


async def save_fact(interaction: discord.Interaction[Any], modal: FactModal) -> None:
    """Store the fact a :class:`FactModal` describes (new, or the edit of one) and confirm."""
    service = bot_of(interaction).service
    ensure_admin(interaction)
    gid = interaction.guild_id
    text = " ".join(modal.text.value.split())
    people = tuple(service.resolve_person(gid, n).id for n in split_list(modal.people.value))
    citation = _citation(service, gid, modal.source.value, modal.passage.value)
    keywords = split_list(modal.keywords.value)
    fact, done = await _store(
        interaction, "fact", modal.existing, citation,
        {"text": text, "people": people, "keywords": keywords},
        lambda fid: Fact(id=fid, text=text, citations=(citation,), people=people,
                         keywords=keywords, guild_id=gid),
        text,
    )
    assert isinstance(fact, Fact)
    scope = "the shipped coverage" if fact.guild_id is None else "this server"
    await interaction.followup.send(
        f"{done} fact `{fact.id}` for {scope}.", embed=fact_embed(service, fact),
        ephemeral=True,
    )


async def save_quote(interaction: discord.Interaction[Any], modal: QuoteModal) -> None:
    """Store the quote a :class:`QuoteModal` describes (new, or the edit of one) and confirm."""
    service = bot_of(interaction).service
    ensure_admin(interaction)
    gid = interaction.guild_id
    who = modal.speaker.value.strip()
    speaker = service.resolve_person(gid, who).id if who else None
    text = modal.text.value.strip()
    citation = _citation(service, gid, modal.source.value, modal.passage.value)
    context = " ".join(modal.context.value.split())
    quote, done = await _store(
        interaction, "quote", modal.existing, citation,
        {"speaker": speaker, "text": text, "context": context},
        lambda qid: Quote(id=qid, speaker=speaker, text=text, context=context,
                          citations=(citation,), guild_id=gid),
        f"{speaker or 'unknown'} {text}",
    )
    assert isinstance(quote, Quote)
    await interaction.followup.send(
        f"{done} quote `{quote.id}`.", embed=present.quote_embed(service.quote_hit(quote)),
        ephemeral=True,
    )


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class SourceFields:
    """What the admin typed in ``/source add`` (already checked)."""

    outlet: str
    title: str | None
    url: str | None
    published: str | None

    def article(self, raw: str | bytes, name: str, title: str | None = None) -> Article:
        """An article of this source: its text (or file bytes) and what the admin typed."""
        return Article(raw=raw, name=name, outlet=self.outlet, title=title or self.title,
                       url=self.url, published=self.published)


#: Shows an article's preview under Add / Cancel (the interaction has been deferred).
Preview = Callable[[discord.Interaction[Any], Article, str], Awaitable[None]]
#: Adds the source record alone (the form's text was left empty), given its headline.
AddAlone = Callable[[discord.Interaction[Any], SourceFields, str], Awaitable[None]]


class ArticleModal(BaseModal):
    """``/source add`` without a file: the headline and the article pasted (two boxes of
    4,000 characters). Submitted without text, it adds the source record alone."""

    def __init__(self, fields: SourceFields, *, preview: Preview, add_alone: AddAlone) -> None:
        super().__init__(title="Add a source", timeout=FORM_TIMEOUT)
        self.fields = fields
        self._preview = preview
        self._add_alone = add_alone
        self.headline: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="title", label="Headline", max_length=300,
            default=present.input_default(fields.title, 300),
        )
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="text", label="Article text (empty: add the source alone)",
            style=discord.TextStyle.paragraph, required=False,
            max_length=present.MAX_INPUT_VALUE,
            placeholder="Paste the article here; I will show what I found before adding it.",
        )
        self.more: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="more", label="Article text, continued (if longer)",
            style=discord.TextStyle.paragraph, required=False,
            max_length=present.MAX_INPUT_VALUE,
        )
        for item in (self.headline, self.text, self.more):
            self.add_item(item)

    def pasted(self) -> str:
        """The two boxes as one text: a full first box was cut by its limit, so the second
        continues it directly; otherwise the second starts a new paragraph."""
        first, second = self.text.value or "", self.more.value or ""
        if not second.strip():
            return first
        if not first.strip():
            return second
        joiner = "" if len(first) >= present.MAX_INPUT_VALUE else "\n\n"
        return first + joiner + second

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        """Check, store and confirm what the form holds."""
        ensure_admin(interaction)
        title = " ".join(self.headline.value.split())
        text = self.pasted()
        if not text.strip():
            await self._add_alone(interaction, self.fields, title)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self._preview(interaction, self.fields.article(text, "The pasted text", title),
                            "the pasted text")
