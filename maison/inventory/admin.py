from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from maison.backoffice.autocomplete import ReadableAutocomplete

from .models import Stock


class StockForm(forms.ModelForm):
    """A stock count as the warehouse corrects it: never below the units orders hold (PRD-1).

    `allocated` is read only here, so the database's check would have been the
    first to say no, with a 500; the form says why instead. A sale at the same
    moment waits for the count, and the count keeps the units the sale holds.
    """

    class Meta:
        model = Stock
        fields = ["variant", "on_hand"]

    def clean_on_hand(self):
        on_hand = self.cleaned_data["on_hand"]
        held = 0
        if self.instance.pk is not None:
            # The row stays locked until the admin's transaction saves the count (no network
            # call meanwhile): a sale waits, then sees the new count. The page's copy of
            # `allocated` was read before; saved as it was, it would wipe out units a sale
            # took in between.
            held = (
                Stock.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("allocated", flat=True)
                .first()
            ) or 0
            self.instance.allocated = held
        if on_hand is not None and on_hand < held:
            raise forms.ValidationError(
                _(
                    "Orders hold %(held)s of these units: on hand cannot be fewer. "
                    "Mark the missing units unavailable on their orders first."
                )
                % {"held": held}
            )
        return on_hand


@admin.register(Stock)
class StockAdmin(ReadableAutocomplete):
    form = StockForm
    list_display = ["variant", "on_hand", "allocated", "available"]
    list_select_related = ["variant__product"]
    search_fields = ["variant__sku", "variant__product__name"]
    readonly_fields = ["allocated"]
    autocomplete_fields = ["variant"]

    @admin.display(description=_("available"))
    def available(self, stock):
        return stock.available
