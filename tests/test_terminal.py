"""bot/terminal.py: answers and quotes as terminal text, and input read a bounded line at a
time from a real pipe."""

from __future__ import annotations

import io
import os
import threading

from bot.models import Answer, Citation, Quote, QuoteHit, SourceRef
from bot.terminal import MAX_LINE_BYTES, LineReader, format_answer, format_quote, print_json

REF = SourceRef("AP", "Bridge approved", "https://example.org/b", "2025-06-10", "the passage")


def test_an_answer_reads_with_its_sources_and_confidence() -> None:
    answer = Answer(answered=True, text="The bridge was approved.", score=81.6,
                    sources=(REF,), matched=("bridge",))
    text = format_answer(answer)
    assert text.startswith("The bridge was approved.")
    assert "Reported by AP (2025-06-10):" in text
    assert "AP — Bridge approved — 2025-06-10 — https://example.org/b" in text
    assert "“the passage”" in text and "(confidence 82/100; matched: bridge)" in text


def test_a_passage_opening_on_a_quotation_is_not_quoted_again() -> None:
    said = SourceRef("AP", "Bridge approved", None, None, "“We waited,” she said.")
    text = format_answer(Answer(answered=True, text="Ada said: we waited.", score=90.0,
                                sources=(said,)))
    assert "\n  “We waited,” she said.\n" in text and "““" not in text


def test_a_passage_of_two_lines_keeps_the_second_indented() -> None:
    """A passage under a subheading has it on a line of its own: the sentence after it
    stays inside the source's block, indented."""
    sub = SourceRef("AP", "Repair law", None, None, "What does it mean for shops?\nShops wait.")
    text = format_answer(Answer(answered=True, text="Shops wait.", score=90.0, sources=(sub,)))
    assert "\n  “What does it mean for shops?\n   Shops wait.”\n" in text


def test_an_abstention_lists_its_suggestions() -> None:
    answer = Answer(answered=False, text="The coverage doesn't say.", score=12.0,
                    suggestions=("What did Ada say?",))
    assert format_answer(answer) == (
        "The coverage doesn't say.\nDid you mean:\n  - What did Ada say?")


def test_a_quote_names_its_speaker_or_says_unknown() -> None:
    quote = Quote("q", None, "Words.", "", (Citation("s", "p"),), (), None)
    text = format_quote(QuoteHit(quote=quote, speaker=None, score=100.0, sources=(REF,)))
    assert text.splitlines()[:2] == ["“Words.”", "  — Unknown speaker"]


def test_json_lines_are_one_line_each_and_keep_unicode() -> None:
    out = io.StringIO()
    print_json({"text": "café\nnext"}, out)
    assert out.getvalue() == '{"text": "café\\nnext"}\n'


def _pipe(data: bytes) -> LineReader:
    """A reader on the read end of a real pipe, fed ``data`` by a thread (a pipe holds less
    than the longest test input), then closed."""
    read_fd, write_fd = os.pipe()

    def feed() -> None:
        os.write(write_fd, data)
        os.close(write_fd)

    threading.Thread(target=feed, daemon=True).start()
    return LineReader(os.fdopen(read_fd, "r"))


def test_lines_come_one_at_a_time_and_bad_bytes_do_not_fail() -> None:
    reader = _pipe(b"first\r\nsecond \xff\nlast")
    assert list(reader) == ["first", "second \ufffd", "last"]


def test_an_endless_line_is_bounded_and_the_next_line_still_comes() -> None:
    reader = _pipe(b"x" * (MAX_LINE_BYTES * 3) + b"\nnext\n")
    first = reader.readline()
    assert first is not None and len(first) == MAX_LINE_BYTES + 1  # still too long to ask
    assert reader.readline() == "next"
    assert reader.readline() is None


def test_a_stream_without_a_descriptor_is_read_as_is() -> None:
    reader = LineReader(io.StringIO("a\nb\n"))
    assert not reader.would_wait()
    assert list(reader) == ["a", "b"]


def test_a_pronoun_read_as_someone_is_said_with_the_answer() -> None:
    """An answer to "how much prison time is he looking at", asked first, says whom "he" was
    taken for, so the reader can tell the bot guessed (and the JSON carries it too)."""
    answer = Answer(answered=True, text="Eldridge faces up to 15 years.", score=69.0,
                    sources=(REF,), read_as=("he", "Martin Eldridge"))
    assert "(“he” read as Martin Eldridge)\n(confidence 69/100" in format_answer(answer)
    assert answer.as_json()["read_as"] == {"pronoun": "he", "person": "Martin Eldridge"}
    assert Answer(answered=True, text="x", score=1.0).as_json()["read_as"] is None
