import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maison.markets.money import Money


class Order(models.Model):
    """A placed order: what was bought, at what price, on which terms.

    Everything a buyer saw at review is copied here (PRD-5, PRC-1), so later
    catalogue or price changes never alter an order.
    """

    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        BLOCKED = "blocked", _("Blocked")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("order number"), max_length=20, unique=True, null=True)
    # The checkout this order came from: a second submit finds this order.
    checkout_token = models.UUIDField(unique=True, editable=False)
    # Lets a guest open their order from an email without an account (DATA-4).
    access_key = models.UUIDField(default=uuid.uuid4, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLACED)
    email = models.EmailField(_("email"))
    # The member who placed it; a guest order has none (ORD-10, DATA-4).
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    shipping_address = models.JSONField(_("delivery address"))
    billing_address = models.JSONField(_("billing address"))
    # The market the buyer chose, and how its taxes were shown and paid (PRC-2).
    market_country = models.CharField(_("delivery country"), max_length=2, default="FR")
    price_mode = models.CharField(_("price display mode"), max_length=12, default="included")
    currency = models.CharField(max_length=3)
    subtotal_minor = models.PositiveIntegerField(_("products"))
    delivery_minor = models.PositiveIntegerField(_("delivery"))
    duties_minor = models.PositiveIntegerField(_("import duties"), default=0)
    import_vat_minor = models.PositiveIntegerField(_("import VAT"), default=0)
    # All VAT: inside the prices (taxes included) or charged on import (duties at order).
    tax_minor = models.PositiveIntegerField(_("VAT"))
    total_minor = models.PositiveIntegerField(_("total"))
    delivery_method_code = models.CharField(max_length=50)
    delivery_method_name = models.CharField(_("delivery method"), max_length=80)
    delivery_earliest = models.DateField(_("earliest delivery"))
    delivery_latest = models.DateField(_("latest delivery"))
    terms_version = models.CharField(_("terms of sale accepted"), max_length=20)
    language = models.CharField(max_length=8, default="en")
    payment = models.OneToOneField(
        "payments.Payment", on_delete=models.PROTECT, null=True, related_name="order"
    )
    placed_at = models.DateTimeField(_("order date"), db_index=True)
    # When the parcel reached the buyer: every after-sales deadline starts here (DEL-3).
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = _("order")
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("storefront:order", args=[self.number, self.access_key])

    def _money(self, minor: int) -> Money:
        return Money(minor, self.currency)

    @property
    def subtotal(self) -> Money:
        return self._money(self.subtotal_minor)

    @property
    def delivery(self) -> Money:
        return self._money(self.delivery_minor)

    @property
    def tax(self) -> Money:
        return self._money(self.tax_minor)

    @property
    def duties(self) -> Money:
        return self._money(self.duties_minor)

    @property
    def import_vat(self) -> Money:
        return self._money(self.import_vat_minor)

    @property
    def total(self) -> Money:
        return self._money(self.total_minor)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    product_name = models.CharField(_("product"), max_length=120)
    sku = models.CharField(_("SKU"), max_length=40)
    colour = models.CharField(_("colour"), max_length=40)
    size = models.CharField(_("size"), max_length=12)
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    unit_price_minor = models.PositiveIntegerField(_("unit price"))
    tax_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    tax_minor = models.PositiveIntegerField(_("of which VAT"))
    duty_minor = models.PositiveIntegerField(_("import duty"), default=0)
    total_minor = models.PositiveIntegerField(_("line total"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"

    @property
    def unit_price(self) -> Money:
        return Money(self.unit_price_minor, self.order.currency)

    @property
    def total(self) -> Money:
        return Money(self.total_minor, self.order.currency)


class OrderEvent(models.Model):
    """The order's audit trail: every change, when, and by whom (DATA-2)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.CharField(max_length=80)
    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"
