"""No public URL (page, export, feed, API, sitemap) reveals a draft, an email or the admin.

The URLs come from the resolver (public_routes.py), filled with published objects and with the
draft's own slug and id, so a route added later is covered as soon as it exists.
"""

import re

import pytest
from django.conf import settings

from .conftest import DRAFT_ACTOR, DRAFT_TITLE
from .public_routes import public_urls

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Addresses the site publishes on purpose (a contact address, say) go here.
PUBLIC_EMAILS = set()


@pytest.mark.django_db
def test_no_public_url_reveals_drafts_emails_or_the_admin(client, public_and_private):
    pages = public_urls(client, include_drafts=True)
    draft = public_and_private["draft"]
    assert "/cases/published-case-0/" in pages
    assert f"/cases/{draft.slug}/" not in pages
    secrets = [
        DRAFT_TITLE.encode(),
        DRAFT_ACTOR.encode(),
        b"unannounced-zanzibar-task-unit",
        draft.slug.encode(),
        b"intranet.example",
    ]
    admin_path = f"/{settings.ADMIN_PATH}".encode()
    for url, content in pages.items():
        for secret in secrets:
            assert secret not in content, f"{url} reveals the draft ({secret!r})"
        emails = {match.decode() for match in EMAIL.findall(content)} - PUBLIC_EMAILS
        assert not emails, f"{url} reveals email addresses {emails}"
        assert admin_path not in content, f"{url} links to the admin"


@pytest.mark.django_db
def test_the_draft_page_is_not_found(client, public_and_private):
    response = client.get(f"/cases/{public_and_private['draft'].slug}/")
    assert response.status_code == 404
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.django_db
def test_search_for_a_draft_finds_nothing(client, public_and_private):
    for query in ("Zanzibar", "Unannounced", "Confidential"):
        for url in ("/cases/", "/cases/export.csv", "/cases/export.json"):
            response = client.get(url, {"q": query})
            content = b"".join(response) if response.streaming else response.content
            assert DRAFT_TITLE.encode() not in content, (url, query)
