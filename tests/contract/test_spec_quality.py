"""Specs that client generators read well: operationIds, typed nullables, Redocly's recommended lint."""

import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest

from app import VENDORS
from app.__main__ import spec_texts

OPENAPI = pathlib.Path(__file__).resolve().parents[2] / "openapi"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
CAMEL = re.compile(r"^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*$")
REDOCLY = "2.77.0"   # @redocly/cli, pinned; installed into a cache folder of its own, never the repo
REDOCLY_HOME = pathlib.Path(os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache") / \
    "leadmock" / f"redocly-cli-{REDOCLY}"


@pytest.fixture(scope="module")
def specs(app):
    return {name: json.loads(text) for name, text in spec_texts(app).items()}


def operations(spec):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def walk_schemas(value, where="#"):
    """Every dict of the spec with the JSON pointer-ish place it sits at."""
    if isinstance(value, dict):
        yield where, value
        for key, item in value.items():
            yield from walk_schemas(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_schemas(item, f"{where}/{index}")


@pytest.mark.parametrize("vendor", [vendor.name for vendor in VENDORS])
def test_every_operation_has_a_unique_camel_case_operation_id(specs, vendor):
    ids = [operation.get("operationId") for _, _, operation in operations(specs[vendor])]
    assert ids and None not in ids, [f"{m.upper()} {p}" for p, m, o in operations(specs[vendor]) if "operationId" not in o]
    assert len(set(ids)) == len(ids), ids
    assert all(CAMEL.match(name) for name in ids), ids


def test_operation_ids_say_what_the_operations_do(specs):
    named = {(vendor, method.upper() + " " + path): operation["operationId"]
             for vendor, spec in specs.items() for path, method, operation in operations(spec)}
    assert named[("discko", "GET /api/v1/leads")] == "listLeads"
    assert named[("discko", "PUT /api/v1/leads/{lead_id}")] == "updateLeadStatus"
    assert named[("skode", "POST /v1/leads/search")] == "searchLeads"
    assert named[("skode", "POST /v1/oauth/token")] == "createToken"
    assert named[("skarbe", "POST /api/connect/contacts")] == "createContact"
    assert named[("skarbe", "GET /api/connect/me")] == "getMe"


@pytest.mark.parametrize("vendor", [vendor.name for vendor in VENDORS])
def test_every_nullable_schema_carries_its_type(specs, vendor):
    bare = [where for where, node in walk_schemas(specs[vendor]) if node.get("nullable") and "type" not in node]
    assert not bare, bare


@pytest.mark.parametrize("vendor", [vendor.name for vendor in VENDORS])
def test_no_enum_lists_one_tenants_ids(specs, vendor):
    ids = re.compile(r"^(user|lead|ws|org|workspace)_(?=[A-Za-z0-9]*\d)[A-Za-z0-9]+$")   # ids carry a digit; `lead_source` is a field
    tenant_enums = [where for where, node in walk_schemas(specs[vendor])
                    if isinstance(node.get("enum"), list) and any(isinstance(v, str) and ids.match(v)
                                                                   for v in node["enum"])]
    assert not tenant_enums, tenant_enums


def _redocly():
    """The pinned Redocly CLI, installed once into its cache folder; None without npm."""
    binary = REDOCLY_HOME / "node_modules" / ".bin" / "redocly"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None
    REDOCLY_HOME.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(REDOCLY_HOME),
                                 f"@redocly/cli@{REDOCLY}"], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.skip(f"npm install @redocly/cli@{REDOCLY} timed out (offline?)")
    if result.returncode != 0 or not binary.exists():
        pytest.skip(f"could not install @redocly/cli@{REDOCLY}: {result.stderr[-500:]}")
    return binary


@pytest.mark.parametrize("vendor", [vendor.name for vendor in VENDORS])
def test_redocly_recommended_lint_reports_no_errors(vendor):
    binary = _redocly()
    if binary is None:
        pytest.skip("npm/node not on PATH")
    result = subprocess.run([str(binary), "lint", "--extends=recommended", "--format=json",
                             str(OPENAPI / f"{vendor}.json")], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"})
    report = json.loads(result.stdout[result.stdout.index("{"):])
    errors = [f"{p['ruleId']}: {p['message']} at {p['location'][0].get('pointer')}"
              for p in report["problems"] if p["severity"] == "error"]
    assert not errors, errors
