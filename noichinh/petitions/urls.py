from django.urls import path

from noichinh.petitions import schedule_views, views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="petition_list"),
    path("new/", views.petition_create, name="petition_create"),
    path("<int:pk>/", views.petition_detail, name="petition_detail"),
    path("<int:pk>/action/<slug:action>/", views.petition_action, name="petition_action"),
    path("<int:pk>/duplicate/", views.petition_link_duplicate, name="petition_link_duplicate"),
    path("<int:pk>/document/<slug:kind>/", views.petition_document, name="petition_document"),
    path(
        "<int:pk>/document/<slug:kind>/signed/",
        views.petition_document_signed,
        name="petition_document_signed",
    ),
    path(
        "<int:pk>/document/<slug:kind>/signed/<int:signed_pk>.pdf",
        views.petition_document_signed_file,
        name="petition_document_signed_file",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("due/", views.due_view, name="due"),
    path("figures/", views.figures_view, name="figures"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/count/", views.notification_count, name="notification_count"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("import/", views.import_view, name="import"),
    path("reception-schedule/", schedule_views.schedule_list, name="schedule_list"),
    path("reception-schedule/new/", schedule_views.schedule_create, name="schedule_create"),
    path("reception-schedule/<int:pk>/", schedule_views.schedule_edit, name="schedule_edit"),
    path(
        "reception-schedule/<int:pk>/cancel/",
        schedule_views.schedule_cancel,
        name="schedule_cancel",
    ),
]
