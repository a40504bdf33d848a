"""Background tasks (django-tasks): building the files of an issued report version."""

from django_tasks import task

from noichinh.reports import building


@task()
def build_report_version(build_id: int) -> int | None:
    return building.report_version_build(build_id=build_id)
