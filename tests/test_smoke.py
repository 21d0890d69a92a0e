def test_home_page_names_the_catalogue(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert "National-local cooperation" in response.content.decode()
