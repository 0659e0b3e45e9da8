"""CORS: flask-cors answers every CORS request; requests without ``Origin`` take a lean path.

flask-cors computes its headers anew for every response (options, origin matching, a MultiDict),
even for the API clients that send no ``Origin`` at all, which are most of a sandbox's traffic.
What it adds to such a request depends only on the matching resource's options, so it is computed
once per resource with flask-cors' own function and added as is. Requests with an ``Origin``,
preflights (``OPTIONS``) and Private Network Access requests go through flask-cors unchanged.
"""

from urllib.parse import unquote

import flask_cors
from flask import request
from flask_cors.core import get_cors_headers, get_cors_options, parse_resources, try_match_pattern
from werkzeug.datastructures import Headers

ACL_ORIGIN = "Access-Control-Allow-Origin"
ACL_ORIGIN_LOWER = ACL_ORIGIN.lower()
# request headers after which flask-cors' answer depends on the request itself
ORIGIN_ENVIRON, PRIVATE_NETWORK_ENVIRON = FULL_PATH_ENVIRON = ("HTTP_ORIGIN", "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK")
PATHS_KEPT = 4096


def no_origin_headers(app, resources):
    """``[(pattern, [(header, value), ...])]``: what flask-cors adds to a non-OPTIONS request without
    ``Origin`` under each resource pattern, in flask-cors' resource order."""
    options = {"resources": resources}
    return [(pattern, tuple(Headers(get_cors_headers(get_cors_options(app, options, {}, opts), Headers(), "GET")
                                    .items(multi=True)).items()))     # values as Headers.add() stores them
            for pattern, opts in parse_resources(resources)]


def init_app(app, resources):
    """``flask_cors.CORS(app, resources=resources)``, with its after-request hook given the lean path."""
    flask_cors.CORS(app, resources=resources)
    hooks = app.after_request_funcs.setdefault(None, [])
    index = next(i for i, hook in enumerate(hooks) if getattr(hook, "__name__", "") == "cors_after_request")
    full = hooks[index]
    lean = no_origin_headers(app, resources)
    by_path = {}      # request path -> the headers of its resource (a pure function of the path), bounded

    def headers_for(path):
        unquoted = unquote(path)
        for pattern, headers in lean:
            if try_match_pattern(unquoted, pattern, caseSensitive=True):
                return headers
        return ()

    def cors_after_request(response):
        req = request._get_current_object()
        environ = req.environ
        if req.method == "OPTIONS" or environ.get(ORIGIN_ENVIRON) or environ.get(PRIVATE_NETWORK_ENVIRON):
            return full(response)
        for name, value in response.headers._list:   # already evaluated (an error response): what
            if name.lower() == ACL_ORIGIN_LOWER:           # headers.get(ACL_ORIGIN) answers, without its KeyError
                if value:
                    return response
                break
        path = req.path
        headers = by_path.get(path)
        if headers is None:
            if len(by_path) >= PATHS_KEPT:
                by_path.clear()
            headers = by_path[path] = headers_for(path)
        if headers:
            # what headers.add() would append, without checking values checked once in no_origin_headers
            response.headers._list.extend(headers)
        return response

    cors_after_request.full = full    # flask-cors' own hook
    hooks[index] = cors_after_request
    return lean
