"""Knowledge files: validation against the schema, cross-checks, and loading into a Bank.

Like Red-DiscordBot's trivia lists, every file is checked and every problem is reported at
once, each with its file, record and field; loading never half-succeeds. The same checks
serve imports (``parse_document``), where references may also point at records that
already exist in the bank being imported into (``known``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from bot.codec import LIST_KEYS, bank_from_json
from bot.errors import Problem, ValidationFailed
from bot.models import Bank, RecordKind

SCHEMA_PATH = Path(__file__).with_name("knowledge_schema.json")
#: The largest data file or import accepted, in bytes.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@dataclass
class KnownIds:
    """Ids that references may point at besides those in the documents themselves."""

    sources: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)


def content_key(text: str) -> str:
    """Text folded for duplicate detection: case, accents, quotes, punctuation, spacing."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


#: The longest a problem's field or message gets: a 100 KB value is not echoed back.
MAX_PROBLEM_TEXT = 300


def _clip(text: str, limit: int = MAX_PROBLEM_TEXT) -> str:
    if len(text) <= limit:
        return text
    return f"{text[: limit - 30]}… ({len(text)} characters in all)"


def _record_label(key: str, index: int, item: Any) -> str:
    rid = item.get("id") if isinstance(item, dict) else None
    return f"{key}[{index}]" + (f" (id {_clip(repr(rid), 100)})" if isinstance(rid, str) else "")


def _path_label(data: Any, path: Iterable[Any]) -> str:
    parts = list(path)
    if not parts:
        return "(top level)"
    label = ""
    node = data
    for i, part in enumerate(parts):
        if i == 1 and isinstance(parts[0], str):
            label = _record_label(parts[0], int(part), node[part] if _has(node, part) else None)
        elif isinstance(part, int):
            label += f"[{part}]"
        else:
            label += ("." if label else "") + str(part)
        node = node[part] if _has(node, part) else None
    return label


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def schema_problems(data: Any, where: str) -> list[Problem]:
    """Every schema violation of one document, sorted by position."""
    problems = []
    for error in _validator().iter_errors(data):
        field_path = _path_label(data, error.absolute_path)
        message = error.message
        if error.validator == "pattern" and error.schema.get("pattern") == "\\S":
            message = "must not be blank"
        elif error.validator == "pattern" and "a-z0-9" in str(error.schema.get("pattern")):
            message = f"{error.instance!r} is not a valid id (use a-z, 0-9 and '-', at most 80)"
        elif error.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown field")
        elif error.validator in ("maxLength", "maxItems") and isinstance(
            error.instance, str | list
        ):
            unit = "characters" if isinstance(error.instance, str) else "items"
            message = (f"is too long ({len(error.instance)} {unit}; "
                       f"at most {error.validator_value})")
        problems.append(Problem(f"{where}: {_clip(field_path)}", _clip(message)))
    problems.sort(key=lambda p: p.where)
    return problems


def reference_problems(
    documents: Mapping[str, dict[str, Any]], known: KnownIds | None = None
) -> list[Problem]:
    """Duplicates and dangling references across schema-valid documents."""
    known = known or KnownIds()
    problems: list[Problem] = []
    seen_ids: dict[str, dict[str, str]] = {key: {} for key in LIST_KEYS.values()}
    seen_text: dict[str, dict[str, str]] = {"facts": {}, "quotes": {}}
    for where, data in documents.items():
        for key in LIST_KEYS.values():
            for index, item in enumerate(data.get(key, ())):
                label = f"{where}: {_record_label(key, index, item)}"
                first = seen_ids[key].get(item["id"])
                if first is not None:
                    problems.append(Problem(label, f"duplicate id, already used at {first}"))
                else:
                    seen_ids[key][item["id"]] = label
                if key in seen_text:
                    text_key = content_key(item["text"]) + "|" + str(item.get("speaker"))
                    first = seen_text[key].get(text_key)
                    if first is not None:
                        problems.append(Problem(f"{label}.text", f"same text as {first}"))
                    else:
                        seen_text[key][text_key] = label
    sources = set(seen_ids["sources"]) | known.sources
    people = set(seen_ids["people"]) | known.people
    for where, data in documents.items():
        for key in ("facts", "quotes"):
            for index, item in enumerate(data.get(key, ())):
                label = f"{where}: {_record_label(key, index, item)}"
                for c_index, citation in enumerate(item["citations"]):
                    if citation["source"] not in sources:
                        problems.append(
                            Problem(
                                f"{label}.citations[{c_index}].source",
                                f"unknown source {citation['source']!r}",
                            )
                        )
                refs = item.get("people", ()) if key == "facts" else [item.get("speaker")]
                for ref in refs:
                    if ref is not None and ref not in people:
                        field_name = "people" if key == "facts" else "speaker"
                        problems.append(Problem(f"{label}.{field_name}", f"unknown person {ref!r}"))
    return problems


