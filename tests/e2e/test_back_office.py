"""The back office works under the store's Content-Security-Policy (issue #13)."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from maison.checkout import services
from tests import factories


def test_staff_sign_in_and_open_an_order_with_no_policy_violation(page, store):
    # new_page fails the test on any Content-Security-Policy violation.
    order = services.place_order(
        factories.ready_checkout([(factories.variant(), 1)]), accepted_terms=True
    )
    get_user_model().objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "boss@example.com")
    page.fill("#id_password", "x-Strong-pass-1")
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    page.goto(f"/admin/orders/order/{order.pk}/change/")
    expect(page.get_by_text(order.number).first).to_be_visible()
    page.goto("/admin/catalog/product/add/")
    expect(page.locator("#content")).to_be_visible()


def test_staff_choose_the_back_offices_language_in_its_header(page, store):
    # proves: SITE-6
    order = services.place_order(
        factories.ready_checkout([(factories.variant(), 1)]), accepted_terms=True
    )
    get_user_model().objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    page.goto(f"/admin/login/?next=/admin/orders/order/{order.pk}/change/")
    page.fill("#id_username", "boss@example.com")
    page.fill("#id_password", "x-Strong-pass-1")
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", name="Next steps")).to_be_visible()
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    # The same order's page, in French: its steps and its history.
    expect(page).to_have_url(re.compile(rf"/admin/orders/order/{order.pk}/change/$"))
    expect(page.get_by_role("heading", name="Prochaines étapes")).to_be_visible()
    expect(page.get_by_text("Commande passée ; paiement autorisé.")).to_be_visible()
