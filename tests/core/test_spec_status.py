"""Defect 3: the specs do not depend on the Python version's HTTP status names and phrases."""

import enum
import http
import json
import pathlib

import pytest

from app.core import spec_status

OPENAPI = pathlib.Path(__file__).resolve().parents[2] / "openapi"
# What Python 3.13 renamed (name, phrase), as it spells them
PY313 = {413: ("CONTENT_TOO_LARGE", "Content Too Large"), 414: ("URI_TOO_LONG", "URI Too Long"),
         416: ("RANGE_NOT_SATISFIABLE", "Range Not Satisfiable"),
         422: ("UNPROCESSABLE_CONTENT", "Unprocessable Content")}


def _python313_statuses():
    """An ``HTTPStatus`` look-alike with Python 3.13's names and phrases (old names kept as aliases)."""
    class Status(enum.IntEnum):
        def __new__(cls, value, phrase):
            member = int.__new__(cls, value)
            member._value_ = value
            member.phrase = phrase
            return member

    members = []
    for status in http.HTTPStatus:
        name, phrase = PY313.get(status.value, (status.name, status.phrase))
        members.append((name, (status.value, phrase)))
    members += [(status.name, (status.value, PY313[status.value][1]))
                for status in http.HTTPStatus if status.value in PY313]
    return Status("Status", members)


def _as_python313_made_it(value, statuses):
    """The committed spec as flask-smorest would have generated it on Python 3.13."""
    text = json.dumps(value)
    for code, (name, phrase) in PY313.items():
        old = http.HTTPStatus(code)
        text = text.replace(f'"#/components/responses/{old.name}"', f'"#/components/responses/{name}"')
        text = text.replace(f'"{old.name}": {{', f'"{name}": {{').replace(f'"{old.phrase}"', f'"{phrase}"')
    return json.loads(text)


@pytest.mark.parametrize("vendor", ["discko", "skode", "skarbe"])
def test_spec_generated_with_python_313_status_phrases_equals_the_committed_spec(vendor):
    committed = json.loads((OPENAPI / f"{vendor}.json").read_text())
    statuses = _python313_statuses()
    as_313 = _as_python313_made_it(committed, statuses)
    if vendor != "skarbe":   # skarbe uses no renamed status; the others really differ on 3.13
        assert as_313 != committed
    assert spec_status.pin(as_313, statuses) == committed


def test_pinned_table_spells_422_and_413_as_the_committed_specs_do():
    assert spec_status.STATUSES[422] == ("UNPROCESSABLE_ENTITY", "Unprocessable Entity")
    assert spec_status.STATUSES[413] == ("REQUEST_ENTITY_TOO_LARGE", "Request Entity Too Large")
    assert spec_status.pin({"paths": {"/x": {"post": {"responses": {"413": {"description": "Content Too Large"}}}}}},
                           _python313_statuses()) == \
        {"paths": {"/x": {"post": {"responses": {"413": {"description": "Request Entity Too Large"}}}}}}
