"""The outbox: queue an email with the change that causes it, send it after, once (DATA-3).

Sending takes three steps, so that no transaction is open while SMTP talks:

1. claim: a short transaction moves the row to `sending` under a lease and a
   new attempt number, with a conditional UPDATE (of two workers, one wins);
2. render it (`rendering.render`, secret links built now) and hand it to the
   SMTP server with the row's stable Message-ID;
3. record: a short transaction marks it sent and keeps the redacted copy,
   fenced by the attempt number. A lost database connection is reopened and
   the write retried: a message the server accepted is recorded, not sent again.

A worker killed between 1 and 3, or a database unreachable for longer than the
retries of step 3, leaves the row `sending`; once its lease has ended,
`requeue_stale` has it sent again, with the same Message-ID. That can deliver
a second copy of a message the server had already accepted, but never loses
one. It is the right trade: a lost acknowledgment or reset link breaks DATA-3;
a duplicate is the same message, recognisable (and collapsed by many mail
clients) by its Message-ID. The only way to rule the duplicate out would be to
mark the row sent before the server accepts, which loses the email whenever
the server then refuses it.
"""

import logging
import time
from datetime import timedelta
from email.utils import make_msgid, parseaddr
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import F, Q

from maison import clock

from . import rendering
from .models import OutboxEmail

logger = logging.getLogger(__name__)

# Waits between attempts: a minute, then longer, capped at an hour.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15)]
MAX_RETRY_DELAY = timedelta(hours=1)
# How long a claimed email is the claiming worker's: far longer than rendering, an
# SMTP exchange (EMAIL_TIMEOUT per step) and the retries of the "sent" write.
LEASE = timedelta(minutes=5)
# Seconds to wait before each try of the "sent" write, once the server has accepted.
RECORD_RETRY_DELAYS = (0, 0.5, 2, 5)


def queue_email(to: str, template: str, context: dict, *, reference: str = "", language="en"):
    """Queue `notifications/email/<template>` inside the caller's transaction.

    `context` is stored as JSON and read when the email is sent: plain
    references (`{"order": "MD0000042"}`, `{"user": 7}`) for a template whose
    app registered how to load them, plain strings otherwise; never an object,
    a rendered text or a link carrying a secret (see `rendering`). The row is
    written now, with the caller's change; the task that sends it is enqueued
    only once that change is committed, so a rolled-back order never sends its
    acknowledgment, and nothing is rendered while the caller holds its locks.
    """
    from .tasks import deliver_email

    email = OutboxEmail.objects.create(
        to=to,
        template=template,
        language=language,
        context=context,
        reference=reference,
        message_id=new_message_id(),
        queued_at=clock.now(),
    )
    # robust: a task backend that is down must not fail the committed order;
    # the email waits in the outbox for `requeue_stale`.
    transaction.on_commit(partial(deliver_email.enqueue, email.pk), robust=True)
    return email


