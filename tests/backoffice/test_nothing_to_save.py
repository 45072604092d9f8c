"""A page offers a Save button only where something on it can be saved."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from maison.accounts.models import Address, Profile
from tests import factories
from tests.backoffice.desk import SERVICE, page_of, staff
from tests.orders.helpers import paris, place


def save_buttons(page: str) -> list[str]:
    return [name for name in ("_save", "_continue", "_addanother") if f'name="{name}"' in page]


def test_the_order_page_offers_no_save_button_since_nothing_on_it_is_edited(store):
    # Every field of the order is the code's to write; its steps are the desk's buttons.
    order = place([(factories.variant(price_minor=120_00, stock=2), 1)], at=paris(2026, 3, 2, 10))
    page = page_of(staff(SERVICE), order)
    assert save_buttons(page) == []
    assert 'action="/admin/orders/order/' in page  # the desk's steps are still offered


def test_customer_service_reads_a_customers_profile_and_addresses_without_false_inputs(db):
    # proves: DATA-4
    camille = get_user_model().objects.create_user("camille@example.com", "x-Strong-pass-1")
    Profile.objects.update_or_create(user=camille, defaults={"phone": "+33 6 00 00 00 00"})
    Address.objects.create(
        user=camille,
        first_name="Camille",
        last_name="Martin",
        line1="3 rue des Essais",
        postal_code="75011",
        city="Paris",
        country="FR",
    )
    page = staff(SERVICE).get(reverse("admin:accounts_user_change", args=[camille.pk]))
    html = page.content.decode()
    assert "3 rue des Essais" in html and "+33 6 00 00 00 00" in html
    # The page cannot be saved: no field offers an edit it would then drop.
    assert save_buttons(html) == []
    assert 'name="addresses-0-line1"' not in html
    assert 'name="profile-0-phone"' not in html
    # Nor does its role claim to change what no page lets it change.
    granted = {
        p.split(".")[1]
        for p in staff(SERVICE).get("/admin/").wsgi_request.user.get_all_permissions()
    }
    assert {"change_order", "change_profile", "change_address"}.isdisjoint(granted)
