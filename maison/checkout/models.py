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

    def __str__(self) -> str:
        return str(self.token)

    @property
    def has_details(self) -> bool:
        return bool(self.email and self.shipping_address and self.billing_address)

    @property
    def has_payment(self) -> bool:
        return bool(self.card_token)
