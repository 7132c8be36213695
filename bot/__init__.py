"""coverage-bot: answers questions about news coverage, citing its source for every answer."""

__version__ = "0.1.0"
