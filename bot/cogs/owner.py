"""Owners' text commands: ``@bot sync`` (the slash commands, on purpose, never on every
start: discord.py's advice). Hidden, and refused to anyone but the bot's owners."""

from __future__ import annotations

from typing import Any

from discord.ext import commands

from bot.cogs.base import CogBot
from bot.wording import plural


class Owner(commands.Cog):
    """Commands for the bot's owners."""

    def __init__(self, bot: CogBot) -> None:
        self.bot = bot

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync_text(self, ctx: commands.Context[Any], scope: str = "global"
                        ) -> None:
        """``@bot sync`` (global), ``@bot sync here`` or ``@bot sync <guild id>``."""
        if scope == "global":
            guild_id: int | None = None
        elif scope == "here" and ctx.guild is not None:
            guild_id = ctx.guild.id
        elif scope.isdigit():
            guild_id = int(scope)
        else:
            raise commands.BadArgument("Use `sync`, `sync here` or `sync <guild id>`.")
        synced = await self.bot.sync_tree(guild_id)
        where = "globally" if guild_id is None else f"to guild {guild_id}"
        await ctx.reply(f"Synced {plural(len(synced), 'command')} {where}.",
                        mention_author=False)


async def setup(bot: commands.Bot) -> None:
    """Loaded by the client's ``setup_hook``."""
    await bot.add_cog(Owner(bot))  # type: ignore[arg-type]
