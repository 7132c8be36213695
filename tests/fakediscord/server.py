"""``FakeDiscord``: an aiohttp server on 127.0.0.1 speaking Discord's REST API (v10) and
gateway as discord.py 2.7 expects them, with a world model, a request log, OpenAPI
validation of every request body, fault injection, and helpers that act as users.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from tests.fakediscord import interactions, spec
from tests.fakediscord.gateway import Gateway, GatewayEvent, GatewaySession
from tests.fakediscord.models import (
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    Permissions,
    SnowflakeFactory,
    iso,
    resolve_user,
)
from tests.fakediscord.records import (
    FakeInteraction,
    Problem,
    RecordedRequest,
    UploadedFile,
)

_log = logging.getLogger(__name__)

JSON = "application/json"
PathPredicate = Callable[[str, str], bool] | str | None
GuildRef = int | FakeGuild | None
ChannelRef = int | FakeChannel | None
UserRef = FakeUser | FakeMember


class ApiError(Exception):
    """An error answer in Discord's shape: ``{"message", "code", "errors"?}``."""

    def __init__(self, status: int, code: int, message: str,
                 errors: dict[str, Any] | None = None, *, record: bool = True) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.record = record  # count as a "rejected" problem (bot did something wrong)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


def _predicate(pred: PathPredicate) -> Callable[[str, str], bool]:
    if pred is None:
        return lambda method, path: True
    if isinstance(pred, str):
        text = pred
        return lambda method, path: text in path
    return pred


class _Fault:
    def __init__(self, kind: str, count: int, pred: PathPredicate, **opts: Any) -> None:
        self.kind = kind
        self.remaining = count
        self.pred = _predicate(pred)
        self.opts = opts


def _errors_tree(errors: Iterable[str]) -> dict[str, Any]:
    """Turn ``"data/embeds/0/title: too long"`` strings into Discord's nested error dict."""
    tree: dict[str, Any] = {}
    for err in errors:
        path, _, message = err.partition(": ")
        node = tree
        for part in [p for p in path.split("/") if p and p != "<body>"]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "BASE_TYPE_INVALID", "message": message})
    return tree


