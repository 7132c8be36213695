"""Knowledge files: validation against the schema, cross-checks, and loading into a Bank.

Like Red-DiscordBot's trivia lists, every file is checked and every problem is reported at
once (format and references in one pass), each with its file, record and field; loading
never half-succeeds. The same checks (:class:`DocumentCheck`) serve imports, which stream
(:func:`stream_records`) and whose references may also point at records that already exist
in the bank being imported into (``known``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import textfold
from bot.codec import EXPORT_FORMAT, LIST_KEYS, from_json
from bot.errors import InputError, Problem, ValidationFailed
from bot.inputs import open_regular, read_limited
from bot.models import Bank, Record, RecordKind, kind_of
from bot.record_shape import DATE, URL, surely_valid

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("knowledge_schema.json")
#: The largest knowledge data file, and the largest import uploaded in Discord, in bytes.
#: (The command line's ``import`` streams, and takes up to :data:`MAX_IMPORT_BYTES`.)
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
#: The longest single value (a string, a number) an import's parser may build.
MAX_VALUE_BYTES = 16 * 1024 * 1024
#: The largest file ``coverage-bot import`` reads: a bank of a million records is ~450 MB.
MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # only for a record the direct test refuses

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@dataclass
class KnownIds:
    """Ids that references may point at besides those in the documents themselves."""

    sources: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)


_WORD = re.compile(r"\w+")
#: ASCII letters, digits and "_" (what \w matches in ASCII) lower-cased, NUL dropped (as
#: textfold.key drops it), the rest a space.
_ASCII_WORDS = str.maketrans({
    i: chr(i).lower() if chr(i).isalnum() or chr(i) == "_" else (None if i == 0 else " ")
    for i in range(128)
})


def content_key(text: str) -> str:
    """Text folded for duplicate detection: the words of :func:`bot.textfold.key` (case,
    accents, quotes, dashes, spacing folded as everywhere), punctuation ignored. Two texts
    the storage's content keys call the same have the same key here."""
    if text.isascii():  # (the same key, faster; run for every record)
        return " ".join(text.translate(_ASCII_WORDS).split())
    return " ".join(_WORD.findall(textfold.key(text)))


#: The longest a problem's field or message gets: a 100 KB value is not echoed back.
MAX_PROBLEM_TEXT = 300


def clip_text(text: str, limit: int = MAX_PROBLEM_TEXT) -> str:
    if len(text) <= limit:
        return text
    return f"{text[: limit - 30]}… ({len(text)} characters in all)"


def _record_label(key: str, index: int, item: Any) -> str:
    rid = item.get("id") if isinstance(item, dict) else None
    label = f" (id {clip_text(repr(rid), 100)})" if isinstance(rid, str) else ""
    return f"{key}[{index}]{label}"


#: Where a record is: (document, index in its list, id).
_Place = tuple[str, int, str | None]


def _place_label(key: str, place: _Place) -> str:
    """How a record is named in a problem: ``file: facts[3] (id 'x')``."""
    where, index, rid = place
    return f"{where}: {_record_label(key, index, {'id': rid})}"


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


def _schema_message(error: Any) -> str:
    message = str(error.message)
    if error.validator == "pattern" and error.schema.get("pattern") == "\\S":
        message = "must not be blank"
    elif error.validator == "pattern" and "a-z0-9" in str(error.schema.get("pattern")):
        message = f"{error.instance!r} is not a valid id (use a-z, 0-9 and '-', at most 80)"
    elif error.validator == "additionalProperties":
        message = message.replace("Additional properties are not allowed", "unknown field")
    elif error.validator in ("maxLength", "maxItems") and isinstance(error.instance, str | list):
        unit = "characters" if isinstance(error.instance, str) else "items"
        message = (f"is too long ({len(error.instance)} {unit}; "
                   f"at most {error.validator_value})")
    return clip_text(printable(message))


def schema_problems(data: Any, where: str) -> list[Problem]:
    """Every schema violation of one document, sorted by position."""
    problems = []
    for error in _validator().iter_errors(data):
        field_path = printable(_path_label(data, error.absolute_path))
        problems.append(Problem(f"{where}: {clip_text(field_path)}", _schema_message(error)))
    problems.sort(key=lambda p: p.where)
    return problems


