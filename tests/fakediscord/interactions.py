"""Acting as a user through interactions: slash commands, autocomplete, component clicks and
modal submits. Each builds an INTERACTION_CREATE payload as Discord sends it to a bot over the
gateway (member with a permissions bitfield string, app_permissions, entitlements,
authorizing_integration_owners, context, attachment_size_limit, resolved data...), refuses
what a real Discord client could not do (unknown options, missing required ones, clicking a
disabled button, submitting a modal the bot never opened), and returns an
``InteractionHandle`` to await what the bot answered.

``FakeDiscord.slash``/``autocomplete``/``click``/``submit_modal`` delegate to these.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tests.fakediscord.models import (
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    Permissions,
    resolve_user,
)
from tests.fakediscord.records import FakeInteraction

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord, InteractionHandle

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER = 3, 4, 5, 6, 7, 8, 9, 10
ATTACHMENT = 11
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
DM_APP_PERMISSIONS = (
    Permissions.ADD_REACTIONS | Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES
    | Permissions.EMBED_LINKS | Permissions.ATTACH_FILES | Permissions.READ_MESSAGE_HISTORY
    | Permissions.MENTION_EVERYONE | Permissions.USE_EXTERNAL_EMOJIS
    | Permissions.USE_APPLICATION_COMMANDS
)

GuildRef = int | FakeGuild | None
ChannelRef = int | FakeChannel | None
UserRef = FakeUser | FakeMember


class InteractionRefused(ValueError):
    """The test asked for something a real Discord client would not let a user do."""


# ---- payload plumbing ----------------------------------------------------------------


async def _dispatch(fake: FakeDiscord, itype: int, user: FakeUser, guild: FakeGuild | None,
                    channel: FakeChannel, data: dict[str, Any], *, locale: str = "en-US",
                    message: dict[str, Any] | None = None, opener_id: int | None = None
                    ) -> InteractionHandle:
    from tests.fakediscord.server import InteractionHandle

    iid = fake.new_id()
    token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(60)
    payload: dict[str, Any] = {
        "id": str(iid),
        "application_id": str(fake.application_id),
        "type": itype,
        "data": data,
        "token": token,
        "version": 1,
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "channel": channel.payload(),
        "channel_id": str(channel.id),
    }
    if guild is not None:
        member = guild.members.get(user.id)
        if member is None:
            raise InteractionRefused(f"{user.username} is not a member of {guild.name}")
        bot_member = guild.members[fake.bot_user.id]
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": guild.locale, "features": []},
            guild_locale=guild.locale,
            member=member.payload(with_permissions=True),
            app_permissions=str(guild.permissions_for(bot_member)),
            authorizing_integration_owners={"0": str(guild.id)},
            context=0,
        )
        payload["channel"]["permissions"] = str(guild.permissions_for(member))
    else:
        payload.update(
            user=user.payload(),
            app_permissions=str(DM_APP_PERMISSIONS),
            authorizing_integration_owners={"0": "0"},
            context=1,
        )
    if message is not None:
        payload["message"] = message
    inter = FakeInteraction(
        id=iid, token=token, type=itype, payload=payload, user_id=user.id,
        guild_id=guild.id if guild else None, channel_id=channel.id,
        created_at=asyncio.get_running_loop().time(), start_index=len(fake.requests),
        source_message_id=int(message["id"]) if message is not None else None,
        opener_id=opener_id,
        source_edits=fake.edit_counts.get(int(message["id"]), 0) if message is not None else 0)
    fake.interactions[iid] = inter
    fake.users.setdefault(user.id, user)
    sent = await fake.gateway.dispatch("INTERACTION_CREATE", payload,
                                       guild_id=guild.id if guild else None)
    if not sent:
        raise RuntimeError("no live gateway session owns this guild: is the bot connected?")
    return InteractionHandle(fake, inter)


def _option_type(value: Any) -> int:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    if isinstance(value, FakeUser | FakeMember):
        return USER
    if isinstance(value, FakeRole):
        return ROLE
    if isinstance(value, FakeChannel):
        return CHANNEL
    if isinstance(value, FakeAttachment):
        return ATTACHMENT
    return STRING


class _Resolver:
    def __init__(self, fake: FakeDiscord, guild: FakeGuild | None) -> None:
        self.fake = fake
        self.guild = guild
        self.resolved: dict[str, dict[str, Any]] = {}

    def add(self, otype: int, value: Any) -> str:
        fake, guild = self.fake, self.guild
        if otype in (USER, MENTIONABLE) and isinstance(value, FakeUser | FakeMember | int | str):
            if isinstance(value, int | str):
                found = fake.users.get(int(value))
                if found is None and otype == MENTIONABLE and guild is not None:
                    role = guild.roles.get(int(value))
                    if role is not None:
                        return self.add(ROLE, role)
                if found is None:
                    raise InteractionRefused(f"unknown user {value}")
                value = found
            user = resolve_user(value)
            self.resolved.setdefault("users", {})[str(user.id)] = user.payload()
            if guild is not None and user.id in guild.members:
                member = guild.members[user.id]
                self.resolved.setdefault("members", {})[str(user.id)] = member.payload(
                    with_user=False, with_permissions=True)
            return str(user.id)
        if otype in (ROLE, MENTIONABLE):
            role = value if isinstance(value, FakeRole) else (
                guild.roles.get(int(value)) if guild else None)
            if role is None:
                raise InteractionRefused(f"unknown role {value}")
            self.resolved.setdefault("roles", {})[str(role.id)] = role.payload()
            return str(role.id)
        if otype == CHANNEL:
            channel = value if isinstance(value, FakeChannel) else fake.channels.get(int(value))
            if channel is None:
                raise InteractionRefused(f"unknown channel {value}")
            data = channel.payload()
            data["permissions"] = str(Permissions.ALL)
            self.resolved.setdefault("channels", {})[str(channel.id)] = data
            return str(channel.id)
        if otype == ATTACHMENT:
            if not isinstance(value, FakeAttachment):
                raise InteractionRefused("an attachment option takes a FakeAttachment")
            return self.add_attachment(value)
        raise InteractionRefused(f"cannot resolve {value!r} as option type {otype}")

    def add_attachment(self, file: FakeAttachment) -> str:
        """Upload ``file`` as Discord does for a command option: an ephemeral attachment
        served on the fake's CDN route, listed in ``resolved.attachments``."""
        if len(file.data) > ATTACHMENT_SIZE_LIMIT:
            raise InteractionRefused(f"{file.filename} is larger than the upload limit "
                                     f"({ATTACHMENT_SIZE_LIMIT} bytes)")
        aid = self.fake.new_id()
        # Discord's client replaces spaces; the CDN path is URL-encoded.
        name = file.filename.replace(" ", "_") or "file"
        path = f"/ephemeral-attachments/{self.fake.application_id}/{aid}/{quote(name)}"
        self.fake.cdn_files[path] = (file.data, file.content_type)
        if file.cdn_status != 200:
            self.fake.cdn_errors[path] = file.cdn_status
        url = f"{self.fake.base_url}{path}?ex=0&is=0&hm={secrets.token_hex(8)}"
        data: dict[str, Any] = {
            "id": str(aid), "filename": name,
            "size": len(file.data) if file.size is None else file.size,
            "url": url, "proxy_url": url, "ephemeral": True,
        }
        if file.content_type is not None:
            data["content_type"] = file.content_type
        if file.description is not None:
            data["description"] = file.description
        self.resolved.setdefault("attachments", {})[str(aid)] = data
        return str(aid)


