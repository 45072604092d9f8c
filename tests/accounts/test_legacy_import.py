import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from maison.accounts import services
from maison.accounts.models import Address, Profile
from maison.notifications.models import OutboxEmail

from .helpers import choose_password, member, reset_link_in, signed_in

User = get_user_model()
HEADER = (
    "email,first_name,last_name,phone,title,address_line1,address_line2,postal_code,city,"
    "country,past_order_references\n"
)
GOOD = (
    "Ines.Moreau@Example.com,Inès,Moreau,+33 6 12 34 56 78,Mme,8 rue du Bac,2e étage,75007,"
    "Paris,FR,A-1001;A-1002\n"
)
LEGACY_MESSAGE = (
    "If you already have an account but have not yet set your password on our new site, "
    "please click “Forgot password” to choose one."
)


def run_import(tmp_path, *rows, header=HEADER):
    file = tmp_path / "customers.csv"
    file.write_text(header + "".join(rows), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_legacy_accounts", str(file), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imported_customers_keep_their_data_but_no_usable_password(tmp_path, store):
    # proves: ACC-3
    out, err = run_import(tmp_path, GOOD)
    assert "1 created, 0 updated" in out and err == ""
    ines = User.objects.get(email="ines.moreau@example.com")
    assert not ines.has_usable_password()
    assert (ines.first_name, ines.last_name, ines.email) == (
        "Inès",
        "Moreau",
        "ines.moreau@example.com",
    )
    profile = Profile.objects.get(user=ines)
    assert profile.legacy and profile.imported_at is not None
    # The phone is checked for the address's country and kept in E.164 (ACC-4).
    assert (profile.title, profile.phone) == ("ms", "+33612345678")
    assert profile.past_order_references == ["A-1001", "A-1002"]
    address = Address.objects.get(user=ines)
    assert (address.line1, address.line2, address.city, address.is_default) == (
        "8 rue du Bac",
        "2e étage",
        "Paris",
        True,
    )


def test_bad_rows_are_reported_by_line_and_skipped_whole(tmp_path, store):
    # proves: ACC-3
    out, err = run_import(
        tmp_path,
        "not-an-email,Jo,Blanc,,,,,,,,\n",  # line 2
        GOOD,  # line 3
        "leo@example.com,Léo,Petit,,,5 rue Haute,,,Tours,FR,\n",  # line 4: no postal code
        "zoe@example.com,Zoé,Roux,,,5 rue Basse,,37000,Tours,France,\n",  # line 5
        "ines.moreau@example.com,Inès,Moreau,,,,,,,,\n",  # line 6: same email as line 3
        "max@example.com,Max,Durand,,Baron,,,,,,\n",  # line 7: unknown title
        "noa@example.com,Noa,Blanc,123456,,,,,,,\n",  # line 8: no carrier can call that
        "sam@example.com,Sam,Hill,,,350 Fifth Avenue,,10118,New York,US,\n",  # line 9: no state
        "eva@example.com,Eva,Klein,,,Friedrichstraße 43,,1011,Berlin,DE,\n",  # line 10
    )
    assert "line 2: skipped: email: Enter a valid email address." in err
    assert "line 4: skipped: incomplete address: missing postal_code" in err
    assert "line 5: skipped: country: use the two-letter country code, such as FR" in err
    assert "line 6: skipped: same email as line 3" in err
    assert "line 7: skipped: title: unknown title 'Baron'" in err
    assert "line 8: skipped: phone: not a number a carrier can call: '123456'" in err
    assert "line 9: skipped: area: missing" in err
    assert "line 10: skipped: postal_code: not valid in this country" in err
    assert "1 created, 0 updated, 0 left as they were, 8 skipped" in out
    assert list(User.objects.values_list("email", flat=True)) == ["ines.moreau@example.com"]
    assert Address.objects.count() == 1


def test_running_the_import_again_updates_without_duplicating(tmp_path, store):
    # proves: ACC-3
    run_import(tmp_path, GOOD)
    changed = GOOD.replace("+33 6 12 34 56 78", "+33 7 81 23 45 67").replace(
        "A-1001;A-1002", "A-1001;A-1002;A-1003"
    )
    out, _ = run_import(tmp_path, changed)
    assert "0 created, 1 updated" in out
    assert User.objects.count() == Profile.objects.count() == Address.objects.count() == 1
    profile = Profile.objects.get()
    assert profile.phone == "+33781234567"
    assert profile.past_order_references == ["A-1001", "A-1002", "A-1003"]


def test_a_file_without_the_expected_columns_imports_nothing(tmp_path, store):
    # proves: ACC-3
    with pytest.raises(CommandError, match="lacks the columns: .*past_order_references"):
        run_import(tmp_path, "a@example.com,A,B\n", header="email,first_name,last_name\n")
    assert not User.objects.exists()


def test_signing_in_with_an_imported_account_says_to_use_forgot_password_which_works(
    client, tmp_path, store
):
    # proves: ACC-3, ACC-2
    run_import(tmp_path, GOOD)
    response = client.post(
        reverse("storefront:sign-in"),
        {"email": "ines.moreau@example.com", "password": "anything-1!"},
    )
    page = response.content.decode()
    assert LEGACY_MESSAGE in page
    assert f'href="{reverse("storefront:forgot-password")}"' in page
    client.post(reverse("storefront:forgot-password"), {"email": "ines.moreau@example.com"})
    link = reset_link_in(OutboxEmail.objects.get(to="ines.moreau@example.com"))
    assert choose_password(client, link, "Cashmere-knit-5").status_code == 302
    ines = User.objects.get(email="ines.moreau@example.com")
    signed_in(Client(), ines, password="Cashmere-knit-5")


def test_an_account_opened_on_the_new_site_is_left_as_it_is(tmp_path, store):
    # proves: ACC-3
    member("ines.moreau@example.com", first_name="Ines")
    out, _ = run_import(tmp_path, GOOD)
    assert "line 2: an account with this email already exists on the new site" in out
    ines = User.objects.get(email="ines.moreau@example.com")
    assert ines.has_usable_password() and ines.first_name == "Ines"
    assert Profile.objects.get(user=ines).past_order_references == []


def test_a_person_who_erased_their_account_is_not_imported_again(tmp_path, store):
    # proves: ACC-3, ACC-6
    run_import(tmp_path, GOOD)
    services.erase_account(User.objects.get(email="ines.moreau@example.com"))
    out, _ = run_import(tmp_path, GOOD)
    assert "line 2: this person erased their account: not imported again" in out
    assert not User.objects.filter(email="ines.moreau@example.com").exists()


def test_an_imported_account_cannot_be_told_from_an_unknown_email_on_sign_in(tmp_path, store):
    # proves: ACC-3, ACC-7
    # The hint to choose a first password is on every failed sign-in, so the
    # page no longer says which emails came from the previous site.
    run_import(tmp_path, GOOD)

    def refused_page(email: str) -> str:
        response = Client().post(
            reverse("storefront:sign-in"), {"email": email, "password": "anything-1!"}
        )
        assert response.status_code == 200
        page = response.content.decode().replace(email, "EMAIL")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)

    imported = refused_page("ines.moreau@example.com")
    unknown = refused_page("nobody@example.com")
    assert LEGACY_MESSAGE in imported
    assert imported == unknown
