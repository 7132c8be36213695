"""The fake gateway: HELLO/IDENTIFY/READY/RESUME/heartbeats, sessions with sequence numbers
and a replay buffer, zlib-stream (or zstd-stream) transport compression, intents.

One ``GatewaySession`` per IDENTIFY (per shard); one ``GatewayConnection`` per websocket.
A session outlives its connection so that a RESUME on a new socket replays what was
dispatched meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

# Gateway opcodes
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 6, 7, 8, 9, 10, 11

# Intents
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_PRESENCES = 1 << 8
GUILD_MESSAGES = 1 << 9
GUILD_MESSAGE_REACTIONS = 1 << 10
GUILD_MESSAGE_TYPING = 1 << 11
DIRECT_MESSAGES = 1 << 12
DIRECT_MESSAGE_REACTIONS = 1 << 13
DIRECT_MESSAGE_TYPING = 1 << 14
MESSAGE_CONTENT = 1 << 15
PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT

_GUILD_INTENT = {
    "MESSAGE_CREATE": (GUILD_MESSAGES, DIRECT_MESSAGES),
    "MESSAGE_UPDATE": (GUILD_MESSAGES, DIRECT_MESSAGES),
    "MESSAGE_DELETE": (GUILD_MESSAGES, DIRECT_MESSAGES),
    "MESSAGE_REACTION_ADD": (GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS),
    "MESSAGE_REACTION_REMOVE": (GUILD_MESSAGE_REACTIONS, DIRECT_MESSAGE_REACTIONS),
    "TYPING_START": (GUILD_MESSAGE_TYPING, DIRECT_MESSAGE_TYPING),
    "GUILD_MEMBER_ADD": (GUILD_MEMBERS, 0),
    "GUILD_MEMBER_UPDATE": (GUILD_MEMBERS, 0),
    "GUILD_MEMBER_REMOVE": (GUILD_MEMBERS, 0),
    "GUILD_CREATE": (GUILDS, 0),
    "GUILD_DELETE": (GUILDS, 0),
    "CHANNEL_CREATE": (GUILDS, 0),
    "GUILD_ROLE_CREATE": (GUILDS, 0),
}


@dataclass
class GatewayEvent:
    """One thing that happened on the gateway, for tests to wait on / assert about."""

    kind: str  # connect, identify, ready, resume, resumed, resume_rejected, heartbeat,
    #            disconnect, presence, request_members, invalid_session, closed_by_fake
    shard_id: int | None = None
    session_id: str | None = None
    data: Any = None


class _Compressor:
    def __init__(self, kind: str | None) -> None:
        self.kind: str | None = None
        self._z: Any = None
        self._flush: Callable[[], bytes] | None = None
        if kind == "zlib-stream":
            self.kind = kind
            self._z = zlib.compressobj()
        elif kind == "zstd-stream":
            self._init_zstd()

    def _init_zstd(self) -> None:
        try:  # the same module discord.py would use to decompress
            import zstandard
        except ImportError:
            try:
                from compression import zstd
            except ImportError:
                return  # fall back to plain text frames, which discord.py also accepts
            comp = zstd.ZstdCompressor()
            self.kind = "zstd-stream"
            self._z = lambda data: comp.compress(data, mode=zstd.ZstdCompressor.FLUSH_BLOCK)
            return
        cobj = zstandard.ZstdCompressor().compressobj()
        self.kind = "zstd-stream"
        self._z = lambda data: cobj.compress(data) + cobj.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)

    def encode(self, text: str) -> bytes | None:
        raw = text.encode("utf-8")
        if self.kind == "zlib-stream":
            return self._z.compress(raw) + self._z.flush(zlib.Z_SYNC_FLUSH)
        if self.kind == "zstd-stream":
            return bytes(self._z(raw))
        return None


class GatewayConnection:
    def __init__(self, fake: FakeDiscord, ws: web.WebSocketResponse, request: web.Request) -> None:
        self.fake = fake
        self.ws = ws
        self.request = request
        self.url = str(request.url)
        self.query = dict(request.query)
        self.compressor = _Compressor(request.query.get("compress"))
        self.session: GatewaySession | None = None
        self._lock = asyncio.Lock()
        self.closed = False
        self.heartbeats = 0

    async def send(self, payload: dict[str, Any] | str) -> bool:
        if self.closed or self.ws.closed:
            return False
        text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
        async with self._lock:
            try:
                encoded = self.compressor.encode(text)
                if encoded is None:
                    await self.ws.send_str(text)
                else:
                    await self.ws.send_bytes(encoded)
            except (ConnectionResetError, RuntimeError):
                return False
        return True

    async def close(self, code: int, message: str = "") -> None:
        self.closed = True
        with contextlib.suppress(Exception):
            await self.ws.close(code=code, message=message.encode())

    def abort(self) -> None:
        """Drop the TCP connection without a close frame (the client sees 1006)."""
        self.closed = True
        transport = self.request.transport
        if transport is not None:
            transport.abort()


@dataclass
class GatewaySession:
    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: dict[str, Any]
    seq: int = 0
    #: (seq, event name, serialized frame): frames are frozen when dispatched, so a replay
    #: after RESUME sends exactly what was sent (or would have been) the first time.
    buffer: list[tuple[int, str, str]] = field(default_factory=list)
    connection: GatewayConnection | None = None
    resumable: bool = True
    alive: bool = True

    def handles_guild(self, guild_id: int | None) -> bool:
        if guild_id is None:  # DMs go to shard 0
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id

    def wants(self, event: str, guild_id: int | None) -> bool:
        bits = _GUILD_INTENT.get(event)
        if bits is None:
            return True
        needed = bits[0] if guild_id is not None else bits[1]
        return needed == 0 or bool(self.intents & needed)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        self.seq += 1
        text = json.dumps({"op": DISPATCH, "t": event, "s": self.seq, "d": data},
                          separators=(",", ":"))
        self.buffer.append((self.seq, event, text))
        if len(self.buffer) > 5000:
            del self.buffer[:1000]
        conn = self.connection
        if conn is not None:
            await conn.send(text)

    def events(self, name: str | None = None) -> list[dict[str, Any]]:
        """Dispatched events (decoded), optionally only those called ``name``."""
        return [json.loads(text) for _, ev, text in self.buffer if name in (None, ev)]


class Gateway:
    """The websocket side of the fake; ``FakeDiscord`` owns one."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: list[GatewayConnection] = []
        self.events: list[GatewayEvent] = []
        self.heartbeat_interval_ms = 1000
        self.ack_heartbeats = True
        #: Privileged intents the application is allowed (the developer portal toggles).
        self.allowed_privileged = PRIVILEGED
        #: Send every member in GUILD_CREATE. Real Discord sends only the bot's own member
        #: (and members in voice) unless the GUILD_PRESENCES intent is on.
        self.send_all_members = False

    # ---- bookkeeping ---------------------------------------------------------------

    def _event(self, kind: str, session: GatewaySession | None = None, *,
               shard_id: int | None = None, data: Any = None) -> None:
        self.events.append(GatewayEvent(
            kind, session.shard_id if session else shard_id,
            session.session_id if session else None, data))
        self.fake._notify()

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if s.alive]

    def connected(self) -> list[GatewayConnection]:
        return [c for c in self.connections if not c.closed and not c.ws.closed]

    async def dispatch(self, event: str, data: dict[str, Any], *, guild_id: int | None,
                       transform: Callable[[GatewaySession, dict[str, Any]], dict[str, Any]]
                       | None = None) -> int:
        """Send an event to every live session that owns ``guild_id`` and wants it."""
        sent = 0
        for session in self.live_sessions():
            if not session.handles_guild(guild_id) or not session.wants(event, guild_id):
                continue
            payload = transform(session, data) if transform else data
            await session.dispatch(event, payload)
            sent += 1
        return sent

    # ---- websocket handler -------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        conn = GatewayConnection(self.fake, ws, request)
        self.connections.append(conn)
        self._event("connect", data={"url": conn.url, "query": conn.query,
                                     "compress": conn.compressor.kind})
        if request.query.get("encoding", "json") != "json":
            self.fake._unexpected(f"gateway asked for encoding={request.query.get('encoding')}")
            await conn.close(4002, "Decode error")
            return ws
        if request.query.get("v") not in ("9", "10"):
            self.fake._unexpected(f"gateway asked for v={request.query.get('v')}")
        await conn.send({"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms,
                                             "_trace": ["fake-gateway"]}, "s": None, "t": None})
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    try:
                        payload = json.loads(msg.data)
                    except ValueError:
                        await conn.close(4002, "Decode error")
                        break
                    await self._on_payload(conn, payload)
                elif msg.type == WSMsgType.BINARY:
                    self.fake._unexpected("client sent a binary gateway frame")
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            conn.closed = True
            session = conn.session
            if session is not None and session.connection is conn:
                session.connection = None
            self._event("disconnect", session, data={"close_code": ws.close_code})
        return ws

    async def _on_payload(self, conn: GatewayConnection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        data = payload.get("d")
        if op == HEARTBEAT:
            conn.heartbeats += 1
            self._event("heartbeat", conn.session, data=data)
            if self.ack_heartbeats:
                await conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
            return
        if op == IDENTIFY:
            await self._identify(conn, data or {})
            return
        if op == RESUME:
            await self._resume(conn, data or {})
            return
        if conn.session is None:
            await conn.close(4003, "Not authenticated.")
            return
        if op == PRESENCE:
            self._event("presence", conn.session, data=data)
        elif op == REQUEST_MEMBERS:
            self._event("request_members", conn.session, data=data)
            await self._request_members(conn.session, data or {})
        elif op == VOICE_STATE:
            self._event("voice_state", conn.session, data=data)
        else:
            self.fake._unexpected(f"unknown gateway opcode {op!r}")
            await conn.close(4001, "Unknown opcode.")

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        fake = self.fake
        if conn.session is not None:
            await conn.close(4005, "Already authenticated.")
            return
        if data.get("token") != fake.token:
            self._event("identify_rejected", data={"reason": "token"})
            await conn.close(4004, "Authentication failed.")
            return
        shard = data.get("shard") or [0, 1]
        shard_id, shard_count = int(shard[0]), int(shard[1])
        if not 0 <= shard_id < shard_count:
            await conn.close(4010, "Invalid shard.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            await conn.close(4013, "Invalid intent(s).")
            return
        if intents & PRIVILEGED & ~self.allowed_privileged:
            await conn.close(4014, "Disallowed intent(s).")
            return
        # A new IDENTIFY for a shard retires that shard's previous sessions.
        for old in self.live_sessions():
            if old.shard_id == shard_id and old.shard_count == shard_count:
                old.alive = False
                old.resumable = False
        session = GatewaySession(session_id=secrets.token_hex(16), shard_id=shard_id,
                                 shard_count=shard_count, intents=intents, identify=data)
        session.connection = conn
        conn.session = session
        self.sessions[session.session_id] = session
        self._event("identify", session, data=data)
        guilds = [g for g in fake.guilds.values() if session.handles_guild(g.id)]
        ready: dict[str, Any] = {
            "v": 10,
            "user": {**fake.bot_user.pii_payload()},
            "user_settings": {},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "relationships": [],
            "private_channels": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["us-east"],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": fake.resume_gateway_url,
            "auth": {},
            "application": {"id": str(fake.application_id), "flags": fake.application_flags},
            "_trace": ["fake-gateway"],
        }
        if data.get("shard") is not None:
            ready["shard"] = [shard_id, shard_count]
        await session.dispatch("READY", ready)
        self._event("ready", session)
        for guild in guilds:
            await session.dispatch("GUILD_CREATE", self.guild_create_payload(session, guild))

    def guild_create_payload(self, session: GatewaySession, guild: Any) -> dict[str, Any]:
        fake = self.fake
        if self.send_all_members or session.intents & GUILD_PRESENCES:
            members = list(guild.members.values())
        else:
            members = [m for m in guild.members.values() if m.user.id == fake.bot_user.id]
        return guild.payload(members=members, unavailable=False)

    async def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        ok = (
            session is not None
            and session.alive
            and session.resumable
            and data.get("token") == self.fake.token
            and isinstance(data.get("seq"), int | None)
        )
        if not ok or session is None:
            self._event("resume_rejected", session, data=data)
            await conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        old = session.connection
        if old is not None and old is not conn:
            old.session = None
            await old.close(4000, "Session resumed elsewhere")
        session.connection = conn
        conn.session = session
        seq = data.get("seq") or 0
        missed = [text for s, _, text in session.buffer if s > seq]
        self._event("resume", session, data={"seq": seq, "replayed": len(missed),
                                             "url": conn.url})
        for frame in missed:
            await conn.send(frame)
        await session.dispatch("RESUMED", {"_trace": ["fake-gateway"]})
        self._event("resumed", session, data={"replayed": len(missed)})

    async def _request_members(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild = self.fake.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            return
        members = list(guild.members.values())
        user_ids = data.get("user_ids")
        if user_ids:
            wanted = {int(u) for u in user_ids}
            members = [m for m in members if m.user.id in wanted]
        query = data.get("query")
        if query:
            members = [m for m in members if m.user.username.lower().startswith(query.lower())]
        limit = data.get("limit") or 0
        if limit:
            members = members[:limit]
        payload: dict[str, Any] = {
            "guild_id": str(guild.id),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if data.get("nonce"):
            payload["nonce"] = data["nonce"]
        if data.get("presences"):
            payload["presences"] = []
        await session.dispatch("GUILD_MEMBERS_CHUNK", payload)

    # ---- fault injection ------------------------------------------------------------

    async def drop(self, *, shard_id: int | None = None, code: int | None = None) -> int:
        """Kill live connections: abort the TCP stream (``code=None``) or close with a code."""
        dropped = 0
        for conn in self.connected():
            session = conn.session
            if shard_id is not None and (session is None or session.shard_id != shard_id):
                continue
            self._event("closed_by_fake", session, data={"code": code})
            if code is None:
                conn.abort()
            else:
                await conn.close(code, "closed by fake")
            dropped += 1
        return dropped

    async def invalidate(self, *, resumable: bool, shard_id: int | None = None) -> int:
        count = 0
        for conn in self.connected():
            session = conn.session
            if session is None or (shard_id is not None and session.shard_id != shard_id):
                continue
            if not resumable:
                session.resumable = False
                session.alive = False
            self._event("invalid_session", session, data={"resumable": resumable})
            await conn.send({"op": INVALID_SESSION, "d": resumable, "s": None, "t": None})
            count += 1
        return count

    async def reconnect_request(self, *, shard_id: int | None = None) -> int:
        """Send op 7 RECONNECT (the client closes and RESUMEs)."""
        count = 0
        for conn in self.connected():
            session = conn.session
            if session is None or (shard_id is not None and session.shard_id != shard_id):
                continue
            await conn.send({"op": RECONNECT, "d": None, "s": None, "t": None})
            count += 1
        return count
