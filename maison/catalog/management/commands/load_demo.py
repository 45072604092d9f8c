"""`manage.py load_demo`: the demo house and a back-office login, for `make demo`."""

import secrets
import string
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from maison.catalog.demo import load_demo
from maison.shipping.services import refresh_holidays

STAFF_EMAIL = "staff@orvane.example"
LOGIN_FILE = "demo-staff-password.txt"


class Command(BaseCommand):
    help = "Load the Maison Orvane demo catalogue and print the back-office login."

    def handle(self, *args, **options):
        created = load_demo()
        if created["products"]:
            self.stdout.write(
                f"Demo catalogue loaded: {created['categories']} categories, "
                f"{created['products']} products, {created['variants']} variants, "
                f"{created['pictures']} pictures (their renditions are made by the task worker)."
            )
        else:
            self.stdout.write("Demo catalogue already loaded; nothing changed.")
        # Every run: a demo started in a new year gets that year's holidays (DEL-1).
        holidays = refresh_holidays()
        self.stdout.write(
            f"Public holidays {holidays.years[0]}–{holidays.years[-1]}: "
            f"{holidays.created} added, staff overrides kept."
        )
        call_command("publish_terms", stdout=self.stdout)
        # Read at call time, so that tests and MAISON_VAR_DIR can move it.
        password = demo_staff_password(Path(settings.VAR_DIR) / LOGIN_FILE)
        ensure_staff(password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Back office: http://127.0.0.1:8000/admin/  email: {STAFF_EMAIL}  "
                f"password: {password}"
            )
        )


def demo_staff_password(path: Path) -> str:
    """The password kept beside the demo database, made up on the first run.

    It never lives in the repository: each checkout gets its own, readable only
    by the user who ran `make demo`.
    """
    if path.exists():
        kept = path.read_text().strip()
        if kept:
            return kept
    password = _new_password()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(password + "\n")
    return password


def _new_password() -> str:
    # Four groups of letters and digits: easy to copy, and holding the digit,
    # both cases and the special character a password policy asks for.
    alphabet = string.ascii_letters + string.digits
    while True:
        groups = ["".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4)]
        password = "-".join(groups)
        kinds = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
        if all(any(c in kind for c in password) for kind in kinds):
            return password


@transaction.atomic
def ensure_staff(password: str) -> None:
    """A superuser who can sign in with `password`, whatever happened before."""
    user, _ = get_user_model().objects.get_or_create(email=STAFF_EMAIL)
    changed = not (user.is_staff and user.is_superuser and user.is_active)
    user.is_staff = user.is_superuser = user.is_active = True
    if not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
