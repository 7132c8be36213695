"""The fake's world: users, guilds, roles, members, channels, messages, as Discord payloads.

Payload builders return dicts shaped like Discord's own (they validate against the
``*Response`` schemas of the OpenAPI description; ``tests/test_fakediscord.py`` checks that).
"""

from __future__ import annotations

import datetime
import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any

DISCORD_EPOCH_MS = 1420070400000


class Permissions:
    """The permission bits the fake cares about (values as in Discord's docs)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 53) - 1

    #: What ``@everyone`` gets in a new guild (close to Discord's default).
    DEFAULT_EVERYONE = (
        CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS
        | ATTACH_FILES | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS
    )


class SnowflakeFactory:
    """Time-based, strictly increasing snowflakes (like Discord's: ms since 2015 << 22)."""

    def __init__(self, worker: int = 1) -> None:
        self._worker = worker & 0x1F
        self._counter = itertools.count()
        self._last = 0
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
            value = (ms << 22) | (self._worker << 17) | (next(self._counter) & 0xFFF)
            if value <= self._last:
                value = self._last + 1
            self._last = value
            return value

    def for_shard(self, shard_id: int, shard_count: int) -> int:
        """A fresh id whose guild shard ((id >> 22) % count) is ``shard_id``."""
        while True:
            value = self()
            if (value >> 22) % shard_count == shard_id:
                return value
            with self._lock:
                ms = (self._last >> 22) + 1
                self._last = (ms << 22) - 1


def iso(ts: datetime.datetime | None = None) -> str:
    ts = ts or datetime.datetime.now(datetime.UTC)
    return ts.isoformat()


@dataclass
class FakeUser:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    avatar: str | None = None
    discriminator: str = "0"

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "avatar": self.avatar,
            "discriminator": self.discriminator,
            "public_flags": 0,
            "flags": 0,
            "global_name": self.global_name,
            "primary_guild": None,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "collectibles": None,
        }
        if self.bot:
            data["bot"] = True
        return data

    def pii_payload(self) -> dict[str, Any]:
        """``GET /users/@me`` shape."""
        return {**self.payload(), "mfa_enabled": False, "locale": "en-US", "verified": True,
                "premium_type": 0, "email": None}


@dataclass
class FakeRole:
    id: int
    name: str
    permissions: int = 0
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "description": None,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None,
                       "tertiary_color": None},
            "hoist": self.hoist,
            "managed": self.managed,
            "mentionable": self.mentionable,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }


@dataclass
class FakeMember:
    user: FakeUser
    guild: FakeGuild
    role_ids: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def mention(self) -> str:
        return f"<@{self.user.id}>"

    def permissions(self) -> int:
        return self.guild.permissions_for(self)

    def payload(self, *, with_user: bool = True, with_permissions: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "avatar": None,
            "banner": None,
            "communication_disabled_until": None,
            "flags": 0,
            "joined_at": self.joined_at,
            "nick": self.nick,
            "pending": False,
            "premium_since": None,
            "roles": [str(r) for r in self.role_ids],
            "mute": False,
            "deaf": False,
        }
        if with_user:
            data["user"] = self.user.payload()
        if with_permissions:
            data["permissions"] = str(self.permissions())
        return data


@dataclass
class FakeChannel:
    id: int
    name: str
    guild_id: int | None = None
    type: int = 0  # 0 text, 1 DM, 2 voice, 4 category, 5 announcement, 11 public thread
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    recipients: list[FakeUser] = field(default_factory=list)
    last_message_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def payload(self, *, in_guild_create: bool = False) -> dict[str, Any]:
        if self.type in (1, 3):
            return {
                "id": str(self.id),
                "type": self.type,
                "last_message_id": str(self.last_message_id) if self.last_message_id else None,
                "flags": 0,
                "last_pin_timestamp": None,
                "recipients": [u.payload() for u in self.recipients],
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "last_message_id": str(self.last_message_id) if self.last_message_id else None,
            "flags": 0,
            "name": self.name,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": False,
        }
        if self.type in (0, 5):
            data["topic"] = self.topic
            data["rate_limit_per_user"] = 0
            data["last_pin_timestamp"] = None
        if self.type == 2:
            data.update(bitrate=64000, user_limit=0, rtc_region=None)
        if not in_guild_create and self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


