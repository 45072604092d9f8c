"""The order desk in a real browser: a warehouse clerk processes and ships by keyboard."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from maison.checkout import services
from tests import factories


def test_the_warehouse_processes_and_ships_an_order_from_its_page_by_keyboard(page, store):
    # proves: DEL-3, PAY-2
    shirt = factories.variant(price_minor=180_00, stock=3)
    order = services.place_order(factories.ready_checkout([(shirt, 1)]), accepted_terms=True)
    clerk = get_user_model().objects.create_user(
        "marc@orvane.example", "x-Strong-pass-1", is_staff=True
    )
    # The Warehouse group's rights on orders. Browser tests run on a database
    # emptied between tests, so the groups the migrations made may be gone.
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="orders", codename__in=["view_order", "process_order"]
        )
    )
    page.goto(f"/admin/login/?next=/admin/orders/order/{order.pk}/change/")
    page.fill("#id_username", "marc@orvane.example")
    page.fill("#id_password", "x-Strong-pass-1")
    page.keyboard.press("Enter")
    # Only the warehouse's step shows: no block, no cancel, no refund.
    expect(page.get_by_role("button", name="Process")).to_be_visible()
    expect(page.get_by_role("button", name="Block")).to_have_count(0)
    page.get_by_role("button", name="Process").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Order {order.number} is being prepared.")).to_be_visible()

    page.get_by_label("Carrier").first.select_option("colissimo")
    page.get_by_label("Tracking number").first.fill("6A12345678901")
    page.keyboard.press("Enter")
    # 180.00 and the whole delivery, 6.90: the total, charged as the parcel leaves.
    expect(page.get_by_text("Parcel 6A12345678901 shipped; €186.90 charged.")).to_be_visible()
    expect(page.get_by_text("Captured: €186.90")).to_be_visible()
    expect(page.get_by_role("button", name="Mark delivered")).to_be_visible()