class FakeDiscord:
    """A local Discord. Start it with ``await fake.start()`` (or the fixtures in
    ``tests.fakediscord.fixtures``), point discord.py at ``fake.api_base`` and
    ``fake.gateway_url``, then act as users with ``send_message``/``slash``/``click``/...
    """

    def __init__(self, *, token: str = "fake-bot-token", heartbeat_interval_ms: int = 1000,
                 interaction_ack_timeout: float = 3.0, validate_responses: bool = True,
                 strict_commands: bool = False, recommended_shards: int = 1,
                 bot_name: str = "coverage-bot") -> None:
        self.token = token
        self.interaction_ack_timeout = interaction_ack_timeout
        self.validate_responses = validate_responses
        #: slash()/autocomplete() refuse commands the bot has not synced (PUT) when True;
        #: when False an unsynced command is invoked as a global one, option types guessed.
        self.strict_commands = strict_commands
        self.recommended_shards = recommended_shards
        self.new_id = SnowflakeFactory()

        self.bot_user = FakeUser(id=self.new_id(), username=bot_name, bot=True)
        self.application_id = self.bot_user.id
        self.application_flags = 0
        self.owner = FakeUser(id=self.new_id(), username="app-owner", global_name="App Owner")
        self.users: dict[int, FakeUser] = {self.bot_user.id: self.bot_user,
                                           self.owner.id: self.owner}
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.dm_channels: dict[int, FakeChannel] = {}  # user id -> DM channel
        #: users whose DMs are closed: sending to them gets 403 50007
        self.closed_dms: set[int] = set()
        self.messages: dict[int, dict[str, Any]] = {}
        self.edit_counts: dict[int, int] = {}  # message id -> times edited
        #: scope (guild id or None for global) -> command id -> command payload
        self.commands: dict[int | None, dict[int, dict[str, Any]]] = {}
        self.interactions: dict[int, FakeInteraction] = {}
        #: The CDN: URL path -> (bytes, content type), for files users attach to commands
        #: and files the bot uploads; ``cdn_requests`` logs (path, status) of every fetch.
        self.cdn_files: dict[str, tuple[bytes, str | None]] = {}
        self.cdn_requests: list[tuple[str, int]] = []
        #: URL path -> the error status the CDN answers instead (an expired link: 404).
        self.cdn_errors: dict[str, int] = {}

        self.requests: list[RecordedRequest] = []
        self.invalid_requests: list[Problem] = []
        self.unexpected: list[Problem] = []
        self.rejected: list[Problem] = []
        self.invalid_responses: list[Problem] = []
        self.late_interactions: list[Problem] = []

        self.gateway = Gateway(self)
        self.gateway.heartbeat_interval_ms = heartbeat_interval_ms
        self._faults: list[_Fault] = []
        self._cond: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._handlers = _build_handlers()

    # ---- lifecycle ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` must be."""
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume/"

    async def start(self) -> FakeDiscord:
        self._cond = asyncio.Condition()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("GET", "/", self._root)
        app.router.add_route("GET", "/resume/", self.gateway.handle)
        app.router.add_route("*", "/api/{tail:.*}", self._api)
        app.router.add_route("GET", "/attachments/{tail:.*}", self._cdn)
        app.router.add_route("GET", "/ephemeral-attachments/{tail:.*}", self._cdn)
        app.router.add_route("*", "/{tail:.*}", self._stray)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        for conn in self.gateway.connected():
            await conn.close(1001, "fake shutting down")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _root(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await self.gateway.handle(request)
        return await self._stray(request)

    async def _cdn(self, request: web.Request) -> web.Response:
        """Discord's CDN: attachment bytes by path (the signed query string is ignored)."""
        path = request.rel_url.raw_path
        found = self.cdn_files.get(path)
        status = 404 if found is None else self.cdn_errors.get(path, 200)
        if found is None or status != 200:
            self.cdn_requests.append((path, status))
            self._notify()
            return web.Response(status=status, text=f"{status}: not served")
        data, content_type = found
        self.cdn_requests.append((path, 200))
        self._notify()
        return web.Response(body=data, headers={
            "Content-Type": content_type or "application/octet-stream"})

    async def _stray(self, request: web.Request) -> web.Response:
        self._unexpected(f"request outside /api: {request.method} {request.rel_url}")
        return _json_response(404, {"message": "404: Not Found", "code": 0})

    # ---- problems & waiting --------------------------------------------------------

    def _unexpected(self, detail: str, request: RecordedRequest | None = None) -> None:
        _log.warning("fake discord: unexpected: %s", detail)
        self.unexpected.append(Problem("unexpected", detail, request))

    def problems(self) -> list[Problem]:
        """Everything a test should fail on (invalid bodies, unknown routes, bot errors)."""
        return [*self.invalid_requests, *self.unexpected, *self.rejected,
                *self.invalid_responses, *self.late_interactions]

    def assert_clean(self) -> None:
        problems = self.problems()
        if problems:
            raise AssertionError("fake Discord saw problems:\n" + "\n".join(map(str, problems)))

    def _notify(self) -> None:
        cond = self._cond
        if cond is None:
            return

        async def _wake() -> None:
            async with cond:
                cond.notify_all()

        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(_wake())

    async def wait_until(self, check: Callable[[], Any], timeout: float = 5.0,
                         what: str = "condition") -> Any:
        """Wait until ``check()`` returns something truthy; return it."""
        assert self._cond is not None, "fake not started"
        result = check()
        if result:
            return result
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with self._cond:
            while True:
                result = check()
                if result:
                    return result
                left = deadline - loop.time()
                if left <= 0:
                    recent = ", ".join(repr(r) for r in self.requests[-8:])
                    raise TimeoutError(f"timed out after {timeout}s waiting for {what}; "
                                       f"last requests: [{recent}]; problems: "
                                       f"{[str(p) for p in self.problems()]}")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._cond.wait(), timeout=min(left, 0.25))

    async def wait_for_request(self, predicate: Callable[[RecordedRequest], bool] | None = None,
                               timeout: float = 5.0, *, since: int = 0,
                               method: str | None = None, template: str | None = None,
                               ok: bool | None = None) -> RecordedRequest:
        """The first recorded request (answered, index >= ``since``) matching everything given."""

        def match(r: RecordedRequest) -> bool:
            if r.status is None or r.index < since:
                return False
            if method is not None and r.method != method.upper():
                return False
            if template is not None and r.template != template:
                return False
            if ok is not None and r.ok != ok:
                return False
            return predicate is None or bool(predicate(r))

        def check() -> RecordedRequest | None:
            return next((r for r in self.requests[since:] if match(r)), None)

        return await self.wait_until(check, timeout, f"request {method or ''} {template or ''}")

    async def wait_for_message(self, predicate: Callable[[dict[str, Any]], bool] | None = None,
                               timeout: float = 5.0, *, channel_id: int | None = None,
                               after: int = 0, by_bot: bool = True) -> dict[str, Any]:
        """The first stored message (id > ``after``) matching; by default one the bot wrote."""

        def check() -> dict[str, Any] | None:
            for mid in sorted(self.messages):
                if mid <= after:
                    continue
                msg = self.messages[mid]
                if channel_id is not None and int(msg["channel_id"]) != channel_id:
                    continue
                if by_bot and int(msg["author"]["id"]) != self.bot_user.id:
                    continue
                if msg["flags"] & 128:  # still "thinking"
                    continue
                if predicate is None or predicate(msg):
                    return msg
            return None

        return await self.wait_until(check, timeout, "a message")

    async def wait_for_gateway(self, kind: str, predicate: Callable[[GatewayEvent], bool]
                               | None = None, timeout: float = 5.0, *, since: int = 0
                               ) -> GatewayEvent:
        def check() -> GatewayEvent | None:
            for ev in self.gateway.events[since:]:
                if ev.kind == kind and (predicate is None or predicate(ev)):
                    return ev
            return None

        return await self.wait_until(check, timeout, f"gateway {kind}")

    async def wait_for_sessions(self, count: int = 1, timeout: float = 5.0) -> None:
        """Until ``count`` live gateway sessions are connected."""
        await self.wait_until(
            lambda: len([s for s in self.gateway.live_sessions() if s.connection]) >= count,
            timeout, f"{count} gateway session(s)")

    # ---- fault injection ---------------------------------------------------------------

    def rate_limit_next(self, n: int = 1, path_predicate: PathPredicate = None, *,
                        retry_after: float = 0.05, is_global: bool = False) -> None:
        """Answer the next ``n`` matching REST requests with 429 (and discord.py retries)."""
        self._faults.append(_Fault("rate_limit", n, path_predicate, retry_after=retry_after,
                                   is_global=is_global))

    def fail_next(self, n: int = 1, status: int = 500, path_predicate: PathPredicate = None, *,
                  code: int = 0, message: str | None = None) -> None:
        """Answer the next ``n`` matching REST requests with ``status`` (5xx are retried)."""
        self._faults.append(_Fault("fail", n, path_predicate, status=status, code=code,
                                   message=message or f"{status}: injected by fake"))

    async def drop_gateway(self, *, shard_id: int | None = None, code: int | None = None) -> int:
        """Close gateway sockets abnormally; discord.py reconnects and RESUMEs."""
        return await self.gateway.drop(shard_id=shard_id, code=code)

    async def invalidate_session(self, resumable: bool = False, *,
                                 shard_id: int | None = None) -> int:
        """Send op 9 INVALID_SESSION; with ``resumable=False`` the client re-IDENTIFYs."""
        return await self.gateway.invalidate(resumable=resumable, shard_id=shard_id)

    async def request_reconnect(self, *, shard_id: int | None = None) -> int:
        """Send op 7 RECONNECT."""
        return await self.gateway.reconnect_request(shard_id=shard_id)

    def _take_fault(self, method: str, path: str) -> _Fault | None:
        for fault in self._faults:
            if fault.remaining > 0 and fault.pred(method, path):
                fault.remaining -= 1
                return fault
        return None

    # ---- world building ----------------------------------------------------------------

    def create_user(self, username: str, *, global_name: str | None = None, bot: bool = False,
                    id: int | None = None) -> FakeUser:
        user = FakeUser(id=id or self.new_id(), username=username, global_name=global_name,
                        bot=bot)
        self.users[user.id] = user
        return user

    def create_guild(self, name: str = "Test Guild", *, owner: FakeUser | None = None,
                     id: int | None = None, shard: tuple[int, int] | None = None,
                     everyone_permissions: int = Permissions.DEFAULT_EVERYONE,
                     bot_permissions: int = 0) -> FakeGuild:
        """A guild with @everyone, the bot as a member (with a managed bot role) and no
        channels yet. ``shard=(i, n)`` picks an id that lands on shard i of n."""
        owner = owner or self.owner
        if id is None:
            id = self.new_id.for_shard(*shard) if shard else self.new_id()
        guild = FakeGuild(id=id, name=name, owner_id=owner.id, _new_id=self.new_id)
        guild.roles[id] = FakeRole(id=id, name="@everyone", permissions=everyone_permissions)
        bot_role = guild.add_role(self.bot_user.username, bot_permissions)
        bot_role.managed = True
        guild.add_member(self.bot_user, [bot_role])
        if owner.id != self.bot_user.id:
            self.users.setdefault(owner.id, owner)
            guild.add_member(owner)
        self.guilds[id] = guild
        return guild

    def add_channel(self, guild: FakeGuild, name: str, **kw: Any) -> FakeChannel:
        channel = guild.add_channel(name, **kw)
        self.channels[channel.id] = channel
        return channel

    def add_member(self, guild: FakeGuild, user: FakeUser,
                   roles: list[FakeRole] | None = None, **kw: Any) -> FakeMember:
        self.users.setdefault(user.id, user)
        return guild.add_member(user, roles, **kw)

    async def join_guild(self, guild: FakeGuild) -> None:
        """Dispatch GUILD_CREATE for a guild created after the bot connected."""
        for channel in guild.channels.values():
            self.channels[channel.id] = channel
        await self.gateway.dispatch(
            "GUILD_CREATE", {}, guild_id=guild.id,
            transform=lambda s, _d: self.gateway.guild_create_payload(s, guild))

    def dm_channel(self, user: FakeUser | FakeMember) -> FakeChannel:
        user = resolve_user(user)
        channel = self.dm_channels.get(user.id)
        if channel is None:
            channel = FakeChannel(id=self.new_id(), name="", type=1, recipients=[user])
            self.dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def guild_of(self, channel_id: int) -> FakeGuild | None:
        channel = self.channels.get(channel_id)
        if channel is None or channel.guild_id is None:
            return None
        return self.guilds.get(channel.guild_id)

    def member(self, guild_id: int, user_id: int) -> FakeMember | None:
        guild = self.guilds.get(guild_id)
        return guild.members.get(user_id) if guild else None

    def bot_messages(self, channel_id: int | None = None) -> list[dict[str, Any]]:
        return [m for _, m in sorted(self.messages.items())
                if int(m["author"]["id"]) == self.bot_user.id
                and (channel_id is None or int(m["channel_id"]) == channel_id)]

    def requests_to(self, method: str, template: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.is_(method, template)]

    # ---- message building ----------------------------------------------------------

    _USER_MENTION = re.compile(r"<@!?(\d+)>")
    _ROLE_MENTION = re.compile(r"<@&(\d+)>")

    def _mention_payloads(self, guild: FakeGuild | None, user_ids: Iterable[int]
                          ) -> list[dict[str, Any]]:
        out = []
        seen: set[int] = set()
        for uid in user_ids:
            user = self.users.get(uid)
            if user is None or uid in seen:
                continue
            seen.add(uid)
            data = user.payload()
            if guild is not None and uid in guild.members:
                data["member"] = guild.members[uid].payload(with_user=False)
            out.append(data)
        return out

    def build_message(self, *, channel: FakeChannel, author: FakeUser, content: str = "",
                      embeds: list[dict[str, Any]] | None = None,
                      components: list[dict[str, Any]] | None = None, flags: int = 0,
                      mention_user_ids: Iterable[int] = (), mention_role_ids: Iterable[int] = (),
                      mention_everyone: bool = False, reference_id: int | None = None,
                      attachments: list[dict[str, Any]] | None = None, msg_type: int | None = None,
                      extra: dict[str, Any] | None = None) -> dict[str, Any]:
        guild = self.guilds.get(channel.guild_id) if channel.guild_id else None
        mid = self.new_id()
        data: dict[str, Any] = {
            "id": str(mid),
            "type": 0,
            "channel_id": str(channel.id),
            "author": author.payload(),
            "content": content,
            "timestamp": iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": mention_everyone,
            "mentions": self._mention_payloads(guild, mention_user_ids),
            "mention_roles": [str(r) for r in mention_role_ids],
            "attachments": attachments or [],
            "embeds": embeds or [],
            "pinned": False,
            "flags": flags,
            "components": components or [],
        }
        if guild is not None:
            data["guild_id"] = str(guild.id)
            member = guild.members.get(author.id)
            if member is not None:
                data["member"] = member.payload(with_user=False)
        if reference_id is not None:
            ref = self.messages.get(reference_id)
            data["type"] = 19
            data["message_reference"] = {"type": 0, "message_id": str(reference_id),
                                         "channel_id": str(channel.id)}
            if guild is not None:
                data["message_reference"]["guild_id"] = str(guild.id)
            data["referenced_message"] = _strip_for_reference(ref) if ref else None
        if msg_type is not None:
            data["type"] = msg_type
        if extra:
            data.update(extra)
        return data

    def store_message(self, data: dict[str, Any]) -> dict[str, Any]:
        mid = int(data["id"])
        self.messages[mid] = data
        channel = self.channels.get(int(data["channel_id"]))
        if channel is not None:
            channel.last_message_id = mid
        self._notify()
        return data

    async def dispatch_message_event(self, event: str, data: dict[str, Any]) -> None:
        """MESSAGE_CREATE/UPDATE to the owning shard, content stripped without the intent."""
        if data["flags"] & 64:  # ephemeral messages never reach the gateway
            return
        guild_id = int(data["guild_id"]) if data.get("guild_id") else None
        bot_id = str(self.bot_user.id)

        def strip(session: GatewaySession, msg: dict[str, Any]) -> dict[str, Any]:
            from tests.fakediscord.gateway import MESSAGE_CONTENT
            if session.intents & MESSAGE_CONTENT or guild_id is None:
                return msg
            if msg["author"]["id"] == bot_id or any(m["id"] == bot_id for m in msg["mentions"]):
                return msg
            return {**msg, "content": "", "embeds": [], "attachments": [], "components": []}

        await self.gateway.dispatch(event, data, guild_id=guild_id, transform=strip)

    # ---- acting as users ---------------------------------------------------------------

    def _resolve_channel(self, guild_id: int | FakeGuild | None,
                         channel_id: int | FakeChannel | None,
                         user: FakeUser) -> tuple[FakeGuild | None, FakeChannel]:
        gid = guild_id.id if isinstance(guild_id, FakeGuild) else guild_id
        if gid is None:
            if channel_id is None:
                return None, self.dm_channel(user)
            cid = channel_id.id if isinstance(channel_id, FakeChannel) else channel_id
            channel = self.channels[cid]
            if channel.type not in (1, 3):
                raise ValueError("a guild channel needs its guild_id")
            return None, channel
        guild = self.guilds[gid]
        if channel_id is None:
            return guild, guild.text_channels[0]
        cid = channel_id.id if isinstance(channel_id, FakeChannel) else channel_id
        found = guild.channels.get(cid)
        if found is None:
            raise ValueError(f"channel {cid} is not in guild {gid}")
        return guild, found

    async def send_message(self, guild_id: int | FakeGuild | None,
                           channel_id: int | FakeChannel | None,
                           author: FakeUser | FakeMember, content: str, *,
                           mentions: Iterable[FakeUser | FakeMember | FakeRole] = (),
                           reference_message_id: int | str | None = None,
                           embeds: list[dict[str, Any]] | None = None) -> MessageHandle:
        """A user posts a message; the bot gets MESSAGE_CREATE. ``guild_id=None`` is a DM.
        ``<@id>``/``<@&id>``/``@everyone`` in ``content`` count as mentions, like Discord."""
        user = resolve_user(author) if not isinstance(author, FakeRole) else None
        assert user is not None
        guild, channel = self._resolve_channel(guild_id, channel_id, user)
        if guild is not None and user.id not in guild.members:
            raise ValueError(f"{user.username} is not a member of {guild.name}")
        user_ids = [int(m) for m in self._USER_MENTION.findall(content)]
        role_ids = [int(r) for r in self._ROLE_MENTION.findall(content)]
        for m in mentions:
            if isinstance(m, FakeRole):
                role_ids.append(m.id)
            else:
                user_ids.append(resolve_user(m).id)
        everyone = "@everyone" in content or "@here" in content
        if everyone and guild is not None:
            everyone = bool(guild.permissions_for(guild.members[user.id])
                            & Permissions.MENTION_EVERYONE)
        start = len(self.requests)
        data = self.build_message(
            channel=channel, author=user, content=content, embeds=embeds,
            mention_user_ids=user_ids, mention_role_ids=role_ids, mention_everyone=everyone,
            reference_id=int(reference_message_id) if reference_message_id else None,
            extra={"nonce": str(self.new_id())})
        self.store_message(data)
        await self.dispatch_message_event("MESSAGE_CREATE", data)
        return MessageHandle(self, start, data)

    async def react(self, message_id: int | str, emoji: str, user: FakeUser | FakeMember) -> None:
        """A user adds a unicode reaction (MESSAGE_REACTION_ADD)."""
        user = resolve_user(user)
        msg = self.messages[int(message_id)]
        guild_id = int(msg["guild_id"]) if msg.get("guild_id") else None
        data: dict[str, Any] = {
            "user_id": str(user.id), "channel_id": msg["channel_id"], "message_id": msg["id"],
            "emoji": {"id": None, "name": emoji}, "burst": False, "type": 0,
            "message_author_id": msg["author"]["id"],
        }
        if guild_id is not None:
            data["guild_id"] = str(guild_id)
            member = self.member(guild_id, user.id)
            if member is not None:
                data["member"] = member.payload()
        await self.gateway.dispatch("MESSAGE_REACTION_ADD", data, guild_id=guild_id)

    # interaction helpers live in interactions.py
    async def slash(self, guild_id: GuildRef, channel_id: ChannelRef, user: UserRef, name: str,
                    options: Mapping[str, Any] | None = None, *, locale: str = "en-US",
                    bypass_permissions: bool = False) -> InteractionHandle:
        """A user runs ``/name`` (``"group sub"`` for subcommands); ``guild_id=None`` is a DM.
        See ``interactions.slash``."""
        return await interactions.slash(self, guild_id, channel_id, user, name, options,
                                        locale=locale, bypass_permissions=bypass_permissions)

    async def autocomplete(self, guild_id: GuildRef, channel_id: ChannelRef, user: UserRef,
                           name: str, options: Mapping[str, Any], focused: str, *,
                           locale: str = "en-US") -> InteractionHandle:
        """A user types in option ``focused``; ``await handle.choices()``."""
        return await interactions.autocomplete(self, guild_id, channel_id, user, name, options,
                                               focused, locale=locale)

    async def click(self, message_id: int | str, custom_id: str, user: UserRef, *,
                    values: list[Any] | None = None, locale: str = "en-US"
                    ) -> InteractionHandle:
        """A user clicks a button / picks ``values`` in a select on a stored message."""
        return await interactions.click(self, message_id, custom_id, user, values=values,
                                        locale=locale)

    async def submit_modal(self, custom_id: str, values: Mapping[str, Any],
                           user: UserRef | None = None, *, locale: str = "en-US"
                           ) -> InteractionHandle:
        """A user submits the modal ``custom_id`` the bot opened for them."""
        return await interactions.submit_modal(self, custom_id, values, user, locale=locale)

    # ---- the REST entry point ------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        raw = request.rel_url.raw_path
        m = re.match(r"^/api/v(\d+)(/.*)$", raw)
        version = m.group(1) if m else None
        rest_raw = m.group(2) if m else raw
        path = "/".join(unquote(seg) for seg in rest_raw.split("/"))
        method = request.method.upper()
        body, files, ctype, parse_error = await _read_body(request)
        matched = spec.match_path(rest_raw)
        template, params = (matched if matched else (None, {}))
        params = {k: unquote(v) for k, v in params.items()}
        record = RecordedRequest(
            index=len(self.requests), method=method, path=path, template=template,
            params=params, query=dict(request.query), headers=dict(request.headers),
            json=body, files=files, content_type=ctype)
        self.requests.append(record)
        try:
            status, payload, headers = await self._answer(request, record, version, parse_error)
        except Exception as exc:  # a bug in the fake: make it loud, but answer quickly
            _log.exception("fake discord handler crashed")
            self._unexpected(f"fake handler crashed: {exc!r}", record)
            status, payload, headers = 400, {"message": f"fake crashed: {exc!r}", "code": 0}, {}
        record.status = status
        record.response = payload
        if (self.validate_responses and template and 200 <= status < 300
                and payload is not None and not record.fault):
            errs = spec.response_errors(template, method, status, payload)
            if errs:
                self.invalid_responses.append(
                    Problem("invalid_response", "the fake answered off-spec", record, errs))
        self._notify()
        return _json_response(status, payload, headers, bucket=template or path)

    async def _answer(self, request: web.Request, record: RecordedRequest, version: str | None,
                      parse_error: str | None) -> tuple[int, Any, dict[str, str]]:
        method, template = record.method, record.template
        if version not in ("9", "10"):
            self._unexpected(f"API version v{version}", record)
            return 404, {"message": "404: Not Found", "code": 0}, {}
        if template is None:
            self._unexpected(f"unknown route {method} {record.path}", record)
            return 404, {"message": "404: Not Found", "code": 0}, {}
        needs_auth = not (template.startswith("/webhooks/{webhook_id}/{webhook_token}")
                          or template.startswith("/interactions/"))
        if needs_auth and record.headers.get("Authorization") != f"Bot {self.token}":
            return 401, {"message": "401: Unauthorized", "code": 0}, {}
        fault = self._take_fault(method, record.path)
        if fault is not None:
            record.fault = fault.kind
            if fault.kind == "rate_limit":
                ra = fault.opts["retry_after"]
                body = {"message": "You are being rate limited.", "retry_after": ra,
                        "global": fault.opts["is_global"]}
                headers = {
                    "Retry-After": str(max(1, int(ra + 0.999))),
                    "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset-After": f"{ra:.3f}",
                    "X-RateLimit-Scope": "global" if fault.opts["is_global"] else "user",
                }
                if fault.opts["is_global"]:
                    headers["X-RateLimit-Global"] = "true"
                return 429, body, headers
            return fault.opts["status"], {"message": fault.opts["message"],
                                          "code": fault.opts["code"]}, {}
        if parse_error:
            problem = Problem("invalid_request", parse_error, record)
            self.invalid_requests.append(problem)
            return 400, {"message": "400: Bad Request", "code": 50109}, {}
        if record.json is not None and spec.operation(template, method) is not None:
            errors = spec.request_errors(template, method, record.json)
            errors += spec.extra_errors(method, template, record.json,
                                        has_files=bool(record.files))
            if errors:
                record.errors = errors
                self.invalid_requests.append(
                    Problem("invalid_request", "body rejected by Discord's rules", record, errors))
                return 400, {"message": "Invalid Form Body", "code": 50035,
                             "errors": _errors_tree(errors)}, {}
        handler = self._handlers.get((method, template))
        if handler is None:
            self._unexpected(f"route not implemented by the fake: {method} {template}", record)
            return 404, {"message": "404: Not Found", "code": 0}, {}
        try:
            status, payload = await handler(self, record)
        except ApiError as err:
            if err.record:
                self.rejected.append(Problem("rejected", f"{err.status} {err.code} {err.message}",
                                             record))
            return err.status, err.body(), {}
        return status, payload, {}


