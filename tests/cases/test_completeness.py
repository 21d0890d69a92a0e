"""A researcher sees how complete each case's record is and why, and keeps to the fullest.

Completeness is five criteria (cases/models/completeness.py): a period, actors, a source with a
link, takeaways and reviewed translations. The list, the case page and the exports each read it
their own way (SQL, the page's prefetched case, the export record); these tests hold them to
one answer.
"""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from cases.exports.records import case_record
from cases.listing import bitsets
from cases.models import Case, CaseActor, CaseTranslation, Source
from cases.models.completeness import Criterion, criteria_q
from cases.services.translations import translation_mark_reviewed
from core.languages import TranslationStatus
from tests.cases.conftest import titles
from tests.cases.exports.test_exports import download
from tests.cases.random_catalogue import build_random_catalogue
from tests.factories import ActorFactory, CaseFactory

FACET_OPTION = re.compile(
    r'name="completeness" value="(\d)"( checked)?>\s*<span class="facet__label">([^<]*)</span>'
    r'\s*<span class="facet__count"[^>]*>(\d+)</span>'
)


def review(case, language):
    CaseTranslation.objects.update_or_create(
        case=case,
        language=language,
        defaults={"status": TranslationStatus.REVIEWED, "reviewed_at": timezone.now()},
    )


def translated(language):
    return {
        f"title_{language}": f"Titre ({language})",
        f"summary_{language}": f"Résumé {language}.",
    }


def assessed(case):
    """(score, missing) of `case` as SQL, the case page and the export record see it, after
    checking that all three agree."""
    sql_score = Case.objects.with_completeness().get(pk=case.pk).completeness_score
    sql_missing = [
        criterion.value
        for criterion, condition in criteria_q().items()
        if not Case.objects.filter(condition, pk=case.pk).exists()
    ]
    page = Case.objects.for_detail().get(pk=case.pk).completeness
    record = case_record(Case.objects.filter(pk=case.pk), permalink_prefix="/cases/")

    assert sql_score == page.score == record["completeness"]
    assert sql_missing == list(page.missing) == record["completeness_missing"]
    return page.score, list(page.missing)


@pytest.fixture
def complete(db):
    """A case meeting every criterion; its period has no end (it is still running)."""
    case = CaseFactory(
        title="Complete case",
        actors=[ActorFactory(name="City council")],
        start_year=2022,
        start_month=None,
        takeaways=["Agree roles early."],
        **translated("fr"),
        **translated("ar"),
    )
    Source.objects.create(case=case, title="No link", order=0)
    Source.objects.create(case=case, title="Report", url="https://example.org/r", order=1)
    review(case, "fr")
    review(case, "ar")
    return case


def test_a_case_with_period_actors_linked_source_takeaways_and_reviews_is_complete(complete):
    assert assessed(complete) == (5, [])


TAKE_AWAY = {
    Criterion.PERIOD: lambda case: Case.objects.filter(pk=case.pk).update(start_year=None),
    Criterion.ACTORS: lambda case: CaseActor.objects.filter(case=case).delete(),
    Criterion.SOURCE_LINK: lambda case: Source.objects.filter(case=case).update(url=""),
    Criterion.TAKEAWAYS: lambda case: Case.objects.filter(pk=case.pk).update(
        takeaways=[], takeaways_en=[]
    ),
    Criterion.TRANSLATIONS: lambda case: CaseTranslation.objects.filter(
        case=case, language="ar"
    ).update(status=TranslationStatus.UNREVIEWED),
}


@pytest.mark.parametrize("criterion", list(Criterion))
def test_each_criterion_missing_costs_one_point_and_is_named(complete, criterion):
    TAKE_AWAY[criterion](complete)

    assert assessed(complete) == (4, [criterion.value])


def test_takeaways_count_only_in_the_original_language(complete):
    Case.objects.filter(pk=complete.pk).update(
        takeaways=[], takeaways_en=[], takeaways_fr=["Une leçon."]
    )

    assert assessed(complete) == (4, ["takeaways"])


def test_a_case_written_in_french_needs_reviewed_english_and_arabic_but_not_french(db):
    case = CaseFactory(
        title="Written in French",
        original_language="fr",
        actors=[ActorFactory(name="Mairie")],
        takeaways_fr=["Une leçon."],
        **translated("fr"),
        **translated("ar"),
    )
    Source.objects.create(case=case, title="Rapport", url="https://example.org/r")
    review(case, "ar")
    assert assessed(case) == (4, ["translations"])
    assert Case.objects.for_detail().get(pk=case.pk).completeness.unreviewed == ("en",)

    review(case, "en")

    assert assessed(case) == (5, [])