def _convert(otype: int, value: Any, resolver: _Resolver, name: str) -> Any:
    if otype == STRING:
        if not isinstance(value, str):
            raise InteractionRefused(f"option {name!r} is a string option, got {value!r}")
        return value
    if otype == INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InteractionRefused(f"option {name!r} is an integer option, got {value!r}")
        return value
    if otype == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InteractionRefused(f"option {name!r} is a number option, got {value!r}")
        return value
    if otype == BOOLEAN:
        if not isinstance(value, bool):
            raise InteractionRefused(f"option {name!r} is a boolean option, got {value!r}")
        return value
    if otype in (USER, ROLE, CHANNEL, MENTIONABLE, ATTACHMENT):
        return resolver.add(otype, value)
    raise InteractionRefused(f"option type {otype} is not supported by the fake")


def _check_constraints(definition: Mapping[str, Any], value: Any, name: str) -> None:
    choices = definition.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise InteractionRefused(f"{value!r} is not one of the choices of {name!r}")
    if isinstance(value, str):
        lo, hi = definition.get("min_length"), definition.get("max_length")
        if (lo is not None and len(value) < lo) or (hi is not None and len(value) > hi):
            raise InteractionRefused(f"{name!r}: length {len(value)} outside [{lo}, {hi}]")
        if not value.strip() and definition.get("required"):
            raise InteractionRefused(f"{name!r} is required and cannot be blank")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        lo, hi = definition.get("min_value"), definition.get("max_value")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise InteractionRefused(f"{name!r}: {value} outside [{lo}, {hi}]")


