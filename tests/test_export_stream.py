"""bot/export_stream.py: an export document read as it streams in, every record checked as it
passes, every problem reported at once; a malformed document is refused cleanly."""

from __future__ import annotations

import io
import json

import pytest

from bot.errors import InputError, ValidationFailed
from bot.export_stream import parse_document, stream_records
from bot.knowledge import DocumentCheck, KnownIds


def test_parse_document_resolves_references_against_known_ids() -> None:
    doc = {
        "facts": [
            {
                "id": "new-fact",
                "text": "A new claim.",
                "citations": [{"source": "existing", "passage": "A new claim."}],
            }
        ]
    }
    with pytest.raises(ValidationFailed):
        parse_document(json.dumps(doc))
    bank = parse_document(json.dumps(doc), guild_id=7, known=KnownIds(sources={"existing"}))
    assert bank.facts[0].guild_id == 7


@pytest.mark.parametrize("raw", ["", "[]", "null", "{", '{"facts": 3}', "\ud800"])
def test_parse_document_rejects_malformed_input_cleanly(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        parse_document(raw)


# ---------------------------------------------------------------- streaming



DOC = {
    "format": "coverage-bot/1",
    "sources": [{"id": "s", "outlet": "AP", "title": "T"}],
    "facts": [{"id": f"f{n}", "text": f"Claim number {n}.",
               "citations": [{"source": "s", "passage": "p"}]} for n in range(3)],
}


def test_records_stream_out_in_document_order_with_progress() -> None:
    raw = json.dumps(DOC).encode()
    seen: list[int] = []
    check = DocumentCheck(None)
    out = list(stream_records(io.BytesIO(raw), check, where="doc", progress=seen.append))
    assert [(kind, item["id"]) for kind, item in out] == [
        ("source", "s"), ("fact", "f0"), ("fact", "f1"), ("fact", "f2")]
    assert check.failure("doc") is None
    assert sum(seen) == len(raw)


def test_a_syntax_error_names_its_byte_offset() -> None:
    raw = json.dumps(DOC).encode()[:-10] + b"!!"
    check = DocumentCheck(None)
    list(stream_records(io.BytesIO(raw), check, where="doc"))
    failure = check.failure("doc")
    assert failure is not None and "near byte" in str(failure)


def test_a_document_over_the_limit_is_refused() -> None:
    raw = json.dumps(DOC).encode()
    with pytest.raises(InputError, match="larger than 20 bytes"):
        list(stream_records(io.BytesIO(raw), DocumentCheck(None), where="doc", limit=20))


class _Trickle(io.BytesIO):
    """A stream that gives at most ``most`` bytes a read (as a pipe may)."""

    def __init__(self, data: bytes, most: int) -> None:
        super().__init__(data)
        self.most = most

    def read(self, size: int | None = -1) -> bytes:
        return super().read(self.most)


def test_records_cut_anywhere_by_the_reads_come_out_whole() -> None:
    """Each record is decoded whole however the reads cut the document: inside a string,
    an escape, a surrogate pair, a multi-byte character, a number, a literal."""
    doc = {
        "format": "coverage-bot/1",
        "sources": [{"id": "s", "outlet": "AP é", "title": "T \U0001f600 x", "url": None}],
        "other": {"a": [12345, -2.5e3, {"b": None, "c": True, "d": False}], "d": "e"},
        "facts": [{"id": f"f{n}", "text": f"Claim n\u00e9 {n} \\ \" quoted.",
                   "citations": [{"source": "s", "passage": "p"}]} for n in range(5)],
    }
    for raw in (json.dumps(doc).encode(), json.dumps(doc, ensure_ascii=True, indent=1).encode()):
        whole = DocumentCheck(None)
        expected = list(stream_records(io.BytesIO(raw), whole, where="doc"))
        assert len(expected) == 6 and whole.count == 1  # (the unknown field "other")
        for most in (1, 2, 3, 5, 7):
            check = DocumentCheck(None)
            assert list(stream_records(_Trickle(raw, most), check, where="doc")) == expected
            assert [str(p) for p in check.problems] == [str(p) for p in whole.problems]


@pytest.mark.parametrize("raw", [b'{"facts": [],}', b'{"facts": []} x', b'{"facts": [{"id": 1},]}',
                                 b'{"a": NaN}', b'{"facts": [1 2]}', b'{"facts" []}'])
def test_malformed_json_anywhere_is_a_problem_with_its_offset(raw: bytes) -> None:
    check = DocumentCheck(None)
    assert list(stream_records(io.BytesIO(raw), check, where="doc")) == []
    assert any("near byte" in str(p) and "not valid JSON" in str(p) for p in check.problems)


@pytest.mark.parametrize("depth", [40, 2000])
def test_a_record_nested_past_the_limit_ends_the_document(depth: int) -> None:
    raw = b'{"facts": [' + b"[" * depth + b"]" * depth + b"]}"
    check = DocumentCheck(None)
    assert list(stream_records(io.BytesIO(raw), check, where="doc")) == []
    assert "nested too deeply (at most 32 levels)" in str(check.failure("doc"))
