"""The one interface every payment provider sits behind (PAY-5)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from maison.markets.money import Money


@dataclass(frozen=True)
class CardToken:
    token: str
    brand: str
    last4: str


@dataclass(frozen=True)
class ProviderResult:
    approved: bool
    reference: str
    code: str
    # An authorisation's end, when the provider says (PAY-5).
    expires_at: datetime | None = None
    # 3-D Secure: where the buyer must go to authenticate (code `action_required`).
    action_url: str = ""

    @property
    def action_required(self) -> bool:
        return self.code == "action_required"


class CardRejected(Exception):
    """The card details cannot be used at all (bad number, expired)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ProviderUnavailable(Exception):
    """The provider failed or did not answer in time; nothing is known to be charged."""


class PaymentProvider(Protocol):
    name: str

    def tokenize(self, number: str, expiry_month: int, expiry_year: int, cvc: str) -> CardToken: ...

    # `return_url`: where a 3-D Secure challenge sends the buyer back to.
    def authorize(
        self, token: str, amount: Money, idempotency_key: str, return_url: str = ""
    ) -> ProviderResult: ...

    def capture(self, reference: str, amount: Money, idempotency_key: str) -> ProviderResult: ...

    def void(self, reference: str, idempotency_key: str) -> ProviderResult: ...

    def refund(self, reference: str, amount: Money, idempotency_key: str) -> ProviderResult: ...

    # The first answer given to a key, or None if the provider never received that call:
    # how the store settles an attempt whose answer it lost (a crash, a timeout).
    def lookup(self, idempotency_key: str) -> ProviderResult | None: ...
