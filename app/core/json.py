"""Fast JSON for responses: orjson, keys in insertion order, UTF-8 kept as is.

Vendor bodies must match the documented objects byte for byte in key order
and characters (``€75,000``), which Flask's default provider would sort and
escape.
"""

import orjson
from flask.json.provider import JSONProvider


class OrjsonProvider(JSONProvider):
    sort_keys = False

    def dumps(self, obj, **kwargs):
        return orjson.dumps(obj, default=_default).decode()

    def loads(self, s, **kwargs):
        return orjson.loads(s)

    def response(self, *args, **kwargs):
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(
            orjson.dumps(obj, default=_default), mimetype="application/json"
        )


def _default(obj):
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if hasattr(obj, "keys"):
        return dict(obj)
    raise TypeError(f"not JSON serializable: {type(obj).__name__}")


def raw(text):
    """Already-serialized JSON (a stored document) that responses embed as is, unparsed."""
    return orjson.Fragment(text)
