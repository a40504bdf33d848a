"""A denouncer's sealed identity leaks nowhere: not in any page, search, export (XLSX),
document (DOCX), API response, admin or audit history view, log line or error page, for any
role; only the reveal flow shows it to those allowed, and that reveal is logged.

The pages are discovered from the URLconf (namespaces below), so a new page is scanned
without anyone remembering to add it; a page whose URL takes an argument this module does not
know how to fill makes the test fail instead of being skipped.
"""

import io
import logging
import zipfile

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from noichinh.core import clock
from noichinh.core.models import AuditEntry
from noichinh.core.text import fold
from noichinh.petitions import services as petition_services
from noichinh.portal import services
from tests.portal.conftest import CONTENT, IDENTITY, pdf

pytestmark = pytest.mark.django_db

SCANNED_NAMESPACES = ("petitions", "portal", "api", "core", "org")
# API routes of the areas that hold petitions (other areas have no sealed data).
SCANNED_API_AREAS = ("v1/petitions", "v1/portal", "v1/org", "v1/core", "v1/calendar")
# The one place that shows the identity, to those allowed, after a logged reason (POST only).
REVEAL_VIEWS = {"portal:reveal"}
ROLES = [
    None,  # a visitor without an account (the public portal)
    "admin",
    "thuky",
    "canbo",
    "truongdonvi",
    "lanhdao",
    "canbo_ca",
    "truong_tt",
    "canbo_tcd",
    "canbo_vks",
    "canbo_dv",
]
VISIT_NAME = "Đỗ Văn Trực Tiếp Kín"
PEOPLE = "Con gái: Phạm Ngọc Được Bảo Vệ"
CONTROL_NAME = "Trương Thị Công Khai"
CONTROL_MARK = "MARKER-CK-02"
DENUNCIATION_MARK = "MARKER-TC-01"


def _secrets() -> list[str]:
    values = list(IDENTITY.values()) + [VISIT_NAME, "036088009999", PEOPLE, "cmnd_pham"]
    return [fold(v) for v in values]


def _assert_clean(text: str, where: str):
    folded = fold(text)
    for secret in _secrets():
        assert secret not in folded, f"sealed identity “{secret}” leaks in {where}"


