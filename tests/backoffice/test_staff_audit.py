"""The back office as a mistaken or malicious member of staff uses it: refused, never a 500."""

import threading
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from maison.checkout import services as checkout
from maison.inventory.admin import StockForm
from maison.inventory.models import Stock
from maison.markets.models import Price
from maison.notifications.models import OutboxEmail
from maison.orders.models import PurchaseLimit
from maison.payments.models import Payment
from tests import factories
from tests.backoffice.desk import FINANCE, SERVICE, WAREHOUSE, staff
from tests.orders.helpers import paris, place


def boss(client):
    client.force_login(
        get_user_model().objects.create_superuser("boss@orvane.example", "x-Strong-pass-1")
    )
    return client


def errors(response) -> str:
    return " ".join(
        str(error)
        for form in [response.context["adminform"].form]
        for error in form.errors.values()
    )


def test_only_finance_opens_the_vat_return(store):
    # The warehouse and customer service read invoices, not the quarter's VAT per country.
    url = reverse("admin:invoicing_vat_return")
    quarter = {"year": 2026, "quarter": 1}
    assert staff(WAREHOUSE).get(url, quarter).status_code == 403
    assert staff(SERVICE).get(url, quarter).status_code == 403
    assert staff(SERVICE).get(url, quarter | {"format": "csv"}).status_code == 403
    assert staff(FINANCE).get(url, quarter).status_code == 200


