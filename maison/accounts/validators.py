"""The password rule of ACC-1, read from the policy so the page and the check agree."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maison.terms.policy import POLICY

from .models import normalise_password


def _is_special(character: str) -> bool:
    return not character.isalnum() and not character.isspace()


class PolicyPasswordValidator:
    """At least N characters, a digit and a special character (ACC-1).

    Every missing part is named in its own message, so a shopper who types a
    weak password learns at once everything there is to fix.
    """

    def __init__(self, policy=None):
        self.policy = policy or POLICY

    def validate(self, password, user=None):
        # The rule is checked on the password as it is stored (accounts.models).
        password = normalise_password(password)
        errors = []
        missing = self.policy.password_min_length - len(password)
        if missing > 0:
            errors.append(
                ValidationError(
                    ngettext(
                        "Use at least %(min)d characters: add %(missing)d more.",
                        "Use at least %(min)d characters: add %(missing)d more.",
                        missing,
                    )
                    % {"min": self.policy.password_min_length, "missing": missing},
                    code="password_too_short",
                )
            )
        if self.policy.password_needs_digit and not any(c.isdigit() for c in password):
            errors.append(ValidationError(_("Add at least 1 digit."), code="password_no_digit"))
        if self.policy.password_needs_special and not any(_is_special(c) for c in password):
            errors.append(
                ValidationError(
                    _("Add at least 1 special character, such as ! ? # * or -."),
                    code="password_no_special",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self):
        digit, special = self.policy.password_needs_digit, self.policy.password_needs_special
        if digit and special:
            text = _(
                "Your password needs at least %(min)d characters, including at least 1 digit "
                "and 1 special character (such as ! ? # * or -)."
            )
        elif digit:
            text = _("Your password needs at least %(min)d characters, including at least 1 digit.")
        elif special:
            text = _(
                "Your password needs at least %(min)d characters, including at least 1 special "
                "character (such as ! ? # * or -)."
            )
        else:
            text = _("Your password needs at least %(min)d characters.")
        return text % {"min": self.policy.password_min_length}
