"""Storage: the only place with SQL. One database connection (SQLite or PostgreSQL) behind a
small typed API."""

from bot.storage.db import SYNC_ACTOR, Storage
from bot.storage.migrations import LATEST_VERSION
from bot.storage.reports import (
    AuditEntry,
    Change,
    FeedbackSummary,
    ImportReport,
    RecordInfo,
    RecordRef,
    SyncReport,
    UnansweredQuestion,
)

__all__ = [
    "LATEST_VERSION",
    "SYNC_ACTOR",
    "AuditEntry",
    "Change",
    "FeedbackSummary",
    "ImportReport",
    "RecordInfo",
    "RecordRef",
    "Storage",
    "SyncReport",
    "UnansweredQuestion",
]
