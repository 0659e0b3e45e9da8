"""Contract tests over ``app.url_map``: every route of every mounted vendor, new vendors included.

The routes come from the URL map (the rules of each vendor's blueprints, under
its mount; ``/__admin``, ``/__assets``, ``openapi.json`` and ``docs`` are not
vendor routes). The expected bodies come from the vendor's own
``render_error`` applied to the core error, so every vendor is held to its
own envelope:

- no credential → the vendor's 401 (routes of a blueprint without ``auth``,
  e.g. Skode's OAuth authorize and token, are public by design);
- a method the route does not take → the vendor's 405 with an ``Allow`` header;
- an unknown route under the mount → the vendor's 404;
- an alias prefix (a blueprint registered again as ``<name>__alias<i>``)
  answers like the documented route.
"""

import re

import pytest
from werkzeug.exceptions import MethodNotAllowed as WerkzeugMethodNotAllowed
from werkzeug.exceptions import NotFound as WerkzeugNotFound
from werkzeug.routing import IntegerConverter

from app import create_app
from app.core import errors

ALIAS = "__alias"
NOT_VENDOR = ("/__admin", "/__assets")
FREE_TEXT = ("message", "error_description", "timestamp")   # wording and time may differ per route
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def vendor_rules(app):
    """``(vendor name, rule, blueprint)`` for every rule of every mounted vendor, aliases included."""
    for name, vendor in app.extensions["leadmock.vendors"].items():
        mount = app.extensions["leadmock.mounts"][name]
        own = {blueprint.name for blueprint in vendor.blueprints}
        for rule in app.url_map.iter_rules():
            blueprint_name = rule.endpoint.rpartition(".")[0]
            if blueprint_name.split(ALIAS)[0] not in own or rule.rule.startswith(NOT_VENDOR):
                continue
            if mount and not (rule.rule == mount or rule.rule.startswith(mount + "/")):
                continue
            yield name, rule, app.blueprints[blueprint_name]


def is_alias(rule):
    return ALIAS in rule.endpoint.rpartition(".")[0]


def path_of(rule):
    """The rule's path with every variable filled with a value its converter takes."""
    def fill(match):
        converter = rule._converters[match.group(1)]
        return "1" if isinstance(converter, IntegerConverter) else "probe_contract_1"

    return re.sub(r"<(?:[^<>:]+:)?([^<>:]+)>", fill, rule.rule)


