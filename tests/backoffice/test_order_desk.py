"""The order desk of the back office: an order's whole life through its admin page, by role.

Each step is a button of the order page (a POST with its CSRF token); the page
shows only the steps the order's state and the member of staff's role allow.
"""

import re
from datetime import date

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maison import clock
from maison.orders import lifecycle, shipments
from maison.orders.models import Order
from tests import factories
from tests.orders.helpers import capture_answer_lost_once, emails, paris, place

from .desk import (
    FINANCE,
    SERVICE,
    WAREHOUSE,
    act,
    buttons,
    goodwill_refund_on_6_march,
    page_of,
    said,
    ship,
    shipped_and_back,
    staff,
    text,
    unescaped,
)


def test_a_full_life_through_the_order_page_captures_the_total_to_the_cent(two_lines, settings):
    # proves: PAY-2, PAY-3, PAY-5, DEL-3, DEL-4, DATA-2, ORD-8
    # The deadlines are the store's (Paris), whatever zone the server runs in.
    settings.TIME_ZONE = "UTC"
    order, shirt, scarf = two_lines
    shirt_line, scarf_line = order.lines.order_by("id")
    warehouse = staff(WAREHOUSE, csrf=True)

    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        page = page_of(warehouse, order)
        assert buttons(page) == {"process"}
        for fact in [
            "Order total: €344.00",
            "Authorised: €344.00",
            "Captured: €0.00",
            "Refund due: €0.00",
            # The test provider's authorisation lasts 7 days: 2 March 10:00 + 7 days, Paris.
            "Authorisation expires: March 9, 2026, 10 a.m.",
            # Express, 1 to 2 working days from Monday 2 March: latest Wednesday 4 March;
            # the buyer may cancel for late delivery 30 days later, on Friday 3 April.
            "Late-delivery cancellation open from: April 3, 2026",
            "Order placed; payment authorised.",
        ]:
            assert fact in page, fact
        # The admin's CSRF check holds: a POST without the page's token is refused.
        url = reverse("admin:orders_order_act", args=[order.pk, "process"])
        assert warehouse.post(url, {}).status_code == 403
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        done = act(warehouse, order, "process", csrfmiddlewaretoken=token)
        assert said(done) == [f"Order {order.number} is being prepared."]
        assert buttons(done.content.decode()) == {"ship", "cancel_unavailable"}

        # One shirt: 120.00 and its share of delivery, 19.00 × 120 / 325 = 7.0153… → 7.01.
        units = {shirt_line: 1, scarf_line: 0}
        done = ship(warehouse, order, "6A12345678901", units, csrfmiddlewaretoken=token)
        assert said(done) == ["Parcel 6A12345678901 shipped; €127.01 charged."]
        assert "Captured: €127.01" in done.content.decode()

    with clock.travel_to(paris(2026, 3, 4, 16, 0)):
        # The rest: 205.00 and the delivery left, 19.00 - 7.01 = 11.99: 216.99.
        units = {shirt_line: 1, scarf_line: 1}
        done = ship(
            warehouse, order, "XY123456789FR", units, "chronopost", csrfmiddlewaretoken=token
        )
        assert said(done) == ["Parcel XY123456789FR shipped; €216.99 charged."]
        page = done.content.decode()
        # 127.01 + 216.99 = 344.00: the order's total, to the cent; nothing left authorised.
        assert "Captured: €344.00" in page
        assert "Authorisation expires: —" in page
        first, second = order.shipments.order_by("id")
        done = act(
            warehouse,
            order,
            "mark_delivered",
            csrfmiddlewaretoken=token,
            shipment=first.pk,
            delivered_on="2026-03-04",
        )
        assert said(done) == ["The parcel is marked delivered."]

    with clock.travel_to(paris(2026, 3, 5, 11, 0)):
        done = act(
            warehouse,
            order,
            "mark_delivered",
            csrfmiddlewaretoken=token,
            shipment=second.pk,
            delivered_on="2026-03-05",
        )
        page = unescaped(done.content.decode())
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert buttons(page) == set()
    assert "Late-delivery cancellation open from: —" in page
    # The timeline, in Paris time: when, who, what.
    timeline = re.findall(r"<li><time [^>]+>([^<]+)</time> — ([^:]+): ([^<]+)</li>", page)
    staff_member = "warehouse@orvane.example"
    assert timeline == [
        ("March 2, 2026, 10 a.m.", "shopper", "Order placed; payment authorised."),
        ("March 3, 2026, 9 a.m.", staff_member, "Availability checked; preparing."),
        ("March 3, 2026, 9 a.m.", staff_member, f"Shipment {first.pk} packed; charging €127.01."),
        (
            "March 3, 2026, 9 a.m.",
            staff_member,
            "Shipped with Colissimo, 6A12345678901; charged €127.01.",
        ),
        ("March 4, 2026, 4 p.m.", staff_member, f"Shipment {second.pk} packed; charging €216.99."),
        (
            "March 4, 2026, 4 p.m.",
            staff_member,
            "Shipped with Chronopost, XY123456789FR; charged €216.99.",
        ),
        ("March 4, 2026, 4 p.m.", staff_member, f"Shipment {first.pk} delivered on 2026-03-04."),
        ("March 5, 2026, 11 a.m.", staff_member, f"Shipment {second.pk} delivered on 2026-03-05."),
    ]
    assert [len(emails(order, t)) for t in ("order_shipped", "order_delivered")] == [2, 2]


