"""The scheduler's loop: tick, sleep, and outlive the database going away."""

import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import datetime, timedelta

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

from .jobs import JOBS, LEADER_LEASE, RETRY_AFTER_DATABASE_ERROR_SECONDS, TICK_SECONDS, Job
from .services import new_holder, step_down, tick

logger = logging.getLogger(__name__)


class SchedulerLoop:
    """Ticks every `interval` seconds until stopped.

    A database restart (issue #13) shows here as OperationalError or
    InterfaceError on a connection that was fine a tick ago. The loop closes
    every connection, waits, and ticks again on a fresh one; the lease row and
    the jobs' last runs are in the database, so nothing is lost or repeated.
    """

    def __init__(
        self,
        interval: float = TICK_SECONDS,
        *,
        jobs: Iterable[Job] = JOBS,
        sleep: Callable[[float], object] | None = None,
    ):
        self.interval = interval
        self.jobs = tuple(jobs)
        self.holder = new_holder()
        # Renewed every tick, so a few ticks long whatever the interval.
        self.lease = max(LEADER_LEASE, timedelta(seconds=3 * interval))
        self.stopping = threading.Event()
        self.sleep = sleep or self.stopping.wait
        self.leading = False

    def step(self, now: datetime | None = None) -> bool:
        """One tick; False if the database failed it (the next one will try again)."""
        try:
            close_old_connections()
            enqueued = tick(now, holder=self.holder, jobs=self.jobs, lease=self.lease)
        except (OperationalError, InterfaceError) as error:
            logger.warning(
                "scheduler: database unavailable (%s); retrying in %ss",
                error,
                RETRY_AFTER_DATABASE_ERROR_SECONDS,
            )
            forget_connections()
            return False
        if (enqueued is not None) != self.leading:
            self.leading = enqueued is not None
            logger.info("scheduler %s %s", self.holder, "leads" if self.leading else "follows")
        if enqueued:
            logger.info("scheduler enqueued: %s", ", ".join(enqueued))
        return True

    def run(self) -> None:
        logger.info("scheduler %s starts, ticking every %ss", self.holder, self.interval)
        while not self.stopping.is_set():
            healthy = self.step()
            self.sleep(self.interval if healthy else RETRY_AFTER_DATABASE_ERROR_SECONDS)
        with suppress(DatabaseError):
            step_down(self.holder)
        logger.info("scheduler %s stopped", self.holder)

    def stop(self, *args) -> None:
        self.stopping.set()


def forget_connections() -> None:
    """Close every connection, broken ones included: the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        with suppress(DatabaseError):
            connection.close()
