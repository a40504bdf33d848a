"""The checks every disclosure of a denouncer's identity passes (a reveal, a forward with
the identity): a legal ground from ``RevealGround`` and a reason a reader can check.

Kept apart from ``portal.services`` so that ``petitions.services`` (forwarding) can use them
without importing the portal's services."""

import re

from django.core.exceptions import ValidationError

from noichinh.core.text import fold
from noichinh.portal.models import RevealGround

REASON_MIN_WORDS = 3


def require_reason(reason: str) -> str:
    """A reason a reader of the reveal history can check: at least ten characters and three
    different words, none of them one character repeated ("aaaaaaaaaa", "xem xem xem")."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Ghi rõ lý do cần xem danh tính (ít nhất 10 ký tự)."})
    words = {w for w in re.findall(r"[^\W\d_]+", fold(reason)) if len(set(w)) > 1 or len(w) == 1}
    if len(words) < REASON_MIN_WORDS:
        raise ValidationError(
            {
                "reason": "Lý do phải nêu rõ việc cần làm với danh tính người tố cáo, bằng ít "
                "nhất ba từ khác nhau (không nhập ký tự hay từ lặp lại)."
            }
        )
    return reason


def require_ground(ground: str) -> str:
    if ground not in RevealGround.values:
        raise ValidationError(
            {"ground": "Chọn căn cứ pháp lý (Luật Tố cáo 2018) của việc xem hoặc chuyển danh tính."}
        )
    return ground
