import re

import pytest
from django.urls import reverse

from maison.checkout import services
from tests import factories


def placed(email="camille@example.com"):
    return services.place_order(
        factories.ready_checkout([(factories.variant(), 1)], email=email), accepted_terms=True
    )


def test_a_guest_finds_the_order_with_its_number_and_email(client, store):
    # proves: ORD-10, DATA-4
    order = placed()
    response = client.post(
        reverse("storefront:track"),
        {"number": order.number.lower(), "email": "Camille@Example.com"},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert order.number in page and "<dd>Placed</dd>" in page


def test_a_wrong_pair_answers_exactly_like_a_missing_order(client, store):
    # proves: ORD-10, DATA-4
    order = placed()
    wrong_email = client.post(
        reverse("storefront:track"), {"number": order.number, "email": "someone@example.com"}
    )
    missing = client.post(
        reverse("storefront:track"), {"number": "MD9999999", "email": "camille@example.com"}
    )
    assert wrong_email.status_code == missing.status_code == 404

    def page(response, *typed):
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        for value in typed:
            text = text.replace(value, "")
        return text

    assert page(wrong_email, order.number, "someone@example.com") == page(
        missing, "MD9999999", "camille@example.com"
    )
    assert "We found no order with this number and email" in missing.content.decode()


def test_the_printable_summary_carries_the_order(client, store):
    # proves: ORD-6
    order = placed()
    page = client.get(
        reverse("storefront:order-summary", args=[order.number, order.access_key])
    ).content.decode()
    for fact in [
        order.number,
        "3 rue des Essais",
        "Standard delivery",
        order.lines.get().product_name,
    ]:
        assert fact in page


@pytest.mark.usefixtures("one_attempts_window")
def test_guessing_order_numbers_is_slowed_down(client, store):
    # proves: DATA-4
    from django.core.cache import cache

    from maison.terms.policy import POLICY

    cache.clear()
    order = placed()
    for n in range(POLICY.tracking_failures_per_ip):
        client.post(reverse("storefront:track"), {"number": f"MD{n:07d}", "email": "x@example.com"})
    right = client.post(reverse("storefront:track"), {"number": order.number, "email": order.email})
    assert right.status_code == 429
    assert "Too many attempts" in right.content.decode()
