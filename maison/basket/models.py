import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Basket(models.Model):
    """A shopper's selection before checkout; a guest's is found through the session."""

    token = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, verbose_name=_("token")
    )
    # A member's basket follows them from device to device; a guest's has none.
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="basket",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"))
    updated_at = models.DateTimeField(verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("basket")
        verbose_name_plural = _("baskets")

    def __str__(self) -> str:
        return str(self.token)


class BasketLine(models.Model):
    basket = models.ForeignKey(
        Basket, on_delete=models.CASCADE, related_name="lines", verbose_name=_("basket")
    )
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.CASCADE, related_name="+", verbose_name=_("variant")
    )
    quantity = models.PositiveSmallIntegerField(verbose_name=_("quantity"))
    added_at = models.DateTimeField(verbose_name=_("added at"))

    class Meta:
        verbose_name = _("basket line")
        verbose_name_plural = _("basket lines")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["basket", "variant"], name="one_line_per_variant")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"
