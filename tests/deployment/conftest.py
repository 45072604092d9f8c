import pytest

from .stack import Stack
from .test_shared_state import redis_url  # noqa: F401 (a fixture, used by `stack`)


@pytest.fixture
def stack(redis_url, tmp_path):  # noqa: F811
    """The production topology's processes, started by the test, stopped whatever happened."""
    running = Stack(redis_url, tmp_path)
    try:
        yield running
    finally:
        running.stop()
