import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.markets.money import Money


class Order(models.Model):
    """A placed order: what was bought, at what price, on which terms.

    Everything a buyer saw at review is copied here (PRD-5, PRC-1), so later
    catalogue or price changes never alter an order.
    """

    class Status(models.TextChoices):
        """The order's states (see `lifecycle`): placed, processed, shipped in parts, delivered.

        Blocked and cancelled are set by staff (or the buyer, DEL-4); every
        other state follows from the order's lines and shipments.
        """

        PLACED = "placed", _("Placed")
        BLOCKED = "blocked", _("Blocked")
        PROCESSING = "processing", _("Being prepared")
        PARTIALLY_SHIPPED = "partially_shipped", _("Partly shipped")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.CharField(_("order number"), max_length=20, unique=True, null=True)
    # The checkout this order came from: a second submit finds this order.
    checkout_token = models.UUIDField(unique=True, editable=False)
    # Lets a guest open their order from an email without an account (DATA-4).
    access_key = models.UUIDField(default=uuid.uuid4, editable=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PLACED, verbose_name=_("status")
    )
    # Why staff blocked it (ORD-9), shown to staff until it is released or cancelled.
    blocked_reason = models.CharField(_("blocked because"), max_length=300, blank=True)
    email = models.EmailField(_("email"))
    # The member who placed it; a guest order has none (ORD-10, DATA-4).
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("customer"),
    )
    shipping_address = models.JSONField(_("delivery address"))
    billing_address = models.JSONField(_("billing address"))
    # The market the buyer chose, and how its taxes were shown and paid (PRC-2).
    market_country = models.CharField(_("delivery country"), max_length=2, default="FR")
    price_mode = models.CharField(_("price display mode"), max_length=12, default="included")
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    subtotal_minor = models.PositiveIntegerField(_("products"))
    delivery_minor = models.PositiveIntegerField(_("delivery"))
    duties_minor = models.PositiveIntegerField(_("import duties"), default=0)
    import_vat_minor = models.PositiveIntegerField(_("import VAT"), default=0)
    # All VAT: inside the prices (taxes included) or charged on import (duties at order).
    tax_minor = models.PositiveIntegerField(_("VAT"))
    total_minor = models.PositiveIntegerField(_("total"))
    # Of `delivery_minor`, what standard delivery cost when the order was placed:
    # a whole withdrawal refunds it, never the express supplement (RET-4, PRC-5).
    # Empty for orders placed before it was recorded.
    standard_delivery_minor = models.PositiveIntegerField(
        _("of which standard delivery"), null=True, blank=True
    )
    # The market's free delivery and returns threshold when the order was placed
    # (SITE-2): returns are free when the order reached it. Empty for orders
    # placed before it was recorded.
    free_threshold_minor = models.PositiveIntegerField(
        _("free returns from"), null=True, blank=True
    )
    delivery_method_code = models.CharField(max_length=50, verbose_name=_("delivery method code"))
    delivery_method_name = models.CharField(_("delivery method"), max_length=80)
    delivery_earliest = models.DateField(_("earliest delivery"))
    delivery_latest = models.DateField(_("latest delivery"))
    terms_version = models.CharField(_("terms of sale accepted"), max_length=20)
    language = models.CharField(max_length=8, default="en", verbose_name=_("language"))
    payment = models.OneToOneField(
        "payments.Payment",
        on_delete=models.PROTECT,
        null=True,
        related_name="order",
        verbose_name=_("payment"),
    )
    placed_at = models.DateTimeField(_("order date"), db_index=True)
    # When the parcel reached the buyer: every after-sales deadline starts here (DEL-3).
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # When staff checked availability and started preparing it (ORD-7).
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    # The day the first shipment confirmation was sent: the contract is concluded then (ORD-8).
    contract_concluded_at = models.DateTimeField(_("contract concluded"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["email"]), models.Index(fields=["status"])]
        permissions = [
            ("process_order", "Can process, ship and mark delivered"),
            ("block_order", "Can block, release and cancel"),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("storefront:order", args=[self.number, self.access_key])

    def _money(self, minor: int) -> Money:
        return Money(minor, self.currency)

    @property
    def returns_free(self) -> bool | None:
        """Whether the order reached its market's threshold when placed (SITE-2); None: unknown."""
        if self.free_threshold_minor is None:
            return None
        return self.subtotal_minor >= self.free_threshold_minor

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
    size = models.CharField(_("size"), max_length=20)
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    # Of `quantity` (ordered): how many went out, reached the buyer, or were
    # cancelled (unavailable, or the order cancelled). The rest is allocated:
    # held in stock, waiting to ship.
    quantity_shipped = models.PositiveSmallIntegerField(_("shipped"), default=0)
    quantity_delivered = models.PositiveSmallIntegerField(_("delivered"), default=0)
    quantity_cancelled = models.PositiveSmallIntegerField(_("cancelled"), default=0)
    unit_price_minor = models.PositiveIntegerField(_("unit price"))
    tax_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    tax_minor = models.PositiveIntegerField(_("of which VAT"))
    duty_minor = models.PositiveIntegerField(_("import duty"), default=0)
    total_minor = models.PositiveIntegerField(_("line total"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    quantity__gte=models.F("quantity_shipped") + models.F("quantity_cancelled")
                ),
                name="line_never_over_shipped",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_shipped__gte=models.F("quantity_delivered")),
                name="line_delivered_only_once_shipped",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"

    @property
    def quantity_allocated(self) -> int:
        """Units still held in stock for this line, waiting to ship."""
        return self.quantity - self.quantity_shipped - self.quantity_cancelled

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
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def text(self) -> str:
        """What happened, in the reader's language; an event recorded in English only, as is."""
        from .history import read

        return read(self.message, self.data)

    @property
    def by(self) -> str:
        """Who acted: staff by their address, the shop's own actors in the reader's language."""
        from .history import actor

        return actor(self.actor)


class PartOfOrder(models.Model):
    """A part of an order's money: a parcel's capture, a refund (see `maison.orders.shares`).

    Its goods and its shares of delivery, import duties and import VAT are kept
    apart, so that invoices and credit notes can itemise them (PRC-4).
    """

    goods_minor = models.PositiveIntegerField(default=0)
    delivery_minor = models.PositiveIntegerField(default=0)
    duties_minor = models.PositiveIntegerField(default=0)
    import_vat_minor = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @property
    def amount_minor(self) -> int:
        return self.goods_minor + self.delivery_minor + self.duties_minor + self.import_vat_minor

    @property
    def amount(self) -> Money:
        return Money(self.amount_minor, self.order.currency)


class Shipment(PartOfOrder):
    """A parcel: some units of some lines, a carrier and a tracking number (DEL-3).

    Its amounts are what its shipping captured (PAY-2): its lines' goods and
    their share of delivery, duties and import VAT (`maison.orders.shares`). A
    shipment is `capturing` between deciding it and the provider's answer: a
    crash there leaves it so, and shipping again resumes it with the same
    idempotency key, so the card is charged once.
    """

    class State(models.TextChoices):
        # "parcel": in French a parcel (le colis) is masculine, an order feminine.
        CAPTURING = "capturing", pgettext_lazy("parcel", "Waiting for payment")
        SHIPPED = "shipped", pgettext_lazy("parcel", "Shipped")
        DELIVERED = "delivered", pgettext_lazy("parcel", "Delivered")
        RETURNED = "returned", pgettext_lazy("parcel", "Returned to sender")

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="shipments")
    state = models.CharField(max_length=12, choices=State.choices, default=State.CAPTURING)
    carrier = models.CharField(_("carrier"), max_length=30)
    tracking_number = models.CharField(_("tracking number"), max_length=40)
    created_at = models.DateTimeField()
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    # What its capture took; a reshipment captures nothing (`reship_of`).
    capture_key = models.CharField(max_length=80, blank=True)
    reship_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reshipment"
    )
    # The last one released what remained authorised (PAY-2).
    is_final = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")

    def __str__(self) -> str:
        return f"{self.order} / {self.pk}"

    @property
    def carrier_name(self) -> str:
        from maison.shipping.carriers import carrier

        return carrier(self.carrier).name

    @property
    def tracking_url(self) -> str:
        from maison.shipping.carriers import carrier

        return carrier(self.carrier).tracking_url(self.tracking_number)


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("parcel line")
        verbose_name_plural = _("parcel lines")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line_id}"


