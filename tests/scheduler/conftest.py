import pytest

from .helpers import BEATS


@pytest.fixture(autouse=True)
def _no_beats_yet():
    BEATS.clear()
