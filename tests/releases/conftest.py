import pytest
from django.core.files.storage import FileSystemStorage

from cases.models import Case
from tests.factories import ActorFactory, CaseFactory, CountryFactory, PillarFactory


@pytest.fixture(autouse=True)
def release_storage(settings, tmp_path):
    """Release files go to the test's own folder."""
    location = tmp_path / "releases"
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location


class FailingStorage(FileSystemStorage):
    """A real storage that writes files until its Nth save, which fails as a full disk would."""

    saves = 0
    fail_on = 3

    def _save(self, name, content):
        FailingStorage.saves += 1
        if FailingStorage.saves == self.fail_on:
            raise OSError("No space left on device")
        return super()._save(name, content)


@pytest.fixture
def small_catalogue(db):
    trust = PillarFactory(slug="trust", name="Trust")
    coordination = PillarFactory(slug="coordination", name="Coordination")
    uganda = CountryFactory(code="UG", name="Uganda")
    finland = CountryFactory(code="FI", name="Finland")
    mayor = ActorFactory(name="Nansana Municipality")
    cases = {
        "uganda": CaseFactory(
            title="Uganda cities in the national strategy",
            summary="Local officials join the steering committee.",
            pillars=[trust, coordination],
            countries=[uganda],
            actors=[(mayor, "chairs the taskforce")],
            sources=["National-Local Cooperation practice update"],
        ),
        "finland": CaseFactory(
            title="Finland action plan",
            summary="Forty-three measures across national, regional and local levels.",
            pillars=[coordination],
            countries=[finland],
        ),
        "draft": CaseFactory(
            title="Unfinished draft", status=Case.Status.DRAFT, countries=[uganda]
        ),
    }
    return cases
