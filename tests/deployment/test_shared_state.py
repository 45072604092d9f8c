"""ACC-7 across processes: every server counts sign-in failures in one Redis.

With counters in each process's memory, two gunicorn workers let "5 tries per
account" become 10, and a restart forgot them all. Here two gunicorn servers
(two OS processes) serve the test database on PostgreSQL and share one Redis;
wrong passwords are posted to them in turn, and the limit holds at exactly the
policy's count, then still after a restart.
"""

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.conf import settings
from django.db import connection

from maison.terms.policy import POLICY
from tests import factories
from tests.accounts.helpers import PASSWORD, member
from tests.conftest import on_postgresql

from .servers import Gunicorn, store_env

SIGN_IN = "/en/account/sign-in/"
WRONG = "This email and password do not match. Please try again."
TOO_MANY = "Too many attempts. Please try again in a few minutes."


def ci_requires(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the cross-process tests: {what}")
    pytest.skip(what)


@pytest.fixture
def redis_url(transactional_db):
    """The suite's Redis; these tests need it, and PostgreSQL for servers to share."""
    if not on_postgresql():
        ci_requires("set DATABASE_URL to a PostgreSQL server")
    if not settings.REDIS_URL:
        ci_requires("set REDIS_URL (.ci/run does)")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        ci_requires(f"Redis at REDIS_URL does not answer: {error}")
    return settings.REDIS_URL


@pytest.fixture
def servers(redis_url, tmp_path):
    """Start gunicorn servers of the test database, all on one Redis, under a fresh prefix."""
    db = connection.settings_dict
    database_url = "postgres://{}:{}@{}:{}/{}".format(
        urllib.parse.quote(db["USER"] or ""),
        urllib.parse.quote(db["PASSWORD"] or ""),
        db["HOST"] or "127.0.0.1",
        db["PORT"] or 5432,
        db["NAME"],
    )
    prefix = f"maison-test-{uuid.uuid4().hex[:8]}"
    env = store_env(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-key-" + uuid.uuid4().hex * 2,
        MAISON_PAYMENT_WEBHOOK_SECRET="whsec-for-the-tests-" + uuid.uuid4().hex,
        REDIS_URL=redis_url,
        MAISON_CACHE_PREFIX=prefix,
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="0",
        MAISON_VAR_DIR=str(tmp_path),
    )
    started: list[Gunicorn] = []

    def start(count: int) -> list[Gunicorn]:
        new = [Gunicorn(env, tmp_path / f"gunicorn-{len(started) + n}.log") for n in range(count)]
        started.extend(new)
        with ThreadPoolExecutor(count) as pool:
            list(pool.map(Gunicorn.wait_until_up, new))
        return new

    start.prefix = prefix
    yield start
    for server in started:
        server.stop()
    shared = redis.Redis.from_url(redis_url)
    for key in shared.scan_iter(f"{prefix}:*"):
        shared.delete(key)


class Browser:
    """A shopper's cookies, whichever server answers."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict[str, str]) -> tuple[int, str]:
        page = self.get(url)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": url}))

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode()


def answer(status: int, page: str) -> str:
    if status == 429 and TOO_MANY in page:
        return "too many"
    if status == 200 and WRONG in page:
        return "wrong password"
    return f"{status}: {page[:200]}"


@pytest.mark.postgres
def test_sign_in_failures_counted_by_two_processes_stop_at_the_policys_count(servers):
    # proves: ACC-7
    assert POLICY.sign_in_failures_per_account == 5
    factories.market()
    member("camille@example.com")
    first, second = servers(2)
    shopper = Browser()
    answers = [
        answer(
            *shopper.post(
                server.base + SIGN_IN, {"email": "camille@example.com", "password": f"Guess-{n}"}
            )
        )
        for n, server in zip(range(10), [first, second] * 5, strict=True)
    ]
    assert answers == ["wrong password"] * 5 + ["too many"] * 5

    # A restart forgets nothing: even the right password waits for the window to end.
    first.stop()
    second.stop()
    (third,) = servers(1)
    status, page = Browser().post(
        third.base + SIGN_IN, {"email": "camille@example.com", "password": PASSWORD}
    )
    assert answer(status, page) == "too many"


@pytest.mark.postgres
def test_a_session_opened_on_one_process_is_known_to_the_other_and_kept_in_redis(servers):
    # proves: ACC-7
    factories.market()
    member("camille@example.com")
    first, second = servers(2)
    shopper = Browser()
    status, page = shopper.post(
        first.base + SIGN_IN, {"email": "camille@example.com", "password": PASSWORD}
    )
    assert status == 200 and "Hello Camille" in page
    status, page = shopper.get(second.base + "/en/account/")
    assert status == 200 and "Hello Camille" in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_session")
        assert cursor.fetchone() == (0,)
    shared = redis.Redis.from_url(settings.REDIS_URL)
    assert len(list(shared.scan_iter(f"{servers.prefix}:sessions:*"))) == 1
