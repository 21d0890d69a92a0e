"""A visitor suggests a case; it waits as a draft for moderation, and the email stays private."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from cases.models import Case
from suggestions.models import Suggestion

SUGGEST = "/suggest/"
QUEUE = reverse("admin:suggestions_suggestion_changelist")


@pytest.fixture
def form_data(suggestion_form_data):
    return suggestion_form_data


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()


def test_the_form_needs_no_account_and_shows_every_field(
    client, pillars, countries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        page = client.get(SUGGEST).content.decode()

    for label in ("Title", "Country", "Description", "Pillars", "Link to a source", "Your name"):
        assert label in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'class="suggest-form__trap" aria-hidden="true"' in page


def test_a_suggestion_becomes_a_draft_waiting_for_moderation(client, form_data):
    response = client.post(SUGGEST, form_data, follow=True)

    assert "Thank you for your suggestion" in response.content.decode()
    suggestion = Suggestion.objects.get()
    case = suggestion.case
    assert (suggestion.state, suggestion.email) == ("waiting", "amina@example.org")
    assert case.status == Case.Status.DRAFT
    assert case.summary == form_data["description"]
    assert list(case.countries.values_list("code", flat=True)) == ["UG"]
    assert set(case.pillars.values_list("slug", flat=True)) == {"trust", "coordination"}
    assert case.sources.get().url == "https://example.org/forums"
    assert client.get(case.get_absolute_url()).status_code == 404


def test_the_honeypot_drops_spam_without_telling_the_bot(client, form_data):
    response = client.post(SUGGEST, {**form_data, "website": "http://spam.example"}, follow=True)

    assert "Thank you for your suggestion" in response.content.decode()
    assert not Suggestion.objects.exists()
    assert not Case.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(form_data):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(SUGGEST, form_data)

    assert response.status_code == 403
    assert not Suggestion.objects.exists()


def test_too_many_suggestions_from_one_address_are_refused(client, form_data, settings):
    settings.SUGGESTIONS_PER_IP = 2
    for _ in range(2):
        client.post(SUGGEST, form_data)

    response = client.post(SUGGEST, form_data)
    other_address = client.post(SUGGEST, form_data, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    assert "Too many suggestions" in response.content.decode()
    assert other_address.status_code == 302
    assert Suggestion.objects.count() == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 201, "at most 200 characters"),
        ("description", "x" * 2001, "at most 2000 characters"),
        ("name", "x" * 101, "at most 100 characters"),
        ("email", "not-an-email", "Enter a valid email address."),
        ("source_url", "javascript:alert(1)", "Enter a valid URL."),
        ("country", "ZZ", "Select a valid choice."),
        ("pillars", ["bravery"], "Select a valid choice."),
        ("title", "", "This field is required."),
    ],
)
def test_bad_or_oversized_fields_are_refused_with_a_message(
    client, form_data, field, value, message
):
    response = client.post(SUGGEST, {**form_data, field: value})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Suggestion.objects.exists()


def test_the_email_never_appears_on_public_pages_or_exports(client, form_data, editor):
    client.post(SUGGEST, form_data)
    case = Case.objects.get()
    client.force_login(editor)
    client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "publish", "_selected_action": [case.pk]},
    )
    client.logout()
    assert Case.objects.published().filter(pk=case.pk).exists()

    pages = [
        client.get(case.get_absolute_url()).content,
        client.get("/cases/").content,
        b"".join(client.get("/cases/export.csv").streaming_content),
        b"".join(client.get("/cases/export.json").streaming_content),
    ]

    assert b"Nairobi peace forums" in pages[0]
    assert not any(b"amina@example.org" in page for page in pages)


def test_the_admin_index_counts_waiting_suggestions_and_the_queue_lists_them(
    client, form_data, curator
):
    client.post(SUGGEST, form_data)
    client.post(SUGGEST, {**form_data, "title": "Second idea"})
    client.force_login(curator)

    index = client.get(reverse("admin:index")).content.decode()
    queue = client.get(QUEUE)

    assert "2 suggested cases waiting" in index
    assert [s.case.title for s in queue.context["cl"].result_list] == [
        "Second idea",
        "Nairobi peace forums",
    ]
    assert "amina@example.org" in queue.content.decode()  # staff see who to ask


def test_rejecting_moves_the_draft_to_the_trash_and_accepting_keeps_it(client, form_data, editor):
    client.post(SUGGEST, form_data)
    client.post(SUGGEST, {**form_data, "title": "Spammy idea"})
    keep, drop = (
        Suggestion.objects.get(case__title=form_data["title"]),
        Suggestion.objects.get(case__title="Spammy idea"),
    )
    client.force_login(editor)

    client.post(QUEUE, {"action": "accept", "_selected_action": [keep.pk]})
    client.post(QUEUE, {"action": "reject", "_selected_action": [drop.pk]})

    keep.refresh_from_db()
    drop.refresh_from_db()
    assert (keep.state, keep.case.in_trash) == ("accepted", False)
    assert (drop.state, drop.case.in_trash) == ("rejected", True)
    assert "No suggested cases are waiting" in client.get(reverse("admin:index")).content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time, so two submits cannot race for a slug there.",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_suggestion_sent_five_times_at_once_is_taken_five_times(
    suggestion_form_data, settings
):
    settings.SUGGESTIONS_PER_IP = 10
    start = threading.Barrier(5)
    statuses = []

    def submit():
        try:
            start.wait()
            statuses.append(Client().post(SUGGEST, suggestion_form_data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 5
    slugs = sorted(Case.objects.values_list("slug", flat=True))
    assert slugs == sorted(
        ["nairobi-peace-forums", *(f"nairobi-peace-forums-{n}" for n in range(2, 6))]
    )
    assert Suggestion.objects.count() == 5
