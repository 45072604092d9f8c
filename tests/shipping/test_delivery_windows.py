"""DEL-1, SITE-5: estimated windows count business days, not weekends, holidays or closures."""

from datetime import UTC, date, datetime
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from maison import clock
from maison.markets.models import Market
from maison.markets.money import Money
from maison.orders.models import Order
from maison.shipping.delivery import quote
from maison.shipping.models import PublicHoliday, StoreClosure
from maison.shipping.services import refresh_holidays
from tests import factories
from tests.storefront.helpers import add, checkout_to_review, place


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


def test_a_window_skips_a_store_closure(client, store):
    # proves: DEL-1, SITE-5
    StoreClosure.objects.create(starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 3))
    PublicHoliday.objects.create(country="FR", date=date(2026, 12, 25), name="Christmas")
    # Ordered Tuesday 22 December: Wednesday 23, then closed until Sunday 3 January;
    # the second business day is Monday 4 January, the fourth Wednesday 6.
    with clock.travel_to(datetime(2026, 12, 22, 10, 0, tzinfo=UTC)):
        add(client, factories.variant())
        checkout_to_review(client)
        page = client.get(reverse("storefront:checkout-review")).content.decode()
        place(client)
    assert "Estimated delivery between Jan. 4, 2027 and Jan. 6, 2027." in page
    order = Order.objects.get()
    assert (order.delivery_earliest, order.delivery_latest) == (date(2027, 1, 4), date(2027, 1, 6))


def open_markets(*countries):
    for country in countries:
        factories.delivery_methods(factories.market(country, vat="0.20"))


def holiday(country, day):
    row = PublicHoliday.objects.filter(country=country, date=day, is_working_day=False).first()
    return row.name if row else None


def test_the_holidays_package_fills_every_market_for_this_year_and_the_next_two(store):
    # proves: DEL-1
    open_markets("DE", "IT", "ES", "JP")
    with clock.travel_to(datetime(2026, 11, 28, 12, 0, tzinfo=UTC)):
        call_command("refresh_holidays", stdout=StringIO())
    # Dates written out by hand from each country's calendar, names in English.
    assert holiday("DE", date(2027, 3, 26)) == "Good Friday"
    assert holiday("DE", date(2027, 3, 29)) == "Easter Monday"
    assert holiday("DE", date(2027, 5, 6)) == "Ascension Day"
    assert holiday("IT", date(2027, 1, 6)) == "Epiphany"
    assert holiday("ES", date(2027, 1, 6)) == "Epiphany"
    assert holiday("JP", date(2027, 1, 11)) == "Coming of Age Day"
    assert holiday("FR", date(2028, 7, 14)) == "National Day"  # the shipping country, 2 years on
    assert holiday("DE", date(2027, 3, 25)) is None  # Maundy Thursday is not national in Germany
    assert not PublicHoliday.objects.filter(date__year=2029).exists()
    # Good Friday 2027 in Germany: ordered Wednesday 24 March, Thursday 25 counts,
    # Friday 26 and Monday 29 (Easter Monday) do not; 2 to 4 days: 30 March to 1 April.
    assert window(date(2027, 3, 24), "DE") == (date(2027, 3, 30), date(2027, 4, 1))


def test_staff_overrides_and_closures_survive_a_refresh(store):
    # proves: DEL-1, SITE-5
    with clock.travel_to(datetime(2026, 11, 28, 12, 0, tzinfo=UTC)):
        refresh_holidays()
        # Staff add a day the package lacks, and declare Ascension 2027 worked by the carriers.
        PublicHoliday.objects.create(country="FR", date=date(2027, 6, 21), name="Inventory day")
        PublicHoliday.objects.filter(country="FR", date=date(2027, 5, 6)).update(
            is_working_day=True
        )
        StoreClosure.objects.create(starts_on=date(2027, 8, 2), ends_on=date(2027, 8, 13))
        # A stale row the package no longer lists goes; nothing else moves.
        PublicHoliday.objects.create(
            country="FR", date=date(2027, 1, 2), name="Public holiday", source="package"
        )
        refresh_holidays()
    assert holiday("FR", date(2027, 6, 21)) == "Inventory day"
    assert PublicHoliday.objects.get(country="FR", date=date(2027, 5, 6)).is_working_day
    assert StoreClosure.objects.filter(starts_on=date(2027, 8, 2)).exists()
    assert holiday("FR", date(2027, 1, 2)) is None
    # Ordered Tuesday 4 May 2027: Wednesday 5, Thursday 6 (Ascension, worked), Friday 7.
    assert window(date(2027, 5, 4)) == (date(2027, 5, 6), date(2027, 5, 10))
    # Ordered Friday 18 June: Monday 21 is the staff's day off; 22, 23, 24, 25.
    assert window(date(2027, 6, 18)) == (date(2027, 6, 23), date(2027, 6, 25))


def test_an_order_to_italy_on_23_december_does_not_arrive_on_epiphany(client, store):
    # proves: DEL-1, SITE-5
    italy = factories.market("IT", vat="0.22")
    standard, _ = factories.delivery_methods(italy)
    standard.min_business_days, standard.max_business_days = 3, 6  # the demo's Italian standard
    standard.save()
    StoreClosure.objects.create(starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 3))
    shirt = factories.variant(price_minor=120_00)
    with clock.travel_to(datetime(2026, 12, 23, 10, 0, tzinfo=UTC)):
        refresh_holidays()
        client.post(reverse("storefront:country"), {"country": "IT"})
        add(client, shirt)
        checkout_to_review(client)
        page = client.get(reverse("storefront:checkout-review")).content.decode()
        place(client)
    # Ordered Wednesday 23 December; closed 24 December to 3 January.
    # Business days: Mon 4 (1), Tue 5 (2), Wed 6 is Epiphany in Italy, Thu 7 (3),
    # Fri 8 (4), Mon 11 (5), Tue 12 (6): 7 to 12 January, not 6 to 11.
    assert "Estimated delivery between Jan. 7, 2027 and Jan. 12, 2027." in page
    order = Order.objects.get()
    assert order.market_country == "IT"
    assert (order.delivery_earliest, order.delivery_latest) == (date(2027, 1, 7), date(2027, 1, 12))


def test_load_demo_fills_the_holidays(db, settings, tmp_path):
    # proves: DEL-1
    settings.VAR_DIR = tmp_path
    with clock.travel_to(datetime(2026, 11, 28, 12, 0, tzinfo=UTC)):
        call_command("load_demo", stdout=StringIO())
    assert holiday("US", date(2027, 11, 25)) == "Thanksgiving Day"
    assert holiday("GB", date(2027, 5, 31)) == "Spring Bank Holiday"
    assert holiday("CH", date(2027, 8, 1)) == "National Day"


def test_the_home_page_announces_a_closure_and_checkout_counts_it(client, store):
    # proves: SITE-5
    StoreClosure.objects.create(starts_on=date(2026, 12, 24), ends_on=date(2027, 1, 3))
    with clock.travel_to(datetime(2026, 12, 10, 12, 0, tzinfo=UTC)):
        page = client.get(reverse("storefront:home")).content.decode()
    assert "Our workshop is closed from Dec. 24, 2026 to Jan. 3, 2027" in page
    with clock.travel_to(datetime(2027, 2, 10, 12, 0, tzinfo=UTC)):
        assert (
            "Our workshop is closed" not in client.get(reverse("storefront:home")).content.decode()
        )
