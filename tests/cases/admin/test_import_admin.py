"""A curator bulk-imports cases in the admin: a dry-run preview first, then all or nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case
from tests.cases.imports import IMPORT, confirm, csv_file, preview, row, xlsx_file
from tests.factories import CaseFactory


def test_the_preview_shows_creates_and_updates_and_writes_nothing(client, curator, setup):
    client.force_login(curator)
    upload = csv_file(row(), row(title="Existing case, revised", slug="existing-case"))

    response = preview(client, upload)

    page = response.content.decode()
    assert "1 to create, 1 to update. Nothing is written yet." in page
    assert "Create (as draft)" in page and "Update" in page
    assert not Case.objects.filter(slug="kenya-county-action-plans").exists()
    assert Case.objects.get(slug="existing-case").title == "Existing case"


def test_confirming_the_preview_imports_everything(client, curator, setup):
    client.force_login(curator)
    response = preview(
        client, csv_file(row(), row(title="Existing, revised", slug="existing-case"))
    )

    done = confirm(client, response)

    assert "Import done: 1 case created, 1 updated." in done.content.decode()
    case = Case.objects.get(slug="kenya-county-action-plans")
    assert case.status == Case.Status.DRAFT
    assert (case.start_year, case.start_month) == (2023, 5)
    assert set(case.pillars.values_list("slug", flat=True)) == {"trust", "coordination"}
    assert case.takeaways == ["Plans need budgets", "Review yearly"]
    source = case.sources.get()
    assert (source.title, source.publisher, str(source.published), source.url) == (
        "Practice update", "Strong Cities Network", "2024-11-27", "https://example.org/nlc",
    )  # fmt: skip
    assert case.case_actors.get().actor.name == "Nansana Municipality"
    assert Case.objects.get(slug="existing-case").title == "Existing, revised"


@pytest.mark.parametrize(
    ("cells", "error"),
    [
        ({"country_codes": "ZZ"}, ("countries", "unknown country code &#x27;ZZ&#x27;")),
        ({"pillars": "Bravery"}, ("pillars", "unknown pillar &#x27;Bravery&#x27;")),
        ({"title": "", "slug": "no-title"}, ("title", "missing title")),
        ({"period_start": "May 2023"}, ("period_start", "malformed date")),
        ({"sources": "Report (SCN, 2024-13-45)"}, ("sources[1].published", "invalid date")),
        ({"title": "x" * 201}, ("title", "over-long field: ensure this value has at most 200")),
        (
            {"summary": "x" * 2001},
            ("summary", "over-long field: ensure this value has at most 2000 characters"),
        ),
        ({"takeaways": "x" * 601}, ("takeaways", "over-long field: keep each takeaway under")),
        ({"actors": "Nobody (Local)"}, ("actors", "unknown actor &#x27;Nobody&#x27;")),
    ],
)
def test_each_bad_row_is_reported_with_its_row_field_and_reason(
    client, curator, setup, cells, error
):
    client.force_login(curator)

    response = preview(client, csv_file(row(slug="fine-case"), row(**cells)))

    page = response.content.decode()
    field, reason = error
    assert f"<td>row 3</td><td>{field}</td><td>" in page
    assert reason in page.split(f"<td>row 3</td><td>{field}</td>")[1]
    assert "Nothing was imported" in page
    assert "token" not in response.context


def test_a_duplicate_slug_in_the_file_is_reported(client, curator, setup):
    client.force_login(curator)

    response = preview(client, csv_file(row(), row(title="Other")))

    assert "duplicate slug &#x27;kenya-county-action-plans&#x27;: row 2 has it too" in (
        response.content.decode()
    )


def test_a_failed_import_leaves_the_database_unchanged(client, curator, setup):
    client.force_login(curator)
    good = preview(client, csv_file(row(), row(title="Changed", slug="existing-case")))
    token = good.context["token"]
    # Between preview and confirmation, a pillar the file names disappears.
    setup.pillars.clear()
    from pillars.models import Pillar

    Pillar.objects.filter(slug="coordination").delete()
    before = list(Case.objects.values_list("slug", "title", "version"))

    response = client.post(IMPORT, {"token": token, "status": "draft"})

    assert "Nothing was imported" in response.content.decode()
    assert list(Case.objects.values_list("slug", "title", "version")) == before


def test_an_xlsx_in_the_export_columns_imports(client, curator, setup):
    client.force_login(curator)

    response = preview(client, xlsx_file(row()))
    confirm(client, response)

    assert Case.objects.filter(slug="kenya-county-action-plans").exists()


def test_a_json_export_imports_through_the_admin_too(client, curator, setup):
    client.force_login(curator)
    body = b"".join(client.get("/cases/export.json").streaming_content)
    data = json.loads(body)
    data["cases"][0]["slug"] = "a-copy"
    upload = SimpleUploadedFile("export.json", json.dumps(data).encode())

    confirm(client, preview(client, upload))

    assert Case.objects.get(slug="a-copy").status == Case.Status.DRAFT


def test_only_editors_import_cases_as_published(client, curator, editor, setup):
    client.force_login(curator)
    refused = preview(client, csv_file(row()), status="published")
    client.force_login(editor)
    accepted = confirm(client, preview(client, csv_file(row()), status="published"))

    assert "Only editors can import cases as published." in refused.content.decode()
    assert "Import done" in accepted.content.decode()
    assert Case.objects.get(slug="kenya-county-action-plans").status == Case.Status.PUBLISHED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cases.csv", "title,slug\ncafé,cafe\n".encode("cp1252"), "not UTF-8 text"),
        ("cases.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "holds binary data"),
        ("cases.xlsx", b"title,slug\nA,a\n", "not a readable Excel workbook"),
        ("cases.json", b"[1, 2", "not valid JSON"),
        ("cases.pdf", b"%PDF-1.4", "Choose a .csv, .xlsx or .json file"),
        ("cases.csv", b"name,code\nA,a\n", "there is no &#x27;title&#x27; column"),
        ("cases.csv", b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_what_it_claims_gets_a_clear_error(
    client, curator, db, name, content, message
):
    client.force_login(curator)

    response = preview(client, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()


class CountingStream:
    """A request body of `size` bytes that counts how much of it is read."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def read(self, size=-1):
        size = self.size - self.read_bytes if size is None or size < 0 else size
        size = min(size, self.size - self.read_bytes)
        self.read_bytes += size
        return b"x" * size

    def readline(self, size=-1):
        return self.read(min(size, 1024) if size and size > 0 else 1024)


def test_a_50_mb_upload_is_refused_without_being_read(client, curator, db):
    client.force_login(curator)
    body = CountingStream(50 * 1024 * 1024)

    response = client.generic(
        "POST",
        IMPORT,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(body.size),
        **{"wsgi.input": body},
    )

    assert response.status_code == 302
    assert body.read_bytes == 0
    page = client.get(response["Location"]).content.decode()
    assert "the upload is 50.0\xa0MB, more than the 5.0\xa0MB limit" in page


def test_the_import_page_needs_staff_with_add_rights(client, db):
    assert client.get(IMPORT).status_code == 302  # to the login page


def test_the_import_still_checks_csrf_after_the_size(curator, setup):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(curator)

    response = browser.post(IMPORT, {"file": csv_file(row()), "status": "draft"})

    assert response.status_code == 403


def test_the_case_list_runs_the_same_queries_for_few_or_many_cases(
    client, curator, pillars, countries, django_assert_num_queries
):
    client.force_login(curator)
    changelist = reverse("admin:cases_case_changelist")
    CaseFactory.create_batch(2)
    client.get(changelist)  # warm the session and content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(changelist)
    CaseFactory.create_batch(20)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(changelist)
