"""The service's own rules, on a real SQLite file."""

from __future__ import annotations

import pytest

from bot.errors import InvalidQuestion, NotFound, ValidationFailed
from bot.models import Citation, Fact, Person, Quote, Source
from bot.service import CoverageService
from bot.settings import Settings
from bot.storage import Storage


async def test_unanswered_questions_are_logged_and_nothing_is_lost_on_close(
    settings: Settings,
) -> None:
    service = await CoverageService.open(settings)
    first = await service.ask("what did taylor swift say about ice", guild_id=5, user_id=1)
    assert not first.answered
    # The log is written in the background; reading it waits for it.
    logged = await service.top_unanswered(guild_id=5)
    assert [q.question for q in logged] == ["what did taylor swift say about ice"]
    # Closing straight after an abstention still writes its log.
    await service.ask("who won the super bowl", guild_id=5, user_id=2)
    await service.close()
    async with await Storage.open(settings.database_path) as storage:
        questions = {q.question for q in await storage.top_unanswered(guild_id=5)}
    assert questions == {"what did taylor swift say about ice", "who won the super bowl"}


async def test_answered_questions_and_small_talk_are_not_logged(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        answer = await service.ask("how many protestors were arrested on sunday", guild_id=5)
        assert answer.answered
        greeting = await service.ask("hey bot, how's it going?", guild_id=5)
        assert not greeting.answered
        chatter = await service.ask("ice ice protest ?? lol", guild_id=5)
        assert not chatter.answered
        assert await service.top_unanswered(guild_id=5) == []


async def test_follow_ups_are_per_conversation(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        await service.ask("who is doechii", guild_id=5, conversation=("chan", 1))
        mine = await service.ask("what did she say", guild_id=5, conversation=("chan", 1))
        assert mine.answered and mine.speaker == "Doechii"
        # another user in the same channel has no "she"
        theirs = await service.ask("what did she say", guild_id=5, conversation=("chan", 2))
        assert theirs.speaker != "Doechii" or not theirs.answered
        # and another guild with the same channel key is another conversation
        other = await service.ask("what did she say", guild_id=6, conversation=("chan", 1))
        assert other.speaker != "Doechii" or not other.answered


async def test_an_admin_write_waits_behind_one_unanswered_log_at_most(
    settings: Settings,
) -> None:
    """Abstentions are logged by one task, a batch of them per transaction: an admin's write
    asked for after many of them waits behind one batch at most, not all; and all of them,
    more than the log's backlog bound, are logged in the end."""
    from bot.models import Citation, Fact
    from bot.unanswered import LOG_BATCH

    questions = [f"what did nobody{n} say about zorblax{n}" for n in range(2 * LOG_BATCH + 50)]
    async with await CoverageService.open(settings) as service:
        for q in questions:
            assert not (await service.ask(q, guild_id=5, user_id=1)).answered
        fact = Fact(id="overload-admin-fact", text="An admin's fact, written during a burst.",
                    citations=(Citation("newsnation-celebrities-ice-raids", "As reported."),),
                    guild_id=5)
        await service.add(fact, actor="admin")
        logged_first = await service.storage.stats()
        await service.flush()
        logged_all = await service.storage.stats()
        assert logged_first["unanswered"] <= LOG_BATCH < len(questions)
        assert logged_all["unanswered"] == len(questions)
        service.unanswered.backlog = 20  # a small bound, to go past it
        more = [f"who is stranger{n} from qwzx{n}" for n in range(3 * service.unanswered.backlog)]
        for q in more:
            await service.ask(q, guild_id=5, user_id=2)
    async with await Storage.open(settings.database_path) as storage:
        assert (await storage.stats())["unanswered"] == len(questions) + len(more)
        assert await storage.get("fact", "overload-admin-fact") is not None


# ---------------------------------------------------------------- what commands need of the bank


SHIPPED_SOURCE = "newsnation-celebrities-ice-raids"


async def test_sources_and_the_default_one_are_this_servers_view(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        assert [s.id for s in service.sources(5)] == [SHIPPED_SOURCE]
        assert service.default_source_id(5) == SHIPPED_SOURCE  # the only shared one
        await service.add(Source("own", "AP", "Local", None, None, 5), actor="t")
        assert [s.id for s in service.sources(5)] == [SHIPPED_SOURCE, "own"]
        assert service.default_source_id(5) == "own"  # a server's own newest first
        assert [s.id for s in service.sources(6)] == [SHIPPED_SOURCE]
        assert service.visible_source(5, " own ").id == "own"
        with pytest.raises(NotFound, match="/source list"):
            service.visible_source(6, "own")


async def test_people_are_found_by_id_name_or_alias_in_scope(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        await service.add(Person("ada-quill", "Ada Quill", ("Quill",), "", 5), actor="t")
        await service.add(Person("jose-o-neil", "José O’Neil", (), "", 5), actor="t")
        assert service.resolve_person(5, "ada quill").id == "ada-quill"
        assert service.resolve_person(5, " jose  o'neil ").id == "jose-o-neil"
        assert service.resolve_person(5, "JOSÉ O’NEIL").id == "jose-o-neil"
        assert service.resolve_person(5, "QUILL").id == "ada-quill"
        assert service.resolve_person(5, "ada-quill").id == "ada-quill"
        with pytest.raises(NotFound, match="Ada Quill"):
            service.resolve_person(6, "Ada Quill")  # another server's person
        assert service.find_people("doechii", guild_id=5)[0].name == "Doechii"


async def test_a_quote_check_is_cached_until_a_quote_changes(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        text = "Nobody should be afraid to take their children to school"
        assert not service.verify(text, guild_id=5).found
        await service.add(Quote("q-new", None, text, "", (Citation(SHIPPED_SOURCE, "p"),), (), 5),
                          actor="t")
        assert service.verify(text, guild_id=5).found  # the cache saw the new quote
        assert not service.verify(text, guild_id=6).found  # not another server's
        with pytest.raises(InvalidQuestion):
            service.verify("   ", guild_id=5)


async def test_a_fact_names_its_sources_and_people(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        fact = Fact("f", "Text.", (Citation(SHIPPED_SOURCE, "p"), Citation("gone", "q")),
                    ("doechii", "nobody"), (), None, 5)
        sources, people = service.named_by(fact)
        assert list(sources) == [SHIPPED_SOURCE] and list(people) == ["doechii"]
        with pytest.raises(ValidationFailed):
            service.check_record(Source("s", "AP", "T", "ftp://x", None, 5))


async def test_a_question_checked_early_is_not_cleaned_again(settings: Settings) -> None:
    async with await CoverageService.open(settings) as service:
        assert service.clean_question("what did doe\u00adchii say") == "what did doechii say"
        assert service.clean_question("<@123> what did doechii say <:wave:42> cc <@&7> <#9>") \
            == "what did doechii say cc"
        with pytest.raises(InvalidQuestion):
            service.clean_question("<@123> <t:1700000000:R>")
        cleaned = service.clean_question("  what did\u200b doechii   say  ")
        assert cleaned == "what did doechii say"
        assert service.clean_question(cleaned) is cleaned
        with pytest.raises(InvalidQuestion):
            service.clean_question("x" * (settings.max_question_length + 1))


async def test_a_storage_only_service_imports_without_indexing_the_bank(
    settings: Settings,
) -> None:
    doc = ('{"format": "coverage-bot/1", "facts": [{"id": "zendaya-donated", "text": '
           '"Zendaya donated $50,000 to the immigrant families fund.", "keywords": ["zendaya"],'
           ' "citations": [{"source": "newsnation-celebrities-ice-raids", "passage": "p"}]}]}')
    async with await CoverageService.open(settings, index=False) as service:
        assert service.engine.stats()["facts"] == 0  # nothing indexed: a storage command
        await service.import_document(doc, actor="cli", guild_id=None)
    async with await CoverageService.open(settings) as service:
        answer = await service.ask("how much did zendaya donate to the immigrant families fund")
        assert answer.record_id == "zendaya-donated"
