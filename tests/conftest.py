import os

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from maison import clock

from . import factories
from .smtp import Inbox, free_port

# Every database test may reach the test provider's ledger, kept on its own
# connection (the `payment_provider` alias) as a remote provider's would be.
DATABASES = ["default", "payment_provider"]
USES_DATABASE = {"db", "transactional_db", "live_server"}


def pytest_collection_modifyitems(items):
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not USES_DATABASE & set(getattr(item, "fixturenames", ())):
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        kwargs.setdefault("databases", DATABASES)
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), False)


WEBHOOK_SECRET = "whsec-tests-5f1c0e8b"


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _store_settings(settings, _media_root):
    settings.MAISON_PAYMENT_WEBHOOK_SECRET = WEBHOOK_SECRET
    # The test provider's notifications are posted by the tests that want them.
    settings.MAISON_TEST_PROVIDER_WEBHOOK_URL = ""
    # Rate-limit counters live in the cache: every test starts with none.
    cache.clear()
    # A request's language stays active in the thread: every test starts in English.
    translation.activate("en")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Photographs go to a directory of the test run's own, and the demo draws them small.
    settings.MEDIA_ROOT = _media_root
    settings.MAISON_DEMO_PICTURE_WIDTH = 160
    # A request to /fr/ leaves French active in the thread: every test starts in English.
    translation.activate("en")
    # An unknown variable in a template is a bug, never an empty string.
    for engine in settings.TEMPLATES:
        engine.setdefault("OPTIONS", {})["string_if_invalid"] = InvalidVariable()


class InvalidVariable(str):
    def __new__(cls):
        return super().__new__(cls, "%s")

    def __mod__(self, name):
        raise AssertionError(f"template variable {name!r} is undefined")


@pytest.fixture
def store(db):
    """A market, its delivery methods: the least a store needs to sell."""
    factories.market()
    return factories.delivery_methods()


@pytest.fixture
def one_attempts_window():
    """Stand the clock still: attempts counted in a fixed window never straddle two.

    A test that counts attempts on the running clock would, once in a few
    hundred runs, start just before a window ends and see its count restart.
    """
    with clock.travel_to(clock.now()):
        yield


@pytest.fixture
def at():
    """Stand the store's clock on a given instant: `with at(datetime(...)):`."""
    return clock.travel_to


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def postgresql_only(transactional_db):
    """For what only PostgreSQL can prove: skipped on SQLite locally, a failure in CI."""
    if not on_postgresql():
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests on PostgreSQL (set DATABASE_URL)")
        pytest.skip("proven on PostgreSQL only; set DATABASE_URL to run it")


@pytest.fixture
def smtp_server(settings):
    """The store's mail goes to a real SMTP server; its `messages` are what arrived."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    yield inbox
    controller.stop()
