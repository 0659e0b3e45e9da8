"""Contract tests: schemathesis against each vendor's generated spec, every check, every phase.

Requests go over HTTP to a live server (127.0.0.1, a free port) on a private copy of the seeded sandbox,
with a valid credential of the vendor, through schemathesis' own engine with
the phases of ``schemathesis run --phases examples,coverage,fuzzing,stateful
--checks all``. Every response must conform to the spec (status code, content
type, headers, body schema, positive data accepted, negative data rejected)
and none may be a 5xx. Examples are bounded so the three vendors stay fast.
"""

import os
import shutil

import pytest
import schemathesis
from schemathesis.checks import CHECKS
from schemathesis.engine import Status, events, from_schema

from app import create_app
from app.core import db

AUTH = {
    "discko": {"X-Discko-Key": "dk_test_creative_minds"},
    "skarbe": {"X-Api-Key": "sk_live_abc123xyz"},
    "skode": {"Authorization": "Bearer sk_live_your_api_key"},
    "lio": {},            # a fresh bearer token per request (see load_schema): logout revokes the one it gets
}
PHASES = ["examples", "coverage", "fuzzing", "stateful"]
MAX_EXAMPLES = int(os.environ.get("LEADMOCK_SCHEMATHESIS_EXAMPLES", "50"))   # raise it for a deeper run
# Skode's `owner_id` is any user of the caller's workspace (no enum of one tenant's ids in the spec):
# a schema-valid body gets one of them, so that "valid data is accepted" stays a meaningful check.
SKODE_OWNER = "user_abc123"   # Example Corp, the workspace of AUTH["skode"]


@pytest.fixture(scope="module")
def contract_app(tmp_path_factory, seeded_path):
    target = tmp_path_factory.mktemp("contract") / "leadmock.sqlite"
    shutil.copy(seeded_path, target)
    shutil.copy(f"{seeded_path}.pristine", f"{target}.pristine")
    return create_app({"DATABASE": str(target), "SEED": 42, "SCALE": 300})


def lio_token(app):
    """A fresh Acme admin token (user 142), minted like a login would."""
    from app.vendors.lio.users import store

    with app.app_context():
        return store.issue_token({"id": 142, "org_id": "org_acme"})[0]


def load_schema(base_url, vendor, app=None):
    schema = schemathesis.openapi.from_url(f"{base_url}/{vendor}/openapi.json")
    schema.config.update(headers=AUTH[vendor])
    schema.config.phases.update(phases=PHASES)
    schema.config.checks.update(included_check_names=["all"])
    schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, database="none")

    if vendor == "skode":
        @schema.hook
        def map_body(context, body):
            # any string is schema-valid for owner_id, so this never turns a negative case positive
            if isinstance(body, dict) and isinstance(body.get("owner_id"), str):
                return {**body, "owner_id": SKODE_OWNER}
            return body

    if vendor == "lio":
        # DESIGN section 6: a schema-valid body naming a record that is not the caller's org's (a user, a
        # status lookup, a tag, a lead) answers 422 naming the field, so 422 counts as an accepted answer.
        schema.config.checks.positive_data_acceptance.expected_statuses = [
            "2xx", "3xx", "401", "403", "404", "409", "422", "429"]

        @schema.auth(refresh_interval=None)     # a fresh token per request: logout revokes the one it gets
        class LioAuth:
            def get(self, case, ctx):
                return lio_token(app)

            def set(self, case, data, ctx):
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


def failures_of(schema):
    """Every failed check and engine error of one full run, as readable text."""
    failures = []
    for event in from_schema(schema).execute():
        if isinstance(event, (events.ScenarioFinished, events.FuzzScenarioFinished)):
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        failures.append(f"[{event.recorder.label}] {check.name}: {failure.title}\n"
                                        f"{failure.message}\n{check.failure_info.code_sample}")
        elif isinstance(event, events.NonFatalError):
            failures.append(f"[{event.label}] error: {event.value!r}")
        elif isinstance(event, events.FatalError):
            failures.append(f"fatal: {event.exception!r}")
    return sorted(set(failures))


def test_every_check_and_phase_is_enabled(contract_app, live_server):
    schema = load_schema(live_server(contract_app), "discko")
    assert len(CHECKS.get_all()) >= 10
    assert all(getattr(schema.config.phases, phase).enabled for phase in PHASES)


@pytest.mark.parametrize("vendor", sorted(AUTH))
def test_vendor_conforms_to_its_spec(contract_app, live_server, vendor):
    contract_app.extensions["leadmock.db"].restore_snapshot(db.PRISTINE)
    failures = failures_of(load_schema(live_server(contract_app), vendor, contract_app))
    assert not failures, f"{len(failures)} failure(s):\n\n" + "\n\n".join(failures)
