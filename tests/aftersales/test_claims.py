"""Complaints within 14 days, the 24-month guarantees, tracked to the end (RET-5, RET-6, ACC-5)."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from maison.aftersales import claims
from maison.aftersales.claims import ClaimRefused
from maison.aftersales.models import Claim
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from tests import factories
from tests.accounts.helpers import member, signed_in

from .helpers import delivered_order, french_holidays, paris

NON_CONFORMITY, CONFORMITY, HIDDEN = (
    Claim.Kind.NON_CONFORMITY,
    Claim.Kind.CONFORMITY,
    Claim.Kind.HIDDEN_DEFECT,
)


@pytest.fixture
def shirt(store):
    french_holidays(2026, 2027, 2028, 2029)
    return factories.variant(price_minor=120_00, stock=5)


def claim(order, at, when, kind, **kwargs):
    with at(when):
        return claims.make_claim(order, order.lines.get().pk, kind, "Seam open", **kwargs)


def test_a_complaint_is_heard_until_the_working_day_after_a_holiday_weekend(shirt, at):
    # proves: RET-5
    # Delivered Saturday 1 August 2026: day 14 is Saturday 15 August, Assumption,
    # then a Sunday: complaints are heard until Monday 17 August, 23:59 in Paris.
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 8, 1, 11, 0))
    with pytest.raises(ClaimRefused) as late:
        claim(order, at, paris(2026, 8, 18, 0, 1), NON_CONFORMITY)
    assert late.value.code == "period_over"
    assert str(late.value) == "The period for this claim ended on Aug. 17, 2026."
    made = claim(order, at, paris(2026, 8, 17, 23, 59), NON_CONFORMITY)
    assert made.deadline == date(2026, 8, 17) and made.state == Claim.State.OPEN
    assert OutboxEmail.objects.get(template="claim_recorded").to == "camille@example.com"


def test_the_guarantee_of_conformity_lasts_24_months_from_delivery(shirt, at):
    # proves: RET-6
    # Delivered Tuesday 9 June 2026: the guarantee runs to Friday 9 June 2028.
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with pytest.raises(ClaimRefused, match="ended on June 9, 2028"):
        claim(order, at, paris(2028, 6, 10, 0, 1), CONFORMITY)
    assert claim(order, at, paris(2028, 6, 9, 23, 59), CONFORMITY).deadline == date(2028, 6, 9)
    with pytest.raises(ClaimRefused, match="ended on June 23, 2026"):
        claim(order, at, paris(2028, 6, 9, 23, 59), NON_CONFORMITY)


def test_hidden_defects_are_heard_24_months_from_their_discovery(shirt, at):
    # proves: RET-6
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    # Discovered Monday 1 March 2027: heard until Thursday 1 March 2029, 23:59 in
    # Paris (22:59 UTC in winter), long after the conformity guarantee ended.
    with pytest.raises(ClaimRefused, match="ended on March 1, 2029"):
        claim(order, at, paris(2029, 3, 2, 0, 1), HIDDEN, discovered_on=date(2027, 3, 1))
    made = claim(order, at, paris(2029, 3, 1, 23, 59), HIDDEN, discovered_on=date(2027, 3, 1))
    assert made.deadline == date(2029, 3, 1) and made.discovered_on == date(2027, 3, 1)
    with pytest.raises(ClaimRefused, match="between delivery and today"):
        claim(order, at, paris(2027, 3, 1, 9, 0), HIDDEN, discovered_on=date(2026, 6, 1))
    with pytest.raises(ClaimRefused, match="Give the day you discovered"):
        claim(order, at, paris(2027, 3, 1, 9, 0), HIDDEN)
    assert Claim.objects.count() == 1


def test_a_member_claims_from_the_account_follows_it_and_staff_resolve_it(client, shirt, at):
    # proves: RET-5, RET-6, ACC-5, DATA-2, DATA-3
    camille = member()
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    order.customer = camille
    order.save(update_fields=["customer"])
    signed_in(client, camille)
    url = reverse("storefront:account-claim", args=[order.number])
    with at(paris(2026, 6, 15, 10, 0)):
        assert client.get(url).status_code == 200
        empty = client.post(url, {"line": order.lines.get().pk, "kind": CONFORMITY})
        assert empty.status_code == 400 and not Claim.objects.exists()
        client.post(
            url,
            {"line": order.lines.get().pk, "kind": CONFORMITY, "description": "Button fell off"},
        )
    made = Claim.objects.get()
    listing = client.get(reverse("storefront:account-returns")).content.decode()
    assert f"Claim {made.reference}" in listing and "received" in listing

    adviser = get_user_model().objects.create_user(
        "lea@orvane.example", "Counter-desk-4", is_staff=True
    )
    adviser.groups.add(Group.objects.get(name="Customer service"))
    client.force_login(adviser)
    change = reverse("admin:aftersales_claim_change", args=[made.pk])
    with at(paris(2026, 6, 17, 10, 0)):
        client.post(change, {"state": Claim.State.RESOLVED, "resolution": ""})
        assert Claim.objects.get().state == Claim.State.OPEN
        client.post(
            change, {"state": Claim.State.RESOLVED, "resolution": "A new button sewn on, sent back"}
        )
    made.refresh_from_db()
    assert made.state == Claim.State.RESOLVED
    assert order.events.get(kind="claim_resolved").actor == "lea@orvane.example"
    email = OutboxEmail.objects.get(template="claim_updated")
    text = render(email.template, email.context, "en").to_send.text
    assert "What we decided: A new button sewn on, sent back" in text

    signed_in(client, camille)
    page = client.get(reverse("storefront:account-order", args=[order.number])).content.decode()
    assert "resolved. A new button sewn on, sent back" in page
