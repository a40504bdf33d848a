"""Browser (issue 19 §4): a citizen leaves an e-mail address on a complaint; the officer
forwards it and the receiving agency later answers; the citizen receives both messages at a
real SMTP server, with neither the content nor the identity (nor the code) in them, follows the
link, and marks the answer "not satisfied"; the head of the answering agency sees it."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENT = "Khiếu nại việc thu hồi đất MARKER-ND-19 tại thôn Đồng Chằm"
NAME = "Hoàng Văn Dân"
ADDRESS = "Thôn Bắc, xã Hòa Sơn"
EMAIL = "hoangvandan@example.vn"


@pytest.fixture(autouse=True)
def _warm_server(live_server, settings):
    import urllib.request

    settings.PUBLIC_BASE_URL = live_server.url
    urllib.request.urlopen(live_server.url + "/portal/", timeout=120).read()  # noqa: S310


def test_citizen_is_told_of_the_forward_and_the_answer_and_says_not_satisfied(
    org, page, smtp_server
):
    from noichinh.core import clock
    from noichinh.core.formats import vn_date
    from noichinh.petitions.models import Petition

    # 1. The citizen sends a complaint, leaving an e-mail address; the limit shows as they type.
    page.goto(page.base + "/portal/gui-don/")
    page.check("input[name=type][value=complaint]")
    page.fill("textarea[name=content]", CONTENT)
    expect(page.locator("[data-testid=char-counter-content]")).to_contain_text("/ 20.000 ký tự")
    page.fill("input[name=sender_name]", NAME)
    page.fill("input[name=sender_address]", ADDRESS)
    page.fill("input[name=sender_email]", EMAIL)
    page.click("form[data-testid=portal-submit] button[type=submit]")
    code_box = page.locator("[data-testid=receipt-code]")
    expect(code_box).to_be_visible()
    code = code_box.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){6}", code)
    expect(page.locator("[data-testid=receipt-qr]")).to_be_visible()
    petition = Petition.objects.get(channel="portal")
    assert smtp_server.messages == []

    # 2. The reception board forwards it to the provincial inspectorate.
    today = vn_date(clock.today())
    login(page, "canbo_tcd")
    page.goto(page.base + f"/petitions/{petition.pk}/")
    page.click("[data-testid=action-classify] > summary")
    page.select_option("#id_classify-meets_conditions", "1")
    page.select_option("#id_classify-in_competence", "0")
    page.click("[data-testid=action-classify] button[type=submit]")
    page.click("[data-testid=action-forward] > summary")
    page.fill("#id_forward-on", today)
    page.fill("#id_forward-doc_no", "21/PC-BTCD")
    page.select_option("#id_forward-to_agency", label="Thanh tra tỉnh")
    page.click("[data-testid=action-forward] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Đã chuyển đơn")
    first = smtp_server.wait_for(1)[0]
    assert first["To"] == EMAIL
    assert petition.receipt_no in first["Subject"]
    assert "Thanh tra tỉnh" in smtp_server.text(first)

    # 3. The inspectorate answers through the portal.
    hop = Petition.objects.get(forwarded_from=petition)
    login(page, "canbo")
    page.goto(page.base + f"/portal/don/{hop.pk}/")
    page.select_option("select[name=kind]", "answer")
    page.fill("textarea[name=text]", "Trả lời: quyết định thu hồi đúng quy định MARKER-TL-19.")
    page.click("form[data-testid=answer-form] button[type=submit]")
    expect(page.locator("[data-testid=officer-message-answer]")).to_have_count(1)
    messages = smtp_server.wait_for(2)
    assert "đã trả lời" in messages[1]["Subject"]

    # Neither message carries the content, the identity, the answer or the receipt code.
    for msg in messages:
        text = smtp_server.text(msg)
        for secret in ("MARKER-ND-19", "Đồng Chằm", NAME, ADDRESS, "MARKER-TL-19", code):
            assert secret not in text
        assert code.replace("-", "") not in text.replace("-", "")
        assert f"{page.base}/portal/tra-cuu/" in text

    # 4. The citizen follows the link, opens the file with the code and is not satisfied.
    link = re.search(r"https?://\S+/portal/tra-cuu/", smtp_server.text(messages[1])).group(0)
    page.context.clear_cookies()
    page.goto(link)
    page.fill("input[name=code]", code.lower())  # typed in lower case: still the code
    page.click("main form button[type=submit]")
    expect(page.locator("[data-testid=message-answer]")).to_be_visible()
    page.check("input[name=satisfied][value='0']")
    page.fill("textarea[name=comment]", "Chưa xem xét việc bồi thường cây trồng.")
    page.click("form[data-testid=feedback-form] button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận đánh giá")
    expect(page.locator("[data-testid=feedback-given]")).to_contain_text("Không hài lòng")

    # 5. The head of the inspectorate sees it on the home page and on the petition's page.
    login(page, "truong_tt")
    page.goto(page.base + "/")
    expect(page.locator("[data-testid=panel-unsatisfied]")).to_have_text("1")
    page.click("[data-testid=feedback-panel] a[href*='/petitions/']")
    feedback = page.locator("[data-testid=citizen-feedback]")
    expect(feedback).to_contain_text("Không hài lòng")
    expect(feedback).to_contain_text("Chưa xem xét việc bồi thường cây trồng.")
