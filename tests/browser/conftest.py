"""Playwright drives Debian's Chromium; it never downloads a browser of its own.

`make test` installs the Debian packages chromium and chromium-driver when they are missing.
Where Chromium is still absent, every browser test is skipped with a message saying so.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "axe.min.js"
# axe-core impacts that fail a page.
BLOCKING = {"serious", "critical"}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip(
            f"Browser tests skipped: no Chromium at {CHROMIUM}. "
            "Install it with `apt-get install chromium chromium-driver` "
            "(make test does this when run as root)."
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The axe script is injected into pages that will forbid inline scripts (strict CSP).
    return {**browser_context_args, "viewport": DESKTOP, "bypass_csp": True}


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering
def pytest_collection_modifyitems(config, items):
    """Run the browser tests last: Playwright's event loop lives until the session ends."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright(playwright):
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop in the test thread; the ORM calls the
        # tests make there are still synchronous, so Django's async-safety guard does not apply.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield
        # While the loop runs, Django keeps connections per context rather than per thread:
        # close them now, or the last test's would stay open and block dropping the database.
        connections.close_all()


@pytest.fixture(autouse=True)
def _patience(page):
    page.set_default_timeout(10_000)


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the catalogue's seed data, as `make run` serves it."""
    call_command("load_seed", path=str(settings.SEED_FIXTURE), verbosity=0)
    return live_server.url


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def serious_violations(page):
    """The page's serious and critical axe-core violations, each as one readable line."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{violation['id']} ({violation['impact']}) at "
        f"{[node['target'] for node in violation['nodes'][:3]]}"
        for violation in violations
        if violation["impact"] in BLOCKING
    ]
