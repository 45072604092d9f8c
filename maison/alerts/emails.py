"""How a staff alert's email is filled when sent (see `maison.notifications.rendering`)."""

from django.conf import settings
from django.urls import reverse

from maison.notifications.rendering import register

from .models import Role, StaffAlert


def _alert(context: dict) -> dict:
    alert = StaffAlert.objects.get(pk=context["alert"])
    return {
        "role": Role(alert.role).label,
        "subject": alert.subject,
        "body": alert.body,
        # Reversed in the email's language (the active one); no secret in it.
        "alert_url": settings.MAISON_BASE_URL
        + reverse("admin:alerts_staffalert_change", args=[alert.pk]),
    }


register("staff_alert", load=_alert)
