"""The checks every disclosure of a denouncer's identity passes (a reveal, a forward with
the identity): a legal ground from ``RevealGround`` and a reason a reader can check.

Petitions' own forwarding with the identity uses them, and the portal's reveal: they live
here, below both."""

import re

from django.core.exceptions import ValidationError
from django.db import models

from noichinh.core.text import fold

REASON_MIN_WORDS = 3


class RevealGround(models.TextChoices):
    """The cases in which the resolving agency may look at a denouncer's sealed identity:
    each reveal names one (stored in its ``reveal_identity`` audit entry), shown in the
    reveal history to the handlers and to the denouncer.

    Law on Denunciations 2018 (Law 25/2018/QH14): art. 9(1)(b) gives the denouncer the
    right to have their name, address, handwriting and other personal information kept
    confidential; art. 8 forbids disclosing it (wording not checked here: verify); art. 47(1)
    makes keeping it secret part of protecting the denouncer, and art. 47(2) keeps it secret
    "trừ trường hợp người tố cáo tự tiết lộ"; art. 56 lists the measures that keep it secret
    while the resolver uses what the denouncer provided (56(1)), strips it from the file
    handed to verifiers (56(2)) and arranges meetings so it stays secret (56(3)). The identity
    is also a state secret of the "Mật" grade (Decision 774/QĐ-TTg of 05/6/2020), so it is
    handed to another authority only under the Law on Protection of State Secrets 2018
    (article not checked here: verify). The law lists no other case: a reveal is a use of the
    identity by the resolver for one of these purposes, never a disclosure to anyone else.
    """

    VERIFY = (
        "verify",
        "Làm việc, xác minh với người tố cáo để giải quyết tố cáo (Luật Tố cáo 2018, "
        "Điều 9 khoản 2 điểm d; Điều 56 khoản 1 và 3)",
    )
    CONDITIONS = (
        "conditions",
        "Xác định người tố cáo, điều kiện thụ lý tố cáo (Luật Tố cáo 2018, Điều 9 khoản 2 "
        "điểm a; Điều 23)",
    )
    PROTECTION = (
        "protection",
        "Xem xét, áp dụng biện pháp bảo vệ người tố cáo (Luật Tố cáo 2018, Điều 47 khoản 1 "
        "và 3; Điều 49)",
    )
    CONSENT = (
        "consent",
        "Người tố cáo tự tiết lộ hoặc đồng ý công khai danh tính (Luật Tố cáo 2018, Điều 47 "
        "khoản 2)",
    )
    AUTHORITY = (
        "authority",
        "Cơ quan có thẩm quyền yêu cầu bằng văn bản (danh tính người tố cáo là bí mật nhà "
        "nước độ Mật theo Quyết định 774/QĐ-TTg; cung cấp theo Luật Bảo vệ bí mật nhà nước)",
    )


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
