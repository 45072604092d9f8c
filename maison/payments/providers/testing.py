"""The built-in test provider that runs the demo and the tests (PAY-5).

Test cards (any future expiry, any 3-digit CVC):

| number              | outcome                          |
|---------------------|----------------------------------|
| 4242 4242 4242 4242 | approved                         |
| 4000 0000 0000 0002 | declined                         |
| 4000 0000 0000 9995 | declined: insufficient funds     |
| 4000 0000 0000 0119 | provider error                   |
| 4000 0000 0000 0408 | provider timeout                 |
| 4000 0027 6000 3184 | 3-D Secure challenge, then as answered |

The 3-D Secure card makes `authorize` answer `action_required` with the URL of
a challenge page this provider serves (`/<lang>/test-provider/challenge/<ref>/`,
Approve or Fail). The answer sends the buyer back to the store's return URL and
notifies the store by a signed webhook (see `maison.payments.webhooks`).

Every call waits `MAISON_TEST_PROVIDER_LATENCY_MS` milliseconds (0 by default)
before it answers, as a provider across a network does: benchmarks and the
oversell proof set it to see the store hold no lock while it waits.

An authorisation lapses `MAISON_TEST_PROVIDER_AUTH_DAYS` days (7 by default)
after it is given, as a card issuer's does: capturing it after that is
refused (`authorisation_expired`), and the store must authorise again (PAY-5).

Any other number is refused as "not a test card", so a real card can never be
entered into a store running this provider. The outcome travels inside the
token; the number itself is never stored.
"""

import json
import re
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from maison import clock
from maison.markets.money import Money

from .. import webhooks
from ..models import TestProviderOperation
from ..routers import PROVIDER_ALIAS
from ..tasks import deliver_webhook
from .base import CardRejected, CardToken, ProviderResult, ProviderUnavailable

TEST_CARDS = {
    "4242424242424242": "approve",
    "4000000000000002": "declined",
    "4000000000009995": "insufficient_funds",
    "4000000000000119": "error",
    "4000000000000408": "timeout",
    "4000002760003184": "challenge",
}


def notification(done: TestProviderOperation) -> dict:
    """The webhook's body: which call it is about, and its outcome."""
    return {
        "id": f"evt_{secrets.token_hex(12)}",
        "type": "authorization.updated",
        "idempotency_key": done.idempotency_key,
        "reference": done.reference,
        "code": done.code,
    }


