"""bot/engine/extract.py: an article's main text (and, from HTML, its title, date, URL and
outlet), decoded strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engine.extract import extract_article, extract_text
from bot.errors import IngestError
from bot.models import Source

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
ARTICLE = KNOWLEDGE / "articles" / "newsnation-celebrities-ice-raids.txt"
CURATED = KNOWLEDGE / "newsnation-celebrities-ice-raids.json"
PEOPLE = KNOWLEDGE / "people.json"
DATA = Path(__file__).resolve().parent / "data" / "ingest"

SOURCE = Source("test-outlet-story", "Test Outlet", "A story")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_html_page_yields_only_the_article_text() -> None:
    raw = (DATA / "example-daily-page.html").read_bytes()
    text = extract_text(raw, filename="stars.html")
    lines = text.split("\n")
    assert lines[0].startswith("Several celebrities used their platforms")
    assert "“We have to do what’s right… There HAS to be a BETTER way,” Kardashian wrote." in lines
    assert lines[-1] == "“You are pointing your guns in the wrong direction,” he said."
    boilerplate = [
        "cookies",
        "Accept all",
        "Advertisement",
        "mortgage",
        "meal kits",
        "Subscribe",
        "Related coverage",
        "Five things to know",
        "Most read",
        "Reader123",
        "gtag",
        "dataLayer",
        "All rights reserved",
        "Share on",
        "Privacy policy",
        "newsletter",
        "Sports",
    ]
    for word in boilerplate:
        assert word not in text, word


def test_html_metadata_is_what_the_page_says() -> None:
    raw = (DATA / "example-daily-page.html").read_text(encoding="utf-8")
    page = extract_article(raw)  # recognised as HTML without a file name
    assert page.is_html
    assert page.title == "Stars rally against immigration raids in Los Angeles"
    assert page.outlet == "Example Daily"
    assert page.url == "https://example.com/news/stars-rally-against-raids"
    assert page.published == "2025-06-11"


def test_plain_text_passes_through_with_newlines_normalised() -> None:
    raw = "First paragraph of the story.\r\nSecond paragraph.  \r\n\r\n\r\n\r\nThird.\r\n"
    assert extract_text(raw) == "First paragraph of the story.\nSecond paragraph.\n\nThird."
    latin1 = "Café owners said the raids hurt business on Main Street.".encode("cp1252")
    assert extract_text(latin1, filename="story.txt").startswith("Café owners")
    # Markup-looking text in a .txt file stays text.
    assert extract_text("Use <b> tags sparingly in the story.", filename="a.txt").startswith("Use")


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n\t  ",
        b"",
        b"\x00\x01\x02\x03binary\x00" * 20,
        "<html><head><script>var a = 1;</script></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>",
        "Too short",
    ],
)
def test_empty_or_unreadable_input_is_an_ingest_error(raw: str | bytes) -> None:
    with pytest.raises(IngestError) as caught:
        extract_text(raw, filename=None)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message


def test_plain_text_is_read_without_importing_the_html_reader() -> None:
    """trafilatura and lxml (0.3 s to import) are loaded for HTML only: an ingest of a text
    file does not pay for them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from bot.engine.extract import extract_article\n"
        "page = extract_article('The council approved the bridge.\\n', filename='a.txt')\n"
        "assert page.text.startswith('The council'), page\n"
        "print('trafilatura' in sys.modules)\n"
        "extract_article('<html><body><p>' + 'The council approved the bridge. ' * 20"
        " + '</p></body></html>', filename='a.html')\n"
        "print('trafilatura' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_plain_text_articles_headline_is_its_title() -> None:
    body = "The council voted 7-2 on Tuesday to build bike lanes.\n\nMore text follows here."
    assert extract_article(f"Council approves bike lanes\n\n{body}").title == \
        "Council approves bike lanes"
    assert extract_article(body).title is None  # a sentence, not a headline
    assert extract_article(f"Council approves bike lanes\nand more\n\n{body}").title is None
    assert extract_article("Council approves bike lanes, again and again.").title is None
