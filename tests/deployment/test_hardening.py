"""Issue #13: what a store behind an HTTPS proxy sends, logs and survives."""

import io
import logging
import subprocess
import sys

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tests import factories

from .servers import ROOT, store_env
from .stack import PRODUCTION, Shopper
from .test_scale_out import checkout


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=store_env(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_configuration_passes_check_deploy_without_a_warning():
    checked = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues (0 silenced)." in checked.stdout


def test_admins_are_read_from_the_environment():
    shown = manage(
        "shell", "-c", "from django.conf import settings; print(settings.ADMINS)", **PRODUCTION
    )
    assert (
        shown.stdout.strip().splitlines()[-1]
        == "[('Ops', 'ops@shop.example'), ('', 'dev@shop.example')]"
    )


@pytest.fixture
def behind_https_proxy(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["shop.example"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CSRF_TRUSTED_ORIGINS = ["https://shop.example"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    return Client(
        enforce_csrf_checks=True, HTTP_HOST="shop.example", HTTP_X_FORWARDED_PROTO="https"
    )


def test_a_post_through_an_https_proxy_is_accepted(store, behind_https_proxy):
    shopper = behind_https_proxy
    page = shopper.get(reverse("storefront:sign-in"))
    assert page.status_code == 200
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    token = page.cookies["csrftoken"]
    assert token["secure"] is True
    response = shopper.post(
        reverse("storefront:sign-in"),
        {"email": "camille@example.com", "password": "Wrong-1", "csrfmiddlewaretoken": token.value},
        HTTP_ORIGIN="https://shop.example",
        HTTP_REFERER="https://shop.example/en/account/sign-in/",
    )
    assert response.status_code == 200
    assert "This email and password do not match" in response.content.decode()


def test_plain_http_through_the_proxy_is_sent_to_https(store, behind_https_proxy):
    response = Client(HTTP_HOST="shop.example").get("/en/")
    assert response.status_code == 301
    assert response.url == "https://shop.example/en/"


def test_the_language_cookie_is_secure_and_same_site(store, behind_https_proxy):
    shopper = Client(HTTP_HOST="shop.example", HTTP_X_FORWARDED_PROTO="https")
    response = shopper.post(reverse("set_language"), {"language": "fr", "next": "/fr/"})
    cookie = response.cookies["django_language"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_pages_carry_a_content_security_policy_without_inline_code_and_a_permissions_policy(
    client, store
):
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize(
    "url",
    ["/en/account/", "/en/account/sign-in/", "/en/checkout/", "/en/track/", "/fr/account/"],
)
def test_private_pages_are_never_cached(client, store, url):
    cache_control = {
        part.strip() for part in client.get(url).headers.get("Cache-Control", "").split(",")
    }
    assert {"private", "no-store"} <= cache_control


def test_a_catalogue_page_may_be_cached(client, store):
    assert "no-store" not in client.get("/en/").headers.get("Cache-Control", "")


def test_a_server_error_is_logged_with_its_traceback_and_mailed_to_the_admins(
    client, store, settings, monkeypatch
):
    settings.DEBUG = False
    settings.ADMINS = [("Ops", "ops@shop.example")]
    stream = io.StringIO()
    (handler,) = [h for h in logging.getLogger("django").handlers if h.get_name() == "errors"]
    monkeypatch.setattr(handler, "stream", stream)

    def broken(*args, **kwargs):
        raise RuntimeError("the search index is on fire")

    monkeypatch.setattr("maison.storefront.views.catalog.queries.search", broken)
    client.raise_request_exception = False
    response = client.get("/en/search/?q=coat")
    assert response.status_code == 500
    logged = stream.getvalue()
    assert "Internal Server Error: /en/search/" in logged
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: the search index is on fire" in logged
    (message,) = mail.outbox
    assert message.to == ["ops@shop.example"]
    assert "Internal Server Error: /en/search/" in message.subject
    assert "the search index is on fire" in message.body


def terminate_other_backends() -> int:
    """What a database restart does to every server's connection."""
    # This test's own second connection (the test provider's ledger) is no server's.
    connections["payment_provider"].close()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_a_page_after_the_database_dropped_the_servers_connection_is_answered(stack):
    factories.market()
    factories.delivery_methods()
    (server,) = stack.start_servers(1, workers=1)
    shopper = Shopper(stack.certificate)
    assert shopper.get(server, "/en/")[0] == 200
    assert terminate_other_backends() >= 1
    answers = [shopper.get(server, "/en/")[0] for _ in range(3)]
    assert answers == [200, 200, 200], stack.logs()


@pytest.mark.postgres
def test_the_task_worker_survives_a_database_restart(stack):
    # proves: DATA-3
    factories.market()
    factories.delivery_methods()
    coat = factories.variant(stock=5)
    stack.start_task_worker()
    first, second = stack.start_servers(2, workers=1)
    checkout(Shopper(stack.certificate), [first, second], coat, "camille@example.com")
    assert len(stack.wait_for_emails(1)) == 1, stack.logs()
    assert terminate_other_backends() >= 1
    checkout(Shopper(stack.certificate), [second, first], coat, "lou@example.com")
    messages = stack.wait_for_emails(2, within=30)
    assert [m["To"] for m in messages] == ["camille@example.com", "lou@example.com"], stack.logs()
