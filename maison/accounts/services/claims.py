"""Guest orders joining the account that owns their email (ORD-10, DATA-4)."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from maison import clock
from maison.notifications.models import OutboxEmail
from maison.orders import queries as order_queries
from maison.orders import services as order_services
from maison.orders.models import Order
from maison.terms.policy import POLICY

from ..models import normalise_email
from ..refusals import LINK_EXPIRED, LINK_FOR_ANOTHER_ACCOUNT, LINK_INVALID, AccountRefused
from .links import email_link

CLAIM_SALT = "maison.accounts.claim-guest-orders"


def send_claim_link(user, language: str) -> OutboxEmail | None:
    """Email the account's own address a link that adds its guest orders to the account.

    Typing an email at registration proves nothing; opening a link sent to it
    does. The link is signed for this account and this email, and expires;
    it is made when the email is sent (`accounts.emails`).
    """
    if not user.email or not order_queries.guest_orders_of(user.email).exists():
        return None
    return email_link(user, "claim_orders", language)


def claim_token(user) -> str:
    """Signed for this account and email, dated by the store's clock."""
    issued = int(clock.now().timestamp())
    return signing.dumps({"user": user.pk, "email": user.email, "at": issued}, salt=CLAIM_SALT)


def claimable(user, token: str) -> list[Order]:
    """The guest orders a claim link offers to this signed-in member, or a refusal."""
    try:
        claim = signing.loads(token, salt=CLAIM_SALT)
    except signing.BadSignature:
        raise AccountRefused(_("This link is not valid."), code=LINK_INVALID) from None
    if claim.get("user") != user.pk or normalise_email(claim.get("email", "")) != user.email:
        raise AccountRefused(
            _("This link was sent to another account."), code=LINK_FOR_ANOTHER_ACCOUNT
        )
    lifetime = timedelta(hours=POLICY.claim_link_hours).total_seconds()
    if clock.now().timestamp() - claim.get("at", 0) > lifetime:
        raise AccountRefused(
            _("This link has expired. Please ask for a new one."), code=LINK_EXPIRED
        )
    return list(order_queries.guest_orders_of(user.email))


@transaction.atomic
def claim_guest_orders(user, token: str) -> list[Order]:
    orders = claimable(user, token)
    return order_services.join_account(orders, user)
