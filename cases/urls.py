from django.urls import path

from .views import catalogue, downloads, explore, research

app_name = "cases"

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("cases/", catalogue.case_list, name="list"),
    path("cases/export.<str:fmt>", downloads.case_export, name="export"),
    path("cases/feed.atom", research.case_feed, name="feed"),
    path("cases/<slug:slug>/", catalogue.case_detail, name="detail"),
    path("cases/<slug:slug>/cite.<str:fmt>", research.case_cite, name="cite"),
    path("data/", research.data_page, name="data"),
    path("countries/", catalogue.country_list, name="countries"),
    path("countries/<str:code>/", catalogue.country_detail, name="country"),
    path("overview/", explore.overview, name="overview"),
    path("compare/", explore.compare, name="compare"),
    path("actors/<slug:slug>/", explore.actor_detail, name="actor"),
]

# The pillar pages list cases, so they live here; their addresses keep the "pillars" namespace.
pillar_urlpatterns = (
    [
        path("", catalogue.pillar_list, name="list"),
        path("<slug:slug>/", catalogue.pillar_detail, name="detail"),
    ],
    "pillars",
)
