from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Ticket(models.Model):
    """A message to customer service from the contact form, and its answer (SITE-4, RET-5).

    Linked to an order only when the number and the email given match it, so
    the form tells a stranger nothing about other people's orders (DATA-4).
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")

    class Topic(models.TextChoices):
        ORDER = "order", _("An order or a delivery")
        RETURN = "return", _("A return or a refund")
        DEFECT = "defect", _("A product that is not as it should be")
        PRODUCT = "product", _("Sizes, materials or care")
        OTHER = "other", _("Something else")

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"))
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=5000)
    # As typed, whether or not it matched an order.
    order_number = models.CharField(_("order number given"), max_length=20, blank=True)
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("order"),
    )
    # A complaint about the order within its period becomes a claim, tracked to its end (RET-5).
    claim = models.OneToOneField(
        "aftersales.Claim",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("claim"),
    )
    language = models.CharField(max_length=8, default="en", verbose_name=_("language"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="open")
    received_at = models.DateTimeField(_("received at"), db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        ordering = ["state", "-received_at"]
        verbose_name = _("customer service ticket")
        verbose_name_plural = _("customer service tickets")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_topic_display()} ({self.email})"

    @property
    def reference(self) -> str:
        """What emails about this ticket are filed under in the outbox."""
        return f"ticket:{self.pk}"