def test_customer_service_blocks_and_releases_the_warehouse_and_finance_cannot(two_lines):
    # proves: ORD-9, DATA-4
    order, _shirt, _scarf = two_lines
    service, warehouse, finance = staff(SERVICE), staff(WAREHOUSE), staff(FINANCE)
    assert buttons(page_of(service, order)) == {"block", "cancel"}
    assert buttons(page_of(warehouse, order)) == {"process"}
    assert buttons(page_of(finance, order)) == set()
    for outsider in (warehouse, finance):
        assert act(outsider, order, "block", reason="Card disputed").status_code == 403
        assert act(outsider, order, "cancel", grounds="fraud").status_code == 403
    assert act(service, order, "process").status_code == 403
    assert act(finance, order, "process").status_code == 403

    done = act(service, order, "block", reason="Payment under review")
    assert said(done) == [f"Order {order.number} is blocked."]
    page = done.content.decode()
    assert buttons(page) == {"release", "cancel"}
    assert "Blocked because: Payment under review" in page
    # Blocked, the order offers the warehouse nothing.
    assert buttons(page_of(warehouse, order)) == set()
    assert act(warehouse, order, "release").status_code == 403

    done = act(service, order, "release", reason="The bank confirmed the payment")
    assert said(done) == [f"Order {order.number} is released."]
    assert buttons(done.content.decode()) == {"block", "cancel"}
    assert buttons(page_of(warehouse, order)) == {"process"}

    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        done = act(service, order, "cancel", grounds="fraud", reason="Stolen card reported")
    assert said(done) == [f"Order {order.number} is cancelled."]
    page = done.content.decode()
    # Nothing shipped: the whole authorisation is given back, nothing charged.
    assert "Released, never charged: €344.00" in page and "Captured: €0.00" in page
    assert buttons(page) == set()
    assert len(emails(order, "order_cancelled")) == 1


def test_the_warehouse_processes_an_order_with_an_unavailable_line_from_the_page(two_lines):
    # proves: ORD-7, PRC-6
    order, _shirt, scarf = two_lines
    scarf_line = order.lines.get(variant=scarf)
    warehouse = staff(WAREHOUSE)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        done = act(
            warehouse,
            order,
            "process",
            reason="Damaged in the warehouse",
            **{f"unavailable-{scarf_line.pk}": "1"},
        )
    assert said(done) == [f"Order {order.number} is being prepared."]
    page = done.content.decode()
    # The scarf, 85.00, and its share of delivery, 19.00 × 85 / 325 = 4.969… → 4.96:
    # 89.96 never charged, due back by 3 + 14 = 17 March.
    assert "Refund due: €89.96" in page
    assert "Refund due by: March 17, 2026" in page
    assert buttons(page) == {"ship", "cancel_unavailable"}
    assert len(emails(order, "order_items_unavailable")) == 1


