from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Stock


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = ["variant", "on_hand", "allocated", "available"]
    list_select_related = ["variant__product"]
    search_fields = ["variant__sku", "variant__product__name"]
    readonly_fields = ["allocated"]
    autocomplete_fields = ["variant"]

    @admin.display(description=_("available"))
    def available(self, stock):
        return stock.available
