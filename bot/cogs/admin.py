"""Admin commands: ``/fact``, ``/source``, ``/kb`` (and the modals ``/quote add|edit`` share).

Every command here is server-only and carries ``default_permissions(manage_guild=True)``
(Discord hides it from members without Manage Server unless a server changes that) *and*
:func:`bot.cogs.checks.admin_only`, the real rule. Components and modals check again when
used, and admin autocompletes return nothing to non-admins.

``/source add`` reads an article (an attached .txt/.html file, or text pasted into a form),
shows the admin what it found (nothing stored yet) under Add / Cancel buttons, and stores it
all in one transaction on Add. Without a file and with the form's text left empty it adds
the source record alone.

Scope: what an admin adds belongs to their server (``guild_id = interaction.guild_id``);
records of the shipped coverage (global) are changed only by owners and stay global. Every
write goes through the service, which stores it in one audited transaction (actor
``discord:<user id>``) before the engine sees it.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.client import BaseModal, BaseView
from bot.codec import to_json
from bot.cogs.checks import actor, admin_only, can_change, ensure_admin, is_admin, is_owner
from bot.errors import (
    IngestError,
    InvalidQuestion,
    NotFound,
    PermissionDenied,
    Problem,
    ValidationFailed,
)
from bot.ingesting import Article, IngestPlan
from bot.inputs import MAX_ARTICLE_BYTES  # the largest article file ``/source add file:`` reads
from bot.knowledge import MAX_DOCUMENT_BYTES, record_problems
from bot.models import (
    Citation,
    Fact,
    Person,
    Quote,
    QuoteHit,
    Record,
    RecordKind,
    Source,
    kind_of,
)
from bot.service import CoverageService
from bot.wording import RECORD_KINDS, bank_counts, plural, record_counts

if TYPE_CHECKING:
    from bot.client import CoverageBot

log = logging.getLogger(__name__)

#: How long a removal waits for its confirmation (seconds).
CONFIRM_TIMEOUT = 60.0
#: How long the buttons under ``/kb unanswered`` work (seconds).
UNANSWERED_TIMEOUT = 600.0
#: The largest export sent as an attachment (Discord's smallest upload limit).
MAX_UPLOAD = 8 * 1024 * 1024
#: How long the Add / Cancel buttons under an ingest preview work (seconds); well inside
#: the 15 minutes an interaction token lasts, so the message can still be edited after.
INGEST_CONFIRM_TIMEOUT = 600.0
#: Attachment content types read as articles (None: Discord did not say; the bytes decide).
ARTICLE_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/octet-stream")

ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


def _bot(interaction: discord.Interaction[Any]) -> CoverageBot:
    bot: CoverageBot = interaction.client
    return bot


# --------------------------------------------------------------------------- helpers


def split_list(text: str | None) -> tuple[str, ...]:
    """"a, b; c" -> ("a", "b", "c"), blanks and repeats dropped."""
    if not text:
        return ()
    parts = (p.strip() for p in re.split(r"[,;\n]", text))
    return tuple(dict.fromkeys(p for p in parts if p))


def resolve_person(service: CoverageService, guild_id: int | None, name: str) -> Person:
    """A person visible here by id, or by exact name or alias (case-insensitive)."""
    key = name.strip()
    try:
        found = service.visible("person", key, guild_id)
        if isinstance(found, Person):
            return found
    except NotFound:
        pass
    folded = key.casefold()
    for person in service.speakers(key, limit=10, guild_id=guild_id):
        if any(n.casefold() == folded for n in person.names):
            return person
    raise NotFound(f"I know no person called “{present.plain(key, 100)}” here; use a name "
                   "or id as /quote speaker suggests it.")


def visible_source(service: CoverageService, guild_id: int | None, source_id: str) -> Source:
    key = source_id.strip()
    try:
        found = service.visible("source", key, guild_id)
    except NotFound:
        raise NotFound(f"There is no source with id “{present.plain(key, 100)}”; "
                       "/source list shows the ids (or add one with /source add).") from None
    assert isinstance(found, Source)
    return found


def check_record(record: Record) -> None:
    """The schema's limits (lengths, URL and date forms) for an admin's record."""
    kind = kind_of(record)
    problems = record_problems(kind, to_json(record), where=kind)
    if problems:
        raise ValidationFailed(problems, what=f"{kind}")


def default_source_id(service: CoverageService, guild_id: int | None) -> str | None:
    """The source to prefill: this server's newest, else the only global one."""
    sources = service.engine_bank(guild_id).sources
    own = [s for s in sources if s.guild_id is not None]
    if own:
        return own[-1].id
    return sources[0].id if len(sources) == 1 else None


