from django.urls import path

from noichinh.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("overdue/", views.overdue, name="overdue"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("figures/", views.figures, name="figures"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/supervision/", views.supervision_record, name="supervision_record"),
    path("<int:pk>/stages/new/", views.stage_add, name="stage_add"),
    path("<int:pk>/progress/new/", views.progress_add, name="progress_add"),
    path("<int:pk>/explanations/new/", views.explanation_add, name="explanation_add"),
    path("stages/<int:stage_id>/end/", views.stage_end, name="stage_end"),
    path("stages/<int:stage_id>/act/", views.stage_act, name="stage_act"),
    path("stages/<int:stage_id>/extend/", views.stage_extend, name="stage_extend"),
    path("stages/<int:stage_id>/suspend/", views.stage_suspend, name="stage_suspend"),
    path("stages/<int:stage_id>/resume/", views.stage_resume, name="stage_resume"),
    path(
        "explanations/<int:request_id>/answer/",
        views.explanation_answer,
        name="explanation_answer",
    ),
]