def luhn_valid(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


def _network_wait() -> None:
    """Answer as late as a remote provider would (MAISON_TEST_PROVIDER_LATENCY_MS)."""
    latency = settings.MAISON_TEST_PROVIDER_LATENCY_MS
    if latency > 0:
        time.sleep(latency / 1000)


class TestProvider:
    __test__ = False  # the provider, not a test class
    name = "test"

    def tokenize(self, number: str, expiry_month: int, expiry_year: int, cvc: str) -> CardToken:
        number = "".join(number.split()).replace("-", "")
        # ASCII digits only: "²".isdigit() is true, and int("²") fails.
        if not re.fullmatch(r"[0-9]{12,19}", number) or not luhn_valid(number):
            raise CardRejected("This card number is not valid.")
        if not re.fullmatch(r"[0-9]{3,4}", cvc):
            raise CardRejected("The security code must be 3 or 4 digits.")
        today = clock.today()
        if not 1 <= expiry_month <= 12 or (expiry_year, expiry_month) < (today.year, today.month):
            raise CardRejected("This card has expired.")
        behaviour = TEST_CARDS.get(number)
        if behaviour is None:
            raise CardRejected("The test payment provider accepts only its test cards.")
        return CardToken(
            token=f"tok_{behaviour}_{secrets.token_hex(8)}", brand="Visa", last4=number[-4:]
        )

    def _replay(self, key: str, kind: str, amount: Money) -> ProviderResult | None:
        done = TestProviderOperation.objects.filter(idempotency_key=key).first()
        if done is None:
            return None
        if done.kind != kind or done.amount_minor != amount.minor:
            return ProviderResult(False, done.reference, "idempotency_key_reused")
        return self._answer(done)

    def _record(
        self, key, kind, reference, amount: Money, approved, code, return_url=""
    ) -> ProviderResult:
        try:
            # Its own savepoint: a key written at the same instant by a twin call
            # leaves the provider's connection usable for the replay below.
            with transaction.atomic(using=PROVIDER_ALIAS):
                done = TestProviderOperation.objects.create(
                    idempotency_key=key,
                    kind=kind,
                    reference=reference,
                    amount_minor=amount.minor,
                    currency=amount.currency,
                    approved=approved,
                    code=code,
                    return_url=return_url,
                )
        except IntegrityError:
            return self._replay(key, kind, amount)
        return self._answer(done)

    def _answer(self, done: TestProviderOperation) -> ProviderResult:
        if done.code == "action_required":
            path = reverse(
                "storefront:test-provider-challenge", kwargs={"reference": done.reference}
            )
            return ProviderResult(False, done.reference, done.code, action_url=path)
        result = ProviderResult(done.approved, done.reference, done.code)
        if done.kind == "authorize" and done.approved:
            return self._with_expiry(result, done.created_at)
        return result

    def authorize(
        self, token: str, amount: Money, idempotency_key: str, return_url: str = ""
    ) -> ProviderResult:
        _network_wait()
        if (replayed := self._replay(idempotency_key, "authorize", amount)) is not None:
            return replayed
        parts = token.split("_")
        behaviour = "_".join(parts[1:-1]) if len(parts) >= 3 and parts[0] == "tok" else "invalid"
        if behaviour == "error":
            raise ProviderUnavailable("The test provider reported an internal error.")
        if behaviour == "timeout":
            raise ProviderUnavailable("The test provider did not answer in time.")
        if amount.minor <= 0:
            return ProviderResult(False, "", "invalid_amount")
        reference = f"auth_{secrets.token_hex(10)}"
        if behaviour == "challenge":
            code, approved = "action_required", False
            return self._record(
                idempotency_key, "authorize", reference, amount, approved, code, return_url
            )
        approved = behaviour == "approve"
        code = "approved" if approved else behaviour
        return self._record(idempotency_key, "authorize", reference, amount, approved, code)

    def challenge(self, reference: str) -> TestProviderOperation | None:
        """The authorisation waiting for the buyer's 3-D Secure answer, if still open."""
        return TestProviderOperation.objects.filter(
            reference=reference, kind="authorize", code="action_required"
        ).first()

    def answer_challenge(self, reference: str, approved: bool) -> TestProviderOperation | None:
        """The buyer authenticated (or failed to): the authorisation is given from now, or not.

        Answered once: a second answer finds nothing open and returns None. The
        store is notified by a signed webhook, sent after the answer is saved.
        """
        code = "approved" if approved else "authentication_failed"
        answered = TestProviderOperation.objects.filter(
            reference=reference, kind="authorize", code="action_required"
        ).update(approved=approved, code=code, created_at=clock.now())
        if not answered:
            return None
        done = TestProviderOperation.objects.get(reference=reference, kind="authorize")
        if settings.MAISON_TEST_PROVIDER_WEBHOOK_URL:
            body = json.dumps(notification(done))
            deliver_webhook.enqueue(body, webhooks.sign(body.encode()))
        return done

    def lookup(self, idempotency_key: str) -> ProviderResult | None:
        """What the provider answered to `idempotency_key`, or None if it never saw it."""
        _network_wait()
        done = TestProviderOperation.objects.filter(idempotency_key=idempotency_key).first()
        return None if done is None else self._answer(done)

    def _with_expiry(self, result: ProviderResult, given_at) -> ProviderResult:
        lifetime = timedelta(days=settings.MAISON_TEST_PROVIDER_AUTH_DAYS)
        return ProviderResult(result.approved, result.reference, result.code, given_at + lifetime)

    def _expired(self, reference: str) -> bool:
        given = TestProviderOperation.objects.filter(
            reference=reference, kind="authorize", approved=True
        ).first()
        lifetime = timedelta(days=settings.MAISON_TEST_PROVIDER_AUTH_DAYS)
        return given is not None and clock.now() > given.created_at + lifetime

    def _sum(self, reference: str, kind: str) -> int:
        ops = TestProviderOperation.objects.filter(reference=reference, kind=kind, approved=True)
        return sum(op.amount_minor for op in ops)

    def capture(self, reference: str, amount: Money, idempotency_key: str) -> ProviderResult:
        _network_wait()
        if (replayed := self._replay(idempotency_key, "capture", amount)) is not None:
            return replayed
        open_amount = self._sum(reference, "authorize") - self._sum(reference, "capture")
        voided = self._sum(reference, "void") > 0
        if self._expired(reference):
            return self._record(
                idempotency_key, "capture", reference, amount, False, "authorisation_expired"
            )
        ok = 0 < amount.minor <= open_amount and not voided
        code = "captured" if ok else "amount_exceeds_authorisation"
        return self._record(idempotency_key, "capture", reference, amount, ok, code)

    def void(self, reference: str, idempotency_key: str) -> ProviderResult:
        _network_wait()
        remaining = self._sum(reference, "authorize") - self._sum(reference, "capture")
        amount = Money(max(remaining, 0), "XXX")
        if (replayed := self._replay(idempotency_key, "void", amount)) is not None:
            return replayed
        # A challenge still open is closed: the buyer can no longer approve it.
        TestProviderOperation.objects.filter(
            reference=reference, kind="authorize", code="action_required"
        ).update(code="cancelled")
        return self._record(idempotency_key, "void", reference, amount, True, "voided")

    def refund(self, reference: str, amount: Money, idempotency_key: str) -> ProviderResult:
        _network_wait()
        if (replayed := self._replay(idempotency_key, "refund", amount)) is not None:
            return replayed
        refundable = self._sum(reference, "capture") - self._sum(reference, "refund")
        ok = 0 < amount.minor <= refundable
        code = "refunded" if ok else "amount_exceeds_capture"
        return self._record(idempotency_key, "refund", reference, amount, ok, code)
