"""The buttons of the order page: each parses its form, checks the role, and calls one service.

Every step is a POST (CSRF-checked by the admin) naming an action below. The
role's permission is checked before anything else (403 when it lacks it); the
form's values are read into plain values; the service decides whether the step
is allowed now and refuses with a message in the back office's language,
which the page shows in place of a 500.

Who may do what (the groups of `orders/migrations/0008_roles_for_order_life`):
the warehouse processes, ships and delivers (`process_order`); customer service
blocks, releases and cancels (`block_order`); finance refunds (`pay_refund`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maison.aftersales import refunding
from maison.aftersales.models import Return
from maison.orders import lifecycle, refunds, shipments
from maison.orders.models import Order, Refund, Shipment
from maison.refusals import Refused

SHIPS = "orders.process_order"
BLOCKS = "orders.block_order"
REFUNDS = "orders.pay_refund"


class StepRefused(Refused):
    """The form of a step was filled wrongly; the message says which field."""

    code = "bad_step_form"


@dataclass(frozen=True)
class Action:
    name: str
    permission: str
    run: Callable[[Order, dict, str], str]  # (order, the form's values, actor) -> what was done


def _language() -> str:
    """Amounts in the messages as the back office's language writes them."""
    return get_language() or "en"


def _text(form: dict, name: str) -> str:
    return (form.get(name) or "").strip()


def _quantities(form: dict, prefix: str) -> dict[str, str]:
    """{order line id: quantity} from fields named `<prefix>-<line id>`; blanks are none."""
    return {
        key.removeprefix(f"{prefix}-"): value.strip() or "0"
        for key, value in form.items()
        if key.startswith(f"{prefix}-")
    }


def _shipment(order: Order, form: dict) -> Shipment:
    found = order.shipments.filter(pk=_number(form.get("shipment"))).first()
    if found is None:
        raise StepRefused(_("Choose a parcel of this order."), code="unknown_shipment")
    return found


def _refund(order: Order, form: dict) -> Refund:
    found = order.refunds.filter(pk=_number(form.get("refund"))).first()
    if found is None:
        raise StepRefused(_("Choose a refund of this order."), code="unknown_refund")
    return found


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _day(form: dict, name: str) -> date:
    try:
        return date.fromisoformat(_text(form, name))
    except ValueError:
        raise StepRefused(
            _("Give the date as year-month-day, e.g. 2026-03-05."), code="bad_date"
        ) from None


def _process(order, form, actor):
    lifecycle.process(
        order,
        actor=actor,
        unavailable=_quantities(form, "unavailable"),
        reason=_text(form, "reason"),
    )
    return _("Order %(number)s is being prepared.") % {"number": order.number}


def _ship(order, form, actor):
    parcel = shipments.ship(
        order,
        _quantities(form, "ship"),
        carrier=_text(form, "carrier"),
        tracking_number=_text(form, "tracking_number"),
        actor=actor,
    )
    return _("Parcel %(tracking)s shipped; %(amount)s charged.") % {
        "tracking": parcel.tracking_number,
        "amount": parcel.amount.format(_language()),
    }


def _cancel_unavailable(order, form, actor):
    lifecycle.cancel_unavailable(
        order, _quantities(form, "unavailable"), actor=actor, reason=_text(form, "reason")
    )
    return _("The unavailable items are cancelled; they will not be charged.")


def _finish_shipment(order, form, actor):
    """Ship again the parcel whose capture had no answer: same lines, same key, charged once."""
    pending = order.shipments.filter(state=Shipment.State.CAPTURING).first()
    if pending is None:
        raise StepRefused(_("No parcel is waiting for its payment."), code="nothing_pending")
    return _ship(
        order,
        {f"ship-{line.order_line_id}": str(line.quantity) for line in pending.lines.all()}
        | {"carrier": pending.carrier, "tracking_number": pending.tracking_number},
        actor,
    )


def _block(order, form, actor):
    lifecycle.block(order, actor=actor, reason=_text(form, "reason"))
    return _("Order %(number)s is blocked.") % {"number": order.number}


def _release(order, form, actor):
    lifecycle.release(order, actor=actor, reason=_text(form, "reason"))
    return _("Order %(number)s is released.") % {"number": order.number}


def _cancel(order, form, actor):
    lifecycle.cancel(
        order, actor=actor, grounds=_text(form, "grounds"), reason=_text(form, "reason")
    )
    return _("Order %(number)s is cancelled.") % {"number": order.number}


def _delivered(order, form, actor):
    shipments.mark_delivered(
        _shipment(order, form), delivered_on=_day(form, "delivered_on"), actor=actor
    )
    return _("The parcel is marked delivered.")


def _returned(order, form, actor):
    reason = _text(form, "reason")
    if not reason:
        raise StepRefused(_("Say why the parcel came back."), code="reason_required")
    shipments.mark_returned_to_sender(_shipment(order, form), actor=actor, reason=reason)
    return _("The parcel is marked returned to sender.")


def _reship(order, form, actor):
    shipments.reship(
        _shipment(order, form),
        carrier=_text(form, "carrier"),
        tracking_number=_text(form, "tracking_number"),
        actor=actor,
    )
    return _("The parcel is sent again; nothing more is charged.")


def _refund_returned(order, form, actor):
    refund = shipments.refund_returned(_shipment(order, form), actor=actor)
    refunds.pay(refund, actor=actor)
    return _("The parcel's %(amount)s is refunded.") % {"amount": refund.amount.format(_language())}


def _pay_refund(order, form, actor):
    """A return's refund is paid as the return's, so the return shows refunded (RET-4)."""
    refund = _refund(order, form)
    ret = Return.objects.filter(refund=refund).first()
    if ret is not None:
        refunding.refund(ret, actor=actor)
    else:
        refunds.pay(refund, actor=actor)
    return _("%(amount)s refunded to the card.") % {"amount": refund.amount.format(_language())}


ACTIONS = {
    action.name: action
    for action in (
        Action("process", SHIPS, _process),
        Action("ship", SHIPS, _ship),
        Action("retry_capture", SHIPS, _finish_shipment),
        Action("cancel_unavailable", SHIPS, _cancel_unavailable),
        Action("block", BLOCKS, _block),
        Action("release", BLOCKS, _release),
        Action("cancel", BLOCKS, _cancel),
        Action("mark_delivered", SHIPS, _delivered),
        Action("mark_returned_to_sender", SHIPS, _returned),
        Action("reship", SHIPS, _reship),
        Action("refund_returned", REFUNDS, _refund_returned),
        Action("pay_refund", REFUNDS, _pay_refund),
    )
}


def perform(name: str, order: Order, form: dict, *, actor: str) -> str:
    """Run the step `name` on the order; its confirmation, or `Refused` with the reason.

    The caller has checked the role's permission (`ACTIONS[name].permission`).
    """
    action = ACTIONS.get(name)
    if action is None:
        raise StepRefused(_("This step does not exist."), code="unknown_step")
    return str(action.run(order, form, actor))


def allowed(user, names: list[str]) -> list[Action]:
    """The steps among `names` that the user's role may take: the page shows only these."""
    return [ACTIONS[name] for name in names if user.has_perm(ACTIONS[name].permission)]
