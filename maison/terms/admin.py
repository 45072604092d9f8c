from django.contrib import admin
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from maison.backoffice.read_only import ReadOnlyAdmin

from .models import TermsVersion


@admin.register(TermsVersion)
class TermsVersionAdmin(ReadOnlyAdmin):
    """Staff read and produce a kept version; nobody edits or deletes one (ORD-4, ORD-11)."""

    list_display = ["version", "published_on", "sha256_fr"]
    fields = ["version", "published_on", "sha256_fr", "sha256_en", "french", "english"]
    readonly_fields = fields

    @admin.display(description=_("French text (prevails)"))
    def french(self, obj):
        return mark_safe(obj.text_fr)  # noqa: S308 -- our own template, at publishing

    @admin.display(description=_("English text"))
    def english(self, obj):
        return mark_safe(obj.text_en)  # noqa: S308 -- our own template, at publishing
