"""Finance records a quarter's EUR rate for the currencies the markets sell in (OSS)."""

from decimal import Decimal

from django.urls import reverse

from maison import clock
from maison.invoicing.models import ExchangeRate
from tests import factories
from tests.backoffice.desk import FINANCE, staff
from tests.orders.helpers import paris


def errors(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(e) for field in form.errors.values() for e in field)


def test_the_currency_is_one_the_markets_sell_in_written_as_its_code(store):
    factories.market("CH", vat="0.081", currency="CHF", list_code="chf")
    finance = staff(FINANCE)
    url = reverse("admin:invoicing_exchangerate_add")
    form = {"year": "2026", "quarter": "4", "eur_per_unit": "1.05"}
    with clock.travel_to(paris(2026, 11, 2, 9)):
        for typed in ["chf", "USD", "EUR", "Swiss francs"]:
            response = finance.post(url, form | {"currency": typed})
            assert response.status_code == 200
            assert "Select a valid choice" in errors(response)
        assert not ExchangeRate.objects.exists()
        assert finance.post(url, form | {"currency": "CHF"}).status_code == 302
    assert ExchangeRate.objects.get().currency == "CHF"


def test_a_rate_of_a_quarter_that_has_ended_no_longer_changes(store):
    factories.market("CH", vat="0.081", currency="CHF", list_code="chf")
    rate = ExchangeRate.objects.create(
        year=2026, quarter=3, currency="CHF", eur_per_unit=Decimal("1.05")
    )
    finance = staff(FINANCE)
    change = reverse("admin:invoicing_exchangerate_change", args=[rate.pk])
    delete = reverse("admin:invoicing_exchangerate_delete", args=[rate.pk])
    form = {"year": "2026", "quarter": "3", "currency": "CHF", "eur_per_unit": "1.07"}
    # On 30 September the quarter runs: a wrong rate can still be corrected.
    with clock.travel_to(paris(2026, 9, 30, 23, 0)):
        assert finance.post(change, form).status_code == 302
    rate.refresh_from_db()
    assert rate.eur_per_unit == Decimal("1.07")
    # From 1 October the third quarter's VAT return is due: its rate stays as filed.
    with clock.travel_to(paris(2026, 10, 1, 0, 5)):
        response = finance.post(change, form | {"eur_per_unit": "1.10"})
        assert response.status_code == 200
        assert "Q3 2026 has ended" in " ".join(
            str(e) for e in response.context["adminform"].form.non_field_errors()
        )
        assert finance.post(delete, {"post": "yes"}).status_code == 403
        # A missing rate for an ended quarter may still be recorded, once.
        missing = {"year": "2026", "quarter": "2", "currency": "CHF", "eur_per_unit": "1.04"}
        add = reverse("admin:invoicing_exchangerate_add")
        assert finance.post(add, missing).status_code == 302
    rate.refresh_from_db()
    assert rate.eur_per_unit == Decimal("1.07")
    assert ExchangeRate.objects.filter(quarter=2).get().eur_per_unit == Decimal("1.04")
