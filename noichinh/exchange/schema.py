"""The exchange format's JSON Schema (docs/exchange/<version>/), and validation against it."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

VERSION = "1.0"
NAMES = ("bundle", "org", "petition", "case", "figure")


def schema_dir(version: str = VERSION) -> Path:
    return Path(settings.BASE_DIR) / "docs" / "exchange" / version


@cache
def validator(version: str = VERSION) -> Draft202012Validator:
    schemas = {
        name: json.loads((schema_dir(version) / f"{name}.schema.json").read_text("utf-8"))
        for name in NAMES
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
    if version != VERSION:
        return [f"Phiên bản định dạng “{version}” không được hỗ trợ (hỗ trợ: {VERSION})."]
    out = []
    for error in sorted(validator(version).iter_errors(bundle), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(gốc)"
        out.append(f"{where}: {error.message}")
    return out
