"""`make bench` in its smoke mode, end to end, so the benchmark never rots unnoticed.

It builds its own PostgreSQL database, serves it with gunicorn, drives it with
wrk and a small flash sale, then removes it all: PostgreSQL only, like CI.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

BENCH = Path(__file__).with_name("bench.py")


def test_the_smoke_bench_sells_exactly_its_units_with_no_server_error(postgresql_only):
    env = {
        **os.environ,
        "MAISON_BENCH_SMOKE": "1",
        # A database and a Redis of this checkout's own, beside the suite's.
        "MAISON_BENCH_DATABASE": f"{connection.settings_dict['NAME']}_bench",
        "MAISON_BENCH_REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, str(BENCH)],
        cwd=BENCH.parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = done.stdout
    # Smoke: 30 buyers race for 5 units, 8 at a time.
    assert "orders in the database: 5 (must be exactly 5)" in report, report
    assert "stock after: 5 on hand, 5 allocated" in report
    assert "5xx responses: 0" in report
    assert report.count("errors 0;") == 2, report
