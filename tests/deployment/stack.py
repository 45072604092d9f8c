"""The production topology on one machine: gunicorn servers over HTTPS, PostgreSQL,
Redis, an RQ worker, a real SMTP sink. The configuration is docs/operations.md's."""

import contextlib
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis
from aiosmtpd.controller import Controller
from django.db import connection

from tests.smtp import Inbox, free_port

from .servers import ROOT, Certificate, Gunicorn, store_env

HOST = "shop.example"  # the public name a load balancer would answer to
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def database_url() -> str:
    db = connection.settings_dict
    return "postgres://{}:{}@{}:{}/{}".format(
        urllib.parse.quote(db["USER"] or ""),
        urllib.parse.quote(db["PASSWORD"] or ""),
        db["HOST"] or "127.0.0.1",
        db["PORT"] or 5432,
        db["NAME"],
    )


# The production configuration of docs/operations.md, as the tests use it.
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k7#Qz-a-long-random-key-for-the-tests-0123456789-ABCDEFGHIJKLMNOP",
    "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
    "DATABASE_CONN_MAX_AGE": "60",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    "DJANGO_SECURE_COOKIES": "1",
    "DJANGO_ADMINS": f"Ops <ops@{HOST}>, dev@{HOST}",
    "MAISON_BASE_URL": f"https://{HOST}",
    "MAISON_PAYMENT_WEBHOOK_SECRET": "whsec-for-the-tests-0123456789abcdef",
}


def production_env(redis_url: str, prefix: str, tmp_path: Path, smtp_port: int) -> dict:
    """PRODUCTION, pointed at the test database, this run's Redis keys and SMTP sink."""
    return store_env(
        **{
            **PRODUCTION,
            "DJANGO_SECRET_KEY": "test-key-" + uuid.uuid4().hex * 2,
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "MAISON_CACHE_PREFIX": prefix,
            "DJANGO_ADMINS": "",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(smtp_port),
            "MAISON_VAR_DIR": str(tmp_path),
        }
    )


def kill_hard(process: subprocess.Popen) -> None:
    """SIGKILL a gunicorn master and its workers: a crash, not a shutdown."""
    try:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    except OSError:
        children = []
    for pid in [process.pid, *map(int, children)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait()


class Stack:
    def __init__(self, redis_url: str, tmp_path: Path):
        self.tmp_path = tmp_path
        self.redis = redis.Redis.from_url(redis_url)
        self.prefix = f"maison-test-{uuid.uuid4().hex[:8]}"
        self._clear_queue()
        self.inbox = Inbox()
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=free_port())
        self.smtp.start()
        self.certificate = Certificate(tmp_path)
        self.env = production_env(redis_url, self.prefix, tmp_path, self.smtp.port)
        self.servers: list[Gunicorn] = []
        self.workers: list[subprocess.Popen] = []

    def _clear_queue(self):
        # RQ's keys carry no prefix: this database number is the suite's alone.
        for key in self.redis.scan_iter("rq:*"):
            self.redis.delete(key)

    def start_servers(self, count: int, workers: int = 2) -> list[Gunicorn]:
        new = [
            Gunicorn(
                self.env,
                self.tmp_path / f"gunicorn-{len(self.servers) + n}.log",
                workers=workers,
                certificate=self.certificate,
            )
            for n in range(count)
        ]
        self.servers.extend(new)
        with ThreadPoolExecutor(count) as pool:
            list(pool.map(Gunicorn.wait_until_up, new))
        return new

    def start_task_worker(self) -> subprocess.Popen:
        """As documented: RQ's worker with django-tasks-rq's job class and RQ's scheduler."""
        log = open(self.tmp_path / f"rqworker-{len(self.workers)}.log", "w")  # noqa: SIM115
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "rqworker", "default"]
            + ["--job-class", "django_tasks_rq.Job", "--with-scheduler"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append(worker)
        return worker

    def start_scheduler(self) -> subprocess.Popen:
        """As documented: `run_scheduler`, which enqueues the periodic jobs on RQ."""
        log = open(self.tmp_path / f"scheduler-{len(self.workers)}.log", "w")  # noqa: SIM115
        scheduler = subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler", "--interval", "1"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append(scheduler)
        return scheduler

    def logs(self) -> str:
        return "\n".join(
            f"== {path.name}\n{path.read_text()[-4000:]}"
            for path in sorted(self.tmp_path.glob("*.log"))
        )

    def wait_for_emails(self, count: int, within: float = 60) -> list:
        deadline = time.monotonic() + within
        while len(self.inbox.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.inbox.messages

    def stop(self):
        for server in self.servers:
            server.stop()
        for worker in self.workers:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.smtp.stop()
        for key in self.redis.scan_iter(f"{self.prefix}:*"):
            self.redis.delete(key)
        self._clear_queue()


class Shopper:
    """One person's cookies and TLS trust, whichever server answers, as behind a load balancer."""

    def __init__(self, certificate: Certificate):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar),
            urllib.request.HTTPSHandler(context=certificate.client_context()),
        )

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, server: Gunicorn, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(server.base + path, headers={"Host": HOST}))

    def post(self, server: Gunicorn, path: str, data: dict) -> tuple[int, str, str]:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf(), **data}).encode()
        return self._open(
            urllib.request.Request(
                server.base + path,
                data=body,
                headers={"Host": HOST, "Origin": f"https://{HOST}"},
            )
        )

    def _open(self, request) -> tuple[int, str, str]:
        """(status, page, final path) after redirects, which stay on the same server."""
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.url
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode(), refused.url
