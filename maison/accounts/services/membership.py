"""Registering, signing in, and keeping one's details (ACC-3, ACC-4, ACC-6, ACC-7)."""

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maison import clock

from .. import throttle
from ..models import Address, Profile, normalise_email
from ..refusals import (
    TOO_MANY_ATTEMPTS,
    WRONG_CREDENTIALS,
    AccountRefused,
)
from .addresses import AddressDetails
from .confirmation import (
    ask_to_change_email,
    awaiting_confirmation,
    send_account_confirmation,
    send_registration_notice,
)

User = get_user_model()


def too_many_attempts() -> AccountRefused:
    return AccountRefused(
        _("Too many attempts. Please try again in a few minutes."), code=TOO_MANY_ATTEMPTS
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
    language: str = "en",
):
    """Open an account (ACC-4), closed until its email is confirmed by the emailed link.

    Whatever the email, the caller answers the same "check your inbox" and the
    work is alike (one password hashed, one email queued), so registering never
    tells whether an address has an account (ACC-7). A new address gets a
    link that confirms it (`confirmation.confirm_account`); an address with an
    account gets a notice, and that account is not touched; one still awaiting
    its confirmation takes the new details and gets a new link (earlier links
    stop working). Returns the new account, or None. The
    caller has already checked the password rule.
    """
    email = normalise_email(email)
    existing = User.objects.select_for_update().filter(email=email).first()
    if existing is not None and awaiting_confirmation(existing):
        # Registered again before confirming: the latest details are the ones the
        # link opens, so whoever registered first cannot choose the password.
        _start_over(existing, password, first_name, last_name, phone, title, address)
        send_account_confirmation(existing, language)
        return None
    if existing is not None:
        make_password(password)  # as long as opening an account takes
        if existing.is_active:
            send_registration_notice(existing, language)
        # A closed or erased account gets nothing: the house does not write to it.
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email,
                password,
                first_name=first_name,
                last_name=last_name,
                is_active=False,
                date_joined=clock.now(),
            )
    except IntegrityError:  # the same email, registered a moment earlier: it has its email
        return None
    Profile.objects.create(user=user, title=title, phone=phone, awaiting_confirmation=True)
    if address is not None:
        Address.objects.create(user=user, is_default=True, **address.__dict__)
    send_account_confirmation(user, language)
    return user


def _start_over(user, password, first_name, last_name, phone, title, address) -> None:
    user.set_password(password)
    user.first_name, user.last_name = first_name, last_name
    # The latest registration is the one its link confirms, and the one from
    # which an unconfirmed account is forgotten (`confirmation.forget_unconfirmed`).
    user.date_joined = clock.now()
    user.save(update_fields=["password", "first_name", "last_name", "date_joined"])
    Profile.objects.filter(user=user).update(title=title, phone=phone)
    Address.objects.filter(user=user).delete()
    if address is not None:
        Address.objects.create(user=user, is_default=True, **address.__dict__)


def may_register(ip: str) -> None:
    """Registrations are limited per IP address (ACC-7): each one sends an email,
    and the form must not become a way to write to many addresses."""
    if not throttle.REGISTER_PER_IP.take(ip):
        raise too_many_attempts()


def may_change_email(user, email: str, ip: str) -> None:
    """Asking to change one's email sends an email to the new address: such
    requests count against the registrations' limit per IP address (ACC-7)."""
    if normalise_email(email) != user.email:
        may_register(ip)


def check_sign_in(email: str, password: str, *, ip: str):
    """The account these credentials open, or a refusal saying why not.

    Failed attempts are counted per account and per IP address (ACC-7), before
    the (slow) password check; past the policy's limit every attempt is
    refused, right or wrong, until the window ends. An account brought from
    the previous site has no password yet: it is refused as any wrong
    password is, and the page says how to set one (ACC-3). Signing the
    person in on a session is the caller's.
    """
    email = normalise_email(email)
    within_account = throttle.SIGN_IN_PER_ACCOUNT.take(email)
    within_ip = throttle.SIGN_IN_PER_IP.take(ip)
    if not (within_account and within_ip):
        raise too_many_attempts()
    user = authenticate(None, email=email, password=password)
    if user is None:
        # The same refusal for an unknown email, a wrong password and an account
        # brought from the previous site: the sign-in page tells everyone how to
        # set a first password (ACC-3) rather than telling who has an account.
        raise AccountRefused(
            _("This email and password do not match. Please try again."), code=WRONG_CREDENTIALS
        )
    throttle.SIGN_IN_PER_ACCOUNT.clear(email)
    throttle.SIGN_IN_PER_IP.give_back(ip)
    return user


def remember_country(user, country: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"country": country})


@transaction.atomic
def change_profile(
    user,
    *,
    first_name: str,
    last_name: str,
    phone: str,
    title: str = "",
    email: str = "",
    language: str = "en",
):
    """Rectification (ACC-6): the customer corrects what the house holds about them.

    A new email is not taken at once: the new address is sent a link that
    confirms it, or, when an account already has it, a notice; the answer is
    the same either way (ACC-7). Returns the account and whether a new email
    is awaiting confirmation.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    email = normalise_email(email) if email else user.email
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    Profile.objects.update_or_create(user=user, defaults={"title": title, "phone": phone})
    asked = email != user.email
    if asked:
        ask_to_change_email(user, email, language)
    return user, asked


@transaction.atomic
def set_password(user, password: str):
    """A new password, from the reset link or the account page; the caller validated it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
