"""The import drawing (issue 22): the contracts in pyproject.toml ([tool.importlinter]) hold.

core imports no app, org imports only core, the apps form layers without circles, and no
production module imports the development data. A forbidden import fails here (and in
``make lint``) with import-linter's report: the importing line and the chain.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "contracts"
]

LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


@pytest.mark.parametrize("contract", CONTRACTS, ids=[c["id"] for c in CONTRACTS])
def test_import_contract_is_kept(contract):
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", LINT, "--no-cache", "--no-logo", "--contract", contract["id"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{contract['name']}:\n{result.stdout}\n{result.stderr}"


def test_every_app_is_placed_in_the_layers():
    """A new app joins the drawing: the layers contract is exhaustive (import-linter refuses an
    app that is not listed)."""
    layers = next(c for c in CONTRACTS if c["type"] == "layers")
    assert layers.get("exhaustive") is True
