import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_attempt_counters():
    """Attempt counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _quick_hashing(settings):
    """Argon2 is slow by design; these tests hash a lot. The one about Argon2 puts it back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _in_english():
    """A request in French leaves French active in the thread; each test starts in English."""
    with translation.override("en"):
        yield
