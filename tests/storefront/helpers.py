"""Walking the store as a shopper does, through the test client."""

from django.urls import reverse

from tests import factories


def add(client, variant, quantity=1):
    return client.post(
        reverse("storefront:basket-add"), {"variant": variant.pk, "quantity": quantity}
    )


def details(client, email="camille@example.com", **overrides):
    data = {"email": email, "billing_same": "on"}
    # The delivery address is in the country the shopper chose (FR unless changed).
    address = factories.address_in(client.session.get("country", "FR"))
    data.update({f"ship-{k}": v for k, v in address.items()})
    data.update(overrides)
    return client.post(reverse("storefront:checkout"), data)


def checkout_to_review(
    client, *, card=factories.APPROVED_CARD, method="standard", email="camille@example.com"
):
    details(client, email=email)
    client.post(reverse("storefront:checkout-delivery"), {"method": method})
    return client.post(
        reverse("storefront:checkout-payment"),
        {
            "number": card,
            "expiry_month": 12,
            "expiry_year": 2099,
            "cvc": "123",
        },
    )


def place(client, accept=True, reviewed=None):
    """Press the button on the review page, as last shown (or as `reviewed`)."""
    review = client.get(reverse("storefront:checkout-review"))
    data = {"reviewed": reviewed if reviewed is not None else review.context["review"].fingerprint}
    if accept:
        data["accept_terms"] = "on"
    return client.post(reverse("storefront:checkout-place"), data)


def buy(client, variant, quantity=1, **kwargs):
    add(client, variant, quantity)
    checkout_to_review(client, **kwargs)
    return place(client)
