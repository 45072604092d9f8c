"""Every write on customer accounts: one function per thing a customer (or the house) does."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from maison import clock
from maison.basket.models import Basket
from maison.catalog.models import Product
from maison.checkout.models import Checkout
from maison.notifications.models import OutboxEmail
from maison.notifications.services import queue_email
from maison.orders.models import Order
from maison.orders.services import record_event
from maison.terms.policy import POLICY

from . import throttle
from .models import Address, Profile, WishlistItem, account_reference, normalise_email
from .queries import emails_about, needs_new_password
from .tokens import reset_tokens

logger = logging.getLogger(__name__)
User = get_user_model()

# The guest wishlist: product ids kept in the session until the shopper signs in.
WISHLIST_SESSION_KEY = "wishlist"
# The address fields blanked when an order is pseudonymised; the country stays,
# as the tax charged on a kept order and invoice depends on it.
PERSONAL_ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "line1",
    "line2",
    "postal_code",
    "city",
    "phone",
)


class AccountRefused(Exception):
    """A change an account cannot take, with what the customer can do about it."""

    def __init__(
        self, message: str, *, field: str | None = None, code: str = "", status: int = 200
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.status = status


@dataclass(frozen=True)
class AddressDetails:
    first_name: str
    last_name: str
    line1: str
    postal_code: str
    city: str
    country: str
    line2: str = ""
    phone: str = ""


def _email_taken() -> AccountRefused:
    return AccountRefused(
        _(
            "An account already exists with this email. Sign in, or use "
            "“Forgot password” to set a new password."
        ),
        field="email",
    )


@transaction.atomic
def register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    phone: str,
    title: str = "",
    address: AddressDetails | None = None,
):
    """Open an account (ACC-4); the caller has already checked the password rule."""
    email = normalise_email(email)
    if User.objects.filter(email=email).exists():
        raise _email_taken()
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                first_name=first_name,
                last_name=last_name,
            )
    except IntegrityError:  # the same email, registered a moment earlier
        raise _email_taken() from None
    Profile.objects.create(user=user, title=title, phone=phone)
    if address is not None:
        Address.objects.create(user=user, is_default=True, **address.__dict__)
    return user


def client_ip(request) -> str:
    """The shopper's address, for rate limits (ACC-7).

    Behind a load balancer REMOTE_ADDR is the balancer's, shared by every
    shopper; with MAISON_TRUSTED_PROXIES set to the number of proxies in front
    of the store, the address they append to X-Forwarded-For is used instead.
    """
    proxies = settings.MAISON_TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _too_many_attempts() -> AccountRefused:
    return AccountRefused(_("Too many attempts. Please try again in a few minutes."), status=429)


def sign_in(request, email: str, password: str):
    """Check an email and password and sign the person in, or say why not.

    Failed attempts are counted per account and per IP address (ACC-7); past
    the policy's limit every attempt is refused, right or wrong, until the
    window ends. An account brought from the previous site has no password
    yet, and is told to use "Forgot password" (ACC-3).
    """
    email = normalise_email(email)
    ip = client_ip(request)
    within_account = throttle.SIGN_IN_PER_ACCOUNT.take(email)
    within_ip = throttle.SIGN_IN_PER_IP.take(ip)
    if not (within_account and within_ip):
        raise _too_many_attempts()
    user = authenticate(request, email=email, password=password)
    if user is None:
        if needs_new_password(email):
            raise AccountRefused(
                _(
                    "If you already have an account but have not yet set your password on "
                    "our new site, please click “Forgot password” to choose one."
                ),
                code="legacy_account",
            )
        raise AccountRefused(_("This email and password do not match. Please try again."))
    throttle.SIGN_IN_PER_ACCOUNT.clear(email)
    throttle.SIGN_IN_PER_IP.give_back(ip)
    signed_in(request, user)
    return user


def signed_in(request, user) -> None:
    """Sign a person in on this request: the one door every way of signing in goes through.

    For now it does two things. Django's `login` gives the session a new id,
    so an id planted on the shopper before sign-in is worthless (ACC-7), while
    keeping the session's contents (the guest basket stays in it). Then the
    products hearted as a guest join the member's wishlist. Whatever else must
    follow a sign-in, such as merging the guest basket into the member's,
    belongs here too.
    """
    guest_wishlist = list(request.session.get(WISHLIST_SESSION_KEY, []))
    login(request, user, backend="maison.accounts.backends.EmailBackend")
    if guest_wishlist:
        merge_wishlist(user, guest_wishlist)
    request.session.pop(WISHLIST_SESSION_KEY, None)


def remember_country(user, country: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"country": country})


@transaction.atomic
def change_profile(
    user, *, first_name: str, last_name: str, phone: str, title: str = "", email: str = ""
):
    """Rectification (ACC-6): the customer corrects what the house holds about them."""
    user = User.objects.select_for_update().get(pk=user.pk)
    email = normalise_email(email) if email else user.email
    if email != user.email:
        if User.objects.filter(email=email).exclude(pk=user.pk).exists():
            raise AccountRefused(_("Another account already uses this email."), field="email")
        user.email = email
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["email", "first_name", "last_name"])
    Profile.objects.update_or_create(user=user, defaults={"title": title, "phone": phone})
    return user


@transaction.atomic
def set_password(user, password: str):
    """A new password, from the reset link or the account page; the caller validated it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# ---- password reset (ACC-2) ----------------------------------------------------------