def _find_command(fake: FakeDiscord, guild: FakeGuild | None, name: str, ctype: int
                  ) -> dict[str, Any] | None:
    scopes: list[int | None] = [guild.id, None] if guild else [None]
    for scope in scopes:
        for cmd in fake.commands.get(scope, {}).values():
            if cmd["name"] == name and cmd.get("type", 1) == ctype:
                return cmd
    return None


def _can_see(fake: FakeDiscord, cmd: dict[str, Any], guild: FakeGuild | None,
             user: FakeUser) -> str | None:
    """Why Discord would hide ``cmd`` from ``user`` here, or None."""
    contexts = cmd.get("contexts")
    if guild is None:
        if cmd.get("guild_id"):
            return "guild commands are not available in DMs"
        if contexts is not None and 1 not in contexts:
            return "the command's contexts exclude bot DMs"
        if contexts is None and cmd.get("dm_permission") is False:
            return "the command has dm_permission=false"
        return None
    if contexts is not None and 0 not in contexts:
        return "the command's contexts exclude guilds"
    perms = cmd.get("default_member_permissions")
    if perms is not None:
        member = guild.members[user.id]
        have = guild.permissions_for(member)
        need = int(perms)
        if need == 0 and have != Permissions.ALL:
            return "the command is disabled for everyone but admins (default_member_permissions=0)"
        if have & need != need:
            return f"the user lacks default_member_permissions={need}"
    return None


def _build_options(defs: list[dict[str, Any]] | None, path: list[str],
                   values: Mapping[str, Any], resolver: _Resolver, *,
                   focused: str | None = None) -> list[dict[str, Any]]:
    if path:
        sub = path[0]
        sub_def = None
        if defs is not None:
            sub_def = next((d for d in defs if d["name"] == sub and d.get("type") in
                            (SUB_COMMAND, SUB_COMMAND_GROUP)), None)
            if sub_def is None:
                raise InteractionRefused(f"no subcommand {sub!r}")
        stype = sub_def["type"] if sub_def else (SUB_COMMAND if len(path) == 1
                                                 else SUB_COMMAND_GROUP)
        inner = _build_options(sub_def.get("options", []) if sub_def else None, path[1:],
                               values, resolver, focused=focused)
        return [{"name": sub, "type": stype, "options": inner}]
    out: list[dict[str, Any]] = []
    by_name = {d["name"]: d for d in defs or []}
    if defs is not None:
        if any(d.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP) for d in defs):
            raise InteractionRefused("this command has subcommands: give the full path "
                                     "(e.g. name='group sub')")
        unknown = set(values) - set(by_name)
        if unknown:
            raise InteractionRefused(f"unknown option(s) {sorted(unknown)}")
        if focused is None:
            missing = [d["name"] for d in defs if d.get("required") and d["name"] not in values]
            if missing:
                raise InteractionRefused(f"missing required option(s) {missing}")
    for name, value in values.items():
        definition = by_name.get(name, {})
        otype = definition.get("type") or _option_type(value)
        if name == focused:
            out.append({"name": name, "type": otype, "value": str(value), "focused": True})
            continue
        converted = _convert(otype, value, resolver, name)
        if focused is None:
            _check_constraints({**definition, "required": definition.get("required")},
                               converted, name)
        out.append({"name": name, "type": otype, "value": converted})
    return out


