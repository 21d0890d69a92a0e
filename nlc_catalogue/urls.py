from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from cases.sitemaps import SITEMAPS
from cases.urls import pillar_urlpatterns
from core.languages import choose_language

# Pages a reader sees carry the language in the address: /cases/ (English), /fr/cases/, /ar/cases/.
urlpatterns = i18n_patterns(
    path("", include("cases.urls")),
    path("pillars/", include(pillar_urlpatterns)),
    path("suggest/", include("suggestions.urls")),
    path("data/", include("releases.urls")),
    prefix_default_language=False,
)

# Machine addresses stay unprefixed: the API and feeds choose a language by ?lang= or
# Accept-Language; health checks, the sitemap and the admin have one address each.
urlpatterns += [
    path("api/", include("api.urls")),
    path("language/<str:language>/", choose_language, name="choose_language"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("ops.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler500 = "ops.views.server_error"
