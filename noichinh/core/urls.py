from django.urls import path

from noichinh.core import views

app_name = "core"
urlpatterns = [
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/notice/", views.calendar_notice_create, name="calendar_notice"),
    path("signatures/verify/", views.signature_verify, name="signature_verify"),
]
