"""Finance hears of an order's refund before it is late, and again if it is (ORD-7, DEL-4, DEL-5).

The same rule as a return's refund (`maison.aftersales.alerts`): due soon from
`POLICY.refund_alert_days` before its date, overdue the day after, both read
from `queues.refunds_due`. A return's own refund is left out: its return is
alerted from the parcel's arrival to the payment, and one fact makes one alert.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maison.alerts.models import Role
from maison.alerts.services import raise_alert

from .models import Refund
from .queues import DUE_SOON, OVERDUE, refunds_due

SUBJECTS = {
    DUE_SOON: _("Refund of order %(order)s due by %(due)s"),
    OVERDUE: _("Refund of order %(order)s is late: it was due by %(due)s"),
}


def alert_refunds_due(today: date) -> int:
    """Raise one alert per order refund coming due, and one per refund late; count the new ones."""
    raised = 0
    for kind, subject in SUBJECTS.items():
        owed = (
            refunds_due(kind, today)
            .exclude(reason=Refund.Reason.RETURN)
            .select_related("order")
            .order_by("due_on", "pk")
        )
        for refund in owed:
            _alert, new = raise_alert(
                Role.FINANCE,
                f"order_refund_{kind}",
                f"order-refund-{kind}:{refund.pk}",
                subject,
                _("%(reason)s: %(amount)s to refund to the buyer."),
                params={
                    "order": refund.order.number,
                    "due": refund.due_on.isoformat(),
                    # The label itself, lazy: written in the back office's language.
                    "reason": Refund.Reason(refund.reason).label,
                    "amount": refund.amount.format(settings.LANGUAGE_CODE),
                },
                link=reverse("admin:orders_refund_change", args=[refund.pk]),
            )
            raised += new
    return raised