def ask_for_password_reset(request, email: str, language: str) -> None:
    """Queue the search for the account and its reset email, whatever the email.

    The request that asks does exactly the same work for a known and an
    unknown email (put one task in the queue), so neither its answer nor its
    duration tells a stranger whether an account exists (ACC-2). Requests are
    counted per email and per IP address, known or not (ACC-7).
    """
    from .tasks import send_password_reset_link

    email = normalise_email(email)
    ip = client_ip(request)
    within_account = throttle.RESET_PER_ACCOUNT.take(email)
    within_ip = throttle.RESET_PER_IP.take(ip)
    if not (within_account and within_ip):
        raise _too_many_attempts()
    send_password_reset_link.enqueue(email, language)


@transaction.atomic
def send_password_reset_link(email: str, language: str) -> OutboxEmail | None:
    """Email a single-use, expiring reset link if an active account has this email."""
    user = User.objects.filter(email=normalise_email(email), is_active=True).first()
    if user is None or not user.email:
        return None
    token = reset_tokens.make_token(user)
    args = [urlsafe_base64_encode(force_bytes(user.pk)), token]
    return _email_link(
        user, "password_reset", "storefront:password-reset", args, POLICY.reset_link_hours, language
    )


def _email_link(user, template: str, url_name: str, args, hours: int, language: str):
    """Queue an email to the account's own address carrying one expiring link.

    The link is reversed in the language the person asked in, so it opens there.
    """
    with translation.override(language):
        path = reverse(url_name, args=args)
    return queue_email(
        user.email,
        template,
        {
            "first_name": user.first_name,
            "link_url": settings.MAISON_BASE_URL + path,
            "hours": hours,
        },
        reference=account_reference(user),
        language=language,
    )


# ---- guest orders joining the account (ORD-10, DATA-4) -------------------------------

CLAIM_SALT = "maison.accounts.claim-guest-orders"


def unclaimed_guest_orders(email: str):
    return Order.objects.filter(customer__isnull=True, email__iexact=email)


def send_claim_link(user, language: str) -> OutboxEmail | None:
    """Email the account's own address a link that adds its guest orders to the account.

    Typing an email at registration proves nothing; opening a link sent to it
    does. The link is signed for this account and this email, and expires.
    """
    if not user.email or not unclaimed_guest_orders(user.email).exists():
        return None
    return _email_link(
        user,
        "claim_orders",
        "storefront:claim-orders",
        [claim_token(user)],
        POLICY.claim_link_hours,
        language,
    )


def claim_token(user) -> str:
    """Signed for this account and email, dated by the store's clock."""
    issued = int(clock.now().timestamp())
    return signing.dumps({"user": user.pk, "email": user.email, "at": issued}, salt=CLAIM_SALT)


def claimable(user, token: str) -> list[Order]:
    """The guest orders a claim link offers to this signed-in member, or a refusal."""
    try:
        claim = signing.loads(token, salt=CLAIM_SALT)
    except signing.BadSignature:
        raise AccountRefused(_("This link is not valid.")) from None
    if claim.get("user") != user.pk or normalise_email(claim.get("email", "")) != user.email:
        raise AccountRefused(_("This link was sent to another account."), status=403)
    lifetime = timedelta(hours=POLICY.claim_link_hours).total_seconds()
    if clock.now().timestamp() - claim.get("at", 0) > lifetime:
        raise AccountRefused(_("This link has expired. Please ask for a new one."))
    return list(unclaimed_guest_orders(user.email))


