"""Catalogue text in every language (SITE-6, ORD-1), by django-modeltranslation.

One row per product with `name_en` and `name_fr` columns: the listing reads them
without a join. A French value left empty falls back to the English one.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, Product, ProductImage, Variant


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "description", "composition", "care")


@register(Variant)
class VariantTranslation(TranslationOptions):
    fields = ("colour", "size")


@register(ProductImage)
class ProductImageTranslation(TranslationOptions):
    fields = ("alt",)
    required_languages = ("en", "fr")
