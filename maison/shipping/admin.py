from django.contrib import admin

from .models import DeliveryMethod


@admin.register(DeliveryMethod)
class DeliveryMethodAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "price_minor",
        "currency",
        "free_above_threshold",
        "min_business_days",
        "max_business_days",
        "is_active",
    ]
