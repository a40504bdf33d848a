"""Server-rendered highlights: the source text with a <mark id=…> around each span."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight(text: str, marks: list[tuple[int, int, str, str, str]]) -> SafeString:
    """``text`` as HTML, each (start, end, id, kind, label) of ``marks`` wrapped in a <mark>.

    Marks nest (a figure inside an award sentence); a mark that crosses the end of the
    one it starts in is cut there, so the HTML stays well formed. Out-of-range or empty
    spans and repeated ids are skipped.
    """
    n = len(text)
    seen: set[str] = set()
    clean = []
    for start, end, mark_id, kind, label in marks:
        if mark_id in seen or not (0 <= start < end <= n):
            continue
        seen.add(mark_id)
        clean.append((start, end, mark_id, kind, label))
    clean.sort(key=lambda m: (m[0], -m[1]))

    out: list[str] = []
    stack: list[int] = []  # end positions of open marks
    pos = 0

    def emit_to(target: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= target:
            end = stack.pop()
            if end > pos:
                out.append(escape(text[pos:end]))
                pos = end
            out.append("</mark>")
        if target > pos:
            out.append(escape(text[pos:target]))
            pos = target

    for start, end, mark_id, kind, label in clean:
        emit_to(start)
        if stack and end > stack[-1]:
            end = stack[-1]
        if end <= start:
            continue
        out.append(
            f'<mark id="{escape(mark_id)}" class="hl hl-{escape(kind)}" title="{escape(label)}">'
        )
        stack.append(end)
    emit_to(n)
    while stack:
        stack.pop()
        out.append("</mark>")
    return mark_safe("".join(out))
