"""The scheduler enqueues each job once per interval, remembers it, and catches up once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from maison.notifications.models import OutboxEmail
from maison.scheduler.jobs import JOBS, LEADER_LEASE, Job
from maison.scheduler.models import JobState
from maison.scheduler.services import step_down, tick

from .helpers import BEATS, NINE, a_password_reset_email, every, minutes

pytestmark = pytest.mark.django_db


def test_a_job_runs_once_per_interval_and_records_its_last_run():
    job = every(5)
    assert tick(NINE, jobs=[job]) == ["heartbeat"]
    assert tick(minutes(1), jobs=[job]) == []
    assert tick(minutes(4), jobs=[job]) == []
    assert tick(minutes(5), jobs=[job]) == ["heartbeat"]
    assert len(BEATS) == 2
    state = JobState.objects.get(name="heartbeat")
    assert state.last_run_at == minutes(5)
    assert state.last_task_id and state.last_error == ""


def test_a_missed_run_is_caught_up_once_not_many_times():
    job = every(5)
    tick(NINE, jobs=[job])
    # The scheduler was down for three hours: 36 runs missed.
    assert tick(minutes(180), jobs=[job]) == ["heartbeat"]
    for minute in range(181, 185):
        assert tick(minutes(minute), jobs=[job]) == []
    assert tick(minutes(185), jobs=[job]) == ["heartbeat"]
    assert len(BEATS) == 3


def test_a_second_scheduler_follows_until_the_leaders_lease_runs_out():
    job = every(1)
    assert tick(NINE, holder="a", jobs=[job]) == ["heartbeat"]
    assert tick(NINE, holder="b", jobs=[job]) is None
    assert tick(NINE + LEADER_LEASE - timedelta(seconds=1), holder="b", jobs=[job]) is None
    # "a" died without a word: once its lease is over, "b" leads and does the work.
    assert tick(NINE + LEADER_LEASE, holder="b", jobs=[job]) == ["heartbeat"]
    assert tick(NINE + LEADER_LEASE, holder="a", jobs=[job]) is None
    assert len(BEATS) == 2


def test_a_scheduler_that_stops_hands_over_at_once(at):
    job = every(1)
    assert tick(NINE, holder="a", jobs=[job]) == ["heartbeat"]
    with at(minutes(1)):
        step_down("a")
    assert tick(minutes(1), holder="b", jobs=[job]) == ["heartbeat"]


class Unreachable:
    """A task backend that is down (Redis unreachable, say)."""

    def enqueue(self, **kwargs):
        raise ConnectionError("Connection refused")


def test_a_job_the_backend_refuses_is_tried_again_at_the_next_tick():
    down = Job("heartbeat", Unreachable(), timedelta(minutes=5))
    assert tick(NINE, jobs=[down]) == []
    state = JobState.objects.get(name="heartbeat")
    assert state.last_run_at is None
    assert state.last_error == "ConnectionError: Connection refused"
    assert tick(minutes(1), jobs=[every(5)]) == ["heartbeat"]
    assert JobState.objects.get(name="heartbeat").last_error == ""


def test_an_email_whose_enqueue_a_crash_lost_is_sent_by_the_outbox_job(at):
    # proves: DATA-3
    # The order committed, then the process died before its on-commit enqueue
    # (here: the test transaction never commits, so the enqueue never runs).
    with at(NINE):
        a_password_reset_email()
    assert mail.outbox == []
    with at(minutes(3)):
        assert "recover-outbox-emails" in tick()
    assert mail.outbox == []  # pending for only three minutes: its enqueue may still come
    with at(minutes(11)):
        assert "recover-outbox-emails" in tick()
    [sent] = mail.outbox
    assert sent.to == ["camille@example.com"] and sent.subject == "Choose a new password"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_the_daily_job_fills_next_years_holidays_before_it_starts(at):
    # proves: DEL-1
    from datetime import UTC, date, datetime

    from maison.shipping.models import PublicHoliday
    from tests import factories

    factories.market("IT", vat="0.22")
    # 2028 is two years ahead in 2026: not yet in the calendar.
    assert not PublicHoliday.objects.filter(country="IT", date__year=2028).exists()
    with at(datetime(2026, 12, 1, 9, 0, tzinfo=UTC)):
        assert "refresh-holidays" in tick()
    # Epiphany and Liberation Day, written by hand: the package's own dates are not compared.
    italy = set(PublicHoliday.objects.filter(country="IT").values_list("date", flat=True))
    assert {date(2027, 1, 6), date(2028, 1, 6), date(2028, 4, 25)} <= italy


def test_every_registered_job_has_a_name_of_its_own_and_an_interval():
    names = [job.name for job in JOBS]
    assert len(set(names)) == len(names)
    assert {"recover-outbox-emails", "recover-stuck-tasks"} <= set(names)
    assert all(job.every >= timedelta(minutes=1) for job in JOBS)


def test_run_scheduler_once_enqueues_what_is_due_and_hands_the_lease_back(capsys):
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == (
        "Enqueued: recover-outbox-emails, recover-stuck-tasks, refresh-holidays, "
        "reauthorise-payments, return-refund-alerts, order-refund-alerts, "
        "settle-payment-attempts, make-missing-renditions, chain-archive, make-missing-pdfs, "
        "forget-unconfirmed-accounts\n"
    )
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == "Enqueued: nothing due\n"
    tick(holder="a long-running scheduler", jobs=[])
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == "Another scheduler leads; nothing enqueued.\n"


def test_the_back_office_shows_each_jobs_last_run_and_the_leader(client, django_user_model):
    tick(NINE, holder="web-1:4242:cafe")
    client.force_login(django_user_model.objects.create_superuser("boss@orvane.example", "x"))
    jobs = client.get(reverse("admin:scheduler_jobstate_changelist")).content.decode()
    for fact in ["recover-outbox-emails", "recover-stuck-tasks", "0:05:00", "Dec. 1, 2026"]:
        assert fact in jobs, fact
    lease = client.get(reverse("admin:scheduler_schedulerlease_changelist")).content.decode()
    assert "web-1:4242:cafe" in lease
