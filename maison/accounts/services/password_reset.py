"""Forgotten passwords (ACC-2, ACC-7)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from maison.notifications.models import OutboxEmail

from .. import throttle
from ..models import normalise_email
from .links import email_link
from .membership import too_many_attempts

User = get_user_model()


def ask_for_password_reset(email: str, *, ip: str, language: str) -> None:
    """Queue the search for the account and its reset email, whatever the email.

    The request that asks does exactly the same work for a known and an
    unknown email (put one task in the queue), so neither its answer nor its
    duration tells a stranger whether an account exists (ACC-2). Requests are
    counted per email and per IP address, known or not (ACC-7).
    """
    from ..tasks import send_password_reset_link

    email = normalise_email(email)
    within_account = throttle.RESET_PER_ACCOUNT.take(email)
    within_ip = throttle.RESET_PER_IP.take(ip)
    if not (within_account and within_ip):
        raise too_many_attempts()
    send_password_reset_link.enqueue(email, language)


@transaction.atomic
def send_password_reset_link(email: str, language: str) -> OutboxEmail | None:
    """Email a single-use, expiring reset link if an active account has this email.

    It goes through the outbox like every email; the link is made when the
    email is sent, and its lifetime counts from then (`accounts.emails`).
    """
    user = User.objects.filter(email=normalise_email(email), is_active=True).first()
    if user is None:
        return None
    return email_link(user, "password_reset", language)
