"""``/verify text:``: is a pasted quote in the coverage?

The bot finds the closest quote this server can see (the shared coverage and the server's
own records; in DMs the shared coverage) and says whether the text is that quote word for
word, a paraphrase of it (with the word difference), altered (a changed name, number or
negation, with the difference), or not in the coverage, with who said it and the source; a
paste of a word or two is too short to judge. Everyone can use it, in servers and in DMs.
The pasted text is shown with its Markdown escaped and its mentions broken, and the bot's
messages ping nobody.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import present
from bot.cogs.base import CogBot


class Verify(commands.Cog):
    """Checking quotes against the coverage."""

    def __init__(self, bot: CogBot) -> None:
        self.bot = bot

    @app_commands.command(name="verify",
                          description="Check whether a quote is in the coverage, word for word.")
    @app_commands.describe(text="The quote to check, as you saw it")
    async def verify(self, interaction: discord.Interaction[Any], text: str) -> None:
        """Whether ``text`` is a quote of the coverage: word for word, changed, or not."""
        # InvalidQuestion (empty, too short, too long) goes to the one error handler.
        verification = self.bot.service.verify(text, guild_id=interaction.guild_id)
        quote = verification.quote
        found = verification.found and quote is not None
        refs = self.bot.service.source_refs(quote) if found and quote is not None else []
        await interaction.response.send_message(
            embed=present.verify_embed(verification, text, refs)
        )


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    await bot.add_cog(Verify(bot))  # type: ignore[arg-type]
