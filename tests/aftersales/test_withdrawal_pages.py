"""The withdrawal form of the order page, for guests and members (RET-1, RET-2, RET-7, ACC-5)."""

import pytest
from django.urls import reverse

from maison.aftersales.models import Return
from maison.notifications.models import OutboxEmail
from maison.notifications.rendering import render
from maison.orders.models import OrderEvent
from tests import factories
from tests.accounts.helpers import member, signed_in

from .helpers import delivered_order, french_holidays, paris, placed_order, ship_all


@pytest.fixture
def shirt(store):
    french_holidays(2026)
    return factories.variant(price_minor=120_00, stock=5)


def withdraw_url(order):
    return reverse("storefront:withdraw", args=[order.number, order.access_key])


def test_a_guest_withdraws_online_and_sees_the_address_the_deadline_and_the_cost(client, shirt, at):
    # proves: RET-1, RET-2, RET-7, SITE-2, SITE-4, DATA-3
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    line = order.lines.get()
    with at(paris(2026, 6, 10, 9, 0)):
        page = client.get(order.get_absolute_url()).content.decode()
        assert "You may withdraw from this order until June 23, 2026." in page
        assert f'href="{withdraw_url(order)}"' in page
        form = client.get(withdraw_url(order)).content.decode()
        assert f'name="qty-{line.pk}"' in form
        response = client.post(
            withdraw_url(order), {f"qty-{line.pk}": "1", "reason": "Too large"}, follow=True
        )
    assert response.status_code == 200
    confirmation = response.content.decode()
    made = Return.objects.get()
    assert made.reference in confirmation
    assert "Maison Orvane, service retours, 12 rue des Entrepôts, 93200 Saint-Denis" in confirmation
    # Notified Wednesday 10 June: 20 days later is Tuesday 30 June.
    assert "Hand the parcel to a carrier by June 30, 2026." in confirmation
    assert "original packaging with the label attached" in confirmation
    # 240.00 EUR is below the 250.00 EUR threshold.
    assert "This return costs €10.00, deducted from your refund." in confirmation

    email = OutboxEmail.objects.get(template="return_instructions")
    rendered = render(email.template, email.context, email.language).to_send
    assert "Hand the parcel to a carrier by June 30, 2026." in rendered.text
    assert "12 rue des Entrepôts" in rendered.text
    assert "This return costs €10.00" in rendered.text
    assert order.get_absolute_url() in rendered.text


def test_a_return_is_free_when_the_order_reached_the_threshold(client, shirt, at):
    # proves: SITE-2, RET-7
    order = delivered_order([(shirt, 3)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 9, 0)):
        response = client.post(
            withdraw_url(order), {f"qty-{order.lines.get().pk}": "1"}, follow=True
        )
    assert "This return is free: your order reached the free-returns threshold." in (
        response.content.decode()
    )
    assert Return.objects.get().return_cost_minor == 0


def test_after_the_window_no_form_and_a_direct_post_is_refused_with_the_date(client, shirt, at):
    # proves: RET-1
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    line = order.lines.get()
    with at(paris(2026, 6, 24, 0, 1)):
        page = client.get(order.get_absolute_url()).content.decode()
        assert "The withdrawal period ended on June 23, 2026." in page
        assert withdraw_url(order) not in page
        assert f'name="qty-{line.pk}"' not in client.get(withdraw_url(order)).content.decode()
        response = client.post(withdraw_url(order), {f"qty-{line.pk}": "1"})
    assert response.status_code == 409
    assert "The withdrawal period for this order ended on June 23, 2026." in (
        response.content.decode()
    )
    assert not Return.objects.exists()
    assert not OrderEvent.objects.filter(kind="withdrawal").exists()


