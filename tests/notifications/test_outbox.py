"""DATA-3 and ORD-6: the acknowledgment is queued with the order and never lost."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from maison.checkout import services
from maison.notifications import services as outbox
from maison.notifications.models import OutboxEmail
from tests import factories
from tests.smtp import free_port


@pytest.fixture
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def place(**kwargs):
    shirt = factories.variant(price_minor=145_00, colour="Sky blue", size="M")
    return services.place_order(
        factories.ready_checkout([(shirt, 2)], **kwargs), accepted_terms=True
    )


def test_the_worker_sends_the_acknowledgment_through_a_real_smtp_server(
    transactional_db, store, smtp_server, worker_backend
):
    # proves: ORD-6, DATA-3
    # Committed for real: the worker runs as in production, in autocommit.
    order = place()
    # Enqueued for the worker, not sent in the request (beside it, the archive's chaining).
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_email").count() == 1
    assert smtp_server.messages == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    [received] = smtp_server.messages
    assert received["To"] == "camille@example.com"
    assert order.number in received["Subject"]
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    line = order.lines.get()
    for fact in [
        order.number,
        "Sky blue, M",
        "× 2",
        "€290.00",
        "Standard delivery",
        "3 rue des Essais",
        "69002 Lyon",
        "Estimated delivery between",
        "terms of sale, version",
        "charged only when",
    ]:
        assert fact in text, fact
    assert line.product_name in html and "€290.00" in html
    assert f"http://127.0.0.1:8000/en/orders/{order.number}/{order.access_key}/" in text
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_an_order_rolled_back_leaves_no_email(store, django_capture_on_commit_callbacks):
    # proves: DATA-3
    class Crash(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Crash),
        transaction.atomic(),
    ):
        place()
        raise Crash
    assert OutboxEmail.objects.count() == 0
    assert callbacks == []


def test_a_failed_send_is_kept_and_retried_until_it_goes(
    store, settings, worker_backend, smtp_server
):
    # proves: DATA-3
    order = place()
    queued = OutboxEmail.objects.get(reference=order.number)
    smtp_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there: the mail hop fails
    with transaction.atomic():
        assert outbox.send(queued.pk) is False
    queued.refresh_from_db()
    assert queued.status == OutboxEmail.Status.PENDING
    assert queued.attempts == 1 and "ConnectionRefused" in queued.last_error
    settings.EMAIL_PORT = smtp_port
    assert outbox.send(queued.pk) is True
    queued.refresh_from_db()
    assert queued.status == OutboxEmail.Status.SENT and queued.attempts == 2
    assert len(smtp_server.messages) == 1
    assert outbox.send(queued.pk) is True  # a second delivery of the task sends nothing twice
    assert len(smtp_server.messages) == 1


def test_a_failed_send_schedules_its_next_attempt(
    store, settings, worker_backend, django_capture_on_commit_callbacks
):
    # proves: DATA-3
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    order = place()
    queued = OutboxEmail.objects.get(reference=order.number)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.send(queued.pk)
    retry = DBTaskResult.objects.get()
    assert retry.run_after is not None and retry.run_after > queued.queued_at
    assert outbox.retry_delay(1).total_seconds() == 60
    assert outbox.retry_delay(20).total_seconds() == 3600


def test_a_stale_email_is_enqueued_again_but_not_one_with_a_retry_planned(store):
    # proves: DATA-3
    from datetime import timedelta

    from maison import clock

    order = place()
    queued = OutboxEmail.objects.get(reference=order.number)
    later = clock.now() + timedelta(minutes=11)
    with clock.travel_to(later):
        assert outbox.requeue_stale() == 1  # its enqueue was lost: found again
    OutboxEmail.objects.filter(pk=queued.pk).update(next_attempt_at=later + timedelta(minutes=5))
    with clock.travel_to(later + timedelta(minutes=1)):
        assert outbox.requeue_stale() == 0  # a retry is planned: left to it


def test_a_reset_email_for_an_account_closed_before_it_went_is_dropped(store):
    # proves: ACC-2
    from django.core import mail

    from tests.accounts.helpers import member

    lou = member("lou@example.com", first_name="Lou")
    queued = outbox.queue_email(lou.email, "password_reset", {"user": lou.pk}, language="en")
    lou.is_active = False
    lou.save(update_fields=["is_active"])
    assert outbox.send(queued.pk) is True
    queued.refresh_from_db()
    assert queued.status == OutboxEmail.Status.CANCELLED and "Not sent" in queued.last_error
    assert mail.outbox == []
    assert outbox.send(queued.pk) is True and mail.outbox == []
