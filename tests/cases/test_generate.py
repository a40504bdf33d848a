"""The case generator of ``manage.py generate_province``: scale, rule-table due dates,
consistent stages and supervision decisions, idempotence and determinism."""

import datetime as dt
import random

import pytest
from django.db import transaction

from noichinh.cases import services
from noichinh.cases.models import (
    Case,
    CaseStage,
    ExplanationRequest,
    ProgressReport,
    StageExtension,
    SupervisionEntry,
)
from noichinh.core import selectors as core_selectors
from noichinh.devdata.generate import cases as generate

END = dt.date(2026, 10, 31)
REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def province(org):
    from noichinh.devdata.generate.province import generate_org

    return generate_org(rng=random.Random(1))


def _run(ctx, *, n=60_000, years=2, seed=7):
    return generate.generate_cases(
        ctx=ctx, n=n, years=years, seed=seed, rng=random.Random(f"{seed}:cases"), end=END
    )


def _snapshot(seed):
    """Everything generated for ``seed``, without ids or timestamps."""
    cases = Case.objects.filter(number__startswith=f"G{seed}-").order_by("number")
    out = []
    for case in cases.prefetch_related("stages__extensions", "supervision_entries__decision"):
        out.append(
            (
                case.number,
                case.title,
                case.kind,
                case.field,
                case.severity,
                case.arisen_on,
                case.area_unit_id,
                case.followed_from,
                case.followed_until,
                case.defendants_count,
                case.damage_vnd,
                case.recovered_vnd,
                [
                    (
                        s.stage,
                        s.agency_id,
                        s.started_on,
                        s.ended_on,
                        s.due_on,
                        s.variant,
                        [(e.variant, e.decision_date, e.due_on) for e in s.extensions.all()],
                    )
                    for s in case.stages.all()
                ],
                [(e.decision.number, e.date, e.kind) for e in case.supervision_entries.all()],
                list(case.progress_reports.order_by("reported_on").values_list("reported_on")),
                list(case.explanation_requests.order_by("requested_on").values_list("answered_on")),
            )
        )
    return out


def test_count_scales_with_petitions(province):
    small = _run(province, n=0, years=1, seed=1)
    big = _run(province, n=60_000, years=2, seed=2)
    assert small["cases"] == generate.MIN_PER_YEAR
    assert big["cases"] == 60_000 // generate.PER_PETITIONS * 2 == 60
    assert Case.objects.filter(number__startswith="G1-").count() == generate.MIN_PER_YEAR
    assert Case.objects.filter(number__startswith="G2-").count() == 60
    assert big["case_stages"] > big["cases"]
    assert big["supervision_entries"] > 0 and big["case_reports"] > 0


def test_due_dates_come_from_the_rule_table(province):
    _run(province)
    stages = list(CaseStage.objects.select_related("case").prefetch_related("extensions"))
    ruled = [s for s in stages if s.rule_code]
    assert ruled and len(ruled) < len(stages)  # prosecution, appeal, enforcement have no rule
    for stage in stages:
        assert stage.rule_code == services.stage_rule(stage.case, stage.stage)
        if not stage.rule_code:
            assert stage.due_on is None and not stage.extensions.all()
            continue
        due = core_selectors.due_date(
            rule=stage.rule_code, start=stage.started_on, variant=stage.variant or None
        )
        assert (stage.due_on, stage.due_explanation) == (due.due, due.explain())
        # Extensions take the rule's variants in the order stage_extend does, each decided
        # while the stage was open, and each moves the due date to its variant's.
        variants = sorted(core_selectors.rule_get(stage.rule_code).variants)
        extensions = sorted(stage.extensions.all(), key=lambda e: e.decision_date)
        assert [e.variant for e in extensions] == variants[: len(extensions)]
        assert stage.variant == (extensions[-1].variant if extensions else "")
        for ext in extensions:
            assert stage.started_on <= ext.decision_date <= END
            assert stage.ended_on is None or ext.decision_date < stage.ended_on
            expected = core_selectors.due_date(
                rule=stage.rule_code, start=stage.started_on, variant=ext.variant
            )
            assert ext.due_on == expected.due
    # The register has the situations its lists show.
    assert StageExtension.objects.exists()
    assert any(s.ended_on and s.due_on and s.ended_on > s.due_on for s in stages)  # late
    assert any(s.ended_on is None and s.due_on and s.due_on < END for s in stages)  # overdue
    assert any(s.ended_on and s.due_on and s.ended_on <= s.due_on for s in stages)  # on time


def test_stages_and_decisions_are_what_the_services_would_store(province):
    _run(province)
    cases = Case.objects.filter(number__startswith="G7-").prefetch_related(
        "stages__agency", "supervision_entries"
    )
    for case in cases:
        case.full_clean()
        assert case.arisen_on <= END and case.following_agency.code == "BNC"
        if case.area_unit is not None:
            assert case.area_unit.is_valid_on(case.arisen_on)  # old communes before 1/7/2025
        stages = list(case.stages.all())
        assert stages, case.number
        for prev, stage in zip(stages, stages[1:], strict=False):
            assert stage.stage in CaseStage.NEXT[prev.stage]
            assert prev.ended_on is not None and prev.ended_on <= stage.started_on
        for stage in stages:
            assert case.arisen_on <= stage.started_on <= END
            assert stage.agency.is_valid_on(stage.started_on)
            # District police (abolished on 1/7/2025) only for stages they finished before.
            assert stage.agency.valid_to is None or (
                stage.ended_on is not None and stage.ended_on < stage.agency.valid_to
            )
            assert stage.ended_on is None or stage.started_on <= stage.ended_on <= END
        entries = sorted(case.supervision_entries.all(), key=lambda e: e.date)
        kinds = [e.kind for e in entries]
        assert kinds in ([], ["add"], ["add", "remove"])
        for entry in entries:
            assert case.arisen_on <= entry.date <= END
            assert entry.decision.date == entry.date and entry.decision.kind == entry.kind
        if kinds == ["add", "remove"]:
            assert case.followed_until == entries[1].date
    units = set(
        Case.objects.filter(number__startswith="G7-").values_list("area_unit__valid_to", flat=True)
    )
    assert REFORM in units and None in units  # communes before and after the reform
    district = CaseStage.objects.filter(agency__code__startswith="CA-", agency__valid_to=REFORM)
    assert district.exists()
    for req in ExplanationRequest.objects.select_related("case"):
        assert req.addressed_to_id in {s.agency_id for s in req.case.stages.all()}
        assert req.answered_on is None or req.requested_on <= req.answered_on <= END
    assert ExplanationRequest.objects.exclude(answered_on=None).exists()
    assert not ProgressReport.objects.filter(reported_on__gt=END).exists()
    assert SupervisionEntry.objects.filter(kind="remove").exists()


def test_second_run_adds_nothing(province):
    first = _run(province)
    counts = (Case.objects.count(), CaseStage.objects.count(), SupervisionEntry.objects.count())
    assert first["cases"] > 0
    assert _run(province) == {}
    assert (
        Case.objects.count(),
        CaseStage.objects.count(),
        SupervisionEntry.objects.count(),
    ) == counts


def test_same_seed_same_cases(province):
    with transaction.atomic():
        _run(province, seed=3)
        first = _snapshot(3)
        transaction.set_rollback(True)
    assert not Case.objects.filter(number__startswith="G3-").exists()
    _run(province, seed=3)
    assert _snapshot(3) == first
    other = generate.plan(ctx=province, n=60_000, years=2, rng=random.Random("4:cases"), end=END)
    assert {(c["arisen_on"], c["title"]) for c in other[0]} != {(r[5], r[1]) for r in first}
