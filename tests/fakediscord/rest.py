"""REST route handlers of the fake, keyed by (method, spec path template).

Each handler gets the ``FakeDiscord`` and the ``RecordedRequest`` (body already parsed and
validated against the OpenAPI description) and returns ``(status, json payload or None)``
or raises ``ApiError`` with Discord's error code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from tests.fakediscord.models import FakeChannel, FakeGuild, Permissions, iso
from tests.fakediscord.records import FakeInteraction, Problem, RecordedRequest, UploadedFile

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

Handler = Callable[["FakeDiscord", RecordedRequest], Awaitable[tuple[int, Any]]]
HANDLERS: dict[tuple[str, str], Handler] = {}

EPHEMERAL = 1 << 6
LOADING = 1 << 7
SUPPRESS_EMBEDS = 1 << 2
SUPPRESS_NOTIFICATIONS = 1 << 12
IS_COMPONENTS_V2 = 1 << 15
INTERACTION_TOKEN_TTL = 15 * 60


def route(method: str, template: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        HANDLERS[(method, template)] = fn
        return fn
    return deco


def _err(status: int, code: int, message: str, **kw: Any) -> Exception:
    from tests.fakediscord.server import ApiError
    return ApiError(status, code, message, **kw)


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes")


def _snowflake(req: RecordedRequest, name: str) -> int:
    try:
        return int(req.params[name])
    except (KeyError, ValueError):
        raise _err(404, 0, f"404: Not Found ({name})") from None


# ---- users, application, gateway -------------------------------------------------------


@route("GET", "/users/@me")
async def get_me(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, fake.bot_user.pii_payload()


@route("GET", "/users/{user_id}")
async def get_user(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    user = fake.users.get(_snowflake(req, "user_id"))
    if user is None:
        raise _err(404, 10013, "Unknown User")
    return 200, user.payload()


def application_payload(fake: FakeDiscord) -> dict[str, Any]:
    return {
        "id": str(fake.application_id),
        "name": fake.bot_user.username,
        "icon": None,
        "description": "coverage-bot under test",
        "type": None,
        "bot": fake.bot_user.payload(),
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": fake.application_flags,
        "flags_new": str(fake.application_flags),
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "owner": fake.owner.payload(),
        "approximate_guild_count": len(fake.guilds),
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "team": None,
        "eligible_oauth2_scopes": ["bot", "applications.commands"],
        "rpc_origins": [],
        "tags": [],
        "integration_types_config": {"0": {}, "1": {}},
    }


@route("GET", "/oauth2/applications/@me")
async def get_oauth_app(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, application_payload(fake)


@route("GET", "/applications/@me")
async def get_app(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, application_payload(fake)


@route("GET", "/gateway")
async def get_gateway(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, {"url": fake.gateway_url.rstrip("/")}


@route("GET", "/gateway/bot")
async def get_gateway_bot(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, {
        "url": fake.gateway_url.rstrip("/"),
        "shards": fake.recommended_shards,
        "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                "max_concurrency": 1},
    }


# ---- guilds ----------------------------------------------------------------------------


def _guild(fake: FakeDiscord, req: RecordedRequest) -> FakeGuild:
    guild = fake.guilds.get(_snowflake(req, "guild_id"))
    if guild is None:
        raise _err(404, 10004, "Unknown Guild")
    if fake.bot_user.id not in guild.members:
        raise _err(403, 50001, "Missing Access")
    return guild


@route("GET", "/guilds/{guild_id}")
async def get_guild(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    guild = _guild(fake, req)
    data = guild.payload(members=[])
    for key in ("joined_at", "large", "unavailable", "member_count", "voice_states", "members",
                "channels", "threads", "presences", "stage_instances",
                "guild_scheduled_events", "soundboard_sounds"):
        data.pop(key, None)
    data.update(home_header=None, widget_enabled=False, widget_channel_id=None,
                max_presences=None, max_stage_video_channel_users=50, incidents_data=None)
    if _truthy(req.query.get("with_counts")):
        data.update(approximate_member_count=len(guild.members), approximate_presence_count=0)
    return 200, data


@route("GET", "/guilds/{guild_id}/members/{user_id}")
async def get_member(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    guild = _guild(fake, req)
    member = guild.members.get(_snowflake(req, "user_id"))
    if member is None:
        raise _err(404, 10007, "Unknown Member", record=False)
    return 200, member.payload()


@route("GET", "/guilds/{guild_id}/members")
async def list_members(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    guild = _guild(fake, req)
    limit = int(req.query.get("limit", 1))
    after = int(req.query.get("after", 0))
    members = sorted((m for m in guild.members.values() if m.user.id > after),
                     key=lambda m: m.user.id)
    return 200, [m.payload() for m in members[:limit]]


@route("GET", "/guilds/{guild_id}/roles")
async def list_roles(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    guild = _guild(fake, req)
    return 200, [r.payload() for r in sorted(guild.roles.values(), key=lambda r: r.position)]


@route("GET", "/guilds/{guild_id}/channels")
async def list_channels(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    guild = _guild(fake, req)
    return 200, [c.payload() for c in guild.channels.values()]


# ---- channels & messages ---------------------------------------------------------------


def _channel(fake: FakeDiscord, req: RecordedRequest) -> FakeChannel:
    channel = fake.channels.get(_snowflake(req, "channel_id"))
    if channel is None:
        raise _err(404, 10003, "Unknown Channel")
    if channel.guild_id is not None:
        guild = fake.guilds[channel.guild_id]
        member = guild.members.get(fake.bot_user.id)
        if member is None or not guild.permissions_for(member) & Permissions.VIEW_CHANNEL:
            raise _err(403, 50001, "Missing Access")
    return channel


def _bot_may(fake: FakeDiscord, channel: FakeChannel, perm: int) -> bool:
    if channel.guild_id is None:
        return True
    guild = fake.guilds[channel.guild_id]
    return bool(guild.permissions_for(guild.members[fake.bot_user.id]) & perm)


def _message(fake: FakeDiscord, channel: FakeChannel, req: RecordedRequest) -> dict[str, Any]:
    msg = fake.messages.get(_snowflake(req, "message_id"))
    if msg is None or int(msg["channel_id"]) != channel.id or msg["flags"] & EPHEMERAL:
        raise _err(404, 10008, "Unknown Message")
    return msg


@route("GET", "/channels/{channel_id}")
async def get_channel(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, _channel(fake, req).payload()


@route("POST", "/channels/{channel_id}/typing")
async def typing(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    _channel(fake, req)
    return 204, None


@route("GET", "/channels/{channel_id}/messages")
async def list_messages(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    if not _bot_may(fake, channel, Permissions.READ_MESSAGE_HISTORY):
        return 200, []
    limit = max(1, min(100, int(req.query.get("limit", 50))))
    msgs = [m for mid, m in sorted(fake.messages.items(), reverse=True)
            if int(m["channel_id"]) == channel.id and not m["flags"] & EPHEMERAL]
    if "before" in req.query:
        msgs = [m for m in msgs if int(m["id"]) < int(req.query["before"])]
    if "after" in req.query:
        msgs = [m for m in msgs if int(m["id"]) > int(req.query["after"])][-limit:]
    return 200, msgs[:limit]


@route("GET", "/channels/{channel_id}/messages/{message_id}")
async def get_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    return 200, _message(fake, channel, req)


def _attachments(fake: FakeDiscord, body: dict[str, Any], files: list[UploadedFile],
                 keep: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Discord's attachment objects for ``files[n]`` parts plus kept existing ones."""
    by_index = {f.field: f for f in files}
    meta = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
    out: list[dict[str, Any]] = []
    if keep is not None and "attachments" in body:
        old = {a["id"]: a for a in keep}
        out += [old[k] for k in meta if k in old]
    for field, f in by_index.items():
        index = field[len("files["):-1] if field.startswith("files[") else field
        extra = meta.get(index, {})
        aid = fake.new_id()
        name = extra.get("filename") or f.filename or "file"
        fake.cdn_files[f"/attachments/{aid}/{quote(name)}"] = (f.data, f.content_type)
        attachment = {
            "id": str(aid), "filename": name, "size": len(f.data),
            "url": f"{fake.base_url}/attachments/{aid}/{name}",
            "proxy_url": f"{fake.base_url}/attachments/{aid}/{name}",
            "content_type": f.content_type or "application/octet-stream",
        }
        if extra.get("description"):
            attachment["description"] = extra["description"]
        out.append(attachment)
    return out


