"""Emails proved by a link sent to them: a new account's, or a member's new address.

Registering and changing one's email never say whether an address already has
an account (ACC-7, no account enumeration). The page answers the same; the
address itself is told, by email: a link to confirm it when it is free, a
short notice when an account already has it. Only the owner of the inbox
learns which.

The link is signed for one account and one email, dated by the store's clock,
and lasts `POLICY.confirm_link_hours`; it is built when the email is sent
(`accounts.emails`), never stored.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from maison import clock
from maison.notifications.services import queue_email
from maison.terms.policy import POLICY

from ..models import Profile, account_reference, normalise_email
from ..refusals import LINK_EXPIRED, LINK_INVALID, AccountRefused

User = get_user_model()
logger = logging.getLogger(__name__)

CONFIRM_SALT = "maison.accounts.confirm-email"


def confirm_token(user, email: str) -> str:
    """Signed for this account and this email, dated now by the store's clock.

    It also carries the account's current email, so that a link to change it
    stops working once the email has changed (by this link or another).
    """
    issued = int(clock.now().timestamp())
    return signing.dumps(
        {
            "user": user.pk,
            "email": normalise_email(email),
            "from": user.email,
            "pw": password_stamp(user),
            "at": issued,
        },
        salt=CONFIRM_SALT,
    )


def password_stamp(user) -> str:
    """A keyed digest of the account's password hash: it changes with the password.

    A confirmation link opens the account only with the password it was sent
    for. Someone who registers first with another person's email cannot have
    that person confirm an account whose password the intruder chose: when the
    owner registers in turn, the password is theirs and earlier links stop working.
    """
    return salted_hmac("maison.accounts.confirm-password", user.password).hexdigest()[:32]


def _invalid() -> AccountRefused:
    return AccountRefused(
        _("This link is not valid, or it has already been used."), code=LINK_INVALID
    )


def _read(token: str) -> dict:
    try:
        claim = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        raise _invalid() from None
    if not isinstance(claim, dict):
        raise _invalid()
    lifetime = timedelta(hours=POLICY.confirm_link_hours).total_seconds()
    if clock.now().timestamp() - claim.get("at", 0) > lifetime:
        raise AccountRefused(
            _("This link has expired. Please ask for a new one."),
            code=LINK_EXPIRED,
        )
    return claim


def awaiting_confirmation(user) -> bool:
    """An account opened on the site whose email has not been confirmed yet.

    It is closed (`is_active` false) and marked so; an account closed by the
    house, or erased, is closed too but awaits nothing.
    """
    return (
        not user.is_active
        and Profile.objects.filter(
            user=user, awaiting_confirmation=True, erased_at__isnull=True
        ).exists()
    )


def send_account_confirmation(user, language: str):
    """Queue the link that confirms a new account's email and opens the account."""
    return queue_email(
        user.email,
        "confirm_account",
        {"user": user.pk, "stamp": password_stamp(user)},
        reference=account_reference(user),
        language=language,
    )


def send_registration_notice(user, language: str):
    """Tell an account's owner that someone tried to register with their email."""
    return queue_email(
        user.email,
        "registration_attempt",
        {"user": user.pk},
        reference=account_reference(user),
        language=language,
    )


@transaction.atomic
def confirm_account(token: str):
    """Open the account the link was sent for: it can sign in from now on.

    Refused when the link is altered, expired, already used (the account is
    open), or for an account since erased or closed by the house.
    """
    claim = _read(token)
    user = User.objects.select_for_update().filter(pk=claim.get("user")).first()
    if user is None or user.email != claim.get("email") or not awaiting_confirmation(user):
        raise _invalid()
    if not constant_time_compare(str(claim.get("pw", "")), password_stamp(user)):
        raise _invalid()  # sent before the account was registered again
    user.is_active = True
    user.save(update_fields=["is_active"])
    Profile.objects.filter(user=user).update(awaiting_confirmation=False)
    return user


def ask_to_change_email(user, email: str, language: str) -> None:
    """Send the new address a link to confirm it; if an account has it, a notice instead.

    The member's email does not change until the link is opened; the caller
    answers the same in both cases (ACC-6, ACC-7).
    """
    email = normalise_email(email)
    holder = User.objects.filter(email=email).exclude(pk=user.pk).first()
    if holder is not None:
        if holder.is_active:
            queue_email(
                email,
                "email_change_attempt",
                {},
                reference=account_reference(holder),
                language=language,
            )
        return
    queue_email(
        email,
        "confirm_new_email",
        {"user": user.pk, "email": email},
        reference=account_reference(user),
        language=language,
    )


@transaction.atomic
def confirm_new_email(token: str):
    """Give the account the email the link was sent to, proved by opening it."""
    claim = _read(token)
    user = User.objects.select_for_update().filter(pk=claim.get("user"), is_active=True).first()
    email = claim.get("email", "")
    if user is None or user.email != claim.get("from") or not email:
        raise _invalid()
    if User.objects.filter(email=email).exclude(pk=user.pk).exists():
        raise AccountRefused(
            _("Another account has used this email since the link was sent."),
            code=LINK_INVALID,
        )
    user.email = email
    user.save(update_fields=["email"])
    return user


def forget_unconfirmed() -> int:
    """Delete accounts whose confirmation link expired unopened; how many were.

    Nobody proved the address was theirs, nobody can sign in, and no order can
    hang off such an account: keeping the names, phone and address typed in
    would be keeping personal data for nothing (ACC-6). The owner of the
    address may register again at any time.
    """
    cutoff = clock.now() - timedelta(hours=POLICY.confirm_link_hours)
    stale = User.objects.filter(
        is_active=False,
        profile__awaiting_confirmation=True,
        profile__erased_at__isnull=True,
        date_joined__lt=cutoff,
    )
    forgotten = 0
    for user in stale.iterator():
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:  # something the law keeps points at it: it stays
            logger.warning("unconfirmed account %s kept: protected rows refer to it", user.pk)
        else:
            forgotten += 1
    return forgotten
