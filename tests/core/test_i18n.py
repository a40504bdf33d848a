"""The interface speaks Vietnamese by default and English when the user asks for it."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _po_entries(path: Path) -> list[dict[str, str]]:
    """Parse a .po file into entries: {"msgid": ..., "msgstr": ...} or with "msgstr[N]"."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
            if m:
                key = m.group(1)
                entry[key] = json.loads(m.group(2))
            elif line.startswith('"') and key:
                entry[key] += json.loads(line)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def test_every_msgid_is_translated():
    entries = [e for e in _po_entries(PO_FILE) if e.get("msgid")]
    assert len(entries) > 300
    untranslated = [
        e["msgid"]
        for e in entries
        if not (msgstrs := [v for k, v in e.items() if k.startswith("msgstr")])
        or not all(v.strip() for v in msgstrs)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in PO_FILE.read_text(encoding="utf-8")


def test_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)s|%s")
    for e in _po_entries(PO_FILE):
        if not e.get("msgid"):
            continue
        expected = sorted(placeholder.findall(e.get("msgid_plural", e["msgid"])))
        for k, v in e.items():
            if k.startswith("msgstr"):
                assert sorted(placeholder.findall(v)) == expected, e["msgid"]


def test_login_page_defaults_to_vietnamese(client):
    html = client.get("/login/").content.decode()
    assert "Đăng nhập" in html
    assert "Log in" not in html


def test_an_english_browser_still_gets_vietnamese(client):
    html = client.get("/login/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "Đăng nhập" in html
    assert "Log in" not in html


def test_no_language_switch_is_offered(client, users):
    """English is not offered until every string is marked (docs/decisions/0003)."""
    assert [code for code, _name in settings.LANGUAGES] == ["vi"]
    for page in ("/login/", "/"):
        if page == "/":
            client.force_login(users["canbo"])
        html = client.get(page).content.decode()
        assert "/i18n/setlang/" not in html
        assert 'name="language"' not in html
        assert "English" not in html


def test_choosing_english_anyway_keeps_vietnamese(client, users):
    """An old cookie or a hand-made request for English changes nothing."""
    client.force_login(users["canbo"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng xuất" in html
    assert "Log out" not in html
    assert "Đăng nhập" in client.get("/login/").content.decode()


def test_home_navigation_in_vietnamese_by_default(client, users):
    client.force_login(users["canbo"])
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Tổng quan" in html
    assert "Cơ quan, đơn vị" in html
    assert "Đăng xuất" in html
