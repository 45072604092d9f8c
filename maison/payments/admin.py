from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Payment, PaymentTransaction


class PaymentTransactionInline(admin.TabularInline):
    model = PaymentTransaction
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "amount_minor", "succeeded", "code", "idempotency_key", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "provider",
        "state_shown",
        "authorised_minor",
        "captured_minor",
        "refunded_minor",
        "currency",
        "card_brand",
        "card_last4",
    ]
    # The card's token lets the store charge the card again (PAY-5): the code needs it, no
    # member of staff does, so no page shows it.
    readonly_fields = [f.name for f in Payment._meta.fields if f.name != "card_token"]
    fields = readonly_fields
    inlines = [PaymentTransactionInline]

    @admin.display(description=_("state"))
    def state_shown(self, payment):
        return payment.get_state_display()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A payment and its transactions are proof of what was charged (ORD-11): kept.
        return False
