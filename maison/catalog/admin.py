from django import forms
from django.contrib import admin
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from maison.inventory.admin import StockForm
from maison.inventory.models import Stock
from maison.markets.models import Price

from . import services, uploads
from .models import Category, Product, ProductImage, Variant

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


class ProductImageForm(forms.ModelForm):
    """A photograph as staff upload it: checked by uploads.check before it is kept."""

    class Meta:
        model = ProductImage
        fields = ["original", "colour", "alt", "position"]

    def clean_original(self):
        upload = self.cleaned_data["original"]
        if not isinstance(upload, UploadedFile):
            return upload  # the picture already kept
        checked = uploads.check(upload)
        self.instance.width, self.instance.height = checked.width, checked.height
        self.instance.renditions = []
        return checked.to_keep()


class ProductImageInline(TranslationTabularInline):
    """Photographs, in the order of their positions; alt text in both languages is required."""

    model = ProductImage
    form = ProductImageForm
    extra = 1
    fields = ["preview", "original", "colour", "alt", "position"]
    readonly_fields = ["preview"]
    ordering = ["position", "id"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        colours = [] if obj is None else obj.variants.values_list("colour_en", flat=True)
        formset.form.base_fields["colour"] = forms.ChoiceField(
            label=_("colour"),
            choices=[("", _("Every colour"))] + [(c, c) for c in dict.fromkeys(colours)],
            required=False,
        )
        return formset

    @admin.display(description=_("preview"))
    def preview(self, obj) -> str:
        smallest = obj.made("webp")[:1] if obj.pk else []
        if not smallest:
            return _("renditions on their way") if obj.pk else ""
        return format_html(
            '<img src="{}" alt="" width="80">', default_storage.url(smallest[0]["name"])
        )


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = ["name", "category", "customs_category", "is_active", "french"]
    list_filter = [ProductFrenchMissingFilter, "category", "is_active"]
    search_fields = ["name_en", "name_fr", "description_en", "description_fr"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ProductImageInline, VariantInline, PriceInline]

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

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ProductImage:
            changed = [image for image, fields in formset.changed_objects if "original" in fields]
            for image in [*formset.new_objects, *changed]:
                services.picture_changed(image)


class StockInline(admin.StackedInline):
    model = Stock
    form = StockForm
    readonly_fields = ["allocated"]


@admin.register(Variant)
class VariantAdmin(TranslationAdmin):
    list_display = ["sku", "product", "colour", "size"]
    search_fields = ["sku", "product__name_en", "product__name_fr"]
    list_select_related = ["product"]
    inlines = [StockInline]
