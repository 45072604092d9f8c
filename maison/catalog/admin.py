from django.contrib import admin

from maison.inventory.models import Stock
from maison.markets.models import Price

from .models import Category, Product, Variant


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


class VariantInline(admin.TabularInline):
    model = Variant
    extra = 0
    fields = ["sku", "colour", "colour_hex", "size", "position"]


class PriceInline(admin.TabularInline):
    model = Price
    extra = 0
    fields = ["price_list", "variant", "amount_minor"]
    raw_id_fields = ["variant"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "customs_category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VariantInline, PriceInline]


class StockInline(admin.StackedInline):
    model = Stock
    readonly_fields = ["allocated"]


@admin.register(Variant)
class VariantAdmin(admin.ModelAdmin):
    list_display = ["sku", "product", "colour", "size"]
    search_fields = ["sku", "product__name"]
    list_select_related = ["product"]
    inlines = [StockInline]