def _mentions_for(fake: FakeDiscord, channel: FakeChannel, body: dict[str, Any],
                  reference: dict[str, Any] | None) -> tuple[list[int], list[int], bool]:
    content = body.get("content") or ""
    am = body.get("allowed_mentions")
    if am is None:
        parse = {"users", "roles", "everyone"}
        users: set[str] = set()
        roles: set[str] = set()
        replied = True
    else:
        parse = set(am.get("parse") or [])
        users = {str(u) for u in am.get("users") or []}
        roles = {str(r) for r in am.get("roles") or []}
        replied = bool(am.get("replied_user", False))
    user_ids = [int(u) for u in fake._USER_MENTION.findall(content)
                if "users" in parse or u in users]
    role_ids = [int(r) for r in fake._ROLE_MENTION.findall(content)
                if "roles" in parse or r in roles]
    if reference is not None and replied:
        user_ids.append(int(reference["author"]["id"]))
    everyone = ("@everyone" in content or "@here" in content) and "everyone" in parse \
        and _bot_may(fake, channel, Permissions.MENTION_EVERYONE)
    return user_ids, role_ids, everyone


def _normalize_embeds(embeds: Any) -> list[dict[str, Any]]:
    out = []
    for e in embeds or []:
        if isinstance(e, dict):
            out.append({"type": "rich", **{k: v for k, v in e.items() if v is not None}})
    return out


