import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Basket(models.Model):
    """A shopper's selection before checkout; a guest's is found through the session."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A member's basket follows them from device to device; a guest's has none.
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="basket",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("basket")

    def __str__(self) -> str:
        return str(self.token)


class BasketLine(models.Model):
    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("catalog.Variant", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveSmallIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["basket", "variant"], name="one_line_per_variant")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"
