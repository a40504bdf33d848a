"""`make audit`: bandit over the code, pip-audit over requirements.lock.

bandit (medium severity and up) must be clean. mark_safe calls (B308/B703) are skipped here
because each one is listed and reviewed in tests/hardening/test_static_checks.py, which
fails on any new one.

pip-audit needs a vulnerability database (PyPI's JSON API or OSV). When neither answers
(as on a machine that reaches only a package mirror), it would "audit" nothing and still say
"No known vulnerabilities": this script probes first and prints a clear SKIPPED line instead.
Exit status: 0 clean or skipped, 1 findings.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def bandit() -> bool:
    proc = subprocess.run(
        [str(BIN / "bandit"), "-r", "noichinh", "config", "-ll", "-q", "--skip", "B308,B703"]
        + ["-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    try:
        results = json.loads(proc.stdout)["results"]
    except (json.JSONDecodeError, KeyError):
        print(proc.stdout + proc.stderr)
        print("audit: bandit did not run")
        return False
    for r in results:
        print(
            f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_severity']} "
            f"{r['issue_text']}"
        )
    print(f"audit: bandit {'clean' if not results else f'{len(results)} findings'}")
    return not results


def _pip_audit(requirements: Path, service: str, timeout: int) -> dict | None:
    cmd = [str(BIN / "pip-audit"), "-r", str(requirements), "--no-deps", "--disable-pip"]
    cmd += ["--progress-spinner", "off", "-s", service, "-f", "json"]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        return None


def pip_audit() -> bool:
    import django

    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.txt"
        probe.write_text(f"django=={django.get_version()}\n")
        service = None
        for candidate in ("pypi", "osv"):
            got = _pip_audit(probe, candidate, timeout=60)
            if got and got["dependencies"] and "skip_reason" not in got["dependencies"][0]:
                service = candidate
                break
    if service is None:
        print(
            "audit: pip-audit SKIPPED: no vulnerability database answers from this machine "
            "(PyPI JSON API and OSV unreachable); run `make audit` where they are"
        )
        return True
    got = _pip_audit(ROOT / "requirements.lock", service, timeout=600)
    if got is None:
        print("audit: pip-audit SKIPPED: timed out or gave no report")
        return True
    vulnerable = [d for d in got["dependencies"] if d.get("vulns")]
    skipped = [d["name"] for d in got["dependencies"] if d.get("skip_reason")]
    for d in vulnerable:
        ids = ", ".join(
            v["id"] + (f" (fix {', '.join(v['fix_versions'])})" if v.get("fix_versions") else "")
            for v in d["vulns"]
        )
        print(f"{d['name']} {d['version']}: {ids}")
    print(
        f"audit: pip-audit ({service}) {len(got['dependencies']) - len(skipped)} packages audited, "
        f"{len(vulnerable)} vulnerable"
        + (f", not audited: {', '.join(skipped)}" if skipped else "")
    )
    return not vulnerable


if __name__ == "__main__":
    ok = bandit()
    ok = pip_audit() and ok
    sys.exit(0 if ok else 1)
