from django.contrib import admin

from .models import DutyRate, Market, Price, PriceList, VatRate


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = [
        "country",
        "currency",
        "price_list",
        "price_mode",
        "free_delivery_threshold_minor",
        "language",
        "is_default",
    ]
    list_filter = ["price_mode", "currency"]


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ["code", "currency", "includes_tax"]


@admin.register(Price)
class PriceAdmin(admin.ModelAdmin):
    list_display = ["product", "variant", "price_list", "amount_minor"]
    list_filter = ["price_list"]
    list_select_related = ["product", "variant", "price_list"]
    search_fields = ["product__name", "variant__sku"]
    raw_id_fields = ["product", "variant"]


@admin.register(VatRate)
class VatRateAdmin(admin.ModelAdmin):
    list_display = ["country", "rate", "valid_from"]
    list_filter = ["country"]


@admin.register(DutyRate)
class DutyRateAdmin(admin.ModelAdmin):
    list_display = ["country", "customs_category", "rate"]
    list_filter = ["country"]