def read_document(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read one JSON file (a regular file of at most :data:`MAX_DOCUMENT_BYTES`); a problem
    instead of an exception when it cannot be read."""
    where = str(path)
    try:
        stream, _size = open_regular(path, limit=MAX_DOCUMENT_BYTES, what="data file")
        with stream:
            raw = read_limited(stream, MAX_DOCUMENT_BYTES, name=where, what="data file")
        text = raw.decode("utf-8")
    except InputError as exc:
        return None, [Problem(where, str(exc).removeprefix(f"{where} ").removeprefix(f"{where}: "))]
    except UnicodeDecodeError as exc:
        return None, [Problem(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(where, f"cannot read file: {exc.strerror or exc}")]
    return parse_json(text, where)


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


def _check_loaded(data: Any, where: str, check: DocumentCheck) -> Iterator[Record]:
    """Check a document already parsed (a knowledge file); its valid records."""
    out: list[Record] = []
    if not isinstance(data, dict):
        check.add(Problem(where, "must be a JSON object with sources/people/facts/quotes"))
        return iter(out)
    for key, value in data.items():
        if not check.top_level_key(key, where):
            if key == "format":
                check.format_value(value, where)
            continue
        if not isinstance(value, list):
            check.not_a_list(key, value, where)
            continue
        for index, item in enumerate(value):
            if check.record(key, index, item, where):
                out.append(from_json(KIND_OF_KEY[key], item))
    return iter(out)


def knowledge_files(directory: Path) -> list[Path]:
    """Every ``*.json`` entry (one that is not a regular file is reported, not skipped)."""
    return sorted(directory.glob("*.json"))


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
    check = DocumentCheck(keep=10**9)
    records: list[Record] = []
    for where, data in documents.items():
        records.extend(_check_loaded(data, where, check))
    check.finish()
    problems.extend(check.problems)
    if problems:
        return None, problems
    return bank_of(records), []


def load_knowledge(directory: Path) -> Bank:
    """The shipped coverage as a Bank; :class:`ValidationFailed` lists every problem."""
    bank, problems = check_knowledge(directory)
    if bank is None:
        raise ValidationFailed(problems, what=f"knowledge in {directory}")
    return bank


def bank_of(records: Iterable[Record]) -> Bank:
    """The records as a Bank (each in its own kind's list, in order)."""
    lists: dict[str, list[Any]] = {key: [] for key in LIST_KEYS.values()}
    for record in records:
        lists[LIST_KEYS[kind_of(record)]].append(record)
    return Bank(tuple(lists["sources"]), tuple(lists["people"]), tuple(lists["facts"]),
                tuple(lists["quotes"]))


def record_problems(kind: RecordKind, data: dict[str, Any], where: str) -> list[Problem]:
    """Schema problems of a single record in JSON form (admin add/edit)."""
    key = LIST_KEYS[kind]
    return schema_problems({key: [data]}, where)


# --------------------------------------------------------------------------- record by record
# Imports are checked one record at a time as the document streams in (a bank of a million
# records is a 450 MB document): :class:`DocumentCheck` keeps only ids and text hashes, and
# the schema of each record is checked by a direct test first (jsonschema takes ~300 µs a
# record), falling back to jsonschema for the messages when that test says no.

#: Problems kept in full (each shown with where and why); the rest are only counted.
MAX_KEPT_PROBLEMS = 200
KIND_OF_KEY = {key: kind for kind, key in LIST_KEYS.items()}
#: What no stored text may hold: NUL, lone surrogates, and U+FDD0 (the mark the streaming
#: reader leaves where the document had a lone surrogate escape, see :class:`_Reader`).
_BAD_CHAR = re.compile("[\x00\ud800-\udfff\ufdd0]")


@cache
def _record_validator(kind: RecordKind) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})


def url_problem(value: str) -> str | None:
    """What is wrong with a source's link, by the schema's rule, or None."""
    if len(value) > 2000:
        return "must be at most 2,000 characters"
    if URL.fullmatch(value) is None:
        return "must start with http:// or https:// and contain no spaces"
    return None


def date_problem(value: str) -> str | None:
    """What is wrong with a date (``published``, ``reported``), by the schema's rule, or
    None."""
    if DATE.fullmatch(value) is None:
        return "must be a date in the form YYYY-MM-DD, like 2025-06-10"
    return None


def _bad_chars(node: Any, path: str, out: list[tuple[str, str]]) -> None:
    """(field path, why) for every string under ``node`` holding NUL or a lone surrogate."""
    if type(node) is str:
        if not node.isascii() or "\x00" in node:
            match = _BAD_CHAR.search(node)
            if match is not None:
                char = match.group()
                why = ("contains a NUL character, which is not text" if char == "\x00"
                       else "contains a lone surrogate (a \\ud800-\\udfff escape without its "
                            "pair), which is not text")
                out.append((path, f"{why} (at character {match.start()})"))
    elif type(node) is dict:
        for k, v in node.items():
            _bad_chars(v, f"{path}.{printable(str(k))}" if path else printable(str(k)), out)
    elif type(node) is list:
        for i, v in enumerate(node):
            _bad_chars(v, f"{path}[{i}]", out)


#: What must not reach a terminal or a one-line message as itself.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0]")


