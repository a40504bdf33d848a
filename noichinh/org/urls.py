from django.urls import path

from noichinh.org import auth, views

app_name = "org"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/reorganise/", views.unit_reorganise, name="unit_reorganise"),
    path("2fa/", auth.totp_setup, name="totp_setup"),
]
