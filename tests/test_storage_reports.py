"""bot/storage/reports.py: what storage hands back, worded for logs and people."""

from __future__ import annotations

from bot.storage.reports import ImportReport, RecordRef, SyncReport


def test_a_record_ref_reads_as_kind_and_id() -> None:
    assert str(RecordRef("fact", "f1")) == "fact 'f1'"


def test_a_sync_report_counts_and_says_whether_anything_changed() -> None:
    quiet = SyncReport(kept_edited=(RecordRef("fact", "f1"),))
    assert not quiet.changed and quiet.counts["kept_edited"] == 1
    busy = SyncReport(added=(RecordRef("fact", "a"), RecordRef("quote", "b")))
    assert busy.changed
    assert str(busy).startswith("added 2, updated 0, removed 0, kept edited 0")


def test_an_import_report_totals_its_kinds() -> None:
    report = ImportReport(5, 1, 2, 3, 4)
    assert report.total == 10
