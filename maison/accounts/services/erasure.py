"""Erasing an account at its owner's request (ACC-6, GDPR article 17)."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from maison import clock
from maison.aftersales import personal_data as aftersales_data
from maison.aftersales import queries as aftersales_queries
from maison.basket import services as basket_services
from maison.checkout import services as checkout_services
from maison.notifications import services as notifications
from maison.orders import queries as order_queries
from maison.orders import services as order_services
from maison.support import personal_data as support_data

from ..models import Profile, account_reference, normalise_email
from ..refusals import ORDERS_STILL_OPEN, RETURNS_STILL_OPEN, AccountRefused
from .addresses import forget_addresses
from .wishlist import forget_wishlist

logger = logging.getLogger(__name__)
User = get_user_model()


def erased_email_digest(email: str) -> str:
    """A keyed digest of an erased email: enough to recognise it, not to read it."""
    return salted_hmac("maison.accounts.erased", normalise_email(email)).hexdigest()


def refuse_while_orders_open(user) -> None:
    """An account stays while one of its orders is on its way or may still come back.

    Until an order is delivered and its withdrawal period is over, the buyer
    may cancel, withdraw or be refused a return, and the house must reach
    them to do what the law asks of it (GDPR article 17(3)(b)).
    """
    still_open = order_queries.still_open(user, clock.today())
    if still_open:
        numbers = ", ".join(order.number for order in still_open)
        raise AccountRefused(
            ngettext(
                "Your account cannot be deleted while order %(numbers)s is open: it is "
                "on its way, or can still be returned. Please try again once it is "
                "delivered and its return period is over, or contact us.",
                "Your account cannot be deleted while orders %(numbers)s are open: they "
                "are on their way, or can still be returned. Please try again once they "
                "are delivered and their return period is over, or contact us.",
                len(still_open),
            )
            % {"numbers": numbers},
            code=ORDERS_STILL_OPEN,
        )


def refuse_while_returns_open(user) -> None:
    """An account stays while one of its returns or claims is unfinished (RET-4, RET-6).

    A return may still be inspected or refunded, or a claim examined, weeks
    after the order's withdrawal period is over: the house owes the buyer an
    answer or their money, and must reach them (GDPR article 17(3)(b)).
    """
    unfinished = aftersales_queries.unfinished_of(user)
    if unfinished:
        raise AccountRefused(
            ngettext(
                "Your account cannot be deleted while your request %(references)s (a return "
                "or a claim) is being processed. Please try again once it is settled, or "
                "contact us.",
                "Your account cannot be deleted while your requests %(references)s (returns "
                "or claims) are being processed. Please try again once they are settled, or "
                "contact us.",
                len(unfinished),
            )
            % {"references": ", ".join(unfinished)},
            code=RETURNS_STILL_OPEN,
        )


@transaction.atomic
def erase_account(user) -> None:
    """Delete a person from the store, keeping what the law makes the house keep (ACC-6).

    Refused while an order, a return or a claim is open. Orders (and the invoices that will hang
    off them) must be kept for years: they stay, pseudonymised by the orders
    app; what the buyer wrote in returns and claims is blanked, and their
    messages to customer service deleted. Emails already sent stay as proof
    that they were sent (ORD-11),
    emptied of their text; emails not yet sent are dropped. Everything else
    about the person is deleted, each app deleting its own rows, and the user
    row is renamed and closed, so they can no longer sign in and their email
    is free to register again.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    refuse_while_orders_open(user)
    refuse_while_returns_open(user)
    placeholder = f"erased-{user.pk}@invalid"
    email = user.email
    orders = order_services.pseudonymise(user, placeholder)
    notifications.erase_emails(
        [
            account_reference(user),
            *[order.number for order in orders],
            *aftersales_data.references(orders),
            *support_data.references(email, orders),
        ],
        placeholder,
    )
    aftersales_data.erase(orders)
    support_data.erase(email, orders)
    forget_addresses(user)
    forget_wishlist(user)
    checkout_services.forget_customer(user)
    basket_services.forget_owner(user)
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "title": "",
            "phone": "",
            "country": "",
            "past_order_references": [],
            "erased_at": clock.now(),
            "erased_email_digest": erased_email_digest(email),
        },
    )
    user.email = placeholder
    user.first_name = user.last_name = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    logger.info("account %s erased at the customer's request", user.pk)
