"""Attachments on a real S3-compatible server (issue 20 §5): moto in server mode, started
by the test on a free local port, behind django-storages' S3 backend with the options the
settings build from S3_BUCKET (tests/scale/test_storage_settings.py checks that mapping).

An attachment goes up encrypted under a random name and comes back byte-identical through
the download page; a key rotation rewrites the object and the file still reads back. An
issued report's files come back byte-identical too: they are kept in the database
(append-only ReportVersion rows with their SHA-256, docs/deploy.md), so the bucket holds
no report object."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.reports.conftest import catalogue, demo_reports  # noqa: F401

moto_server = pytest.importorskip(
    "moto.server",
    reason="moto[server] absent: no S3-compatible server to test object storage against "
    "(pip install 'moto[server]', in the test extra)",
)


@pytest.fixture
def s3(settings):
    """A client of a fresh bucket (moto keeps its state per process: a bucket per test)."""
    import uuid

    import boto3

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        keys = {"aws_access_key_id": "khoa-truy-cap", "aws_secret_access_key": "khoa-bi-mat"}
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
        client.bucket = f"noichinh-tep-{uuid.uuid4().hex[:12]}"
        client.create_bucket(Bucket=client.bucket)
        # What config/settings.py sets when S3_BUCKET is given.
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": client.bucket,
                    "endpoint_url": endpoint,
                    "region_name": "us-east-1",
                    "access_key": keys["aws_access_key_id"],
                    "secret_key": keys["aws_secret_access_key"],
                    "location": "tinh-thu",
                    "default_acl": "private",
                    "querystring_auth": True,
                    "file_overwrite": False,
                },
            },
        }
        yield client
    finally:
        server.stop()


def _objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=client.bucket).get("Contents", [])
    return {
        o["Key"]: client.get_object(Bucket=client.bucket, Key=o["Key"])["Body"].read()
        for o in listed
    }


def test_attachment_goes_to_the_bucket_sealed_and_comes_back_byte_identical(
    s3, client, users, agencies
):
    from noichinh.core import files as core_files
    from noichinh.petitions import services
    from noichinh.petitions.models import Attachment
    from tests.petitions.factories import make_petition

    officer = users["canbo"]
    petition = make_petition(officer, agencies["TTT"], received_on=dt.date(2025, 1, 6))
    data = b"%PDF-1.4\n" + "Biên bản làm việc với ông Nguyễn Văn An".encode() + bytes(range(256))
    upload = SimpleUploadedFile("bien-ban.pdf", data, content_type="application/pdf")
    att = services.attachment_add(actor=officer, petition=petition, upload=upload)

    stored = _objects(s3)
    assert list(stored) == [f"tinh-thu/{att.file.name}"]
    key = next(iter(stored))
    assert key.endswith(".sealed") and "bien-ban" not in key
    assert data not in stored[key] and b"Nguy" not in stored[key]  # encrypted at rest

    client.force_login(officer)
    url = reverse("petitions:attachment_download", args=[att.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data

    # A key rotation rewrites the object (no local path, no rename) and the file still reads.
    assert core_files.rotate(Attachment.objects.get(pk=att.pk).file)
    att.refresh_from_db()
    after = _objects(s3)
    assert list(after) == [f"tinh-thu/{att.file.name}"] and after != stored
    assert b"".join(client.get(url).streaming_content) == data


@pytest.mark.usefixtures("demo_reports")
def test_issued_report_reads_back_byte_identical_with_object_storage(
    s3, client, users, django_capture_on_commit_callbacks
):
    from noichinh.reports import services
    from noichinh.reports.models import Period, ReportVersion

    period = Period.objects.get(kind="Q", year=2022, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.report_issue(
            actor=users["thuky"],
            period=period,
            blocs=list(period.blocs.all()),
            number="12-BC/BNC",
            place="Thành phố",
            issued_on=dt.date(2022, 7, 8),
            summary="Báo cáo quý II",
        )
    version = ReportVersion.objects.get(document=doc, number=1)
    client.force_login(users["thuky"])
    for fmt in ("docx", "pdf"):
        data, sha256 = version.content(fmt)
        response = client.get(f"/reports/documents/{doc.pk}/file.{fmt}")
        assert response.status_code == 200, fmt
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body == data and hashlib.sha256(body).hexdigest() == sha256, fmt
    assert _objects(s3) == {}  # issued versions live in the database, not the bucket
