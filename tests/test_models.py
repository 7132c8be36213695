"""bot/models.py: records and results as plain data, and the few words they render."""

from __future__ import annotations

from bot.models import Citation, Fact, SourceRef, first_source, reported_by


def ref(outlet: str, published: str | None) -> SourceRef:
    return SourceRef(outlet, "A title", None, published, "a passage")


def test_reported_by_counts_outlets_not_citations() -> None:
    two_of_one = (ref("AP", "2025-06-12"), ref("AP", "2025-06-10"))
    assert reported_by(two_of_one) == "Reported by AP (2025-06-10 to 2025-06-12)"
    three = (*two_of_one, ref("Reuters", None))
    assert reported_by(three) == "Reported by AP and 1 other (2025-06-10 to 2025-06-12)"


def test_reported_by_names_nobody_without_sources() -> None:
    assert reported_by(()) == ""
    assert reported_by((ref("AP", None),)) == "Reported by AP"


def test_a_records_first_source_is_the_article_it_cites_first() -> None:
    cited = Fact("f", "The bridge opened.", (Citation("wire", "It opened."),
                                              Citation("daily", "It opened.")))
    assert first_source(cited) == "wire"
    assert first_source(Fact("g", "An admin's note.", ())) is None
