import pytest
from django.core.cache import cache

from tests.cases.conftest import catalogue  # noqa: F401  (the same small catalogue as the list)


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Each test starts with an empty request history, so throttling is per test."""
    cache.clear()
    yield
    cache.clear()
