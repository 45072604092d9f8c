"""Stock allocation: the no-oversell guarantee of PRD-1 lives here."""

from django.db.models import F

from maison.catalog import versions

from .models import Stock


def allocate(variant_id: int, quantity: int) -> bool:
    """Claim `quantity` units in one conditional UPDATE; False if not enough.

    Never read-then-write: the availability test and the increment are one
    statement, so two buyers of the last unit cannot both succeed. The caller
    allocates its lines in variant order inside its transaction, so that two
    checkouts locking the same rows cannot deadlock. A claim bumps the
    product's stock version: its page shows the new availability next.
    """
    claimed = Stock.objects.filter(
        variant_id=variant_id, on_hand__gte=F("allocated") + quantity
    ).update(allocated=F("allocated") + quantity)
    if claimed:
        _shown_again(variant_id)
    return claimed == 1


def _shown_again(variant_id: int) -> None:
    """The product's page shows the new availability on its next request."""
    versions.stock_changed(
        Stock.objects.filter(pk=variant_id).values_list("variant__product__slug", flat=True)
    )


def release(variant_id: int, quantity: int) -> bool:
    """Give back `quantity` allocated units (a cancelled line, a cancelled order).

    One conditional UPDATE, like `allocate`: it never releases more than is allocated.
    """
    released = Stock.objects.filter(variant_id=variant_id, allocated__gte=quantity).update(
        allocated=F("allocated") - quantity
    )
    if released:
        _shown_again(variant_id)
    return released == 1


def dispatch(variant_id: int, quantity: int) -> bool:
    """Units leave the warehouse in a parcel: no longer on hand, no longer allocated.

    What is available (on hand less allocated) does not change: no page to refresh.
    """
    sent = Stock.objects.filter(
        variant_id=variant_id, allocated__gte=quantity, on_hand__gte=quantity
    ).update(allocated=F("allocated") - quantity, on_hand=F("on_hand") - quantity)
    return sent == 1


def restock(variant_id: int, quantity: int) -> None:
    """Units that came back and passed inspection can be sold again (RET-3)."""
    Stock.objects.filter(variant_id=variant_id).update(on_hand=F("on_hand") + quantity)
