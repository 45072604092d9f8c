import pytest

from maison.checkout import services
from maison.markets.money import Money
from maison.payments.models import Payment, TestProviderOperation
from maison.payments.providers.base import CardRejected
from maison.payments.providers.testing import TestProvider
from tests import factories

EUR = lambda minor: Money(minor, "EUR")  # noqa: E731


@pytest.fixture
def provider(db):
    return TestProvider()


def test_documented_cards_behave_as_documented(provider):
    # proves: PAY-5
    outcomes = {}
    for number in ["4242424242424242", "4000000000000002", "4000000000009995"]:
        token = provider.tokenize(number, 12, 2099, "123").token
        result = provider.authorize(token, EUR(100_00), f"key-{number}")
        outcomes[number] = (result.approved, result.code)
    assert outcomes == {
        "4242424242424242": (True, "approved"),
        "4000000000000002": (False, "declined"),
        "4000000000009995": (False, "insufficient_funds"),
    }


def test_a_retried_key_returns_the_first_answer_and_charges_once(provider):
    # proves: PAY-5
    token = provider.tokenize("4242 4242 4242 4242", 12, 2099, "123").token
    first = provider.authorize(token, EUR(50_00), "order-1")
    again = provider.authorize(token, EUR(50_00), "order-1")
    assert first == again
    assert TestProviderOperation.objects.filter(kind="authorize").count() == 1
    reused = provider.authorize(token, EUR(60_00), "order-1")
    assert not reused.approved and reused.code == "idempotency_key_reused"


def test_captures_and_refunds_cannot_exceed_what_was_authorised_or_captured(provider):
    # proves: PAY-5, PAY-2
    token = provider.tokenize("4242424242424242", 12, 2099, "123").token
    auth = provider.authorize(token, EUR(100_00), "a")
    assert not provider.capture(auth.reference, EUR(100_01), "c1").approved
    assert provider.capture(auth.reference, EUR(60_00), "c2").approved
    assert not provider.capture(auth.reference, EUR(40_01), "c3").approved
    assert not provider.refund(auth.reference, EUR(60_01), "r1").approved
    assert provider.refund(auth.reference, EUR(60_00), "r2").approved
    assert provider.void(auth.reference, "v1").approved


def test_unknown_or_invalid_cards_are_refused_before_any_payment(provider):
    with pytest.raises(CardRejected, match="only its test cards"):
        provider.tokenize("4111111111111111", 12, 2099, "123")
    with pytest.raises(CardRejected, match="not valid"):
        provider.tokenize("4242424242424241", 12, 2099, "123")
    with pytest.raises(CardRejected, match="security code"):
        provider.tokenize("4242424242424242", 12, 2099, "12")


def test_only_the_brand_and_last_four_digits_are_stored(store):
    # proves: PAY-5
    order = services.place_order(
        factories.ready_checkout([(factories.variant(), 1)]), accepted_terms=True
    )
    payment = Payment.objects.get(pk=order.payment_id)
    assert (payment.card_brand, payment.card_last4) == ("Visa", "4242")
    from django.db import connection

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — table names come from the schema
            assert "4242424242424242" not in repr(cursor.fetchall()), table


def test_digits_that_are_not_ascii_are_refused_not_crashed_on(provider):
    with pytest.raises(CardRejected, match="not valid"):
        provider.tokenize("4242424242424²42", 12, 2099, "123")
    with pytest.raises(CardRejected, match="security code"):
        provider.tokenize("4242424242424242", 12, 2099, "1²3")


def test_the_provider_answers_after_the_configured_latency(provider, settings):
    # proves: PAY-5
    import time

    settings.MAISON_TEST_PROVIDER_LATENCY_MS = 60
    token = provider.tokenize("4242424242424242", 12, 2099, "123").token
    started = time.monotonic()
    auth = provider.authorize(token, EUR(100_00), "slow")
    assert provider.lookup("slow") == auth
    provider.void(auth.reference, "slow-void")
    # Three calls, each waiting 60 ms.
    assert time.monotonic() - started >= 0.18


def test_lookup_tells_a_lost_answer_from_a_call_never_received(provider):
    # proves: PAY-5
    token = provider.tokenize("4242424242424242", 12, 2099, "123").token
    given = provider.authorize(token, EUR(80_00), "answer-lost")
    assert provider.lookup("answer-lost") == given and given.approved
    assert provider.lookup("never-sent") is None
