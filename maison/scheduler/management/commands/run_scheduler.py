import signal

from django.core.management.base import BaseCommand, CommandError

from maison.scheduler.jobs import TICK_SECONDS
from maison.scheduler.loop import SchedulerLoop
from maison.scheduler.services import step_down, tick


class Command(BaseCommand):
    help = (
        "Enqueue the store's periodic work (maison/scheduler/jobs.py) at its intervals. "
        "Run one or several: one leads, the others wait to take over."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=TICK_SECONDS,
            help="seconds between two looks for due jobs (default: %(default)s)",
        )
        parser.add_argument("--once", action="store_true", help="tick once and exit (tests, cron)")

    def handle(self, *args, interval: float, once: bool, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds")
        loop = SchedulerLoop(interval)
        if once:
            enqueued = tick(holder=loop.holder, jobs=loop.jobs, lease=loop.lease)
            step_down(loop.holder)
            if enqueued is None:
                self.stdout.write("Another scheduler leads; nothing enqueued.")
            else:
                self.stdout.write(f"Enqueued: {', '.join(enqueued) or 'nothing due'}")
            return
        signal.signal(signal.SIGINT, loop.stop)
        signal.signal(signal.SIGTERM, loop.stop)
        loop.run()
