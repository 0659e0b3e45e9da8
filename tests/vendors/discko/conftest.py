import json
import pathlib

import pytest

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "fixtures" / "discko"
WEBFLOW = {"X-Discko-Key": "dk_test_webflow_agency"}
CREATIVE = {"X-Discko-Key": "dk_test_creative_minds"}
BASE = "/discko/api/v1"


@pytest.fixture
def documented():
    """The documented leads, by id, exactly as committed (with `source`)."""
    return {lead["id"]: lead for lead in json.loads((FIXTURES / "documented_leads.json").read_text())}
