from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutboxEmail(models.Model):
    """An email written in the same transaction as the change that causes it (DATA-3).

    Queued, it holds what to render (template, language, a JSON context of
    plain references such as an order number or a user id), never rendered
    text: rendering happens in the worker, outside any business transaction.
    Sent, it holds the rendered email as the record of what was sent (ORD-11),
    with every link that carries a secret (password reset, claim, order
    access) replaced by a redaction marker: staff who read the outbox cannot
    use it to take over an account or open an order.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        # Claimed by a worker, under a lease: see `services.send`.
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        # Never to be sent: what it was about is gone (a closed account, a deleted order).
        CANCELLED = "cancelled", pgettext_lazy("email", "cancelled")

    to = models.EmailField(verbose_name=_("to"))
    template = models.CharField(max_length=80, verbose_name=_("template"))
    language = models.CharField(max_length=10, default="en", verbose_name=_("language"))
    # Plain references (an order number, a user id) or plain strings, read at send time.
    context = models.JSONField(default=dict, blank=True, verbose_name=_("context"))
    reference = models.CharField(_("about"), max_length=80, blank=True, db_index=True)
    # Stable across every attempt, so a copy sent twice is recognisably the same message.
    message_id = models.CharField(max_length=200, unique=True, verbose_name=_("message ID"))
    # What was sent, secret links redacted; empty until sent.
    subject = models.CharField(max_length=200, blank=True, verbose_name=_("subject"))
    text_body = models.TextField(blank=True, verbose_name=_("text"))
    html_body = models.TextField(blank=True, verbose_name=_("HTML"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    queued_at = models.DateTimeField(verbose_name=_("queued at"))
    # When the next try is scheduled, after a failed one.
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    # Until when the worker that claimed it may still be sending it.
    lease_until = models.DateTimeField(null=True, blank=True, verbose_name=_("leased until"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.subject or self.template} → {self.to}"