def changeable(interaction: discord.Interaction[Any], record: Record) -> bool:
    return record.guild_id == interaction.guild_id or (
        record.guild_id is None and is_owner(interaction)
    )


def _get_visible(service: CoverageService, kind: RecordKind, record_id: str,
                 guild_id: int | None) -> Record:
    return service.visible(kind, record_id.strip(), guild_id)


# --------------------------------------------------------------------------- modals


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
        super().__init__(title="Edit fact" if existing else "Add a fact", timeout=1800)
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
        await save_fact(interaction, self)


class QuoteModal(BaseModal):
    """Add or edit a quote."""

    def __init__(self, *, existing: Quote | None = None, speaker: str | None = None,
                 default_source: str | None = None) -> None:
        super().__init__(title="Edit quote" if existing else "Add a quote", timeout=1800)
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
        await save_quote(interaction, self)


async def save_fact(interaction: discord.Interaction[Any], modal: FactModal) -> None:
    bot = _bot(interaction)
    service = bot.service
    ensure_admin(interaction)
    gid = interaction.guild_id
    text = " ".join(modal.text.value.split())
    people = tuple(resolve_person(service, gid, n).id for n in split_list(modal.people.value))
    source = visible_source(service, gid, modal.source.value)
    citation = Citation(source_id=source.id, passage=modal.passage.value.strip())
    keywords = split_list(modal.keywords.value)
    # Acknowledge first: a busy database must not push the confirmation past Discord's
    # 3-second window (the write would land, but the admin would be told it failed).
    await interaction.response.defer(ephemeral=True, thinking=True)
    async with bot.working():
        if modal.existing is not None:
            current = _get_visible(service, "fact", modal.existing.id, gid)
            assert isinstance(current, Fact)
            can_change(interaction, current)
            fact = replace(current, text=text, people=people, keywords=keywords,
                           citations=(citation, *current.citations[1:]))
            check_record(fact)
            await service.update(fact, actor=actor(interaction))
            done = "Updated"
        else:
            fact = Fact(id=await service.next_id("fact", text), text=text,
                        citations=(citation,), people=people, keywords=keywords, guild_id=gid)
            check_record(fact)
            await service.add(fact, actor=actor(interaction))
            done = "Added"
    scope = "the shipped coverage" if fact.guild_id is None else "this server"
    await interaction.followup.send(
        f"{done} fact `{fact.id}` for {scope}.", embed=_fact_embed(service, fact, gid),
        ephemeral=True,
    )


async def save_quote(interaction: discord.Interaction[Any], modal: QuoteModal) -> None:
    bot = _bot(interaction)
    service = bot.service
    ensure_admin(interaction)
    gid = interaction.guild_id
    who = modal.speaker.value.strip()
    speaker = resolve_person(service, gid, who).id if who else None
    text = modal.text.value.strip()
    source = visible_source(service, gid, modal.source.value)
    citation = Citation(source_id=source.id, passage=modal.passage.value.strip())
    context = " ".join(modal.context.value.split())
    # Acknowledge first: a busy database must not push the confirmation past Discord's
    # 3-second window (the write would land, but the admin would be told it failed).
    await interaction.response.defer(ephemeral=True, thinking=True)
    async with bot.working():
        if modal.existing is not None:
            current = _get_visible(service, "quote", modal.existing.id, gid)
            assert isinstance(current, Quote)
            can_change(interaction, current)
            quote = replace(current, speaker=speaker, text=text, context=context,
                            citations=(citation, *current.citations[1:]))
            check_record(quote)
            await service.update(quote, actor=actor(interaction))
            done = "Updated"
        else:
            base = f"{speaker or 'unknown'} {text}"
            quote = Quote(id=await service.next_id("quote", base), speaker=speaker, text=text,
                          context=context, citations=(citation,), guild_id=gid)
            check_record(quote)
            await service.add(quote, actor=actor(interaction))
            done = "Added"
    person = service.engine.get("person", speaker) if speaker else None
    name = person.name if isinstance(person, Person) else None
    hit = QuoteHit(quote=quote, speaker=name, score=100.0,
                   sources=tuple(service.source_refs(quote)))
    await interaction.followup.send(
        f"{done} quote `{quote.id}`.", embed=present.quote_embed(hit), ephemeral=True
    )


