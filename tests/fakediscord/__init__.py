"""A local fake Discord (REST v10 + gateway) for end-to-end tests of the real discord.py bot.

Public API:

* ``FakeDiscord`` (``server.py``): the server, world, request log, validation, faults, and
  user actions (``send_message``, ``slash``, ``autocomplete``, ``click``, ``submit_modal``,
  ``react``) returning handles to await the bot's answers.
* ``fixtures``: ``fake_discord`` fixture / ``running_fake`` / ``running_bot`` / ``World``.
* ``spec``: OpenAPI-based request validation, usable on its own.
"""

from tests.fakediscord.interactions import InteractionRefused
from tests.fakediscord.models import (
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    Permissions,
)
from tests.fakediscord.records import FakeInteraction, Problem, RecordedRequest, UploadedFile
from tests.fakediscord.server import (
    ApiError,
    FakeDiscord,
    Handle,
    InteractionHandle,
    MessageHandle,
)

__all__ = [
    "ApiError",
    "FakeAttachment",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeInteraction",
    "FakeMember",
    "FakeRole",
    "FakeUser",
    "Handle",
    "InteractionHandle",
    "InteractionRefused",
    "MessageHandle",
    "Permissions",
    "Problem",
    "RecordedRequest",
    "UploadedFile",
]