def _body(response) -> str:
    """Text of a response: HTML/JSON, or every XML part of an XLSX/DOCX (zip) file."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels"))
            )
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + raw.decode("utf-8", "replace")


def _patterns(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = item.namespace or namespace
            full_ns = f"{namespace}:{item.namespace}" if namespace and item.namespace else ns
            yield from _patterns(item, full_ns, prefix + str(item.pattern))
        elif isinstance(item, URLPattern) and item.name:
            name = f"{namespace}:{item.name}" if namespace else item.name
            yield name, item, prefix + str(item.pattern)


def discovered_urls() -> list[tuple[str, list[str]]]:
    """(url name, its arguments) of every named GET-able page in the scanned namespaces."""
    found = {}
    for name, pattern, route in _patterns():
        if name.split(":")[0] not in SCANNED_NAMESPACES:
            continue
        if name.startswith("api:") and not any(a in route for a in SCANNED_API_AREAS):
            continue
        found[name] = sorted(pattern.pattern.converters)
    return sorted(found.items())


@pytest.fixture
def world(denunciation, users, agencies):
    """Every kind of record that holds or touches a sealed identity."""
    canbo, head = users["canbo"], users["truong_tt"]
    # An identifying file uploaded by an officer (petitions' own upload path).
    identifying = petition_services.attachment_add(
        actor=canbo,
        petition=denunciation,
        upload=pdf("don_cua_pham_thi_bi_mat.pdf", body=IDENTITY["sender_name"].encode()),
        is_identifying=True,
    )
    visit = petition_services.visit_create(
        actor=canbo,
        agency=agencies["TTT"],
        visited_on=clock.today(),
        content="Công dân đến tố cáo trực tiếp",
        petition_type="denunciation",
        visitor_name=VISIT_NAME,
        visitor_id_number="036088009999",
        visitor_address="Xóm Kín",
    )
    services.protection_request_create(
        actor=None, petition=denunciation, measures=["life"], grounds="Bị đe dọa", people=PEOPLE
    )
    services.portal_answer(
        actor=canbo, petition=denunciation, kind="question", text="Đề nghị cung cấp chứng cứ."
    )
    services.portal_reply(petition=denunciation, text="Tôi gửi thêm ảnh chụp.")
    services.reveal_identity(
        actor=head, petition=denunciation, reason="Mời người tố cáo làm việc", ground="verify"
    )
    # A second denunciation forwarded WITH the identity (the handler said why): its copy
    # at the police is sealed again there.
    other, _ = services.portal_submit(
        agency=agencies["TTT"], type="denunciation", content=CONTENT + " (2)", **IDENTITY
    )
    other = petition_services.petition_classify(
        actor=canbo,
        petition=other,
        type="denunciation",
        field="land",
        meets_conditions=True,
        in_competence=False,
    )
    petition_services.petition_forward(
        actor=head,
        petition=other,
        on=clock.today(),
        doc_no="09/CV-TTT",
        to_agency=agencies["CA"],
        include_identity=True,
        identity_reason="Cơ quan điều tra cần lấy lời khai",
        identity_ground="authority",
    )
    hop = other.forwards.get()
    # A complaint whose sender is public: the control for search.
    control = petition_services.petition_create(
        actor=canbo,
        agency=agencies["TTT"],
        received_on=clock.today(),
        content=f"Khiếu nại {CONTROL_MARK}",
        summary=CONTROL_MARK,
        type="complaint",
        sender_name=CONTROL_NAME,
        sender_address="Thôn Công Khai",
    )
    return {
        "petitions": [denunciation, other, hop],
        "visit": visit,
        "attachments": list(denunciation.attachments.all()) + [identifying],
        "protection": denunciation.protection_requests.get(),
        "control": control,
        "denunciation": denunciation,
    }


def _argument_sets(name: str, args: list[str], world) -> list[dict]:
    """Values for a URL's arguments; fails for an argument it cannot fill."""
    from noichinh.petitions import documents
    from noichinh.petitions.permissions import PETITION_ACTIONS

    if not args:
        return [{}]
    short = name.split(":")[-1]
    if "visit" in short:
        ids = [world["visit"].pk]
    elif "attachment" in short:
        ids = [a.pk for a in world["attachments"]]
    elif "protection" in short and "create" not in short:
        ids = [world["protection"].pk]
    else:
        ids = [p.pk for p in world["petitions"]]
    sets = []
    for pk in ids:
        base = {}
        extra = []
        for arg in args:
            if arg in ("pk", "petition_id", "request_id", "id", "visit_id", "attachment_id"):
                base[arg] = pk
            elif arg == "action":
                extra.append([("action", a) for a in PETITION_ACTIONS])
            elif arg == "kind":
                extra.append([("kind", k) for k in documents.KINDS])
            elif arg == "year":
                base[arg] = world["petitions"][0].received_on.year
            elif arg == "signed_pk":
                # A signed notice is the notice's own text (scanned through its DOCX above)
                # with a signature: every signed copy there is, or none (the page's 404).
                from noichinh.core.models import SignedPdf

                base[arg] = SignedPdf.objects.values_list("pk", flat=True).first() or 999999
            else:
                pytest.fail(
                    f"{name}: unknown URL argument “{arg}”; teach {__name__}._argument_sets "
                    "how to fill it so the page is scanned for identity leaks"
                )
        if not extra:
            sets.append(base)
        for options in extra:
            sets.extend({**base, k: v} for k, v in options)
    return sets


def _client_for(username, users):
    client = Client(raise_request_exception=False)
    if username:
        client.force_login(users[username])
    return client


