from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "noichinh.petitions"
    label = "petitions"
    verbose_name = "Đơn thư, tiếp công dân"

    def ready(self):
        from noichinh.petitions import daily, overdue

        daily.connect()
        overdue.connect()
