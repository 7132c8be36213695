"""bot/engine/ingest/matching.py: whether a name an article writes is a known person's."""

from __future__ import annotations

from bot.engine.ingest.matching import closest_name, single_spaced, strip_possessive


def test_a_known_name_misspelt_is_its_person_but_a_like_name_is_someone_else() -> None:
    """A first name a slip of typing away, the surname the same, is the person the bank knows
    ("Chriss Teigen"); a surname spelt otherwise, or another first name, is someone else,
    however alike the two read (two stories' people in one bank)."""
    known = ["Chrissy Teigen", "John Smith", "Maureen Castellane", "Lorraine Vasquez-Teller",
             "Kayla Brandvold", "Marcus Lindqvist"]
    assert closest_name("Chriss Teigen", known) == "Chrissy Teigen"
    assert closest_name("Jhon Smith", known) == "John Smith"
    for other in ("Maureen Castellano", "Lorraine Vasquez-Hale", "Kaylee Brandvold",
                  "Marcy Lindqvist"):
        assert closest_name(other, known) is None, other



def test_a_names_possessive_and_a_blanked_nicknames_gap_are_taken_off() -> None:
    assert strip_possessive("Quill’s") == "Quill" and strip_possessive("Ortiz'") == "Ortiz"
    assert strip_possessive("Ada") == "Ada"
    assert single_spaced("Margaret       Hollowell") == "Margaret Hollowell"


def test_a_surname_is_the_last_name_before_a_suffix() -> None:
    from bot.engine.ingest.matching import given_of, last_name, surname_of

    assert last_name("Martin Luther King III") == "King"
    assert last_name("Robert L. Hayes Jr.") == "Hayes"
    assert surname_of("Don M. Wilson III") == "wilson" and given_of("Don M. Wilson III") == "don m."
    assert last_name("Smith") == "Smith" and given_of("John Smith") == "john"
