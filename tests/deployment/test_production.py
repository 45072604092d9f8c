"""The store refuses to start with settings that only suit the single-process demo."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from .servers import ROOT, Gunicorn, store_env

NO_REDIS = "REDIS_URL is not set. Rate limits and sessions must be shared by every server"
NO_KEY = "DJANGO_SECRET_KEY is not set. Without it the key is derived from the install path"
REDIS = "redis://127.0.0.1:6379/1"
WEBHOOK = "whsec-for-the-tests-0123456789abcdef"
NO_WEBHOOK_SECRET = "MAISON_PAYMENT_WEBHOOK_SECRET is not set. The payment provider signs"
KEY = "a-long-random-key-for-the-tests-0123456789-abcdefghijklmnopqrstuvwxyz"


def start_wsgi(**variables: str) -> subprocess.CompletedProcess:
    """Load the application as gunicorn's workers do, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", "import maison.wsgi"],
        cwd=ROOT,
        env=store_env(**{"DJANGO_DEBUG": "0", **variables}),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_gunicorn_refuses_to_start_without_redis_and_secret_key_and_says_why(tmp_path):
    # proves: ACC-7, DATA-4
    server = Gunicorn(store_env(DJANGO_DEBUG="0"), tmp_path / "gunicorn.log")
    try:
        code = server.process.wait(timeout=60)
    finally:
        server.stop()
    said = server.log.read_text()
    assert code != 0
    assert "maison refuses to start with DEBUG off" in said
    assert NO_REDIS in said and NO_KEY in said


def test_without_redis_the_store_refuses_to_start():
    # proves: ACC-7
    started = start_wsgi(DJANGO_SECRET_KEY=KEY, MAISON_PAYMENT_WEBHOOK_SECRET=WEBHOOK)
    assert started.returncode != 0
    assert NO_REDIS in started.stderr and NO_KEY not in started.stderr


def test_without_a_secret_key_the_store_refuses_to_start():
    # proves: DATA-4, ACC-2
    started = start_wsgi(REDIS_URL=REDIS, MAISON_PAYMENT_WEBHOOK_SECRET=WEBHOOK)
    assert started.returncode != 0
    assert NO_KEY in started.stderr and NO_REDIS not in started.stderr


def test_without_a_webhook_secret_the_store_refuses_to_start():
    # proves: PAY-5
    started = start_wsgi(REDIS_URL=REDIS, DJANGO_SECRET_KEY=KEY)
    assert started.returncode != 0
    assert NO_WEBHOOK_SECRET in started.stderr and NO_KEY not in started.stderr


def test_with_redis_and_a_secret_key_the_store_starts():
    started = start_wsgi(
        REDIS_URL=REDIS, DJANGO_SECRET_KEY=KEY, MAISON_PAYMENT_WEBHOOK_SECRET=WEBHOOK
    )
    assert started.returncode == 0, started.stderr
    assert "refuses" not in started.stderr


def test_the_demo_starts_without_them():
    started = start_wsgi(DJANGO_DEBUG="1")
    assert started.returncode == 0, started.stderr
    assert "refuses" not in started.stderr


def test_check_deploy_reports_both(settings):
    # proves: ACC-7, DATA-4
    settings.DEBUG, settings.REDIS_URL = False, ""
    settings.SECRET_KEY = "insecure-dev-key-/srv/maison"
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", deploy=True)
    assert "(maison.E001) " + NO_REDIS in str(refused.value)
    assert "(maison.E002) " + NO_KEY in str(refused.value)


def test_rate_limits_refuse_to_count_in_the_database_cache(client, settings):
    # proves: ACC-7
    # Its incr reads then writes: two attempts at once would count as one.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "maison_cache",
        },
    }
    with pytest.raises(ImproperlyConfigured, match="Rate limits cannot count in DatabaseCache"):
        client.post(
            reverse("storefront:sign-in"),
            {"email": "camille@example.com", "password": "Wrong-guess-1"},
        )
