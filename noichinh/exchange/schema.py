"""The exchange format's JSON Schema (docs/exchange/<version>/), and validation against it."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

VERSION = "1.1"  # what this instance writes
SUPPORTED = ("1.0", "1.1")  # what it reads: 1.1 added the reception book's visits
NAMES = ("bundle", "org", "petition", "case", "figure")
NAMES_SINCE = {"visit": "1.1"}


def schema_dir(version: str = VERSION) -> Path:
    return Path(settings.BASE_DIR) / "docs" / "exchange" / version


@cache
def validator(version: str = VERSION) -> Draft202012Validator:
    names = [*NAMES, *(n for n, since in NAMES_SINCE.items() if version >= since)]
    schemas = {
        name: json.loads((schema_dir(version) / f"{name}.schema.json").read_text("utf-8"))
        for name in names
    }
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return Draft202012Validator(
        schemas["bundle"], registry=registry, format_checker=FormatChecker()
    )


def errors(bundle) -> list[str]:
    """Every place the bundle departs from the schema, as "path: message" (empty: valid)."""
    if not isinstance(bundle, dict):
        return ["Gói dữ liệu phải là một đối tượng JSON."]
    version = bundle.get("version")
    if version not in SUPPORTED:
        supported = ", ".join(SUPPORTED)
        return [f"Phiên bản định dạng “{version}” không được hỗ trợ (hỗ trợ: {supported})."]
    out = []
    for error in sorted(validator(version).iter_errors(bundle), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(gốc)"
        out.append(f"{where}: {error.message}")
    return out
