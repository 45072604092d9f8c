"""Delivery method names and descriptions in every language (SITE-6)."""

from modeltranslation.translator import TranslationOptions, register

from .models import DeliveryMethod


@register(DeliveryMethod)
class DeliveryMethodTranslation(TranslationOptions):
    fields = ("name", "description")