def _fact_embed(service: CoverageService, fact: Fact, gid: int | None) -> discord.Embed:
    bank = service.engine_bank(gid)
    return present.fact_embed(fact, {s.id: s for s in bank.sources},
                              {p.id: p for p in bank.people})


# --------------------------------------------------------------------------- views


class ConfirmRemove(BaseView):
    """"Remove" / "Cancel" under a removal; only the admin who asked can press them."""

    def __init__(self, origin: discord.Interaction[Any], kind: RecordKind, record_id: str
                 ) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.origin = origin
        self.kind = kind
        self.record_id = record_id
        self.done = False

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id != self.origin.user.id:
            await interaction.response.send_message(
                "Only the admin who asked for this removal can confirm it.", ephemeral=True
            )
            return False
        return True

    @discord.ui.button(label="Remove", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction[Any],
                      button: discord.ui.Button[Any]) -> None:
        bot = _bot(interaction)
        gid = interaction.guild_id
        record = _get_visible(bot.service, self.kind, self.record_id, gid)
        can_change(interaction, record)
        async with bot.working():
            await bot.service.remove(self.kind, record.id, actor=actor(interaction),
                                     guild_id=record.guild_id)
        self.done = True
        self.stop()
        await interaction.response.edit_message(
            content=f"Removed {self.kind} `{record.id}`.", embed=None, view=None
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction[Any],
                     button: discord.ui.Button[Any]) -> None:
        self.done = True
        self.stop()
        await interaction.response.edit_message(content="Nothing was removed.", embed=None,
                                                view=None)

    async def on_timeout(self) -> None:
        if self.done:
            return
        with contextlib.suppress(discord.HTTPException):
            await self.origin.edit_original_response(
                content="No confirmation in time; nothing was removed.", embed=None, view=None
            )


async def confirm_removal(interaction: discord.Interaction[Any], kind: RecordKind,
                          record_id: str) -> None:
    """Show the record with Remove/Cancel (ephemeral)."""
    service = _bot(interaction).service
    record = _get_visible(service, kind, record_id, interaction.guild_id)
    can_change(interaction, record)
    if isinstance(record, Fact):
        embed = _fact_embed(service, record, interaction.guild_id)
    else:
        embed = discord.Embed(description=present.safe(getattr(record, "text", ""), 2000))
    await interaction.response.send_message(
        f"Remove {kind} `{record.id}`? This cannot be undone from Discord (the audit log "
        "keeps a copy).", embed=embed, view=ConfirmRemove(interaction, kind, record.id),
        ephemeral=True,
    )


class UnansweredView(BaseView):
    """One button per unanswered question: opens the add-fact modal prefilled with it."""

    def __init__(self, questions: list[str]) -> None:
        super().__init__(timeout=UNANSWERED_TIMEOUT)
        for n, question in enumerate(questions[:25], start=1):
            button: discord.ui.Button[Any] = discord.ui.Button(
                label=present.button_label(f"{n}. {question}"),
                style=discord.ButtonStyle.secondary,
                custom_id=f"cb:unanswered:{n}",
            )
            button.callback = self._opener(question)  # type: ignore[method-assign]
            self.add_item(button)

    @staticmethod
    def _opener(question: str) -> Any:
        async def open_modal(interaction: discord.Interaction[Any]) -> None:
            ensure_admin(interaction)
            service = _bot(interaction).service
            await interaction.response.send_modal(FactModal(
                question=question,
                default_source=default_source_id(service, interaction.guild_id),
            ))
        return open_modal


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class SourceFields:
    """What the admin typed in ``/source add`` (already checked)."""

    outlet: str
    title: str | None
    url: str | None
    published: str | None

    def article(self, raw: str | bytes, name: str, title: str | None = None) -> Article:
        return Article(raw=raw, name=name, outlet=self.outlet, title=title or self.title,
                       url=self.url, published=self.published)


