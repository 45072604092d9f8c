"""Reserve, authorise, settle: no lock held while the provider answers, nothing left hanging."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from maison import clock
from maison.accounts import services as accounts
from maison.checkout import services, tasks
from maison.checkout.models import Checkout, PaymentAttempt
from maison.inventory.models import Stock
from maison.notifications.models import OutboxEmail
from maison.orders.limits import BuyerRefused
from maison.orders.models import Order, PurchaseLimit
from maison.payments.models import Payment, PaymentTransaction, TestProviderOperation
from maison.payments.providers.base import ProviderUnavailable
from maison.payments.providers.testing import TestProvider
from tests import factories
from tests.accounts.helpers import member

THREE_D_SECURE_CARD = "4000 0027 6000 3184"
# A Tuesday morning in Paris; the hold is 15 minutes, the grace 2 more.
PLACED = datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


class Crash(BaseException):
    """The process dies: nothing of the store's code runs after it."""


def settle_job_at(moment: datetime) -> dict:
    with clock.travel_to(moment):
        return tasks.settle_pending_attempts.call()


def test_the_provider_is_asked_with_no_transaction_open_and_the_stock_held(
    transactional_db, monkeypatch
):
    # proves: PRD-1, PAY-1
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=3)
    checkout = factories.ready_checkout([(coat, 2)])
    seen = {}
    real = TestProvider.authorize

    def watching(self, *args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        seen["held"] = Stock.objects.get(variant=coat).allocated
        seen["attempt"] = PaymentAttempt.objects.values_list("status", "idempotency_key").get()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(TestProvider, "authorize", watching)
    order = services.place_order(checkout, accepted_terms=True)
    assert seen == {
        "in_transaction": False,
        "held": 2,
        "attempt": ("pending", f"authorize-{checkout.token}-1"),
    }
    assert order.lines.get().quantity == 2
    assert PaymentAttempt.objects.get().status == "ordered"
    assert Stock.objects.get(variant=coat).allocated == 2


def test_a_crash_between_authorising_and_recording_is_settled_by_the_periodic_task(
    store, monkeypatch
):
    # proves: PAY-5, PRD-1, PAY-1
    coat = factories.variant(stock=4, price_minor=450_00)
    with clock.travel_to(PLACED):
        checkout = factories.ready_checkout([(coat, 1)])
        with monkeypatch.context() as patched:
            patched.setattr(services, "_record", lambda *a, **k: (_ for _ in ()).throw(Crash()))
            with pytest.raises(Crash):
                services.place_order(checkout, accepted_terms=True)
    # The provider authorised; the store recorded nothing but the pending attempt.
    assert TestProviderOperation.objects.get(kind="authorize").approved
    assert Order.objects.count() == 0
    assert Stock.objects.get(variant=coat).allocated == 1
    # 10:16, past the 15-minute hold but within the 2-minute grace: not yet.
    assert settle_job_at(PLACED + timedelta(minutes=16))["ordered"] == 0
    assert PaymentAttempt.objects.get().status == "pending"
    # 10:18: the job asks the provider by the attempt's key and confirms the order.
    assert settle_job_at(PLACED + timedelta(minutes=18)) == {
        "ordered": 1,
        "released": 0,
        "voided": 0,
        "unanswered": 0,
    }
    order = Order.objects.get()
    assert order.total_minor == 450_00 and order.payment.authorised_minor == 450_00
    assert OutboxEmail.objects.get(reference=order.number).template == "order_acknowledgment"
    assert not PaymentAttempt.objects.filter(status="pending").exists()
    # The one unit is the order's now, and no reservation is left besides it.
    assert Stock.objects.get(variant=coat).allocated == 1
    # Run again: nothing more happens.
    assert settle_job_at(PLACED + timedelta(minutes=19))["ordered"] == 0
    assert Order.objects.count() == 1 and Payment.objects.count() == 1


def test_an_order_that_cannot_be_recorded_is_voided_by_the_settle_job_and_released(
    store, monkeypatch
):
    # proves: PAY-5, PRD-1, PAY-4
    coat = factories.variant(stock=4)
    with clock.travel_to(PLACED):
        checkout = factories.ready_checkout([(coat, 1)])
        with monkeypatch.context() as patched:
            patched.setattr(services, "_record", lambda *a, **k: (_ for _ in ()).throw(Crash()))
            with pytest.raises(Crash):
                services.place_order(checkout, accepted_terms=True)
    given = TestProviderOperation.objects.get(kind="authorize")
    with monkeypatch.context() as patched:
        patched.setattr(
            services, "record_order", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("full"))
        )
        settled = settle_job_at(PLACED + timedelta(minutes=18))
    assert settled["released"] == 1 and settled["ordered"] == 0
    # The provider's authorisation survived the store's rolled-back transactions, and is voided.
    assert given.approved
    assert TestProviderOperation.objects.get(kind="void").reference == given.reference
    assert Stock.objects.get(variant=coat).allocated == 0
    attempt = PaymentAttempt.objects.get()
    assert (attempt.status, attempt.refusal_code) == ("failed", "order_not_recorded")
    assert Order.objects.count() == 0
    # The buyer tries again: a new attempt and a new authorisation, never the voided one replayed.
    with clock.travel_to(PLACED + timedelta(minutes=30)):
        order = services.place_order(Checkout.objects.get(), accepted_terms=True)
    assert list(
        PaymentAttempt.objects.order_by("number").values_list("idempotency_key", "status")
    ) == [
        (f"authorize-{checkout.token}-1", "failed"),
        (f"authorize-{checkout.token}-2", "ordered"),
    ]
    second = TestProviderOperation.objects.get(idempotency_key=f"authorize-{checkout.token}-2")
    assert second.reference != given.reference and order.payment.reference == second.reference
    assert Stock.objects.get(variant=coat).allocated == 1


