"""Tasks a dead worker left RUNNING: run again after a lease, failed after a few tries.

django-tasks-db's worker claims a task by setting its row RUNNING (with
`started_at` and its id appended to `worker_ids`), runs it, then sets it
SUCCESSFUL or FAILED. A worker killed in between (deploy, OOM, power) leaves the
row RUNNING forever and nothing ever runs it again; its transaction, if any, was
rolled back with its connection. So a row RUNNING for longer than the lease is
put back to READY in place, where any worker takes it, and `worker_ids` keeps
counting the tries. A row tried `max_attempts` times is failed instead, with
the reason as its error, and the administrators are alerted: a task that kills
its worker every time must not be retried forever.

Requeued in place rather than failed and enqueued anew, so that the row keeps
its id (a caller holding its result sees it finish), its priority and queue,
and its count of tries. Each change is one conditional UPDATE on the row as it
was read (still RUNNING, same `started_at`), so a worker that claimed it again
meanwhile is never overridden. A task that is merely slow, past the lease, is
run a second time beside itself: every task must be idempotent, and the lease
long enough (`maison/scheduler/jobs.py`).
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from maison import clock
from maison.alerts.models import Role
from maison.alerts.services import raise_alert

logger = logging.getLogger(__name__)

ABANDONED = "maison.scheduler.recovery.TaskAbandoned"


def recover_stuck_tasks(*, lease: timedelta, max_attempts: int) -> dict:
    now = clock.now()
    requeued = failed = 0
    stuck = DBTaskResult.objects.running().filter(started_at__lt=now - lease)
    for row in stuck.only("id", "task_path", "worker_ids", "started_at"):
        as_read = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        tries = len(row.worker_ids)
        if tries < max_attempts:
            requeued += as_read.update(status=TaskResultStatus.READY, started_at=None)
            logger.warning("task %s (%s) stuck RUNNING: requeued", row.pk, row.task_path)
            continue
        reason = f"Abandoned: RUNNING since {row.started_at.isoformat()}, tried {tries} times."
        # The alert is written with the failure, so neither is lost without the other.
        with transaction.atomic():
            if as_read.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=ABANDONED,
                traceback=reason,
            ):
                failed += 1
                logger.error("task %s (%s) stuck RUNNING: failed", row.pk, row.task_path)
                _alert_abandoned(row, tries)
    return {"requeued": requeued, "failed": failed}


def _alert_abandoned(row: DBTaskResult, tries: int) -> None:
    raise_alert(
        Role.ADMINISTRATORS,
        "task_abandoned",
        f"task-abandoned:{row.pk}",
        _("A background task was abandoned: %(task)s"),
        _(
            "The task %(task)s (id %(id)s) was started %(tries)s times and never finished: "
            "each time, its worker stopped during it (killed, out of memory or restarted). "
            "It is marked failed and will not run again by itself. Read the worker's logs, "
            "then run the work again if it is still needed."
        ),
        params={"task": row.task_path, "id": str(row.pk), "tries": tries},
    )
