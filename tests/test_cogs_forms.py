"""bot/cogs/forms.py: the admin forms, their parsing, and saving what they hold."""

from __future__ import annotations

from bot.cogs.forms import ArticleModal, FactModal, QuoteModal, SourceFields, split_list
from bot.models import Citation, Fact
from tests.discord_env import SOURCE_ID, Env, add_fact_via_modal, ephemeral_text


def test_lists_split_on_commas_semicolons_and_lines_without_blanks_or_repeats() -> None:
    assert split_list("a, b; c\nb,, ") == ("a", "b", "c")
    assert split_list(None) == split_list("") == ()


def test_the_two_paste_boxes_join_as_one_text() -> None:
    modal = ArticleModal(SourceFields("AP", "T", None, None), preview=None,  # type: ignore[arg-type]
                         add_alone=None)  # type: ignore[arg-type]
    modal.text._value = "a" * 3999 + " "  # a full first box continues in the second
    modal.more._value = "word continues"
    assert modal.pasted() == "a" * 3999 + " word continues"
    modal.text._value = "First paragraph."
    assert modal.pasted() == "First paragraph.\n\nword continues"
    modal.text._value = ""
    assert modal.pasted() == "word continues"


def test_an_edit_form_is_prefilled_and_a_new_one_prefills_the_source() -> None:
    fact = Fact("f", "Old text.", (Citation("s1", "the passage"),), ("ada",), ("kw",), None, 5)
    edit = FactModal(existing=fact)
    assert edit.title == "Edit fact" and edit.text.default == "Old text."
    assert edit.source.default == "s1" and edit.passage.default == "the passage"
    assert FactModal(default_source="s2").source.default == "s2"
    assert FactModal(question="who won?").keywords.default == "who won?"
    assert QuoteModal(speaker="ada").speaker.default == "ada"


def test_an_article_keeps_what_the_admin_typed() -> None:
    fields = SourceFields("AP", "Typed title", "https://x.org", "2025-06-10")
    article = fields.article(b"text", "a.txt", title="Page title")
    assert (article.outlet, article.title, article.url) == ("AP", "Page title", "https://x.org")
    assert fields.article("t", "b.txt").title == "Typed title"


async def test_saving_a_fact_checks_people_and_source_first(env: Env) -> None:
    unknown = await add_fact_via_modal(env, "Zendaya donated.", people="Nobody Atall")
    assert "I know no person called" in await ephemeral_text(unknown)
    added = await add_fact_via_modal(env, "Doechii donated.", people="doechii")
    assert (await ephemeral_text(added)).startswith("Added fact ")
    fact = next(f for f in env.service.search_facts("donated", guild_id=env.world.guild.id))
    assert fact.people == ("doechii",) and fact.citations[0].source_id == SOURCE_ID
