"""Voice numbers and wallet: inventory, purchase, assignment, the wallet never negative."""

import pytest

from tests.vendors.lio.conftest import V1


def test_available_numbers_filters_by_area_code_and_type(lio):
    rows = lio.data(lio.get("/voice/available-numbers?areaCode=415&type=mobile"))
    assert rows and all(r["area_code"] == "415" and r["type"] == "mobile" for r in rows)
    assert all(r["phone_number"].startswith("+1415") for r in rows)


def test_available_numbers_limit_and_contains(lio):
    assert len(lio.data(lio.get("/voice/available-numbers?limit=3", prefix=V1))) == 3
    rows = lio.data(lio.get("/voice/available-numbers?contains=5550103"))
    assert [r["phone_number"] for r in rows] == sorted(r["phone_number"] for r in rows)
    assert rows and all("5550103" in r["phone_number"] for r in rows)


@pytest.mark.parametrize("query", ["areaCode=41", "contains=abc", "type=landline", "limit=0", "limit=101"])
def test_available_numbers_rejects_bad_query(lio, query):
    assert lio.get(f"/voice/available-numbers?{query}").status_code == 422


@pytest.mark.parametrize("path", ["/voice/available-numbers", "/voice/my-numbers", "/voice/wallet"])
def test_voice_reads_need_a_token(lio, path):
    assert lio.get(path, as_=None).status_code == 401


def test_my_numbers_are_the_orgs_with_assignees(lio):
    acme = lio.data(lio.get("/voice/my-numbers"))
    globex = lio.data(lio.get("/voice/my-numbers", as_="globex", prefix=V1))
    assert len(acme) == 2 and len(globex) == 1
    assert {n["phone_number"] for n in acme}.isdisjoint(n["phone_number"] for n in globex)
    assert [u["id"] for u in acme[0]["assigned_users"]] == [142]


def test_seed_wallets(lio):
    assert lio.data(lio.get("/voice/wallet"))["balance"] == 50.0
    assert lio.data(lio.get("/voice/wallet", as_="globex"))["balance"] == 5.0


def test_purchase_charges_wallet_and_removes_number_for_everyone(lio):
    number = "+14155550101"
    bought = lio.data(lio.post("/voice/purchase-number", json={"phoneNumber": number, "friendlyName": "Sales"}), 201)
    assert bought["phone_number"] == number and bought["friendly_name"] == "Sales"
    assert number in [n["phone_number"] for n in lio.data(lio.get("/voice/my-numbers"))]
    wallet = lio.data(lio.get("/voice/wallet"))
    assert wallet["balance"] == pytest.approx(50.0 - bought["monthly_price"])
    assert wallet["transactions"][0]["amount"] == -bought["monthly_price"]
    for who in ("acme", "globex"):
        rows = lio.data(lio.get("/voice/available-numbers?areaCode=415&limit=100", as_=who))
        assert number not in [r["phone_number"] for r in rows]
    again = lio.post("/voice/purchase-number", json={"phoneNumber": number}, as_="globex")
    assert again.status_code == 409


def test_purchase_validation_and_unknown_number(lio):
    assert lio.post("/voice/purchase-number", json={}).status_code == 422
    assert lio.post("/voice/purchase-number", json={"phoneNumber": "4155550101"}).status_code == 422
    assert lio.post("/voice/purchase-number", json={"phoneNumber": "+19995550101"}).status_code == 404
    r = lio.post("/voice/purchase-number", json={"phoneNumber": "+14155550101", "type": "toll_free"})
    assert r.status_code == 422 and "type" in r.get_json()["error"]["fields"]
    assert lio.post("/voice/purchase-number", json={"phoneNumber": "+14155550101"}, as_=None).status_code == 401


def test_purchase_never_takes_wallet_negative(lio):
    # Globex has $5.00: toll-free numbers cost $2.15, so two succeed and the third is refused.
    numbers = [r["phone_number"] for r in lio.data(lio.get("/voice/available-numbers?type=toll_free&limit=3"))]
    codes = [lio.post("/voice/purchase-number", json={"phoneNumber": n}, as_="globex").status_code for n in numbers]
    assert codes == [201, 201, 403]
    assert lio.data(lio.get("/voice/wallet", as_="globex"))["balance"] == pytest.approx(0.70)
    assert numbers[2] in [r["phone_number"] for r in lio.data(lio.get("/voice/available-numbers?type=toll_free"))]


def test_assign_number_to_org_users(lio):
    number = lio.data(lio.get("/voice/my-numbers"))[1]
    out = lio.data(lio.post("/voice/assign-number", json={"number_id": number["id"], "user_ids": [142, 143]}))
    assert [u["id"] for u in out["assigned_users"]] == [142, 143]
    one = lio.data(lio.post("/voice/assign-number", json={"number_id": number["id"], "user_id": 144}, prefix=V1))
    assert [u["id"] for u in one["assigned_users"]] == [142, 143, 144]


def test_assign_number_isolation_and_validation(lio):
    acme_number = lio.data(lio.get("/voice/my-numbers"))[0]["id"]
    globex_number = lio.data(lio.get("/voice/my-numbers", as_="globex"))[0]["id"]
    r = lio.post("/voice/assign-number", json={"number_id": globex_number, "user_id": 142})
    assert r.status_code == 422 and "number_id" in r.get_json()["error"]["fields"]
    r = lio.post("/voice/assign-number", json={"number_id": acme_number, "user_ids": [201]})
    assert r.status_code == 422 and "user_ids" in r.get_json()["error"]["fields"]
    assert lio.post("/voice/assign-number", json={"number_id": acme_number}).status_code == 422
    assert lio.post("/voice/assign-number", json={"number_id": acme_number, "user_id": 142}, as_=None).status_code == 401