_CLI_FLAG = re.compile(r"--(outlet|title|url|published)\b")


def discord_wording(error: IngestError) -> IngestError:
    """The ingest messages name the command line's flags (``--title``); here the same
    things are the options of ``/source add`` (``title:``)."""
    return IngestError(_CLI_FLAG.sub(lambda m: f"{m.group(1)}:", str(error)))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_article_file(file: discord.Attachment) -> None:
    """Refuse, before downloading, what cannot be an article: too large, or not text."""
    if file.size > MAX_ARTICLE_BYTES:
        raise IngestError(f"{file.filename} is {_mb(file.size)}; an article file may be up to "
                          f"{_mb(MAX_ARTICLE_BYTES)}.")
    kind = (file.content_type or "").split(";")[0].strip().lower()
    if kind and not kind.startswith(ARTICLE_TYPES):
        raise IngestError(f"{file.filename} is {kind}, not an article: attach plain text "
                          "(.txt) or a saved web page (.html), or paste the text instead.")


class ArticleModal(BaseModal):
    """``/source add`` without a file: the headline and the article pasted (two boxes of
    4,000 characters). Submitted without text, it adds the source record alone."""

    def __init__(self, cog: Admin, fields: SourceFields) -> None:
        super().__init__(title="Add a source", timeout=1800)
        self.cog = cog
        self.fields = fields
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
        ensure_admin(interaction)
        title = " ".join(self.headline.value.split())
        text = self.pasted()
        if not text.strip():
            await self.cog.add_source(interaction, await self.cog.bare_source(
                self.fields, title, interaction.guild_id))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.cog.preview_ingest(
            interaction, self.fields.article(text, "The pasted text", title), "the pasted text"
        )


class IngestConfirm(BaseView):
    """"Add" / "Cancel" under an ingest preview; only the admin who asked can press them.
    "Add" stores the whole plan in one transaction (or nothing); a timeout removes them."""

    def __init__(self, owner_id: int, plan: IngestPlan, embed: discord.Embed, *,
                 timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.plan = plan
        self.embed = embed
        self.done = False
        self.message: discord.WebhookMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the admin who added this article can confirm it.", ephemeral=True
            )
            return False
        return True

    @discord.ui.button(label="Add", style=discord.ButtonStyle.success)
    async def confirm(self, interaction: discord.Interaction[Any],
                      button: discord.ui.Button[Any]) -> None:
        bot = _bot(interaction)
        ensure_admin(interaction)
        for record in self.plan.updates:
            can_change(interaction, record)
        if self.done:  # a second click while the first is being stored
            await interaction.response.send_message("This is already being handled.",
                                                    ephemeral=True)
            return
        self.done = True
        try:
            async with bot.working():
                await bot.service.apply_ingest(self.plan, actor=actor(interaction))
        except BaseException:
            self.done = False
            raise
        self.stop()
        self.embed.set_footer(text="Added.")
        await interaction.response.edit_message(
            content="Added to this server: "
            + present.ingest_counts_text(self.plan.counts()) + ".",
            embed=self.embed, view=None,
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction[Any],
                     button: discord.ui.Button[Any]) -> None:
        if self.done:
            await interaction.response.send_message("This is already being handled.",
                                                    ephemeral=True)
            return
        self.done = True
        self.stop()
        await interaction.response.edit_message(content="Cancelled; nothing was added.",
                                                embed=None, view=None)

    async def on_timeout(self) -> None:
        if self.done or self.message is None:
            return
        with contextlib.suppress(discord.HTTPException):
            await self.message.edit(content="No confirmation in time; nothing was added.",
                                    embed=None, view=None)


# --------------------------------------------------------------------------- the cog


