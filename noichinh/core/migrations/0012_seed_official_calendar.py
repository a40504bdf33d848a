"""Load the official schedule of 2020–2026 into the calendar tables: each year with its
documents (number, date, issuer) and its days off / swapped days.

The schedule is frozen here (issue 22 §5): this migration used to read the live
core/data/official_calendar.json, so what it wrote changed with every later edit of that file.
SCHEDULE below is that file as this migration read it on a fresh database before it was frozen
(5e1ed92, with 2020 official); databases migrated earlier read the version of 8e3fbbe (2020
provisional), which 0015 brought to this one. A change to the shipped schedule is a new
migration; tests/core/test_migrations_frozen.py compares a freshly migrated database with the
file.
"""

import datetime as dt
import json

from django.db import migrations

SCHEDULE = r"""
{
  "about": "Lịch nghỉ lễ, Tết và ngày làm bù của cán bộ, công chức, viên chức (cơ quan hành chính, sự nghiệp, tổ chức chính trị, chính trị - xã hội) theo từng năm, kèm văn bản làm căn cứ. Ngày nghỉ hằng tuần (thứ Bảy, Chủ nhật) không liệt kê, trừ khi là ngày lễ. Ngày có \"provisional\": true là ngày chưa tìm được văn bản chính thức (giữ theo dự đoán, cần kiểm tra). Nguồn tra cứu ghi ở \"found_in\" của từng văn bản.",
  "statutes": {
    "LC2012_115": "Bộ luật Lao động 2012, Điều 115 (nghỉ lễ, Tết)",
    "LC2019_112": "Bộ luật Lao động 2019, Điều 112 khoản 1 (nghỉ lễ, Tết)",
    "LC2019_111": "Bộ luật Lao động 2019, Điều 111 khoản 3 (ngày nghỉ hằng tuần trùng ngày lễ thì nghỉ bù vào ngày làm việc kế tiếp)"
  },
  "years": [
    {
      "year": 2020,
      "status": "official",
      "note": "Lịch nghỉ Tết Canh Tý theo Thông báo 4544/TB-LĐTBXH ngày 25/10/2019 của Bộ Lao động - Thương binh và Xã hội (thực hiện ý kiến của Thủ tướng Chính phủ).",
      "notices": [
        {"key": "tet2020", "number": "4544/TB-LĐTBXH", "date": "2019-10-25", "issuer": "Bộ Lao động - Thương binh và Xã hội", "summary": "Nghỉ Tết Âm lịch 7 ngày, từ thứ Năm 23/01/2020 đến hết thứ Tư 29/01/2020.", "found_in": "hongthuong.thuathienhue.gov.vn 28/10/2019; tinbong247news.net; baovephapluat.vn 13/01/2020"}
      ],
      "days": [
        {"date": "2020-01-01", "off": true, "reason": "Tết Dương lịch", "source": "LC2012_115"},
        {"date": "2020-01-23", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "tet2020"},
        {"date": "2020-01-24", "off": true, "reason": "Tết Âm lịch (30 tháng Chạp)", "source": "tet2020"},
        {"date": "2020-01-27", "off": true, "reason": "Tết Âm lịch (mùng 3)", "source": "tet2020"},
        {"date": "2020-01-28", "off": true, "reason": "Tết Âm lịch (mùng 4)", "source": "tet2020"},
        {"date": "2020-01-29", "off": true, "reason": "Tết Âm lịch (mùng 5)", "source": "tet2020"},
        {"date": "2020-04-02", "off": true, "reason": "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "source": "LC2012_115"},
        {"date": "2020-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4", "source": "LC2012_115"},
        {"date": "2020-05-01", "off": true, "reason": "Ngày Quốc tế lao động", "source": "LC2012_115"},
        {"date": "2020-09-02", "off": true, "reason": "Quốc khánh", "source": "LC2012_115"}
      ]
    },
    {
      "year": 2021,
      "status": "official",
      "note": "Ngày ban hành Thông báo 4875/TB-LĐTBXH chưa xác định (báo chí đưa tin ngày 11/12/2020).",
      "notices": [
        {"key": "tb4875", "number": "4875/TB-LĐTBXH", "date": null, "issuer": "Bộ Lao động - Thương binh và Xã hội", "summary": "Nghỉ Tết Âm lịch từ thứ Tư 10/02/2021 đến hết thứ Ba 16/02/2021; nghỉ Quốc khánh từ thứ Năm 02/09/2021 đến hết Chủ nhật 05/09/2021 (ngày Quốc khánh và ngày liền sau).", "found_in": "cand.com.vn 11/12/2020; khoahocdoisong.vn; hanoimoi.vn"}
      ],
      "days": [
        {"date": "2021-01-01", "off": true, "reason": "Tết Dương lịch", "source": "LC2019_112"},
        {"date": "2021-02-10", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "tb4875"},
        {"date": "2021-02-11", "off": true, "reason": "Tết Âm lịch (30 tháng Chạp)", "source": "tb4875"},
        {"date": "2021-02-12", "off": true, "reason": "Tết Âm lịch (mùng 1)", "source": "tb4875"},
        {"date": "2021-02-15", "off": true, "reason": "Tết Âm lịch (nghỉ bù mùng 2)", "source": "tb4875"},
        {"date": "2021-02-16", "off": true, "reason": "Tết Âm lịch (nghỉ bù mùng 3)", "source": "tb4875"},
        {"date": "2021-04-21", "off": true, "reason": "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "source": "LC2019_112"},
        {"date": "2021-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4", "source": "LC2019_112"},
        {"date": "2021-05-01", "off": true, "reason": "Ngày Quốc tế lao động (trùng thứ Bảy)", "source": "LC2019_112"},
        {"date": "2021-05-03", "off": true, "reason": "Nghỉ bù ngày Quốc tế lao động", "source": "LC2019_111"},
        {"date": "2021-09-02", "off": true, "reason": "Quốc khánh", "source": "tb4875"},
        {"date": "2021-09-03", "off": true, "reason": "Quốc khánh (ngày liền sau)", "source": "tb4875"}
      ]
    },
    {
      "year": 2022,
      "status": "official",
      "note": "",
      "notices": [
        {"key": "vpcp245", "number": "245/VPCP-KGVX", "date": "2022-01-11", "issuer": "Văn phòng Chính phủ", "summary": "Phó Thủ tướng đồng ý nghỉ Tết Nguyên đán Nhâm Dần từ 31/01/2022 đến hết 04/02/2022 và nghỉ Quốc khánh từ 01/09/2022 đến hết 02/09/2022.", "found_in": "truyenhinhthanhhoa.vn (trích Công văn 245/VPCP-KGVX); tinhhoa.net 12/01/2022; kinhtemoitruong.vn 12/01/2022"}
      ],
      "days": [
        {"date": "2022-01-01", "off": true, "reason": "Tết Dương lịch (trùng thứ Bảy)", "source": "LC2019_112"},
        {"date": "2022-01-03", "off": true, "reason": "Nghỉ bù Tết Dương lịch", "source": "LC2019_111"},
        {"date": "2022-01-31", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "vpcp245"},
        {"date": "2022-02-01", "off": true, "reason": "Tết Âm lịch (mùng 1)", "source": "vpcp245"},
        {"date": "2022-02-02", "off": true, "reason": "Tết Âm lịch (mùng 2)", "source": "vpcp245"},
        {"date": "2022-02-03", "off": true, "reason": "Tết Âm lịch (mùng 3)", "source": "vpcp245"},
        {"date": "2022-02-04", "off": true, "reason": "Tết Âm lịch (mùng 4)", "source": "vpcp245"},
        {"date": "2022-04-10", "off": true, "reason": "Giỗ Tổ Hùng Vương (trùng Chủ nhật)", "source": "LC2019_112"},
        {"date": "2022-04-11", "off": true, "reason": "Nghỉ bù Giỗ Tổ Hùng Vương", "source": "LC2019_111"},
        {"date": "2022-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4 (trùng thứ Bảy)", "source": "LC2019_112"},
        {"date": "2022-05-01", "off": true, "reason": "Ngày Quốc tế lao động (trùng Chủ nhật)", "source": "LC2019_112"},
        {"date": "2022-05-02", "off": true, "reason": "Nghỉ bù Ngày Chiến thắng 30/4", "source": "LC2019_111"},
        {"date": "2022-05-03", "off": true, "reason": "Nghỉ bù Ngày Quốc tế lao động", "source": "LC2019_111"},
        {"date": "2022-09-01", "off": true, "reason": "Quốc khánh (ngày liền trước)", "source": "vpcp245"},
        {"date": "2022-09-02", "off": true, "reason": "Quốc khánh", "source": "vpcp245"}
      ]
    },
    {
      "year": 2023,
      "status": "official",
      "note": "",
      "notices": [
        {"key": "vpcp8056", "number": "8056/VPCP-KGVX", "date": "2022-12-01", "issuer": "Văn phòng Chính phủ", "summary": "Nghỉ Tết Âm lịch từ 20/01/2023 đến hết 26/01/2023; nghỉ Quốc khánh từ 01/09/2023 đến hết 04/09/2023.", "found_in": "kiemtientuweb.com (trích văn bản 8056/VPCP-KGVX ngày 01/12/2022)"}
      ],
      "days": [
        {"date": "2023-01-01", "off": true, "reason": "Tết Dương lịch (trùng Chủ nhật)", "source": "LC2019_112"},
        {"date": "2023-01-02", "off": true, "reason": "Nghỉ bù Tết Dương lịch", "source": "LC2019_111"},
        {"date": "2023-01-20", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "vpcp8056"},
        {"date": "2023-01-23", "off": true, "reason": "Tết Âm lịch (mùng 2)", "source": "vpcp8056"},
        {"date": "2023-01-24", "off": true, "reason": "Tết Âm lịch (mùng 3)", "source": "vpcp8056"},
        {"date": "2023-01-25", "off": true, "reason": "Tết Âm lịch (nghỉ bù)", "source": "vpcp8056"},
        {"date": "2023-01-26", "off": true, "reason": "Tết Âm lịch (nghỉ bù)", "source": "vpcp8056"},
        {"date": "2023-04-29", "off": true, "reason": "Giỗ Tổ Hùng Vương (trùng thứ Bảy)", "source": "LC2019_112"},
        {"date": "2023-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4 (trùng Chủ nhật)", "source": "LC2019_112"},
        {"date": "2023-05-01", "off": true, "reason": "Ngày Quốc tế lao động", "source": "LC2019_112"},
        {"date": "2023-05-02", "off": true, "reason": "Nghỉ bù Giỗ Tổ Hùng Vương", "source": "LC2019_111"},
        {"date": "2023-05-03", "off": true, "reason": "Nghỉ bù Ngày Chiến thắng 30/4", "source": "LC2019_111"},
        {"date": "2023-09-01", "off": true, "reason": "Quốc khánh (ngày liền trước)", "source": "vpcp8056"},
        {"date": "2023-09-02", "off": true, "reason": "Quốc khánh (trùng thứ Bảy)", "source": "vpcp8056"},
        {"date": "2023-09-04", "off": true, "reason": "Nghỉ bù Quốc khánh", "source": "vpcp8056"}
      ]
    },
    {
      "year": 2024,
      "status": "official",
      "note": "",
      "notices": [
        {"key": "tb5015", "number": "5015/TB-LĐTBXH", "date": "2023-11-22", "issuer": "Bộ Lao động - Thương binh và Xã hội", "summary": "Thực hiện văn bản 8662/VPCP-KGVX ngày 03/11/2023: nghỉ Tết Âm lịch từ thứ Năm 08/02/2024 đến hết thứ Tư 14/02/2024; nghỉ Quốc khánh từ thứ Bảy 31/08/2024 đến hết thứ Ba 03/09/2024.", "found_in": "huyendakha.kontum.gov.vn; kkt-kontum.com; baotintuc.vn 03/11/2023"},
        {"key": "vpcp2450", "number": "2450/VPCP-KGVX", "date": "2024-04-12", "issuer": "Văn phòng Chính phủ", "summary": "Hoán đổi ngày làm việc thứ Hai 29/04/2024 sang thứ Bảy 04/05/2024; nghỉ liên tục từ thứ Bảy 27/04 đến hết thứ Tư 01/05/2024.", "found_in": "baophapluat.vn; baotintuc.vn; xaydungchinhsach.chinhphu.vn 20/04/2024"}
      ],
      "days": [
        {"date": "2024-01-01", "off": true, "reason": "Tết Dương lịch", "source": "LC2019_112"},
        {"date": "2024-02-08", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "tb5015"},
        {"date": "2024-02-09", "off": true, "reason": "Tết Âm lịch (30 tháng Chạp)", "source": "tb5015"},
        {"date": "2024-02-12", "off": true, "reason": "Tết Âm lịch (mùng 3)", "source": "tb5015"},
        {"date": "2024-02-13", "off": true, "reason": "Tết Âm lịch (nghỉ bù)", "source": "tb5015"},
        {"date": "2024-02-14", "off": true, "reason": "Tết Âm lịch (nghỉ bù)", "source": "tb5015"},
        {"date": "2024-04-18", "off": true, "reason": "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "source": "LC2019_112"},
        {"date": "2024-04-29", "off": true, "reason": "Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)", "source": "vpcp2450"},
        {"date": "2024-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4", "source": "LC2019_112"},
        {"date": "2024-05-01", "off": true, "reason": "Ngày Quốc tế lao động", "source": "LC2019_112"},
        {"date": "2024-05-04", "off": false, "reason": "Làm bù cho ngày nghỉ 29/04/2024", "source": "vpcp2450"},
        {"date": "2024-09-02", "off": true, "reason": "Quốc khánh", "source": "tb5015"},
        {"date": "2024-09-03", "off": true, "reason": "Quốc khánh (ngày liền sau)", "source": "tb5015"}
      ]
    },
    {
      "year": 2025,
      "status": "official",
      "note": "Ngày ban hành của văn bản 8726/VPCP-KGVX và Thông báo 6150/TB-LĐTBXH (năm 2024) chưa xác định.",
      "notices": [
        {"key": "tb6150", "number": "6150/TB-LĐTBXH", "date": null, "issuer": "Bộ Lao động - Thương binh và Xã hội", "summary": "Thực hiện văn bản 8726/VPCP-KGVX (2024): nghỉ Tết Âm lịch 9 ngày từ thứ Bảy 25/01/2025 đến hết Chủ nhật 02/02/2025; nghỉ Quốc khánh từ thứ Bảy 30/08/2025 đến hết thứ Ba 02/09/2025; nghỉ 30/4–1/5 từ thứ Tư 30/04 đến hết Chủ nhật 04/05/2025, hoán đổi ngày làm việc thứ Sáu 02/05 sang thứ Bảy 26/04/2025.", "found_in": "baodanang.vn (trích Thông báo 6150/TB-LĐTBXH); vietnamplus.vn; tet-amlich.com"}
      ],
      "days": [
        {"date": "2025-01-01", "off": true, "reason": "Tết Dương lịch", "source": "LC2019_112"},
        {"date": "2025-01-27", "off": true, "reason": "Tết Âm lịch (28 tháng Chạp)", "source": "tb6150"},
        {"date": "2025-01-28", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "tb6150"},
        {"date": "2025-01-29", "off": true, "reason": "Tết Âm lịch (mùng 1)", "source": "tb6150"},
        {"date": "2025-01-30", "off": true, "reason": "Tết Âm lịch (mùng 2)", "source": "tb6150"},
        {"date": "2025-01-31", "off": true, "reason": "Tết Âm lịch (mùng 3)", "source": "tb6150"},
        {"date": "2025-04-07", "off": true, "reason": "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "source": "LC2019_112"},
        {"date": "2025-04-26", "off": false, "reason": "Làm bù cho ngày nghỉ 02/05/2025", "source": "tb6150"},
        {"date": "2025-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4", "source": "LC2019_112"},
        {"date": "2025-05-01", "off": true, "reason": "Ngày Quốc tế lao động", "source": "LC2019_112"},
        {"date": "2025-05-02", "off": true, "reason": "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)", "source": "tb6150"},
        {"date": "2025-09-01", "off": true, "reason": "Quốc khánh (ngày liền trước)", "source": "tb6150"},
        {"date": "2025-09-02", "off": true, "reason": "Quốc khánh", "source": "tb6150"}
      ]
    },
    {
      "year": 2026,
      "status": "official",
      "note": "Chưa tìm được văn bản chính thức về ngày liền kề Quốc khánh và việc hoán đổi dịp 2/9/2026: 31/08, 01/09 và ngày làm bù 22/08/2026 giữ theo dự đoán, tạm tính. Số văn bản chốt lịch nghỉ Tết Bính Ngọ chưa xác định (cần kiểm tra). Ngày Văn hóa Việt Nam 24/11 không phải ngày nghỉ: chưa có văn bản sửa Điều 112 Bộ luật Lao động có hiệu lực (Nghị quyết 80-NQ/TW là chủ trương; Nghị quyết 30/NQ-CP ngày 26/02/2026 chỉ giao nhiệm vụ sửa luật).",
      "notices": [
        {"key": "vpcp12729", "number": "12729/VPCP-KGVX", "date": "2025-12-25", "issuer": "Văn phòng Chính phủ", "summary": "Nghỉ 4 ngày liên tục từ thứ Năm 01/01/2026 đến hết Chủ nhật 04/01/2026; hoán đổi ngày làm việc thứ Sáu 02/01/2026 sang ngày nghỉ hằng tuần thứ Bảy 10/01/2026.", "found_in": "legal.md §1; tracuuquyhoach.com 25/12/2025"},
        {"key": "tet2026", "number": "", "date": null, "issuer": "Thủ tướng Chính phủ (theo đề xuất của Bộ Nội vụ)", "summary": "Nghỉ Tết Âm lịch 5 ngày từ thứ Hai 16/02 đến hết thứ Sáu 20/02/2026; cùng hai kỳ nghỉ cuối tuần là 9 ngày, từ 14/02 đến hết 22/02/2026.", "found_in": "vietnammedia.vnanet.vn 17/10/2025; congan.com.vn"}
      ],
      "days": [
        {"date": "2026-01-01", "off": true, "reason": "Tết Dương lịch", "source": "LC2019_112"},
        {"date": "2026-01-02", "off": true, "reason": "Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)", "source": "vpcp12729"},
        {"date": "2026-01-10", "off": false, "reason": "Làm bù cho ngày nghỉ 02/01/2026", "source": "vpcp12729"},
        {"date": "2026-02-16", "off": true, "reason": "Tết Âm lịch (29 tháng Chạp)", "source": "tet2026"},
        {"date": "2026-02-17", "off": true, "reason": "Tết Âm lịch (mùng 1)", "source": "tet2026"},
        {"date": "2026-02-18", "off": true, "reason": "Tết Âm lịch (mùng 2)", "source": "tet2026"},
        {"date": "2026-02-19", "off": true, "reason": "Tết Âm lịch (mùng 3)", "source": "tet2026"},
        {"date": "2026-02-20", "off": true, "reason": "Tết Âm lịch (mùng 4)", "source": "tet2026"},
        {"date": "2026-04-26", "off": true, "reason": "Giỗ Tổ Hùng Vương (trùng Chủ nhật)", "source": "LC2019_112"},
        {"date": "2026-04-27", "off": true, "reason": "Nghỉ bù Giỗ Tổ Hùng Vương", "source": "LC2019_111"},
        {"date": "2026-04-30", "off": true, "reason": "Ngày Chiến thắng 30/4", "source": "LC2019_112"},
        {"date": "2026-05-01", "off": true, "reason": "Ngày Quốc tế lao động", "source": "LC2019_112"},
        {"date": "2026-08-22", "off": false, "reason": "Làm bù cho ngày nghỉ 31/08/2026 (dự đoán)", "source": "", "provisional": true},
        {"date": "2026-08-31", "off": true, "reason": "Nghỉ hoán đổi dịp Quốc khánh (dự đoán)", "source": "", "provisional": true},
        {"date": "2026-09-01", "off": true, "reason": "Quốc khánh (ngày liền trước, dự đoán)", "source": "", "provisional": true},
        {"date": "2026-09-02", "off": true, "reason": "Quốc khánh", "source": "LC2019_112"}
      ]
    }
  ]
}
"""


