"""One tick of the scheduler: lead, then enqueue each due job once.

Leadership is a lease row, taken or renewed with one conditional UPDATE
(`lead`), rather than a PostgreSQL advisory lock or a Redis lock:

- it works the same on SQLite (the demo) and PostgreSQL, with no Redis needed;
- it does not live in a connection. A session advisory lock vanishes, unnoticed
  by the process that held it, whenever Django closes or recycles the connection
  (`CONN_MAX_AGE`, `close_old_connections`, a database restart), and a pooler in
  transaction mode cannot hold one at all. The lease is a fact in a row: after a
  database restart the leader renews it and carries on;
- who leads and until when shows in the back office.

Its weakness is that it trusts time: a leader frozen past its lease (a long GC
pause, a suspended VM) could wake beside its successor. So the lease only keeps
schedulers from doing the same work; it is not what makes a job run once. That
is the per-job claim (`enqueue_if_due`): one conditional UPDATE moves the job's
`last_run_at` forward only if the interval has passed, and only the scheduler
whose UPDATE changed the row enqueues. On PostgreSQL the second of two racing
UPDATEs waits for the first, re-reads the row and no longer matches; on SQLite
writes are serialised anyway. Each statement commits on its own: no transaction
is held across the task backend's enqueue, which may be a network call (RQ).
"""

import logging
import os
import secrets
import socket
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q

from maison import clock

from .jobs import JOBS, LEADER_LEASE, Job
from .models import JobState, SchedulerLease

logger = logging.getLogger(__name__)

LEASE_NAME = "scheduler"


def new_holder() -> str:
    """A name for this scheduler process, unique across machines and restarts."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


def lead(holder: str, now: datetime, lease: timedelta = LEADER_LEASE) -> bool:
    """Take or renew the lease; True if `holder` leads until `now + lease`."""
    mine_or_expired = Q(holder=holder) | Q(expires_at__lte=now)
    taken = (
        SchedulerLease.objects.filter(name=LEASE_NAME)
        .filter(mine_or_expired)
        .update(holder=holder, expires_at=now + lease)
    )
    if taken:
        return True
    if SchedulerLease.objects.filter(name=LEASE_NAME).exists():
        return False
    try:  # the very first tick of the very first scheduler
        with transaction.atomic():
            SchedulerLease.objects.create(name=LEASE_NAME, holder=holder, expires_at=now + lease)
    except IntegrityError:
        return False  # another scheduler created it first, and leads
    return True


def step_down(holder: str) -> None:
    """Give the lease up at once, so another scheduler needs not wait for it to expire."""
    SchedulerLease.objects.filter(name=LEASE_NAME, holder=holder).update(
        holder="", expires_at=clock.now()
    )


def enqueue_if_due(job: Job, now: datetime) -> bool:
    """Claim this interval of the job with one conditional UPDATE, then enqueue its task.

    The run is recorded before the enqueue, so that no transaction is held
    across it; if the enqueue fails the claim is given back and the next tick
    tries again. A process killed between the two loses one run, which the
    next interval brings.
    """
    state, _ = JobState.objects.get_or_create(name=job.name)
    previous = state.last_run_at
    due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - job.every)
    if not JobState.objects.filter(name=job.name).filter(due).update(last_run_at=now):
        return False
    mine = JobState.objects.filter(name=job.name, last_run_at=now)
    try:
        result = job.task.enqueue(**job.kwargs)
    except Exception as error:  # noqa: BLE001 — a backend that is down must not stop the others
        logger.exception("scheduler: could not enqueue %s", job.name)
        mine.update(last_run_at=previous, last_error=f"{type(error).__name__}: {error}")
        return False
    mine.update(last_task_id=str(result.id), last_error="")
    return True


def tick(
    now: datetime | None = None,
    *,
    holder: str = "tick",
    jobs: Iterable[Job] = JOBS,
    lease: timedelta = LEADER_LEASE,
) -> list[str] | None:
    """Lead, then enqueue every due job; the names enqueued, or None if another scheduler leads."""
    now = now or clock.now()
    if not lead(holder, now, lease):
        return None
    return [job.name for job in jobs if enqueue_if_due(job, now)]
