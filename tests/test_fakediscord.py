"""Tests of the fake Discord itself, driving a tiny real discord.py bot defined here."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import discord
import pytest
import yarl
from discord import app_commands
from discord.ext import commands

from tests.fakediscord import FakeDiscord, InteractionRefused, Permissions, spec
from tests.fakediscord.fixtures import (
    fake_discord_fixture,
    running_bot,
    running_fake,
    wait_for_event,
)

fake_discord = fake_discord_fixture()

TOPICS = [f"topic {i:02d}" for i in range(40)] + ["Doechii", "Rihanna", "ICE raids"]
CALLBACK = spec.CALLBACK
FOLLOWUP = "/webhooks/{webhook_id}/{webhook_token}"
CREATE_MESSAGE = "/channels/{channel_id}/messages"


# ---- the tiny bot --------------------------------------------------------------------------


class ConfirmView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Confirm", custom_id="confirm", style=discord.ButtonStyle.primary)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button[Any]
                      ) -> None:
        await interaction.response.edit_message(content=f"confirmed by {interaction.user.name}",
                                                view=None)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Your feedback", custom_id="feedback_text", max_length=200)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class TinyCog(commands.Cog):
    def __init__(self, bot: TinyBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.bot.seen.append(message.content)
        if message.content == "file please":
            async with message.channel.typing():
                await message.add_reaction("\N{THUMBS UP SIGN}")
                data = io.BytesIO(b"a,b\n1,2\n")
                await message.channel.send("here it is", file=discord.File(data, "data.csv"))
            return
        await message.reply(f"echo: {message.content}", mention_author=False)

    @app_commands.command(name="lookup", description="Look a topic up")
    @app_commands.describe(topic="What to look up", detail="Say more")
    async def lookup(self, interaction: discord.Interaction, topic: str,
                     detail: bool = False) -> None:
        where = "dm" if interaction.guild is None else interaction.guild.name
        await interaction.response.send_message(
            f"about {topic} ({'long' if detail else 'short'}) in {where}", view=ConfirmView())

    @lookup.autocomplete("topic")
    async def topic_autocomplete(self, interaction: discord.Interaction, current: str
                                 ) -> list[app_commands.Choice[str]]:
        hits = [t for t in TOPICS if current.lower() in t.lower()]
        return [app_commands.Choice(name=t, value=t) for t in hits][:25]

    @app_commands.command(name="slow", description="Think, then answer")
    async def slow(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(self.bot.slow_delay)
        await interaction.followup.send("done thinking")

    @app_commands.command(name="steps", description="Edit, follow up, fetch, delete")
    async def steps(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.edit_original_response(content="step 1")
        extra = await interaction.followup.send("step 2", ephemeral=True, wait=True)
        original = await interaction.original_response()
        await extra.edit(content="step 2, edited")
        await interaction.followup.send(f"original said {original.content!r}",
                                        file=discord.File(io.BytesIO(b"x"), "x.txt"))
        await extra.delete()

    @app_commands.command(name="feedback", description="Send feedback")
    async def feedback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @app_commands.command(name="settings", description="Admins only")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def settings(self, interaction: discord.Interaction) -> None:
        perms = interaction.permissions
        await interaction.response.send_message(f"manage_guild={perms.manage_guild}",
                                                ephemeral=True)


class TinyBot(commands.Bot):
    def __init__(self, *, message_content: bool = True, sync: bool = True, **kw: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = message_content
        super().__init__(command_prefix="!", intents=intents, **kw)
        self.sync_on_start = sync
        self.seen: list[str] = []
        self.ready_count = 0
        self.slow_delay = 0.05

    async def setup_hook(self) -> None:
        await self.add_cog(TinyCog(self))
        if self.sync_on_start:
            await self.tree.sync()

    async def on_ready(self) -> None:
        self.ready_count += 1


class TinyShardedBot(commands.AutoShardedBot):
    def __init__(self, **kw: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(command_prefix="!", intents=intents, **kw)
        self.seen: list[tuple[int | None, str]] = []

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append((message.guild.shard_id if message.guild else None, message.content))
        await message.channel.send(f"shard {message.guild.shard_id if message.guild else '-'}")


def replies_to(fake: FakeDiscord, message_id: int) -> list[dict[str, Any]]:
    return [m for m in fake.bot_messages()
            if (m.get("message_reference") or {}).get("message_id") == str(message_id)]


# ---- connecting ----------------------------------------------------------------------------


async def test_ready_delivers_guilds_channels_and_bot_member(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        assert {g.id for g in bot.guilds} == {world.guild.id, world.other_guild.id}
        guild = bot.get_guild(world.guild.id)
        assert guild is not None and guild.me is not None and guild.me.id == fake.bot_user.id
        channel = guild.get_channel(world.channel.id)
        assert isinstance(channel, discord.TextChannel) and channel.name == "general"
        assert guild.get_role(world.admin_role.id) is not None
        assert bot.application_id == fake.application_id
        app = await bot.application_info()
        assert app.owner.id == fake.owner.id
        connect = next(e for e in fake.gateway.events if e.kind == "connect")
        identify = next(e for e in fake.gateway.events if e.kind == "identify")
    assert connect.data["query"]["v"] == "10" and connect.data["query"]["encoding"] == "json"
    # discord.py 2.7 asks for zlib-stream (or zstd-stream with zstandard); the fake obliges.
    assert connect.data["compress"] == connect.data["query"].get("compress")
    assert identify.data["intents"] & (1 << 15)  # message content, privileged
    assert identify.data["token"] == fake.token


async def test_is_owner_uses_application_owner(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        guild = bot.get_guild(world.guild.id)
        assert guild is not None
        owner = await guild.fetch_member(fake.owner.id)
        alice = await guild.fetch_member(world.member.id)
        assert await bot.is_owner(owner)
        assert not await bot.is_owner(alice)


# ---- messages ------------------------------------------------------------------------------


async def test_message_gets_a_valid_reply(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        handle = await fake.send_message(world.guild.id, world.channel.id, world.member,
                                         "who is doechii?")
        reply = await handle.reply()
        post = await handle.wait_for_request(method="POST", template=CREATE_MESSAGE)
    assert bot.seen == ["who is doechii?"]
    assert reply["content"] == "echo: who is doechii?"
    assert reply["type"] == 19 and reply["referenced_message"]["id"] == str(handle.id)
    assert post.ok and post.params["channel_id"] == str(world.channel.id)
    assert post.json["message_reference"]["message_id"] == handle.id
    assert post.json["allowed_mentions"]["replied_user"] is False
    assert reply["mentions"] == []  # mention_author=False is honoured
    assert fake.invalid_requests == []


async def test_without_message_content_intent_content_is_blank(fake_discord: FakeDiscord
                                                                ) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot(message_content=False)) as bot:
        plain = await fake.send_message(world.guild.id, world.channel.id, world.member, "hi")
        await plain.reply()
        mention = await fake.send_message(world.guild.id, world.channel.id, world.member,
                                          f"{fake.bot_user.mention} hi")
        await mention.reply()
        dm = await fake.send_message(None, None, world.member, "hello in dm")
        await dm.reply()
    assert bot.seen == ["", f"{fake.bot_user.mention} hi", "hello in dm"]


async def test_user_mentions_and_roles_are_parsed(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    got: list[discord.Message] = []
    async with running_bot(fake, TinyBot()) as bot:

        async def grab(message: discord.Message) -> None:
            got.append(message)

        bot.add_listener(grab, "on_message")
        handle = await fake.send_message(
            world.guild.id, world.channel.id, world.admin,
            f"hey {world.member.mention} and {world.admin_role.mention}")
        await handle.reply()
    msg = got[0]
    assert [u.id for u in msg.mentions] == [world.member.id]
    assert [r.id for r in msg.role_mentions] == [world.admin_role.id]
    assert isinstance(msg.author, discord.Member)
    assert msg.author.guild_permissions.manage_guild


# ---- interactions --------------------------------------------------------------------------


async def test_slash_command_answers_through_callback_with_response(
        fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        handle = await fake.slash(world.guild.id, world.channel.id, world.member, "lookup",
                                  {"topic": "Doechii", "detail": True})
        response = await handle.response()
        reply = await handle.reply()
    assert response.ok and response.query == {"with_response": "1"}
    assert response.json["type"] == 4
    assert reply["content"] == "about Doechii (long) in Coverage Test Guild"
    assert reply["interaction_metadata"]["id"] == str(handle.id)
    assert reply["components"][0]["components"][0]["custom_id"] == "confirm"
    payload = handle.payload
    assert payload["member"]["permissions"] == str(Permissions.DEFAULT_EVERYONE)
    assert payload["data"]["options"] == [
        {"name": "topic", "type": 3, "value": "Doechii"},
        {"name": "detail", "type": 5, "value": True}]


async def test_slash_command_in_dm_has_user_and_no_guild(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        handle = await fake.slash(None, None, world.member, "lookup", {"topic": "Rihanna"})
        reply = await handle.reply()
    assert "guild_id" not in handle.payload and "member" not in handle.payload
    assert handle.payload["user"]["id"] == str(world.member.id)
    assert handle.payload["context"] == 1
    assert reply["content"] == "about Rihanna (short) in dm"
    assert int(reply["channel_id"]) == fake.dm_channel(world.member).id


async def test_fake_refuses_what_a_discord_client_cannot_send(fake_discord: FakeDiscord
                                                              ) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        with pytest.raises(InteractionRefused, match="missing required"):
            await fake.slash(world.guild.id, world.channel.id, world.member, "lookup", {})
        with pytest.raises(InteractionRefused, match="unknown option"):
            await fake.slash(world.guild.id, world.channel.id, world.member, "lookup",
                             {"topic": "x", "colour": "red"})
        with pytest.raises(InteractionRefused, match="hidden"):
            await fake.slash(world.guild.id, world.channel.id, world.member, "settings")
        with pytest.raises(InteractionRefused, match=r"DMs|contexts"):
            await fake.slash(None, None, world.admin, "settings")
    assert fake.interactions == {}


async def test_admin_command_sees_manage_guild_permission(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        admin = await fake.slash(world.guild.id, world.channel.id, world.admin, "settings")
        admin_reply = await admin.reply()
        member = await fake.slash(world.guild.id, world.channel.id, world.member, "settings",
                                  bypass_permissions=True)
        member_reply = await member.reply()
    assert int(admin.payload["member"]["permissions"]) & Permissions.MANAGE_GUILD
    assert admin_reply["content"] == "manage_guild=True"
    assert admin_reply["flags"] & 64  # ephemeral
    assert member_reply["content"] == "manage_guild=False"


async def test_autocomplete_returns_at_most_25_choices(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        many = await fake.autocomplete(world.guild.id, world.channel.id, world.member,
                                       "lookup", {"topic": "topic"}, focused="topic")
        few = await fake.autocomplete(world.guild.id, world.channel.id, world.member,
                                      "lookup", {"topic": "H", "detail": True}, focused="topic")
        many_choices, few_choices = await many.choices(), await few.choices()
    assert len(many_choices) == 25
    assert [c["value"] for c in few_choices] == ["Doechii", "Rihanna"]
    assert many.payload["type"] == 4
    assert many.payload["data"]["options"][0] == {"name": "topic", "type": 3, "value": "topic",
                                                  "focused": True}


async def test_button_click_updates_the_message(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        slash = await fake.slash(world.guild.id, world.channel.id, world.member, "lookup",
                                 {"topic": "ICE raids"})
        message = await slash.reply()
        click = await fake.click(message["id"], "confirm", world.admin)
        response = await click.response()
        edited = await click.reply()
    assert response.json["type"] == 7
    assert edited["id"] == message["id"]
    assert edited["content"] == "confirmed by bob"
    assert edited["components"] == []
    assert click.payload["message"]["id"] == message["id"]
    assert click.payload["data"] == {"custom_id": "confirm", "component_type": 2, "id": 2}
    # the button is gone now: a real client could not click it again
    with pytest.raises(InteractionRefused):
        await fake.click(message["id"], "confirm", world.admin)


async def test_modal_opens_and_submits(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        opened = await fake.slash(world.guild.id, world.channel.id, world.member, "feedback")
        modal = await opened.modal()
        with pytest.raises(InteractionRefused, match="length"):
            await fake.submit_modal(modal["custom_id"],
                                    {"feedback_text": "x" * 201}, world.member)
        submitted = await fake.submit_modal(modal["custom_id"],
                                            {"feedback_text": "great sources"}, world.member)
        reply = await submitted.reply()
        with pytest.raises(InteractionRefused, match="did not open"):
            await fake.submit_modal(modal["custom_id"], {"feedback_text": "again"},
                                    world.member)
    assert modal["title"] == "Feedback"
    assert submitted.payload["type"] == 5
    assert reply["content"] == "thanks: great sources" and reply["flags"] & 64


async def test_deferred_response_then_followup(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        handle = await fake.slash(world.guild.id, world.channel.id, world.member, "slow")
        response = await handle.response()
        followup = await handle.followup()
        reply = await handle.reply()
    assert response.json["type"] == 5
    assert response.response["interaction"]["response_message_loading"] is True
    assert followup.ok and followup.query.get("wait") == "1"
    assert reply["content"] == "done thinking"
    assert not reply["flags"] & 128  # no longer "thinking"
    assert int(reply["id"]) == handle.interaction.original_message_id


async def test_webhook_routes_edit_fetch_delete_and_upload(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        handle = await fake.slash(world.guild.id, world.channel.id, world.member, "steps")
        first = await handle.reply()
        upload = await handle.followup(n=2)
        await handle.wait_for_request(method="DELETE",
                                      template=FOLLOWUP + "/messages/{message_id}")
    templates = [(r.method, r.template) for r in handle.requests]
    assert templates == [
        ("POST", CALLBACK),
        ("PATCH", FOLLOWUP + "/messages/@original"),
        ("POST", FOLLOWUP),
        ("GET", FOLLOWUP + "/messages/@original"),
        ("PATCH", FOLLOWUP + "/messages/{message_id}"),
        ("POST", FOLLOWUP),
        ("DELETE", FOLLOWUP + "/messages/{message_id}"),
    ]
    assert all(r.ok for r in handle.requests)
    assert first["content"] == "step 1" and first["flags"] & 64
    assert upload.content_type == "multipart/form-data"
    assert upload.json["content"] == "original said 'step 1'"
    assert [(f.field, f.filename, f.data) for f in upload.files] == [("files[0]", "x.txt", b"x")]
    messages = handle.messages()
    assert [m["content"] for m in messages] == ["step 1", "original said 'step 1'"]
    assert messages[1]["attachments"][0]["filename"] == "x.txt"


async def test_files_reactions_and_typing(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        handle = await fake.send_message(world.guild.id, world.channel.id, world.member,
                                         "file please")
        sent = await handle.reply()
    kinds = [(r.method, r.template) for r in handle.requests]
    assert ("POST", "/channels/{channel_id}/typing") in kinds
    react = next(r for r in handle.requests if r.method == "PUT")
    assert react.params["emoji_name"] == "\N{THUMBS UP SIGN}" and react.status == 204
    assert fake.messages[handle.id]["reactions"][0]["me"] is True
    post = next(r for r in handle.requests if r.is_("POST", CREATE_MESSAGE))
    assert post.json["content"] == "here it is"
    assert post.files[0].data == b"a,b\n1,2\n" and post.files[0].filename == "data.csv"
    assert sent["attachments"][0]["size"] == len(b"a,b\n1,2\n")


async def test_late_acknowledgement_is_recorded(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    fake.interaction_ack_timeout = 0.2
    bot = TinyBot()

    @bot.tree.command(name="sleepy", description="Too slow")
    async def sleepy(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.4)
        await interaction.response.send_message("too late")

    async with running_bot(fake, bot):
        handle = await fake.slash(world.guild.id, world.channel.id, world.member, "sleepy")
        response = await handle.response()
    assert response.status == 404 and response.response["code"] == 10062
    assert len(fake.late_interactions) == 1
    fake.late_interactions.clear()


# ---- commands sync -------------------------------------------------------------------------


async def test_tree_sync_puts_valid_commands_and_gets_ids(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot(sync=False)) as bot:
        synced = await bot.tree.sync()
        bot.tree.copy_global_to(guild=discord.Object(world.guild.id))
        guild_synced = await bot.tree.sync(guild=discord.Object(world.guild.id))
        again = await bot.tree.sync()
    puts = fake.requests_to("PUT", "/applications/{application_id}/commands")
    assert len(puts) == 2 and all(p.ok for p in puts)
    names = sorted(c["name"] for c in puts[0].json)
    assert names == ["feedback", "lookup", "settings", "slow", "steps"]
    assert all(c.id > 0 for c in synced)
    assert {c.name: c.id for c in again} == {c.name: c.id for c in synced}  # ids are stable
    assert {c.guild_id for c in guild_synced} == {world.guild.id}
    settings = next(c for c in puts[0].json if c["name"] == "settings")
    assert int(settings["default_member_permissions"]) == Permissions.MANAGE_GUILD
    assert fake.invalid_requests == []


async def test_guild_command_interaction_carries_guild_id(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    bot = TinyBot(sync=False)
    async with running_bot(fake, bot):
        guild = discord.Object(world.guild.id)
        bot.tree.copy_global_to(guild=guild)
        await bot.tree.sync(guild=guild)
        handle = await fake.slash(world.guild.id, world.channel.id, world.member, "lookup",
                                  {"topic": "x"})
        await handle.reply()
    assert handle.payload["data"]["guild_id"] == str(world.guild.id)


# ---- faults --------------------------------------------------------------------------------


async def test_rate_limited_request_is_retried_and_delivered(fake_discord: FakeDiscord
                                                             ) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        fake.rate_limit_next(2, "/messages", retry_after=0.05)
        handle = await fake.send_message(world.guild.id, world.channel.id, world.member, "hi")
        reply = await handle.reply()
    posts = [r for r in handle.requests if r.is_("POST", CREATE_MESSAGE)]
    assert [p.status for p in posts] == [429, 429, 200]
    assert posts[0].response["retry_after"] == 0.05 and posts[0].response["global"] is False
    assert reply["content"] == "echo: hi"
    assert len(replies_to(fake, handle.id)) == 1


async def test_server_error_is_retried_and_delivered(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        fake.fail_next(1, 502, "/messages")
        handle = await fake.send_message(world.guild.id, world.channel.id, world.member, "hi")
        await handle.reply(timeout=8)
    posts = [r for r in handle.requests if r.is_("POST", CREATE_MESSAGE)]
    assert [p.status for p in posts] == [502, 200]
    assert len(replies_to(fake, handle.id)) == 1


async def test_interaction_callback_rate_limit_is_retried(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()):
        fake.rate_limit_next(1, "/callback", retry_after=0.05)
        handle = await fake.slash(world.guild.id, world.channel.id, world.member, "lookup",
                                  {"topic": "x"})
        reply = await handle.reply()
    calls = [r for r in handle.requests if r.template == CALLBACK]
    assert [c.status for c in calls] == [429, 200]
    assert reply["content"].startswith("about x")


@pytest.mark.parametrize("how", ["abort", 4000, 1001, "op7-reconnect"])
async def test_gateway_drop_resumes_and_replays_exactly_once(fake_discord: FakeDiscord,
                                                             how: str | int) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        first = await fake.send_message(world.guild.id, world.channel.id, world.member, "one")
        await first.reply()
        mark = len(fake.gateway.events)
        resumed = asyncio.create_task(wait_for_event(bot, "resumed"))
        if how == "op7-reconnect":
            assert await fake.request_reconnect() == 1
        else:
            assert await fake.drop_gateway(code=None if how == "abort" else int(how)) == 1
        # sent while the bot is disconnected: buffered by the session, replayed on RESUME
        during = await fake.send_message(world.guild.id, world.channel.id, world.member, "two")
        resume = await fake.wait_for_gateway("resume", since=mark)
        await resumed
        await during.reply()
        after = await fake.send_message(world.guild.id, world.channel.id, world.member, "three")
        await after.reply()
        await asyncio.sleep(0.1)  # give a duplicate the chance to show up
    assert yarl.URL(resume.data["url"]).path == yarl.URL(fake.resume_gateway_url).path
    assert resume.data["replayed"] >= 1
    assert [e.kind for e in fake.gateway.events[mark:]].count("identify") == 0
    assert bot.seen == ["one", "two", "three"]
    for handle in (first, during, after):
        assert len(replies_to(fake, handle.id)) == 1


async def test_invalid_session_makes_the_bot_identify_again(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        old_sessions = set(fake.gateway.sessions)
        mark = len(fake.gateway.events)
        ready_again = asyncio.create_task(wait_for_event(bot, "ready"))
        assert await fake.invalidate_session(resumable=False) == 1
        await fake.wait_for_gateway("identify", since=mark)
        await ready_again
        handle = await fake.send_message(world.guild.id, world.channel.id, world.member, "back")
        await handle.reply()
        await asyncio.sleep(0.1)
    new_sessions = set(fake.gateway.sessions) - old_sessions
    assert len(new_sessions) == 1
    assert bot.ready_count == 2
    assert bot.seen == ["back"] and len(replies_to(fake, handle.id)) == 1


async def test_resumable_invalid_session_resumes(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        mark = len(fake.gateway.events)
        resumed = asyncio.create_task(wait_for_event(bot, "resumed"))
        await fake.invalidate_session(resumable=True)
        await resumed
        handle = await fake.send_message(world.guild.id, world.channel.id, world.member, "ok")
        await handle.reply()
    kinds = [e.kind for e in fake.gateway.events[mark:]]
    assert "resume" in kinds and "identify" not in kinds


async def test_sharded_bot_gets_each_guild_on_its_shard() -> None:
    async with running_fake(recommended_shards=2) as fake:
        world = fake.world  # type: ignore[attr-defined]
        bot = TinyShardedBot()
        async with running_bot(fake, bot):
            assert bot.shard_count == 2
            first = await fake.send_message(world.guild, world.channel, world.member, "a")
            second = await fake.send_message(world.other_guild, world.other_channel,
                                             world.other_member, "b")
            r1, r2 = await first.reply(), await second.reply()
            guild_shards = {g.id: g.shard_id for g in bot.guilds}
        identifies = [e.data["shard"] for e in fake.gateway.events if e.kind == "identify"]
    assert fake.requests_to("GET", "/gateway/bot")
    assert sorted(identifies) == [[0, 2], [1, 2]]
    assert guild_shards == {world.guild.id: 0, world.other_guild.id: 1}
    assert (r1["content"], r2["content"]) == ("shard 0", "shard 1")


# ---- validation & unknown routes ---------------------------------------------------------


async def test_invalid_bodies_are_caught_and_answered_400(fake_discord: FakeDiscord) -> None:
    fake, world = fake_discord, fake_discord.world  # type: ignore[attr-defined]
    async with running_bot(fake, TinyBot()) as bot:
        route = discord.http.Route("POST", "/channels/{channel_id}/messages",
                                   channel_id=world.channel.id)
        with pytest.raises(discord.HTTPException) as too_long:
            await bot.http.request(route, json={"content": "x" * 3000})
        with pytest.raises(discord.HTTPException) as too_many:
            await bot.http.request(route, json={"embeds": [{"description": "e"}] * 30})
        with pytest.raises(discord.HTTPException) as blank_field:
            await bot.http.request(route, json={"embeds": [
                {"fields": [{"name": "n", "value": ""}]}]})
        ok = await bot.http.request(route, json={"content": "x" * 2000})
    assert too_long.value.status == 400 and too_long.value.code == 50035
    assert too_many.value.code == 50035 and blank_field.value.code == 50035
    assert ok["content"] == "x" * 2000
    errors = [p.errors for p in fake.invalid_requests]
    assert len(errors) == 3
    assert any("content" in e and "2000" in e for e in errors[0])
    assert any("maxItems" in e for e in errors[1])
    assert any("value" in e and "blank" in e for e in errors[2])
    fake.invalid_requests.clear()


async def test_unknown_route_is_404_and_recorded(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_bot(fake, TinyBot()) as bot:
        with pytest.raises(discord.NotFound):
            await bot.http.request(discord.http.Route("GET", "/no/such/route"))
        with pytest.raises(discord.NotFound):  # in the spec, but not implemented by the fake
            await bot.http.request(discord.http.Route("GET", "/guilds/{guild_id}/bans",
                                                      guild_id=1))
    assert len(fake.unexpected) == 2
    assert fake.requests[-1].status == 404
    assert fake.requests[-1].headers["Authorization"] == f"Bot {fake.token}"
    fake.unexpected.clear()


async def test_fixture_fails_the_test_on_leftover_problems() -> None:
    with pytest.raises(AssertionError, match="unknown route"):
        async with running_fake() as fake, running_bot(fake, TinyBot()) as bot:
            with pytest.raises(discord.NotFound):
                await bot.http.request(discord.http.Route("GET", "/nope"))


# ---- the spec module on its own ------------------------------------------------------------


def test_literal_path_segments_win_over_parameters() -> None:
    assert spec.match_path("/webhooks/1/tok/messages/@original") == (
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
        {"webhook_id": "1", "webhook_token": "tok"})
    assert spec.match_path("/users/@me/channels") == ("/users/@me/channels", {})
    assert spec.match_path("/users/42") == ("/users/{user_id}", {"user_id": "42"})
    assert spec.match_path("/not/a/route") is None


def test_snowflakes_may_be_numbers_but_not_garbage() -> None:
    good = {"content": "hi", "message_reference": {"message_id": 123},
            "allowed_mentions": {"parse": [], "users": [1, "2"]}}
    bad = {"content": "hi", "message_reference": {"message_id": "12a"}}
    assert spec.request_errors(CREATE_MESSAGE, "post", good) == []
    assert spec.request_errors(CREATE_MESSAGE, "post", bad) != []


def test_limits_beyond_the_schema() -> None:
    assert spec.extra_errors("POST", CREATE_MESSAGE, {"content": ""}) != []  # empty message
    assert spec.extra_errors("POST", CREATE_MESSAGE, {"content": "x" * 2001}) != []
    assert spec.extra_errors("POST", CREATE_MESSAGE, {
        "content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1"]}}) != []
    choices = {"type": 8, "data": {"choices": [{"name": "n" * 101, "value": "v"}]}}
    assert spec.extra_errors("POST", CALLBACK, choices) != []
    embed = {"embeds": [{"description": "d" * 4000, "fields": [
        {"name": "n", "value": "v" * 1025}, {"name": "n", "value": "v" * 1000}]}]}
    errs = spec.extra_errors("POST", CREATE_MESSAGE, embed)
    assert any("1024" in e for e in errs) and any("6000" in e for e in errs)
    assert spec.extra_errors("POST", CREATE_MESSAGE, {"content": "fine"}) == []