def test_an_answer_lost_on_the_way_back_is_voided_by_the_settle_job(store, monkeypatch):
    # proves: PAY-5, PRD-1
    coat = factories.variant(stock=2)
    real = TestProvider.authorize

    def answer_lost(self, *args, **kwargs):
        real(self, *args, **kwargs)
        raise ProviderUnavailable("connection reset after the provider answered")

    checkout = factories.ready_checkout([(coat, 1)])
    with monkeypatch.context() as patched:
        patched.setattr(TestProvider, "authorize", answer_lost)
        with pytest.raises(services.PaymentFailed) as refused:
            services.place_order(checkout, accepted_terms=True)
    assert refused.value.code == "payment_unavailable"
    assert "could not reach the payment service" in refused.value.message
    # The buyer's unit is back on sale at once.
    assert Stock.objects.get(variant=coat).allocated == 0
    assert settle_job_at(clock.now())["voided"] == 1
    given = TestProviderOperation.objects.get(kind="authorize")
    assert TestProviderOperation.objects.get(kind="void").reference == given.reference
    assert settle_job_at(clock.now())["voided"] == 0


def test_pending_payments_count_against_a_buyer_limit(store):
    # proves: PRD-2
    bag = factories.variant(stock=10, price_minor=900_00)
    PurchaseLimit.objects.create(variant=bag, max_quantity=2, starts_on=clock.today())
    first = factories.ready_checkout([(bag, 2)], card=THREE_D_SECURE_CARD)
    # The bank's challenge is open: the two bags are held, not yet ordered.
    with pytest.raises(services.AuthenticationRequired):
        services.place_order(first, accepted_terms=True)
    second = factories.ready_checkout([(bag, 1)])
    with pytest.raises(BuyerRefused) as refused:
        services.place_order(second, accepted_terms=True)
    assert refused.value.code == "over_limit"
    assert "you have already ordered 2" in refused.value.message
    assert Stock.objects.get(variant=bag).allocated == 2


def test_erasing_an_account_with_a_payment_pending_leaves_no_stock_allocated(store):
    # proves: ACC-6, PRD-1
    buyer = member("ines@example.com")
    coat = factories.variant(stock=1)
    checkout = factories.ready_checkout([(coat, 1)], card=THREE_D_SECURE_CARD)
    Checkout.objects.filter(pk=checkout.pk).update(customer=buyer)
    with pytest.raises(services.AuthenticationRequired):
        services.place_order(checkout, accepted_terms=True)
    assert Stock.objects.get(variant=coat).allocated == 1
    accounts.erase_account(buyer)
    assert Stock.objects.get(variant=coat).allocated == 0
    attempt = PaymentAttempt.objects.get()
    assert (attempt.status, attempt.customer_id, attempt.email) == ("failed", None, "")
    # The settle job closes the challenge at the provider: it can no longer be approved.
    settle_job_at(clock.now())
    assert TestProviderOperation.objects.get(kind="authorize").code == "cancelled"
    assert PaymentTransaction.objects.count() == 0
