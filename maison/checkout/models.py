import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Checkout(models.Model):
    """A buyer on the way from basket to order (ORD-3, ORD-4).

    The token is the idempotency key of the whole purchase: the order and the
    payment authorisation are both keyed on it, so a double submit or a retry
    finds the first order instead of making a second.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    basket = models.ForeignKey("basket.Basket", on_delete=models.CASCADE, related_name="+")
    market = models.ForeignKey("markets.Market", on_delete=models.PROTECT, related_name="+")
    # The member checking out, if signed in: their order joins their account (ORD-10).
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True)
    shipping_address = models.JSONField(default=dict, blank=True)
    billing_address = models.JSONField(default=dict, blank=True)
    delivery_method = models.ForeignKey(
        "shipping.DeliveryMethod", on_delete=models.PROTECT, null=True, blank=True
    )
    card_token = models.CharField(max_length=80, blank=True)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    started_at = models.DateTimeField()
    order = models.OneToOneField(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")

    def __str__(self) -> str:
        return str(self.token)

    @property
    def has_details(self) -> bool:
        return bool(self.email and self.shipping_address and self.billing_address)

    @property
    def has_payment(self) -> bool:
        return bool(self.card_token)


class PaymentAttempt(models.Model):
    """One try at paying for a checkout: the stock it holds, the key the provider knows it by.

    Placing an order reserves the stock and records the attempt (pending) in
    one short transaction, asks the provider with no transaction open, then
    settles the attempt in a second one: the order is recorded, or the
    reservation released. An attempt whose answer was lost (a crash, a
    timeout, a 3-D Secure challenge never finished) stays pending until its
    deadline, when the settle job asks the provider by its key (PAY-5, PRD-1).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ORDERED = "ordered", _("ordered")
        FAILED = "failed", _("failed")

    # Gone when the buyer's account is erased; the attempt stays to be settled.
    checkout = models.ForeignKey(
        Checkout, on_delete=models.SET_NULL, null=True, blank=True, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    # `authorize-<checkout token>-<number>`: a retry after a void is a new number.
    idempotency_key = models.CharField(max_length=80, unique=True)
    status = models.CharField(
        _("state"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    amount_minor = models.PositiveIntegerField()
    currency = models.CharField(max_length=3)
    # [[variant id, quantity], ...] allocated while pending; the order's once ordered.
    reservation = models.JSONField(default=list)
    # What the buyer reviewed (see `Review.fingerprint`) and the language of the order.
    fingerprint = models.CharField(max_length=32)
    language = models.CharField(max_length=10)
    # Who is buying, for the per-buyer limits while the attempt is pending (PRD-2).
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True)
    # The card as the provider tokenised it: the order's payment keeps the same.
    card_token = models.CharField(max_length=80)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField()
    # Past it, the stock goes back on sale and the settle job asks the provider.
    deadline = models.DateTimeField(db_index=True)
    # The provider's 3-D Secure challenge, while the buyer has it open.
    challenge_url = models.CharField(max_length=300, blank=True)
    # Why it failed, as a stable code (`payment_declined`, `payment_expired` ...),
    # and the provider's own code (`insufficient_funds` ...).
    refusal_code = models.CharField(max_length=40, blank=True)
    provider_code = models.CharField(max_length=40, blank=True)
    # False when the attempt failed without the provider's final word (it did not
    # answer, or the buyer's account was erased): the settle job asks and voids.
    answer_known = models.BooleanField(default=True)
    order = models.OneToOneField(
        "orders.Order", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        constraints = [
            models.UniqueConstraint(fields=["checkout", "number"], name="one_number_per_checkout")
        ]

    def __str__(self) -> str:
        return self.idempotency_key
