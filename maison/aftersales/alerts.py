"""Finance hears of a return's refund before it is late, and again if it is (RET-4)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maison.alerts.models import Role
from maison.alerts.services import raise_alert

from .queries import refunds_due


def alert_refunds_due(today: date) -> int:
    """Raise one alert per return coming due, and one per return overdue; count the new ones."""
    due = refunds_due(today)
    raised = 0
    for kind, returns, subject in [
        ("due_soon", due.due_soon, _("Refund of return %(ret)s due by %(due)s")),
        ("overdue", due.overdue, _("Refund of return %(ret)s is late: it was due by %(due)s")),
    ]:
        for ret in returns:
            _alert, new = raise_alert(
                Role.FINANCE,
                f"return_refund_{kind}",
                f"return-refund-{kind}:{ret.pk}",
                subject,
                _("Order %(order)s. Inspect the parcel and refund the accepted lines."),
                params={
                    "ret": ret.reference,
                    "due": ret.refund_due_on.isoformat(),
                    "order": ret.order.number,
                },
                link=reverse("admin:aftersales_return_change", args=[ret.pk]),
            )
            raised += new
    return raised