def methods_of(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def normalised(body):
    """``body`` with free-text and time values replaced by their type: the envelope and codes stay."""
    if isinstance(body, dict):
        return {key: type(value).__name__ if key in FREE_TEXT else normalised(value) for key, value in body.items()}
    if isinstance(body, list):
        return [normalised(item) for item in body]
    return body


def expected(app, vendor, error, path, method):
    """What ``vendor``'s ``render_error`` makes of ``error`` for a request to ``path``."""
    render = app.extensions["leadmock.vendors"][vendor].render_error
    with app.test_request_context(path, method=method):
        body, status, headers = render(error)
    return body, status, dict(headers or {})


def assert_answers_like(response, want):
    body, status, headers = want
    assert response.status_code == status, response.get_data(as_text=True)
    assert normalised(response.get_json()) == normalised(body)
    for name, value in headers.items():
        assert response.headers.get(name) == value, name


# -- parameters, read from the URL map of an app built for collection only ------------------------
_MAP_APP = create_app({"DATABASE": ":memory:", "SEED": 42, "SCALE": 1})
_RULES = list(vendor_rules(_MAP_APP))


def _id(vendor, rule, method=None):
    return f"{vendor}:{method + ' ' if method else ''}{rule.rule}"


PROTECTED = [pytest.param(vendor, rule.rule, rule.endpoint, method, id=_id(vendor, rule, method))
             for vendor, rule, blueprint in _RULES if getattr(blueprint, "auth", None) is not None
             for method in methods_of(rule)]
ROUTES = [pytest.param(vendor, rule.rule, rule.endpoint, id=_id(vendor, rule)) for vendor, rule, _ in _RULES]
PREFIXES = sorted({(vendor, _MAP_APP.extensions["leadmock.mounts"][vendor] + (blueprint.url_prefix or ""))
                   for vendor, rule, blueprint in _RULES if not is_alias(rule)}
                  | {(vendor, _MAP_APP.extensions["leadmock.mounts"][vendor]) for vendor, _, _ in _RULES})
ALIASES = [pytest.param(vendor, rule.rule, rule.endpoint, id=_id(vendor, rule))
           for vendor, rule, _ in _RULES if is_alias(rule)] \
    or [pytest.param(None, None, None, marks=pytest.mark.skip(reason="no vendor registers an alias prefix yet"))]


def find_rule(app, rule_text, endpoint):
    matches = [rule for rule in app.url_map.iter_rules(endpoint) if rule.rule == rule_text]
    assert matches, f"{endpoint} {rule_text} is not in the app's URL map"
    return matches[0]


# -- the contract ---------------------------------------------------------------------------------
def test_every_mounted_vendor_has_routes_under_test():
    vendors = {vendor for vendor, _, _ in _RULES}
    assert vendors == set(_MAP_APP.extensions["leadmock.vendors"]) and vendors
    assert PROTECTED and ROUTES


def test_public_routes_are_found_by_their_blueprint_having_no_auth():
    public = {rule.rule for vendor, rule, blueprint in _RULES if getattr(blueprint, "auth", None) is None}
    assert {"/skode/v1/oauth/token", "/skode/oauth/authorize"} <= public
    assert not any(rule.startswith(("/skode/v1/leads", "/discko/", "/skarbe/")) for rule in public)


@pytest.mark.parametrize("vendor,rule_text,endpoint,method", PROTECTED)
def test_request_without_credential_is_the_vendors_401(app, client, vendor, rule_text, endpoint, method):
    path = path_of(find_rule(app, rule_text, endpoint))
    response = client.open(path, method=method)
    assert_answers_like(response, expected(app, vendor, errors.Unauthorized(), path, method))


@pytest.mark.parametrize("vendor,rule_text,endpoint", ROUTES)
def test_method_the_route_does_not_take_is_the_vendors_405_with_allow(app, client, vendor, rule_text, endpoint):
    path = path_of(find_rule(app, rule_text, endpoint))
    adapter = app.url_map.bind("localhost")
    allowed = adapter.allowed_methods(path)
    wrong_methods = [method for method in METHODS if method not in allowed]
    if not wrong_methods:
        pytest.skip(f"{path} takes every method")
    for wrong in wrong_methods:
        with pytest.raises(WerkzeugMethodNotAllowed):
            adapter.match(path, method=wrong)
        response = client.open(path, method=wrong)
        assert set(response.headers["Allow"].split(", ")) == set(allowed), wrong
        assert_answers_like(response, expected(app, vendor, errors.MethodNotAllowed(allowed=allowed), path, wrong))


@pytest.mark.parametrize("vendor,prefix", [pytest.param(v, p, id=f"{v}:{p}") for v, p in PREFIXES])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_route_under_the_mount_is_the_vendors_404(app, client, vendor, prefix, method):
    path = f"{prefix}/no-such-route/contract"
    with pytest.raises(WerkzeugNotFound):
        app.url_map.bind("localhost").match(path, method=method)
    response = client.open(path, method=method)
    assert_answers_like(response, expected(app, vendor, errors.RouteNotFound(), path, method))


def documented_rule(app, alias_rule):
    """The rule an alias copies: same view, the blueprint's own name."""
    blueprint_name, _, view = alias_rule.endpoint.rpartition(".")
    endpoint = f"{blueprint_name.split(ALIAS)[0]}.{view}"
    rules = list(app.url_map.iter_rules(endpoint))
    assert len(rules) == 1, f"{endpoint}: {[rule.rule for rule in rules]}"
    return rules[0]


def assert_alias_answers_like_its_documented_route(app, client, alias_rule):
    documented = documented_rule(app, alias_rule)
    assert alias_rule.methods == documented.methods
    assert alias_rule.arguments == documented.arguments
    # the same path after the prefix: only the prefix is swapped
    alias_path, documented_path = alias_rule.rule, documented.rule
    while alias_path and documented_path and alias_path[-1] == documented_path[-1]:
        alias_path, documented_path = alias_path[:-1], documented_path[:-1]
    suffix = documented.rule[len(documented_path):]
    assert alias_path != documented_path and (suffix == "" or suffix.startswith("/") or
                                              alias_path.endswith("/") and documented_path.endswith("/")), \
        (alias_rule.rule, documented.rule)
    blueprint = app.blueprints[alias_rule.endpoint.rpartition(".")[0]]
    prefixes = getattr(blueprint, "prefixes", None)
    if prefixes and len(prefixes) > 1:   # VendorBlueprint(prefixes=...): the alias is one of the others
        mount = documented.rule[:documented.rule.index(prefixes[0])] if prefixes[0] in documented.rule else ""
        assert documented.rule == mount + prefixes[0] + documented.rule[len(mount + prefixes[0]):]
        assert any(alias_rule.rule == mount + prefix + documented.rule[len(mount + prefixes[0]):]
                   for prefix in prefixes[1:]), (alias_rule.rule, prefixes)
    for method in methods_of(alias_rule):
        alias_answer = client.open(path_of(alias_rule), method=method)
        documented_answer = client.open(path_of(documented), method=method)
        assert alias_answer.status_code == documented_answer.status_code, (method, alias_rule.rule)
        assert normalised(alias_answer.get_json()) == normalised(documented_answer.get_json()), \
            (method, alias_rule.rule)


@pytest.mark.parametrize("vendor,rule_text,endpoint", ALIASES)
def test_alias_prefix_answers_like_its_documented_route(app, client, vendor, rule_text, endpoint):
    assert_alias_answers_like_its_documented_route(app, client, find_rule(app, rule_text, endpoint))


def test_alias_check_finds_a_registered_alias_and_catches_a_wrong_one(make_app):
    """The mechanics of the alias test, on a fake alias registered the way VendorBlueprint does."""
    app = make_app()
    discko = next(blueprint for blueprint in app.extensions["leadmock.vendors"]["discko"].blueprints)
    app.register_blueprint(discko, name=f"{discko.name}{ALIAS}1", url_prefix="/discko/api")
    aliases = [rule for _, rule, _ in vendor_rules(app) if is_alias(rule) and rule.rule.startswith("/discko/")]
    assert {rule.rule for rule in aliases} == {"/discko/api/leads", "/discko/api/leads/<string:lead_id>"}
    client = app.test_client()
    for rule in aliases:
        assert_alias_answers_like_its_documented_route(app, client, rule)

    # an "alias" that answers differently (another view under the alias name) is caught
    app = make_app()
    skarbe = app.extensions["leadmock.vendors"]["skarbe"].blueprints[0]
    wrong = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == f"{skarbe.name}.Me")
    app.add_url_rule("/skarbe/api/me", endpoint=f"{skarbe.name}{ALIAS}1.Me", view_func=lambda: ({"me": 1}, 200))
    app.blueprints[f"{skarbe.name}{ALIAS}1"] = skarbe
    alias = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == f"{skarbe.name}{ALIAS}1.Me")
    assert wrong.rule == "/skarbe/api/connect/me"
    with pytest.raises(AssertionError):
        assert_alias_answers_like_its_documented_route(app, app.test_client(), alias)