@pytest.mark.parametrize(
    "case, message",
    [
        ("someone_elses_line", "That item is not part of this order."),
        ("more_than_delivered", "You can send back at most 2 of that item."),
        ("same_line_twice", "Each item can be chosen once."),
        ("nothing", "Choose at least one item to send back."),
        ("not_a_number", "Enter a whole number of items."),
    ],
)
def test_bad_withdrawals_are_refused_and_nothing_is_recorded(client, shirt, at, case, message):
    # proves: RET-1, DATA-4
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    other = delivered_order(
        [(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0), email="noe@example.com"
    )
    line = order.lines.get()
    data = {
        "someone_elses_line": {f"qty-{other.lines.get().pk}": "1"},
        "more_than_delivered": {f"qty-{line.pk}": "3"},
        "same_line_twice": {f"qty-{line.pk}": ["1", "1"]},
        "nothing": {f"qty-{line.pk}": "0"},
        "not_a_number": {f"qty-{line.pk}": "two"},
    }[case]
    with at(paris(2026, 6, 10, 9, 0)):
        response = client.post(withdraw_url(order), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Return.objects.exists()
    assert not OutboxEmail.objects.filter(template="return_instructions").exists()


def test_an_order_not_yet_delivered_cannot_be_withdrawn(client, shirt, at):
    # proves: RET-1
    order = placed_order([(shirt, 1)], at=paris(2026, 6, 1, 9, 0))
    ship_all(order, at=paris(2026, 6, 2, 9, 0))
    with at(paris(2026, 6, 10, 9, 0)):
        page = client.get(order.get_absolute_url()).content.decode()
        assert "Withdraw and send items back" not in page
        response = client.post(withdraw_url(order), {f"qty-{order.lines.get().pk}": "1"})
    assert response.status_code == 400
    assert "This order has not been delivered yet." in response.content.decode()
    assert not Return.objects.exists()


def test_a_member_withdraws_from_the_account_and_follows_the_return_there(client, shirt, at):
    # proves: ACC-5, RET-1
    camille = member()
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    order.customer = camille
    order.save(update_fields=["customer"])
    signed_in(client, camille)
    url = reverse("storefront:account-withdraw", args=[order.number])
    with at(paris(2026, 6, 12, 9, 0)):
        page = client.get(reverse("storefront:account-order", args=[order.number]))
        assert f'href="{url}"' in page.content.decode()
        response = client.post(url, {f"qty-{order.lines.get().pk}": "1"}, follow=True)
    made = Return.objects.get()
    assert response.request["PATH_INFO"] == reverse(
        "storefront:account-return", args=[order.number, made.pk]
    )
    listing = client.get(reverse("storefront:account-returns")).content.decode()
    assert f"Return {made.reference}" in listing and "awaiting your parcel" in listing

    client.logout()
    signed_in(client, member("noe@example.com"))
    assert client.get(url).status_code == 404
    assert client.post(url, {f"qty-{order.lines.get().pk}": "1"}).status_code == 404
    assert Return.objects.count() == 1


def test_the_order_and_return_pages_follow_the_policy_not_fixed_figures(
    client, shirt, at, monkeypatch
):
    # proves: RET-1, RET-2, RET-7, SITE-4
    import dataclasses

    from maison.terms import policy

    monkeypatch.setattr(
        policy,
        "POLICY",
        dataclasses.replace(
            policy.POLICY,
            withdrawal_days=21,
            return_shipping_days=25,
            return_cost_minor=7_50,
            returns_address="Orvane Returns, 5 quai des Colis, 59000 Lille, France",
        ),
    )
    order = delivered_order([(shirt, 1)], delivered_at=paris(2026, 6, 9, 15, 0))
    with at(paris(2026, 6, 10, 9, 0)):
        page = client.get(order.get_absolute_url()).content.decode()
        # 9 June + 21 days: Tuesday 30 June.
        assert "You may withdraw from this order until June 30, 2026." in page
        response = client.post(
            withdraw_url(order), {f"qty-{order.lines.get().pk}": "1"}, follow=True
        )
    confirmation = response.content.decode()
    # 10 June + 25 days is Sunday 5 July: the buyer may send it on Monday 6 July.
    assert "Hand the parcel to a carrier by July 6, 2026." in confirmation
    assert "This return costs €7.50, deducted from your refund." in confirmation
    assert "5 quai des Colis, 59000 Lille" in confirmation
    assert "Saint-Denis" not in confirmation


def test_the_withdrawal_and_its_email_in_french(client, shirt, at):
    # proves: RET-1, RET-7, SITE-6
    order = delivered_order([(shirt, 2)], delivered_at=paris(2026, 6, 9, 15, 0))
    order.language = "fr"
    order.save(update_fields=["language"])
    url = withdraw_url(order).replace("/en/", "/fr/", 1)
    with at(paris(2026, 6, 10, 9, 0)):
        form = client.get(url).content.decode()
        assert "jusqu'au 23 juin 2026" in form.replace("&#x27;", "'")
        response = client.post(url, {f"qty-{order.lines.get().pk}": "1"}, follow=True)
    page = response.content.decode().replace("&#x27;", "'")
    assert "Remettez le colis à un transporteur au plus tard le 30 juin 2026." in page
    assert "Ce retour coûte 10,00\u00a0€, déduits de votre remboursement." in page
    email = OutboxEmail.objects.get(template="return_instructions")
    rendered = render(email.template, email.context, email.language).to_send
    assert rendered.subject.startswith("Votre retour R")
    assert "Remettez le colis à un transporteur au plus tard le 30 juin 2026." in rendered.text
