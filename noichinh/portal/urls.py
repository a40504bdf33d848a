from django.urls import path

from noichinh.portal import views

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
    # Officers.
    path("don/<int:pk>/", views.petition_panel, name="petition_panel"),
    path("don/<int:pk>/cap-ma/", views.issue_code, name="issue_code"),
    path("don/<int:pk>/danh-tinh/", views.reveal, name="reveal"),
    path("don/<int:pk>/bao-ve/moi/", views.protection_create, name="protection_create"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("danh-gia/", views.feedback_list, name="feedback_list"),
    path("bao-ve/", views.protection_list, name="protection_list"),
    path("bao-ve/<int:pk>/", views.protection_detail, name="protection_detail"),
]
