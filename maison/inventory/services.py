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
        versions.stock_changed(
            Stock.objects.filter(pk=variant_id).values_list("variant__product__slug", flat=True)
        )
    return claimed == 1
