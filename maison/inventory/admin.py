from django.contrib import admin

from .models import Stock


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = ["variant", "on_hand", "allocated", "available"]
    list_select_related = ["variant__product"]
    search_fields = ["variant__sku", "variant__product__name"]
    readonly_fields = ["allocated"]
    autocomplete_fields = ["variant"]
