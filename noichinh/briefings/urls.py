from django.urls import path

from noichinh.briefings import views

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="briefing_list"),
    path("new/", views.conference_create, name="conference_create"),
    path("<int:pk>/", views.briefing_detail, name="briefing_detail"),
    path("<int:pk>/edit/", views.conference_edit, name="conference_edit"),
    path("<int:pk>/notice/", views.notice_edit, name="notice_edit"),
    path("<int:pk>/notice.docx", views.notice_docx, name="notice_docx"),
    path("<int:pk>/notice/signed/", views.notice_signed, name="notice_signed"),
    path(
        "<int:pk>/notice/signed/<int:signed_pk>.pdf",
        views.notice_signed_file,
        name="notice_signed_file",
    ),
    path("<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("figures/<int:pk>/delete/", views.figure_delete, name="figure_delete"),
    path("figures/<int:pk>/edit/", views.figure_edit, name="figure_edit"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("awards/<int:pk>/edit/", views.award_edit, name="award_edit"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/export.xlsx", views.task_export, name="task_export"),
    path("tasks/import/", views.task_import, name="task_import"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/files/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("awards/", views.award_list, name="award_list"),
    path("awards/new/", views.award_create, name="award_create"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/overlap/", views.plan_overlap, name="plan_overlap"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("report/", views.figure_report, name="figure_report"),
    path("withdrawn/", views.withdrawn_list, name="withdrawn_list"),
    path("withdraw/<str:kind>/<int:pk>/", views.record_withdraw, name="record_withdraw"),
    path("restore/<str:kind>/<int:pk>/", views.record_restore, name="record_restore"),
]
