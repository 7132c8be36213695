"""Settings: read once from the environment and ``.env`` into one object that is passed down.

Nothing else in the project reads ``os.environ``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values
from platformdirs import user_cache_dir, user_data_dir

from bot.errors import ConfigError


def shipped_knowledge_dir() -> Path:
    """Where the shipped coverage lives, whatever the current folder.

    In an installed wheel it is package data, ``bot/shipped/``; in a checkout (or an editable
    install of one) it is ``knowledge/`` at the top of the repository, its source of truth.
    """
    package = Path(__file__).resolve().parent
    installed = package / "shipped"
    if installed.is_dir():
        return installed
    return package.parent / "knowledge"


DEFAULT_KNOWLEDGE_DIR = shipped_knowledge_dir()


def default_cache_dir() -> Path:
    """Where files the bot can always rebuild are kept (the engine snapshot of a server's
    database): the user cache directory."""
    return Path(user_cache_dir("coverage-bot", appauthor=False))


def default_database_path() -> Path:
    return Path(user_data_dir("coverage-bot", appauthor=False)) / "coverage-bot.db"


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: str | None = field(default=None, repr=False)
    database_path: Path = field(default_factory=default_database_path)
    #: ``DATABASE_URL``: a PostgreSQL database (``postgresql://user:password@host/db``) that
    #: several bot processes share; when set, it is used instead of ``database_path``.
    database_url: str | None = field(default=None, repr=False)
    #: ``CACHE_DIR``: where the engine snapshot of a PostgreSQL database is kept on this
    #: machine (an SQLite file's is beside the file); rebuilt whenever missing or stale.
    cache_dir: Path = field(default_factory=default_cache_dir)
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    owner_ids: frozenset[int] = frozenset()
    admin_role_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    #: Guild to sync slash commands to on ``coverage-bot sync`` when none is given.
    dev_guild_id: int | None = None
    #: Longest question accepted, in characters.
    max_question_length: int = 500
    #: Seconds a user waits between questions (per-user cooldown); 0 disables it.
    question_cooldown: float = 3.0
    #: Seconds a follow-up question ("what else did she say") is read against the last
    #: question of the same person in the same channel; 0 turns follow-ups off.
    follow_up_seconds: float = 300.0
    #: Questions waiting to be answered, at most; past it a mention gets a short "busy" reply
    #: (once in a while per channel) and ``/ask`` a "busy" answer instead of a late one.
    question_backlog: int = 50
    #: Answers below this score (0-100) are abstentions.
    answer_threshold: float | None = None
    #: Total shards (None: Discord's recommendation) and the ones this process runs.
    shard_count: int | None = None
    shard_ids: frozenset[int] = frozenset()

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def database(self) -> str | Path:
        """The database the bot uses: the PostgreSQL URL if one is set, else the file."""
        return self.database_url if self.database_url is not None else self.database_path

    @property
    def default_database(self) -> bool:
        """Whether the database is the default file (whose folder the bot may create)."""
        return self.database_url is None and self.database_path == default_database_path()

    def with_database(self, target: str) -> Settings:
        """These settings on another database: a ``postgresql://`` URL or a file path (what
        ``--db`` gives)."""
        if is_database_url(target):
            return replace(self, database_url=target)
        return replace(self, database_url=None, database_path=Path(target).expanduser())


def is_database_url(value: str) -> bool:
    """Whether a database setting is a PostgreSQL URL rather than an SQLite file."""
    return value.lower().startswith(("postgresql://", "postgres://"))


def _ids(name: str, raw: str | None) -> frozenset[int]:
    if not raw:
        return frozenset()
    out: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError(f"{name} must be a comma-separated list of Discord ids, got {part!r}")
        out.add(int(part))
    return frozenset(out)


def _number(name: str, raw: str | None, default: float, kind: type = float) -> float:
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {raw!r}")
    return value


def _backlog(raw: str | None) -> int:
    value = _number("QUESTION_BACKLOG", raw, 50, int)
    if value < 1:
        raise ConfigError(f"QUESTION_BACKLOG must be at least 1, got {raw!r}")
    return int(value)


def load_settings(
    env: Mapping[str, str] | None = None, env_file: Path | str | None = ".env"
) -> Settings:
    """Build the settings from ``env`` (default: the process environment) over ``env_file``.

    Values in the environment win over values in the file, as with python-dotenv's default.
    The default file is ``.env`` in the current folder, or the one ``COVERAGE_BOT_ENV_FILE``
    names (``./run`` names the checkout's, so that it works from any folder).
    """
    source = os.environ if env is None else env
    if env_file == ".env" and source.get("COVERAGE_BOT_ENV_FILE", "").strip():
        env_file = Path(source["COVERAGE_BOT_ENV_FILE"].strip()).expanduser()
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(source)

    def get(name: str) -> str | None:
        raw = values.get(name)
        return raw.strip() if raw is not None and raw.strip() else None

    level = (get("LOG_LEVEL") or "INFO").upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}")
    dev_guild = get("DEV_GUILD_ID")
    if dev_guild is not None and not dev_guild.isdigit():
        raise ConfigError(f"DEV_GUILD_ID must be a Discord guild id, got {dev_guild!r}")
    db = get("DATABASE_PATH")
    url = get("DATABASE_URL")
    if url is not None and not is_database_url(url):
        raise ConfigError("DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@"
                          f"host:port/database), got {url.split('://')[0]!r}://...; for an "
                          "SQLite file, set DATABASE_PATH")
    kdir = get("KNOWLEDGE_DIR")
    cache = get("CACHE_DIR")
    threshold = get("ANSWER_THRESHOLD")
    shard_count = get("SHARD_COUNT")
    if shard_count is not None and (not shard_count.isdigit() or int(shard_count) < 1):
        raise ConfigError(f"SHARD_COUNT must be a whole number of at least 1, got {shard_count!r}")
    shard_ids = _ids("SHARD_IDS", get("SHARD_IDS"))
    if shard_ids and shard_count is None:
        raise ConfigError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
    if shard_count is not None and any(i >= int(shard_count) for i in shard_ids):
        raise ConfigError(f"SHARD_IDS must be below SHARD_COUNT ({shard_count})")
    return Settings(
        discord_token=get("DISCORD_TOKEN"),
        database_path=Path(db).expanduser() if db else default_database_path(),
        database_url=url,
        cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
        knowledge_dir=Path(kdir).expanduser() if kdir else DEFAULT_KNOWLEDGE_DIR,
        owner_ids=_ids("OWNER_IDS", get("OWNER_IDS")),
        admin_role_ids=_ids("ADMIN_ROLE_IDS", get("ADMIN_ROLE_IDS")),
        log_level=level,
        dev_guild_id=int(dev_guild) if dev_guild else None,
        max_question_length=int(
            _number("MAX_QUESTION_LENGTH", get("MAX_QUESTION_LENGTH"), 500, int)
        ),
        question_cooldown=_number("QUESTION_COOLDOWN", get("QUESTION_COOLDOWN"), 3.0),
        follow_up_seconds=_number("FOLLOW_UP_SECONDS", get("FOLLOW_UP_SECONDS"), 300.0),
        question_backlog=_backlog(get("QUESTION_BACKLOG")),
        answer_threshold=(
            _number("ANSWER_THRESHOLD", threshold, 0.0) if threshold is not None else None
        ),
        shard_count=int(shard_count) if shard_count is not None else None,
        shard_ids=shard_ids,
    )
