from django.core.management.base import BaseCommand

from maison.notifications.services import requeue_stale


class Command(BaseCommand):
    help = "Enqueue again the emails still pending in the outbox (run from cron)."

    def handle(self, *args, **options):
        count = requeue_stale()
        self.stdout.write(f"{count} pending email(s) enqueued again")