@dataclass
class FakeGuild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, FakeRole] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    locale: str = "en-US"
    _new_id: Any = field(default=None, repr=False)

    @property
    def everyone(self) -> FakeRole:
        return self.roles[self.id]

    @property
    def text_channels(self) -> list[FakeChannel]:
        return [c for c in self.channels.values() if c.type == 0]

    def add_role(self, name: str, permissions: int = 0, *, id: int | None = None,
                 mentionable: bool = False) -> FakeRole:
        role = FakeRole(id=id or self._new_id(), name=name, permissions=permissions,
                        position=len(self.roles), mentionable=mentionable)
        self.roles[role.id] = role
        return role

    def add_channel(self, name: str, *, type: int = 0, id: int | None = None,
                    topic: str | None = None, parent_id: int | None = None) -> FakeChannel:
        channel = FakeChannel(id=id or self._new_id(), name=name, guild_id=self.id, type=type,
                              position=len(self.channels), topic=topic, parent_id=parent_id)
        self.channels[channel.id] = channel
        return channel

    def add_member(self, user: FakeUser, roles: list[FakeRole] | None = None, *,
                   nick: str | None = None) -> FakeMember:
        member = FakeMember(user=user, guild=self, role_ids=[r.id for r in roles or []],
                            nick=nick)
        self.members[user.id] = member
        return member

    def permissions_for(self, member: FakeMember) -> int:
        if member.user.id == self.owner_id:
            return Permissions.ALL
        perms = self.everyone.permissions
        for rid in member.role_ids:
            role = self.roles.get(rid)
            if role is not None:
                perms |= role.permissions
        if perms & Permissions.ADMINISTRATOR:
            return Permissions.ALL
        return perms

    def payload(self, *, members: list[FakeMember], unavailable: bool = False,
                joined_at: str | None = None) -> dict[str, Any]:
        """The GUILD_CREATE payload (guild object plus the gateway-only extra fields)."""
        system_channel = next(iter(self.text_channels), None)
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": "us-east",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in sorted(self.roles.values(), key=lambda r: r.position)],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(system_channel.id) if system_channel else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.locale,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "nsfw_level": 0,
            "nsfw": False,
            "premium_progress_bar_enabled": False,
            # gateway-only fields
            "joined_at": joined_at or iso(),
            "large": False,
            "unavailable": unavailable,
            "member_count": len(self.members),
            "voice_states": [],
            "members": [m.payload() for m in members],
            "channels": [c.payload(in_guild_create=True) for c in self.channels.values()],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


def resolve_user(obj: FakeUser | FakeMember) -> FakeUser:
    return obj.user if isinstance(obj, FakeMember) else obj


@dataclass
class FakeAttachment:
    """A file a user attaches to a slash command's ATTACHMENT option (type 11).

    ``slash(..., {"file": FakeAttachment("a.txt", b"...")})`` uploads it: the interaction
    carries it in ``data.resolved.attachments`` (id, filename, size, url, proxy_url,
    content_type, ephemeral) and the fake serves ``data`` at that URL, as Discord's CDN does,
    so ``await attachment.read()`` works. ``content_type=None`` leaves the field out (Discord
    omits it when it cannot tell); ``size`` overrides the announced size (to test a bot that
    trusts it); ``cdn_status`` makes the download fail.
    """

    filename: str
    data: bytes
    content_type: str | None = "text/plain; charset=utf-8"
    size: int | None = None
    description: str | None = None
    #: What the CDN answers when the bot fetches it: 200 serves ``data``; 404, 403... an
    #: expired or deleted link.
    cdn_status: int = 200
