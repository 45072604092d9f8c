from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from maison.backoffice import shown
from maison.markets.money import Money

from .models import Payment, PaymentTransaction

# Amounts are kept in minor units (12900); staff read them in the currency (129,00 €).
AMOUNTS = {
    "authorised_minor": "authorised_shown",
    "captured_minor": "captured_shown",
    "refunded_minor": "refunded_shown",
    "released_minor": "released_shown",
}


class PaymentTransactionInline(admin.TabularInline):
    model = PaymentTransaction
    extra = 0
    can_delete = False
    fields = ["kind", "amount_shown", "succeeded", "code", "idempotency_key", "at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row's amount reads its payment's currency: one query, not one per row.
        return super().get_queryset(request).select_related("payment")

    @admin.display(description=_("amount"))
    def amount_shown(self, transaction):
        return shown.money(Money(transaction.amount_minor, transaction.payment.currency))


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "provider",
        "state_shown",
        "authorised_shown",
        "captured_shown",
        "refunded_shown",
        "card_brand",
        "card_last4",
    ]
    # The card's token lets the store charge the card again (PAY-5): the code needs it, no
    # member of staff does, so no page shows it.
    readonly_fields = [
        AMOUNTS.get(f.name, f.name) for f in Payment._meta.fields if f.name != "card_token"
    ]
    fields = readonly_fields
    inlines = [PaymentTransactionInline]

    def _shown(self, payment, minor_field: str) -> str:
        return shown.money(Money(getattr(payment, minor_field), payment.currency))

    @admin.display(description=_("authorised"))
    def authorised_shown(self, payment):
        return self._shown(payment, "authorised_minor")

    @admin.display(description=_("captured"))
    def captured_shown(self, payment):
        return self._shown(payment, "captured_minor")

    @admin.display(description=_("refunded"))
    def refunded_shown(self, payment):
        return self._shown(payment, "refunded_minor")

    @admin.display(description=_("released"))
    def released_shown(self, payment):
        return self._shown(payment, "released_minor")

    @admin.display(description=_("state"))
    def state_shown(self, payment):
        return payment.get_state_display()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A payment and its transactions are proof of what was charged (ORD-11): kept.
        return False
