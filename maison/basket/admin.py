from django.contrib import admin

from .models import Basket, BasketLine


class BasketLineInline(admin.TabularInline):
    model = BasketLine
    extra = 0
    raw_id_fields = ["variant"]


@admin.register(Basket)
class BasketAdmin(admin.ModelAdmin):
    list_display = ["token", "created_at", "updated_at"]
    inlines = [BasketLineInline]
