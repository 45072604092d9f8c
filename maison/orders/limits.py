"""Who may buy, and how much: per-buyer limits (PRD-2) and refused buyers (PRD-3).

Checked when the order is reserved, with plain values: the account (if any),
the email, and {variant id: quantity} wanted. A buyer is the same buyer by
account or by email, so a guest cannot pass a limit by leaving their account
signed out. Units cancelled (unavailable, cancelled orders) do not count.
"""

import hashlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F, Q, Sum
from django.utils.translation import gettext as _

from maison import clock
from maison.refusals import Refused
from maison.terms.policy import POLICY

from .models import BuyerFlag, BuyerKey, Order, OrderLine, PurchaseLimit


class BuyerRefused(Refused):
    """Codes: `buyer_refused` (PRD-3), `over_limit` (PRD-2)."""

    code = "buyer_refused"


def same_buyer(customer_id: int | None, email: str) -> Q:
    same = Q(email__iexact=email.strip())
    if customer_id is not None:
        same |= Q(customer_id=customer_id)
    return same


def check_buyer(
    customer_id: int | None,
    email: str,
    wanted: dict[int, int],
    today: date | None = None,
    holding: Callable[[], dict[int, int]] | None = None,
) -> None:
    """Refuse a flagged buyer, or more of a variant than its limit allows this buyer.

    `holding()`: units the buyer's payments still pending hold, by variant,
    read once this buyer's lock is held; they count, so two checkouts paying
    at once cannot pass a limit together.
    """
    if BuyerFlag.objects.filter(same_buyer(customer_id, email), lifted_at__isnull=True).exists():
        raise BuyerRefused(
            _(
                "We are unable to accept orders from this account or email address. "
                "Please contact customer service."
            ),
            code="buyer_refused",
        )
    today = today or clock.today()
    limits = PurchaseLimit.objects.filter(variant_id__in=list(wanted), starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    if not limits.exists():
        return
    wait_for_the_same_buyer(customer_id, email)
    held = holding() if holding else {}
    for limit in limits.select_related("variant__product"):
        bought = already_bought(customer_id, email, limit) + held.get(limit.variant_id, 0)
        if bought + wanted[limit.variant_id] > limit.max_quantity:
            raise BuyerRefused(
                _(
                    "You may buy at most %(most)s of %(item)s; you have already ordered "
                    "%(bought)s. Please change the quantity in your basket."
                )
                % {
                    "most": limit.max_quantity,
                    "item": f"{limit.variant.product.name} ({limit.variant.label})",
                    "bought": bought,
                },
                code="over_limit",
            )


def wait_for_the_same_buyer(customer_id: int | None, email: str) -> None:
    """Lock this buyer's rows until the caller's transaction ends (PRD-2).

    Called inside the reservation transaction, before counting: a second order
    of the same buyer (same email, or same account) waits here until the first
    is recorded, then counts its units. So `check_buyer` must run in the
    transaction that records what the next count sees: the order, or the
    reservation its pending payment holds. Keys are created and locked in one
    order, so two buyers never deadlock. Only orders of a limited variant take
    the lock: other sales never wait on it.
    """
    # The email is kept only as a digest: this row holds no personal data.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    keys = sorted({f"email:{digest}"} | ({f"account:{customer_id}"} if customer_id else set()))
    BuyerKey.objects.bulk_create([BuyerKey(key=key) for key in keys], ignore_conflicts=True)
    list(BuyerKey.objects.select_for_update().filter(key__in=keys).order_by("key"))


def already_bought(customer_id: int | None, email: str, limit: PurchaseLimit) -> int:
    """Units of the limit's variant this buyer ordered in its period, less those cancelled."""
    zone = ZoneInfo(POLICY.store_time_zone)
    placed = Q(order__placed_at__gte=datetime.combine(limit.starts_on, time.min, zone))
    if limit.ends_on is not None:
        end = datetime.combine(limit.ends_on + timedelta(days=1), time.min, zone)
        placed &= Q(order__placed_at__lt=end)
    same = same_buyer(customer_id, email)
    lines = OrderLine.objects.filter(
        placed,
        variant_id=limit.variant_id,
        order__in=Order.objects.filter(same),
    )
    counted = lines.aggregate(units=Sum(F("quantity") - F("quantity_cancelled")))["units"]
    return counted or 0
