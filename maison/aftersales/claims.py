"""Complaints of non-conformity and legal-guarantee claims, recorded and tracked (RET-5, RET-6).

Which period applies depends on the claim: a non-conformity seen at delivery
is reported within 14 days of it; the legal guarantee of conformity runs 24
months from delivery; the guarantee against hidden defects 24 months from the
day the defect was discovered (French civil code, art. 1648), which cannot be
before delivery nor after the claim. All figures are the policy's.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from maison import clock
from maison.notifications.services import queue_email
from maison.orders.history import choice_label, said, word
from maison.orders.models import Order
from maison.orders.services import record_event
from maison.refusals import Refused
from maison.shipping import periods

from . import deadlines
from .delivered import delivered_quantity, last_delivery
from .models import Channel, Claim


class ClaimRefused(Refused):
    """Codes: `not_delivered`, `unknown_line`, `period_over`, `discovery_missing`,
    `bad_discovery`, `description_missing`, `wrong_state`."""

    code = "claim_refused"


def claim_deadline(kind: str, delivered_at: datetime, discovered_on: date | None) -> date:
    if kind == Claim.Kind.NON_CONFORMITY:
        return deadlines.complaint_last_day(delivered_at)
    if kind == Claim.Kind.CONFORMITY:
        return deadlines.conformity_last_day(delivered_at)
    return deadlines.hidden_defect_last_day(discovered_on)


@transaction.atomic
def make_claim(
    order: Order,
    line_id: int,
    kind: str,
    description: str,
    *,
    discovered_on: date | None = None,
    actor: str = "customer",
    channel: str = Channel.ONLINE,
    made_at: datetime | None = None,
) -> Claim:
    """Record a complaint or a guarantee claim within its period, and acknowledge it."""
    made_at = made_at or clock.now()
    line = order.lines.filter(pk=line_id).first()
    if line is None:
        raise ClaimRefused(_("That item is not part of this order."), code="unknown_line")
    delivered_at = last_delivery(order)
    if delivered_at is None or not delivered_quantity(line):
        raise ClaimRefused(_("This item has not been delivered yet."), code="not_delivered")
    if kind not in Claim.Kind.values:
        raise ClaimRefused(_("Choose the kind of claim."), code="bad_kind", field="kind")
    description = description.strip()
    if not description:
        raise ClaimRefused(
            _("Tell us what is wrong."), code="description_missing", field="description"
        )
    if kind == Claim.Kind.HIDDEN_DEFECT:
        if discovered_on is None:
            raise ClaimRefused(
                _("Give the day you discovered the defect."),
                code="discovery_missing",
                field="discovered_on",
            )
        made_on = periods.local_date(made_at)
        if not periods.local_date(delivered_at) <= discovered_on <= made_on:
            raise ClaimRefused(
                _("The defect was discovered between delivery and today."),
                code="bad_discovery",
                field="discovered_on",
            )
    else:
        discovered_on = None
    last_day = claim_deadline(kind, delivered_at, discovered_on)
    if not periods.still_open(last_day, made_at):
        raise ClaimRefused(
            _("The period for this claim ended on %(date)s.")
            % {"date": date_format(last_day, "DATE_FORMAT")},
            code="period_over",
        )
    return _record(
        order,
        line,
        kind,
        description,
        made_at=made_at,
        discovered_on=discovered_on,
        deadline=last_day,
        recorded_by=actor,
        channel=channel,
    )


def _record(order: Order, line, kind: str, description: str, **fields) -> Claim:
    claim = Claim.objects.create(
        order=order, order_line=line, kind=kind, description=description, **fields
    )
    about = line.sku if line is not None else word(gettext_noop("the order"))
    record_event(
        order,
        "claim",
        said(
            gettext_noop("Claim %(claim)s (%(kind)s) on %(about)s by %(channel)s."),
            claim=claim.reference,
            kind=choice_label(claim, "kind"),
            about=about,
            channel=choice_label(claim, "channel"),
        ),
        actor=claim.recorded_by,
        claim=claim.reference,
    )
    _tell_buyer(claim, "claim_recorded")
    return claim


def complaint_from_contact(order: Order, message: str, *, made_at: datetime) -> Claim | None:
    """A complaint written on the contact form about a delivered order, within its period (RET-5).

    It becomes a non-conformity claim on the order, tracked like any other;
    on the one item delivered if there is only one, else on the order as a
    whole (the message says which). None when nothing is delivered yet or
    the 14 days are over: the message stays a ticket for customer service.
    The caller holds the transaction.
    """
    delivered_at = last_delivery(order)
    if delivered_at is None or not message.strip():
        return None
    last_day = claim_deadline(Claim.Kind.NON_CONFORMITY, delivered_at, None)
    if not periods.still_open(last_day, made_at):
        return None
    delivered = [line for line in order.lines.all() if delivered_quantity(line)]
    return _record(
        order,
        delivered[0] if len(delivered) == 1 else None,
        Claim.Kind.NON_CONFORMITY,
        message.strip(),
        made_at=made_at,
        deadline=last_day,
        recorded_by="customer",
        channel=Channel.ONLINE,
    )


def _tell_buyer(claim: Claim, template: str) -> None:
    """The claim's reference and state go to the buyer, in the order's language (DATA-3)."""
    queue_email(
        claim.order.email,
        template,
        {"claim": claim.pk},
        reference=claim.reference,
        language=claim.order.language,
    )


@transaction.atomic
def update_claim(claim: Claim, state: str, resolution: str = "", *, actor: str) -> Claim:
    """Staff move a claim on: examining, then resolved or declined with what was decided."""
    claim = Claim.objects.select_for_update().select_related("order").get(pk=claim.pk)
    if claim.state in (Claim.State.RESOLVED, Claim.State.DECLINED):
        raise ClaimRefused(_("This claim is already settled."), code="wrong_state")
    if state not in Claim.State.values or state == Claim.State.OPEN:
        raise ClaimRefused(_("Choose the claim's new state."), code="bad_state", field="state")
    resolution = resolution.strip()
    settled = state in (Claim.State.RESOLVED, Claim.State.DECLINED)
    if settled and not resolution:
        raise ClaimRefused(
            _("Say what was decided."), code="resolution_missing", field="resolution"
        )
    claim.state, claim.resolution = state, resolution
    claim.resolved_at = clock.now() if settled else None
    claim.save(update_fields=["state", "resolution", "resolved_at"])
    record_event(
        claim.order,
        "claim_" + state,
        said(
            gettext_noop("Claim %(claim)s %(state)s."),
            claim=claim.reference,
            state=choice_label(claim, "state"),
        ),
        actor=actor,
        claim=claim.reference,
    )
    _tell_buyer(claim, "claim_updated")
    return claim
