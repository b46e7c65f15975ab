"""The committed JSON Schema is the one the models generate, and its version is documented."""

from __future__ import annotations

import json
import os

from extractor.model import SCHEMA_VERSION, json_schema
from tests.conftest import REPO

SCHEMA_FILE = REPO / "extractor" / "schema" / "document.schema.json"


def test_committed_schema_matches_models() -> None:
    if os.environ.get("ARSBOK_REGENERATE_SCHEMA") == "1":
        SCHEMA_FILE.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    committed = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert committed == json_schema(), "model changed: bump SCHEMA_VERSION, regenerate the schema, add a CHANGELOG entry"


def test_schema_version_has_changelog_entry() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text("utf-8")
    assert f"### {SCHEMA_VERSION}" in changelog


def test_regeneration_flag_is_off_in_ci() -> None:
    if os.environ.get("CI"):
        assert os.environ.get("ARSBOK_REGENERATE_SCHEMA") != "1"
