"""The database: ``Storage``, one small typed async API over one connection (SQLite by
default, or PostgreSQL: :mod:`bot.storage.backend`).

How writes are made safe (one transaction each, serialised, durable) is told in
:mod:`bot.storage.connection`; removal is a hard delete whose audit row keeps the record, so
a removal is undone by adding it again (a removed shipped record is remembered so that the
knowledge files do not bring it back: :mod:`bot.storage.shipped`).
"""

from __future__ import annotations

from bot.errors import StorageError
from bot.storage.activity import Activity
from bot.storage.changes import ChangeLog
from bot.storage.importing import Importing, ImportRejected
from bot.storage.shipped import SYNC_ACTOR, Shipped


class Storage(Importing, Shipped, Activity, ChangeLog):
    """The bot's database. Open with ``await Storage.open(path)``; close when done.

    Its parts, each a module of :mod:`bot.storage`: the connection and its transactions
    (``connection``), rows and records (``mapping``, ``records``), imports and ingests
    (``importing``), the shipped coverage (``shipped``), the logs around the records
    (``activity``), the change log that keeps other processes in step (``changes``)."""


__all__ = ["SYNC_ACTOR", "ImportRejected", "Storage", "StorageError"]
