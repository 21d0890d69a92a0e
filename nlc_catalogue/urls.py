from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("cases.urls")),
    path("pillars/", include("pillars.urls")),
    path("", include("ops.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler500 = "ops.views.server_error"
