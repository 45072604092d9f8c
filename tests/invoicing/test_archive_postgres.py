"""The archive under real concurrency: chained in commit order, written once (ORD-11)."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from maison.invoicing import archive
from maison.invoicing.models import ArchiveRecord


@pytest.mark.postgres
def test_facts_are_chained_in_the_order_their_transactions_commit(postgresql_only):
    # proves: ORD-11
    written, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                archive.keep("order_event", {"event": "first written, committed last"})
                written.set()
                release.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    written.wait(10)
    # Committed at once: the worker, asked on commit, chains it; the open transaction's
    # fact waits, and nobody waited for a lock.
    archive.keep("order_event", {"event": "written second, committed first"})
    archive.chain()
    assert ArchiveRecord.objects.count() == 1
    release.set()
    writer.join()
    archive.chain()
    assert [r.payload["event"] for r in ArchiveRecord.objects.order_by("seq")] == [
        "written second, committed first",
        "first written, committed last",
    ]
    assert archive.verify() is None


@pytest.mark.postgres
def test_an_archived_record_refuses_update_and_delete(postgresql_only):
    # proves: ORD-11
    archive.keep("order_event", {"event": "placed"})
    archive.chain()
    for sql in (
        "UPDATE invoicing_archiverecord SET payload = '{}'",
        "DELETE FROM invoicing_archiverecord",
    ):
        with pytest.raises(DatabaseError, match="written once"), transaction.atomic():
            connection.cursor().execute(sql)
    assert ArchiveRecord.objects.count() == 1
