import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from cases.choices import Region

from .factories import CountryFactory, PillarFactory


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """LocaleMiddleware leaves a request's language active in the thread: a test that visits
    /fr/… must not make the next one create its rows in French."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def seeded(db):
    """The catalogue's own seed data, loaded the way `make run` loads it."""
    call_command("load_seed", path=str(settings.SEED_FIXTURE), verbosity=0)


@pytest.fixture
def statements(seeded):
    """The seed catalogue and the self-assessment's statements, as `make run` loads them."""
    from assessment.models import Statement

    call_command("load_statements", path=str(settings.ASSESSMENT_FIXTURE), verbosity=0)
    return list(Statement.objects.asked())


@pytest.fixture
def pillars(db):
    """The six pillars, by slug."""
    names = ["trust", "inclusivity", "coordination", "communication", "capacity", "sustainability"]
    return {slug: PillarFactory(slug=slug, order=order) for order, slug in enumerate(names)}


@pytest.fixture
def countries(db):
    """A few countries in different regions, by ISO code."""
    return {
        "UG": CountryFactory(code="UG", name="Uganda", region=Region.EAST_SOUTHERN_AFRICA),
        "MW": CountryFactory(code="MW", name="Malawi", region=Region.EAST_SOUTHERN_AFRICA),
        "FI": CountryFactory(code="FI", name="Finland", region=Region.EUROPE),
        "IN": CountryFactory(code="IN", name="India", region=Region.SOUTH_ASIA),
        "CA": CountryFactory(code="CA", name="Canada", region=Region.NORTH_AMERICA),
        "US": CountryFactory(code="US", name="United States", region=Region.NORTH_AMERICA),
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back test data must not leave counts behind.
    Nor may the bitset index this process keeps in memory: an update from an earlier test's
    index would run queries (and read changes) that a test on its own does not."""
    from django.core.cache import cache

    from cases.listing import bitsets

    cache.clear()
    bitsets._latest.clear()
    yield
    cache.clear()


def _staff(username, group_name):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def curator(db):
    """A staff member in the Curators group (made by migration 0002_editorial_groups)."""
    return _staff("carla", "Curators")


@pytest.fixture
def second_curator(db):
    return _staff("dev", "Curators")


@pytest.fixture
def editor(db):
    """A staff member in the Editors group (made by migration 0002_editorial_groups)."""
    return _staff("edith", "Editors")


@pytest.fixture(autouse=True)
def _import_staging(settings, tmp_path):
    """Staged import uploads go to the test's own folder."""
    settings.CASE_IMPORT_STAGING_DIR = tmp_path / "imports"


@pytest.fixture
def suggestion_form_data(pillars, countries):
    """A visitor's complete, valid "Suggest a case" form."""
    return {
        "title": "Nairobi peace forums",
        "country": "UG",
        "description": "County and national officers meet residents every month.",
        "pillars": ["trust", "coordination"],
        "source_url": "https://example.org/forums",
        "name": "Amina",
        "email": "amina@example.org",
        "website": "",
    }


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English: a request to /fr/ leaves French active in the thread, and
    Case(title=…) would then write the French column."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
