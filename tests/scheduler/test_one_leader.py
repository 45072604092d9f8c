"""Two schedulers at once: one leads, and each interval's run is enqueued once.

Only PostgreSQL runs the two for real side by side (two threads, two
connections), so CI runs these there.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from maison.scheduler.services import tick

from .helpers import BEATS, every, minutes

MINUTES = 30  # one tick a minute, a job every five: six runs


def run_side_by_side(lease: timedelta) -> dict[str, list]:
    """Two schedulers tick at the same simulated instants, released together each minute."""
    job = every(5)
    start = threading.Barrier(2)
    answers: dict[str, list] = {"one": [], "two": []}
    errors: list[BaseException] = []

    def scheduler(name: str):
        try:
            for minute in range(MINUTES):
                start.wait(timeout=30)
                answers[name].append(tick(minutes(minute), holder=name, jobs=[job], lease=lease))
        except BaseException as error:  # noqa: BLE001 — the assertion below reports it
            errors.append(error)
            start.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler, args=(n,), name=n) for n in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return answers


@pytest.mark.postgres
def test_two_schedulers_started_at_once_have_one_leader_and_run_a_job_once_per_interval(
    postgresql_only,
):
    answers = run_side_by_side(lease=timedelta(minutes=3))
    assert len(BEATS) == 6
    leaders = [name for name, ticks in answers.items() if any(t is not None for t in ticks)]
    assert len(leaders) == 1
    [leader] = leaders
    follower = "two" if leader == "one" else "one"
    assert answers[follower] == [None] * MINUTES
    assert answers[leader].count(["heartbeat"]) == 6
    assert set(BEATS) == {leader}


@pytest.mark.postgres
def test_even_two_leaders_at_once_enqueue_each_interval_once(postgresql_only):
    # A lease of zero lets both lead at every tick, as a leader frozen past its
    # lease would beside its successor: the per-job claim still runs each interval once.
    tick(minutes(-1), holder="an earlier scheduler", jobs=[])  # the lease row exists
    answers = run_side_by_side(lease=timedelta(0))
    assert all(t is not None for ticks in answers.values() for t in ticks)
    assert len(BEATS) == 6
    enqueued = [t for ticks in answers.values() for t in ticks if t]
    assert enqueued == [["heartbeat"]] * 6