class Refund(PartOfOrder):
    """Money owed back to the buyer, with the date it is due by (ORD-7, DEL-4, RET-4).

    One model for every refund: unavailable items, a cancelled order, a parcel
    returned to sender, and after-sales returns. A refund for units that never
    shipped (`units` set) is money never captured: it is settled by releasing
    the authorisation (`released`), or paid back if it was captured. Its
    amounts are shares by the same rule as shipments (`maison.orders.shares`).
    """

    class State(models.TextChoices):
        DUE = "due", _("Due")
        PAID = "paid", _("Refunded")
        RELEASED = "released", _("Released, never charged")

    class Reason(models.TextChoices):
        UNAVAILABLE = "unavailable", _("Item unavailable")
        CANCELLED = "cancelled", _("Order cancelled")
        LATE_DELIVERY = "late_delivery", _("Late delivery")
        RETURNED_TO_SENDER = "returned_to_sender", _("Returned to sender")
        RETURN = "return", _("Returned by the buyer")
        OTHER = "other", _("Other")

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("order")
    )
    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
        verbose_name=_("parcel"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DUE)
    # Unshipped units this refund cancels, {order line id: quantity}; empty for
    # money that was captured (a parcel back, a return).
    units = models.JSONField(default=dict, blank=True)
    # The shipped units this refund pays back, line by line, as its credit note lists
    # them: [{"line": order line id, "quantity": units, "goods_minor": what they
    # charged}]; empty when it names no lines (a late delivery, a credit by hand).
    refunded_lines = models.JSONField(default=list, blank=True)
    # The number of the invoice a credit by hand corrects, as Finance chose it (DATA-1);
    # empty for any other refund: it corrects its parcel's invoice, or the order's latest.
    corrects_invoice = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(_("recorded at"))
    due_on = models.DateField(_("due by"), db_index=True)
    paid_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    refund_key = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        permissions = [("pay_refund", "Can pay refunds")]

    def __str__(self) -> str:
        return (
            f"{self.order} {self.get_reason_display()} {self.amount.format(get_language() or 'en')}"
        )


