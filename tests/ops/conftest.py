import pytest
from django.contrib.auth import get_user_model

from cases.models import Case, Source
from tests.cases.conftest import catalogue  # noqa: F401  (the small catalogue of the list tests)
from tests.factories import ActorFactory, CaseFactory

DRAFT_TITLE = "Confidential draft on Zanzibar mediation"
DRAFT_ACTOR = "Unannounced Zanzibar Task Unit"
STAFF_EMAIL = "curator.private@strongcities.example"


@pytest.fixture
def public_and_private(pillars, countries):
    """Published cases beside a draft, a draft-only actor and staff with email addresses."""
    national = ActorFactory(name="National Cohesion Office", slug="national-cohesion-office")
    published = [
        CaseFactory(
            title=f"Published case {number}",
            pillars=[pillars["trust"], pillars["capacity"]],
            countries=[countries["UG"], countries["FI"]],
            actors=[(national, "convenes")],
            sources=["A public report"],
            start_year=2020 + number,
        )
        for number in range(3)
    ]
    secret_actor = ActorFactory(name=DRAFT_ACTOR, slug="unannounced-zanzibar-task-unit")
    draft = CaseFactory(
        title=DRAFT_TITLE,
        slug="confidential-draft",
        summary="Not for publication.",
        status=Case.Status.DRAFT,
        pillars=[pillars["trust"]],
        countries=[countries["IN"]],
        actors=[(secret_actor, "leads")],
    )
    Source.objects.create(case=draft, title="Internal memo", url="https://intranet.example/memo")
    user_model = get_user_model()
    user_model.objects.create_user("curator", STAFF_EMAIL, "a-long-password-1", is_staff=True)
    user_model.objects.create_user("reader", "reader.private@example.org", "a-long-password-2")
    return {"published": published, "draft": draft}
