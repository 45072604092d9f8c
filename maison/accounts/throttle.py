"""Counting attempts in the cache, to slow down guessing (ACC-7).

Each counter lives in a fixed window of the store's clock (so tests can move
past it): the window's number is part of the cache key, and the key expires
with the window. `cache.add` then `cache.incr` is atomic on Redis and in local
memory, so concurrent attempts cannot slip past the limit. Redis (REDIS_URL)
is what makes the count one for all server processes; local memory counts per
process, which only the single-process demo may do. Identifiers are hashed, so
the cache never holds an email address in clear.
"""

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import ImproperlyConfigured

from maison import clock
from maison.terms.policy import POLICY

# Their incr reads then writes (database, files), or counts nothing (dummy):
# attempts made at the same moment would be lost, and the limit with them.
NOT_ATOMIC = (DatabaseCache, FileBasedCache, DummyCache)


def counters():
    """The cache that counts attempts, once it is known to count them all."""
    cache = caches["default"]
    if isinstance(cache, NOT_ATOMIC):
        raise ImproperlyConfigured(
            f"Rate limits cannot count in {type(cache).__name__}: its incr is not atomic, "
            "so attempts made at once are lost. Set REDIS_URL (see README, Settings)."
        )
    return cache


@dataclass(frozen=True)
class Limit:
    scope: str
    attempts: int
    window: timedelta

    def _key(self, identifier: str) -> str:
        seconds = int(self.window.total_seconds())
        window_number = int(clock.now().timestamp()) // seconds
        digest = hashlib.sha256(identifier.encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{digest}:{window_number}"

    @property
    def _timeout(self) -> int:
        return int(self.window.total_seconds()) + 1

    def reached(self, identifier: str) -> bool:
        """True once `attempts` have been counted in the current window."""
        return (counters().get(self._key(identifier)) or 0) >= self.attempts

    def count(self, identifier: str) -> int:
        key, cache = self._key(identifier), counters()
        cache.add(key, 0, timeout=self._timeout)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self._timeout)
            return 1

    def take(self, identifier: str) -> bool:
        """Count this attempt first, then say whether it is within the limit.

        Counting before the (slow) password check means attempts made at the
        same moment cannot all pass a `reached` test before any is counted.
        """
        return self.count(identifier) <= self.attempts

    def give_back(self, identifier: str) -> None:
        """Uncount an attempt that turned out to be legitimate."""
        with contextlib.suppress(ValueError):  # the window ended meanwhile
            counters().decr(self._key(identifier))

    def clear(self, identifier: str) -> None:
        counters().delete(self._key(identifier))


SIGN_IN_PER_ACCOUNT = Limit(
    "sign-in-account", POLICY.sign_in_failures_per_account, POLICY.attempts_window
)
SIGN_IN_PER_IP = Limit("sign-in-ip", POLICY.sign_in_failures_per_ip, POLICY.attempts_window)
RESET_PER_ACCOUNT = Limit(
    "reset-account", POLICY.reset_requests_per_account, POLICY.attempts_window
)
REGISTER_PER_IP = Limit("register-ip", POLICY.registrations_per_ip, POLICY.attempts_window)
TRACKING_PER_IP = Limit("tracking-ip", POLICY.tracking_failures_per_ip, POLICY.attempts_window)
RESET_PER_IP = Limit("reset-ip", POLICY.reset_requests_per_ip, POLICY.attempts_window)