def new_message_id() -> str:
    """A unique Message-ID in the sender's domain, chosen once per email."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid("outbox", domain=domain)


def retry_delay(attempts: int) -> timedelta:
    return RETRY_DELAYS[attempts - 1] if attempts <= len(RETRY_DELAYS) else MAX_RETRY_DELAY


def send(email_id: int) -> bool:
    """Send one queued email, once; True when nothing is left to do for it.

    False when it failed (its next try is scheduled) or another worker holds it.
    """
    email = _claim(email_id)
    if email is None:
        return not OutboxEmail.objects.filter(
            pk=email_id, status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING]
        ).exists()
    try:
        rendered = rendering.render(email.template, email.context, email.language)
    except rendering.NotToSend as reason:
        logger.info("email %s dropped: %s", email.pk, reason)
        _mine(email).update(
            status=OutboxEmail.Status.CANCELLED, lease_until=None, last_error=f"Not sent: {reason}"
        )
        return True
    except Exception as error:  # noqa: BLE001 — a template or data fault is retried like SMTP's
        return _failed(email, error)
    message = EmailMultiAlternatives(
        subject=rendered.to_send.subject,
        body=rendered.to_send.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"Message-ID": email.message_id},
    )
    message.attach_alternative(rendered.to_send.html, "text/html")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 — any failure of the mail hop is retried
        return _failed(email, error)
    _record_sent(email, rendered.to_keep)
    return True


def _claim(email_id: int) -> OutboxEmail | None:
    """Take the email for this worker, under a lease, and commit; None if it is not to take."""
    now = clock.now()
    with transaction.atomic():
        won = (
            OutboxEmail.objects.filter(pk=email_id)
            .filter(
                Q(status=OutboxEmail.Status.PENDING)
                | Q(status=OutboxEmail.Status.SENDING, lease_until__lt=now)
            )
            .update(
                status=OutboxEmail.Status.SENDING,
                lease_until=now + LEASE,
                attempts=F("attempts") + 1,
            )
        )
        return OutboxEmail.objects.get(pk=email_id) if won else None


def _mine(email: OutboxEmail):
    """The row, only while this worker's claim on it stands.

    The attempt number fences out a worker whose lease ended and whose email
    another worker took over.
    """
    return OutboxEmail.objects.filter(
        pk=email.pk, status=OutboxEmail.Status.SENDING, attempts=email.attempts
    )


def _failed(email: OutboxEmail, error: Exception) -> bool:
    """Record why it was not sent, hand the row back and schedule the next try."""
    from .tasks import deliver_email

    next_attempt_at = clock.now() + retry_delay(email.attempts)
    logger.warning("email %s not sent (attempt %s): %s", email.pk, email.attempts, error)
    with transaction.atomic():
        handed_back = _mine(email).update(
            status=OutboxEmail.Status.PENDING,
            lease_until=None,
            last_error=f"{type(error).__name__}: {error}",
            next_attempt_at=next_attempt_at,
        )
        if handed_back:
            transaction.on_commit(
                partial(deliver_email.using(run_after=next_attempt_at).enqueue, email.pk),
                robust=True,
            )
    return False


def _record_sent(email: OutboxEmail, kept: rendering.Rendered) -> None:
    """Mark it sent and keep the redacted copy, through a dropped database connection.

    The server has accepted the message: failing to write that down would have
    it sent again, so a lost connection is reopened and the write tried again.
    Inside a caller's transaction (tests) there is nothing to reopen.
    """
    lost = None
    for delay in RECORD_RETRY_DELAYS:
        time.sleep(delay)
        try:
            with transaction.atomic():
                recorded = _mine(email).update(
                    status=OutboxEmail.Status.SENT,
                    sent_at=clock.now(),
                    lease_until=None,
                    subject=kept.subject,
                    text_body=kept.text,
                    html_body=kept.html,
                    last_error="",
                    next_attempt_at=None,
                )
        except (OperationalError, InterfaceError) as error:
            if connection.in_atomic_block:
                raise
            logger.warning("email %s sent, but not yet recorded: %s", email.pk, error)
            close_old_connections()
            lost = error
            continue
        if not recorded:
            logger.warning("email %s sent after its lease ended; another worker took it", email.pk)
        return
    raise lost


def requeue_stale(older_than: timedelta = timedelta(minutes=10)) -> int:
    """Enqueue again every email left behind; run it periodically.

    Pending after a while: its enqueue was lost (a process died between the
    commit and the enqueue). Sending past its lease: its worker died, or could
    not record the send (see the module docstring). An email with a retry
    planned is left to it. Sending twice at once is prevented by the claim.
    """
    from .tasks import deliver_email

    now = clock.now()
    cutoff = now - older_than
    forgotten = Q(next_attempt_at__isnull=True, queued_at__lt=cutoff) | Q(
        next_attempt_at__lt=cutoff
    )
    abandoned = Q(status=OutboxEmail.Status.SENDING, lease_until__lt=now)
    stale = list(
        OutboxEmail.objects.filter(
            Q(status=OutboxEmail.Status.PENDING) & forgotten | abandoned
        ).values_list("pk", flat=True)
    )
    for pk in stale:
        deliver_email.enqueue(pk)
    return len(stale)


ERASED = "[erased at the customer's request]"


def erase_emails(references: list[str], placeholder: str) -> None:
    """Forget what emails about these references said, keeping that they were sent (ACC-6).

    Emails not yet sent (pending, or in a worker's hands) are dropped; the
    others stay as proof that they were (ORD-11), emptied of their text and
    references and addressed to the placeholder. Emails are selected by what
    they are about, not by recipient: an acknowledgment goes to the address
    typed at checkout, which may not be the account's.
    """
    theirs = OutboxEmail.objects.filter(reference__in=references)
    theirs.filter(status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING]).delete()
    theirs.update(
        to=placeholder,
        subject=ERASED,
        text_body=ERASED,
        html_body=f"<p>{ERASED}</p>",
        context={},
    )
