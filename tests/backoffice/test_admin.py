from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from maison.checkout import services
from tests import factories


def test_staff_see_an_orders_lines_amounts_payment_and_event_log(client, store):
    # proves: DATA-2, PAY-3
    shirt = factories.variant(price_minor=180_00, colour="Ecru", size="L")
    order = services.place_order(factories.ready_checkout([(shirt, 1)]), accepted_terms=True)
    client.force_login(
        get_user_model().objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    )
    page = client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    for fact in [
        order.number,
        shirt.product.name,
        "Ecru",
        "€186.90",
        "Authorised: €186.90",
        "Captured: €0.00",
        "•••• 4242",
        "Order placed; payment authorised.",
        "3 rue des Essais",
    ]:
        assert fact in page, fact
    listing = client.get(reverse("admin:orders_order_changelist")).content.decode()
    assert order.number in listing and "authorised" in listing


def test_a_back_office_in_french_names_its_sections_and_the_payment_state_in_french(store):
    # proves: SITE-6
    shirt = factories.variant(price_minor=180_00)
    order = services.place_order(factories.ready_checkout([(shirt, 1)]), accepted_terms=True)
    boss = Client(HTTP_ACCEPT_LANGUAGE="fr")
    boss.force_login(get_user_model().objects.create_superuser("boss@example.com", "x-Pass-1"))
    index = boss.get(reverse("admin:index")).content.decode()
    # Each app by its French name, each list by its French plural: Django's own
    # plural adds an s to the French singular ("Liste de prixs", "Taux de TVAs").
    for name in ["Marchés et prix", "Listes de prix", "Taux de TVA", "Modes de livraison"]:
        assert f">{name}<" in index, name
    for english in [">Orders<", ">Markets<", "Liste de prixs", "Taux de TVAs", "back office<"]:
        assert english not in index, english
    listing = boss.get(reverse("admin:orders_order_changelist")).content.decode()
    assert order.number in listing and ">autorisé<" in listing and "authorised" not in listing
    expired = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="fr").post(
        reverse("admin:login"), {"username": "boss@example.com", "password": "x-Pass-1"}
    )
    assert expired.status_code == 403 and "Ce formulaire a expiré" in expired.content.decode()


def test_the_back_office_is_closed_to_shoppers(client, store):
    # proves: DATA-4
    response = client.get(reverse("admin:orders_order_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_forms_refuse_a_post_without_the_csrf_token(store):
    strict = Client(enforce_csrf_checks=True)
    shirt = factories.variant()
    response = strict.post(reverse("storefront:basket-add"), {"variant": shirt.pk, "quantity": 1})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    response = strict.post(reverse("storefront:track"), {"number": "MD1", "email": "a@example.com"})
    assert response.status_code == 403


def test_staff_add_and_edit_people_by_email_in_the_back_office(client, db):
    # proves: ACC-4, ACC-7
    User = get_user_model()
    boss = User.objects.create_superuser("boss@example.com", "x-Strong-pass-1")
    client.force_login(boss)
    form = client.get(reverse("admin:accounts_user_add"))
    assert form.status_code == 200 and 'name="email"' in form.content.decode()
    added = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Clerk@Orvane.example",
            "usable_password": "true",
            "password1": "Counter-desk-4",
            "password2": "Counter-desk-4",
        },
    )
    assert added.status_code == 302, added.context["adminform"].form.errors
    clerk = User.objects.get(email="new.clerk@orvane.example")
    assert clerk.check_password("Counter-desk-4")
    change = client.get(reverse("admin:accounts_user_change", args=[clerk.pk]))
    assert change.status_code == 200 and "new.clerk@orvane.example" in change.content.decode()