def test_a_review_whose_translation_text_is_gone_does_not_count(complete):
    Case.objects.filter(pk=complete.pk).update(title_ar="", summary_ar="")

    assert CaseTranslation.objects.get(case=complete, language="ar").is_reviewed
    assert assessed(complete) == (4, ["translations"])


def test_sql_the_index_the_case_page_and_the_records_agree_on_a_random_catalogue(db):
    build_random_catalogue(seed=5, size=50)
    index = bitsets.build()

    scores = {}
    for case in Case.objects.published():
        score = assessed(case)[0]
        scores[case.pk] = score
        assert case.pk in bitsets.members(index.values["completeness"][str(score)])

    assert len(set(scores.values())) >= 4  # the catalogue has cases of many shapes
    assert sum(found.bit_count() for found in index.values["completeness"].values()) == len(scores)


@pytest.fixture
def graded(catalogue):
    """The list's small catalogue, graded: every case has actors and takeaways and none a
    reviewed translation, so Finland (linked source, both reviews) is complete; Uganda (a
    linked source) 4; Malawi and Victoria 3; Mumbai (no period) 2; the draft is never shown."""
    finland, uganda = catalogue["finland"], catalogue["uganda"]
    for case in (finland, uganda):
        Source.objects.create(case=case, title="Report", url="https://example.org/r")
    Case.objects.filter(pk=finland.pk).update(**translated("fr"), **translated("ar"))
    review(finland, "fr")
    review(finland, "ar")
    return catalogue


def orm_slugs(*scores):
    published = Case.objects.published().with_completeness()
    return sorted(published.filter(completeness_score__in=scores).values_list("slug", flat=True))


def test_the_list_the_exports_and_the_api_filter_by_completeness_alike(client, graded):
    query = "completeness=5&completeness=4"
    expected = orm_slugs(5, 4)
    assert expected == ["finland-action-plan", "uganda-taskforce-on-the-national-strategy"]

    listed = titles(client.get(f"/cases/?{query}&sort=title"))
    _response, body = download(client, f"/cases/export.csv?{query}")
    exported = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    _response, body = download(client, f"/cases/export.ndjson?{query}")
    lines = [json.loads(line) for line in body.decode().splitlines()]
    api = client.get(f"/api/v1/cases/?{query}").json()

    assert listed == ["Finland action plan", "Uganda taskforce on the national strategy"]
    assert sorted(row["slug"] for row in exported) == expected
    assert {row["slug"]: row["completeness"] for row in exported} == {
        "finland-action-plan": "5",
        "uganda-taskforce-on-the-national-strategy": "4",
    }
    assert [row["completeness_missing"] for row in exported if row["completeness"] == "4"] == [
        "translations"
    ]
    assert sorted(line["slug"] for line in lines) == expected
    assert sorted(case["slug"] for case in api["results"]) == expected
    assert {case["completeness"] for case in api["results"]} == {4, 5}


def facet(response):
    """{value: (label, count, ticked)} of the completeness facet on a list page."""
    return {
        value: (label, int(count), bool(ticked))
        for value, ticked, label, count in FACET_OPTION.findall(response.content.decode())
    }


def test_the_completeness_facet_counts_what_each_choice_would_list(client, graded):
    options = facet(client.get("/cases/"))

    assert list(options) == ["5", "4", "3", "2", "1", "0"]
    assert options["5"] == ("5 of 5 (complete)", 1, False)
    for value, (_label, count, _ticked) in options.items():
        assert count == len(orm_slugs(int(value)))
    # Within the other filters: of the Finnish cases, one is complete and none has 3 points.
    in_finland = facet(client.get("/cases/?country=FI&completeness=5"))
    assert in_finland["5"] == ("5 of 5 (complete)", 1, True)
    assert in_finland["3"][1] == 0


def test_a_chosen_completeness_is_a_chip_that_removes_it(client, graded):
    page = client.get("/cases/?completeness=5&country=FI").content.decode()

    assert "Completeness: 5 of 5 (complete)" in page
    assert 'href="?country=FI"' in page


