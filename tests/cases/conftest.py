import html
import re

import pytest

from cases.choices import ActorKind, Level
from cases.models import Case
from tests.factories import ActorFactory, CaseFactory

CARD_TITLE = re.compile(r'class="case-card__title"><a href="[^"]+">([^<]+)</a>')


def titles(response):
    """The case titles a person sees on a list page, in order."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


@pytest.fixture
def catalogue(pillars, countries):
    """A small catalogue: five published cases and one draft, covering every filter."""
    local = ActorFactory(
        name="Nansana Municipality", level=Level.LOCAL, kind=ActorKind.LOCAL_GOVERNMENT
    )
    council = ActorFactory(
        name="City of Victoria", level=Level.LOCAL, kind=ActorKind.LOCAL_GOVERNMENT
    )
    national = ActorFactory(
        name="National Counter Terrorism Centre",
        level=Level.NATIONAL,
        kind=ActorKind.NATIONAL_AGENCY,
    )
    community = ActorFactory(
        name="Mohalla Committees", level=Level.COMMUNITY, kind=ActorKind.COMMUNITY_BODY
    )
    return {
        "uganda": CaseFactory(
            title="Uganda taskforce on the national strategy",
            pillars=[pillars["trust"], pillars["coordination"]],
            countries=[countries["UG"]],
            actors=[(local, "chairs the taskforce"), (national, "reviews the strategy")],
            start_year=2022,
            start_month=10,
            end_year=2024,
            end_month=10,
        ),
        "malawi": CaseFactory(
            title="Malawi localises its strategy",
            body="Peace and Unity Committees in four cities.",
            pillars=[pillars["coordination"]],
            countries=[countries["MW"]],
            actors=[national],
            start_year=2024,
            start_month=3,
        ),
        "finland": CaseFactory(
            title="Finland action plan",
            summary="An action plan with 43 measures.",
            pillars=[pillars["coordination"], pillars["communication"]],
            countries=[countries["FI"]],
            actors=[national],
            start_year=2024,
            start_month=7,
        ),
        "mumbai": CaseFactory(
            title="Mumbai neighbourhood committees",
            pillars=[pillars["trust"], pillars["inclusivity"]],
            countries=[countries["IN"]],
            actors=[community],
            start_year=None,
            start_month=None,
        ),
        "victoria": CaseFactory(
            title="Victoria cross-city conference",
            pillars=[pillars["capacity"]],
            countries=[countries["CA"], countries["US"]],
            actors=[local, council],
            start_year=2024,
            start_month=10,
        ),
        "draft": CaseFactory(
            title="Unpublished draft about trust",
            status=Case.Status.DRAFT,
            pillars=[pillars["trust"]],
            countries=[countries["UG"]],
            actors=[local],
            start_year=2025,
        ),
    }
