"""Registering, signing in, and keeping one's details (ACC-3, ACC-4, ACC-6, ACC-7)."""

from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import throttle
from ..models import Address, Profile, normalise_email
from ..refusals import (
    EMAIL_TAKEN,
    TOO_MANY_ATTEMPTS,
    WRONG_CREDENTIALS,
    AccountRefused,
)
from .addresses import AddressDetails

User = get_user_model()


def _email_taken() -> AccountRefused:
    return AccountRefused(
        _(
            "An account already exists with this email. Sign in, or use "
            "“Forgot password” to set a new password."
        ),
        code=EMAIL_TAKEN,
        field="email",
    )


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
):
    """Open an account (ACC-4); the caller has already checked the password rule."""
    email = normalise_email(email)
    if User.objects.filter(email=email).exists():
        raise _email_taken()
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, password, first_name=first_name, last_name=last_name
            )
    except IntegrityError:  # the same email, registered a moment earlier
        raise _email_taken() from None
    Profile.objects.create(user=user, title=title, phone=phone)
    if address is not None:
        Address.objects.create(user=user, is_default=True, **address.__dict__)
    return user


def may_register(ip: str) -> None:
    """Registering says when an email is taken: attempts per address are limited,
    so the form cannot be used to test a list of emails (ACC-7)."""
    if not throttle.REGISTER_PER_IP.take(ip):
        raise too_many_attempts()


def may_change_email(user, email: str, ip: str) -> None:
    """Changing one's email says when another account has it, as registering does:
    such attempts count against the same limit per address, so a member cannot
    test a list of emails from the profile page either (ACC-7)."""
    if normalise_email(email) == user.email:
        return
    if not throttle.REGISTER_PER_IP.take(ip):
        raise too_many_attempts()


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
    user, *, first_name: str, last_name: str, phone: str, title: str = "", email: str = ""
):
    """Rectification (ACC-6): the customer corrects what the house holds about them."""
    user = User.objects.select_for_update().get(pk=user.pk)
    email = normalise_email(email) if email else user.email
    if email != user.email:
        if User.objects.filter(email=email).exclude(pk=user.pk).exists():
            raise AccountRefused(
                _("Another account already uses this email."), code=EMAIL_TAKEN, field="email"
            )
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
