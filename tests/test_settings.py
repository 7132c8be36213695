"""bot/settings.py: settings read once, from the environment over a .env file, every bad
value refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import DEFAULT_KNOWLEDGE_DIR, Settings, load_settings


def test_defaults_with_nothing_set() -> None:
    settings = load_settings({}, env_file=None)
    assert settings.discord_token is None
    assert settings.knowledge_dir == DEFAULT_KNOWLEDGE_DIR
    assert settings.max_question_length == 500 and settings.question_backlog == 50
    assert settings.answer_threshold is None and settings.shard_ids == frozenset()


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_TOKEN=from-file\nLOG_LEVEL=debug\nOWNER_IDS=1, 2\n")
    settings = load_settings({"DISCORD_TOKEN": "from-env"}, env_file=env_file)
    assert settings.discord_token == "from-env"
    assert settings.log_level == "DEBUG" and settings.owner_ids == frozenset({1, 2})


def test_the_token_is_never_shown() -> None:
    settings = load_settings({"DISCORD_TOKEN": "secret-token"}, env_file=None)
    assert "secret-token" not in repr(settings)


@pytest.mark.parametrize(("env", "message"), [
    ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ({"DEV_GUILD_ID": "abc"}, "DEV_GUILD_ID"),
    ({"SHARD_COUNT": "0"}, "SHARD_COUNT"),
    ({"SHARD_IDS": "0,1"}, "SHARD_IDS needs SHARD_COUNT"),
    ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "below SHARD_COUNT"),
    ({"MAX_QUESTION_LENGTH": "many"}, "MAX_QUESTION_LENGTH"),
    ({"QUESTION_BACKLOG": "0"}, "QUESTION_BACKLOG"),
    ({"OWNER_IDS": "me"}, "OWNER_IDS"),
])
def test_a_bad_value_is_refused_naming_the_setting(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env, env_file=None)


def test_the_env_file_can_be_named_by_the_environment(tmp_path: Path) -> None:
    env_file = tmp_path / "custom.env"
    env_file.write_text("ANSWER_THRESHOLD=55\n")
    settings = load_settings({"COVERAGE_BOT_ENV_FILE": str(env_file)})
    assert settings.answer_threshold == 55.0


def test_overrides_make_a_new_settings_object() -> None:
    base = Settings()
    changed = base.with_overrides(question_cooldown=0.0)
    assert changed.question_cooldown == 0.0 and base.question_cooldown == 3.0