def test_finance_refunds_a_parcel_back_to_sender_the_warehouse_can_only_send_it_again(two_lines):
    # proves: DEL-5, DATA-4
    order, _shirt, _scarf = two_lines
    shipped_and_back(order)
    warehouse, finance = staff(WAREHOUSE), staff(FINANCE)
    assert buttons(page_of(warehouse, order)) == {"reship"}
    assert buttons(page_of(finance, order)) == {"refund_returned"}
    parcel = order.shipments.get()
    assert act(warehouse, order, "refund_returned", shipment=parcel.pk).status_code == 403

    with clock.travel_to(paris(2026, 3, 6, 15, 0)):
        done = act(finance, order, "refund_returned", shipment=parcel.pk)
    # The whole order went in that parcel: 344.00 back.
    assert said(done) == ["The parcel's €344.00 is refunded."]
    page = done.content.decode()
    assert "Refunded: €344.00" in page and "Refund due: €0.00" in page
    assert buttons(page) == set()
    assert len(emails(order, "order_refunded")) == 1


def test_finance_pays_a_due_refund_the_warehouse_and_customer_service_cannot(two_lines):
    # proves: RET-4, DATA-4
    order, _shirt, _scarf = two_lines
    shipped_and_back(order)
    refund = goodwill_refund_on_6_march(order)
    finance, warehouse, service = staff(FINANCE), staff(WAREHOUSE), staff(SERVICE)
    for outsider in (warehouse, service):
        assert "pay_refund" not in buttons(page_of(outsider, order))
        assert act(outsider, order, "pay_refund", refund=refund.pk).status_code == 403
    with clock.travel_to(paris(2026, 3, 10, 10, 0)):
        page = page_of(finance, order)
        assert "pay_refund" in buttons(page)
        # Recorded on 6 March, due 14 days later: 20 March.
        assert "Refund due: €50.00" in page and "Refund due by: March 20, 2026" in page
        done = act(finance, order, "pay_refund", refund=refund.pk)
    assert said(done) == ["€50.00 refunded to the card."]
    assert "Refunded: €50.00" in done.content.decode()
    again = act(finance, order, "pay_refund", refund=refund.pk)
    assert said(again) == ["This refund is not due: it is refunded."]


def test_an_illegal_step_is_refused_with_a_message_never_a_500(two_lines):
    order, shirt, _scarf = two_lines
    shirt_line = order.lines.get(variant=shirt)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        warehouse = staff(WAREHOUSE)
        done = act(warehouse, order, "ship", carrier="colissimo", tracking_number="6A12345678901")
        assert done.status_code == 200
        assert said(done) == [f"Order {order.number} is placed: it cannot be shipped."]
        act(warehouse, order, "process")
        too_many = ship(warehouse, order, "6A12345678901", {shirt_line: 3})
        assert said(too_many) == [f"{shirt_line.product_name}: only 2 left to ship, not 3."]
        bad_number = act(warehouse, order, "ship", carrier="colissimo", tracking_number="#1")
        assert said(bad_number) == ["A tracking number is 8 to 40 letters and digits."]
        nothing = act(
            warehouse, order, "ship", carrier="colissimo", tracking_number="6A12345678901"
        )
        assert said(nothing) == ["Choose at least one item to ship."]
        ship(warehouse, order, "6A12345678901", {shirt_line: 2})
        parcel = order.shipments.get()
        bad_day = act(warehouse, order, "mark_delivered", shipment=parcel.pk, delivered_on="5/3")
        assert said(bad_day) == ["Give the date as year-month-day, e.g. 2026-03-05."]
        assert order.events.filter(kind="delivered").count() == 0
        url = reverse("admin:orders_order_act", args=[order.pk, "ship"])
        assert warehouse.get(url).status_code == 405
        assert said(act(warehouse, order, "teleport")) == ["This step does not exist."]


def test_a_refused_step_speaks_the_back_offices_language(two_lines):
    order, _shirt, _scarf = two_lines
    service = staff(SERVICE, language="fr")
    page = unescaped(text(page_of(service, order)))
    for fact in ["Prochaines étapes", "Bloquer", "Autorisé : 344,00\u00a0€", "Historique"]:
        assert fact in page, fact
    # The order's own facts too: 2 × 120.00 + 85.00 of products, 19.00 of express delivery.
    for fact in [
        "Produits : 325,00\u00a0€",
        "Livraison : 19,00\u00a0€",
        "Total : 344,00\u00a0€ = produits + livraison + droits + TVA à l'importation",
        "Facturation :",
        "(comprise dans les produits et la livraison)",
    ]:
        assert fact in page, fact
    done = act(service, order, "release")
    (message,) = said(done)
    assert message == (
        f"La commande {order.number} est dans l'état « enregistrée » : "
        "action impossible (débloquée)."
    )
    assert said(act(service, order, "block", reason=" ")) == [
        "Dites pourquoi la commande est bloquée."
    ]