class Handle:
    """What a user action returns: a window on what the bot did afterwards."""

    def __init__(self, fake: FakeDiscord, start_index: int) -> None:
        self.fake = fake
        self.start_index = start_index

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.fake.requests[self.start_index:]

    async def wait_for_request(self, predicate: Callable[[RecordedRequest], bool] | None = None,
                               timeout: float = 5.0, **kw: Any) -> RecordedRequest:
        return await self.fake.wait_for_request(predicate, timeout, since=self.start_index, **kw)


class MessageHandle(Handle):
    def __init__(self, fake: FakeDiscord, start_index: int, message: dict[str, Any]) -> None:
        super().__init__(fake, start_index)
        self.message = message
        self.id = int(message["id"])
        self.channel_id = int(message["channel_id"])

    async def reply(self, timeout: float = 5.0,
                    predicate: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Any]:
        """The first message the bot posts in this channel after this one."""
        return await self.fake.wait_for_message(predicate, timeout, channel_id=self.channel_id,
                                                after=self.id)

    def replies(self) -> list[dict[str, Any]]:
        return [m for m in self.fake.bot_messages(self.channel_id) if int(m["id"]) > self.id]


class InteractionHandle(Handle):
    def __init__(self, fake: FakeDiscord, interaction: FakeInteraction) -> None:
        super().__init__(fake, interaction.start_index)
        self.interaction = interaction
        self.id = interaction.id
        self.token = interaction.token
        self.payload = interaction.payload

    async def response(self, timeout: float = 5.0) -> RecordedRequest:
        """The (first, successful or not) initial-response callback request."""
        return await self.wait_for_request(
            lambda r: r.params.get("interaction_id") == str(self.id), timeout,
            method="POST", template=spec.CALLBACK)

    async def choices(self, timeout: float = 5.0) -> list[dict[str, Any]]:
        req = await self.response(timeout)
        assert req.ok, f"autocomplete callback failed: {req.status} {req.response}"
        assert req.json["type"] == 8, f"expected an autocomplete response, got {req.json}"
        return list(req.json["data"]["choices"])

    async def followup(self, timeout: float = 5.0, n: int = 1) -> RecordedRequest:
        """The n-th followup POST /webhooks/{app}/{token}."""
        def check() -> RecordedRequest | None:
            reqs = [r for r in self.requests
                    if r.status is not None and r.method == "POST"
                    and r.template == "/webhooks/{webhook_id}/{webhook_token}"
                    and r.params.get("webhook_token") == self.token]
            return reqs[n - 1] if len(reqs) >= n else None
        return await self.fake.wait_until(check, timeout, f"followup #{n}")

    async def reply(self, timeout: float = 5.0) -> dict[str, Any]:
        """The message a user finally sees: the response, the edited deferred message, or the
        first followup; waits until it is no longer 'thinking'."""
        inter = self.interaction

        def check() -> dict[str, Any] | None:
            ids = ([inter.original_message_id] if inter.original_message_id else [])
            ids += inter.followup_ids
            for mid in ids:
                msg = self.fake.messages.get(mid)
                if msg is None or msg["flags"] & 128:
                    continue
                if mid == inter.source_message_id and \
                        self.fake.edit_counts.get(mid, 0) <= inter.source_edits:
                    continue  # a component's message counts once the bot has edited it
                return msg
            return None
        return await self.fake.wait_until(check, timeout, f"reply to interaction {self.id}")

    async def modal(self, timeout: float = 5.0) -> dict[str, Any]:
        """The modal the bot opened in response."""
        return await self.fake.wait_until(lambda: self.interaction.modal, timeout, "a modal")

    def messages(self) -> list[dict[str, Any]]:
        inter = self.interaction
        ids = ([inter.original_message_id] if inter.original_message_id else [])
        return [self.fake.messages[i] for i in ids + inter.followup_ids if i in self.fake.messages]


