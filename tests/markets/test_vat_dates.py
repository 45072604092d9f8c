"""PRC-2: a VAT rate change applies from midnight, Paris time, to orders placed from then on."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from maison import clock
from maison.checkout import services
from maison.markets.models import VatRate
from tests import factories


@pytest.fixture
def shop_in_germany(store):
    germany = factories.market("DE", vat="0.19")
    factories.delivery_methods(germany)
    return germany


def order_at(instant: datetime, country: str = "DE"):
    shirt = factories.variant(price_minor=119_00, stock=5)
    with clock.travel_to(instant):
        checkout = factories.ready_checkout([(shirt, 1)], country=country)
        return services.place_order(checkout, accepted_terms=True)


@pytest.mark.parametrize(
    ("change_on", "before", "after"),
    [
        # Winter, Paris is UTC+1: midnight in Paris is 23:00 UTC the day before.
        (
            date(2027, 1, 1),
            datetime(2026, 12, 31, 22, 59, tzinfo=UTC),
            datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
        ),
        # The night clocks go forward (29 March 2026): still UTC+1 at midnight.
        (
            date(2026, 3, 29),
            datetime(2026, 3, 28, 22, 59, tzinfo=UTC),
            datetime(2026, 3, 28, 23, 0, tzinfo=UTC),
        ),
        # Summer, Paris is UTC+2: midnight in Paris is 22:00 UTC the day before.
        (
            date(2026, 7, 1),
            datetime(2026, 6, 30, 21, 59, tzinfo=UTC),
            datetime(2026, 6, 30, 22, 0, tzinfo=UTC),
        ),
        # The day after clocks go back (25 October 2026): UTC+1 again.
        (
            date(2026, 10, 26),
            datetime(2026, 10, 25, 22, 59, tzinfo=UTC),
            datetime(2026, 10, 25, 23, 0, tzinfo=UTC),
        ),
    ],
)
def test_a_rate_change_at_midnight_paris_applies_from_that_minute(
    shop_in_germany, change_on, before, after
):
    # proves: PRC-2
    VatRate.objects.create(country="DE", rate=Decimal("0.21"), valid_from=change_on)
    old = order_at(before)
    new = order_at(after)
    assert old.lines.get().tax_rate == Decimal("0.19")
    assert new.lines.get().tax_rate == Decimal("0.21")
    # 119.00 with 19 % inside is 19.00 of VAT; with 21 %, 20.65.
    assert old.lines.get().tax_minor == 19_00
    assert new.lines.get().tax_minor == 20_65
    # The same price is charged: VAT is inside it.
    assert old.total_minor == new.total_minor


def test_a_scheduled_change_never_touches_orders_already_placed(shop_in_germany):
    # proves: PRC-2, PRD-5
    placed = order_at(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    VatRate.objects.create(country="DE", rate=Decimal("0.25"), valid_from=date(2026, 11, 27))
    placed.refresh_from_db()
    assert placed.lines.get().tax_rate == Decimal("0.19")
    assert placed.lines.get().tax_minor == 19_00


def test_a_rate_in_force_stays_as_it_was_a_rate_ahead_can_still_be_corrected(shop_in_germany):
    # proves: PRC-2
    owner = get_user_model().objects.create_superuser("owner@orvane.example", "x-Strong-pass-1")
    desk = Client()
    desk.force_login(owner)
    in_force = VatRate.objects.get(country="DE")
    ahead = VatRate.objects.create(country="DE", rate=Decimal("0.21"), valid_from=date(2027, 1, 1))
    with clock.travel_to(datetime(2026, 12, 7, 10, 0, tzinfo=UTC)):
        change = reverse("admin:markets_vatrate_change", args=[in_force.pk])
        edited = {"country": "DE", "rate": "0.07", "valid_from": "2000-01-01"}
        assert desk.post(change, edited).status_code == 403
        delete = reverse("admin:markets_vatrate_delete", args=[in_force.pk])
        assert desk.post(delete, {"post": "yes"}).status_code == 403
        both = {"action": "delete_selected", "_selected_action": [in_force.pk, ahead.pk]}
        desk.post(reverse("admin:markets_vatrate_changelist"), {**both, "post": "yes"})
        assert VatRate.objects.filter(country="DE").count() == 2
        # The change to come is still a typing error away from being put right.
        corrected = {"country": "DE", "rate": "0.20", "valid_from": "2027-01-01"}
        ahead_page = reverse("admin:markets_vatrate_change", args=[ahead.pk])
        assert desk.post(ahead_page, corrected).status_code == 302
    in_force.refresh_from_db()
    ahead.refresh_from_db()
    assert (in_force.rate, ahead.rate) == (Decimal("0.19"), Decimal("0.20"))
