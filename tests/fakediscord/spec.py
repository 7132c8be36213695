"""Discord's OpenAPI description, as a request/response validator for the fake.

* ``match_path`` maps a concrete API path (``/channels/123/messages``) to its templated
  spec path (``/channels/{channel_id}/messages``); literal segments win over parameters
  (``/messages/@original`` before ``/messages/{message_id}``).
* ``request_errors`` / ``response_errors`` validate a JSON body against the schema of a
  (template, method) with jsonschema's Draft 2020-12 validator (OpenAPI 3.1 *is* JSON
  Schema 2020-12), resolving ``$ref``s through a ``referencing`` registry that holds the
  whole document. Validators are compiled once per (template, method, kind) per process.
* ``extra_errors`` adds limits Discord enforces that the schema does not state (bots'
  2000-character content, 6000 characters of embeds, empty messages, autocomplete choices,
  ``allowed_mentions`` exclusivity, ...).

One deliberate deviation from the document: ``SnowflakeType`` also accepts a non-negative
integer. Discord's API accepts snowflakes as JSON numbers, and discord.py sends several of
them that way (``message_reference.message_id``, ``allowed_mentions.users``, ...).
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parent.parent / "discord_api_spec" / "openapi.json"
_BASE_URI = "urn:discord-openapi"
_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")

# Limits a *bot* hits that the schema either omits or states for users.
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_AUTHOR_NAME = 256
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_CHOICE_VALUE = 100


@functools.cache
def load_spec() -> dict[str, Any]:
    """The OpenAPI document, with the SnowflakeType relaxation (see module doc)."""
    doc: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    snowflake = doc["components"]["schemas"]["SnowflakeType"]
    doc["components"]["schemas"]["SnowflakeType"] = {
        "anyOf": [snowflake, {"type": "integer", "minimum": 0, "maximum": 2**64 - 1}]
    }
    return doc


@functools.cache
def _registry() -> Registry:
    resource = Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    return Registry().with_resource(_BASE_URI, resource)


def _check_snowflake(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value < 2**64
    return isinstance(value, str) and re.fullmatch(r"0|[1-9][0-9]*", value) is not None


def _check_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path)


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("snowflake")(_check_snowflake)
    checker.checks("date-time")(_check_datetime)
    checker.checks("uri")(_check_uri)
    return checker


# --- path matching -----------------------------------------------------------------


@functools.cache
def _templates() -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = [(t, tuple(t.strip("/").split("/"))) for t in load_spec()["paths"]]
    # More literal segments first; among equals, literal earlier wins.
    out.sort(key=lambda item: [0 if s.startswith("{") else -1 for s in item[1]])
    out.sort(key=lambda item: -sum(1 for s in item[1] if not s.startswith("{")))
    return tuple(out)


def match_path(path: str) -> tuple[str, dict[str, str]] | None:
    """(template, path parameters) for a concrete path relative to ``/api/v10``."""
    segments = path.strip("/").split("/")
    for template, parts in _templates():
        if len(parts) != len(segments):
            continue
        params: dict[str, str] = {}
        for part, seg in zip(parts, segments, strict=True):
            if part.startswith("{") and part.endswith("}"):
                if not seg:
                    break
                params[part[1:-1]] = seg
            elif part != seg:
                break
        else:
            return template, params
    return None


def operation(template: str, method: str) -> dict[str, Any] | None:
    item = load_spec()["paths"].get(template)
    if item is None:
        return None
    op = item.get(method.lower())
    return op if isinstance(op, dict) else None


# --- validators -----------------------------------------------------------------------


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@functools.cache
def _validator(template: str, method: str, kind: str, key: str) -> Draft202012Validator | None:
    """kind='request': key is a content type; kind='response': key is a status code."""
    op = operation(template, method)
    if op is None:
        return None
    method = method.lower()
    if kind == "request":
        content = op.get("requestBody", {}).get("content", {})
        if key not in content or "schema" not in content[key]:
            return None
        ref = _pointer("paths", template, method, "requestBody", "content", key, "schema")
    else:
        responses = op.get("responses", {})
        entry = responses.get(key)
        if entry is None:
            return None
        if "$ref" in entry:  # components/responses/...
            return None
        content = entry.get("content", {})
        if "application/json" not in content:
            return None
        ref = _pointer("paths", template, method, "responses", key, "content", "application/json",
                       "schema")
    schema = {"$ref": f"{_BASE_URI}#/{ref}"}
    return Draft202012Validator(schema, registry=_registry(), format_checker=_format_checker())


def has_request_schema(template: str, method: str, content_type: str = "application/json") -> bool:
    return _validator(template, method, "request", content_type) is not None


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _branch_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """For an anyOf/oneOf failure, the errors of the branch the body was meant for.

    Discord's unions are discriminated by a ``type`` field: a branch whose only complaint is
    not about ``type`` is the intended one. Otherwise fall back to jsonschema's best match.
    """
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context or []:
        key = sub.relative_schema_path[0] if sub.relative_schema_path else None
        branches.setdefault(key, []).append(sub)

    def about_discriminator(e: jsonschema.ValidationError) -> bool:
        rel = list(e.relative_path)
        return rel == ["type"] or (e.validator == "type" and not rel)

    intended = [errs for errs in branches.values() if not any(map(about_discriminator, errs))]
    if len(intended) == 1:
        return intended[0]
    return [jsonschema.exceptions.best_match(error.context or [])]


def _flatten(errors: Iterable[jsonschema.ValidationError]) -> Iterator[str]:
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "<body>"
        if error.context:
            yield from _flatten(_branch_errors(error))
        else:
            rule = _short(f"{error.validator}={error.validator_value!r}", 80)
            yield f"{where}: {_short(error.message, 160)} [{rule}]"


def request_errors(template: str, method: str, body: Any) -> list[str]:
    validator = _validator(template, method, "request", "application/json")
    if validator is None:
        return []
    return sorted(_flatten(validator.iter_errors(body)))


def response_errors(template: str, method: str, status: int, body: Any) -> list[str]:
    validator = _validator(template, method, "response", str(status))
    if validator is None:
        return []
    return sorted(_flatten(validator.iter_errors(body)))


def warm_up(pairs: Iterable[tuple[str, str]]) -> None:
    """Compile validators ahead of time (the first compile of a big union costs ~ms)."""
    for template, method in pairs:
        _validator(template, method, "request", "application/json")


# --- limits beyond the schema ---------------------------------------------------------

_MESSAGE_BODIES = {
    ("POST", "/channels/{channel_id}/messages"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
}
_CREATES = {
    ("POST", "/channels/{channel_id}/messages"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
}
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


def _len(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


def embed_errors(embeds: Any, where: str) -> list[str]:
    errors: list[str] = []
    if not isinstance(embeds, list):
        return errors
    if len(embeds) > MAX_EMBEDS:
        errors.append(f"{where}: {len(embeds)} embeds, at most {MAX_EMBEDS}")
    total = 0
    for i, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            continue
        at = f"{where}/{i}"
        title, desc = embed.get("title"), embed.get("description")
        total += _len(title) + _len(desc)
        if _len(title) > MAX_EMBED_TITLE:
            errors.append(f"{at}/title: {_len(title)} chars, at most {MAX_EMBED_TITLE}")
        if _len(desc) > MAX_EMBED_DESCRIPTION:
            errors.append(f"{at}/description: {_len(desc)} chars, at most {MAX_EMBED_DESCRIPTION}")
        footer = embed.get("footer") or {}
        author = embed.get("author") or {}
        if isinstance(footer, dict):
            total += _len(footer.get("text"))
            if _len(footer.get("text")) > MAX_FOOTER:
                errors.append(f"{at}/footer/text: longer than {MAX_FOOTER}")
            if "text" in footer and not footer.get("text"):
                errors.append(f"{at}/footer/text: must not be empty")
        if isinstance(author, dict):
            total += _len(author.get("name"))
            if _len(author.get("name")) > MAX_AUTHOR_NAME:
                errors.append(f"{at}/author/name: longer than {MAX_AUTHOR_NAME}")
        fields = embed.get("fields") or []
        if isinstance(fields, list):
            if len(fields) > MAX_EMBED_FIELDS:
                errors.append(f"{at}/fields: {len(fields)} fields, at most {MAX_EMBED_FIELDS}")
            for j, field in enumerate(fields):
                if not isinstance(field, dict):
                    continue
                name, value = field.get("name"), field.get("value")
                total += _len(name) + _len(value)
                if not isinstance(name, str) or not name.strip():
                    errors.append(f"{at}/fields/{j}/name: required, must not be blank")
                elif len(name) > MAX_FIELD_NAME:
                    errors.append(
                        f"{at}/fields/{j}/name: {len(name)} chars, at most {MAX_FIELD_NAME}")
                if not isinstance(value, str) or not value.strip():
                    errors.append(f"{at}/fields/{j}/value: required, must not be blank")
                elif len(value) > MAX_FIELD_VALUE:
                    errors.append(
                        f"{at}/fields/{j}/value: {len(value)} chars, at most {MAX_FIELD_VALUE}"
                    )
    if total > MAX_EMBED_TOTAL:
        errors.append(f"{where}: embeds total {total} chars, at most {MAX_EMBED_TOTAL}")
    return errors


def allowed_mentions_errors(am: Any, where: str) -> list[str]:
    if not isinstance(am, dict):
        return []
    errors = []
    parse = am.get("parse") or []
    for key in ("users", "roles"):
        if key in parse and am.get(key):
            errors.append(f"{where}: parse contains {key!r} and {key} is also given "
                          "(mutually exclusive)")
    return errors


def message_errors(body: Any, where: str = "<body>", *, creating: bool, has_files: bool = False,
                   ) -> list[str]:
    if not isinstance(body, dict):
        return []
    errors: list[str] = []
    content = body.get("content")
    if isinstance(content, str) and len(content) > MAX_CONTENT:
        errors.append(f"{where}/content: {len(content)} chars, at most {MAX_CONTENT} (code 50035 "
                      "BASE_TYPE_MAX_LENGTH)")
    errors += embed_errors(body.get("embeds"), f"{where}/embeds")
    errors += allowed_mentions_errors(body.get("allowed_mentions"), f"{where}/allowed_mentions")
    if creating:
        flags = body.get("flags") or 0
        components_v2 = bool(flags & (1 << 15))
        has_any = bool(content) or bool(body.get("embeds")) or bool(body.get("components")) \
            or bool(body.get("sticker_ids")) or bool(body.get("poll")) or has_files \
            or components_v2
        if not has_any:
            errors.append(f"{where}: cannot send an empty message (code 50006)")
    return errors


def choices_errors(data: Any, where: str) -> list[str]:
    if not isinstance(data, dict):
        return [f"{where}: autocomplete response needs data.choices"]
    choices = data.get("choices")
    if not isinstance(choices, list):
        return [f"{where}/choices: required list"]
    errors = []
    if len(choices) > MAX_CHOICES:
        errors.append(f"{where}/choices: {len(choices)} choices, at most {MAX_CHOICES}")
    for i, choice in enumerate(choices):
        if not isinstance(choice, dict):
            errors.append(f"{where}/choices/{i}: not an object")
            continue
        name, value = choice.get("name"), choice.get("value")
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_CHOICE_NAME:
            errors.append(f"{where}/choices/{i}/name: must be 1..{MAX_CHOICE_NAME} chars")
        if isinstance(value, str) and len(value) > MAX_CHOICE_VALUE:
            errors.append(f"{where}/choices/{i}/value: {len(value)} chars, at most "
                          f"{MAX_CHOICE_VALUE}")
        if value is None:
            errors.append(f"{where}/choices/{i}/value: required")
    return errors


_COMMAND_NAME = re.compile(r"^[-_'\w\u0900-\u097F\u0E00-\u0E7F]{1,32}$")


def command_errors(command: Any, where: str) -> list[str]:
    """Chat-input command rules: lowercase names, descriptions, required-before-optional."""
    if not isinstance(command, dict):
        return []
    errors: list[str] = []
    ctype = command.get("type") or 1
    name = command.get("name")
    if ctype == 1 and isinstance(name, str):
        if not _COMMAND_NAME.match(name) or name != name.lower():
            errors.append(f"{where}/name: {name!r} is not a valid lowercase command name")
        desc = command.get("description")
        if not isinstance(desc, str) or not 1 <= len(desc) <= 100:
            errors.append(f"{where}/description: chat-input commands need 1..100 chars")
    errors += _option_errors(command.get("options") or [], f"{where}/options")
    return errors


def _option_errors(options: Any, where: str) -> list[str]:
    if not isinstance(options, list):
        return []
    errors: list[str] = []
    seen_optional = False
    names: set[str] = set()
    for i, opt in enumerate(options):
        if not isinstance(opt, dict):
            continue
        at = f"{where}/{i}"
        name = opt.get("name")
        if isinstance(name, str):
            if not _COMMAND_NAME.match(name) or name != name.lower():
                errors.append(f"{at}/name: {name!r} is not a valid lowercase option name")
            if name in names:
                errors.append(f"{at}/name: duplicate option name {name!r}")
            names.add(name)
        desc = opt.get("description")
        if not isinstance(desc, str) or not 1 <= len(desc) <= 100:
            errors.append(f"{at}/description: options need 1..100 chars")
        if opt.get("type") in (1, 2):
            errors += _option_errors(opt.get("options") or [], f"{at}/options")
            continue
        if opt.get("required"):
            if seen_optional:
                errors.append(f"{at}: required options must come before optional ones")
        else:
            seen_optional = True
        if opt.get("autocomplete") and opt.get("choices"):
            errors.append(f"{at}: autocomplete and choices are mutually exclusive")
    return errors


def extra_errors(method: str, template: str, body: Any, *, has_files: bool = False) -> list[str]:
    """Limits Discord enforces beyond the schema, for the request bodies the bot sends."""
    key = (method.upper(), template)
    if key in _MESSAGE_BODIES:
        return message_errors(body, creating=key in _CREATES, has_files=has_files)
    if key == ("POST", CALLBACK) and isinstance(body, dict):
        ctype = body.get("type")
        data = body.get("data")
        if ctype in (4, 7):
            return message_errors(data, "<body>/data", creating=ctype == 4, has_files=has_files)
        if ctype == 8:
            return choices_errors(data, "<body>/data")
        if ctype == 9 and isinstance(data, dict):
            title = data.get("title")
            if not isinstance(title, str) or not 1 <= len(title) <= 45:
                return ["<body>/data/title: modal titles need 1..45 chars"]
        return []
    if method.upper() == "PUT" and template.endswith("/commands") and isinstance(body, list):
        errors: list[str] = []
        seen: set[tuple[Any, Any]] = set()
        for i, command in enumerate(body):
            errors += command_errors(command, f"<body>/{i}")
            if isinstance(command, dict):
                key2 = (command.get("name"), command.get("type") or 1)
                if key2 in seen:
                    errors.append(f"<body>/{i}: duplicate command {key2[0]!r}")
                seen.add(key2)
        return errors
    if method.upper() in ("POST", "PATCH") and "/commands" in template:
        return command_errors(body, "<body>")
    return []
