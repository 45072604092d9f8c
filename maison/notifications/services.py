"""The outbox: queue an email with the change that causes it, send it after (DATA-3)."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from maison import clock

from .models import OutboxEmail

logger = logging.getLogger(__name__)

# Waits between attempts: a minute, then longer, capped at an hour.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15)]
MAX_RETRY_DELAY = timedelta(hours=1)


def queue_email(to: str, template: str, context: dict, *, reference: str = "", language="en"):
    """Render `notifications/email/<template>` and queue it inside the caller's transaction.

    The row is written now, with the caller's change; the task that sends it
    is enqueued only once that change is committed, so a rolled-back order
    never sends its acknowledgment.
    """
    from .tasks import deliver_email

    with translation.override(language):
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    email = OutboxEmail.objects.create(
        to=to,
        subject=" ".join(subject.split()),
        text_body=text,
        html_body=html,
        template=template,
        reference=reference,
        queued_at=clock.now(),
    )
    # robust: a task backend that is down must not fail the committed order;
    # the email waits in the outbox for `requeue_stale`.
    transaction.on_commit(partial(deliver_email.enqueue, email.pk), robust=True)
    return email


def retry_delay(attempts: int) -> timedelta:
    return RETRY_DELAYS[attempts - 1] if attempts <= len(RETRY_DELAYS) else MAX_RETRY_DELAY


def send(email_id: int) -> bool:
    """Send one queued email; on failure record why and schedule the next try."""
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutboxEmail.Status.SENT:
            return True
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.text_body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
        )
        message.attach_alternative(email.html_body, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 — any failure of the mail hop is retried
            email.last_error = f"{type(error).__name__}: {error}"
            email.next_attempt_at = clock.now() + retry_delay(email.attempts)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("email %s not sent (attempt %s): %s", email.pk, email.attempts, error)
            from .tasks import deliver_email

            transaction.on_commit(
                partial(deliver_email.using(run_after=email.next_attempt_at).enqueue, email.pk),
                robust=True,
            )
            return False
        email.status = OutboxEmail.Status.SENT
        email.sent_at = clock.now()
        email.last_error = ""
        email.next_attempt_at = None
        email.save(update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"])
        return True


def requeue_stale(older_than: timedelta = timedelta(minutes=10)) -> int:
    """Enqueue again every email still pending after a while.

    Covers the one gap of the on-commit enqueue: a process that died between
    committing the order and enqueuing its email. Run it from cron or the
    `flush_outbox` command; sending twice is prevented by the row lock above.
    """
    from .tasks import deliver_email

    cutoff = clock.now() - older_than
    # Only emails whose planned try is long past: one with a retry scheduled is left to it.
    stale = (
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
        .filter(
            Q(next_attempt_at__isnull=True, queued_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff)
        )
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in stale:
        deliver_email.enqueue(pk)
        count += 1
    return count


ERASED = "[erased at the customer's request]"


def erase_emails(references: list[str], placeholder: str) -> None:
    """Forget what emails about these references said, keeping that they were sent (ACC-6).

    Emails not yet sent are dropped; those sent stay as proof that they were
    (ORD-11), emptied of their text and addressed to the placeholder. Emails
    are selected by what they are about, not by recipient: an acknowledgment
    goes to the address typed at checkout, which may not be the account's.
    """
    theirs = OutboxEmail.objects.filter(reference__in=references)
    theirs.filter(status=OutboxEmail.Status.PENDING).delete()
    theirs.update(to=placeholder, subject=ERASED, text_body=ERASED, html_body=f"<p>{ERASED}</p>")