def seed(apps, schema_editor):
    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarNotice = apps.get_model("core", "CalendarNotice")
    CalendarDay = apps.get_model("core", "CalendarDay")
    data = json.loads(SCHEDULE)
    statutes = data.get("statutes", {})
    for entry in data["years"]:
        if CalendarYear.objects.filter(year=entry["year"]).exists():
            continue
        year = CalendarYear.objects.create(
            year=entry["year"], status=entry["status"], note=entry.get("note", "")
        )
        notices = {}
        for n in entry.get("notices", []):
            notices[n["key"]] = CalendarNotice.objects.create(
                calendar_year=year,
                key=n["key"],
                number=n.get("number", ""),
                issued_on=dt.date.fromisoformat(n["date"]) if n.get("date") else None,
                issuer=n.get("issuer", ""),
                summary=n.get("summary", ""),
                found_in=n.get("found_in", ""),
            )
        CalendarDay.objects.bulk_create(
            CalendarDay(
                calendar_year=year,
                date=dt.date.fromisoformat(d["date"]),
                is_day_off=bool(d["off"]),
                reason=d["reason"],
                notice=notices.get(d.get("source", "")),
                source=statutes.get(d.get("source", ""), ""),
                provisional=bool(d.get("provisional")),
            )
            for d in entry["days"]
        )


def unseed(apps, schema_editor):
    data = json.loads(SCHEDULE)
    years = [entry["year"] for entry in data["years"]]
    apps.get_model("core", "CalendarYear").objects.filter(year__in=years).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0011_official_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
