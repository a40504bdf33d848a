"""Exchange format (issue 20 §2): schema, sealed identity, permissions, cursor, round trip."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import connection

from noichinh.cases import services as case_services
from noichinh.cases.models import Case, CaseStage
from noichinh.core.models import AuditEntry
from noichinh.exchange import crypto, exporting, schema, services
from noichinh.exchange.models import ReceivedFigure
from noichinh.petitions import services as petition_services
from noichinh.petitions.models import Petition, Visit
from tests.petitions.factories import accepted_complaint, make_petition, make_visit

Q1 = (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def registers(org, users, agencies):
    """A quarter's worth of records: complaints handled, a denunciation, a forwarded one,
    a monitored case with a stage and a supervision decision, and the reception book's
    visits (a repeat, a mass delegation, a leader's day)."""
    officer = users["canbo"]
    tt = agencies["TTT"]
    make_petition(officer, tt, received_on=dt.date(2025, 1, 6), summary="Khiếu nại đất")
    p = accepted_complaint(
        officer, tt, received_on=dt.date(2025, 1, 8), decided_on=dt.date(2025, 1, 15)
    )
    petition_services.petition_resolve(
        actor=officer, petition=p, on=dt.date(2025, 2, 20), doc_no="5/QĐ", result="partly_right"
    )
    make_petition(
        officer,
        tt,
        received_on=dt.date(2025, 2, 3),
        type="denunciation",
        field="corruption",
        sender_name="Lương Thị Kín",
        sender_id_number="019999000777",
        sender_address="Thôn Bí Mật",
    )
    make_petition(officer, tt, received_on=dt.date(2024, 12, 1))  # outside the quarter
    first = make_visit(officer, tt, visited_on=dt.date(2025, 1, 7), visitor_name="Hà Văn Lộ")
    make_visit(officer, tt, visited_on=dt.date(2025, 2, 4), repeat_of=first)
    make_visit(
        officer,
        tt,
        visited_on=dt.date(2025, 2, 11),
        people_count=8,
        representatives="Ông Tạ Văn Đại",
        content="Đoàn đông người về bồi thường",
    )
    make_visit(officer, tt, visited_on=dt.date(2025, 3, 3), kind="leader_day", people_count=2)
    make_visit(officer, tt, visited_on=dt.date(2024, 12, 2))  # outside the quarter
    case = case_services.case_create(
        actor=users["thuky"],
        title="Vụ án tham ô tài sản tại Công ty X",
        field=Case.CORRUPTION,
        severity=Case.SERIOUS,
        following_agency=agencies["BNC"],
        followed_from=dt.date(2025, 1, 10),
        arisen_on=dt.date(2025, 1, 5),
        defendants_count=3,
        managers_count=1,
    )
    case_services.supervision_record(
        actor=users["thuky"], case=case, kind="add", number="12-QĐ/TU", date=dt.date(2025, 2, 1)
    )
    case_services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.INVESTIGATION,
        agency=agencies["CA"],
        started_on=dt.date(2025, 1, 12),
    )
    return org


def _exchange_user(users):
    user = users["canbo_dv"]
    user.user_permissions.add(Permission.objects.get(codename="exchange_data"))
    return type(user).objects.get(pk=user.pk)


def test_period_bundle_follows_the_published_schema(registers):
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    assert schema.errors(bundle) == []
    assert len(bundle["petitions"]) == 3  # the December petition is not in the quarter
    assert len(bundle["cases"]) == 1
    codes = {(f["agency"], f["code"]): f["value"] for f in bundle["figures"]}
    assert codes[(None, "petitions.received")] == 3
    assert codes[("TTT", "petitions.received")] == 3
    resolved = [p for p in bundle["petitions"] if p["outcome"]["state"] == "resolved"]
    assert resolved[0]["outcome"]["result"] == "partly_right"
    assert [s["to_state"] for s in resolved[0]["steps"]][-1] == "resolved"


def test_schema_rejects_a_bundle_with_a_sender_name(registers):
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    bundle["petitions"][0]["sender_name"] = "Nguyễn Văn An"
    problems = schema.errors(bundle)
    assert problems and "sender_name" in problems[0]


