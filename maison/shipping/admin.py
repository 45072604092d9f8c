from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from maison.backoffice import shown
from maison.markets.admin_forms import AmountsInUnitsForm, amount_field

from .models import DeliveryMethod, PublicHoliday, StoreClosure


class DeliveryMethodForm(AmountsInUnitsForm):
    """The price typed in the market's currency units; the currency is the market's."""

    price = amount_field(_("price"), _("In the market's currency: 6.90 EUR, 2500 JPY."))
    amounts = {"price": "price_minor"}

    class Meta:
        model = DeliveryMethod
        exclude = ["price_minor"]  # noqa: DJ006 (typed in units; translated names stay in)

    def instance_currency(self):
        return self.instance.market.currency if self.instance.market_id else None

    def chosen_currency(self, data):
        return data["market"].currency if data.get("market") else None


@admin.register(DeliveryMethod)
class DeliveryMethodAdmin(TranslationAdmin):
    form = DeliveryMethodForm
    list_filter = ["market"]
    list_select_related = ["market"]
    list_display = [
        "market",
        "name",
        "code",
        "price_display",
        "currency",
        "free_above_threshold",
        "min_business_days",
        "max_business_days",
        "is_active",
    ]

    @admin.display(description=_("price"), ordering="price_minor")
    def price_display(self, method):
        return shown.money(method.price)


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    """Holidays from the `holidays` package, overridable: tick "carriers work that day"."""

    list_display = ["date", "country", "name", "source", "is_working_day"]
    list_editable = ["is_working_day"]
    list_filter = ["country", "source", "is_working_day"]
    readonly_fields = ["source"]
    date_hierarchy = "date"


@admin.register(StoreClosure)
class StoreClosureAdmin(admin.ModelAdmin):
    list_display = ["starts_on", "ends_on"]