def test_no_one_deletes_the_record_of_emails_sent_or_of_a_payment(client, store):
    # proves: ORD-11
    shirt = factories.variant(price_minor=120_00)
    order = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0))
    email = OutboxEmail.objects.filter(reference=order.number).first()
    boss(client)
    records = [("notifications_outboxemail", email), ("payments_payment", order.payment)]
    for model, record in records:
        page = client.get(reverse(f"admin:{model}_delete", args=[record.pk]))
        assert page.status_code == 403
        listing = client.get(reverse(f"admin:{model}_changelist")).content.decode()
        assert 'value="delete_selected"' not in listing
        client.post(
            reverse(f"admin:{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
        )
    assert OutboxEmail.objects.filter(pk=email.pk).exists()
    assert Payment.objects.filter(pk=order.payment.pk).exists()


def test_a_stock_count_below_what_orders_hold_is_refused_with_the_reason(store):
    # proves: PRD-1
    shirt = factories.variant(price_minor=120_00, stock=5)
    place([(shirt, 3)], at=paris(2026, 3, 2, 10, 0))
    url = reverse("admin:inventory_stock_change", args=[shirt.pk])
    response = staff(WAREHOUSE).post(url, {"variant": shirt.pk, "on_hand": "2"})
    assert response.status_code == 200
    assert "Orders hold 3 of these units: on hand cannot be fewer." in errors(response)
    assert Stock.objects.get(pk=shirt.pk).on_hand == 5
    done = staff(WAREHOUSE).post(url, {"variant": shirt.pk, "on_hand": "3"})
    assert done.status_code == 302 and Stock.objects.get(pk=shirt.pk).on_hand == 3


def test_a_variant_typed_as_text_in_an_autocomplete_box_is_a_form_error(client, store):
    shirt = factories.variant()
    boss(client)
    for url, form in [
        (reverse("admin:inventory_stock_change", args=[shirt.pk]), {"on_hand": "4"}),
        (reverse("admin:orders_purchaselimit_add"), {"max_quantity": "1"}),
    ]:
        response = client.post(url, form | {"variant": "<script>abc</script>"})
        assert response.status_code == 200
        assert "Select a valid choice" in errors(response)
        assert "<script>abc" not in response.content.decode()
    assert not PurchaseLimit.objects.exists()


def test_a_price_too_large_for_the_store_is_refused_not_a_500(client, store):
    # proves: PRC-7
    shirt = factories.variant(price_minor=120_00)
    price = Price.objects.get(variant__isnull=True, product=shirt.product)
    boss(client)
    url = reverse("admin:markets_price_change", args=[price.pk])
    form = {"price_list": price.price_list_id, "product": shirt.product_id, "variant": ""}
    for typed in ["1e30", "21474836.48"]:
        response = client.post(url, form | {"amount": typed})
        assert response.status_code == 200
        assert "EUR amounts are at most 21,474,836.47." in errors(response)
    assert Price.objects.get(pk=price.pk).amount_minor == 120_00
    done = client.post(url, form | {"amount": "21474836.47"})
    assert done.status_code == 302
    assert Price.objects.get(pk=price.pk).amount_minor == 2_147_483_647


def test_no_back_office_page_shows_the_token_that_charges_the_card(store):
    # proves: DATA-4
    shirt = factories.variant(price_minor=120_00)
    order = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0))
    token = order.payment.card_token
    assert token
    for role in (SERVICE, FINANCE):
        page = staff(role).get(reverse("admin:payments_payment_change", args=[order.payment.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert "4242" in text and token not in text
    desk = staff(SERVICE).get(reverse("admin:orders_order_change", args=[order.pk]))
    assert token not in desk.content.decode()


def test_an_address_under_the_queues_dashboard_is_not_found_not_a_500(client, store):
    boss(client)
    assert client.get("/admin/django_rq/dashboard/").status_code == 200
    for step in ["change", "delete", "history"]:
        response = client.get(f"/admin/django_rq/dashboard/999999/{step}/")
        assert response.status_code == 302 and response.url == reverse("admin:index")


def test_finance_cannot_record_an_exchange_rate_of_zero_or_below(store):
    from maison.invoicing.models import ExchangeRate

    factories.market("CH", vat="0.081", currency="CHF", list_code="chf")
    finance = staff(FINANCE)
    url = reverse("admin:invoicing_exchangerate_add")
    form = {"year": "2026", "quarter": "1", "currency": "CHF"}
    for typed in ["0", "-1.05"]:
        response = finance.post(url, form | {"eur_per_unit": typed})
        assert response.status_code == 200
        assert "greater than or equal to 0.000001" in errors(response)
    assert not ExchangeRate.objects.exists()
    assert finance.post(url, form | {"eur_per_unit": "1.05"}).status_code == 302
    assert ExchangeRate.objects.get().eur_per_unit == Decimal("1.05")


@pytest.mark.postgres
def test_a_stock_count_and_a_sale_at_the_same_moment_never_end_in_a_500(
    postgresql_only, monkeypatch
):
    # proves: PRD-1
    # The warehouse counts 2 units while a buyer takes 3 of the 5: whichever comes
    # second is refused with its reason; the count is never a database error.
    factories.market()
    factories.delivery_methods()
    shirt = factories.variant(price_minor=120_00, stock=5)
    ready = factories.ready_checkout([(shirt, 3)])
    checked, go = threading.Event(), threading.Event()
    real_clean = StockForm.clean_on_hand

    def clean_then_wait(form):
        counted = real_clean(form)
        checked.set()
        go.wait(10)
        return counted

    monkeypatch.setattr(StockForm, "clean_on_hand", clean_then_wait)
    outcome = {}

    def count():
        try:
            url = reverse("admin:inventory_stock_change", args=[shirt.pk])
            outcome["count"] = boss(Client()).post(url, {"variant": shirt.pk, "on_hand": "2"})
        except Exception as error:  # noqa: BLE001 -- the test asserts on it
            outcome["count"] = error
        finally:
            connections.close_all()

    def sell():
        try:
            checkout.place_order(ready, accepted_terms=True)
            outcome["sale"] = "order"
        except checkout.CheckoutRefused as refusal:
            outcome["sale"] = refusal.code
        finally:
            connections.close_all()

    counting = threading.Thread(target=count)
    counting.start()
    assert checked.wait(10)
    selling = threading.Thread(target=sell)
    selling.start()
    selling.join(1)  # the sale waits for the count, which holds the stock's row
    go.set()
    counting.join(10)
    selling.join(10)

    response = outcome["count"]
    assert not isinstance(response, Exception), response
    assert response.status_code == 302
    assert outcome["sale"] == "out_of_stock"
    stock = Stock.objects.get(pk=shirt.pk)
    assert (stock.on_hand, stock.allocated) == (2, 0)
