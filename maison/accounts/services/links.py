"""Emails that carry one expiring link to the account's own address."""

from maison.notifications.services import queue_email

from ..models import account_reference


def email_link(user, template: str, language: str):
    """Queue an email to the account's own address carrying one expiring link.

    Only the account's id is queued: the link is built when the email is sent,
    in the language the person asked in, and never stored (`accounts.emails`).
    """
    return queue_email(
        user.email,
        template,
        {"user": user.pk},
        reference=account_reference(user),
        language=language,
    )
