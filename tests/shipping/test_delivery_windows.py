"""DEL-1, SITE-5: estimated windows count business days, not weekends, holidays or closures."""

from datetime import date

from django.urls import reverse

from maison.markets.models import Market
from maison.markets.money import Money
from maison.shipping.delivery import quote
from maison.shipping.models import PublicHoliday, StoreClosure
from tests import factories


def window(ordered_on: date, country="FR"):
    market = Market.objects.get(country=country)
    standard = market.delivery_methods.get(code="standard")  # 2 to 4 business days
    estimate = quote(standard, Money(100_00, market.currency), ordered_on, market)
    return estimate.earliest, estimate.latest


def test_a_window_skips_the_weekend(store):
    # proves: DEL-1
    # Ordered Thursday 3 December 2026: Friday, then Monday and Tuesday.
    assert window(date(2026, 12, 3)) == (date(2026, 12, 7), date(2026, 12, 9))


def test_a_window_skips_a_public_holiday(store):
    # proves: DEL-1
    PublicHoliday.objects.create(country="FR", date=date(2026, 11, 11), name="Armistice")
    # Ordered Monday 9 November: Tuesday, (Wednesday 11 off), Thursday, Friday.
    assert window(date(2026, 11, 9)) == (date(2026, 11, 12), date(2026, 11, 16))


def test_a_holiday_of_the_destination_counts_too(store):
    # proves: DEL-1
    germany = factories.market("DE", vat="0.19")
    factories.delivery_methods(germany)
    PublicHoliday.objects.create(country="DE", date=date(2026, 10, 5), name="Demo holiday")
    assert window(date(2026, 10, 2), "DE") == (date(2026, 10, 7), date(2026, 10, 9))
    assert window(date(2026, 10, 2), "FR") == (date(2026, 10, 6), date(2026, 10, 8))


def test_a_window_skips_a_store_closure(store):
    # proves: DEL-1, SITE-5
    StoreClosure.objects.create(starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 3))
    PublicHoliday.objects.create(country="FR", date=date(2026, 12, 25), name="Christmas")
    # Ordered Tuesday 22 December: Wednesday 23, then closed until Sunday 3 January;
    # the second business day is Monday 4 January, the fourth Wednesday 6.
    assert window(date(2026, 12, 22)) == (date(2027, 1, 4), date(2027, 1, 6))


def test_the_home_page_announces_a_closure_and_checkout_counts_it(client, store):
    # proves: SITE-5
    StoreClosure.objects.create(starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 3))
    from datetime import UTC, datetime

    from maison import clock

    with clock.travel_to(datetime(2026, 12, 10, 12, 0, tzinfo=UTC)):
        page = client.get(reverse("storefront:home")).content.decode()
    assert "Our workshop is closed from Dec. 24, 2026 to Jan. 3, 2027" in page
    with clock.travel_to(datetime(2027, 2, 10, 12, 0, tzinfo=UTC)):
        assert (
            "Our workshop is closed" not in client.get(reverse("storefront:home")).content.decode()
        )
