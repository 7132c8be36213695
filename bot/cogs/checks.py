"""Who may do what, for slash commands, components and autocompletes.

The rule (one place): a *bot admin* in a guild is a member with Manage Server (or
Administrator), a member with one of the configured ``ADMIN_ROLE_IDS``, or one of the bot's
owners. Admin commands carry ``default_permissions(manage_guild=True)`` so Discord hides them
from others by default, *and* :func:`admin_only`, a real check, because a server can make a
command visible to anyone (Integrations settings) and Discord only hides what it is told.

discord.py does not run command checks for autocomplete callbacks: admin autocompletes call
:func:`is_admin` themselves and return no choices for anyone else. Components (buttons,
modals) that change data check again when they are used.

Scope: records a guild's admins add belong to that guild; the global (shipped) records may
be changed only by owners (:func:`can_change`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.errors import PermissionDenied
from bot.models import Record

if TYPE_CHECKING:
    from bot.cogs.base import CogBot

T = TypeVar("T")


class NotAdmin(app_commands.CheckFailure):
    """The user is not a bot admin in this guild."""


class NotOwner(app_commands.CheckFailure):
    """Only the bot's owners may do this."""


class GuildOnly(app_commands.NoPrivateMessage):
    """An admin command used outside a server."""

    def __init__(self) -> None:
        super().__init__("This command works only in a server, not in DMs.")


def _bot(interaction: discord.Interaction[Any]) -> CogBot:
    bot: CogBot = interaction.client
    return bot


def is_owner(interaction: discord.Interaction[Any]) -> bool:
    """One of the bot's owners (OWNER_IDS, else the application's owner or team)."""
    bot = _bot(interaction)
    return bot.is_owner_id(interaction.user.id)


def member_role_ids(member: discord.Member) -> set[int]:
    """A member's role ids, from the cache or the interaction's own payload."""
    ids = {r.id for r in member.roles}
    # The guild may not be cached (e.g. the interaction-only path); the member payload of
    # an interaction still carries the role ids.
    ids.update(int(r) for r in getattr(member, "_roles", ()))
    return ids


def is_admin(interaction: discord.Interaction[Any]) -> bool:
    """A bot admin *in this guild* (always False in DMs)."""
    if interaction.guild_id is None:
        return False
    if is_owner(interaction):
        return True
    user = interaction.user
    if not isinstance(user, discord.Member):
        return False
    perms = interaction.permissions
    if perms.administrator or perms.manage_guild:
        return True
    try:
        gperms = user.guild_permissions
    except AttributeError:  # guild not cached
        gperms = None
    if gperms is not None and (gperms.administrator or gperms.manage_guild):
        return True
    admin_roles = _bot(interaction).settings.admin_role_ids
    return bool(admin_roles & member_role_ids(user))


async def _admin_predicate(interaction: discord.Interaction[Any]) -> bool:
    if interaction.guild_id is None:
        raise GuildOnly()
    if not is_admin(interaction):
        raise NotAdmin(
            "Only server managers (Manage Server), members with a bot admin role and the "
            "bot's owners can use this."
        )
    return True


async def _owner_predicate(interaction: discord.Interaction[Any]) -> bool:
    if not is_owner(interaction):
        raise NotOwner("Only the bot's owners can use this.")
    return True


def admin_only() -> Callable[[T], T]:
    """A check: server-only, and the user is a bot admin here (see module docs)."""
    return app_commands.check(_admin_predicate)


def owner_only() -> Callable[[T], T]:
    """A check: the user is one of the bot's owners."""
    return app_commands.check(_owner_predicate)


def ensure_admin(interaction: discord.Interaction[Any]) -> None:
    """The same rule for components and modals (raises a domain error)."""
    if interaction.guild_id is None:
        raise PermissionDenied("This works only in a server, not in DMs.")
    if not is_admin(interaction):
        raise PermissionDenied(
            "Only server managers (Manage Server), members with a bot admin role and the "
            "bot's owners can do this."
        )


def can_change(interaction: discord.Interaction[Any], record: Record) -> None:
    """Whether this admin may edit or remove ``record`` (raises :class:`PermissionDenied`).

    A guild's records belong to it; the global coverage is changed only by owners. Records
    of another guild are reported as not found by the caller before this is reached.
    """
    ensure_admin(interaction)
    if record.guild_id is None and not is_owner(interaction):
        raise PermissionDenied(
            "That record is part of the shipped coverage, which only the bot's owners can "
            "change. You can add a fact for this server instead."
        )
    if record.guild_id is not None and record.guild_id != interaction.guild_id:
        raise PermissionDenied("That record belongs to another server.")


def actor(interaction: discord.Interaction[Any]) -> str:
    """The audit actor for a Discord user."""
    return f"discord:{interaction.user.id}"


def changeable(interaction: discord.Interaction[Any], record: Record) -> bool:
    """Whether :func:`can_change` would let this user change ``record`` (for autocompletes,
    which offer only what the admin may change)."""
    return record.guild_id == interaction.guild_id or (
        record.guild_id is None and is_owner(interaction)
    )