def test_the_warehouse_and_finance_are_told_in_french_why_a_step_is_refused(two_lines):
    # proves: SITE-6
    # These refusals were marked for translation but never gathered into the
    # catalogue: a back office in French showed them in English.
    order, shirt, _scarf = two_lines
    shirt_line = order.lines.get(variant=shirt)
    warehouse, finance = staff(WAREHOUSE, language="fr"), staff(FINANCE, language="fr")
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        act(warehouse, order, "process")
        refused = {
            "too many": ship(warehouse, order, "6A12345678901", {shirt_line: 3}),
            "bad number": act(warehouse, order, "ship", carrier="colissimo", tracking_number="#1"),
            "unknown carrier": ship(warehouse, order, "6A12345678901", {shirt_line: 1}, "pigeon"),
            "nothing": act(
                warehouse, order, "ship", carrier="colissimo", tracking_number="6A12345678901"
            ),
        }
        assert {why: said(done) for why, done in refused.items()} == {
            "too many": [f"{shirt_line.product_name} : il n'en reste que 2 à expédier, pas 3."],
            "bad number": ["Un numéro de suivi compte de 8 à 40 lettres et chiffres."],
            "unknown carrier": ["Choisissez l'un des transporteurs de la boutique."],
            "nothing": ["Choisissez au moins un article à expédier."],
        }
        ship(warehouse, order, "6A12345678901", {shirt_line: 2})
    parcel = order.shipments.get()
    with clock.travel_to(paris(2026, 3, 4, 9, 0)):
        # Shipped on 3 March: delivered on the 2nd cannot be.
        early = act(
            warehouse, order, "mark_delivered", shipment=parcel.pk, delivered_on="2026-03-02"
        )
        assert said(early) == [
            "La date de livraison doit se situer entre la date d'expédition et aujourd'hui."
        ]
        act(warehouse, order, "mark_delivered", shipment=parcel.pk, delivered_on="2026-03-04")
        late = act(
            warehouse, order, "mark_delivered", shipment=parcel.pk, delivered_on="2026-03-04"
        )
        assert said(late) == ["Seul un colis en cours d'acheminement peut être noté comme livré."]
    refund = goodwill_refund_on_6_march(order)
    with clock.travel_to(paris(2026, 3, 10, 10, 0)):
        act(finance, order, "pay_refund", refund=refund.pk)
        again = act(finance, order, "pay_refund", refund=refund.pk)
    assert said(again) == ["Ce remboursement n'est pas à payer : il est dans l'état « remboursé »."]


def test_a_parcel_whose_capture_had_no_answer_is_finished_from_its_button_charged_once(
    two_lines, monkeypatch
):
    # proves: PAY-2, DEL-3
    from maison.payments.models import TestProviderOperation

    order, _shirt, _scarf = two_lines
    capture_answer_lost_once(monkeypatch)
    warehouse = staff(WAREHOUSE)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        act(warehouse, order, "process")
        everything = {line: line.quantity for line in order.lines.all()}
        done = ship(warehouse, order, "1Z999AA10123456784", everything, "ups")
        assert done.status_code == 200 and len(said(done)) == 1
        page = done.content.decode()
        # Waiting for its payment: the warehouse can only finish the parcel.
        assert buttons(page) == {"retry_capture"}
        assert "Captured: €0.00" in page
        done = act(warehouse, order, "retry_capture")
    assert said(done) == ["Parcel 1Z999AA10123456784 shipped; €344.00 charged."]
    assert "Captured: €344.00" in done.content.decode()
    assert TestProviderOperation.objects.filter(kind="capture", approved=True).count() == 1


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The order page's queries: the user; the overview (order and payment, lines,
# parcels, their lines, their refunds, refunds, events); the role's permissions
# (two); the admin's own read of the order; its invoices and credit notes; and
# the session, where sessions live in the database (without REDIS_URL).
ORDER_PAGE_BUDGET = 12 + (settings.SESSION_ENGINE == "django.contrib.sessions.backends.db")


