"""Browser: the sealed identity holds against an insider (issue 15).

A citizen files a denunciation with a name and CCCD through the portal. An officer of the
handling agency (not assigned to it, so not allowed to reveal) and an officer of another
agency each register a petition with the same name and CCCD: neither sees any trace of the
sealed denunciation among the proposed duplicates. The handling agency's head sees the match,
reveals the identity on a legal ground with a reason, and the citizen's follow-up page
(receipt code) shows that reveal: when, on which ground, by which position of which agency.
"""

import pytest
from playwright.sync_api import expect

from tests.scenarios.shots import guide_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Lương Thị Kín Tiếng"
CCCD = "036190004567"
DENUNCIATION = (
    "Tố cáo cán bộ địa chính xã Hòa Sơn nhận tiền để hợp thức hóa phần đất lấn chiếm "
    "ven sông của một doanh nghiệp"
)
OTHER = "Đề nghị xem xét chế độ trợ cấp người có công cho gia đình ở thôn Đông"
REASON = "Mời người tố cáo đến làm việc để làm rõ nội dung tố cáo"


@pytest.fixture(autouse=True)
def _warm_server(live_server):
    """The first request loads every app's URLconf and views (slow on a busy machine)."""
    import urllib.request

    urllib.request.urlopen(live_server.url + "/portal/", timeout=120).read()  # noqa: S310


def _register(page, agency, content):
    """Register a petition with the denouncer's name and CCCD; land on its page."""
    from noichinh.core import clock
    from noichinh.core.formats import vn_date

    page.goto(page.base + "/petitions/new/")
    page.select_option("#id_agency", str(agency.pk))
    page.fill("#id_received_on", vn_date(clock.today()))
    page.select_option("#id_type", "recommendation")
    page.fill("#id_sender_name", NAME)
    page.fill("#id_sender_id_number", CCCD)
    page.fill("#id_content", content)
    page.click("main form button[type=submit]")
    expect(page.locator("#trung")).to_be_visible()


def _proposed(page) -> list[tuple[str, str]]:
    """(receipt number, agency) of each proposed duplicate on the petition page."""
    rows = page.locator("[data-testid=proposal]")
    return [
        (
            rows.nth(i).locator("td").nth(0).inner_text(),
            rows.nth(i).locator("td").nth(1).inner_text(),
        )
        for i in range(rows.count())
    ]


def _assert_no_trace(page, sealed):
    """Nothing points at the sealed denunciation: no row, no link, no "same sender" reason
    on its account (a plain petition with the same sender may be proposed: it is no secret)."""
    assert (sealed.receipt_no, str(sealed.agency)) not in _proposed(page)
    assert page.locator(f"a[href$='/petitions/{sealed.pk}/']").count() == 0


def test_sealed_identity_holds_against_insiders_and_the_reveal_is_shown_to_the_citizen(
    org, page, login_as
):
    from noichinh.petitions.models import Petition
    from noichinh.portal.models import RevealGround

    agencies = org["agencies"]
    # 1. The citizen files a denunciation with a name and CCCD to the inspectorate.
    page.goto(page.base + "/portal/gui-don/")
    page.check("input[name=type][value=denunciation]")
    page.select_option("select[name=agency]", str(agencies["TTT"].pk))
    page.fill("textarea[name=content]", DENUNCIATION)
    page.fill("input[name=sender_name]", NAME)
    page.fill("input[name=sender_id_number]", CCCD)
    page.fill("input[name=sender_address]", "Thôn Bắc, xã Hòa Sơn")
    page.click("form[data-testid=portal-submit] button[type=submit]")
    code = page.locator("[data-testid=receipt-code]").inner_text().strip()
    sealed = Petition.objects.get(channel="portal")
    assert sealed.is_denunciation and sealed.agency == agencies["TTT"]

    # 2. An officer of the inspectorate, not assigned to it: no trace.
    login_as("canbo")
    _register(page, agencies["TTT"], OTHER)
    _assert_no_trace(page, sealed)
    expect(page.locator("[data-testid=proposal]")).to_have_count(0)
    assert "Không thấy đơn nào có thể trùng." in page.locator("main").inner_text()
    mine = Petition.objects.filter(agency=agencies["TTT"]).exclude(pk=sealed.pk).get()

    # 3. An officer of the provincial police: no trace either.
    login_as("canbo_ca")
    _register(page, agencies["CA"], OTHER)
    _assert_no_trace(page, sealed)
    # Only the inspectorate officer's own petition, whose sender is in plain sight.
    assert _proposed(page) == [(mine.receipt_no, str(agencies["TTT"]))]

    # 4. The inspectorate's head sees the match on the officer's petition...
    login_as("truong_tt")
    page.goto(page.base + f"/petitions/{mine.pk}/")
    proposal = page.locator("[data-testid=proposal]")
    expect(proposal).to_have_count(1)
    assert "cùng người gửi, cùng số CCCD" in proposal.inner_text()
    # ... opens the denunciation and reveals the identity on a legal ground, with a reason.
    proposal.locator(f"a[href$='/petitions/{sealed.pk}/']").click()
    page.click("[data-testid=portal-panel-link]")
    page.click("[data-testid=reveal-link]")
    page.fill("textarea[name=reason]", "aaaaaaaaaa")
    page.check(f"input[name=ground][value={RevealGround.VERIFY}]")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("ít nhất ba từ khác nhau")
    page.fill("textarea[name=reason]", REASON)
    page.check(f"input[name=ground][value={RevealGround.VERIFY}]")
    guide_shot(page, "xem-danh-tinh")
    page.click("main form button[type=submit]")
    identity = page.locator("[data-testid=revealed-identity]")
    expect(identity).to_contain_text(NAME)
    expect(identity).to_contain_text(CCCD)

    # 5. The citizen's follow-up page shows the reveal: when, on which ground, who by position.
    page.context.clear_cookies()
    page.goto(page.base + "/portal/tra-cuu/")
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    log = page.locator("[data-testid=reveal-log]")
    expect(log).to_contain_text(RevealGround.VERIFY.label)
    expect(log).to_contain_text("Xem danh tính")
    expect(log).to_contain_text("Chánh Thanh tra tỉnh")
    assert "Đỗ Thị Lan" not in log.inner_text() and REASON not in page.content()
