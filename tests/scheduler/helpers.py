"""A periodic job whose runs the tests can count."""

import threading
from datetime import UTC, datetime, timedelta

from django_tasks import task

from maison.scheduler.jobs import Job

NINE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
BEATS: list[str] = []
_lock = threading.Lock()


@task()
def heartbeat() -> None:
    with _lock:
        BEATS.append(threading.current_thread().name)


def every(minutes: int) -> Job:
    return Job("heartbeat", heartbeat, timedelta(minutes=minutes))


def minutes(n: int) -> datetime:
    return NINE + timedelta(minutes=n)


def a_password_reset_email():
    """A real email to queue: a customer's password reset (its link is built when sent)."""
    from django.contrib.auth import get_user_model

    from maison.notifications.services import queue_email

    camille = get_user_model().objects.create_user("camille@example.com", "Linen-coat-42")
    return queue_email(camille.email, "password_reset", {"user": camille.pk}, language="en")
