"""Raising and resolving staff alerts; each raised alert is emailed to its role."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from maison import clock
from maison.notifications.services import queue_email

from .models import Role, StaffAlert


def raise_alert(
    role: str,
    code: str,
    key: str,
    subject,
    body="",
    *,
    params: dict | None = None,
    link: str = "",
) -> tuple[StaffAlert, bool]:
    """Record an alert for `role` and email its staff, once per `key`.

    Returns the alert and whether it is new; raising a key again changes nothing
    and sends nothing, so a check may run as often as it likes. `subject` and
    `body` may be lazy translations with `%(name)s` placeholders filled from
    `params`: they are written in the back office's language, whatever language
    the request or task that raises them speaks, and so are the emails.
    """
    if role not in Role.values:
        raise ValueError(f"unknown staff role {role!r}")
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        subject_text, body_text = str(subject), str(body)
        if params is not None:
            subject_text, body_text = subject_text % params, body_text % params
    with transaction.atomic():
        alert, created = StaffAlert.objects.get_or_create(
            key=key,
            defaults={
                "role": role,
                "code": code,
                "subject": subject_text[:200],
                "body": body_text,
                "link": link,
                "created_at": clock.now(),
            },
        )
        if created:
            _email_role(alert, language)
    return alert, created


def _email_role(alert: StaffAlert, language: str) -> None:
    """One outbox email per staff member, written with the alert (DATA-3)."""
    for email in staff_emails(alert.role):
        queue_email(
            email,
            "staff_alert",
            {"alert": alert.pk},
            reference=f"alert:{alert.pk}",
            language=language,
        )


def staff_emails(role: str) -> list[str]:
    """The active staff of a role: the group's members, or the superusers for administrators."""
    staff = get_user_model().objects.filter(is_active=True, is_staff=True)
    if role == Role.ADMINISTRATORS:
        staff = staff.filter(is_superuser=True)
    else:
        staff = staff.filter(groups__name=role)
    return sorted(set(staff.values_list("email", flat=True)))


def resolve_alerts(alert_ids, *, by: str) -> int:
    """Mark open alerts resolved; an alert already resolved keeps its first answer."""
    return StaffAlert.objects.filter(pk__in=list(alert_ids), resolved_at__isnull=True).update(
        resolved_at=clock.now(), resolved_by=by
    )
