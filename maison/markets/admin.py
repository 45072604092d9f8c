from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_forms import MarketForm, PriceForm
from .models import DutyRate, Market, Price, PriceList, VatRate
from .money import Money


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    form = MarketForm
    list_display = [
        "country",
        "currency",
        "price_list",
        "price_mode",
        "threshold",
        "language",
        "is_default",
    ]
    list_filter = ["price_mode", "currency"]

    @admin.display(description=_("free delivery from"))
    def threshold(self, market):
        return Money(market.free_delivery_threshold_minor, market.currency).format()


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ["code", "currency", "includes_tax"]


@admin.register(Price)
class PriceAdmin(admin.ModelAdmin):
    """Prices typed in currency units (190.00 EUR, 26100 JPY), kept in minor units."""

    form = PriceForm
    list_display = ["product", "variant", "price_list", "price"]
    list_filter = ["price_list"]
    list_select_related = ["product", "variant", "price_list"]
    search_fields = ["product__name", "variant__sku"]
    raw_id_fields = ["product", "variant"]

    @admin.display(description=_("price"), ordering="amount_minor")
    def price(self, price):
        return Money(price.amount_minor, price.price_list.currency).format()


@admin.register(VatRate)
class VatRateAdmin(admin.ModelAdmin):
    list_display = ["country", "rate", "valid_from"]
    list_filter = ["country"]


@admin.register(DutyRate)
class DutyRateAdmin(admin.ModelAdmin):
    list_display = ["country", "customs_category", "rate"]
    list_filter = ["country"]
