from django.contrib import admin
from django.utils.html import format_html_join

from maison.markets.money import Money

from .models import Order, OrderEvent, OrderLine


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = [
        "product_name",
        "sku",
        "colour",
        "size",
        "quantity",
        "unit_price_minor",
        "tax_rate",
        "tax_minor",
        "total_minor",
    ]


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["at", "actor", "kind", "message"]
    verbose_name_plural = "event log"


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "placed_at", "email", "status", "total_display", "payment_state"]
    list_filter = ["status", "delivery_method_code"]
    search_fields = ["number", "email"]
    date_hierarchy = "placed_at"
    list_select_related = ["payment"]
    inlines = [OrderLineInline, OrderEventInline]
    readonly_fields = [
        "number",
        "placed_at",
        "status",
        "email",
        "addresses",
        "amounts",
        "payment_summary",
        "delivery_method_name",
        "delivery_earliest",
        "delivery_latest",
        "terms_version",
        "language",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="total")
    def total_display(self, order):
        return order.total.format()

    @admin.display(description="payment")
    def payment_state(self, order):
        return order.payment.state if order.payment else "—"

    @admin.display(description="addresses")
    def addresses(self, order):
        rows = [("Delivery", order.shipping_address), ("Billing", order.billing_address)]
        return format_html_join(
            "",
            "<p><strong>{}</strong>: {} {}, {}, {} {} {}, {}</p>",
            (
                (
                    label,
                    a.get("first_name"),
                    a.get("last_name"),
                    a.get("line1"),
                    a.get("postal_code"),
                    a.get("city"),
                    a.get("country"),
                    a.get("phone"),
                )
                for label, a in rows
            ),
        )

    @admin.display(description="amounts")
    def amounts(self, order):
        rows = [
            ("Products", order.subtotal),
            ("Delivery", order.delivery),
            ("Total", order.total),
            ("of which VAT", order.tax),
        ]
        return format_html_join("", "<p>{}: {}</p>", ((k, v.format()) for k, v in rows))

    @admin.display(description="payment")
    def payment_summary(self, order):
        p = order.payment
        if p is None:
            return "—"
        rows = [
            ("State", p.state),
            ("Card", f"{p.card_brand} •••• {p.card_last4}"),
            ("Authorised", Money(p.authorised_minor, p.currency).format()),
            ("Captured", Money(p.captured_minor, p.currency).format()),
            ("Refunded", Money(p.refunded_minor, p.currency).format()),
            ("Provider reference", p.reference),
        ]
        return format_html_join("", "<p>{}: {}</p>", rows)
