from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from config.api import api
from noichinh.core import views as core_views
from noichinh.org.auth import NoiChinhLoginView, login_code

handler400 = "noichinh.core.views.error_400"
handler403 = "noichinh.core.views.error_403"
handler404 = "noichinh.core.views.error_404"
handler500 = "noichinh.core.views.error_500"

admin.site.site_header = "Quản trị Nội chính"
admin.site.site_title = "Quản trị Nội chính"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", NoiChinhLoginView.as_view(), name="login"),
    path("login/code/", login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's own login would skip the second factor: it goes through ours.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("core/", include("noichinh.core.urls")),
    path("org/", include("noichinh.org.urls")),
    path("petitions/", include("noichinh.petitions.urls")),
    path("portal/", include("noichinh.portal.urls")),
    path("cases/", include("noichinh.cases.urls")),
    path("reports/", include("noichinh.reports.urls")),
    path("briefings/", include("noichinh.briefings.urls")),
    path("import/", include("noichinh.textimport.urls")),
    path("huong-dan/", include("noichinh.core.guide")),
]
