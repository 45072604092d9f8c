"""Stock allocation: the no-oversell guarantee of PRD-1 lives here."""

from django.db.models import F

from .models import Stock


def allocate(variant_id: int, quantity: int) -> bool:
    """Claim `quantity` units in one conditional UPDATE; False if not enough.

    Never read-then-write: the availability test and the increment are one
    statement, so two buyers of the last unit cannot both succeed. The caller
    allocates its lines in variant order inside its transaction, so that two
    checkouts locking the same rows cannot deadlock.
    """
    claimed = Stock.objects.filter(
        variant_id=variant_id, on_hand__gte=F("allocated") + quantity
    ).update(allocated=F("allocated") + quantity)
    return claimed == 1


def restock(variant_id: int, quantity: int) -> None:
    """Units that came back and passed inspection can be sold again (RET-3)."""
    Stock.objects.filter(variant_id=variant_id).update(on_hand=F("on_hand") + quantity)


def release(variant_id: int, quantity: int) -> None:
    """Give back units claimed by `allocate` that will not leave after all."""
    Stock.objects.filter(variant_id=variant_id, allocated__gte=quantity).update(
        allocated=F("allocated") - quantity
    )
