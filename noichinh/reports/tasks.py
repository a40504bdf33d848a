"""Background tasks (django-tasks): building the files of an issued report version."""

from django_tasks import task

from noichinh.reports import services


@task()
def build_report_version(build_id: int) -> int | None:
    return services.report_version_build(build_id=build_id)