def test_schema_enums_are_the_registers_choices():
    """A new state or stage in the code without a new schema version fails here."""
    petition = json.loads((schema.schema_dir() / "petition.schema.json").read_text())
    assert set(petition["$defs"]["outcome"]["properties"]["state"]["enum"]) == set(
        Petition.State.values
    )
    case = json.loads((schema.schema_dir() / "case.schema.json").read_text())
    assert set(case["$defs"]["stage"]["properties"]["stage"]["enum"]) == {
        s for s, _ in CaseStage.STAGES
    }
    visit = json.loads((schema.schema_dir() / "visit.schema.json").read_text())
    assert set(visit["properties"]["kind"]["enum"]) == set(Visit.Kind.values)
    assert set(visit["properties"]["answer"]["enum"]) == set(Visit.Answer.values)


def test_no_identity_of_any_sender_leaves_in_a_bundle(registers):
    text = json.dumps(exporting.build_bundle(start=Q1[0], end=Q1[1]), ensure_ascii=False)
    for secret in ("Lương Thị Kín", "019999000777", "Thôn Bí Mật", "Nguyễn Văn An", "019080000001"):
        assert secret not in text
    denunciation = Petition.objects.get(type="denunciation")
    assert denunciation.sender_hash and denunciation.sender_hash not in text
    assert denunciation.sealed_identity and denunciation.sealed_identity not in text


def test_sender_encrypted_to_the_recipient_but_never_a_denouncer(registers):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = crypto.load_public_key(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1], recipient_key=public)
    assert schema.errors(bundle) == []
    by_type = {}
    for row in bundle["petitions"]:
        by_type.setdefault(row["type"], []).append(row)
    assert all("sender_for_recipient" not in r for r in by_type["denunciation"])
    box = by_type["complaint"][0]["sender_for_recipient"]
    assert "Nguyễn Văn An" not in json.dumps(box, ensure_ascii=False)
    assert crypto.decrypt_with(private, box)["name"] == "Nguyễn Văn An"


def test_cursor_gives_only_the_changes_after_it(registers, users, agencies):
    first = exporting.build_bundle(start=Q1[0], end=Q1[1])
    assert exporting.build_bundle(since=first["cursor"])["petitions"] == []
    make_petition(users["canbo"], agencies["TTT"], received_on=dt.date(2025, 3, 2))
    changes = exporting.build_bundle(since=first["cursor"])
    assert [p["received_on"] for p in changes["petitions"]] == ["2025-03-02"]
    assert schema.errors(changes) == []
    assert changes["cursor"] > first["cursor"]


def test_a_new_stage_brings_its_case_into_the_changes(registers, users, agencies):
    first = exporting.build_bundle(start=Q1[0], end=Q1[1])
    assert exporting.build_bundle(since=first["cursor"])["cases"] == []
    case = Case.objects.get()
    case_services.stage_start(
        actor=users["thuky"],
        case=case,
        stage=CaseStage.INDICTMENT,
        agency=agencies["VKS"],
        started_on=dt.date(2025, 3, 20),
    )
    changes = exporting.build_bundle(since=first["cursor"])
    assert [c["uuid"] for c in changes["cases"]] == [str(case.uuid)]
    assert [s["stage"] for s in changes["cases"][0]["stages"]] == ["investigation", "indictment"]


def test_bad_selection_is_refused_in_vietnamese(registers, users):
    with pytest.raises(Exception, match="Chọn một kỳ hoặc một con trỏ"):
        services.bundle_export(actor=users["admin"])
    with pytest.raises(Exception, match="Con trỏ không hợp lệ"):
        services.bundle_export(actor=users["admin"], since="hôm qua")


# --- API: who may, who may not ------------------------------------------------------------


def test_admin_and_exchange_account_export_through_the_api(registers, users, api_client):
    for user in (users["admin"], _exchange_user(users)):
        r = api_client.as_user(user).get(
            "/api/v1/exchange/bundle", start="2025-01-01", end="2025-03-31"
        )
        assert r.status_code == 200, r.content
        assert schema.errors(r.json()) == []
        assert len(r.json()["petitions"]) == 3
    assert AuditEntry.objects.filter(action="exchange_export").count() == 2


@pytest.mark.parametrize("username", ["canbo", "thuky", "truongdonvi", "lanhdao"])
def test_other_roles_may_not_export_or_import(registers, users, api_client, username):
    client = api_client.as_user(users[username])
    r = client.get("/api/v1/exchange/bundle", start="2025-01-01", end="2025-03-31")
    assert r.status_code == 403
    assert "không có quyền" in r.json()["detail"]
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    bundle["figures"][0]["value"] += 1
    bundle["source"]["code"] = "XX"
    assert client.post("/api/v1/exchange/bundle", bundle).status_code == 403
    assert not ReceivedFigure.objects.exists()


