import pytest

from tests.factories import ActorFactory, CaseFactory


@pytest.fixture
def setup(pillars, countries):
    """What the import tests' rows name: an actor, the pillars and countries, and one case."""
    ActorFactory(name="Nansana Municipality")
    return CaseFactory(title="Existing case", slug="existing-case")
