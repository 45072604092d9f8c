"""The scheduler outlives its database going away (issue #13): it waits and ticks again."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from maison.scheduler import loop as scheduler_loop
from maison.scheduler.loop import SchedulerLoop
from maison.scheduler.models import SchedulerLease

from .helpers import BEATS, every, minutes


def test_the_loop_waits_after_a_database_error_then_carries_on(transactional_db, monkeypatch):
    real_tick, failures = scheduler_loop.tick, [OperationalError("server closed the connection")]

    def tick_once_broken(*args, **kwargs):
        if failures:
            raise failures.pop()
        return real_tick(*args, **kwargs)

    monkeypatch.setattr(scheduler_loop, "tick", tick_once_broken)
    slept: list[float] = []

    def sleep(seconds):
        slept.append(seconds)
        if len(slept) == 3:
            loop.stop()

    loop = SchedulerLoop(7, jobs=[every(5)], sleep=sleep)
    loop.run()
    assert slept == [5.0, 7, 7]  # the retry delay after the error, then the interval
    assert len(BEATS) == 1
    assert SchedulerLease.objects.get().holder == ""  # stopped: handed the lease back


def kill_connection_of(pid: int) -> None:
    """What a database restart does to the scheduler's connection, from another session."""

    def kill():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                for _ in range(100):
                    cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                    if cursor.fetchone()[0] == 0:
                        return
                    time.sleep(0.05)
        finally:
            connection.close()

    killer = threading.Thread(target=kill)
    killer.start()
    killer.join()


@pytest.mark.postgres
def test_the_scheduler_outlives_its_database_connection_being_killed(postgresql_only):
    loop = SchedulerLoop(jobs=[every(5)], sleep=lambda seconds: None)
    assert loop.step(minutes(0)) is True and len(BEATS) == 1
    connection.ensure_connection()
    kill_connection_of(connection.connection.info.backend_pid)
    # CONN_HEALTH_CHECKS: the tick's first query finds the connection dead and
    # opens a new one, so not even this tick is lost (a failed tick, the other
    # path, is the test above).
    assert loop.step(minutes(5)) is True
    assert len(BEATS) == 2
    assert loop.leading
