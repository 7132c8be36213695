"""Raw article files (HTML or plain text) to the article's text, one paragraph a line.

HTML goes through trafilatura (offline: it is only handed the markup, never a URL to fetch)
to keep the article's main text and drop navigation, ads, scripts, cookie banners, comments
and related links. Plain text passes through with its newlines normalised.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from bot.errors import IngestError
from bot.wording import plural

if TYPE_CHECKING:
    from types import ModuleType

log = logging.getLogger(__name__)

#: Text shorter than this (after cleaning) is not an article.
MIN_ARTICLE_CHARS = 20

_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|article|main|div|p|section|meta|title)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?\s*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article's text and what the page says about itself (never guessed; for plain
    text, a first line that is a headline: :func:`headline`)."""

    text: str
    title: str | None = None
    #: ISO date from the page's own metadata, when it gives one.
    published: str | None = None
    url: str | None = None
    #: The site name the page gives (og:site_name and the like).
    outlet: str | None = None
    is_html: bool = False


def extract_text(raw: str | bytes, *, filename: str | None = None) -> str:
    """The article's main text, one paragraph a line.

    Raises :class:`IngestError` when the input is empty, undecodable or yields no text.
    """
    return extract_article(raw, filename=filename).text


def extract_article(raw: str | bytes, *, filename: str | None = None) -> ExtractedArticle:
    """Like :func:`extract_text`, with the page's title, date, URL and outlet when HTML."""
    what = f"{filename}" if filename else "The article"
    text = _decode(raw, what)
    if not text.strip():
        raise IngestError(f"{what} is empty.")
    if _looks_like_html(text, filename):
        return _from_html(text, what)
    plain = normalise_plain_text(text)
    if len(plain) < MIN_ARTICLE_CHARS:
        raise IngestError(f"{what} has too little text to be an article "
                          f"({plural(len(plain), 'character')}).")
    return ExtractedArticle(text=plain, title=headline(plain))


#: A headline is a line of at most this many words.
HEADLINE_MAX_WORDS = 25


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it is a headline: a line of its own
    (a blank line after it, more text below), short, and not a sentence (no final
    punctuation mark). A text file's title, as a page's ``<title>`` is a page's."""
    first, blank, rest = text.partition("\n\n")
    first = first.strip()
    if not blank or not rest.strip() or "\n" in first or not first:
        return None
    if len(first.split()) > HEADLINE_MAX_WORDS or first[-1] in ".,;:!?…\"'”’)":
        return None
    return first


def normalise_plain_text(text: str) -> str:
    """Newlines to ``\\n``, NFC, no control characters, no trailing spaces, <= 1 blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).replace("\u00a0", " ")
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    return _MANY_BLANKS.sub("\n\n", text).strip()


# --------------------------------------------------------------------------- internals


def _decode(raw: str | bytes, what: str) -> str:
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, bytes | bytearray):
        raise IngestError(f"{what} is not text.")
    data = bytes(raw)
    if not data.strip():
        raise IngestError(f"{what} is empty.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(f"{what} is not readable text (bad UTF-16).") from None
    if b"\x00" in data[:4096]:
        raise IngestError(f"{what} looks like a binary file, not an article.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    # Old single-byte pages: windows-1252 decodes every byte; only accept it when the
    # result is mostly printable text.
    text = data.decode("cp1252", errors="replace")
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t"))
    if bad > max(3, len(text) // 50):
        raise IngestError(f"{what} is not readable text (unknown encoding or a binary file).")
    return text


def _looks_like_html(text: str, filename: str | None) -> bool:
    if filename:
        suffix = PurePath(filename).suffix.lower()
        if suffix in _HTML_SUFFIXES:
            return True
        if suffix in _TEXT_SUFFIXES:
            return False
    head = text[:2048]
    if _HTML_SNIFF.search(head) and head.lstrip().startswith("<"):
        return True
    # Markup anywhere: many tags relative to the text.
    return len(_TAG.findall(text[:20000])) >= 5


def _html_reader() -> ModuleType:
    """trafilatura, imported when a page is HTML: it and lxml take 0.3 s to import, which
    an ingest of plain text (or any other command) need not pay."""
    import trafilatura

    return trafilatura


def _trafilatura(html: str, **options: Any) -> str:
    try:
        out = _html_reader().extract(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            output_format="txt",
            **options,
        )
    except Exception:  # trafilatura raises assorted parser errors on broken markup
        log.debug("trafilatura failed", exc_info=True)
        return ""
    return normalise_plain_text(out or "")


def _from_html(html: str, what: str) -> ExtractedArticle:
    precise = _trafilatura(html, favor_precision=True)
    text = precise
    # Precision mode can drop real paragraphs on unusual layouts; when recall finds much
    # more, the page's article is probably that larger text.
    if len(precise) < 500:
        recall = _trafilatura(html, favor_recall=True)
        if len(recall) > max(2 * len(precise), len(precise) + 200):
            text = recall
    if len(text) < MIN_ARTICLE_CHARS:
        text = _baseline(html)
    if len(text) < MIN_ARTICLE_CHARS:
        raise IngestError(f"{what} has no readable article text.")
    meta = _metadata(html)
    return ExtractedArticle(text=text, is_html=True, **meta)


def _baseline(html: str) -> str:
    """Last resort: trafilatura's baseline (paragraph and article text, scripts removed)."""
    try:
        _tree, text, _length = _html_reader().baseline(html)
    except Exception:
        log.debug("trafilatura baseline failed", exc_info=True)
        return ""
    return normalise_plain_text(text or "")


def _metadata(html: str) -> dict[str, str | None]:
    try:
        doc = _html_reader().extract_metadata(
            html, extensive=False, date_config={"extensive_search": False, "original_date": True}
        )
    except TypeError:  # older signature
        doc = None
    except Exception:
        log.debug("metadata extraction failed", exc_info=True)
        doc = None
    if doc is None:
        return {"title": None, "published": None, "url": None, "outlet": None}

    def clean(value: object) -> str | None:
        return str(value).strip() or None if value else None

    date = clean(getattr(doc, "date", None))
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = None
    return {
        "title": clean(getattr(doc, "title", None)),
        "published": date,
        "url": clean(getattr(doc, "url", None)),
        "outlet": clean(getattr(doc, "sitename", None)),
    }
