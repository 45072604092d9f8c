import os

import pytest

from tests.conftest import on_postgresql

from .helpers import BEATS


@pytest.fixture(autouse=True)
def _no_beats_yet():
    BEATS.clear()


@pytest.fixture
def postgresql_only(transactional_db):
    if not on_postgresql():
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests on PostgreSQL (set DATABASE_URL)")
        pytest.skip("proven on PostgreSQL only; set DATABASE_URL to run it")
