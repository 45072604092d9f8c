"""A delivered order withdrawn online, received, inspected and refunded, in a real browser."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from maison.aftersales.models import Return
from maison.notifications.models import OutboxEmail
from tests import factories
from tests.aftersales.helpers import delivered_order, french_holidays, paris


@pytest.fixture
def delivered(transactional_db):
    """Two shirts, delivered on Tuesday 9 June 2026 to a guest."""
    factories.market()
    factories.delivery_methods()
    french_holidays(2026)
    shirt = factories.variant(price_minor=120_00, stock=5, size="M")
    return delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))


def sign_in_staff(page):
    get_user_model().objects.create_superuser("boss@orvane.example", "x-Strong-pass-1")
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "boss@orvane.example")
    page.fill("#id_password", "x-Strong-pass-1")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def test_a_guest_withdraws_and_staff_receive_inspect_and_refund(new_page, delivered, at, axe):
    # proves: RET-1, RET-2, RET-3, RET-4, RET-7, SITE-4, DATA-2, DATA-3
    order = delivered
    buyer = new_page()
    # The store's clock stands on Wednesday 10 June 2026, then moves with the parcel.
    with at(paris(2026, 6, 10, 9, 0)):
        buyer.goto(order.get_absolute_url())
        expect(
            buyer.get_by_text("You may withdraw from this order until June 23, 2026.")
        ).to_be_visible()
        buyer.get_by_role("link", name="Withdraw and send items back").click()
        axe(buyer)
        buyer.get_by_label(re.compile("how many to send back")).fill("1")
        buyer.get_by_label("Why are you sending them back? (optional)").fill("Too large")
        buyer.get_by_role("button", name="Withdraw from these items").click()
        expect(buyer.get_by_role("heading", name=re.compile(r"^Return R\d+"))).to_be_visible()
        expect(buyer.get_by_text("Hand the parcel to a carrier by June 30, 2026.")).to_be_visible()
        expect(buyer.locator("address.returns-address")).to_have_text(
            "Maison Orvane, service retours, 12 rue des Entrepôts, 93200 Saint-Denis, France"
        )
        expect(
            buyer.get_by_text("This return costs €10.00, deducted from your refund.")
        ).to_be_visible()
        axe(buyer)
        return_url = buyer.url
    ret = Return.objects.get()

    staff = new_page()
    with at(paris(2026, 6, 18, 17, 0)):
        sign_in_staff(staff)
        staff.goto(f"/admin/aftersales/return/{ret.pk}/change/")
        staff.locator("input[name=parcel_sent_on]").fill("2026-06-12")
        staff.locator("input[name=parcel_received_on]").fill("2026-06-18")
        staff.locator("input[name=_continue]").click()
        expect(
            staff.locator(".readonly").get_by_text("parcel received, being inspected")
        ).to_be_visible()
        staff.locator("select[name=lines-0-outcome]").select_option("accepted")
        staff.locator("input[name=_continue]").click()
        expect(
            staff.locator(".readonly").get_by_text("inspected, refund under way")
        ).to_be_visible()
        staff.goto("/admin/aftersales/return/")
        staff.locator("input[name=_selected_action]").check()
        staff.locator("select[name=action]").select_option("refund_through_original_payment")
        staff.locator("button[name=index]").click()
        expect(staff.get_by_text(f"{ret.reference} refunded: €110.00.")).to_be_visible()

        buyer.goto(return_url)
        expect(buyer.locator(".return-state")).to_have_text("refunded")
        expect(buyer.get_by_text("€110.00")).to_be_visible()
        axe(buyer)

    sent = {email.template for email in OutboxEmail.objects.filter(to=order.email)}
    assert {"return_instructions", "return_received", "return_inspected", "order_refunded"} <= sent
    subjects = [message.subject for message in mail.outbox]
    assert f"Your return {ret.reference}: how to send it back" in subjects
    assert any("refund" in subject.lower() for subject in subjects)
