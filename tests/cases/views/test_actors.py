from cases.models import Case


def test_an_actor_page_lists_every_published_case_it_appears_in(client, catalogue):
    actor = catalogue["uganda"].actors.get(name="Nansana Municipality")
    response = client.get(f"/actors/{actor.slug}/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Nansana Municipality</h1>" in page
    assert "Uganda taskforce on the national strategy" in page
    assert "Victoria cross-city conference" in page
    assert "Unpublished draft about trust" not in page
    assert "<strong>Role:</strong> chairs the taskforce" in page


def test_case_pages_and_actor_pages_link_both_ways(client, catalogue):
    case = catalogue["uganda"]
    actor = case.actors.get(name="National Counter Terrorism Centre")
    detail = client.get(case.get_absolute_url()).content.decode()
    actor_page = client.get(actor.get_absolute_url()).content.decode()

    assert f'<a class="actor-link" href="/actors/{actor.slug}/">{actor.name}</a>' in detail
    assert f'href="{case.get_absolute_url()}">{case.title}</a>' in actor_page


def test_unknown_actors_and_actors_only_in_drafts_are_not_found(client, catalogue):
    draft_only = catalogue["draft"].actors.first()
    Case.objects.filter(case_actors__actor=draft_only).update(status=Case.Status.DRAFT)

    assert client.get("/actors/nobody/").status_code == 404
    assert client.get(f"/actors/{draft_only.slug}/").status_code == 404
    assert client.get("/actors/bad%20slug/").status_code == 404


def test_the_actor_page_costs_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    actor = catalogue["uganda"].actors.get(name="Nansana Municipality")
    with django_assert_max_num_queries(7):
        client.get(f"/actors/{actor.slug}/")
