"""Seed the report types (cut-off rules), sections and indicators (legal.md §6).

The catalogue is frozen here (issue 22 §5): this migration used to import the live
reports/seed.py, so what it wrote changed with every later edit of that file. The rows below
are what it wrote on a fresh database before it was frozen (seed.py of 1d6e839); databases
migrated earlier got an older catalogue (d5295e2: 61 indicators, among them
"cases.corruption", later retired), and 0005 brought them to this one. A change to the
catalogue is a new migration, never an edit here; tests/core/test_migrations_frozen.py
compares a freshly migrated database with reports/seed.py.
"""

from django.db import migrations

# code, name, start_day, months_before, end_day, legal source, note
REPORT_TYPES = [
    ('party_briefing', 'Báo cáo giao ban khối (cơ quan Đảng, kỳ theo năm dương lịch)', 1, 0, None, 'Quy chế phối hợp của các khối; Hướng dẫn 36-HD/VPTW về thể thức', 'Kỳ theo quý, năm dương lịch.'),
    ('government', 'Báo cáo định kỳ của cơ quan hành chính nhà nước', 15, 1, 14, 'Nghị định 09/2019/NĐ-CP, Điều 12', 'Từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ. Thông tư 02/2021/TT-TTCP áp dụng cho báo cáo thanh tra, tiếp công dân, khiếu nại, tố cáo, PCTN — cần kiểm tra.'),
]
# code, title, order
SECTIONS = [
    ('tcd', 'Công tác tiếp công dân', 10),
    ('don', 'Tiếp nhận, phân loại, xử lý đơn thư', 20),
    ('knto', 'Giải quyết khiếu nại, tố cáo', 30),
    ('pctn', 'Phòng, chống tham nhũng, tiêu cực', 40),
    ('antt', 'Phòng ngừa, đấu tranh tội phạm; an ninh, trật tự', 50),
    ('vppl', 'Xử lý vi phạm pháp luật; trật tự an toàn giao thông', 60),
    ('tuphap', 'Tư pháp, thi hành án dân sự, phổ biến giáo dục pháp luật', 70),
    ('quansu', 'Quốc phòng, quân sự địa phương', 80),
    ('danvan', 'Công tác dân vận', 90),
    ('nhiemvu', 'Thực hiện nhiệm vụ được giao; thi đua, khen thưởng', 100),
]
# code, name, unit, section, agency kinds, source ("computed" or "entered"), parent code, order
INDICATORS = [
    ('reception.visits', 'Lượt tiếp công dân', 'lượt', 'tcd', [], 'computed', '', 1),
    ('reception.people', 'Số người được tiếp (lượt người)', 'người', 'tcd', [], 'computed', '', 2),
    ('reception.matters', 'Số vụ việc được tiếp', 'vụ việc', 'tcd', [], 'computed', '', 4),
    ('reception.mass_delegations', 'Đoàn đông người', 'đoàn', 'tcd', [], 'computed', '', 5),
    ('reception.mass_people', 'Số người trong các đoàn đông người', 'người', 'tcd', [], 'computed', 'reception.people', 3),
    ('reception.leader_sessions', 'Buổi tiếp công dân định kỳ của lãnh đạo', 'buổi', 'tcd', ['reception_board', 'inspectorate', 'peoples_committee'], 'entered', '', 6),
    ('petitions.received', 'Đơn thư tiếp nhận', 'đơn', 'don', [], 'computed', '', 1),
    ('petitions.eligible', 'Đơn đủ điều kiện xử lý', 'đơn', 'don', [], 'computed', 'petitions.received', 2),
    ('petitions.in_competence', 'Đơn thuộc thẩm quyền', 'đơn', 'don', [], 'computed', 'petitions.eligible', 3),
    ('petitions.type.complaint', 'Đơn khiếu nại', 'đơn', 'don', [], 'computed', 'petitions.received', 4),
    ('petitions.type.denunciation', 'Đơn tố cáo', 'đơn', 'don', [], 'computed', 'petitions.received', 5),
    ('petitions.type.recommendation', 'Đơn kiến nghị', 'đơn', 'don', [], 'computed', 'petitions.received', 6),
    ('petitions.type.reflection', 'Đơn phản ánh', 'đơn', 'don', [], 'computed', 'petitions.received', 7),
    ('petitions.duplicates', 'Đơn trùng lặp', 'đơn', 'don', [], 'computed', 'petitions.received', 8),
    ('petitions.mass', 'Đơn đông người', 'đơn', 'don', [], 'computed', 'petitions.received', 9),
    ('petitions.over_level', 'Đơn vượt cấp', 'đơn', 'don', [], 'computed', 'petitions.received', 10),
    ('petitions.accepted', 'Đơn đã thụ lý', 'đơn', 'don', [], 'computed', 'petitions.received', 11),
    ('petitions.forwarded', 'Đơn đã chuyển', 'đơn', 'don', [], 'computed', 'petitions.received', 12),
    ('petitions.guided', 'Đơn đã hướng dẫn', 'đơn', 'don', [], 'computed', 'petitions.received', 13),
    ('petitions.archived', 'Đơn lưu', 'đơn', 'don', [], 'computed', 'petitions.received', 14),
    ('petitions.resolved', 'Vụ việc đã giải quyết', 'vụ việc', 'knto', [], 'computed', '', 1),
    ('petitions.on_time', 'Giải quyết đúng thời hạn', 'vụ việc', 'knto', [], 'computed', 'petitions.resolved', 2),
    ('petitions.late', 'Giải quyết quá hạn', 'vụ việc', 'knto', [], 'computed', 'petitions.resolved', 3),
    ('petitions.overdue', 'Đơn quá hạn xử lý', 'đơn', 'knto', [], 'computed', '', 4),
    ('petitions.recovered_vnd', 'Tiền kiến nghị thu hồi qua giải quyết khiếu nại, tố cáo (theo sổ theo dõi đơn thư)', 'đồng', 'knto', [], 'computed', '', 5),
    ('knto.money_recovered_vnd', 'Tiền kiến nghị thu hồi qua giải quyết khiếu nại, tố cáo (cơ quan thanh tra báo cáo)', 'đồng', 'knto', ['inspectorate'], 'entered', '', 6),
    ('knto.people_handled', 'Người bị kiến nghị xử lý qua giải quyết khiếu nại, tố cáo', 'người', 'knto', ['inspectorate'], 'entered', '', 7),
    ('cases.followed', 'Vụ án, vụ việc được theo dõi, đôn đốc trong kỳ', 'vụ', 'pctn', [], 'computed', '', 1),
    ('cases.added', 'Đưa vào diện theo dõi, chỉ đạo trong kỳ', 'vụ', 'pctn', [], 'computed', '', 2),
    ('cases.removed', 'Đưa ra khỏi diện theo dõi, chỉ đạo', 'vụ', 'pctn', [], 'computed', '', 3),
    ('cases.on_list_end', 'Thuộc diện theo dõi, chỉ đạo cuối kỳ', 'vụ', 'pctn', [], 'computed', '', 4),
    ('cases.carried_over', 'Vụ, việc từ năm trước chuyển sang (còn theo dõi cuối kỳ)', 'vụ', 'pctn', [], 'computed', 'cases.on_list_end', 5),
    ('cases.economic_managers.followed', 'Vụ án kinh tế liên quan cán bộ lãnh đạo, quản lý được theo dõi', 'vụ', 'pctn', [], 'computed', '', 6),
    ('cases.economic_managers.on_list_end', 'Vụ án kinh tế liên quan cán bộ lãnh đạo, quản lý thuộc diện Ban Thường vụ theo dõi, chỉ đạo', 'vụ', 'pctn', [], 'computed', '', 7),
    ('cases.corruption.on_list_end', 'Vụ án tham nhũng thuộc diện Ban Thường vụ theo dõi, chỉ đạo', 'vụ', 'pctn', [], 'computed', '', 8),
    ('cases.corruption.carried_over', 'Vụ án tham nhũng từ năm trước chuyển sang', 'vụ', 'pctn', [], 'computed', 'cases.corruption.on_list_end', 9),
    ('cases.defendants', 'Bị can trong các vụ án theo dõi', 'bị can', 'pctn', [], 'computed', '', 10),
    ('cases.recovered_vnd', 'Tài sản đã thu hồi trong các vụ án', 'đồng', 'pctn', [], 'computed', '', 11),
    ('inspections.conducted', 'Cuộc thanh tra, kiểm tra, giám sát', 'cuộc', 'pctn', ['inspectorate', 'internal_affairs'], 'entered', '', 12),
    ('inspections.with_violations', 'Cuộc phát hiện vi phạm', 'cuộc', 'pctn', ['inspectorate', 'internal_affairs'], 'entered', 'inspections.conducted', 13),
    ('inspections.recovery_recommended_vnd', 'Tiền kiến nghị thu hồi qua thanh tra', 'đồng', 'pctn', ['inspectorate'], 'entered', '', 14),
    ('assets.recovered_vnd', 'Tài sản đã thu hồi (đồng)', 'đồng', 'pctn', ['inspectorate', 'judgment_enforcement'], 'entered', '', 15),
    ('crimes.detected', 'Vụ phạm tội phát hiện', 'vụ', 'antt', ['police'], 'entered', '', 1),
    ('offenders.handled', 'Đối tượng bị bắt, xử lý', 'đối tượng', 'antt', ['police'], 'entered', '', 2),
    ('cases.prosecuted', 'Vụ án khởi tố', 'vụ', 'antt', ['police', 'procuracy'], 'entered', '', 3),
    ('cases.corruption_prosecuted', 'Vụ án tham nhũng, chức vụ khởi tố', 'vụ', 'antt', ['police', 'procuracy'], 'entered', 'cases.prosecuted', 4),
    ('defendants.prosecuted', 'Bị can bị khởi tố', 'bị can', 'antt', ['police', 'procuracy'], 'entered', '', 5),
    ('cases.tried', 'Vụ án đã xét xử', 'vụ', 'antt', ['court'], 'entered', '', 6),
    ('defendants.tried', 'Bị cáo đã xét xử', 'bị cáo', 'antt', ['court'], 'entered', '', 7),
    ('investigation.clearance_rate', 'Tỷ lệ điều tra, khám phá', '%', 'antt', ['police'], 'entered', '', 8),
    ('drugs.seized_g', 'Ma túy thu giữ (gam)', 'gam', 'antt', ['police'], 'entered', '', 9),
    ('violations.individuals', 'Cá nhân vi phạm bị xử lý', 'cá nhân', 'vppl', ['police', 'inspectorate'], 'entered', '', 1),
    ('violations.businesses', 'Cơ sở kinh doanh vi phạm', 'cơ sở', 'vppl', ['police', 'inspectorate'], 'entered', '', 2),
    ('traffic.violations', 'Trường hợp vi phạm trật tự an toàn giao thông', 'trường hợp', 'vppl', ['police'], 'entered', '', 3),
    ('traffic.accidents', 'Vụ tai nạn giao thông', 'vụ', 'vppl', ['police'], 'entered', '', 4),
    ('traffic.deaths', 'Người chết do tai nạn giao thông', 'người', 'vppl', ['police'], 'entered', '', 5),
    ('fines.vnd', 'Tiền xử phạt vi phạm hành chính', 'đồng', 'vppl', ['police', 'inspectorate'], 'entered', '', 6),
    ('thads.cases_total', 'Việc thi hành án có điều kiện', 'việc', 'tuphap', ['judgment_enforcement'], 'entered', '', 1),
    ('thads.cases_done', 'Việc thi hành xong', 'việc', 'tuphap', ['judgment_enforcement'], 'entered', 'thads.cases_total', 2),
    ('thads.money_total_vnd', 'Tiền phải thi hành có điều kiện', 'đồng', 'tuphap', ['judgment_enforcement'], 'entered', '', 3),
    ('thads.money_done_vnd', 'Tiền đã thi hành xong', 'đồng', 'tuphap', ['judgment_enforcement'], 'entered', 'thads.money_total_vnd', 4),
    ('thads.completion_rate', 'Tỷ lệ thi hành xong về việc', '%', 'tuphap', ['judgment_enforcement'], 'entered', '', 5),
    ('dissemination.sessions', 'Buổi tuyên truyền, phổ biến pháp luật', 'buổi', 'tuphap', ['justice', 'police', 'procuracy', 'court', 'military', 'mass_mobilisation', 'fatherland_front', 'mass_organisation'], 'entered', '', 6),
    ('dissemination.participants', 'Lượt người dự tuyên truyền, tập huấn', 'lượt', 'tuphap', ['justice', 'police', 'procuracy', 'court', 'military', 'mass_mobilisation', 'fatherland_front', 'mass_organisation'], 'entered', '', 7),
    ('military.drills', 'Cuộc diễn tập khu vực phòng thủ', 'cuộc', 'quansu', ['military'], 'entered', '', 1),
    ('military.recruits', 'Công dân nhập ngũ', 'người', 'quansu', ['military'], 'entered', '', 2),
    ('danvan.hot_spots', 'Điểm nóng về an ninh, trật tự phát sinh', 'điểm', 'danvan', ['mass_mobilisation', 'fatherland_front', 'mass_organisation'], 'entered', '', 1),
    ('danvan.complex_incidents', 'Vụ việc phức tạp ở cơ sở', 'vụ việc', 'danvan', ['mass_mobilisation', 'fatherland_front', 'mass_organisation'], 'entered', '', 2),
    ('danvan.models', 'Mô hình, điển hình “Dân vận khéo”', 'mô hình', 'danvan', ['mass_mobilisation', 'fatherland_front', 'mass_organisation'], 'entered', '', 3),
    ('donations.vnd', 'Tiền ủng hộ, quyên góp', 'đồng', 'danvan', ['mass_mobilisation', 'fatherland_front', 'mass_organisation'], 'entered', '', 4),
    ('tasks.assigned', 'Nhiệm vụ được giao trong kỳ', 'nhiệm vụ', 'nhiemvu', [], 'computed', '', 1),
    ('tasks.done_on_time', 'Nhiệm vụ hoàn thành đúng hạn trong kỳ', 'nhiệm vụ', 'nhiemvu', [], 'computed', '', 2),
    ('tasks.done_late', 'Nhiệm vụ hoàn thành quá hạn trong kỳ', 'nhiệm vụ', 'nhiemvu', [], 'computed', '', 3),
    ('tasks.overdue', 'Nhiệm vụ quá hạn chưa hoàn thành (cuối kỳ)', 'nhiệm vụ', 'nhiemvu', [], 'computed', '', 4),
    ('awards.collectives', 'Tập thể được khen thưởng', 'tập thể', 'nhiemvu', [], 'computed', '', 5),
    ('awards.individuals', 'Cá nhân được khen thưởng', 'cá nhân', 'nhiemvu', [], 'computed', '', 6),
]


def seed(apps, schema_editor):
    ReportType = apps.get_model("reports", "ReportType")
    Section = apps.get_model("reports", "Section")
    Indicator = apps.get_model("reports", "Indicator")
    for code, name, start_day, months_before, end_day, source, note in REPORT_TYPES:
        ReportType.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                start_day=start_day,
                months_before=months_before,
                end_day=end_day,
                legal_source=source,
                note=note,
            ),
        )
    sections = {}
    for code, title, order in SECTIONS:
        sections[code], _ = Section.objects.update_or_create(
            code=code, defaults=dict(title=title, order=order)
        )
    by_code = {}
    for code, name, unit, section, kinds, source, parent, order in INDICATORS:
        by_code[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                unit=unit,
                section=sections[section],
                agency_kinds=list(kinds),
                source=source,
                figure_code=code if source == "computed" else "",
                parent=by_code.get(parent) if parent else None,
                order=order,
                active=True,
            ),
        )
    Indicator.objects.exclude(code__in=list(by_code)).update(active=False)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
