from datetime import timedelta

from django_tasks import task

from maison.notifications.services import requeue_stale

from . import recovery


@task()
def recover_outbox_emails() -> int:
    return requeue_stale()


@task()
def recover_stuck_tasks(lease_seconds: int, max_attempts: int) -> dict:
    return recovery.recover_stuck_tasks(
        lease=timedelta(seconds=lease_seconds), max_attempts=max_attempts
    )
