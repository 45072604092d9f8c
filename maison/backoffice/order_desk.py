"""What the order page shows a member of staff: the order's overview and the buttons of their role.

A step the order's state does not allow is not shown; a step the role may not
take is not shown either (and refused with 403 if posted all the same).
"""

from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.orders.lifecycle import CANCEL_GROUNDS, GROUND_LABELS
from maison.orders.overview import OrderOverview
from maison.shipping.carriers import CARRIERS
from maison.terms.policy import POLICY

from . import order_actions


def desk_context(user, desk: OrderOverview) -> dict:
    names = lambda actions: {a.name for a in order_actions.allowed(user, actions)}  # noqa: E731
    may_refund = user.has_perm(order_actions.REFUNDS)
    amounts = desk.amounts
    return {
        "desk": desk,
        "money": [
            (_("Order total"), amounts.total),
            (_("Authorised"), amounts.authorised),
            (_("Captured"), amounts.captured),
            (_("Refunded"), amounts.refunded),
            (_("Released, never charged"), amounts.released),
            (_("Refund due"), amounts.refund_due),
        ],
        "steps": names(desk.actions),
        "parcels": [(parcel, names(parcel.actions)) for parcel in desk.parcels],
        "payable_refunds": desk.payable_refunds if may_refund else [],
        "carriers": sorted((c.code, c.name) for c in CARRIERS.values()),
        "cancel_grounds": [(code, GROUND_LABELS[code]) for code in CANCEL_GROUNDS],
        "today": clock.today().isoformat(),
        "store_zone": POLICY.store_time_zone,
        "refund_days": POLICY.unavailable_refund_days,
        "lines_to_ship": [line for line in desk.lines if line.quantity_allocated],
    }
