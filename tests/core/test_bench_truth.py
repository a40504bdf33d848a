"""The bench tells the truth (issue 21): it refuses to record on a loaded machine unless
forced, prints the load beside the figures, times a page interleaved with its limit page, and
gives PostgreSQL's rows their ratio to SQLite's."""

import json

import pytest

from bench import common, run


def test_a_loaded_machine_is_refused_unless_forced():
    assert common.too_loaded(3.2, force=False)
    assert "3.20" in common.too_loaded(3.2, force=False)
    assert common.too_loaded(3.2, force=True) is None
    assert common.too_loaded(0.4, force=False) is None


def test_run_refuses_to_start_while_the_load_is_high(monkeypatch, capsys):
    monkeypatch.setattr(run, "load_average", lambda: 4.0)
    called = []
    monkeypatch.setattr(run, "_run_worker", lambda *a, **k: called.append(a))
    assert run.main(["--no-scripts", "--engines", "sqlite", "--sizes", "1e3"]) == 2
    assert called == []
    assert "REFUSED" in capsys.readouterr().out


def test_interleaved_sampling_times_each_function_every_round():
    order = []
    a, b = common.sample_interleaved(
        [lambda: order.append("a"), lambda: order.append("b")], repeat=6, warmup=1
    )
    assert len(a) == len(b) == 6
    assert order[:6] == ["a", "b", "a", "b", "a", "b"]


def test_postgresql_rows_get_their_ratio_to_sqlite_and_the_table_shows_the_load(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(common, "RESULTS", tmp_path)
    rows = [
        {"operation": "page", "size": 10, "engine": "sqlite", "median_ms": 10.0, "p95_ms": 12.0},
        {"operation": "page", "size": 10, "engine": "postgresql", "median_ms": 13.0, "p95_ms": 1},
    ]
    meta = {"at": "now", "machine": "m", "sizes": [10], "engines": ["sqlite", "postgresql"]}
    meta |= {"load_before": 0.3, "load_after": 0.5}
    md, js = common.write_results(rows, meta=meta, scripts=[])
    data = json.loads(js.read_text())
    (pg,) = [r for r in data["rows"] if r["engine"] == "postgresql"]
    assert pg["ratio_to_sqlite"] == 1.3
    text = md.read_text()
    assert "0.30" in text and "0.50" in text
    assert "× limit page" in text


@pytest.mark.django_db
def test_limit_page_runs_the_page_queries_and_renders_their_rows(org):
    from noichinh.org.models import Agency

    ran = [('SELECT "code" FROM "org_agency" WHERE "code" = %s', ["TTT"])]
    html = common.limit_page(ran)()
    assert "<td>TTT</td>" in html
    assert Agency.objects.filter(code="TTT").exists()


@pytest.mark.django_db
def test_a_page_row_has_its_limit_and_its_ratio_to_every_query(users):
    ctx = common.Bench(engine="sqlite", size=1, repeat=5, budget_s=0.2)
    ctx._empty_ms = 1.0  # the floor is not what this test is about
    row = ctx.view("home page, secretariat", "/", username="thuky")
    assert row["queries"] > 5
    assert row["ratio_to_limit"] is not None and row["ratio_to_limit"] > 0
    assert row["ratio_to_sql"] is not None and row["ratio_to_sql"] > 0
