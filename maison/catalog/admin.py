from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from maison.inventory.models import Stock
from maison.markets.models import Price

from .models import Category, Product, Variant

# The product texts a French page shows; any of them empty falls back to English.
PRODUCT_TEXT = ["name", "description", "composition", "care"]


def french_missing(fields: list[str]) -> Q:
    """Rows where any of `fields` has no French text yet."""
    missing = Q()
    for field in fields:
        missing |= Q(**{f"{field}_fr__isnull": True}) | Q(**{f"{field}_fr": ""})
    return missing


def product_french_missing() -> Q:
    variants = Variant.objects.filter(french_missing(["colour"]), product=OuterRef("pk"))
    return french_missing(PRODUCT_TEXT) | Q(Exists(variants))


class FrenchMissingFilter(admin.SimpleListFilter):
    """Staff find what still shows in English on the French site."""

    title = _("French translation")
    parameter_name = "french"
    fields: list[str] = ["name"]

    def lookups(self, request, model_admin):
        return [("missing", _("French missing")), ("complete", _("French complete"))]

    def missing(self) -> Q:
        return french_missing(self.fields)

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(self.missing())
        if self.value() == "complete":
            return queryset.exclude(pk__in=queryset.filter(self.missing()).values("pk"))
        return queryset


class ProductFrenchMissingFilter(FrenchMissingFilter):
    def missing(self) -> Q:
        return product_french_missing()


def missing_french_fields(obj, fields: list[str]) -> list[str]:
    return [field for field in fields if not getattr(obj, f"{field}_fr", None)]


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position", "french"]
    list_filter = [FrenchMissingFilter]
    prepopulated_fields = {"slug": ["name_en"]}

    @admin.display(description=_("French"))
    def french(self, obj) -> str:
        return _("French missing") if missing_french_fields(obj, ["name"]) else "✓"


class VariantInline(TranslationTabularInline):
    model = Variant
    extra = 0
    fields = ["sku", "colour", "colour_hex", "size", "position"]


class PriceInline(admin.TabularInline):
    model = Price
    extra = 0
    fields = ["price_list", "variant", "amount_minor"]
    raw_id_fields = ["variant"]


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = ["name", "category", "customs_category", "is_active", "french"]
    list_filter = [ProductFrenchMissingFilter, "category", "is_active"]
    search_fields = ["name_en", "name_fr", "description_en", "description_fr"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [VariantInline, PriceInline]

    @admin.display(description=_("French"))
    def french(self, obj) -> str:
        """Which texts a French shopper still reads in English, or a tick."""
        missing = missing_french_fields(obj, PRODUCT_TEXT)
        if any(not variant.colour_fr for variant in obj.variants.all()):
            missing.append("colour")
        if not missing:
            return "✓"
        return _("French missing: %(fields)s") % {"fields": ", ".join(missing)}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("variants")


class StockInline(admin.StackedInline):
    model = Stock
    readonly_fields = ["allocated"]


@admin.register(Variant)
class VariantAdmin(TranslationAdmin):
    list_display = ["sku", "product", "colour", "size"]
    search_fields = ["sku", "product__name_en", "product__name_fr"]
    list_select_related = ["product"]
    inlines = [StockInline]
