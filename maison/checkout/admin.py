"""The payment attempts, for Finance and customer service to follow a buyer's payment.

Read only: an attempt is written by checkout and settled by the settle job
(PAY-5, PRD-1); staff look, they never edit nor delete one here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from maison.backoffice import shown
from maison.backoffice.read_only import ReadOnlyAdmin
from maison.markets.money import Money

from .models import PaymentAttempt


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnlyAdmin):
    list_display = ["state", "key", "amount", "order_number", "created", "pay_by"]
    list_filter = ["status"]
    search_fields = ["idempotency_key", "order__number"]
    list_select_related = ["order"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-id"]
    fields = ["state", "key", "amount", "order_number", "created", "pay_by", "settled", "why"]
    readonly_fields = fields

    @admin.display(description=_("state"), ordering="status")
    def state(self, attempt):
        return attempt.get_status_display()

    @admin.display(description=_("key"), ordering="idempotency_key")
    def key(self, attempt):
        return attempt.idempotency_key

    @admin.display(description=_("amount"), ordering="amount_minor")
    def amount(self, attempt):
        return shown.money(Money(attempt.amount_minor, attempt.currency))

    @admin.display(description=_("order"), ordering="order__number")
    def order_number(self, attempt):
        return attempt.order.number if attempt.order_id else "—"

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, attempt):
        return attempt.created_at

    @admin.display(description=_("deadline"), ordering="deadline")
    def pay_by(self, attempt):
        return attempt.deadline

    @admin.display(description=_("settled at"))
    def settled(self, attempt):
        return attempt.settled_at or "—"

    @admin.display(description=_("why it failed"))
    def why(self, attempt):
        codes = [code for code in (attempt.refusal_code, attempt.provider_code) if code]
        return " / ".join(codes) or "—"