def _date(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed([Problem("published", f"“{present.plain(text, 40)}” is not a "
                                        "date in the form YYYY-MM-DD")], what="source") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationFailed([Problem("published", "use the form YYYY-MM-DD")], what="source")
    return text


def _url(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    text = value.strip()
    if not re.fullmatch(r"https?://\S+", text):
        raise ValidationFailed([Problem("url", "must start with http:// or https:// and "
                                        "contain no spaces")], what="source")
    return text


class Admin(commands.Cog):
    """Managing the coverage of a server."""

    fact = app_commands.Group(
        name="fact", description="Manage this server's facts (admins).",
        guild_only=True, default_permissions=ADMIN_PERMISSIONS,
    )
    source = app_commands.Group(
        name="source", description="Manage this server's sources (admins).",
        guild_only=True, default_permissions=ADMIN_PERMISSIONS,
    )
    kb = app_commands.Group(
        name="kb", description="The server's knowledge bank: channels, import/export, gaps.",
        guild_only=True, default_permissions=ADMIN_PERMISSIONS,
    )

    def __init__(self, bot: CoverageBot) -> None:
        self.bot = bot
        #: Seconds the Add / Cancel buttons under an ingest preview work (tests shorten it).
        self.ingest_timeout = INGEST_CONFIRM_TIMEOUT

    @property
    def service(self) -> CoverageService:
        return self.bot.service

    # ----------------------------------------------------------------- /fact

    async def fact_choices(self, interaction: discord.Interaction[Any], current: str, *,
                           only_changeable: bool) -> list[app_commands.Choice[str]]:
        """Facts matching ``current`` (admin-only: nothing for anyone else)."""
        if not is_admin(interaction):
            return []
        facts = self.service.search_facts(current, limit=100, guild_id=interaction.guild_id)
        if only_changeable:
            facts = [f for f in facts if changeable(interaction, f)]
        return [
            app_commands.Choice(name=present.choice_text(f"{f.id}: {f.text}"), value=f.id)
            for f in facts[: present.MAX_CHOICES]
        ]

    async def _changeable_fact_choices(self, interaction: discord.Interaction[Any], current: str
                                       ) -> list[app_commands.Choice[str]]:
        return await self.fact_choices(interaction, current, only_changeable=True)

    async def _any_fact_choices(self, interaction: discord.Interaction[Any], current: str
                                ) -> list[app_commands.Choice[str]]:
        return await self.fact_choices(interaction, current, only_changeable=False)

    @fact.command(name="add", description="Add a fact for this server (opens a form).")
    @admin_only()
    async def fact_add(self, interaction: discord.Interaction[CoverageBot]) -> None:
        await interaction.response.send_modal(
            FactModal(default_source=default_source_id(self.service, interaction.guild_id))
        )

    @fact.command(name="edit", description="Edit one of this server's facts (opens a form).")
    @app_commands.describe(fact="The fact to edit")
    @app_commands.autocomplete(fact=_changeable_fact_choices)
    @admin_only()
    async def fact_edit(self, interaction: discord.Interaction[CoverageBot], fact: str) -> None:
        record = _get_visible(self.service, "fact", fact, interaction.guild_id)
        assert isinstance(record, Fact)
        can_change(interaction, record)
        await interaction.response.send_modal(FactModal(existing=record))

    @fact.command(name="remove", description="Remove one of this server's facts.")
    @app_commands.describe(fact="The fact to remove")
    @app_commands.autocomplete(fact=_changeable_fact_choices)
    @admin_only()
    async def fact_remove(self, interaction: discord.Interaction[CoverageBot], fact: str
                          ) -> None:
        await confirm_removal(interaction, "fact", fact)

    @fact.command(name="show", description="Show a fact with its citations.")
    @app_commands.describe(fact="The fact to show")
    @app_commands.autocomplete(fact=_any_fact_choices)
    @admin_only()
    async def fact_show(self, interaction: discord.Interaction[CoverageBot], fact: str) -> None:
        record = _get_visible(self.service, "fact", fact, interaction.guild_id)
        assert isinstance(record, Fact)
        await interaction.response.send_message(
            embed=_fact_embed(self.service, record, interaction.guild_id), ephemeral=True
        )

    # ----------------------------------------------------------------- /source

    @source.command(name="add",
                    description="Add an article (attach it, or paste it) or just its source.")
    @app_commands.describe(
        outlet="Who published it, e.g. NewsNation",
        title="The article's headline (with an HTML file its own title is used if left out)",
        file="The article as a .txt or .html file, up to 2 MB (leave out to paste the text)",
        url="Link to the article (optional)", published="Date published, YYYY-MM-DD (optional)",
    )
    @admin_only()
    async def source_add(
        self, interaction: discord.Interaction[CoverageBot],
        outlet: app_commands.Range[str, 1, 100],
        title: app_commands.Range[str, 1, 300] | None = None,
        file: discord.Attachment | None = None,
        url: app_commands.Range[str, 1, 2000] | None = None,
        published: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """With ``file``: read it, preview what it holds, add on confirm. Without: a form to
        paste the article (same preview and confirm), or to add the source record alone."""
        fields = SourceFields(
            outlet=" ".join(outlet.split()),
            title=" ".join((title or "").split()) or None,
            url=_url(url), published=_date(published),
        )
        if not fields.outlet:
            raise ValidationFailed([Problem("outlet", "must not be blank")], what="source")
        if file is None:
            await interaction.response.send_modal(ArticleModal(self, fields))
            return
        check_article_file(file)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            raw = await file.read()
        except discord.HTTPException as exc:
            raise IngestError(f"I could not download {file.filename} from Discord "
                              f"({exc.status}); please attach it again.") from None
        if len(raw) > MAX_ARTICLE_BYTES:  # the size Discord announced was not the real one
            raise IngestError(f"{file.filename} is larger than {_mb(MAX_ARTICLE_BYTES)}.")
        await self.preview_ingest(interaction, fields.article(raw, file.filename),
                                  file.filename)

    async def preview_ingest(self, interaction: discord.Interaction[Any], article: Article,
                             what: str) -> None:
        """Read ``article`` into a plan (nothing stored), then show the admin its preview
        with Add / Cancel. ``interaction`` has been deferred (reading may take a while)."""
        try:
            plan = await self.service.plan_ingest([article], guild_id=interaction.guild_id)
        except IngestError as exc:
            raise discord_wording(exc) from None
        embed = present.ingest_preview_embed(plan.preview(), plan.counts(), what)
        if plan.empty:
            await interaction.followup.send(
                "Everything in it is already known here; there is nothing to add.",
                embed=embed, ephemeral=True,
            )
            return
        view = IngestConfirm(interaction.user.id, plan, embed, timeout=self.ingest_timeout)
        view.message = await interaction.followup.send(
            "This is what I found. Add it to this server?", embed=embed, view=view,
            ephemeral=True, wait=True,
        )

    async def bare_source(self, fields: SourceFields, title: str, guild_id: int | None
                          ) -> Source:
        """A source record without an article (``/source add`` with the text left empty)."""
        return Source(
            id=await self.service.next_id("source", f"{fields.outlet} {title}"),
            outlet=fields.outlet, title=title, url=fields.url, published=fields.published,
            guild_id=guild_id,
        )

    async def add_source(self, interaction: discord.Interaction[Any], source: Source) -> None:
        """Store a new source record alone and confirm."""
        check_record(source)
        async with self.bot.working():
            await self.service.add(source, actor=actor(interaction))
        await interaction.response.send_message(
            f"Added source `{source.id}`: "
            + present.source_line(source.outlet, source.title, source.url, source.published),
            ephemeral=True,
        )

    @source.command(name="list", description="List the sources this server's answers can cite.")
    @admin_only()
    async def source_list(self, interaction: discord.Interaction[CoverageBot]) -> None:
        sources = self.service.engine_bank(interaction.guild_id).sources
        await interaction.response.send_message(
            embed=present.sources_embed(sources, interaction.guild_id), ephemeral=True
        )

    # ----------------------------------------------------------------- /kb

    @kb.command(name="channel",
                description="Answer every message in a channel, without a mention (or stop).")
    @app_commands.describe(action="enable or disable", channel="Default: this channel")
    @admin_only()
    async def kb_channel(
        self, interaction: discord.Interaction[CoverageBot],
        action: Literal["enable", "disable"],
        channel: discord.TextChannel | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        channel_id = channel.id if channel is not None else interaction.channel_id
        if channel_id is None:
            raise InvalidQuestion("Pick a channel.")
        ask = self.bot.get_cog("Ask")
        enabled = action == "enable"
        async with self.bot.working():
            await ask.set_answer_channel(  # type: ignore[union-attr]
                interaction.guild_id, channel_id, enabled, actor=actor(interaction)
            )
        text = (f"I will answer every message in <#{channel_id}>." if enabled
                else f"I will answer in <#{channel_id}> only when mentioned or replied to.")
        if enabled and not self.bot.intents.message_content:
            text += ("\nNote: the Message Content intent is off, so I cannot read messages "
                     "that do not mention me. The bot owner can switch it on in the developer "
                     "portal (Bot → Privileged Gateway Intents).")
        await interaction.response.send_message(text, ephemeral=True)

    @kb.command(name="export", description="This server's records as a JSON file.")
    @admin_only()
    async def kb_export(self, interaction: discord.Interaction[CoverageBot]) -> None:
        doc = await self.service.export_json(interaction.guild_id)
        data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()
        if len(data) > MAX_UPLOAD:
            raise InvalidQuestion("The export is too large to send here; use "
                                  "`coverage-bot export --guild ID` on the bot's machine.")
        counts = record_counts(
            {k: len(doc.get(k, [])) for k, _ in RECORD_KINDS}  # type: ignore[arg-type]
        )
        await interaction.response.send_message(
            f"This server's records ({counts}).",
            file=discord.File(io.BytesIO(data), filename=f"coverage-{interaction.guild_id}.json"),
            ephemeral=True,
        )

    @kb.command(name="import",
                description="Add records from a JSON export: checked first, all or nothing.")
    @app_commands.describe(file="A JSON file in the export format")
    @admin_only()
    async def kb_import(self, interaction: discord.Interaction[CoverageBot],
                        file: discord.Attachment) -> None:
        if file.size > MAX_DOCUMENT_BYTES:
            raise InvalidQuestion(
                f"That file is {_mb(file.size)}; an import here may be up to "
                f"{_mb(MAX_DOCUMENT_BYTES)} (larger banks: `coverage-bot import` on the bot's "
                "machine).")
        await interaction.response.defer(ephemeral=True, thinking=True)
        raw = await file.read()
        name = present.plain(file.filename, 80)
        try:
            async with self.bot.working():
                bank = await self.service.import_document(
                    raw, actor=actor(interaction), guild_id=interaction.guild_id, where=name
                )
        except ValidationFailed as exc:
            what = f"the file {name}" if exc.what == name else exc.what
            raise ValidationFailed(exc.problems, what=what) from None
        await interaction.followup.send(
            f"Imported {bank_counts(bank, last=' and ')} into this server.",
            ephemeral=True,
        )

    @kb.command(name="unanswered",
                description="The most asked questions I could not answer.")
    @admin_only()
    async def kb_unanswered(self, interaction: discord.Interaction[CoverageBot]) -> None:
        items = await self.service.top_unanswered(guild_id=interaction.guild_id, limit=10)
        embed = present.unanswered_embed([(q.question, q.count, q.users) for q in items])
        if not items:
            await interaction.response.send_message(embed=embed, ephemeral=True)
            return
        await interaction.response.send_message(
            embed=embed, view=UnansweredView([q.question for q in items]), ephemeral=True
        )

    @kb.command(name="audit", description="Recent changes to this server's records.")
    @app_commands.describe(shared="Owners: the changes to the shared coverage instead")
    @admin_only()
    async def kb_audit(self, interaction: discord.Interaction[CoverageBot],
                       shared: bool = False) -> None:
        if shared and not is_owner(interaction):
            raise PermissionDenied(
                "Only the bot's owners can see the changes to the shared coverage."
            )
        guild_id = None if shared else interaction.guild_id
        entries = await self.service.audit_log(guild_id=guild_id, limit=20)
        embed = present.audit_embed(
            (e.at, e.actor, e.action, e.kind, e.record_id) for e in entries
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # ----------------------------------------------------------------- owners

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync_text(self, ctx: commands.Context[CoverageBot], scope: str = "global"
                        ) -> None:
        """``@bot sync`` (global), ``@bot sync here`` or ``@bot sync <guild id>``."""
        if scope == "global":
            guild_id: int | None = None
        elif scope == "here" and ctx.guild is not None:
            guild_id = ctx.guild.id
        elif scope.isdigit():
            guild_id = int(scope)
        else:
            raise commands.BadArgument("Use `sync`, `sync here` or `sync <guild id>`.")
        synced = await self.bot.sync_tree(guild_id)
        where = "globally" if guild_id is None else f"to guild {guild_id}"
        await ctx.reply(f"Synced {plural(len(synced), 'command')} {where}.",
                        mention_author=False)


async def setup(bot: CoverageBot) -> None:
    await bot.add_cog(Admin(bot))
