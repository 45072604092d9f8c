"""How the account emails are filled when sent; their links are built only then.

A reset or claim link is a key to the account: it goes into the message sent
to the account's own address and nowhere else. The outbox keeps the email
with the link redacted (see `maison.notifications.rendering`). A reset token
made at send time counts its lifetime from then (ACC-2).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from maison.notifications.rendering import register
from maison.terms.policy import POLICY

from .services.claims import claim_token
from .services.confirmation import awaiting_confirmation, confirm_token, password_stamp
from .tokens import reset_tokens

User = get_user_model()


def _account(context: dict, hours: int) -> dict:
    # A closed account gets nothing (DoesNotExist: the email is dropped).
    user = User.objects.get(pk=context["user"], is_active=True)
    return {"user": user, "first_name": user.first_name, "hours": hours}


def _awaiting(context: dict) -> dict:
    # An account opened since, or erased, gets no confirmation link.
    user = User.objects.get(pk=context["user"], is_active=False)
    if not awaiting_confirmation(user):
        raise User.DoesNotExist("this account is not awaiting confirmation")
    if context.get("stamp") != password_stamp(user):
        # Registered again since: only the email of that registration is sent.
        raise User.DoesNotExist("this account was registered again")
    return {"user": user, "first_name": user.first_name, "hours": POLICY.confirm_link_hours}


def _new_email(context: dict) -> dict:
    user = User.objects.get(pk=context["user"], is_active=True)
    return {
        "user": user,
        "email": context["email"],
        "hours": POLICY.confirm_link_hours,
    }


def _link(url_name: str, args) -> str:
    """The absolute link, in the email's language (the active one), so it opens there."""
    return settings.MAISON_BASE_URL + reverse(url_name, args=args)


def _reset_link(variables: dict) -> dict[str, str]:
    user = variables["user"]
    args = [urlsafe_base64_encode(force_bytes(user.pk)), reset_tokens.make_token(user)]
    return {"link_url": _link("storefront:password-reset", args)}


def _confirm_account_link(variables: dict) -> dict[str, str]:
    user = variables["user"]
    return {"link_url": _link("storefront:confirm-account", [confirm_token(user, user.email)])}


def _confirm_email_link(variables: dict) -> dict[str, str]:
    token = confirm_token(variables["user"], variables["email"])
    return {"link_url": _link("storefront:confirm-email", [token])}


def _public_links(context: dict) -> dict:
    """The sign-in and "forgot password" pages: no secret, the same for everyone."""
    return {
        "sign_in_url": _link("storefront:sign-in", []),
        "reset_url": _link("storefront:forgot-password", []),
    }


def _claim_link(variables: dict) -> dict[str, str]:
    return {"link_url": _link("storefront:claim-orders", [claim_token(variables["user"])])}


register(
    "password_reset",
    load=lambda context: _account(context, POLICY.reset_link_hours),
    secret_links=_reset_link,
)
register(
    "claim_orders",
    load=lambda context: _account(context, POLICY.claim_link_hours),
    secret_links=_claim_link,
)
register("confirm_account", load=_awaiting, secret_links=_confirm_account_link)
register("confirm_new_email", load=_new_email, secret_links=_confirm_email_link)
register(
    "registration_attempt",
    load=lambda context: {**_account(context, 0), **_public_links(context)},
)
register("email_change_attempt", load=_public_links)
