"""The back office read in French: amounts, numbers, colons and labels as French writes them."""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from maison.inventory.models import Stock
from maison.markets.models import Price
from tests import factories
from tests.backoffice.desk import SERVICE, page_of, staff, text
from tests.orders.helpers import paris, place


def french_boss() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(
        get_user_model().objects.create_superuser("boss@orvane.example", "x-Strong-pass-1")
    )
    return client


def read(response) -> str:
    # Only ASCII white space collapses: the no-break spaces of French numbers are kept.
    page = re.sub(r"[ \t\r\n]+", " ", text(response.content.decode()))
    return page.replace("\u202f", "\u00a0")


def test_prices_and_thresholds_are_written_the_french_way(store):
    # proves: SITE-6
    factories.market("CH", vat="0.081", currency="CHF", list_code="chf")
    shirt = factories.variant(price_minor=120_00)
    Price.objects.create(
        price_list=factories.price_list("chf", "CHF"), product=shirt.product, amount_minor=110_00
    )
    client = french_boss()
    prices = read(client.get(reverse("admin:markets_price_changelist")))
    assert "110,00\u00a0CHF" in prices and "120,00\u00a0€" in prices
    assert "CHF\u00a0110.00" not in prices
    markets = read(client.get(reverse("admin:markets_market_changelist")))
    assert "250,00\u00a0CHF" in markets and "250,00\u00a0€" in markets


def test_a_price_too_large_is_refused_with_the_largest_written_the_french_way(store):
    shirt = factories.variant(price_minor=120_00)
    price = Price.objects.get(variant__isnull=True, product=shirt.product)
    url = reverse("admin:markets_price_change", args=[price.pk])
    form = {"price_list": price.price_list_id, "product": shirt.product_id, "variant": ""}
    response = french_boss().post(url, form | {"amount": "21474836.48"})
    assert response.status_code == 200
    said = " ".join(str(e) for e in response.context["adminform"].form.errors["amount"])
    assert (
        said.replace("\u202f", "\u00a0")
        == "Les montants en EUR ne dépassent pas 21\u00a0474\u00a0836,47."
    )


def test_a_stock_record_names_its_variant_and_the_list_counts_stocks(store):
    shirt = factories.variant(price_minor=120_00, stock=3)
    stock = Stock.objects.get(variant=shirt)
    client = french_boss()
    page = read(client.get(reverse("admin:inventory_stock_delete", args=[stock.pk])))
    assert f"{shirt} : 3 à vendre" in page
    assert f"{shirt.pk}: " not in page
    factories.variant(price_minor=90_00, stock=1)
    listing = read(client.get(reverse("admin:inventory_stock_changelist")))
    assert "2 stocks" in listing
    assert "les stock " not in listing


def test_the_order_page_in_french_spaces_its_colons_and_shows_the_state_in_french(store):
    # proves: SITE-6
    order = place([(factories.variant(price_minor=120_00, stock=2), 1)], at=paris(2026, 3, 2, 10))
    page = re.sub(r"\s+", " ", text(page_of(staff(SERVICE, language="fr"), order)))
    assert "État : autorisé" in page
    assert "Carte : Visa" in page
    payment = page[page.index("Paiement :") : page.index("Mode de livraison")]
    assert "Carte: " not in payment and "authorised" not in payment
    # The documents' field is markup, never its escaped text.
    assert "&lt;p&gt;" not in page_of(staff(SERVICE, language="fr"), order)


def test_payment_attempts_are_filtered_by_their_state_in_french(store):
    client = french_boss()
    listing = read(client.get(reverse("admin:checkout_paymentattempt_changelist")))
    assert "Par état" in listing


def test_a_refund_is_named_with_its_amount_in_the_readers_language(store):
    # Its name heads its pages and the back office's recent actions.
    from django.utils import translation

    from maison.orders.models import Refund

    order = place([(factories.variant(price_minor=120_00, stock=2), 1)], at=paris(2026, 3, 2, 10))
    refund = Refund(order=order, reason=Refund.Reason.OTHER, goods_minor=1_250_00)
    with translation.override("fr"):
        assert str(refund) == f"{order} Autre 1\u202f250,00\u00a0€"
    with translation.override("en"):
        assert str(refund) == f"{order} Other €1,250.00"


def test_a_payment_shows_its_amounts_in_its_currency_not_in_minor_units(store):
    order = place([(factories.variant(price_minor=120_00, stock=2), 1)], at=paris(2026, 3, 2, 10))
    client = french_boss()
    url = reverse("admin:payments_payment_change", args=[order.payment.pk])
    page = read(client.get(url))
    # 120.00 of goods and 19.00 of express delivery authorised: 139,00 €, never "13900".
    assert re.search("Autorisé\u00a0?: 139,00\u00a0€", page)
    assert re.search("Débité\u00a0?: 0,00\u00a0€", page)
    assert "13900" not in page
    listing = read(client.get(reverse("admin:payments_payment_changelist")))
    assert "139,00\u00a0€" in listing and "13900" not in listing


def test_an_amount_typed_in_the_back_office_is_labelled_with_a_capital(store):
    from maison.shipping.models import DeliveryMethod

    method = DeliveryMethod.objects.first()
    page = french_boss().get(reverse("admin:shipping_deliverymethod_change", args=[method.pk]))
    assert re.search(r"<label[^>]*>Prix\u00a0:</label>", page.content.decode())
