from django.db import models
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.markets.money import Money


class Payment(models.Model):
    """One order's money with the provider: what is authorised, captured, refunded (PAY-3).

    Only the card's brand and last four digits are kept; the number never
    reaches the database.
    """

    provider = models.CharField(max_length=40, verbose_name=_("provider"))
    reference = models.CharField(_("provider reference"), max_length=80, db_index=True)
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    authorised_minor = models.PositiveIntegerField(_("authorised"), default=0)
    captured_minor = models.PositiveIntegerField(_("captured"), default=0)
    refunded_minor = models.PositiveIntegerField(_("refunded"), default=0)
    # Authorised, never captured, and given back to the card (PAY-2, PRC-6).
    released_minor = models.PositiveIntegerField(_("released"), default=0)
    voided = models.BooleanField(default=False, verbose_name=_("voided"))
    card_brand = models.CharField(max_length=20, blank=True, verbose_name=_("card brand"))
    card_last4 = models.CharField(
        max_length=4, blank=True, verbose_name=_("card's last four digits")
    )
    # The provider's token for the card, never its number: it lets the store
    # authorise again when an authorisation would expire before shipping (PAY-5).
    card_token = models.CharField(max_length=120, blank=True, verbose_name=_("card token"))
    created_at = models.DateTimeField(verbose_name=_("created at"))
    # When the current authorisation lapses, as the provider said (PAY-5).
    authorisation_expires_at = models.DateTimeField(
        _("authorisation expires"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.provider} {self.reference}"

    @property
    def authorised(self) -> Money:
        return Money(self.authorised_minor, self.currency)

    @property
    def captured(self) -> Money:
        return Money(self.captured_minor, self.currency)

    @property
    def refunded(self) -> Money:
        return Money(self.refunded_minor, self.currency)

    @property
    def released(self) -> Money:
        return Money(self.released_minor, self.currency)

    @property
    def uncaptured_minor(self) -> int:
        """Still authorised: neither captured nor released."""
        return max(self.authorised_minor - self.captured_minor - self.released_minor, 0)

    @property
    def state(self) -> str:
        if self.refunded_minor:
            return "refunded" if self.refunded_minor == self.captured_minor else "partly refunded"
        if self.captured_minor:
            return "captured"
        return "voided" if self.voided else "authorised"

    def get_state_display(self) -> str:
        """The state in the reader's language (a payment, masculine in French)."""
        return {
            "refunded": pgettext("payment", "refunded"),
            "partly refunded": pgettext("payment", "partly refunded"),
            "captured": pgettext("payment", "captured"),
            "voided": pgettext("payment", "voided"),
            "authorised": pgettext("payment", "authorised"),
        }[self.state]


class PaymentTransaction(models.Model):
    """Every call to the provider, kept as proof (ORD-11, DATA-2)."""

    class Kind(models.TextChoices):
        AUTHORIZE = "authorize", _("authorisation")
        CAPTURE = "capture", _("capture")
        VOID = "void", _("void")
        REFUND = "refund", _("refund")
        REAUTHORIZE = "reauthorize", _("new authorisation")

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="transactions", verbose_name=_("payment")
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    # The provider's reference the call was about: a new authorisation has its own.
    reference = models.CharField(max_length=80, blank=True, verbose_name=_("reference"))
    amount_minor = models.PositiveIntegerField(verbose_name=_("amount"))
    succeeded = models.BooleanField(verbose_name=_("succeeded"))
    code = models.CharField(max_length=40, verbose_name=_("code"))
    idempotency_key = models.CharField(
        max_length=80, unique=True, verbose_name=_("idempotency key")
    )
    at = models.DateTimeField(verbose_name=_("time"))

    class Meta:
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        # Heads its row on the payment's page: the amount in the currency, not minor units.
        amount = Money(self.amount_minor, self.payment.currency).format(get_language() or "en")
        return f"{self.get_kind_display()} {amount} {self.code}"


class TestProviderOperation(models.Model):
    """The test provider's own ledger, standing in for a real provider's servers.

    It remembers each idempotency key so that a retried call returns the first
    answer instead of charging twice (PAY-5).
    """

    __test__ = False  # a model, not a test class

    idempotency_key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=10)
    reference = models.CharField(max_length=80, db_index=True)
    amount_minor = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    approved = models.BooleanField()
    code = models.CharField(max_length=40)
    # The provider's own time, which the tests move (authorisations expire, PAY-5).
    created_at = models.DateTimeField(default=clock.now)
    # 3-D Secure: where the buyer goes back to once the challenge is answered.
    return_url = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.reference} {self.code}"


class WebhookEvent(models.Model):
    """A notification the provider sent, kept by its id so that a replay is refused."""

    provider = models.CharField(max_length=40)
    event_id = models.CharField(max_length=80)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="one_event_per_id")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"
