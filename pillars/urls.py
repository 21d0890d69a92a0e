from django.urls import path

from . import views

app_name = "pillars"

urlpatterns = [
    path("", views.pillar_list, name="list"),
    path("<slug:slug>/", views.pillar_detail, name="detail"),
]
