from django.urls import path

from noichinh.portal import public_views, retention_views, views

app_name = "portal"
urlpatterns = [
    # Public: no account.
    path("", views.home, name="home"),
    path("gui-don/", views.submit, name="submit"),
    path("da-gui/", views.receipt, name="receipt"),
    path("da-gui/bien-nhan.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("ho-so/", views.status, name="status"),
    path("ho-so/phan-hoi/", views.reply, name="reply"),
    path("ho-so/de-nghi-bao-ve/", views.citizen_protection, name="citizen_protection"),
    path("ho-so/danh-gia/", views.feedback, name="feedback"),
    path("thoat/", views.leave, name="leave"),
    path("lich-tiep-cong-dan/", public_views.reception_schedule, name="reception_schedule"),
    path("thong-ke/", public_views.statistics, name="statistics"),
    path("thong-ke.csv", public_views.statistics_csv, name="statistics_csv"),
    # Officers.
    path("don/<int:pk>/", views.petition_panel, name="petition_panel"),
    path("don/<int:pk>/cap-ma/", views.issue_code, name="issue_code"),
    path("don/<int:pk>/danh-tinh/", views.reveal, name="reveal"),
    path("don/<int:pk>/bao-ve/moi/", views.protection_create, name="protection_create"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("luu-tru/", retention_views.retention_report, name="retention_report"),
    path("don/<int:pk>/luu-giu/", retention_views.petition_retention, name="petition_retention"),
    path("giu-ho-so/<int:pk>/bo-giu/", retention_views.hold_release, name="hold_release"),
    path("danh-gia/", views.feedback_list, name="feedback_list"),
    path("bao-ve/", views.protection_list, name="protection_list"),
    path("bao-ve/<int:pk>/", views.protection_detail, name="protection_detail"),
]
