from django.db import models
from django.utils.translation import gettext_lazy as _

from maison.markets.money import Money


class Channel(models.TextChoices):
    """How the buyer told us: online, or by any other means staff record (RET-1, RET-5)."""

    ONLINE = "online", _("online form")
    EMAIL = "email", _("email")
    PHONE = "phone", _("telephone")
    POST = "post", _("post")


class Return(models.Model):
    """A withdrawal from some delivered lines of an order, and the parcel that brings them back.

    The deadlines and the cost of the return are fixed when the buyer notifies
    us (RET-1, RET-2, RET-7): a later policy or threshold change does not move them.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("awaiting your parcel")
        SENT = "sent", _("parcel sent")
        RECEIVED = "received", _("parcel received, being inspected")
        INSPECTED = "inspected", _("inspected, refund under way")
        REFUNDED = "refunded", _("refunded")
        REFUSED_LATE = "refused_late", _("refused: sent after the deadline")
        CLOSED = "closed", _("closed")

    order = models.ForeignKey(
        "orders.Order", on_delete=models.PROTECT, related_name="returns", verbose_name=_("order")
    )
    state = models.CharField(
        _("state"), max_length=14, choices=State.choices, default=State.REQUESTED
    )
    channel = models.CharField(_("notified by"), max_length=8, choices=Channel.choices)
    notified_at = models.DateTimeField(_("withdrawal notified at"))
    # The last day the buyer could withdraw, as computed at the notice; empty
    # when part of the order was still on its way (the period had not started).
    window_closed_on = models.DateField(_("withdrawal period ends on"), null=True, blank=True)
    send_by = models.DateField(_("parcel to be sent by"))
    reason = models.TextField(_("reason"), blank=True)
    free_return = models.BooleanField(_("free return"))
    return_cost_minor = models.PositiveIntegerField(_("return cost deducted"), default=0)
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    sent_on = models.DateField(_("parcel handed to the carrier on"), null=True, blank=True)
    received_on = models.DateField(_("parcel received on"), null=True, blank=True)
    refund_due_on = models.DateField(_("refund due by"), null=True, blank=True)
    # The refund owed for the accepted lines, in the order's refund-due queue (RET-4).
    refund = models.OneToOneField(
        "orders.Refund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aftersales_return",
        verbose_name=_("refund"),
    )
    refunded_minor = models.PositiveIntegerField(_("refunded"), default=0)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    refund_reference = models.CharField(_("refund reference"), max_length=80, blank=True)
    closed_reason = models.CharField(_("why closed"), max_length=300, blank=True)
    recorded_by = models.CharField(_("recorded by"), max_length=80)
    # The parcel that takes the exchanged sizes to the buyer (`aftersales.exchanges`).
    exchange_carrier = models.CharField(_("exchange carrier"), max_length=30, blank=True)
    exchange_tracking_number = models.CharField(
        _("exchange tracking number"), max_length=40, blank=True
    )
    exchange_shipped_at = models.DateTimeField(_("exchange shipped at"), null=True, blank=True)
    exchange_delivered_on = models.DateField(_("exchange delivered on"), null=True, blank=True)

    class Meta:
        ordering = ["-notified_at", "-id"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        # The parcel's dates, the exchange and closing a lost return are the warehouse's and
        # customer service's steps; Finance, who may change a return to record a transfer,
        # does not take them.
        permissions = [("follow_return", _("Can record a return's parcel, exchange or closing"))]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"R{self.pk:07d}"

    @property
    def exchange_carrier_name(self) -> str:
        from maison.shipping.carriers import carrier

        return carrier(self.exchange_carrier).name

    @property
    def exchange_tracking_url(self) -> str:
        from maison.shipping.carriers import carrier

        return carrier(self.exchange_carrier).tracking_url(self.exchange_tracking_number)

    @property
    def return_cost(self) -> Money:
        return Money(self.return_cost_minor, self.currency)

    @property
    def refunded(self) -> Money:
        return Money(self.refunded_minor, self.currency)


class ReturnLine(models.Model):
    """Units of one order line sent back, and what the inspection found (RET-3)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("not inspected yet")
        ACCEPTED = "accepted", _("accepted")
        DAMAGED = "damaged", _("refused: damaged")
        SOILED = "soiled", _("refused: soiled")
        INCOMPLETE = "incomplete", _("refused: incomplete")
        COUNTERFEIT = "counterfeit", _("refused: counterfeit")
        LABEL_REMOVED = "label_removed", _("refused: label removed")

    ret = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        "orders.OrderLine",
        on_delete=models.PROTECT,
        related_name="return_lines",
        verbose_name=_("order line"),
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    # An exchange for another size or colour of the same product at the same price,
    # reserved at the request; empty for a refund.
    exchange_for = models.ForeignKey(
        "catalog.Variant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exchange for"),
    )
    # The exchange asked for was no longer available, at the request or before
    # it shipped: these units are refunded.
    exchange_unavailable = models.BooleanField(
        default=False, verbose_name=_("exchange unavailable")
    )
    outcome = models.CharField(
        _("inspection"), max_length=14, choices=Outcome.choices, default=Outcome.PENDING
    )
    note = models.CharField(_("inspection note"), max_length=300, blank=True)
    inspected_at = models.DateTimeField(null=True, blank=True, verbose_name=_("inspected at"))

    class Meta:
        verbose_name = _("return line")
        verbose_name_plural = _("return lines")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["ret", "order_line"], name="one_return_line_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line.sku}"

    @property
    def refused(self) -> bool:
        return self.outcome not in (self.Outcome.PENDING, self.Outcome.ACCEPTED)


class Claim(models.Model):
    """A complaint of non-conformity or a guarantee claim, tracked to its end (RET-5, RET-6)."""

    class Kind(models.TextChoices):
        NON_CONFORMITY = "non_conformity", _("non-conformity at delivery")
        CONFORMITY = "conformity", _("legal guarantee of conformity")
        HIDDEN_DEFECT = "hidden_defect", _("guarantee against hidden defects")

    class State(models.TextChoices):
        OPEN = "open", _("received")
        EXAMINING = "examining", _("being examined")
        RESOLVED = "resolved", _("resolved")
        DECLINED = "declined", _("declined")

    order = models.ForeignKey(
        "orders.Order", on_delete=models.PROTECT, related_name="claims", verbose_name=_("order")
    )
    # Empty when the buyer did not say which item: a complaint from the contact
    # form about an order of several items (its message says which).
    order_line = models.ForeignKey(
        "orders.OrderLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("product"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    channel = models.CharField(_("made by"), max_length=8, choices=Channel.choices)
    description = models.TextField(_("what is wrong"))
    made_at = models.DateTimeField(_("made at"))
    # Hidden defects: the period runs from the discovery (RET-6).
    discovered_on = models.DateField(_("defect discovered on"), null=True, blank=True)
    # The last day the claim could be made, as computed when it was made.
    deadline = models.DateField(_("claim period ended on"))
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    recorded_by = models.CharField(_("recorded by"), max_length=80)

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("complaint or guarantee claim")
        verbose_name_plural = _("complaints and guarantee claims")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"C{self.pk:07d}"
