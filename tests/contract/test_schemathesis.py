"""Contract tests: schemathesis against each vendor's generated spec, every check.

Requests run in-process (WSGI) against a private copy of the seeded sandbox,
with a valid credential of the vendor. Every response must conform to the
spec (status code, content type, headers, body schema) and none may be a 5xx.
"""

import shutil

import pytest
import schemathesis
import hypothesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS

from app import create_app

AUTH = {
    "discko": {"X-Discko-Key": "dk_test_creative_minds"},
    "skarbe": {"X-Api-Key": "sk_live_abc123xyz"},
    "skode": {"Authorization": "Bearer sk_live_your_api_key"},
}
FAST = settings(max_examples=30, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def contract_app(tmp_path_factory, seeded_path):
    target = tmp_path_factory.mktemp("contract") / "leadmock.sqlite"
    shutil.copy(seeded_path, target)
    shutil.copy(f"{seeded_path}.pristine", f"{target}.pristine")
    return create_app({"DATABASE": str(target), "SEED": 42, "SCALE": 300})


def run_contract(app, vendor):
    """Every operation of ``vendor``'s spec, every check; all failures reported together."""
    schema = schemathesis.openapi.from_wsgi(f"/{vendor}/openapi.json", app)
    checks = CHECKS.get_all()  # after loading a schema: the OpenAPI checks register lazily
    assert len(checks) >= 10, checks
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, f"{vendor} spec has no operations"
    for operation in operations:
        @FAST
        @hypothesis.given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=AUTH[vendor], checks=checks)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis failures are exception groups
            failures.append(f"{operation.label}:\n{exc}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("vendor", sorted(AUTH))
def test_vendor_conforms_to_its_spec(contract_app, vendor):
    run_contract(contract_app, vendor)
