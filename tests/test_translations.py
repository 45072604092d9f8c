"""SITE-6: every message the code marks for translation has its French.

The catalogue on disk can be complete and still miss messages: a string marked
with gettext but never gathered by `make messages` is shown in English to a
French shopper or member of staff. Here the messages are gathered again, from
the code and the templates, into a copy of the catalogue, exactly as
`make messages` does (GNU gettext, installed by `make test`); every one of them
must then have a checked French translation, none empty, none a fuzzy guess.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
# The same folders `make messages` leaves out (Makefile).
IGNORED = [".venv/*", "tests/*", "node_modules/*", "var/*"]


def gathered_again(tmp_path: Path, settings, monkeypatch) -> Path:
    """The French catalogue as `make messages` would leave it, gathered in a copy of the code.

    makemessages writes into the `locale` folder it finds beside the code, so it
    runs on a copy: the catalogue in the tree is never touched by the test.
    """
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: `make test` installs it (apt-get install gettext).")
    shutil.copytree(
        ROOT / "maison",
        tmp_path / "maison",
        ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo", "migrations"),
    )
    settings.LOCALE_PATHS = [tmp_path / "maison" / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["fr"], ignore_patterns=IGNORED, verbosity=0)
    return tmp_path / "maison" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_every_message_marked_in_the_code_has_its_french(tmp_path, settings, monkeypatch):
    # proves: SITE-6
    po_path = gathered_again(tmp_path, settings, monkeypatch)
    catalog = read_po(po_path.open("rb"))
    assert len(catalog) > 1000  # the gathering found the code (about 1,300 messages)
    untranslated = [
        message.id
        for message in catalog
        if message.id and not (all(message.string) if message.pluralizable else message.string)
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not untranslated, (
        f"{len(untranslated)} messages without French; run `make messages` and translate "
        f"them in maison/locale/fr/LC_MESSAGES/django.po: {untranslated[:10]}"
    )
    assert not fuzzy, f"{len(fuzzy)} French guesses still marked fuzzy: {fuzzy[:10]}"


def test_the_french_catalogue_is_valid_for_gnu_gettext():
    # proves: SITE-6
    po_path = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"
    checked = subprocess.run(
        ["msgfmt", "--check", "--check-format", "-o", "/dev/null", str(po_path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
