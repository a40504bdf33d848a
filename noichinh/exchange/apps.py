from django.apps import AppConfig


def _touch_case(sender, instance, **kwargs):
    """A stage, extension or supervision decision changes its case for the exchange cursor
    (``Case.updated_at``): the case services save those rows without saving the case."""
    from django.utils import timezone

    from noichinh.cases.models import Case

    case_id = getattr(instance, "case_id", None)
    if case_id is None and getattr(instance, "stage_id", None):
        case_id = (
            type(instance)
            .objects.filter(pk=instance.pk)
            .values_list("stage__case_id", flat=True)
            .first()
        )
    if case_id:
        Case.objects.filter(pk=case_id).update(updated_at=timezone.now())


class ExchangeConfig(AppConfig):
    name = "noichinh.exchange"
    label = "exchange"
    verbose_name = "Trao đổi dữ liệu liên thông"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from noichinh.cases.models import CaseStage, StageExtension, SupervisionEntry

        for model in (CaseStage, StageExtension, SupervisionEntry):
            post_save.connect(_touch_case, sender=model, dispatch_uid=f"exchange-{model.__name__}")
            post_delete.connect(
                _touch_case, sender=model, dispatch_uid=f"exchange-del-{model.__name__}"
            )
