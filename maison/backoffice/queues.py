"""The back office's queues, as list filters: orders waiting for staff, refunds coming due.

One refund-due filter serves the refunds list and the returns list: both ask
`maison.orders.queues` which rows are due soon or overdue, by the same rule.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.orders import queues


class OrderQueueFilter(admin.SimpleListFilter):
    """Orders staff must act on: to process, blocked, authorisation expiring, refund due."""

    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("to_process", _("to process")),
            ("blocked", _("blocked")),
            ("authorisation_expiring", _("authorisation expiring")),
            ("refund_due_soon", _("refund due soon")),
            ("refund_overdue", _("refund overdue")),
        ]

    def queryset(self, request, queryset):
        queue = queues.QUEUES.get(self.value() or "")
        if queue is None:
            return queryset
        return queryset.filter(pk__in=queue().values("pk"))


class RefundDueFilter(admin.SimpleListFilter):
    """Rows whose refund is due soon or overdue; `due(which, today)` says which rows."""

    title = _("refund")
    parameter_name = "refund"

    def due(self, which: str, today):
        return queues.refunds_due(which, today)

    def lookups(self, request, model_admin):
        return [(queues.DUE_SOON, _("due soon")), (queues.OVERDUE, _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() not in (queues.DUE_SOON, queues.OVERDUE):
            return queryset
        return queryset.filter(pk__in=self.due(self.value(), clock.today()).values("pk"))
