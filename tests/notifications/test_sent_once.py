"""DATA-3: each email is sent once, with one Message-ID, through dropped connections and
killed workers; recovery sends what a dead worker left, never what a live one holds."""

import re
import threading
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.db.models import QuerySet

from maison import clock
from maison.checkout import services
from maison.notifications import services as outbox
from maison.notifications.models import OutboxEmail
from tests import factories
from tests.conftest import on_postgresql


@pytest.fixture
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def queued_acknowledgment() -> OutboxEmail:
    shirt = factories.variant(price_minor=145_00)
    order = services.place_order(factories.ready_checkout([(shirt, 1)]), accepted_terms=True)
    return OutboxEmail.objects.get(reference=order.number)


@pytest.fixture
def sent_write_fails(monkeypatch, smtp_server):
    """Make the write of "sent" fail with a lost connection, `left` times, after SMTP accepted."""
    state = {"left": 0, "failed": 0}
    real_update = QuerySet.update

    def update(self, **fields):
        if self.model is OutboxEmail and fields.get("status") == "sent" and state["left"]:
            assert len(smtp_server.messages) == 1, "only once the server has accepted"
            state["left"] -= 1
            state["failed"] += 1
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", update)
    monkeypatch.setattr(outbox, "RECORD_RETRY_DELAYS", (0, 0, 0, 0))
    return state


def drop_the_connection_after_the_server_accepted(monkeypatch, smtp_server, sent_write_fails):
    """On PostgreSQL the worker's connection is really terminated; on SQLite, the write fails."""
    if not on_postgresql():
        sent_write_fails["left"] = 1
        return
    real_send = EmailBackend.send_messages

    def send_then_drop(self, messages):
        count = real_send(self, messages)
        assert len(smtp_server.messages) == 1
        worker = connection.cursor().connection.info.backend_pid

        def terminate():  # from another connection, as an administrator would
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [worker])
            connections["default"].close()

        killer = threading.Thread(target=terminate)
        killer.start()
        killer.join()
        sent_write_fails["failed"] += 1
        return count

    monkeypatch.setattr(EmailBackend, "send_messages", send_then_drop)


def test_a_connection_lost_after_the_server_accepted_does_not_send_twice(
    transactional_db, store, smtp_server, worker_backend, sent_write_fails, monkeypatch, caplog
):
    # proves: DATA-3, ORD-11
    queued = queued_acknowledgment()
    drop_the_connection_after_the_server_accepted(monkeypatch, smtp_server, sent_write_fails)
    run_worker()
    assert sent_write_fails["failed"] == 1
    # The worker saw the write fail, reopened the connection and wrote it again.
    assert "sent, but not yet recorded" in caplog.text
    monkeypatch.undo()

    # The task delivered again, and the recovery long after: nothing more goes out.
    assert outbox.send(queued.pk) is True
    with clock.travel_to(clock.now() + timedelta(hours=2)):
        assert outbox.requeue_stale() == 0
    run_worker()
    [received] = smtp_server.messages
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("sent", 1)
    assert received["Message-ID"] == queued.message_id
    assert re.fullmatch(r"<[^@\s]+@orvane\.example>", queued.message_id)
    assert "We have received your order" in queued.subject  # what was sent, kept


def test_a_database_away_longer_than_the_retries_costs_a_copy_with_the_same_message_id(
    transactional_db, store, smtp_server, worker_backend, sent_write_fails
):
    # proves: DATA-3
    queued = queued_acknowledgment()
    sent_write_fails["left"] = len(outbox.RECORD_RETRY_DELAYS)
    with pytest.raises(OperationalError):
        outbox.send(queued.pk)
    queued.refresh_from_db()
    assert queued.status == "sending" and len(smtp_server.messages) == 1
    # Its lease still runs: neither the recovery nor a second delivery of the task sends it.
    assert outbox.requeue_stale() == 0
    assert outbox.send(queued.pk) is False
    with clock.travel_to(queued.lease_until + timedelta(seconds=1)):
        assert outbox.requeue_stale() == 1
        run_worker()
    # Never lost; sent again, as the same message, which mail clients recognise.
    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"] == queued.message_id
    queued.refresh_from_db()
    assert queued.status == "sent"


def test_a_worker_killed_mid_send_is_recovered_once_its_lease_ends(
    transactional_db, store, smtp_server, worker_backend, monkeypatch
):
    # proves: DATA-3
    queued = queued_acknowledgment()

    def killed(self, fail_silently=False):
        raise SystemExit("worker killed")

    monkeypatch.setattr(EmailMultiAlternatives, "send", killed)
    with pytest.raises(SystemExit):
        outbox.send(queued.pk)
    monkeypatch.undo()
    queued.refresh_from_db()
    assert queued.status == "sending" and queued.attempts == 1

    assert outbox.send(queued.pk) is False  # the task delivered again waits for the lease
    with clock.travel_to(queued.lease_until - timedelta(seconds=1)):
        assert outbox.requeue_stale() == 0
    assert smtp_server.messages == []
    with clock.travel_to(queued.lease_until + timedelta(seconds=1)):
        assert outbox.requeue_stale() == 1
        run_worker()  # the recovery, and the first task still in the queue: one message
    [received] = smtp_server.messages
    assert received["Message-ID"] == queued.message_id
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("sent", 2)
