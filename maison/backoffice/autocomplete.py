"""Autocomplete boxes that show a typed-in wrong value as an error, never a 500.

Django's autocomplete widget looks up the chosen value to draw the page again;
a value that is not a number (`variant=abc`, posted by hand or by a stale
form) made that lookup raise, and the admin answered 500. Values the related
field cannot read are left out: the form says "Select a valid choice".
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class ReadableAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        readable = []
        for each in value:
            try:
                target.to_python(each)
            except ValidationError:
                continue
            readable.append(each)
        return super().optgroups(name, readable, attr)


class ReadableAutocomplete(admin.ModelAdmin):
    """A ModelAdmin whose `autocomplete_fields` use `ReadableAutocompleteSelect`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ReadableAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