@pytest.mark.parametrize("value", ["6", "-1", "abc", "4.0", "", "x" * 5000])
def test_a_bad_completeness_is_a_clear_400_on_the_list_the_export_and_the_api(
    client, graded, value
):
    shown = value[:60]
    message = f"Select a valid choice. {shown} is not one of the available choices."

    page = client.get(f"/cases/?completeness={value}")
    export = client.get(f"/cases/export.csv?completeness={value}")
    api = client.get(f"/api/v1/cases/?completeness={value}")

    assert page.status_code == 400
    assert message in page.content.decode()
    assert len(titles(page)) == 5  # the bad parameter is left out, the list still shown
    assert export.status_code == 400
    assert message in export.content.decode()
    assert api.status_code == 400
    assert any(message in text for text in api.json()["errors"]["completeness"])


def test_the_completeness_filter_costs_no_query_more_than_an_actor_level_filter(
    client, graded, django_assert_max_num_queries
):
    client.get("/cases/")  # builds the bitset index
    cache.clear()
    with django_assert_max_num_queries(7) as by_level:
        assert titles(client.get("/cases/?level=national&country=FI")) == ["Finland action plan"]
    cache.clear()

    with django_assert_max_num_queries(len(by_level.captured_queries)):
        response = client.get("/cases/?completeness=5&country=FI")

    assert titles(response) == ["Finland action plan"]


def test_the_case_page_says_how_complete_the_case_is_and_what_it_lacks(client, graded):
    Case.objects.filter(pk=graded["finland"].pk).update(title_ar="", summary_ar="")

    english = client.get("/cases/finland-action-plan/").content.decode()
    french = client.get("/fr/cases/finland-action-plan/").content.decode()
    arabic = client.get("/ar/cases/finland-action-plan/").content.decode()

    assert "<dt>Completeness</dt>" in english
    assert '<span class="completeness__score">4 of 5</span>' in english
    assert "<li>a reviewed translation into Arabic</li>" in english
    assert 'href="/data/#completeness"' in english
    assert '<span class="completeness__score">4 sur 5</span>' in french
    assert "<li>une traduction relue en arabe</li>" in french
    assert 'href="/fr/data/#completeness"' in french
    assert 'dir="rtl"' in arabic
    assert "<dt>الاكتمال</dt>" in arabic
    assert '<span class="completeness__score">4 من 5</span>' in arabic
    assert "<li>ترجمة مراجَعة إلى العربية</li>" in arabic


def test_a_complete_case_page_lists_nothing_missing(client, graded):
    page = client.get("/cases/finland-action-plan/").content.decode()

    assert '<span class="completeness__score">5 of 5 (complete)</span>' in page
    assert "completeness__missing" not in page


def test_a_review_or_a_new_link_shows_at_once_on_the_list_and_the_case_page(
    client, graded, admin_user
):
    uganda = graded["uganda"]
    Case.objects.filter(pk=uganda.pk).update(**translated("fr"), **translated("ar"))
    review(uganda, "fr")
    # Seen, and so cached, before the review.
    assert "Uganda taskforce on the national strategy" not in titles(
        client.get("/cases/?completeness=5")
    )
    assert facet(client.get("/cases/"))["5"][1] == 1
    assert "4 of 5" in client.get(f"/cases/{uganda.slug}/").content.decode()

    translation_mark_reviewed(
        objects=Case.objects.filter(pk=uganda.pk), language="ar", user=admin_user
    )

    assert "Uganda taskforce on the national strategy" in titles(
        client.get("/cases/?completeness=5")
    )
    assert facet(client.get("/cases/"))["5"][1] == 2
    assert "5 of 5 (complete)" in client.get(f"/cases/{uganda.slug}/").content.decode()

    Source.objects.create(case=graded["malawi"], title="Plan", url="https://example.org/p")

    assert "Malawi localises its strategy" in titles(client.get("/cases/?completeness=4"))
    assert "4 of 5" in client.get("/cases/malawi-localises-its-strategy/").content.decode()


def test_the_data_page_explains_completeness_in_every_language(client, graded):
    pages = {
        language: client.get(f"{prefix}/data/").content.decode()
        for language, prefix in (("en", ""), ("fr", "/fr"), ("ar", "/ar"))
    }

    for page in pages.values():
        assert 'id="completeness"' in page
        assert "<code>completeness</code>" in page
        assert "<code>completeness_missing</code>" in page
        assert "<code>source_link</code>" in page
    assert "An open end counts: many cases are still running." in pages["en"]
    assert "Une fin ouverte compte" in pages["fr"]
    assert "الاكتمال" in pages["ar"]
