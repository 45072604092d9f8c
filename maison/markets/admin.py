from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from maison import clock
from maison.backoffice import shown

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
        return shown.money(Money(market.free_delivery_threshold_minor, market.currency))


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
        return shown.money(Money(price.amount_minor, price.price_list.currency))


@admin.register(VatRate)
class VatRateAdmin(admin.ModelAdmin):
    """A change of rate is recorded ahead, as a new row (PRC-2).

    A rate that has come into force is history: the review pages and orders of
    its days were priced with it, and the VAT return reads it. It stays as it is.
    """

    list_display = ["country", "rate", "valid_from"]
    list_filter = ["country"]

    def _in_force_already(self, rate) -> bool:
        return rate is not None and rate.valid_from <= clock.today()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._in_force_already(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._in_force_already(obj)

    def delete_queryset(self, request, queryset):
        # "Delete selected" asks per list, not per row: keep the rows already in force.
        queryset.filter(valid_from__gt=clock.today()).delete()


@admin.register(DutyRate)
class DutyRateAdmin(admin.ModelAdmin):
    list_display = ["country", "customs_category", "rate"]
    list_filter = ["country"]
