from django.urls import path

from . import data_views, views, views_explore

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="list"),
    path("cases/export.<str:fmt>", views.case_export, name="export"),
    path("cases/feed.atom", data_views.case_feed, name="feed"),
    path("cases/<slug:slug>/", views.case_detail, name="detail"),
    path("cases/<slug:slug>/cite.<str:fmt>", data_views.case_cite, name="cite"),
    path("data/", data_views.data_page, name="data"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("overview/", views_explore.overview, name="overview"),
    path("compare/", views_explore.compare, name="compare"),
    path("actors/<slug:slug>/", views_explore.actor_detail, name="actor"),
]
