"""No internal code on an officer's screen (issue 23 §1).

Loads the demo province, logs in as each role, follows the links of the application from the
home page (bounded: a few pages of each kind), and reads the text an officer sees: rule codes,
state codes, indicator codes, period codes ("2022-Q3") and "(code)" patterns must not appear.
Tooltips (title attributes), the admin site, the API and downloads are not officers' screens."""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

ROLES = ["admin", "thuky", "canbo", "truongdonvi", "lanhdao", "canbo_tcd", "canbo_vks"]
PAGES_PER_ROLE = 160
PAGES_PER_VIEW = 3
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/logout/", "/static/", "/media/")
SKIP_WORDS = ("download", "export", "tai-ve", ".docx", ".pdf", ".xlsx", ".csv", ".png", "/build/")

# The crawl must reach these (lists and the main detail pages), or it proves nothing.
MAIN_PAGES = {
    "home",
    "petitions:petition_list",
    "petitions:petition_detail",
    "petitions:visit_list",
    "cases:case_list",
    "cases:case_detail",
    "reports:period_list",
    "briefings:briefing_list",
    "briefings:briefing_detail",
    "briefings:task_list",
    "core:calendar",
}
PERIOD_CODE = re.compile(r"(?<![\w-])\d{4}-(?:Q[1-4]|H1|H2|9M|Y)(?![\w-])")
PAREN_CODE = re.compile(r"\((?:[a-z0-9]+_)*[a-z0-9]+(?:[._][a-z0-9]+)+\)")


class VisibleText(HTMLParser):
    """The text a reader sees: element text (options included), placeholders and the values of
    visible text fields; not scripts, styles, hidden fields, attributes such as title."""

    SILENT = {"script", "style", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._silent = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SILENT:
            self._silent += 1
        if tag == "a" and a.get("href") and "download" not in a:
            self.links.append(a["href"])
        if tag in ("input", "textarea"):
            kind = (a.get("type") or "text").lower()
            if kind in ("text", "search", "submit", "button"):
                self.parts.append(a.get("placeholder") or "")
                self.parts.append(a.get("value") or "")
        if tag == "textarea":
            self.parts.append(a.get("placeholder") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.SILENT:
            self._silent -= 1

    def handle_endtag(self, tag):
        if tag in self.SILENT and self._silent:
            self._silent -= 1

    def handle_data(self, data):
        if not self._silent:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser


def _code_words() -> dict[str, str]:
    """Every internal code an officer must not read, with what it is."""
    from noichinh.cases.models import Case, CaseStage
    from noichinh.core.models import TimeLimitRule
    from noichinh.petitions.models import TRANSITION_ACTION_LABELS, Petition
    from noichinh.reports.models import Indicator

    codes = {}
    for code in TimeLimitRule.objects.values_list("code", flat=True):
        codes[code] = "mã quy tắc thời hạn"
    for code, fcode in Indicator.objects.values_list("code", "figure_code"):
        codes[code] = "mã chỉ tiêu"
        if fcode:
            codes[fcode] = "mã hàm số liệu"
    for value in Petition.State.values:
        codes[value] = "mã trạng thái đơn"
    for value in TRANSITION_ACTION_LABELS:
        codes[value] = "mã thao tác"
    for value, _label in CaseStage.STAGES:
        codes[value] = "mã giai đoạn vụ án"
    for choices in (Case.KINDS, Case.FIELDS, Case.SEVERITIES):
        for value, _label in choices:
            codes[value] = "mã phân loại vụ án"
    # A code is matched as a whole word; a plain number ("1", "1.2") is a row number, not a code.
    return {c: k for c, k in codes.items() if c and not re.fullmatch(r"[\d.]+", c)}


def codes_in(text: str, codes: dict[str, str]) -> list[str]:
    found = []
    for code, kind in codes.items():
        if re.search(rf"(?<![\w.]){re.escape(code)}(?![\w])", text):
            found.append(f"{code} ({kind})")
    found += [f"{m} (mã kỳ)" for m in PERIOD_CODE.findall(text)]
    found += [f"{m} (mã trong ngoặc)" for m in PAREN_CODE.findall(text)]
    return found


def _view_key(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name


def crawl(client, start="/"):
    """(url, status, visible text, view name) of each page reachable from ``start``, a few per view."""
    seen, per_view = set(), Counter()
    queue, pages = [start], []
    while queue and len(pages) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or parts.path.startswith(SKIP_PREFIXES):
            continue
        if any(w in url.lower() for w in SKIP_WORDS):
            continue
        key = _view_key(parts.path)
        if per_view[key] >= PAGES_PER_VIEW:
            continue
        per_view[key] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parsed = visible(response.content.decode())
        pages.append((url, response.status_code, parsed.text, key))
        for href in parsed.links:
            href = urljoin(url, href.split("#")[0])
            if href and href not in seen:
                queue.append(href)
    return pages


def test_the_filter_finds_each_kind_of_code():
    codes = {"petition.handle": "rule", "received": "state", "reception.visits": "indicator"}
    text = visible(
        '<p>Hạn (petition.handle)</p><p>— → received</p><select><option value="received">'
        "Mới tiếp nhận</option><option>Lượt tiếp công dân (reception.visits)</option></select>"
        '<input name="period" value="2022-Q3"><span title="petition.handle">Hạn xử lý</span>'
    ).text
    found = codes_in(text, codes)
    assert "petition.handle (rule)" in found
    assert "received (state)" in found
    assert "reception.visits (indicator)" in found
    assert "2022-Q3 (mã kỳ)" in found
    assert "(petition.handle) (mã trong ngoặc)" in found
    # A tooltip and an option's value are not read; Vietnamese text with a code-like word is.
    assert codes_in(visible('<span title="received">Mới tiếp nhận</span>').text, codes) == []


@pytest.mark.django_db
def test_no_internal_code_on_any_page_of_the_demo_for_any_role(client):
    from noichinh.org.models import User
    from tests.conftest import _ensure_rules

    _ensure_rules()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    codes = _code_words()
    problems, errors, visited = {}, [], Counter()
    for username in ROLES:
        client.logout()
        client.force_login(User.objects.get(username=username))
        for url, status, text, view in crawl(client):
            visited[view] += 1
            if status >= 500:
                errors.append(f"{username} {url}: {status}")
            for found in codes_in(text, codes):
                problems.setdefault(url, {}).setdefault(found, username)
    import os

    if os.environ.get("CRAWL_LOG"):
        print(sorted(visited.items()))
    assert MAIN_PAGES <= set(visited), MAIN_PAGES - set(visited)
    assert not errors, "\n".join(errors)
    assert not problems, "\n".join(
        f"{url} ({', '.join(sorted(set(found.values())))}): {', '.join(sorted(found))}"
        for url, found in sorted(problems.items())
    )
