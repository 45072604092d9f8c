"""The store's periodic work: which task runs, how often. Add a job here.

`manage.py run_scheduler` only *enqueues* a job's task when its interval has
passed; the task workers run it, so a slow job never delays the others. A job is

- a task (`@task()` from django_tasks) in the app that owns the work, taking
  JSON values only, safe to run twice and beside itself: a run is enqueued at
  most once per interval, but a worker that dies mid-run has it run again
  (`recover-stuck-tasks`);
- an interval, counted from the last run. A scheduler that was down does not
  replay the runs it missed: the first tick after it enqueues the job once;
- keyword arguments for the task, when the job's tuning belongs here.

Alerts raised by jobs go through `maison.alerts.services.raise_alert`, whose key
makes a daily check raise each fact once.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django_tasks.base import Task

from maison.accounts import tasks as account_tasks
from maison.aftersales import tasks as aftersales_tasks
from maison.catalog import tasks as catalog_tasks
from maison.checkout import tasks as checkout_tasks
from maison.invoicing import tasks as invoicing_tasks
from maison.orders import tasks as order_tasks
from maison.shipping import tasks as shipping_tasks

from . import tasks

# How often a scheduler wakes to look for due jobs (`run_scheduler --interval`).
TICK_SECONDS = 10.0
# How long a leader stays leader without renewing: the longest a dead leader's
# jobs wait before another scheduler takes over. Renewed at every tick, so it
# must be several ticks long (the scheduler makes it at least three).
LEADER_LEASE = timedelta(seconds=60)
# After a database error, wait this long before trying again.
RETRY_AFTER_DATABASE_ERROR_SECONDS = 5.0
# A task RUNNING longer than this is taken for the work of a dead worker and
# run again; raise it before adding a task that may legitimately run longer.
STUCK_TASK_LEASE = timedelta(minutes=15)
# Runs of one task a dead worker may leave unfinished before it is failed and
# the administrators are alerted: a task that kills its worker is not retried forever.
STUCK_TASK_MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Job:
    name: str
    task: Task
    every: timedelta
    kwargs: dict = field(default_factory=dict)


JOBS: tuple[Job, ...] = (
    # Emails whose enqueue a crash lost after their order committed (DATA-3).
    Job("recover-outbox-emails", tasks.recover_outbox_emails, timedelta(minutes=5)),
    # Tasks a killed worker left RUNNING forever.
    Job(
        "recover-stuck-tasks",
        tasks.recover_stuck_tasks,
        timedelta(minutes=5),
        kwargs={
            "lease_seconds": int(STUCK_TASK_LEASE.total_seconds()),
            "max_attempts": STUCK_TASK_MAX_ATTEMPTS,
        },
    ),
    # The public holidays of this year and the next two, as the package knows them,
    # so that a new year's holidays are in the delivery windows before it starts (DEL-1).
    Job("refresh-holidays", shipping_tasks.refresh_holidays, timedelta(days=1)),
    # Authorisations that would lapse before their orders ship: renewed, or the
    # order blocked and Finance alerted (PAY-5).
    Job("reauthorise-payments", order_tasks.reauthorise_expiring, timedelta(hours=1)),
    # Return refunds due within the policy's alert days, or late: Finance is told (RET-4).
    Job("return-refund-alerts", aftersales_tasks.alert_refunds_due, timedelta(hours=1)),
    # The order's own refunds (unavailable items, cancellations, late deliveries,
    # parcels back): the same rule, the same lead time (ORD-7, DEL-4, DEL-5).
    Job("order-refund-alerts", order_tasks.alert_refunds_due, timedelta(hours=1)),
    # Payments left pending past their deadline by a crash, a lost answer or an
    # unfinished 3-D Secure challenge: the order confirmed, or the stock released
    # and the authorisation voided (PAY-5, PRD-1).
    Job("settle-payment-attempts", checkout_tasks.settle_pending_attempts, timedelta(minutes=1)),
    # Photographs whose renditions' task was lost: queued again.
    Job("make-missing-renditions", catalog_tasks.queue_missing_renditions, timedelta(minutes=15)),
    # Facts a lost on-commit task left pending are chained within a minute (ORD-11).
    Job("chain-archive", invoicing_tasks.chain_archive, timedelta(minutes=1)),
    # Invoice and credit note PDFs that could not be made once their number was
    # committed (storage down, a rendering error): made again (DATA-1).
    Job("make-missing-pdfs", invoicing_tasks.make_missing_pdfs, timedelta(minutes=1)),
    # Accounts whose confirmation link expired unopened: their details deleted (ACC-6).
    Job(
        "forget-unconfirmed-accounts", account_tasks.forget_unconfirmed_accounts, timedelta(hours=1)
    ),
)
