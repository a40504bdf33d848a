app_name = "textimport"
urlpatterns: list = []
