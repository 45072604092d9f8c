from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import DeliveryMethod, PublicHoliday, StoreClosure


@admin.register(DeliveryMethod)
class DeliveryMethodAdmin(TranslationAdmin):
    list_filter = ["market"]
    list_display = [
        "market",
        "name",
        "code",
        "price_minor",
        "currency",
        "free_above_threshold",
        "min_business_days",
        "max_business_days",
        "is_active",
    ]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "country", "name"]
    list_filter = ["country"]


@admin.register(StoreClosure)
class StoreClosureAdmin(admin.ModelAdmin):
    list_display = ["starts_on", "ends_on"]
