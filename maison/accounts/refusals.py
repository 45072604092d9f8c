"""Why an account action was refused: a stable code and a message the person can act on."""

from maison.refusals import Refused


class AccountRefused(Refused):
    """A change an account cannot take (codes below, mapped to pages by the storefront)."""

    code = "account_refused"


# The codes account services refuse with.
TOO_MANY_ATTEMPTS = "too_many_attempts"
WRONG_CREDENTIALS = "wrong_credentials"
LINK_INVALID = "link_invalid"
LINK_EXPIRED = "link_expired"
LINK_FOR_ANOTHER_ACCOUNT = "link_for_another_account"
ORDERS_STILL_OPEN = "orders_still_open"
RETURNS_STILL_OPEN = "returns_still_open"
