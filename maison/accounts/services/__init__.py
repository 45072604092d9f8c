"""Every write on customer accounts, one module per thing a customer (or the house) does.

`membership` (register, sign in, profile, password), `confirmation` (emails
proved by a link), `password_reset`, `claims`
(guest orders joining the account), `addresses`, `wishlist` and `erasure`.
Services take values (an email, an IP address, a user), never a request, and
refuse with `AccountRefused` and a stable code; the storefront turns that into
a page. The names below are the ones other code calls.
"""

from ..refusals import AccountRefused
from .addresses import AddressDetails, add_address, change_address, delete_address
from .claims import claim_guest_orders, claim_token, claimable, send_claim_link
from .confirmation import (
    ask_to_change_email,
    confirm_account,
    confirm_new_email,
    confirm_token,
)
from .erasure import erase_account, erased_email_digest
from .membership import (
    change_profile,
    check_sign_in,
    may_change_email,
    may_register,
    register,
    remember_country,
    set_password,
)
from .password_reset import ask_for_password_reset, send_password_reset_link
from .wishlist import add_to_wishlist, merge_wishlist, remove_from_wishlist

__all__ = [
    "AccountRefused",
    "AddressDetails",
    "add_address",
    "add_to_wishlist",
    "ask_for_password_reset",
    "ask_to_change_email",
    "change_address",
    "change_profile",
    "check_sign_in",
    "claim_guest_orders",
    "claim_token",
    "claimable",
    "confirm_account",
    "confirm_new_email",
    "confirm_token",
    "delete_address",
    "erase_account",
    "erased_email_digest",
    "may_change_email",
    "may_register",
    "merge_wishlist",
    "register",
    "remember_country",
    "remove_from_wishlist",
    "send_claim_link",
    "send_password_reset_link",
    "set_password",
]