def _component_tree(components: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for comp in components or []:
        if not isinstance(comp, dict):
            continue
        out.append(comp)
        out += _component_tree(comp.get("components"))
        for key in ("accessory", "component"):
            if isinstance(comp.get(key), dict):
                out += _component_tree([comp[key]])
    return out


def assign_component_ids(components: Any) -> list[dict[str, Any]]:
    """Discord numbers every component of a message (1, 2, ... in tree order) when the
    sender did not; discord.py reads these ids back."""
    import copy
    components = copy.deepcopy(components or [])
    tree = _component_tree(components)
    next_id = max([c["id"] for c in tree if isinstance(c.get("id"), int)], default=0) + 1
    for comp in tree:
        if "id" not in comp:
            comp["id"] = next_id
            next_id += 1
    return components


def create_bot_message(fake: FakeDiscord, channel: FakeChannel, body: dict[str, Any],
                       files: list[UploadedFile], *, flags_mask: int,
                       extra: dict[str, Any] | None = None, msg_type: int | None = None,
                       force_flags: int = 0) -> dict[str, Any]:
    reference = None
    ref = body.get("message_reference")
    if isinstance(ref, dict) and ref.get("message_id") is not None:
        reference = fake.messages.get(int(ref["message_id"]))
        if reference is None or reference["flags"] & EPHEMERAL:
            reference = None
            if ref.get("fail_if_not_exists", True):
                raise _err(400, 50035, "Invalid Form Body", errors={"message_reference": {
                    "_errors": [{"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                                 "message": "Unknown message"}]}})
    user_ids, role_ids, everyone = _mentions_for(fake, channel, body, reference)
    flags = ((body.get("flags") or 0) & flags_mask) | force_flags
    data = fake.build_message(
        channel=channel, author=fake.bot_user, content=body.get("content") or "",
        embeds=_normalize_embeds(body.get("embeds")),
        components=assign_component_ids(body.get("components")),
        flags=flags, mention_user_ids=user_ids, mention_role_ids=role_ids,
        mention_everyone=everyone,
        reference_id=int(reference["id"]) if reference is not None else None,
        attachments=_attachments(fake, body, files), msg_type=msg_type, extra=extra)
    if body.get("tts"):
        data["tts"] = True
    if body.get("nonce") is not None:
        data["nonce"] = body["nonce"]
    if body.get("poll"):
        data["poll"] = body["poll"]
    return fake.store_message(data)


def apply_edit(fake: FakeDiscord, msg: dict[str, Any], body: dict[str, Any],
               files: list[UploadedFile]) -> dict[str, Any]:
    channel = fake.channels[int(msg["channel_id"])]
    if "content" in body:
        msg["content"] = body["content"] or ""
        reference = msg.get("referenced_message")
        users, roles, everyone = _mentions_for(fake, channel, body, reference)
        guild = fake.guilds.get(channel.guild_id) if channel.guild_id else None
        msg["mentions"] = fake._mention_payloads(guild, users)
        msg["mention_roles"] = [str(r) for r in roles]
        msg["mention_everyone"] = everyone
    if "embeds" in body:
        msg["embeds"] = _normalize_embeds(body["embeds"])
    if "components" in body:
        msg["components"] = assign_component_ids(body["components"])
    if "flags" in body and body["flags"] is not None:
        keep = msg["flags"] & ~(SUPPRESS_EMBEDS | LOADING)
        msg["flags"] = keep | (body["flags"] & (SUPPRESS_EMBEDS | IS_COMPONENTS_V2))
    if "attachments" in body or files:
        msg["attachments"] = _attachments(fake, body, files, keep=msg["attachments"])
    msg["flags"] &= ~LOADING
    msg["edited_timestamp"] = iso()
    mid = int(msg["id"])
    fake.edit_counts[mid] = fake.edit_counts.get(mid, 0) + 1
    fake.store_message(msg)
    return msg


@route("POST", "/channels/{channel_id}/messages")
async def create_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    if channel.type == 1 and channel.recipients and \
            channel.recipients[0].id in fake.closed_dms:
        raise _err(403, 50007, "Cannot send messages to this user", record=False)
    if not _bot_may(fake, channel, Permissions.SEND_MESSAGES):
        raise _err(403, 50013, "Missing Permissions")
    if req.files and not _bot_may(fake, channel, Permissions.ATTACH_FILES):
        raise _err(403, 50013, "Missing Permissions")
    body = req.json or {}
    msg = create_bot_message(fake, channel, body, req.files,
                             flags_mask=SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS
                             | IS_COMPONENTS_V2)
    await fake.dispatch_message_event("MESSAGE_CREATE", msg)
    return 200, msg


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
async def edit_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    msg = _message(fake, channel, req)
    if int(msg["author"]["id"]) != fake.bot_user.id:
        raise _err(403, 50005, "Cannot edit a message authored by another user")
    apply_edit(fake, msg, req.json or {}, req.files)
    await fake.dispatch_message_event("MESSAGE_UPDATE", msg)
    return 200, msg


async def _delete(fake: FakeDiscord, msg: dict[str, Any]) -> None:
    fake.messages.pop(int(msg["id"]), None)
    fake._notify()
    if msg["flags"] & EPHEMERAL:
        return
    data = {"id": msg["id"], "channel_id": msg["channel_id"]}
    guild_id = None
    if msg.get("guild_id"):
        data["guild_id"] = msg["guild_id"]
        guild_id = int(msg["guild_id"])
    await fake.gateway.dispatch("MESSAGE_DELETE", data, guild_id=guild_id)


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
async def delete_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    msg = _message(fake, channel, req)
    if int(msg["author"]["id"]) != fake.bot_user.id and \
            not _bot_may(fake, channel, Permissions.MANAGE_MESSAGES):
        raise _err(403, 50013, "Missing Permissions")
    await _delete(fake, msg)
    return 204, None


def _reaction_event(fake: FakeDiscord, msg: dict[str, Any], emoji: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "user_id": str(fake.bot_user.id), "channel_id": msg["channel_id"],
        "message_id": msg["id"], "emoji": {"id": None, "name": emoji}, "burst": False,
        "type": 0, "message_author_id": msg["author"]["id"],
    }
    if msg.get("guild_id"):
        data["guild_id"] = msg["guild_id"]
    return data


@route("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
async def add_reaction(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    msg = _message(fake, channel, req)
    if not _bot_may(fake, channel, Permissions.ADD_REACTIONS):
        raise _err(403, 50013, "Missing Permissions")
    emoji = req.params["emoji_name"]
    reactions = msg.setdefault("reactions", [])
    for r in reactions:
        if r["emoji"]["name"] == emoji:
            if not r["me"]:
                r["me"] = True
                r["count"] += 1
            break
    else:
        reactions.append({"emoji": {"id": None, "name": emoji}, "count": 1,
                          "count_details": {"burst": 0, "normal": 1}, "burst_colors": [],
                          "me_burst": False, "me": True, "burst_me": False, "burst_count": 0})
    fake._notify()
    guild_id = int(msg["guild_id"]) if msg.get("guild_id") else None
    data = _reaction_event(fake, msg, emoji)
    if guild_id is not None:
        data["member"] = fake.guilds[guild_id].members[fake.bot_user.id].payload()
    await fake.gateway.dispatch("MESSAGE_REACTION_ADD", data, guild_id=guild_id)
    return 204, None


@route("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me")
async def remove_reaction(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    channel = _channel(fake, req)
    msg = _message(fake, channel, req)
    emoji = req.params["emoji_name"]
    for r in list(msg.get("reactions", [])):
        if r["emoji"]["name"] == emoji and r["me"]:
            r["me"] = False
            r["count"] -= 1
            if r["count"] <= 0:
                msg["reactions"].remove(r)
    fake._notify()
    guild_id = int(msg["guild_id"]) if msg.get("guild_id") else None
    await fake.gateway.dispatch("MESSAGE_REACTION_REMOVE", _reaction_event(fake, msg, emoji),
                                guild_id=guild_id)
    return 204, None


@route("POST", "/users/@me/channels")
async def create_dm(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    body = req.json or {}
    user = fake.users.get(int(body.get("recipient_id") or 0))
    if user is None:
        raise _err(400, 50035, "Invalid Form Body", errors={"recipient_id": {"_errors": [
            {"code": "USER_UNKNOWN", "message": "Unknown User"}]}})
    return 200, fake.dm_channel(user).payload()


# ---- application commands -------------------------------------------------------------


def _command_scope(fake: FakeDiscord, req: RecordedRequest) -> int | None:
    if _snowflake(req, "application_id") != fake.application_id:
        raise _err(403, 50001, "Missing Access")
    if "guild_id" in req.params:
        _guild(fake, req)
        return _snowflake(req, "guild_id")
    return None


def command_payload(fake: FakeDiscord, body: dict[str, Any], scope: int | None,
                    existing_id: int | None) -> dict[str, Any]:
    perms = body.get("default_member_permissions")
    data: dict[str, Any] = {
        "id": str(existing_id or fake.new_id()),
        "application_id": str(fake.application_id),
        "version": str(fake.new_id()),
        "default_member_permissions": None if perms is None else str(perms),
        "type": body.get("type") or 1,
        "name": body["name"],
        "name_localizations": body.get("name_localizations"),
        "description": body.get("description") or "",
        "description_localizations": body.get("description_localizations"),
        "nsfw": bool(body.get("nsfw", False)),
    }
    if body.get("options"):
        data["options"] = body["options"]
    if scope is None:
        data["dm_permission"] = body.get("dm_permission", True) is not False
        data["contexts"] = body.get("contexts")
        data["integration_types"] = body.get("integration_types") or [0]
    else:
        data["guild_id"] = str(scope)
    return data


def _find_command(fake: FakeDiscord, scope: int | None, name: str, ctype: int
                  ) -> dict[str, Any] | None:
    for cmd in fake.commands.get(scope, {}).values():
        if cmd["name"] == name and cmd["type"] == ctype:
            return cmd
    return None


@route("PUT", "/applications/{application_id}/commands")
@route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
async def bulk_overwrite(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    scope = _command_scope(fake, req)
    new: dict[int, dict[str, Any]] = {}
    for body in req.json or []:
        old = _find_command(fake, scope, body["name"], body.get("type") or 1)
        cmd = command_payload(fake, body, scope, int(old["id"]) if old else None)
        new[int(cmd["id"])] = cmd
    fake.commands[scope] = new
    fake._notify()
    return 200, list(new.values())


@route("GET", "/applications/{application_id}/commands")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
async def list_commands(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    scope = _command_scope(fake, req)
    return 200, list(fake.commands.get(scope, {}).values())


@route("POST", "/applications/{application_id}/commands")
@route("POST", "/applications/{application_id}/guilds/{guild_id}/commands")
async def upsert_command(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    scope = _command_scope(fake, req)
    body = req.json or {}
    old = _find_command(fake, scope, body["name"], body.get("type") or 1)
    cmd = command_payload(fake, body, scope, int(old["id"]) if old else None)
    fake.commands.setdefault(scope, {})[int(cmd["id"])] = cmd
    fake._notify()
    return (200 if old else 201), cmd


def _command(fake: FakeDiscord, req: RecordedRequest) -> tuple[int | None, dict[str, Any]]:
    scope = _command_scope(fake, req)
    cmd = fake.commands.get(scope, {}).get(_snowflake(req, "command_id"))
    if cmd is None:
        raise _err(404, 10063, "Unknown application command")
    return scope, cmd


@route("GET", "/applications/{application_id}/commands/{command_id}")
@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def get_command(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    return 200, _command(fake, req)[1]


@route("PATCH", "/applications/{application_id}/commands/{command_id}")
@route("PATCH", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def edit_command(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    scope, cmd = _command(fake, req)
    merged = {**cmd, **(req.json or {})}
    new = command_payload(fake, merged, scope, int(cmd["id"]))
    fake.commands[scope][int(cmd["id"])] = new
    return 200, new


@route("DELETE", "/applications/{application_id}/commands/{command_id}")
@route("DELETE", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}")
async def delete_command(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    scope, cmd = _command(fake, req)
    del fake.commands[scope][int(cmd["id"])]
    return 204, None


# ---- interactions ------------------------------------------------------------------------

#: Which callback types Discord accepts for each interaction type.
ALLOWED_CALLBACKS = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}
_OPTION_VALUE_TYPES: dict[int, tuple[type, ...]] = {3: (str,), 4: (int,), 10: (int, float)}


def _interaction_message_extra(fake: FakeDiscord, inter: FakeInteraction) -> dict[str, Any]:
    user = fake.users[inter.user_id]
    data = inter.payload.get("data") or {}
    meta: dict[str, Any] = {
        "id": str(inter.id), "type": inter.type, "user": user.payload(),
        "authorizing_integration_owners": inter.payload["authorizing_integration_owners"],
    }
    extra: dict[str, Any] = {
        "application_id": str(fake.application_id),
        "webhook_id": str(fake.application_id),
        "interaction_metadata": meta,
    }
    if inter.type == 2:
        meta["name"] = data.get("name")
        meta["command_type"] = data.get("type", 1)
        extra["interaction"] = {"id": str(inter.id), "type": inter.type,
                                "name": data.get("name"), "user": user.payload()}
    if inter.type == 3 and inter.source_message_id is not None:
        meta["interacted_message_id"] = str(inter.source_message_id)
    if inter.type == 5 and inter.opener_id in fake.interactions:
        opener = fake.interactions[inter.opener_id]
        meta["triggering_interaction_metadata"] = _interaction_message_extra(
            fake, opener)["interaction_metadata"]
    if inter.original_message_id is not None:
        meta["original_response_message_id"] = str(inter.original_message_id)
    return extra


def _interaction_message(fake: FakeDiscord, inter: FakeInteraction, body: dict[str, Any],
                         files: list[UploadedFile], *, force_flags: int = 0) -> dict[str, Any]:
    channel = fake.channels[inter.channel_id]
    return create_bot_message(
        fake, channel, body, files,
        flags_mask=EPHEMERAL | SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2,
        force_flags=force_flags, extra=_interaction_message_extra(fake, inter),
        msg_type=20 if inter.type == 2 else 0)


def _check_choices(fake: FakeDiscord, inter: FakeInteraction, req: RecordedRequest,
                   choices: list[dict[str, Any]]) -> None:
    focused = _focused_option(inter.payload.get("data", {}).get("options", []))
    if focused is None:
        return
    want = _OPTION_VALUE_TYPES.get(focused.get("type", 3))
    bad = [c for c in choices if want and (not isinstance(c.get("value"), want)
                                           or isinstance(c.get("value"), bool))]
    if bad:
        fake.invalid_requests.append(Problem(
            "invalid_request", "autocomplete choice values do not match the option type", req,
            [f"choice {c!r} for option {focused.get('name')!r} of type {focused.get('type')}"
             for c in bad]))


def _focused_option(options: list[dict[str, Any]]) -> dict[str, Any] | None:
    for opt in options:
        if opt.get("focused"):
            return opt
        if opt.get("type") in (1, 2):
            found = _focused_option(opt.get("options", []))
            if found is not None:
                return found
    return None


@route("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
async def interaction_callback(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    inter = fake.interactions.get(_snowflake(req, "interaction_id"))
    if inter is None or inter.token != req.params.get("interaction_token"):
        raise _err(404, 10062, "Unknown interaction")
    age = asyncio.get_running_loop().time() - inter.created_at
    if age > fake.interaction_ack_timeout:
        fake.late_interactions.append(Problem(
            "late_interaction", f"initial response {age:.2f}s after the interaction "
            f"(Discord allows {fake.interaction_ack_timeout}s)", req))
        raise _err(404, 10062, "Unknown interaction", record=False)
    if inter.responded:
        raise _err(400, 40060, "Interaction has already been acknowledged.")
    body = req.json or {}
    ctype = body.get("type")
    if ctype not in ALLOWED_CALLBACKS[inter.type]:
        raise _err(400, 50035, f"Invalid Form Body: callback type {ctype} is not allowed for "
                   f"interaction type {inter.type}")
    if ctype in (6, 7) and inter.source_message_id is None:
        raise _err(400, 50035, "Invalid Form Body: no message to update for this interaction")
    data = body.get("data") or {}
    inter.responded = True
    inter.response_type = ctype
    meta: dict[str, Any] = {"id": str(inter.id), "type": inter.type}
    resource: dict[str, Any] | None = None
    if ctype == 4:
        msg = _interaction_message(fake, inter, data, req.files)
        inter.original_message_id = int(msg["id"])
        inter.ephemeral = bool(msg["flags"] & EPHEMERAL)
        meta.update(response_message_id=msg["id"], response_message_loading=False,
                    response_message_ephemeral=inter.ephemeral)
        resource = {"type": 4, "message": msg}
        await fake.dispatch_message_event("MESSAGE_CREATE", msg)
    elif ctype == 5:
        ephemeral = bool((data.get("flags") or 0) & EPHEMERAL)
        msg = _interaction_message(fake, inter, {"content": ""}, [],
                                   force_flags=LOADING | (EPHEMERAL if ephemeral else 0))
        inter.original_message_id = int(msg["id"])
        inter.ephemeral = ephemeral
        inter.deferred_loading = True
        meta.update(response_message_id=msg["id"], response_message_loading=True,
                    response_message_ephemeral=ephemeral)
        await fake.dispatch_message_event("MESSAGE_CREATE", msg)
    elif ctype == 6:
        inter.original_message_id = inter.source_message_id
    elif ctype == 7:
        assert inter.source_message_id is not None
        msg = fake.messages[inter.source_message_id]
        apply_edit(fake, msg, data, req.files)
        inter.original_message_id = inter.source_message_id
        meta.update(response_message_id=msg["id"], response_message_loading=False,
                    response_message_ephemeral=bool(msg["flags"] & EPHEMERAL))
        resource = {"type": 7, "message": msg}
        await fake.dispatch_message_event("MESSAGE_UPDATE", msg)
    elif ctype == 8:
        inter.choices = list(data.get("choices") or [])
        _check_choices(fake, inter, req, inter.choices)
    elif ctype == 9:
        inter.modal = data
    fake._notify()
    if not _truthy(req.query.get("with_response")):
        return 204, None
    out: dict[str, Any] = {"interaction": meta}
    if resource is not None:
        out["resource"] = resource
    return 200, out


def _webhook_interaction(fake: FakeDiscord, req: RecordedRequest) -> FakeInteraction:
    token = req.params.get("webhook_token")
    if _snowflake(req, "webhook_id") != fake.application_id:
        raise _err(404, 10015, "Unknown Webhook")
    inter = next((i for i in fake.interactions.values() if i.token == token), None)
    if inter is None:
        raise _err(404, 10015, "Unknown Webhook")
    age = asyncio.get_running_loop().time() - inter.created_at
    if age > INTERACTION_TOKEN_TTL:
        raise _err(401, 50027, "Invalid Webhook Token")
    if not inter.responded:
        raise _err(404, 10015, "Unknown Webhook (the interaction was never acknowledged)")
    return inter


def _webhook_message(fake: FakeDiscord, inter: FakeInteraction, req: RecordedRequest
                     ) -> dict[str, Any]:
    raw = req.params.get("message_id", "@original")
    if raw == "@original":
        mid = inter.original_message_id
    else:
        mid = int(raw) if raw.isdigit() else None
        if mid not in inter.followup_ids and mid != inter.original_message_id:
            mid = None
    msg = fake.messages.get(mid) if mid is not None else None
    if msg is None:
        raise _err(404, 10008, "Unknown Message")
    return msg


@route("POST", "/webhooks/{webhook_id}/{webhook_token}")
async def followup(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    inter = _webhook_interaction(fake, req)
    body = req.json or {}
    if inter.deferred_loading and inter.response_type == 5 and inter.original_message_id:
        # The first followup after a "thinking" defer replaces the loading message
        # (keeping the defer's ephemerality).
        msg = fake.messages[inter.original_message_id]
        apply_edit(fake, msg, {k: v for k, v in body.items() if k != "flags"}, req.files)
        inter.deferred_loading = False
        await fake.dispatch_message_event("MESSAGE_UPDATE", msg)
    else:
        msg = _interaction_message(fake, inter, body, req.files)
        inter.followup_ids.append(int(msg["id"]))
        await fake.dispatch_message_event("MESSAGE_CREATE", msg)
    fake._notify()
    if _truthy(req.query.get("wait")):
        return 200, msg
    return 204, None


@route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
@route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def get_webhook_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    inter = _webhook_interaction(fake, req)
    return 200, _webhook_message(fake, inter, req)


@route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
@route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def edit_webhook_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    inter = _webhook_interaction(fake, req)
    msg = _webhook_message(fake, inter, req)
    apply_edit(fake, msg, req.json or {}, req.files)
    if int(msg["id"]) == inter.original_message_id:
        inter.deferred_loading = False
    await fake.dispatch_message_event("MESSAGE_UPDATE", msg)
    return 200, msg


@route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
@route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
async def delete_webhook_message(fake: FakeDiscord, req: RecordedRequest) -> tuple[int, Any]:
    inter = _webhook_interaction(fake, req)
    msg = _webhook_message(fake, inter, req)
    await _delete(fake, msg)
    return 204, None
