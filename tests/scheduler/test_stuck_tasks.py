"""A worker killed mid-task leaves its row RUNNING forever; the scheduler's job recovers it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from maison import clock
from maison.alerts.models import StaffAlert
from maison.notifications.models import OutboxEmail
from maison.scheduler.jobs import JOBS, STUCK_TASK_LEASE, STUCK_TASK_MAX_ATTEMPTS
from maison.scheduler.recovery import recover_stuck_tasks
from maison.scheduler.services import tick

from .helpers import a_password_reset_email

RECOVER = [job for job in JOBS if job.name == "recover-stuck-tasks"]


@pytest.fixture
def worker_backend(settings, transactional_db):
    """Tasks go to the database and a real worker runs them, committed as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def an_email_task() -> DBTaskResult:
    with transaction.atomic():
        a_password_reset_email()
    return DBTaskResult.objects.get()


def worker_claims_then_dies(worker_id: str) -> DBTaskResult:
    """What db_worker does before running a task; then the process is killed."""
    with transaction.atomic():
        row = DBTaskResult.objects.ready().get_locked()
        row.claim(worker_id)
    return row


def recover_at(instant):
    """The scheduler enqueues the recovery job; a worker runs it, then whatever it made ready."""
    with clock.travel_to(instant):
        assert tick(jobs=RECOVER) == ["recover-stuck-tasks"]
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_task_a_killed_worker_left_running_is_run_again_after_the_lease(worker_backend):
    # proves: DATA-3
    email_task = an_email_task()
    worker_claims_then_dies("worker-killed-by-oom")
    started = timezone.now()

    recover_at(started + STUCK_TASK_LEASE - timedelta(minutes=1))
    email_task.refresh_from_db()
    assert email_task.status == TaskResultStatus.RUNNING  # maybe only slow: left to its worker
    assert mail.outbox == []

    recover_at(started + STUCK_TASK_LEASE + timedelta(minutes=6))
    email_task.refresh_from_db()
    assert email_task.status == TaskResultStatus.SUCCESSFUL
    assert email_task.worker_ids[0] == "worker-killed-by-oom" and len(email_task.worker_ids) == 2
    [sent] = mail.outbox
    assert sent.to == ["camille@example.com"] and sent.subject == "Choose a new password"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_a_task_that_kills_its_worker_every_time_is_failed_and_the_administrators_alerted(
    worker_backend, django_user_model
):
    django_user_model.objects.create_superuser("boss@orvane.example", "Atelier-bleu-9")
    email_task = an_email_task()
    later = timezone.now() + STUCK_TASK_LEASE + timedelta(minutes=1)
    for attempt in range(1, STUCK_TASK_MAX_ATTEMPTS + 1):
        worker_claims_then_dies(f"worker-{attempt}")
        with clock.travel_to(later):
            outcome = recover_stuck_tasks(
                lease=STUCK_TASK_LEASE, max_attempts=STUCK_TASK_MAX_ATTEMPTS
            )
        if attempt < STUCK_TASK_MAX_ATTEMPTS:
            assert outcome == {"requeued": 1, "failed": 0}
    assert outcome == {"requeued": 0, "failed": 1}
    with clock.travel_to(later + timedelta(days=1)):
        assert recover_stuck_tasks(lease=STUCK_TASK_LEASE, max_attempts=3) == {
            "requeued": 0,
            "failed": 0,
        }
    email_task.refresh_from_db()
    assert email_task.status == TaskResultStatus.FAILED
    assert email_task.exception_class_path == "maison.scheduler.recovery.TaskAbandoned"
    assert "tried 3 times" in email_task.traceback
    alert = StaffAlert.objects.get()
    assert alert.role == "Administrators"
    assert alert.subject == (
        "A background task was abandoned: maison.notifications.tasks.deliver_email"
    )
    assert "was started 3 times and never finished" in alert.body
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    [alert_email] = mail.outbox  # the reset email's task is failed; the alert's goes out
    assert alert_email.to == ["boss@orvane.example"]
    assert alert_email.subject == f"[Administrators] {alert.subject}"
