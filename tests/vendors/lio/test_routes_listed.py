"""Every documented LIO route (tests/vendors/lio/lio-routes.txt, a copy of the route list of issue 10)
answers under both prefixes: it is in the app's URL map as ``/lio/api/...`` and ``/lio/api/v1/...`` with
its method. ``:param`` segments of the list match any converter (``<int:id>``, ``<string:token>``, ...)."""

import pathlib
import re

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

ROUTES = [tuple(line.split(None, 1)) for line in
          (pathlib.Path(__file__).parent / "lio-routes.txt").read_text().splitlines() if line.strip()]
SAMPLE = "7"                       # what a `:param` segment is filled with: valid for int and string converters


def _rest(path):
    """``/api/v1/lead`` and ``/api/lead`` → ``lead``: the part after the prefix."""
    return re.sub(r"^/api(/v1)?/", "", path)


def _shape(rule):
    """A path with every variable segment as ``<>`` (``/a/<int:id>/b`` and ``/a/:id/b`` → ``/a/<>/b``)."""
    return re.sub(r"<[^>]+>|:\w+", "<>", rule)


def _params():
    for method, path in ROUTES:
        for prefix in ("/lio/api/", "/lio/api/v1/"):
            yield pytest.param(method, path, prefix, id=f"{method} {prefix}{_rest(path)}")


def test_the_list_is_the_documented_160_routes():
    assert len(ROUTES) == len(set(ROUTES)) == 160
    assert all(method in ("GET", "POST", "PUT", "PATCH", "DELETE") and path.startswith("/api/")
               for method, path in ROUTES)


@pytest.mark.parametrize("method, path, prefix", list(_params()))
def test_route_is_in_the_url_map_under_both_prefixes(app, method, path, prefix):
    wanted = prefix + _rest(path)
    adapter = app.url_map.bind("localhost")
    try:
        rule, _ = adapter.match(re.sub(r":\w+", SAMPLE, wanted), method=method, return_rule=True)
    except (NotFound, MethodNotAllowed) as error:
        pytest.fail(f"{method} {wanted} is not routed: {error.__class__.__name__}")
    assert _shape(rule.rule) == _shape(wanted), f"{method} {wanted} is routed to {rule.rule}"
    assert method in rule.methods
