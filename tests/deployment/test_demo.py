"""The demo shows the store as shoppers see it: its own error pages, never Django's."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .servers import ROOT, free_port, store_env


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """`make demo`'s steps, then bin/serve-demo on a free port, with its own database."""
    var = tmp_path_factory.mktemp("demo")
    port = free_port()
    env = store_env(MAISON_VAR_DIR=str(var), MAISON_DEMO_PORT=str(port))
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
        )
    log = open(var / "demo.log", "w")  # noqa: SIM115
    served = subprocess.Popen(
        ["sh", "bin/serve-demo"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/en/", timeout=5).close()
                break
            except OSError:
                time.sleep(0.3)
        yield base, var / "demo.log"
    finally:
        os.killpg(served.pid, signal.SIGTERM)
        served.wait(timeout=30)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/en/no-such-page/", "Page not found"), ("/fr/no-such-page/", "Page introuvable")],
)
def test_the_demo_shows_the_stores_own_404_page(demo, path, heading):
    base, log = demo
    status, page = fetch(base + path)
    assert status == 404, log.read_text()
    assert heading in page
    assert "Using the URLconf" not in page and "DEBUG = True" not in page


def test_the_demo_serves_its_styles_and_pages(demo):
    base, log = demo
    status, page = fetch(base + "/en/")
    assert status == 200, log.read_text()
    assert fetch(base + "/static/storefront/site.css")[0] == 200
