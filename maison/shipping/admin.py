from django.contrib import admin

from .models import DeliveryMethod, PublicHoliday, StoreClosure


@admin.register(DeliveryMethod)
class DeliveryMethodAdmin(admin.ModelAdmin):
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
    """Holidays from the `holidays` package, overridable: tick "carriers work that day"."""

    list_display = ["date", "country", "name", "source", "is_working_day"]
    list_editable = ["is_working_day"]
    list_filter = ["country", "source", "is_working_day"]
    readonly_fields = ["source"]
    date_hierarchy = "date"


@admin.register(StoreClosure)
class StoreClosureAdmin(admin.ModelAdmin):
    list_display = ["starts_on", "ends_on"]
