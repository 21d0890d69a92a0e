from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("releases/", views.release_list, name="list"),
    path("releases/<str:name>/", views.release_detail, name="detail"),
    path("releases/<str:name>/cite.<str:fmt>", views.release_cite, name="cite"),
    path("releases/<str:name>/files/<str:filename>", views.release_file, name="file"),
    path("snapshots/", views.snapshot_create_view, name="snapshot_create"),
    path("snapshots/<str:snapshot_id>/", views.snapshot_detail, name="snapshot"),
    path(
        "snapshots/<str:snapshot_id>/export.<str:fmt>",
        views.snapshot_export,
        name="snapshot_export",
    ),
]
