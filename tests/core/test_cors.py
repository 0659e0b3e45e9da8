"""CORS: the lean path for requests without ``Origin`` answers exactly what flask-cors answers."""

import pytest

CORS_HEADERS = ("Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Access-Control-Allow-Headers",
                "Access-Control-Allow-Methods", "Access-Control-Max-Age", "Access-Control-Allow-Credentials",
                "Access-Control-Allow-Private-Network", "Vary")
SKODE = {"Authorization": "Bearer sk_live_your_api_key"}
REQUESTS = [
    ("GET", "/skode/v1/leads/lead_abc123", SKODE),
    ("GET", "/skode/v1/leads/lead_nope", SKODE),                     # an error response
    ("GET", "/skode/v1/leads", {}),                                   # 401
    ("GET", "/discko/api/v1/leads/req_xyz789", {"X-Discko-Key": "dk_test_creative_minds"}),
    ("GET", "/no/such/route", {}),
    ("GET", "/__admin/health", {}),
    ("GET", "/skode/v1/leads/lead_abc123", {**SKODE, "Origin": "http://localhost:3000"}),
    ("GET", "/skode/v1/leads/lead_abc123", {**SKODE, "Origin": "https://tools.example"}),
    ("GET", "/__admin/health", {"Origin": "https://tools.example"}),
    ("OPTIONS", "/skode/v1/leads", {"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
                                    "Access-Control-Request-Headers": "authorization, content-type"}),
    ("OPTIONS", "/skode/v1/leads", {"Access-Control-Request-Method": "GET"}),
    ("GET", "/skode/v1/leads/lead_abc123", {**SKODE, "Access-Control-Request-Private-Network": "true"}),
]


def cors_headers(app):
    client = app.test_client()
    return [(method, path, [(name, value) for name, value in client.open(path, method=method, headers=headers)
                            .headers.items() if name in CORS_HEADERS])
            for method, path, headers in REQUESTS]


def with_flask_cors_alone(app):
    """The same app with flask-cors' own after-request hook back in place of the lean one."""
    hooks = app.after_request_funcs[None]
    index = next(i for i, hook in enumerate(hooks) if hasattr(hook, "full"))
    hooks[index] = hooks[index].full
    return app


@pytest.mark.parametrize("config", [
    {},
    {"CORS_ORIGINS": "http://localhost:3000"},
    {"CORS_ORIGINS": "http://localhost:3000,https://tools.example"},
    {"ADMIN_CORS_ORIGINS": "https://tools.example"},
    {"ADMIN_CORS_ORIGINS": "*", "CORS_ORIGINS": "https://tools.example"},
])
def test_cors_headers_are_flask_cors_own_with_and_without_origin(make_app, config):
    lean = cors_headers(make_app(**config))
    assert lean == cors_headers(with_flask_cors_alone(make_app(**config)))


def test_requests_without_origin_get_the_wildcard_and_the_exposed_headers(client):
    response = client.get("/skode/v1/leads/lead_abc123", headers=SKODE)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-RateLimit-Remaining" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in client.get("/__admin/health").headers

