"""Two purchases racing over a live server: the wallet covers one, exactly one succeeds."""

import json
import threading
import urllib.error
import urllib.request

from app.core import db


def _post(url, token, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_concurrent_purchases_exactly_one_succeeds(make_app, live_server, lio_tokens):
    application = make_app()
    application.extensions["leadmock.db"].restore_snapshot(db.PRISTINE)     # the copied file may hold a test's state
    base = live_server(application) + "/lio/api/voice"
    token = lio_tokens["globex"]
    # Globex has $5.00; after one toll-free number ($2.15) $2.85 is left: enough for one more only.
    assert _post(f"{base}/purchase-number", token, {"phoneNumber": "+18005550201"}) == 201
    codes = []
    threads = [threading.Thread(target=lambda n=n: codes.append(_post(f"{base}/purchase-number", token,
                                                                      {"phoneNumber": n})))
               for n in ("+18885550201", "+18775550201")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [201, 403]
    request = urllib.request.Request(f"{base}/wallet", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.loads(response.read())["data"]["balance"] == 0.70
