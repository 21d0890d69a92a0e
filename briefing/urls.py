from django.urls import path

from . import views

app_name = "briefing"

urlpatterns = [
    path("cases/briefing.pdf", views.case_list_pack, name="case_list"),
    path("cases/<slug:slug>/briefing.pdf", views.case_pack, name="case"),
    path("compare/briefing.pdf", views.compare_pack, name="compare"),
    path("self-assessment/briefing.pdf", views.assessment_pack, name="assessment"),
]
