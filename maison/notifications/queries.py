"""Reads of the outbox that other apps' pages need."""

from .models import OutboxEmail


def about(references: list[str]):
    """Every email about these references (an account, its orders), oldest first."""
    return OutboxEmail.objects.filter(reference__in=references).order_by("queued_at", "id")
