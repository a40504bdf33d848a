"""Precision and recall of indicator extraction over the articles in tests/textimport/data.

An extracted indicator counts as right when its value, qualifier and unit all equal those
of an expected one (each expected indicator can be matched once). Also times the
extraction of about 1 MB of text.

Two sets: data/*.txt (the five seeds and three articles written with the engine; the
tests hold the engine to them, so they read 1.0 by construction) and data/holdout/*.txt
(written after the first engine, not held by the tests; their expectations now include
the changes issue 18 extracts).

Third set, the evaluation articles (issue 18): real provincial articles of the genre, found
with the search tool and kept OUTSIDE the repository (third-party texts); only the hand-made
gold facts live here, in bench/evalset/NAME.json (source address, split, reference date,
event type, period, chair and co-chairs, task count, and the indicators as
[value, qualifier, unit, change]). Give the folder of the texts (NAME.txt) with
``--evalset PATH`` or ``NOICHINH_EVALSET=PATH``; without it that set is skipped. An
indicator is right when value, qualifier, unit and change (None, "increase", "decrease")
all agree. "dev" articles were read while writing rules; "heldout" ones only for the
final measurement; "fresh" ones were found and annotated after the rules were written and
measured once (``--split dev`` prints the dev half alone). Results and their history:
bench/results/textimport-evalset.md.

    python bench/bench_textimport.py [--json] [--verbose] [--evalset PATH]
        [--split dev|heldout|fresh|fresh2|test|all]

Second round (period, issue 18): p*.json annotate the period alone ("annotated":
["period"]), split "dev" (read while fixing the rules) and "test" (measured once, at the
end); the other facts are not scored for them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from noichinh.textimport.extract import MAX_TEXT_BYTES, extract  # noqa: E402

DATA = ROOT / "tests" / "textimport" / "data"
GOLD = ROOT / "bench" / "evalset"


def key(indicator: dict) -> tuple:
    return (round(float(indicator["value"]), 6), indicator["qualifier"], indicator["unit"])


def articles(folder: Path = DATA) -> list[tuple[str, str, dict]]:
    out = []
    for text_path in sorted(folder.glob("*.txt")):
        json_path = text_path.with_suffix(".json")
        if json_path.exists():
            out.append(
                (
                    text_path.stem,
                    text_path.read_text(encoding="utf-8"),
                    json.loads(json_path.read_text(encoding="utf-8")),
                )
            )
    return out


def score(folder: Path) -> dict:
    rows = []
    total_tp = total_pred = total_exp = 0
    for name, text, expected in articles(folder):
        started = time.perf_counter()
        draft = extract(text).to_dict()
        elapsed = time.perf_counter() - started
        got = Counter(key(i) for i in draft["indicators"])
        want = Counter(key(i) for i in expected["indicators"])
        tp = sum((got & want).values())
        pred, exp = sum(got.values()), sum(want.values())
        total_tp, total_pred, total_exp = total_tp + tp, total_pred + pred, total_exp + exp
        rows.append(
            {
                "article": name,
                "expected": exp,
                "extracted": pred,
                "right": tp,
                "precision": tp / pred if pred else 1.0,
                "recall": tp / exp if exp else 1.0,
                "event_ok": draft["event"] == expected["event"],
                "period_ok": draft["event"]["period"] == expected["event"]["period"],
                "chair_ok": draft["chair"] == expected["chair"],
                "tasks_ok": len(draft["tasks"]) == expected["task_count"],
                "ms": round(elapsed * 1000, 1),
            }
        )
    return {
        "articles": len(rows),
        "indicators_expected": total_exp,
        "indicators_extracted": total_pred,
        "indicators_right": total_tp,
        "precision": round(total_tp / total_pred, 4) if total_pred else 1.0,
        "recall": round(total_tp / total_exp, 4) if total_exp else 1.0,
        "rows": rows,
    }


def print_set(title: str, result: dict) -> None:
    print(f"== {title}")
    print(
        f"{'article':<12} {'exp':>4} {'got':>4} {'right':>5} {'prec':>6} {'recall':>6}  event period chair tasks    ms"
    )
    for r in result["rows"]:
        flags = [r[k] for k in ("event_ok", "period_ok", "chair_ok", "tasks_ok")]
        print(
            f"{r['article']:<12} {r['expected']:>4} {r['extracted']:>4} {r['right']:>5} "
            f"{r['precision']:>6.2f} {r['recall']:>6.2f}  "
            + " ".join(f"{'ok' if f else 'NO':>5}" for f in flags)
            + f" {r['ms']:>6}"
        )
    print(
        f"Indicators (value, qualifier and unit all right) over {result['articles']} articles: "
        f"precision {result['precision']:.3f} ({result['indicators_right']}/{result['indicators_extracted']}), "
        f"recall {result['recall']:.3f} ({result['indicators_right']}/{result['indicators_expected']})\n"
    )


def eval_key(indicator) -> tuple:
    if isinstance(indicator, list):
        value, qualifier, unit, change = indicator
    else:
        value, qualifier, unit = indicator["value"], indicator["qualifier"], indicator["unit"]
        change = indicator.get("change")
    return (round(float(value), 6), qualifier, unit, change)


def score_evalset(texts: Path, split: str = "all") -> dict:
    """Precision, recall, F1, period, chair, event type and tasks over the evaluation articles."""
    rows = []
    tp = pred = exp = 0
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if split != "all" and gold["split"] != split:
            continue
        text_path = texts / f"{gold_path.stem}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        reference = (
            dt.date.fromisoformat(gold["reference_date"]) if gold.get("reference_date") else None
        )
        started = time.perf_counter()
        draft = extract(text, reference_date=reference).to_dict()
        elapsed = time.perf_counter() - started
        # A gold file may annotate only some facts ("annotated": ["period"]): the others
        # are not scored for it (the period-only articles of the second round).
        annotated = set(
            gold.get("annotated") or ("indicators", "event", "period", "chair", "tasks")
        )
        got = Counter(eval_key(i) for i in draft["indicators"])
        want = Counter(eval_key(i) for i in gold.get("indicators") or [])
        if "indicators" not in annotated:
            got = Counter()
        right = sum((got & want).values())
        tp, pred, exp = tp + right, pred + sum(got.values()), exp + sum(want.values())
        co_chairs = draft["chair"].get("co_chairs", [])
        checks = {
            "event": draft["event"]["type"] == gold.get("event_type"),
            "period": draft["event"]["period"] == gold.get("period"),
            "chair": draft["chair"]["name"] == gold.get("chair")
            and sorted(co_chairs) == sorted(gold.get("co_chairs", [])),
            "tasks": len(draft["tasks"]) == gold.get("task_count"),
        }
        flags = {name: (ok if name in annotated else None) for name, ok in checks.items()}
        rows.append(
            {
                "article": gold_path.stem,
                "split": gold["split"],
                "expected": sum(want.values()),
                "extracted": sum(got.values()),
                "right": right,
                "missed": sorted(map(str, (want - got).elements())),
                "spurious": sorted(map(str, (got - want).elements())),
                "event_ok": flags["event"],
                "period_ok": flags["period"],
                "chair_ok": flags["chair"],
                "tasks_ok": flags["tasks"],
                "want_period": gold.get("period"),
                "got": {
                    "event": draft["event"]["type"],
                    "period": draft["event"]["period"],
                    "chair": draft["chair"]["name"],
                    "co_chairs": co_chairs,
                    "tasks": len(draft["tasks"]),
                },
                "ms": round(elapsed * 1000, 1),
            }
        )
    n = len(rows)
    precision = tp / pred if pred else 1.0
    recall = tp / exp if exp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def share(flag: str) -> float:
        scored = [r[flag] for r in rows if r[flag] is not None]
        return round(sum(scored) / len(scored), 4) if scored else 0.0

    def counted(flag: str) -> str:
        scored = [r[flag] for r in rows if r[flag] is not None]
        return f"{sum(scored)}/{len(scored)}"

    return {
        "articles": n,
        "indicators_expected": exp,
        "indicators_extracted": pred,
        "indicators_right": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "event_accuracy": share("event_ok"),
        "period_accuracy": share("period_ok"),
        "period_counts": counted("period_ok"),
        "event_counts": counted("event_ok"),
        "chair_counts": counted("chair_ok"),
        "tasks_counts": counted("tasks_ok"),
        "chair_accuracy": share("chair_ok"),
        "tasks_accuracy": share("tasks_ok"),
        "ms_per_article": round(sum(r["ms"] for r in rows) / n, 1) if n else 0.0,
        "rows": rows,
    }


def print_evalset(title: str, result: dict, verbose: bool = False) -> None:
    print(f"== {title}")
    print(
        f"{'article':<8} {'split':<8} {'exp':>4} {'got':>4} {'right':>5}  event period chair tasks    ms"
    )
    for r in result["rows"]:
        flags = [r[k] for k in ("event_ok", "period_ok", "chair_ok", "tasks_ok")]
        print(
            f"{r['article']:<8} {r['split']:<8} {r['expected']:>4} {r['extracted']:>4} {r['right']:>5}  "
            + " ".join(f"{'-' if f is None else 'ok' if f else 'NO':>5}" for f in flags)
            + f" {r['ms']:>6}"
        )
        if verbose:
            print(f"         got {r['got']} (period wanted {r['want_period']})")
            if r["missed"]:
                print(f"         missed   {', '.join(r['missed'])}")
            if r["spurious"]:
                print(f"         spurious {', '.join(r['spurious'])}")
    print(
        f"Indicators (value, qualifier, unit and change) over {result['articles']} articles: "
        f"precision {result['precision']:.3f} ({result['indicators_right']}/{result['indicators_extracted']}), "
        f"recall {result['recall']:.3f} ({result['indicators_right']}/{result['indicators_expected']}), "
        f"F1 {result['f1']:.3f}; event type {result['event_accuracy']:.2f} "
        f"({result['event_counts']}), period {result['period_accuracy']:.2f} "
        f"({result['period_counts']}), chair {result['chair_accuracy']:.2f} "
        f"({result['chair_counts']}), tasks {result['tasks_accuracy']:.2f} "
        f"({result['tasks_counts']}); {result['ms_per_article']} ms per article\n"
    )


def _option(name: str) -> str | None:
    if name in sys.argv:
        index = sys.argv.index(name)
        return sys.argv[index + 1] if index + 1 < len(sys.argv) else None
    return None


def main() -> int:
    tuned = score(DATA)
    holdout = score(DATA / "holdout")
    article = (DATA / "seed_004.txt").read_text(encoding="utf-8") + "\n\n"
    big = article * (MAX_TEXT_BYTES // len(article.encode()))
    started = time.perf_counter()
    big_draft = extract(big)
    big_seconds = time.perf_counter() - started
    evalset_dir = _option("--evalset") or os.environ.get("NOICHINH_EVALSET")
    split = _option("--split") or "all"
    evalset = score_evalset(Path(evalset_dir), split) if evalset_dir else None
    summary = {
        "evalset": evalset,
        "tuned": tuned,
        "holdout": holdout,
        "one_mb_seconds": round(big_seconds, 2),
        "one_mb_bytes": len(big.encode()),
        "one_mb_indicators": len(big_draft.indicators),
    }
    if "--json" in sys.argv:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print_set("Seeds and articles the tests hold the engine to", tuned)
    print_set("Articles written after the first engine (data/holdout)", holdout)
    if evalset is not None:
        print_evalset(
            f"Evaluation articles ({split}; texts in {evalset_dir}, gold in bench/evalset/)",
            evalset,
            verbose="--verbose" in sys.argv,
        )
    else:
        print("(No evaluation set: give --evalset PATH or NOICHINH_EVALSET=PATH.)\n")
    print(
        f"1 MB of text ({summary['one_mb_bytes']} bytes): {big_seconds:.2f} s, {summary['one_mb_indicators']} indicators"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
