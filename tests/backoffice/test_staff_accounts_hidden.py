"""Customer service helps customers: the back office's own people are not its to see."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.backoffice.desk import SERVICE, staff


def test_customer_service_sees_customers_accounts_but_not_who_runs_the_back_office(db):
    # proves: DATA-4
    User = get_user_model()
    customer = User.objects.create_user("camille@example.com", "x-Strong-pass-1")
    owner = User.objects.create_superuser("owner@orvane.example", "x-Strong-pass-1")
    service = staff(SERVICE)

    listing = service.get(reverse("admin:accounts_user_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "camille@example.com" in page
    assert "owner@orvane.example" not in page

    customer_page = service.get(reverse("admin:accounts_user_change", args=[customer.pk]))
    assert customer_page.status_code == 200
    assert 'name="is_superuser"' not in customer_page.content.decode()

    # The owner's page is as absent as an account that does not exist.
    owner_page = service.get(reverse("admin:accounts_user_change", args=[owner.pk]), follow=True)
    assert "owner@orvane.example" not in owner_page.content.decode()