async def _command_interaction(fake: FakeDiscord, itype: int, guild_id: GuildRef,
                               channel_id: ChannelRef, user: UserRef, name: str,
                               options: Mapping[str, Any] | None, *, focused: str | None,
                               locale: str, bypass_permissions: bool) -> InteractionHandle:
    u = resolve_user(user)
    guild, channel = fake._resolve_channel(guild_id, channel_id, u)
    parts = name.split()
    cmd = _find_command(fake, guild, parts[0], 1)
    if cmd is None and fake.strict_commands:
        raise InteractionRefused(f"/{parts[0]} is not registered (the bot has not synced it)")
    if cmd is not None and not bypass_permissions:
        why = _can_see(fake, cmd, guild, u)
        if why:
            raise InteractionRefused(f"/{parts[0]} is hidden from {u.username}: {why}")
    resolver = _Resolver(fake, guild)
    opts = _build_options(cmd.get("options", []) if cmd else None, parts[1:], options or {},
                          resolver, focused=focused)
    data: dict[str, Any] = {
        "id": cmd["id"] if cmd else str(fake.new_id()),
        "name": parts[0],
        "type": 1,
    }
    if opts:
        data["options"] = opts
    if cmd is not None and cmd.get("guild_id"):
        data["guild_id"] = cmd["guild_id"]
    if resolver.resolved:
        data["resolved"] = resolver.resolved
    return await _dispatch(fake, itype, u, guild, channel, data, locale=locale)


# ---- the public helpers (FakeDiscord's methods delegate here) -----------------------------


async def slash(self: FakeDiscord, guild_id: GuildRef, channel_id: ChannelRef, user: UserRef,
                name: str, options: Mapping[str, Any] | None = None, *,
                locale: str = "en-US", bypass_permissions: bool = False) -> InteractionHandle:
    """A user runs ``/name`` (``name`` may be a path: ``"group sub"``). ``guild_id=None`` is a
    DM with the bot. Option values: str/int/float/bool, or FakeUser/FakeMember/FakeRole/
    FakeChannel for entity options (resolved data is filled in)."""
    return await _command_interaction(self, APPLICATION_COMMAND, guild_id, channel_id, user,
                                      name, options, focused=None, locale=locale,
                                      bypass_permissions=bypass_permissions)


async def autocomplete(self: FakeDiscord, guild_id: GuildRef, channel_id: ChannelRef,
                       user: UserRef, name: str, options: Mapping[str, Any], focused: str, *,
                       locale: str = "en-US") -> InteractionHandle:
    """A user types in option ``focused`` of ``/name``; the partial value is sent as a string.
    ``await handle.choices()`` returns what the bot suggested."""
    if focused not in options:
        raise InteractionRefused(f"focused option {focused!r} must be among the options")
    return await _command_interaction(self, AUTOCOMPLETE, guild_id, channel_id, user, name,
                                      options, focused=focused, locale=locale,
                                      bypass_permissions=False)


def _walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for comp in components or []:
        yield comp
        yield from _walk_components(comp.get("components") or [])
        if isinstance(comp.get("accessory"), dict):
            yield comp["accessory"]
        if isinstance(comp.get("component"), dict):
            yield comp["component"]


async def click(self: FakeDiscord, message_id: int | str, custom_id: str, user: UserRef, *,
                values: list[Any] | None = None, locale: str = "en-US") -> InteractionHandle:
    """A user clicks a button (or picks ``values`` in a select menu) on a stored message."""
    u = resolve_user(user)
    msg = self.messages.get(int(message_id))
    if msg is None:
        raise InteractionRefused(f"no message {message_id}")
    comp = next((c for c in _walk_components(msg["components"])
                 if c.get("custom_id") == custom_id), None)
    if comp is None:
        have = [c.get("custom_id") for c in _walk_components(msg["components"])
                if c.get("custom_id")]
        raise InteractionRefused(f"message {message_id} has no component {custom_id!r} "
                                 f"(it has {have})")
    if comp.get("disabled"):
        raise InteractionRefused(f"component {custom_id!r} is disabled")
    ctype = comp["type"]
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": ctype}
    if "id" in comp:
        data["id"] = comp["id"]
    guild = self.guilds.get(int(msg["guild_id"])) if msg.get("guild_id") else None
    channel = self.channels[int(msg["channel_id"])]
    if ctype == 2:
        if comp.get("style") in (5, 6):
            raise InteractionRefused("link/premium buttons do not create interactions")
        if values:
            raise InteractionRefused("buttons take no values")
    elif ctype in (3, 5, 6, 7, 8):
        picked = list(values or [])
        lo = comp.get("min_values", 1)
        hi = comp.get("max_values", 1)
        if not lo <= len(picked) <= hi:
            raise InteractionRefused(f"select {custom_id!r} takes {lo}..{hi} values")
        resolver = _Resolver(self, guild)
        if ctype == 3:
            allowed = [o["value"] for o in comp.get("options", [])]
            bad = [v for v in picked if v not in allowed]
            if bad:
                raise InteractionRefused(f"{bad} are not options of {custom_id!r}")
            data["values"] = picked
        else:
            otype = {5: USER, 6: ROLE, 7: MENTIONABLE, 8: CHANNEL}[ctype]
            data["values"] = [resolver.add(otype, v) for v in picked]
            data["resolved"] = resolver.resolved
    else:
        raise InteractionRefused(f"component type {ctype} is not clickable")
    return await _dispatch(self, MESSAGE_COMPONENT, u, guild, channel, data, locale=locale,
                           message=dict(msg))