def test_api_import_is_idempotent_and_refuses_bad_bundles(registers, users, api_client):
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    bundle["source"]["code"] = "LD"
    client = api_client.as_user(users["admin"])
    first = client.post("/api/v1/exchange/bundle", bundle)
    assert first.status_code == 200, first.content
    # The records are this instance's own (same uuids): only the figures are new.
    assert first.json()["created"] == {"figures": len(bundle["figures"])}
    before = AuditEntry.objects.count()
    again = client.post("/api/v1/exchange/bundle", bundle).json()
    assert again["created"] == {} and again["updated"] == {}
    assert AuditEntry.objects.count() == before
    bundle["version"] = "9.9"
    bad = client.post("/api/v1/exchange/bundle", bundle)
    assert bad.status_code == 400
    assert "Phiên bản định dạng" in bad.json()["detail"]


def test_api_export_encrypts_senders_to_the_given_key(registers, users, api_client):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    client = api_client.as_user(users["admin"])
    body = {"start": "2025-01-01", "end": "2025-03-31", "recipient_public_key": pem.decode()}
    r = client.post("/api/v1/exchange/export", body)
    assert r.status_code == 200, r.content
    boxes = [
        p["sender_for_recipient"] for p in r.json()["petitions"] if "sender_for_recipient" in p
    ]
    assert boxes and crypto.decrypt_with(private, boxes[0])["name"] == "Nguyễn Văn An"
    bad = client.post(
        "/api/v1/exchange/export", {**body, "recipient_public_key": "không phải khóa"}
    )
    assert bad.status_code == 400
    assert (
        api_client.as_user(users["canbo"]).post("/api/v1/exchange/export", body).status_code == 403
    )


# --- Round trip into a second database -------------------------------------------------------


