"""bot/textfold.py: the one character fold, by its properties (hypothesis) and examples."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.textfold import casefold, fold, key, plain, squash

#: Any text, every plane of Unicode (surrogates are not text).
ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
#: Latin text as people write it: letters with and without accents, digits, punctuation,
#: the quotes, dashes and spaces of a keyboard and of a word processor.
LATIN = st.text(alphabet=st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ"
    " .,;:!?()'\"-/%$&"), max_size=60)
#: Which typographic marks a writer may use for the plain one.
TYPOGRAPHIC = {"'": "\u2019\u2018\u02bc", '"': "\u201c\u201d\u00ab\u00bb",
               "-": "\u2013\u2014\u2212"}


def _accents_removed(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


# --------------------------------------------------------------------------- any text


@settings(max_examples=1000, deadline=None)
@given(ANY)
def test_folding_twice_is_folding_once(text: str) -> None:
    assert plain(plain(text)) == plain(text)
    assert fold(fold(text)) == fold(text)
    assert key(key(text)) == key(text)
    assert casefold(casefold(text)) == casefold(text)
    assert squash(squash(text)) == squash(text)


@settings(max_examples=1000, deadline=None)
@given(ANY)
def test_a_key_has_no_nul_no_invisible_character_and_no_loose_space(text: str) -> None:
    k = key(text)
    assert "\x00" not in k and "\x00" not in squash(text)
    assert not any(c in k for c in "\u200b\u200d\u00ad\ufeff\u2060\u202e")
    assert k == k.strip() and "  " not in k
    assert not any(c.isspace() and c != " " for c in k)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    "aeAE0 .'\"-\u00e9\u00c9\u2019\u201c\u2014\u2026\u0301\u0308"
    "\u200b\u00ad\ufeff\u00df\u0130\ufb01")))
def test_fold_is_plain_folded(text: str) -> None:
    """(What the case-keeping form shows is what the key compares; not for every text: an
    invisible character between a Greek ypogegrammeni and a Hebrew point, say.)"""
    assert fold(plain(text)) == fold(text)
    assert key(plain(text)) == key(text)


def test_every_character_folds_once_and_for_all() -> None:
    """Idempotence for every character alone, after a letter, and before an accent (the
    combinations where composition, case folding and removal could undo each other)."""
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cn", "Co", "Cs"):
            continue  # (unassigned, private or a surrogate: nothing to fold)
        for text in (char, "e\u200b" + char, char + "\u0301"):
            for f in (plain, fold, casefold, key):
                once = f(text)
                assert f(once) == once, (f.__name__, text)


@settings(max_examples=500, deadline=None)
@given(ANY, ANY)
def test_spacing_never_matters_to_a_key(a: str, b: str) -> None:
    assert key(f"{a} {b}") == key(f" {a}\u00a0\t\n  {b}  ")


# --------------------------------------------------------------------------- what people write


@settings(max_examples=500, deadline=None)
@given(LATIN)
def test_case_does_not_matter(text: str) -> None:
    assert key(text.upper()) == key(text.lower()) == key(text) == key(text.swapcase())
    assert casefold(text.upper()) == casefold(text)


@settings(max_examples=500, deadline=None)
@given(LATIN)
def test_accents_do_not_matter_and_compatibility_forms_do_not(text: str) -> None:
    assert key(_accents_removed(text)) == key(text)
    assert key(unicodedata.normalize("NFD", text)) == key(text)
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    assert key(full_width) == key(text)


@settings(max_examples=500, deadline=None)
@given(LATIN, st.data())
def test_curly_quotes_and_dashes_are_the_plain_ones(text: str, data: st.DataObject) -> None:
    typeset = "".join(
        data.draw(st.sampled_from(TYPOGRAPHIC[c] + c)) if c in TYPOGRAPHIC else c
        for c in text)
    assert key(typeset) == key(text)
    assert plain(typeset) == plain(text)


@settings(max_examples=300, deadline=None)
@given(LATIN, st.sampled_from(["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060"]))
def test_invisible_characters_are_not_there(text: str, invisible: str) -> None:
    assert key(invisible.join(text)) == key(text)


@settings(max_examples=300, deadline=None)
@given(LATIN, LATIN)
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    """The fold is no more than the above: texts whose words differ keep apart."""
    words_a = key(_accents_removed(a)).split()
    words_b = key(_accents_removed(b)).split()
    if words_a != words_b:
        assert key(a) != key(b)


# --------------------------------------------------------------------------- examples


def test_examples() -> None:
    assert key("  Ｄoechii\u00a0WON\x00 ") == "doechii won"
    assert key("Beyoncé’s “Cowboy Carter” — ﬁnally…") == "beyonce's \"cowboy carter\" - finally..."
    assert plain("Beyoncé’s “Cowboy Carter” — ﬁnally…") == (
        "Beyoncé's \"Cowboy Carter\" - finally...")
    assert key("STRASSE") == key("Straße") == "strasse"
    assert key("re\u200bport\u00ad") == "report"
    assert fold("Tab\there") == "tab\there"  # fold keeps spacing; key squashes it


def test_a_url_keeps_every_mark_but_case() -> None:
    assert casefold("https://Example.org/Café–Menu?q=’x’") == "https://example.org/café–menu?q=’x’"
    assert casefold("https://ｅxample.org") == "https://example.org"
    assert casefold("https://x.org/a") != casefold("https://x.org/á")