def _modal_components(components: list[dict[str, Any]], values: Mapping[str, Any]
                      ) -> tuple[list[dict[str, Any]], set[str]]:
    used: set[str] = set()

    def submit(comp: dict[str, Any]) -> dict[str, Any]:
        cid = comp.get("custom_id")
        out: dict[str, Any] = {"type": comp["type"]}
        if "id" in comp:
            out["id"] = comp["id"]
        if comp["type"] == 4:  # text input
            assert cid is not None
            value = values.get(cid, comp.get("value") or "")
            used.add(cid)
            if not isinstance(value, str):
                raise InteractionRefused(f"text input {cid!r} takes a string")
            required = comp.get("required", True)
            if required and not value:
                raise InteractionRefused(f"text input {cid!r} is required")
            lo, hi = comp.get("min_length"), comp.get("max_length")
            if value and ((lo is not None and len(value) < lo) or (hi is not None
                          and len(value) > hi)):
                raise InteractionRefused(f"text input {cid!r}: length {len(value)} outside "
                                         f"[{lo}, {hi}]")
            out.update(custom_id=cid, value=value)
        elif comp["type"] in (3, 5, 6, 7, 8):  # selects inside labels
            assert cid is not None
            picked = list(values.get(cid, []))
            used.add(cid)
            out.update(custom_id=cid, values=[str(v) for v in picked])
        elif cid is not None:
            out["custom_id"] = cid
        return out

    result: list[dict[str, Any]] = []
    for comp in components:
        if comp["type"] == 1:
            row: dict[str, Any] = {"type": 1, "components": [submit(c) for c in
                                                              comp.get("components", [])]}
            if "id" in comp:
                row["id"] = comp["id"]
            result.append(row)
        elif comp["type"] == 18:
            label: dict[str, Any] = {"type": 18, "component": submit(comp["component"])}
            if "id" in comp:
                label["id"] = comp["id"]
            result.append(label)
        elif comp["type"] == 10:
            result.append({k: v for k, v in comp.items() if k in ("type", "id")})
        else:
            result.append(submit(comp))
    return result, used


async def submit_modal(self: FakeDiscord, custom_id: str, values: Mapping[str, Any],
                       user: UserRef | None = None, *, locale: str = "en-US"
                       ) -> InteractionHandle:
    """A user submits the modal ``custom_id`` the bot opened (the latest one still open for
    ``user``), with ``values`` keyed by text-input custom_id (defaults are kept)."""
    u = resolve_user(user) if user is not None else None
    opener = None
    for inter in sorted(self.interactions.values(), key=lambda i: i.id, reverse=True):
        if inter.modal is None or inter.modal.get("custom_id") != custom_id:
            continue
        if inter.modal_submitted:
            continue
        if u is not None and inter.user_id != u.id:
            continue
        opener = inter
        break
    if opener is None:
        raise InteractionRefused(f"the bot did not open a modal {custom_id!r}"
                                 + (f" for {u.username}" if u else ""))
    user_obj = u or self.users[opener.user_id]
    assert opener.modal is not None
    components, used = _modal_components(opener.modal["components"], values)
    unknown = set(values) - used
    if unknown:
        raise InteractionRefused(f"modal {custom_id!r} has no input(s) {sorted(unknown)}")
    opener.modal_submitted = True
    guild = self.guilds.get(opener.guild_id) if opener.guild_id else None
    channel = self.channels[opener.channel_id]
    message = None
    if opener.source_message_id is not None and opener.source_message_id in self.messages:
        message = dict(self.messages[opener.source_message_id])
    data = {"custom_id": custom_id, "components": components}
    return await _dispatch(self, MODAL_SUBMIT, user_obj, guild, channel, data, locale=locale,
                           message=message, opener_id=opener.id)
