"""The guide (docs/huong-dan/, Markdown in Vietnamese), served inside the application.

The pages are the repository's Markdown files rendered on request (markdown-it, raw HTML off);
their pictures come from docs/huong-dan/img/, taken by the browser tests (``make docs``)."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "huong-dan"
_SLUG = re.compile(r"^[a-z0-9-]+$")
_IMAGE = re.compile(r"^[a-z0-9-]+\.png$")

app_name = "guide"


def _renderer():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def pages() -> list[tuple[str, str]]:
    """(slug, title) of each guide page but the index, in file-name order."""
    result = []
    for file in sorted(GUIDE_DIR.glob("*.md")):
        if file.stem == "index":
            continue
        first = file.read_text(encoding="utf-8").splitlines()[0]
        result.append((file.stem, first.lstrip("# ").strip()))
    return result


def _render(slug: str, *, at_index: bool = False) -> tuple[str, str]:
    """(title, HTML) of a page. Safe: the Markdown is our own file, rendered with raw HTML
    off (markdown-it escapes every text and attribute)."""
    file = GUIDE_DIR / f"{slug}.md"
    if not _SLUG.match(slug) or not file.is_file():
        raise Http404("Không có trang hướng dẫn này.")
    text = file.read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    html = _renderer().render(text)
    # Links between pages are written as the files' names (they read on GitHub too).
    html = re.sub(r'href="([a-z0-9-]+)\.md"', r'href="../\1/"', html)
    html = html.replace('href="../index/"', 'href="../"')
    html = re.sub(r'<img src="img/([a-z0-9-]+\.png)" alt="([^"]*)" />', _picture, html)
    if at_index:
        html = html.replace('href="../', 'href="').replace('src="../img/', 'src="img/')
    return title, mark_safe(html)  # noqa: S308


def _picture(match) -> str:
    """A picture of the guide, or its caption alone while ``make docs`` has not taken it."""
    name, alt = match.group(1), match.group(2)
    if (GUIDE_DIR / "img" / name).is_file():
        return f'<img src="../img/{name}" alt="{alt}" loading="lazy">'
    return f'<span class="muted" data-missing-picture="{name}">[Ảnh: {alt}]</span>'


@login_required
def index(request):
    title, html = _render("index", at_index=True)
    context = {"title": title, "body": html, "pages": pages(), "slug": "index"}
    return render(request, "core/guide.html", context)


@login_required
def page(request, slug):
    title, html = _render(slug)
    context = {"title": title, "body": html, "pages": pages(), "slug": slug}
    return render(request, "core/guide.html", context)


@login_required
def image(request, name):
    file = GUIDE_DIR / "img" / name
    if not _IMAGE.match(name) or not file.is_file():
        raise Http404("Chưa có ảnh này: chạy make docs để chụp lại.")
    return FileResponse(file.open("rb"), content_type="image/png")


urlpatterns = [
    path("", index, name="index"),
    path("img/<str:name>", image, name="image"),
    path("<slug:slug>/", page, name="page"),
]
