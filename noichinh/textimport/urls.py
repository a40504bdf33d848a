from django.urls import path

from . import views

app_name = "textimport"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("history/", views.import_history, name="history"),
    path("history/<int:pk>/reopen/", views.import_reopen, name="reopen"),
    path("history/<int:pk>/withdraw/", views.import_withdraw, name="withdraw"),
    path("history/<int:pk>/restore/", views.import_restore, name="restore"),
]