def _other_database_url(tmp_path) -> str:
    """A second, empty database of the same engine as the test's."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'other.sqlite3'}"
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_other"
    host, port, user = params["HOST"] or "127.0.0.1", params["PORT"] or 5432, params["USER"]
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{user}@{host}:{port}/{name}"


def _manage(url, tmp_path, *args) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "round-trip-test-secret-key-0123456789-abcdefghijklmnop",
        "FIELD_ENCRYPTION_KEY": settings.FIELD_ENCRYPTION_KEY
        if isinstance(settings.FIELD_ENCRYPTION_KEY, str)
        else os.environ.get("FIELD_ENCRYPTION_KEY", ""),
        "AUDIT_KEY": "round-trip-audit-key-0123456789abcdef",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={k: v for k, v in env.items() if v},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_round_trip_into_a_second_database_gives_the_same_figures(registers, tmp_path):
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    url = _other_database_url(tmp_path)
    _manage(url, tmp_path, "migrate", "-v0")

    first = json.loads(_manage(url, tmp_path, "exchange_import", str(path)))
    assert first["created"]["petitions"] == 3
    assert first["created"]["cases"] == 1
    second = json.loads(_manage(url, tmp_path, "exchange_import", str(path)))
    assert second["created"] == {} and second["updated"] == {}, second

    out = tmp_path / "back.json"
    _manage(
        url,
        tmp_path,
        "exchange_export",
        "--start",
        "2025-01-01",
        "--end",
        "2025-03-31",
        "-o",
        str(out),
    )
    back = json.loads(out.read_text(encoding="utf-8"))
    assert schema.errors(back) == []
    assert back["figures"] == bundle["figures"]
    assert {p["uuid"] for p in back["petitions"]} == {p["uuid"] for p in bundle["petitions"]}
    values = {(f["agency"], f["code"]): f["value"] for f in back["figures"]}
    assert values[(None, "petitions.received")] == 3
    assert values[(None, "cases.followed")] == 1
    # The reception book too: the visits' figures are the same on both databases.
    assert first["created"]["visits"] == 4 and "visits" not in second["created"]
    assert {v["uuid"] for v in back["visits"]} == {v["uuid"] for v in bundle["visits"]}
    assert values[(None, "reception.visits")] == 4
    assert values[(None, "reception.people")] == 12
    assert values[(None, "reception.matters")] == 3
    assert values[(None, "reception.mass_delegations")] == 1
    assert {k: v for k, v in values.items() if k[1].startswith("reception.")} == {
        (f["agency"], f["code"]): f["value"]
        for f in bundle["figures"]
        if f["code"].startswith("reception.")
    }


def test_a_second_province_with_the_same_internal_codes_is_kept_apart(registers, users):
    """The level above receives provinces whose agencies have the same internal codes."""
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    other = json.loads(json.dumps(bundle))
    other["source"] = {"code": "68", "name": "Tỉnh Lâm Đồng", "official_code": "68"}
    for unit in other["units"]:
        if unit["level"] == "province":
            unit["official_code"], unit["name"] = "68", "Tỉnh Lâm Đồng"
    import uuid

    for p in other["petitions"]:
        p["uuid"] = str(uuid.uuid4())
        p["duplicate_of"] = p["forwarded_from"] = None
        for s in p["steps"]:
            s["uuid"] = str(uuid.uuid4())
    other["cases"] = []
    local = Petition.objects.filter(agency__code="TTT").count()
    result = services.bundle_import(actor=users["admin"], bundle=other)
    assert result.created["petitions"] == 3
    assert Petition.objects.filter(agency__code="TTT").count() == local
    assert Petition.objects.filter(agency__code="68-TTT").count() == 3
    assert (
        Petition.objects.get(uuid=other["petitions"][0]["uuid"]).agency.area.official_code == "68"
    )
    again = services.bundle_import(actor=users["admin"], bundle=other)
    assert again.created == {} and again.updated == {}


# --- The reception book (format 1.1) ---------------------------------------------------------


def test_period_bundle_carries_the_quarters_visits_without_who_or_what(registers):
    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    assert bundle["version"] == "1.1" and schema.errors(bundle) == []
    visits = sorted(bundle["visits"], key=lambda v: v["visited_on"])
    assert [v["visited_on"] for v in visits] == [
        "2025-01-07",
        "2025-02-04",
        "2025-02-11",
        "2025-03-03",
    ]
    assert visits[1]["repeat_of"] == visits[0]["uuid"]
    assert visits[2]["is_mass"] and visits[2]["people_count"] == 8
    assert visits[3]["kind"] == "leader_day"
    text = json.dumps(bundle["visits"], ensure_ascii=False)
    for secret in ("Hà Văn Lộ", "Trần Thị Bình", "Tạ Văn Đại", "bồi thường"):
        assert secret not in text
    bundle["visits"][0]["visitor_name"] = "Hà Văn Lộ"
    assert any("visitor_name" in p for p in schema.errors(bundle))


def test_visits_changed_after_the_cursor_are_the_only_ones_sent(registers, users, agencies):
    cursor = exporting.build_bundle(start=Q1[0], end=Q1[1])["cursor"]
    assert exporting.build_bundle(since=cursor)["visits"] == []
    later = make_visit(users["canbo"], agencies["TTT"], visited_on=dt.date(2025, 4, 2))
    changes = exporting.build_bundle(since=cursor)
    assert [v["uuid"] for v in changes["visits"]] == [str(later.uuid)]
    assert schema.errors(changes) == []


def test_visit_import_is_idempotent_and_a_version_1_0_bundle_still_reads(registers, users):
    import uuid

    bundle = exporting.build_bundle(start=Q1[0], end=Q1[1])
    for v in bundle["visits"]:
        old = v["uuid"]
        v["uuid"] = str(uuid.uuid4())
        for w in bundle["visits"]:
            if w["repeat_of"] == old:
                w["repeat_of"] = v["uuid"]
    result = services.bundle_import(actor=users["admin"], bundle=bundle)
    assert result.created["visits"] == 4
    imported = Visit.objects.filter(uuid__in=[v["uuid"] for v in bundle["visits"]])
    assert imported.filter(repeat_of__isnull=False).count() == 1
    assert imported.filter(is_mass=True).count() == 1
    assert set(imported.values_list("visitor_name", "content")) == {("", "")}
    again = services.bundle_import(actor=users["admin"], bundle=bundle)
    assert again.created == {} and again.updated == {}
    old = json.loads(json.dumps(bundle))
    old["version"] = "1.0"
    del old["visits"]
    assert schema.errors(old) == []
    assert services.bundle_import(actor=users["admin"], bundle=old).changed is False
