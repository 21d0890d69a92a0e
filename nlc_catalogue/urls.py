from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("cases.urls")),
    path("pillars/", include("pillars.urls")),
    path("suggest/", include("suggestions.urls")),
    path("admin/", admin.site.urls),
]
