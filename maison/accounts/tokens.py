from datetime import UTC

from django.contrib.auth.tokens import PasswordResetTokenGenerator

from maison import clock


class ResetTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token, on the store's clock so tests can let a link expire.

    The token hashes the password and the last sign-in, so it stops working the
    moment it has been used (the password changed); it also stops after
    PASSWORD_RESET_TIMEOUT, which settings take from the policy (ACC-2).

    Django counts seconds from a naive datetime. Naive UTC is used here, not
    naive local time as Django's own `_now` does, so that a clock change for
    daylight saving never lengthens or shortens a link's life by an hour.
    """

    key_salt = "maison.accounts.tokens.ResetTokenGenerator"

    def _now(self):
        return clock.now().astimezone(UTC).replace(tzinfo=None)


reset_tokens = ResetTokenGenerator()
