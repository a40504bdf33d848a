"""The guide in Vietnamese (docs/huong-dan/), served in the application, with pictures taken
by the browser tests (issue 23 §5)."""

import ast
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "huong-dan"
IMAGE_REF = re.compile(r"\]\(img/([a-z0-9-]+)\.png\)")


def shots_produced(test_root: Path = ROOT / "tests") -> set[str]:
    """The names given to guide_shot(page, "name") anywhere in the tests."""
    names = set()
    for path in test_root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "guide_shot"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                names.add(node.args[1].value)
    return names


def shots_referred(guide: Path = GUIDE) -> dict[str, str]:
    """picture name -> the guide page that shows it."""
    return {
        name: page.name
        for page in sorted(guide.glob("*.md"))
        for name in IMAGE_REF.findall(page.read_text(encoding="utf-8"))
    }


def missing_shots(guide: Path = GUIDE, test_root: Path = ROOT / "tests") -> list[str]:
    produced = shots_produced(test_root)
    return sorted(f"{page}: {n}" for n, page in shots_referred(guide).items() if n not in produced)


def test_every_picture_of_the_guide_is_taken_by_a_browser_test():
    assert len(shots_referred()) >= 10
    assert missing_shots() == []


def test_a_picture_no_test_takes_is_found(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "a.md").write_text(
        "# A\n\n![x](img/co-that.png)\n![y](img/khong-co.png)\n"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text('guide_shot(page, "co-that")\n')
    assert missing_shots(tmp_path / "guide", tmp_path / "tests") == ["a.md: khong-co"]


def test_the_guide_covers_each_story_of_the_day():
    text = "\n".join(p.read_text(encoding="utf-8") for p in GUIDE.glob("*.md"))
    for story in [
        "Tiếp công dân",
        "Vào sổ đơn",
        "Phân loại đơn",
        "Chuyển đơn",
        "Trả lời người gửi qua cổng",
        "Xem danh tính người tố cáo",
        "Gửi số liệu quý",
        "ban hành báo cáo",
        "Ghi nhận hội nghị",
        "Giao nhiệm vụ",
        "Báo cáo tiến độ",
        "Nhập từ văn bản",
    ]:
        assert story in text, story


def test_the_guide_is_written_in_composed_vietnamese():
    for page in GUIDE.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text == unicodedata.normalize("NFC", text), page.name
        assert text.startswith("# "), page.name
        # Unmarked Vietnamese (typed without a keyboard layout) would read like these.
        for unmarked in (" don thu", " tiep cong dan", " bao cao ", " nhiem vu", " co quan "):
            assert unmarked not in text.lower(), (page.name, unmarked)


@pytest.mark.django_db
def test_the_guide_is_in_the_menu_and_its_pages_open(client, users):
    client.force_login(users["canbo"])
    home = client.get("/").content.decode()
    assert 'href="/huong-dan/"' in home and "Hướng dẫn" in home
    index = client.get("/huong-dan/")
    assert index.status_code == 200
    html = index.content.decode()
    assert "Hướng dẫn sử dụng Nội chính" in html
    for page in sorted(GUIDE.glob("*.md")):
        if page.stem == "index":
            continue
        assert f'href="{page.stem}/"' in html, page.stem
        response = client.get(f"/huong-dan/{page.stem}/")
        assert response.status_code == 200, page.stem
        body = response.content.decode()
        for name in IMAGE_REF.findall(page.read_text(encoding="utf-8")):
            # The picture, or its caption until make docs has taken it.
            if (GUIDE / "img" / f"{name}.png").exists():
                assert f'src="../img/{name}.png"' in body
            else:
                assert f'data-missing-picture="{name}.png"' in body


@pytest.mark.django_db
def test_the_guide_needs_a_login_and_refuses_unknown_pages(client, users):
    assert client.get("/huong-dan/").status_code == 302
    client.force_login(users["canbo"])
    assert client.get("/huong-dan/khong-co/").status_code == 404
    assert client.get("/huong-dan/img/khong-co.png").status_code == 404
    assert client.get("/huong-dan/img/..%2Fsettings.py").status_code == 404


@pytest.mark.django_db
def test_the_guide_escapes_html_written_in_a_page(client, users, settings, tmp_path, monkeypatch):
    from noichinh.core import guide

    (tmp_path / "index.md").write_text("# Mục lục\n\n<script>alert(1)</script>\n", encoding="utf-8")
    monkeypatch.setattr(guide, "GUIDE_DIR", tmp_path)
    client.force_login(users["canbo"])
    html = client.get("/huong-dan/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
