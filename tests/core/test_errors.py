"""core.errors.type_for: a {core error class: code} table looked up along the MRO."""

from app.core import errors
from app.vendors.skode.errors import OAuthError

# deliberately listed general-first: the table's order must not matter
TABLE = {errors.ApiError: "api", errors.NotFound: "missing", errors.RouteNotFound: "no_route",
         errors.BadRequest: "bad", errors.Invalid: "invalid"}


def test_the_most_specific_listed_class_wins_whatever_the_table_order():
    assert errors.type_for(errors.RouteNotFound(), TABLE) == "no_route"
    assert errors.type_for(errors.NotFound("lead", "x"), TABLE) == "missing"


def test_an_unlisted_subclass_gets_its_nearest_listed_parent():
    assert errors.type_for(errors.InvalidJson(), TABLE) == "bad"
    assert errors.type_for(errors.InvalidChoice("status", "X", ["A"]), TABLE) == "invalid"
    assert errors.type_for(OAuthError("invalid_grant", "no"), TABLE) == "bad"   # a vendor's own subclass
    assert errors.type_for(errors.Conflict(), TABLE) == "api"


def test_the_default_answers_when_no_class_is_listed():
    assert errors.type_for(errors.Conflict(), {errors.NotFound: "missing"}) is None
    assert errors.type_for(ValueError(), TABLE, default="internal") == "internal"
