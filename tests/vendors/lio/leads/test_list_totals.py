"""The unfiltered lead list's total comes from a count kept in the write transaction: it follows every change."""

EVER = {"created_from": "2000-01-01"}   # a filter that matches every lead: its total is counted row by row


def total(lio, as_="acme", **query):
    response = lio.get("/lead/list", as_=as_, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["total"]


def test_unfiltered_total_follows_adds_deletes_and_reset_in_each_org(lio):
    acme, globex = total(lio), total(lio, as_="globex")
    assert acme == total(lio, **EVER) and globex == total(lio, as_="globex", **EVER)
    added = [lio.data(lio.post("/lead/add", json={"first_name": f"Count{n}", "last_name": "Me", "priority": 3}), 201)
             for n in range(3)]
    assert total(lio) == acme + 3 == total(lio, **EVER) and total(lio, as_="globex") == globex
    assert lio.data(lio.delete("/lead/delete", json={"ids": [added[0]["id"], added[1]["id"]]})) == {"deleted": 2}
    assert total(lio) == acme + 1 == total(lio, **EVER)
    lio.client.post("/__admin/reset")
    assert total(lio) == acme == total(lio, **EVER) and total(lio, as_="globex") == globex