@pytest.mark.parametrize("username", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_no_page_export_document_or_api_shows_a_sealed_identity(world, users, username):
    client = _client_for(username, users)
    scanned = 0
    for name, args in discovered_urls():
        for kwargs in _argument_sets(name, args, world):
            try:
                url = reverse(name, kwargs=kwargs)
            except Exception:  # noqa: BLE001, S112 - a variant the route does not take
                continue
            if name in REVEAL_VIEWS:
                # Without a POSTed reason, the reveal page shows no identity to anyone.
                _assert_clean(_body(client.get(url)), f"GET {url} as {username}")
                continue
            variants = [{}] if kwargs else [{}, {"format": "xlsx"}, {"q": IDENTITY["sender_name"]}]
            for params in variants:
                response = client.get(url, params)
                assert response.status_code != 500, f"GET {url} {params} as {username}: 500"
                # A search box echoes the query typed: that is not a leak, remove it.
                body = _body(response).replace(params.get("q", "\0"), "")
                _assert_clean(body, f"GET {url} {params} as {username}")
                scanned += 1
    assert scanned > 30


def _admin_urls(world):
    from noichinh.petitions.models import Attachment, Petition, Visit

    urls = []
    for model in admin.site._registry:
        if model._meta.app_label not in ("petitions", "portal", "core"):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
    objects = (
        list(Petition.objects.all())
        + list(Visit.objects.all())
        + list(Attachment.objects.all())
        + list(AuditEntry.objects.filter(model__startswith="p"))
        + [world["protection"]]
    )
    for obj in objects[:30]:
        if obj.__class__ in admin.site._registry:
            info = (obj._meta.app_label, obj._meta.model_name)
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    return urls


def test_admin_and_audit_history_views_show_no_sealed_identity(world, users):
    client = _client_for("admin", users)
    urls = _admin_urls(world)
    assert any("auditentry" in u for u in urls)
    for url in urls:
        for params in ({}, {"q": IDENTITY["sender_name"]}):
            response = client.get(url, params)
            assert response.status_code in (200, 302, 403), url
            body = _body(response).replace(params.get("q", "\0"), "")
            _assert_clean(body, f"admin {url}")


def test_audit_history_change_values_hold_no_sealed_identity(world):
    for entry in AuditEntry.objects.all():
        _assert_clean(
            f"{entry.object_repr} {entry.changes} {entry.reason} {entry.actor_name}",
            f"audit entry #{entry.pk} ({entry.action} {entry.model})",
        )


def _page_shows(client, url, params, mark) -> bool:
    return mark in _body(client.get(url, params))


def test_search_on_the_name_does_not_find_a_sealed_denouncer(world, users):
    """On every list that really searches (it finds the control complaint by its sender's
    name), searching the denouncer's name finds nothing, in the page and in its export."""
    searching = []
    for username in ("canbo", "truong_tt", "admin", "thuky", "lanhdao"):
        client = _client_for(username, users)
        for name, args in discovered_urls():
            if args or name.startswith("api:"):
                continue
            url = reverse(name)
            if not _page_shows(client, url, {"q": CONTROL_NAME}, CONTROL_MARK):
                continue
            if _page_shows(client, url, {"q": CONTROL_NAME}, DENUNCIATION_MARK):
                continue  # the page lists everything whatever q says: not a search
            searching.append(name)
            for params in ({"q": IDENTITY["sender_name"]}, {"q": "pham thi bi mat"}):
                for fmt in ({}, {"format": "xlsx"}):
                    assert not _page_shows(client, url, {**params, **fmt}, DENUNCIATION_MARK), (
                        f"{name} {params} {fmt} as {username} finds the sealed denouncer"
                    )
    assert "petitions:petition_list" in searching


def test_api_search_does_not_find_a_sealed_denouncer(world, users, api_client):
    api = api_client.as_user(users["canbo"])
    found = api.get("/api/v1/petitions/", q=CONTROL_NAME)
    assert found.status_code == 200 and CONTROL_MARK in found.content.decode()
    response = api.get("/api/v1/petitions/", q=IDENTITY["sender_name"])
    assert DENUNCIATION_MARK not in response.content.decode()
    _assert_clean(response.content.decode(), "API search")


def test_the_allowed_reveal_shows_the_identity_and_is_logged(world, users):
    petition = world["denunciation"]
    before = AuditEntry.objects.filter(action="reveal_identity").count()
    for username in ("canbo", "truong_tt"):
        client = _client_for(username, users)
        response = client.post(
            reverse("portal:reveal", args=[petition.pk]),
            {"reason": "Xác minh nội dung tố cáo", "ground": "verify"},
        )
        body = response.content.decode()
        assert IDENTITY["sender_name"] in body and PEOPLE in body
    entries = AuditEntry.objects.filter(action="reveal_identity").order_by("id")[before:]
    assert [e.actor.username for e in entries] == ["canbo", "truong_tt"]
    assert all(e.reason == "Xác minh nội dung tố cáo" for e in entries)


def test_the_api_reveal_follows_the_same_rule_and_is_logged(world, users, api_client):
    petition = world["denunciation"]
    url = f"/api/v1/portal/petitions/{petition.pk}/reveal"
    for username in ("admin", "lanhdao", "thuky", "canbo_ca"):
        response = api_client.as_user(users[username]).post(
            url, {"reason": "Xem thử danh tính", "ground": "verify"}
        )
        assert response.status_code in (403, 404)
        _assert_clean(response.content.decode(), f"API reveal as {username}")
    response = api_client.as_user(users["canbo"]).post(
        url, {"reason": "Xác minh nội dung", "ground": "verify"}
    )
    assert response.status_code == 200 and response.json()["name"] == IDENTITY["sender_name"]
    assert AuditEntry.objects.filter(action="reveal_identity", actor=users["canbo"]).exists()


def test_no_log_line_carries_a_sealed_identity(world, users, caplog, agencies):
    """The whole flow, with errors, at DEBUG level: nothing identifying in any log record."""
    caplog.set_level(logging.DEBUG)
    client = Client(raise_request_exception=False)
    client.post(
        "/portal/gui-don/",
        {"type": "denunciation", "agency": agencies["TTT"].pk, "field": "land", "content": ""}
        | IDENTITY,
    )  # invalid: missing content
    client.post(
        "/portal/gui-don/",
        {"type": "denunciation", "agency": agencies["TTT"].pk, "field": "land", "content": CONTENT}
        | IDENTITY,
    )
    client.post("/portal/tra-cuu/", {"code": "sai-ma"})
    officer = _client_for("canbo_ca", users)
    petition = world["denunciation"]
    officer.get(f"/petitions/{petition.pk}/")  # 404 for another agency
    officer.post(
        f"/portal/don/{petition.pk}/danh-tinh/", {"reason": "Tò mò muốn biết", "ground": "verify"}
    )
    _client_for("canbo", users).post(
        f"/portal/don/{petition.pk}/danh-tinh/",
        {"reason": "Xác minh nội dung tố cáo", "ground": "verify"},
    )
    text = "\n".join(
        f"{r.getMessage()} {r.args} {getattr(r, 'request', '')} {r.exc_text or ''}"
        for r in caplog.records
    )
    _assert_clean(text + caplog.text, "log records")


@pytest.fixture
def broken_submit(monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("sự cố giả lập")

    monkeypatch.setattr("noichinh.portal.views.services.portal_submit", explode)


def test_the_500_page_and_error_report_show_no_identity(broken_submit, agencies, settings, caplog):
    settings.DEBUG = False
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    caplog.set_level(logging.DEBUG)
    client = Client(raise_request_exception=False)
    response = client.post(
        "/portal/gui-don/",
        {"type": "denunciation", "agency": agencies["TTT"].pk, "field": "land", "content": CONTENT}
        | IDENTITY,
    )
    assert response.status_code == 500
    _assert_clean(response.content.decode(), "the 500 page")
    _assert_clean(caplog.text, "the logged error")
    for message in mail.outbox:
        _assert_clean(message.body + str(message.alternatives), "the error e-mail to admins")
