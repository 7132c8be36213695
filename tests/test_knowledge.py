"""The shipped knowledge files and the validator that guards them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import textfold
from bot.codec import bank_from_json, bank_to_json
from bot.errors import ValidationFailed
from bot.knowledge import check_knowledge, content_key, load_knowledge
from bot.models import Bank
from tests.conftest import ARTICLE, KNOWLEDGE_DIR


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", textfold.key(text)))


def test_shipped_knowledge_is_valid_and_complete(shipped_bank: Bank) -> None:
    assert len(shipped_bank.sources) == 1
    source = shipped_bank.sources[0]
    assert source.outlet == "NewsNation"
    # The article text gives neither link nor date: they must not be invented.
    assert source.url is None and source.published is None
    assert len(shipped_bank.facts) >= 25
    assert len(shipped_bank.quotes) >= 14


def test_every_passage_and_quote_is_the_articles_own_words(shipped_bank: Bank) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    for record in (*shipped_bank.facts, *shipped_bank.quotes):
        for citation in record.citations:
            assert citation.passage in article, record.id
    for quote in shipped_bank.quotes:
        assert quote.text in article, quote.id


def test_every_quoted_passage_of_the_article_is_a_quote(shipped_bank: Bank) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    quoted = re.findall(r"“([^”]+)”", article)
    texts = [_fold(q.text) for q in shipped_bank.quotes]
    for passage in quoted:
        folded = _fold(passage)
        assert any(folded in t or t in folded for t in texts), passage


def test_numbers_in_the_article_are_kept_exact(shipped_bank: Bank) -> None:
    facts = " ".join(f.text for f in shipped_bank.facts)
    for number in ("27", "40", "114", "200", "2016", "2018", "2024"):
        assert re.search(rf"\b{number}\b", facts), number


def test_article_spelling_chriss_is_an_alias_of_chrissy_teigen(shipped_bank: Bank) -> None:
    teigen = next(p for p in shipped_bank.people if p.id == "chrissy-teigen")
    assert teigen.name == "Chrissy Teigen"
    assert "Chriss Teigen" in teigen.aliases


def test_codec_round_trip(shipped_bank: Bank) -> None:
    again = bank_from_json(json.loads(json.dumps(bank_to_json(shipped_bank))))
    assert again == shipped_bank


def _copy_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    target.mkdir()
    for path in KNOWLEDGE_DIR.glob("*.json"):
        shutil.copy(path, target / path.name)
    return target


def test_every_problem_is_reported_at_once_with_file_record_and_field(tmp_path: Path) -> None:
    kdir = _copy_knowledge(tmp_path)
    (kdir / "broken.json").write_text("{ not json", encoding="utf-8")
    (kdir / "bad.json").write_text(
        json.dumps(
            {
                "facts": [
                    {"id": "Bad Id", "text": "  ", "citations": []},
                    {"id": "ok-id", "text": "x", "citations": [{"source": "s"}], "colour": 1},
                ]
            }
        ),
        encoding="utf-8",
    )
    (kdir / "refs.json").write_text(
        json.dumps(
            {
                "facts": [
                    {
                        "id": "dangling",
                        "text": "A claim.",
                        "citations": [{"source": "no-such-source", "passage": "p"}],
                        "people": ["nobody"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    bank, problems = check_knowledge(kdir)
    assert bank is None
    text = "\n".join(str(p) for p in problems)
    assert "broken.json: line 1 column 3" in text
    assert "bad.json: facts[0] (id 'Bad Id').id" in text
    assert "bad.json: facts[0] (id 'Bad Id').text: must not be blank" in text
    assert "bad.json: facts[0] (id 'Bad Id').citations" in text
    assert "bad.json: facts[1] (id 'ok-id').citations[0]" in text  # passage missing
    assert "unknown field" in text
    assert "refs.json: facts[0] (id 'dangling').citations[0].source: unknown source" in text
    assert "refs.json: facts[0] (id 'dangling').people: unknown person 'nobody'" in text
    with pytest.raises(ValidationFailed) as caught:
        load_knowledge(kdir)
    assert len(caught.value.problems) == len(problems) >= 8


def test_duplicate_ids_and_texts_across_files(tmp_path: Path) -> None:
    kdir = _copy_knowledge(tmp_path)
    data = json.loads((kdir / "newsnation-celebrities-ice-raids.json").read_text("utf-8"))
    copy = {"facts": [dict(data["facts"][0])]}
    (kdir / "zz-copy.json").write_text(json.dumps(copy), encoding="utf-8")
    _, problems = check_knowledge(kdir)
    messages = [str(p) for p in problems]
    assert any("duplicate id" in m and "zz-copy.json" in m for m in messages)
    assert any("same text as" in m for m in messages)


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    assert check_knowledge(tmp_path / "nope")[1][0].message == "knowledge folder not found"
    assert "no *.json" in check_knowledge(tmp_path)[1][0].message


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_content_key_of_ascii_text_is_its_words_folded(text: str) -> None:
    """(content_key's ASCII shortcut — a translation table — keeps the words regex's key.)"""
    assert content_key(text) == _fold(text)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_the_content_key_is_the_words_of_the_storage_key(text: str) -> None:
    """Texts the storage's keys call the same (textfold.key) are the same here too, so
    files that pass this check never clash in the database; punctuation aside, nothing
    more is folded."""
    assert content_key(text) == content_key(textfold.key(text)) == _fold(text)
    assert content_key("Beyoncé’s “tour” — TONIGHT!") == content_key("beyonce's tour tonight")
