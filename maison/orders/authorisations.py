"""Authorisations that would lapse before the order ships are renewed, or the order held (PAY-5).

A card authorisation lasts days (the test provider's 7 by default), while an
order may wait longer to ship. The periodic job finds orders with units still
to ship whose authorisation ends within `POLICY.reauthorise_before_expiry`,
and authorises what is left to charge again with the card token kept on the
payment. The key is the order and the authorisation it replaces: a run that
crashed after the provider answered is replayed, never authorised twice. If
the card is declined, the order is blocked (it cannot ship: nothing ships on
an expired authorisation) and Finance is alerted.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from maison.alerts.models import Role
from maison.alerts.services import raise_alert
from maison.payments import services as payments

from . import queues, state
from .history import said
from .models import Order, Shipment

logger = logging.getLogger(__name__)

S = Order.Status


def expiring(now=None) -> list[Order]:
    """Orders with units still to ship whose authorisation ends soon."""
    return list(queues.authorisation_expiring(now).select_related("payment"))


def reauthorise(order: Order, *, actor: str = "system") -> bool:
    """Renew the order's authorisation for what is left to charge; block and alert if refused."""
    with transaction.atomic():
        order = state.lock(order)
        if order.shipments.filter(state=Shipment.State.CAPTURING).exists():
            return False  # a capture is in flight: the next run looks again
        amount = state.still_to_capture(order)
        payment = order.payment
        key = f"reauthorise-{order.number}-{payment.reference}"
    try:
        payments.reauthorise(payment, amount, key)
    except payments.PaymentProblem as problem:
        _hold(order, problem, actor)
        return False
    with transaction.atomic():
        payment.refresh_from_db()
        state.event(
            order,
            "reauthorised",
            said(
                gettext_noop("Authorised again for %(amount)s (minor units) until %(until)s."),
                amount=amount,
                until=f"{payment.authorisation_expires_at:%Y-%m-%d %H:%M}",
            ),
            actor=actor,
            amount=amount,
        )
    return True


def _hold(order: Order, problem, actor: str) -> None:
    from .lifecycle import block

    order.refresh_from_db()
    if order.status != S.BLOCKED:
        # Staff read the reason on the order page: in the back office's language, as alerts.
        with translation.override(settings.LANGUAGE_CODE):
            said = str(payments.PaymentProblem.messages[problem.code])
            if problem.detail:
                said = f"{said} ({problem.detail})"
            reason = _("Authorisation could not be renewed: %(problem)s") % {"problem": said}
        block(order, actor=actor, reason=reason)
    raise_alert(
        Role.FINANCE,
        "reauthorisation_failed",
        f"reauthorisation-failed:{order.number}:{order.payment.reference}",
        _("Order %(number)s blocked: its card authorisation could not be renewed"),
        _(
            "The authorisation of order %(number)s expires on %(expires)s and the card was "
            "declined when authorised again (%(reason)s). The order is blocked: ask the buyer "
            "for another payment, or cancel it."
        ),
        params={
            "number": order.number,
            "expires": f"{order.payment.authorisation_expires_at:%Y-%m-%d %H:%M}",
            "reason": problem.code,
        },
        link=f"/admin/orders/order/{order.pk}/change/",
    )


def reauthorise_expiring() -> dict:
    """The periodic job's work: every expiring order, each on its own."""
    renewed = held = 0
    for order in expiring():
        if reauthorise(order):
            renewed += 1
        else:
            held += 1
    return {"renewed": renewed, "held": held}
