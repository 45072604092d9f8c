from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Who an alert is for. The values are the names of the staff groups
    (`maison/accounts/migrations/0002_staff_groups.py`), except administrators,
    who are the superusers: technical trouble no shop role can act on."""

    CUSTOMER_SERVICE = "Customer service", _("Customer service")
    WAREHOUSE = "Warehouse", _("Warehouse")
    FINANCE = "Finance", _("Finance")
    ADMINISTRATORS = "Administrators", _("Administrators")


class StaffAlert(models.Model):
    """Something staff must act on, raised by a periodic check or a failed process.

    `key` names the fact the alert is about ("refund-due:R-1042"), and only one
    alert exists per key, ever: a daily check finding the same overdue refund
    every day raises it once. A check that wants to alert again each day puts
    the day in the key.
    """

    role = models.CharField(_("role"), max_length=40, choices=Role.choices, db_index=True)
    code = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("about"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("details"), blank=True)
    # Where in the back office to act on it (a path), if anywhere.
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("raised at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # The staff member's email, as written: the alert outlives staff accounts.
    resolved_by = models.CharField(_("resolved by"), max_length=254, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("staff alert")
        verbose_name_plural = _("staff alerts")
        indexes = [models.Index(fields=["role", "resolved_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