def printable(text: str) -> str:
    """Text safe to print on one line: control characters, line separators, lone
    surrogates and NUL shown as escapes."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class DocumentCheck:
    """Checks documents record by record: schema, NUL and surrogates, duplicate ids and
    texts, references; every problem in one pass (kept up to ``keep``, all counted)."""

    def __init__(self, known: KnownIds | None = None, *, keep: int = MAX_KEPT_PROBLEMS) -> None:
        self.known = known or KnownIds()
        self.keep = keep
        #: Scan each record's strings for NUL and lone surrogates (the streaming reader
        #: turns this off when the raw document cannot hold any).
        self.scan_chars = True
        self.problems: list[Problem] = []
        self.count = 0
        self._ids: dict[str, dict[str, _Place]] = {key: {} for key in LIST_KEYS.values()}
        self._texts: dict[str, dict[int, _Place]] = {"facts": {}, "quotes": {}}
        #: References not resolved when seen (forward ones): (where, kind, id).
        self._pending: list[tuple[str, str, str]] = []

    def add(self, problem: Problem) -> None:
        self.count += 1
        if len(self.problems) < self.keep:
            self.problems.append(Problem(printable(problem.where), printable(problem.message)))

    def top_level_key(self, key: Any, where: str) -> bool:
        """Whether ``key`` of a document's top level holds records (problem if unknown)."""
        if key in KIND_OF_KEY:
            return True
        if key != "format":
            self.add(Problem(where, f"unknown field {clip_text(repr(key), 100)} (expected format, "
                                    "sources, people, facts, quotes)"))
        return False

    def format_value(self, value: Any, where: str) -> None:
        if value != EXPORT_FORMAT:
            self.add(Problem(f"{where}: format",
                             f"{clip_text(repr(value), 100)} is not {EXPORT_FORMAT!r}"))

    def not_a_list(self, key: str, value: Any, where: str) -> None:
        self.add(Problem(f"{where}: {key}", f"must be an array of records, not {_type(value)}"))

    def record(self, key: str, index: int, item: Any, where: str) -> bool:
        """Check one record of ``key`` (``facts``...); True if it may be stored."""
        kind = KIND_OF_KEY[key]
        before = self.count
        if not surely_valid(kind, item):
            label = f"{where}: {_record_label(key, index, item)}"
            errors = list(_record_validator(kind).iter_errors(item))
            empty = {tuple(e.absolute_path) for e in errors if e.validator == "minLength"}
            for error in errors:
                if error.validator == "pattern" and tuple(error.absolute_path) in empty:
                    continue  # "should be non-empty" says it already
                self.add(Problem(_field(label, error.absolute_path), _schema_message(error)))
        if self.scan_chars:
            bad: list[tuple[str, str]] = []
            try:
                _bad_chars(item, "", bad)
            except RecursionError:
                bad.append(("", "nested too deeply"))
            label = f"{where}: {_record_label(key, index, item)}" if bad else ""
            for path, why in bad:
                self.add(Problem(f"{label}.{path}" if path else label, why))
        if type(item) is not dict:
            return False
        rid = item.get("id")
        # (where, index, id) kept, a label made only for a problem: 1M labels take ~200 MB
        place = (where, index, rid if type(rid) is str else None)
        if type(rid) is str:
            first = self._ids[key].get(rid)
            if first is not None:
                self.add(Problem(_place_label(key, place),
                                 f"duplicate id, already used at {_place_label(key, first)}"))
            else:
                self._ids[key][rid] = place
        if key in self._texts and type(item.get("text")) is str:
            digest = hash(content_key(item["text"]) + "|" + str(item.get("speaker")))
            first = self._texts[key].get(digest)
            if first is not None:
                self.add(Problem(f"{_place_label(key, place)}.text",
                                 f"same text as {_place_label(key, first)}"))
            else:
                self._texts[key][digest] = place
        for field_path, ref_kind, ref in _references(key, item):
            if not self._resolves(ref_kind, ref):
                self._pending.append((f"{_place_label(key, place)}.{field_path}", ref_kind, ref))
        return self.count == before

    def _resolves(self, kind: str, ref: str) -> bool:
        if kind == "source":
            return ref in self._ids["sources"] or ref in self.known.sources
        return ref in self._ids["people"] or ref in self.known.people

    def finish(self) -> None:
        """Report the references that still point at nothing (call after every record)."""
        for where, kind, ref in self._pending:
            if not self._resolves(kind, ref):
                self.add(Problem(where, f"unknown {'source' if kind == 'source' else 'person'} "
                                        f"{clip_text(repr(ref), 100)}"))
        self._pending.clear()

    def failure(self, what: str) -> ValidationFailed | None:
        if not self.count:
            return None
        return ValidationFailed(self.problems, what=what, total=self.count)


def _type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")


def _field(label: str, path: Iterable[Any]) -> str:
    out = label
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{printable(str(part))}"
    return clip_text(out)


def _references(key: str, item: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(field path, kind, id) of each reference a record makes, whatever its shape."""
    if key not in ("facts", "quotes"):
        return
    citations = item.get("citations")
    if type(citations) is list:
        for i, c in enumerate(citations):
            if type(c) is dict and type(c.get("source")) is str:
                yield f"citations[{i}].source", "source", c["source"]
    if key == "facts":
        people = item.get("people")
        if type(people) is list:
            for p in people:
                if type(p) is str:
                    yield "people", "person", p
    elif type(item.get("speaker")) is str:
        yield "speaker", "person", item["speaker"]