@transaction.atomic
def claim_guest_orders(user, token: str) -> list[Order]:
    orders = claimable(user, token)
    for order in orders:
        Order.objects.filter(pk=order.pk, customer__isnull=True).update(customer=user)
        record_event(
            order, "claimed", "Guest order added to the customer's account.", actor="customer"
        )
    return orders


# ---- address book (ACC-5) ------------------------------------------------------------


def _only_default(keep: Address) -> None:
    Address.objects.filter(user_id=keep.user_id, is_default=True).exclude(pk=keep.pk).update(
        is_default=False
    )


@transaction.atomic
def add_address(user, details: AddressDetails, *, make_default: bool = False) -> Address:
    first = not Address.objects.filter(user=user).exists()
    address = Address.objects.create(
        user=user, is_default=make_default or first, **details.__dict__
    )
    if address.is_default:
        _only_default(address)
    return address


@transaction.atomic
def change_address(address: Address, details: AddressDetails, *, make_default: bool) -> Address:
    for name, value in details.__dict__.items():
        setattr(address, name, value)
    address.is_default = make_default or address.is_default
    address.save()
    if address.is_default:
        _only_default(address)
    return address


@transaction.atomic
def delete_address(address: Address) -> None:
    user_id, was_default = address.user_id, address.is_default
    address.delete()
    if was_default:
        successor = Address.objects.filter(user_id=user_id).order_by("id").first()
        if successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default"])


# ---- wishlist (SITE-1, ACC-5) --------------------------------------------------------


def add_to_wishlist(user, product: Product) -> None:
    WishlistItem.objects.get_or_create(
        user=user, product=product, defaults={"added_at": clock.now()}
    )


def remove_from_wishlist(user, product: Product) -> None:
    WishlistItem.objects.filter(user=user, product=product).delete()


@transaction.atomic
def merge_wishlist(user, product_ids) -> None:
    """A guest's hearts join the member's wishlist on sign-in, without duplicates."""
    known = set(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True))
    wanted = Product.objects.filter(pk__in=[int(p) for p in product_ids]).exclude(pk__in=known)
    now = clock.now()
    WishlistItem.objects.bulk_create(
        [WishlistItem(user=user, product=p, added_at=now) for p in wanted],
        ignore_conflicts=True,
    )


# ---- erasure (ACC-6) -----------------------------------------------------------------


def erased_email_digest(email: str) -> str:
    """A keyed digest of an erased email: enough to recognise it, not to read it."""
    from django.utils.crypto import salted_hmac

    return salted_hmac("maison.accounts.erased", normalise_email(email)).hexdigest()


def _pseudonymise_address(address: dict) -> dict:
    return {**address, **{name: "" for name in PERSONAL_ADDRESS_FIELDS if name in address}}


@transaction.atomic
def erase_account(user) -> None:
    """Delete a person from the store, keeping what the law makes the house keep (ACC-6).

    Orders (and the invoices that will hang off them) must be kept for years,
    so they stay, without the name, email, phone or street address: the
    country stays because the tax charged depends on it. Every order records
    the erasure in its event log (DATA-2). Emails already sent stay as proof
    that they were sent (ORD-11), emptied of their text; emails not yet sent
    are dropped. Everything else about the person is deleted, and the user row
    is renamed and closed, so they can no longer sign in and their email is
    free to register again.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    now = clock.now()
    placeholder = f"erased-{user.pk}@invalid"
    email = user.email
    orders = list(Order.objects.select_for_update().filter(customer=user))
    for order in orders:
        order.email = placeholder
        order.shipping_address = _pseudonymise_address(order.shipping_address)
        order.billing_address = _pseudonymise_address(order.billing_address)
        order.save(update_fields=["email", "shipping_address", "billing_address"])
        record_event(
            order,
            "personal_data_erased",
            "Personal data erased at the customer's request.",
            actor="customer",
        )
    theirs = emails_about(user, orders)
    theirs.filter(status=OutboxEmail.Status.PENDING).delete()
    theirs.update(
        to=placeholder,
        subject="[erased at the customer's request]",
        text_body="[erased at the customer's request]",
        html_body="<p>[erased at the customer's request]</p>",
    )
    Address.objects.filter(user=user).delete()
    WishlistItem.objects.filter(user=user).delete()
    # Checkouts hold the addresses typed; the basket goes with them.
    Checkout.objects.filter(customer=user).delete()
    Basket.objects.filter(owner=user).delete()
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "title": "",
            "phone": "",
            "past_order_references": [],
            "erased_at": now,
            "erased_email_digest": erased_email_digest(email) if email else "",
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
