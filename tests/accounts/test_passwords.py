import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from maison.accounts.validators import PolicyPasswordValidator
from maison.notifications.models import OutboxEmail
from maison.terms.policy import Policy

from .helpers import (
    PASSWORD,
    ask_for_reset,
    confirm_by_email,
    member,
    registered,
    reset_link_in,
    signed_in,
)

User = get_user_model()
RULE = (
    "Your password needs at least 8 characters, including at least 1 digit "
    "and 1 special character (such as ! ? # * or -)."
)
STATIC = Path(__file__).resolve().parents[2] / "maison" / "storefront" / "static" / "storefront"


def register(client, password, email="lou@example.com"):
    return client.post(
        reverse("storefront:register"),
        {
            "first_name": "Lou",
            "last_name": "Bernard",
            "email": email,
            "password": password,
            "phone": "+33 6 11 22 33 44",
        },
    )


def described_by(page: str, name: str) -> list[str]:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    assert 'type="password"' in tag, tag
    return re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()


def assert_rule_shown_before_the_field(page: str, name: str):
    """The rule is on the page above the field, and the field points at it."""
    ids = described_by(page, name)
    rule_at = page.index(f'id="{ids[0]}"')
    assert page[rule_at : rule_at + 400].count(RULE) == 1
    assert rule_at < page.index(f'name="{name}"')


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("abc", ["Use at least 8 characters: add 5 more.", "Add at least 1 digit."]),
        ("longenough!", ["Add at least 1 digit."]),
        ("longenough1", ["Add at least 1 special character, such as ! ? # * or -."]),
        ("sh0rt!", ["Use at least 8 characters: add 2 more."]),
    ],
)
def test_a_weak_password_is_refused_on_register_with_the_missing_part_named(
    client, store, password, missing
):
    # proves: ACC-1
    response = register(client, password)
    page = response.content.decode()
    assert response.status_code == 200
    for message in missing:
        assert message in page
    assert not User.objects.filter(email="lou@example.com").exists()
    assert "password_error" in " ".join(described_by(page, "password"))


def test_a_password_that_follows_the_rule_opens_the_account(client, store):
    # proves: ACC-1, ACC-4
    assert registered(register(client, "Tweed-jacket-7"))
    assert User.objects.get(email="lou@example.com").check_password("Tweed-jacket-7")


def test_the_rule_is_shown_before_typing_on_register_reset_and_change(client, store):
    # proves: ACC-1
    assert_rule_shown_before_the_field(
        client.get(reverse("storefront:register")).content.decode(), "password"
    )
    camille = member()
    ask_for_reset(client, camille.email)
    landing = client.get(reset_link_in(OutboxEmail.objects.get()))
    assert_rule_shown_before_the_field(client.get(landing.url).content.decode(), "new_password1")
    signed_in(client, camille)
    page = client.get(reverse("storefront:change-password")).content.decode()
    assert_rule_shown_before_the_field(page, "new_password1")


def test_a_weak_password_is_refused_on_reset_with_the_missing_part_named(client, store):
    # proves: ACC-1, ACC-2
    camille = member()
    ask_for_reset(client, camille.email)
    form_url = client.get(reset_link_in(OutboxEmail.objects.get())).url
    response = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    page = response.content.decode()
    assert "Add at least 1 digit." in page
    assert "Add at least 1 special character" in page
    camille.refresh_from_db()
    assert camille.check_password(PASSWORD)


def test_a_weak_password_is_refused_on_change_with_the_missing_part_named(client, store):
    # proves: ACC-1
    camille = member()
    signed_in(client, camille)
    response = client.post(
        reverse("storefront:change-password"),
        {"old_password": PASSWORD, "new_password1": "coat!", "new_password2": "coat!"},
    )
    page = response.content.decode()
    assert "Use at least 8 characters: add 3 more." in page
    assert "Add at least 1 digit." in page
    camille.refresh_from_db()
    assert camille.check_password(PASSWORD)


def test_changing_the_password_keeps_the_member_signed_in(client, store):
    # proves: ACC-1
    camille = member()
    signed_in(client, camille)
    response = client.post(
        reverse("storefront:change-password"),
        {
            "old_password": PASSWORD,
            "new_password1": "Wool-scarf-99",
            "new_password2": "Wool-scarf-99",
        },
    )
    assert response.status_code == 302
    assert "Your password is changed." in client.get(response.url).content.decode()
    camille.refresh_from_db()
    assert camille.check_password("Wool-scarf-99")


def test_the_rule_comes_from_the_policy():
    # proves: ACC-1
    strict = PolicyPasswordValidator(Policy(password_min_length=12))
    with pytest.raises(ValidationError) as refused:
        strict.validate("Tweed-jacket")  # 12 characters, no digit
    assert refused.value.messages == ["Add at least 1 digit."]
    with pytest.raises(ValidationError) as refused:
        strict.validate("Tweed-1")
    assert refused.value.messages == ["Use at least 12 characters: add 5 more."]
    assert "at least 12 characters" in strict.get_help_text()
    relaxed = PolicyPasswordValidator(Policy(password_needs_special=False))
    relaxed.validate("tweed123")
    assert "special" not in relaxed.get_help_text()


def test_password_fields_are_plain_password_fields_with_a_script_file_for_show_hide(client, store):
    # proves: ACC-1
    page = client.get(reverse("storefront:register")).content.decode()
    assert re.search(
        r'<div class="password-field" data-show-label="Show password">\s*<input type="password"',
        page,
    )
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all(" src=" in s for s in scripts)  # nothing inline: CSP-friendly
    assert 'src="/static/storefront/password-reveal.js"' in page
    script = (STATIC / "password-reveal.js").read_text()
    for behaviour in ['button.type = "button"', '"aria-pressed"', '"aria-controls"', "submit"]:
        assert behaviour in script


def test_passwords_are_stored_with_argon2(store, settings):
    # proves: ACC-7
    from maison import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert member().password.startswith("argon2$argon2id$")


def test_a_composed_and_a_decomposed_accent_are_one_password(client, store):
    # proves: ACC-1
    composed = "Jup\u00f3n-1"  # 7 characters: "ó" is one
    decomposed = "Jupo\u0301n-1"  # the same 7 on screen, 8 code points: "o" + an accent
    refused = register(client, decomposed).content.decode()
    assert "Use at least 8 characters: add 1 more." in refused
    assert not User.objects.filter(email="lou@example.com").exists()

    assert registered(register(client, "Jupo\u0301n-12"))
    assert confirm_by_email(client, "lou@example.com").status_code == 302
    lou = User.objects.get(email="lou@example.com")
    # Set on a device that decomposes accents, typed on one that composes them.
    assert lou.check_password("Jup\u00f3n-12")
    client.post(reverse("storefront:sign-out"))
    signed = client.post(
        reverse("storefront:sign-in"), {"email": "lou@example.com", "password": "Jup\u00f3n-12"}
    )
    assert signed.status_code == 302
    assert len(composed) == 7 and len(decomposed) == 8
