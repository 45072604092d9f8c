"""Emails that carry one expiring link to the account's own address."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from maison.notifications.services import queue_email

from ..models import account_reference


def email_link(user, template: str, url_name: str, args, hours: int, language: str):
    """Queue an email to the account's own address carrying one expiring link.

    The link is reversed in the language the person asked in, so it opens there.
    """
    with translation.override(language):
        path = reverse(url_name, args=args)
    return queue_email(
        user.email,
        template,
        {
            "first_name": user.first_name,
            "link_url": settings.MAISON_BASE_URL + path,
            "hours": hours,
        },
        reference=account_reference(user),
        language=language,
    )