def _strip_for_reference(msg: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in msg.items() if k not in ("referenced_message", "member", "nonce")}


def _json_response(status: int, payload: Any, headers: dict[str, str] | None = None, *,
                   bucket: str = "") -> web.Response:
    hdrs = {
        "Via": "1.1 google",
        "X-RateLimit-Bucket": f"fake{abs(hash(bucket)) % 10**12:x}",
    }
    if status != 429:
        hdrs.update({"X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49",
                     "X-RateLimit-Reset-After": "1.000"})
    hdrs.update(headers or {})
    if status == 204 or payload is None:
        return web.Response(status=204 if status < 300 else status, headers=hdrs)
    body = json.dumps(payload, separators=(",", ":")).encode()
    hdrs["Content-Type"] = JSON  # exactly; discord.py compares the header verbatim
    return web.Response(status=status, body=body, headers=hdrs)


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile], str | None,
                                                    str | None]:
    """(json body, files, content type, parse error)."""
    ctype = request.content_type if request.can_read_body else None
    if not request.can_read_body:
        return None, [], None, None
    if ctype == JSON:
        raw = await request.read()
        if not raw:
            return None, [], ctype, None
        try:
            return json.loads(raw), [], ctype, None
        except ValueError as exc:
            return None, [], ctype, f"body is not JSON: {exc}"
    if ctype == "multipart/form-data":
        body: Any = None
        files: list[UploadedFile] = []
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            name = getattr(part, "name", None) or ""
            data = await part.read()  # type: ignore[union-attr]
            if name == "payload_json":
                try:
                    body = json.loads(data)
                except ValueError as exc:
                    return None, files, ctype, f"payload_json is not JSON: {exc}"
            else:
                files.append(UploadedFile(name, getattr(part, "filename", None),
                                          part.headers.get("Content-Type"), bytes(data)))
        return body, files, ctype, None
    raw = await request.read()
    if raw:
        return None, [], ctype, f"unsupported body content type {ctype!r}"
    return None, [], ctype, None


def _build_handlers() -> dict[tuple[str, str], Callable[[FakeDiscord, RecordedRequest],
                                                        Awaitable[tuple[int, Any]]]]:
    from tests.fakediscord import rest
    return dict(rest.HANDLERS)

