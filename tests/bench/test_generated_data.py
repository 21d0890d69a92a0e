"""The benchmark generator, and query counts that do not grow with the data or page size."""

import pytest
from django.db import transaction
from django.db.models import Count

from bench.generate import main
from bench.generator import generated_actors, generated_cases
from cases.choices import Region
from cases.models import Actor, Case, CaseActor, Country
from tests.cases.conftest import titles
from tests.cases.search.test_rebuild import indexed

PAGES = [
    "/cases/",
    "/cases/?pillar=trust&country=UG",
    "/cases/?pillar=trust&pillar=capacity&pillar_match=all",
    "/cases/?q=youth+mentoring",
    "/cases/?level=local&region=europe&sort=title",
    "/pillars/trust/",
    "/",
]


def generate(cases):
    main(["--cases", str(cases), "--seed", "1", "--actors", "300"])


def queries_per_page(client, django_assert_max_num_queries, urls):
    """{url: number of queries}, each measured with a cold cache."""
    from django.core.cache import cache

    counts = {}
    for url in urls:
        cache.clear()
        with django_assert_max_num_queries(40) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


def test_generated_cases_look_like_real_ones(pillars):
    generate(40)

    cases = generated_cases().annotate(
        pillar_count=Count("pillars", distinct=True), actor_count=Count("actors", distinct=True)
    )
    assert cases.count() == 40
    for case in cases:
        assert 1 <= case.pillar_count <= 3
        assert 1 <= case.actor_count <= 5
        assert 100 <= len(case.summary.split()) <= 400
        assert len(case.summary) <= 2000
        assert case.body.startswith("## ")
        case.full_clean()
    assert 190 <= Country.objects.count() <= 210
    assert set(Country.objects.values_list("region", flat=True)) == set(Region.values)
    assert generated_actors().count() == 300


def test_generation_is_deterministic_and_can_be_extended(pillars):
    with transaction.atomic():
        generate(12)
        first = list(generated_cases().order_by("slug").values_list("title", "summary"))
        transaction.set_rollback(True)
    assert not Case.objects.exists()
    generate(5)
    generate(7)

    again = list(generated_cases().order_by("slug").values_list("title", "summary"))
    assert again == first


def test_generating_adds_to_the_seed_data_and_changes_none_of_it(seeded):
    seed_cases = set(Case.objects.values_list("slug", "title", "summary"))
    seed_countries = set(Country.objects.values_list("code", "name", "region"))
    seed_actors = Actor.objects.count()

    generate(20)

    assert Case.objects.count() == len(seed_cases) + 20
    assert seed_cases <= set(Case.objects.values_list("slug", "title", "summary"))
    assert seed_countries <= set(Country.objects.values_list("code", "name", "region"))
    assert Actor.objects.count() == seed_actors + 300


def test_after_a_bulk_load_search_finds_every_new_case_and_cached_pages_change(client, pillars):
    generate(10)
    before = titles(client.get("/cases/"))  # the count and page ids are cached now
    generate(20)

    after = titles(client.get("/cases/"))
    assert len(after) == 20 > len(before)
    assert indexed() == Case.objects.count() == 30
    for case in Case.objects.all():
        assert case in Case.objects.search(f'"{case.title}"'), case.title
    link = CaseActor.objects.select_related("actor").order_by("case_id").last()
    assert link.case in Case.objects.search(f'"{link.actor.name}"')


def test_the_generator_needs_pillars(db):
    with pytest.raises(SystemExit, match="no pillars"):
        generate(3)


@pytest.mark.parametrize("export", ["csv", "json"])
def test_exports_run_the_same_queries_for_30_or_300_cases(
    client, pillars, django_assert_max_num_queries, export, settings
):
    from cases.exports import records as exports

    generate(30)
    url = f"/cases/export.{export}"
    with django_assert_max_num_queries(40) as small:
        b"".join(client.get(url).streaming_content)
    generate(270)
    # Chunks of 1,000 cases: 300 cases are still one chunk, so the count must not move.
    assert exports.CHUNK_SIZE >= 300
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = b"".join(client.get(url).streaming_content)
    assert body.count(b"gen-1-") >= 285


def test_pages_run_the_same_queries_for_30_or_300_cases(
    client, pillars, countries, django_assert_max_num_queries
):
    generate(30)
    detail = "/cases/" + generated_cases().published().first().slug + "/"
    small = queries_per_page(client, django_assert_max_num_queries, [*PAGES, detail])
    generate(270)

    large = queries_per_page(client, django_assert_max_num_queries, [*PAGES, detail])

    assert large == small


def test_list_pages_run_the_same_queries_for_5_or_50_cases_per_page(
    client, pillars, countries, django_assert_max_num_queries, settings
):
    generate(120)
    # The first page after the load builds the bitset index of this catalogue version (nine
    # queries, once), and the first filtered one reads the pillars and countries that filters
    # are checked against (two, once: cases/listing/vocabulary.py); the pages below read both.
    client.get("/cases/")
    client.get("/cases/?pillar=capacity&country=IN")
    settings.CATALOGUE_PAGE_SIZE = 5
    small = queries_per_page(client, django_assert_max_num_queries, PAGES)
    settings.CATALOGUE_PAGE_SIZE = 50

    large = queries_per_page(client, django_assert_max_num_queries, PAGES)

    assert large == small