def test_the_order_page_and_the_queue_cost_the_same_queries_for_a_big_order(store):
    shirt = factories.variant(price_minor=120_00, stock=20)
    small = place([(shirt, 1)], at=paris(2026, 3, 2, 10, 0))
    others = [factories.variant(price_minor=50_00 + n, stock=20) for n in range(4)]
    big = place([(shirt, 2), *[(v, 1) for v in others]], at=paris(2026, 3, 2, 10, 0))
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        # The small order: one line, one parcel. The big one: five lines, one
        # unavailable (a refund), three parcels, one delivered, a longer timeline.
        lifecycle.process(small, actor="wh")
        shipments.ship(
            small,
            {small.lines.get().pk: 1},
            carrier="colissimo",
            tracking_number="6A99999999999",
            actor="wh",
        )
        lifecycle.process(big, actor="wh", unavailable={big.lines.get(variant=others[0]).pk: 1})
        for line in big.lines.exclude(variant=others[0])[:3]:
            shipments.ship(
                big,
                {line.pk: 1},
                carrier="colissimo",
                tracking_number=f"6A1234567890{line.pk}",
                actor="wh",
            )
        first = big.shipments.first()
        shipments.mark_delivered(first, delivered_on=date(2026, 3, 3), actor="wh")
    boss = staff(WAREHOUSE)
    with clock.travel_to(paris(2026, 3, 4, 9, 0)):
        # Once first: a process's first admin page also fills Django's own caches.
        _queries(boss, reverse("admin:orders_order_change", args=[small.pk]))
        small_page = _queries(boss, reverse("admin:orders_order_change", args=[small.pk]))
        big_page = _queries(boss, reverse("admin:orders_order_change", args=[big.pk]))
        assert big_page == small_page <= ORDER_PAGE_BUDGET
        queue = reverse("admin:orders_order_changelist") + "?queue=authorisation_expiring"
        few = _queries(boss, queue)
        for n in range(5):
            place([(shirt, 1)], at=paris(2026, 3, 2, 11, n), email=f"buyer{n}@example.com")
        assert _queries(boss, queue) == few


def test_after_the_first_parcel_the_warehouse_cancels_a_damaged_line_from_the_page(two_lines):
    # proves: ORD-7, PRC-6
    order, shirt, scarf = two_lines
    shirt_line, scarf_line = order.lines.get(variant=shirt), order.lines.get(variant=scarf)
    warehouse = staff(WAREHOUSE)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        act(warehouse, order, "process")
        ship(warehouse, order, "6A12345678901", {shirt_line: 2})
    with clock.travel_to(paris(2026, 3, 4, 10, 0)):
        page = page_of(warehouse, order)
        assert buttons(page) == {
            "ship",
            "cancel_unavailable",
            "mark_delivered",
            "mark_returned_to_sender",
        }
        done = act(
            warehouse,
            order,
            "cancel_unavailable",
            reason="Torn while packing",
            **{f"unavailable-{scarf_line.pk}": "1"},
        )
    assert said(done) == ["The unavailable items are cancelled; they will not be charged."]
    page = done.content.decode()
    # The shirts' parcel took 240.00 + 19.00 × 240 / 325 = 14.03 (rounded down): 254.03.
    # The scarf was the last part: 85.00 and the delivery left, 4.97: 89.97, released.
    assert "Captured: €254.03" in page and "Released, never charged: €89.97" in page
    assert buttons(page) == {"mark_delivered", "mark_returned_to_sender"}


def test_a_blocked_order_part_of_which_shipped_offers_customer_service_the_cancel(two_lines):
    # proves: ORD-9
    order, shirt, _scarf = two_lines
    warehouse, service = staff(WAREHOUSE), staff(SERVICE)
    with clock.travel_to(paris(2026, 3, 3, 9, 0)):
        act(warehouse, order, "process")
        ship(warehouse, order, "6A12345678901", {order.lines.get(variant=shirt): 1})
        assert buttons(page_of(service, order)) == {"block"}
        done = act(service, order, "block", reason="Chargeback on the card")
        assert buttons(done.content.decode()) == {"release", "cancel"}
        done = act(service, order, "cancel", grounds="account", reason="Chargeback confirmed")
    assert said(done) == [f"Order {order.number} is cancelled."]
    # The shirt's parcel charged 120.00 + 19.00 × 120 / 325 = 7.01 (rounded down): refunded.
    page = done.content.decode()
    assert "Refunded: €127.01" in page and "Released, never charged: €216.99" in page
