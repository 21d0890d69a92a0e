from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from cases.sitemaps import SITEMAPS
from cases.urls import pillar_urlpatterns

urlpatterns = [
    path("", include("cases.urls")),
    path("pillars/", include(pillar_urlpatterns)),
    path("suggest/", include("suggestions.urls")),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("ops.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler500 = "ops.views.server_error"
