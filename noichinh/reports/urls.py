from django.urls import path

from noichinh.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.period_list, name="period_list"),
    path("periods/new/", views.period_create, name="period_create"),
    path("periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("periods/<int:pk>/submission/edit/", views.submission_edit, name="submission_edit"),
    path(
        "periods/<int:pk>/submission/template.xlsx",
        views.submission_template,
        name="submission_template",
    ),
    path("periods/<int:pk>/submission/upload/", views.submission_upload, name="submission_upload"),
    path("periods/<int:pk>/report/", views.period_report, name="period_report"),
    path("periods/<int:pk>/report/tables.xlsx", views.period_report_xlsx, name="report_xlsx"),
    path("periods/<int:pk>/chart/<str:kind>.png", views.period_chart, name="period_chart"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/file.<str:fmt>", views.document_file, name="document_file"),
    path("documents/<int:pk>/build/", views.document_build, name="document_build"),
    path("documents/<int:pk>/sign/", views.document_sign, name="document_sign"),
    path(
        "documents/<int:pk>/signed/<int:signed_pk>.pdf",
        views.document_signed_file,
        name="document_signed_file",
    ),
    path("home/<str:kind>.png", views.home_chart, name="home_chart"),
    path("official/", views.official_forms_page, name="official_forms"),
    path("official/file.<str:fmt>", views.official_form_file, name="official_form_file"),
]
urlpatterns += [
    path(
        f"periods/<int:pk>/{action}/",
        views.period_action,
        {"action": action},
        name=f"period_{action}",
    )
    for action in ("open", "close", "reopen", "remind")
]
urlpatterns += [
    path(
        f"submissions/<int:pk>/{action}/",
        views.submission_decide,
        {"action": action},
        name=f"submission_{action}",
    )
    for action in ("approve", "return", "submit")
]
urlpatterns += [
    path(
        f"documents/<int:pk>/{action}/",
        views.document_action,
        {"action": action},
        name=f"document_{action}",
    )
    for action in ("correct", "rebuild")
]
