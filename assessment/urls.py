from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.assessment_form, name="form"),
    path("result/", views.assessment_result, name="result"),
]