def read_document(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read one JSON file; a problem instead of an exception when it cannot be read."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            return None, [Problem(where, f"file is too large ({size} bytes)")]
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(where, f"cannot read file: {exc.strerror or exc}")]
    return parse_json(raw, where)


def parse_json(raw: str | bytes, where: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [Problem(f"{where}: line {exc.lineno} column {exc.colno}", exc.msg)]
    except (UnicodeDecodeError, RecursionError, ValueError) as exc:
        return None, [Problem(where, f"not valid JSON: {exc}")]
    if not isinstance(data, dict):
        return None, [Problem(where, "must be a JSON object with sources/people/facts/quotes")]
    return data, []


def check_documents(
    documents: Mapping[str, dict[str, Any]], known: KnownIds | None = None
) -> list[Problem]:
    """Schema problems of each document, then (if all are schema-valid) reference problems."""
    problems: list[Problem] = []
    valid: dict[str, dict[str, Any]] = {}
    loose = KnownIds(set(known.sources), set(known.people)) if known else KnownIds()
    for where, data in documents.items():
        found = schema_problems(data, where)
        problems.extend(found)
        if not found:
            valid[where] = data
        else:  # still check the valid files' references, against whatever ids this one has
            loose.sources.update(_loose_ids(data.get("sources")))
            loose.people.update(_loose_ids(data.get("people")))
    return problems + reference_problems(valid, loose)


def _loose_ids(items: Any) -> set[str]:
    if not isinstance(items, list):
        return set()
    return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}


def knowledge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.json") if p.is_file())


def check_knowledge(directory: Path) -> tuple[Bank | None, list[Problem]]:
    """Validate every file in ``directory``; the bank when there is no problem at all."""
    if not directory.is_dir():
        return None, [Problem(str(directory), "knowledge folder not found")]
    documents: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    files = knowledge_files(directory)
    if not files:
        problems.append(Problem(str(directory), "no *.json knowledge files"))
    for path in files:
        data, read_problems = read_document(path)
        problems.extend(read_problems)
        if data is not None:
            documents[str(path)] = data
    problems.extend(check_documents(documents))
    if problems:
        return None, problems
    bank = Bank()
    for data in documents.values():
        bank = bank.merged(bank_from_json(data))
    return bank, []


def load_knowledge(directory: Path) -> Bank:
    """The shipped coverage as a Bank; :class:`ValidationFailed` lists every problem."""
    bank, problems = check_knowledge(directory)
    if bank is None:
        raise ValidationFailed(problems, what=f"knowledge in {directory}")
    return bank


def parse_document(
    raw: str | bytes,
    *,
    where: str = "import",
    guild_id: int | None = None,
    known: KnownIds | None = None,
) -> Bank:
    """An import document as a Bank placed in ``guild_id``; every problem at once."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ValidationFailed([Problem(where, "document is too large")], what=where)
    data, problems = parse_json(raw, where)
    if data is None:
        raise ValidationFailed(problems, what=where)
    problems = check_documents({where: data}, known)
    if problems:
        raise ValidationFailed(problems, what=where)
    return bank_from_json(data, guild_id)


def record_problems(kind: RecordKind, data: dict[str, Any], where: str) -> list[Problem]:
    """Schema problems of a single record in JSON form (admin add/edit)."""
    key = LIST_KEYS[kind]
    return schema_problems({key: [data]}, where)
