from django.contrib import admin

from .models import Market


@admin.register(Market)
class MarketAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "currency", "vat_rate", "is_default"]