class PurchaseLimit(models.Model):
    """At most this many units of a variant per buyer, over a period (PRD-2).

    Counted across the buyer's orders, by account and by email, from
    `starts_on` (included) to `ends_on` (included; no end by default).
    Cancelled units do not count.
    """

    variant = models.ForeignKey(
        "catalog.Variant",
        on_delete=models.CASCADE,
        related_name="purchase_limits",
        verbose_name=_("variant"),
    )
    max_quantity = models.PositiveSmallIntegerField(_("most per buyer"))
    starts_on = models.DateField(_("from"), default=clock.today)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("purchase limit")
        verbose_name_plural = _("purchase limits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="limit_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.variant} ≤ {self.max_quantity}"


class BuyerKey(models.Model):
    """A buyer (`email:<sha-256>`, `account:<id>`), locked while a limited variant is reserved.

    Two orders of one buyer placed at once would each count the other's units
    as not yet bought and together pass a limit (PRD-2). Locking the buyer's
    rows first makes the second wait for the first, then count it.
    """

    key = models.CharField(max_length=80, unique=True)

    def __str__(self) -> str:
        return self.key


class BuyerFlag(models.Model):
    """A buyer the house refuses to sell to (PRD-3): in dispute, in breach, suspected fraud.

    Matched by email (any case), and by account when the buyer has one.
    """

    class Reason(models.TextChoices):
        DISPUTE = "dispute", _("In dispute with the house")
        BREACH = "breach", _("In breach of the terms of sale")
        FRAUD = "fraud", _("Suspected fraud")

    email = models.EmailField(_("email"), db_index=True)
    # Deleting the account must not lift the refusal: the email still matches.
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buyer_flags",
        verbose_name=_("customer account"),
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("flagged at"), default=clock.now)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("refused buyer")
        verbose_name_plural = _("refused buyers")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"
