"""The seller the terms print is the seller the invoice names: both read from the policy."""

import dataclasses

from django.urls import reverse

from maison.terms import policy
from tests import factories
from tests.orders.helpers import paris, place

from .helpers import documents, pdf_text, ship


def test_the_terms_and_the_invoice_state_the_same_seller_from_the_policy(
    store, client, monkeypatch
):
    # proves: DATA-1, SITE-4
    changed = dataclasses.replace(
        policy.POLICY,
        seller_registration="RCS Paris 912 345 678",
        seller_vat_number="FR55912345678",
    )
    monkeypatch.setattr(policy, "POLICY", changed)
    terms = client.get(reverse("storefront:terms")).content.decode()
    order = place([(factories.variant(price_minor=450_00), 1)], at=paris(2026, 3, 2, 10, 0))
    ship(order, {order.lines.get(): 1}, at=paris(2026, 3, 3, 9, 0))
    (invoice,) = documents(order)
    printed = pdf_text(invoice)
    for said in ("RCS Paris 912 345 678", "FR55912345678", "SAS", "Maison Orvane"):
        assert said in terms and said in printed
