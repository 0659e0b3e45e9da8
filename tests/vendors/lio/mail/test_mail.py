"""Mail: configurations, inbox (send, reply, threads), calendar events, meetings, availability."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.vendors.lio.conftest import V1, error_of


def future_monday(weeks=3):
    today = datetime.now(UTC).date() + timedelta(weeks=weeks)
    return today + timedelta(days=(7 - today.weekday()) % 7)


# -- configurations -------------------------------------------------------------------------------
def test_config_list_filters_by_mailer_and_is_per_org(lio):
    acme = lio.data(lio.get("/mail-configurations/list?mailer=gmail"))
    assert [c["from_address"] for c in acme] == ["you@company.com"]
    globex = lio.data(lio.get("/mail-configurations/list", as_="globex", prefix=V1))
    assert {c["mailer"] for c in globex} == {"outlook"}


def test_config_add_stores_the_secret_but_never_returns_it(lio):
    body = {"mailer": "smtp", "from_address": "x@acme.test", "from_name": "X", "password": "s3cret-pw",
            "smtp_host": "smtp.acme.test", "smtp_port": 587}
    response = lio.post("/mail-configurations/add", json=body)
    created = lio.data(response, 201)
    assert "s3cret-pw" not in response.get_data(as_text=True) and "password" not in created
    listed = lio.get("/mail-configurations/list?limit=100")
    assert "s3cret-pw" not in listed.get_data(as_text=True)
    assert created["id"] in [c["id"] for c in lio.data(listed)]


@pytest.mark.parametrize("body, field", [
    ({"mailer": "aol", "from_address": "x@a.test", "from_name": "X", "password": "p"}, "mailer"),
    ({"mailer": "gmail", "from_address": "nope", "from_name": "X", "password": "p"}, "from_address"),
    ({"mailer": "gmail", "from_address": "x@a.test", "from_name": "X"}, "password"),
])
def test_config_add_validates(lio, body, field):
    assert field in error_of(lio.post("/mail-configurations/add", json=body), 422, "validation_error")["fields"]


def test_mail_routes_need_a_token(lio):
    for method, path in (("GET", "/mail-configurations/list"), ("GET", "/inbox/list?config_id=1"),
                         ("POST", "/inbox/send"), ("GET", "/meeting/list"), ("GET", "/calendar/google/events")):
        error_of(lio.call(method, path, as_=None), 401, "unauthorized")


# -- inbox ----------------------------------------------------------------------------------------
def test_inbox_list_needs_a_config_of_the_org(lio):
    assert "config_id" in error_of(lio.get("/inbox/list"), 422, "validation_error")["fields"]
    assert "config_id" in error_of(lio.get("/inbox/list?config_id=3"), 422, "validation_error")["fields"]
    error_of(lio.get("/inbox/view/1?config_id=3"), 422, "validation_error")


def test_inbox_folders_unread_and_search(lio):
    inbox = lio.data(lio.get("/inbox/list?config_id=1&folder=inbox&limit=100"))
    assert inbox and {m["folder"] for m in inbox} == {"inbox"}
    unread = lio.data(lio.get("/inbox/list?config_id=1&unreadOnly=true&limit=100"))
    assert unread and not any(m["is_read"] for m in unread)
    found = lio.data(lio.get("/inbox/list?config_id=1&search=Security%20questionnaire"))
    assert found and all("Security questionnaire" in m["subject"] for m in found)
    for folder in ("sent", "drafts", "archive"):
        assert lio.data(lio.get(f"/inbox/list?config_id=1&folder={folder}", prefix=V1))
    error_of(lio.get("/inbox/list?config_id=1&folder=spam"), 422, "validation_error")


def test_viewing_a_message_marks_it_read(lio):
    unread = lio.data(lio.get("/inbox/list?config_id=1&unreadOnly=true"))[0]
    assert lio.data(lio.get(f"/inbox/view/{unread['id']}?config_id=1"))["is_read"] is True
    still = lio.data(lio.get("/inbox/list?config_id=1&unreadOnly=true&limit=100"))
    assert unread["id"] not in [m["id"] for m in still]
    error_of(lio.get("/inbox/view/999999?config_id=1"), 404, "not_found")


def test_send_puts_a_tracked_message_in_sent(lio):
    sent = lio.data(lio.post("/inbox/send", json={"config_id": 1, "to": "jane@x.test", "subject": "Hello",
                                                  "body": "Hi Jane", "cc": ["boss@x.test"]}), 201)
    assert sent["folder"] == "sent" and sent["tracking_token"].startswith("trk_") and sent["thread_id"]
    listed = lio.data(lio.get("/inbox/list?config_id=1&folder=sent&order_by=id"))
    assert listed[0]["id"] == sent["id"] and listed[0]["tracking_token"] == sent["tracking_token"]
    assert listed[0]["cc"] == ["boss@x.test"]


def test_send_validates_and_refuses_other_orgs_config_and_lead(lio):
    base = {"config_id": 1, "to": ["a@x.test"], "subject": "S", "body": "B"}
    for change, field in (({"to": []}, "to"), ({"to": ["bad"]}, "to"), ({"subject": ""}, "subject"),
                          ({"config_id": 3}, "config_id"), ({"lead_id": 10**15}, "lead_id")):
        assert field in error_of(lio.post("/inbox/send", json={**base, **change}), 422, "validation_error")["fields"]


def test_reply_stays_in_the_thread_with_re_subject(lio):
    original = lio.data(lio.get("/inbox/list?config_id=1&folder=inbox&search=Pricing"))[0]
    reply = lio.data(lio.post(f"/inbox/reply/{original['id']}", json={"config_id": 1, "body": "Sure."}), 201)
    assert reply["thread_id"] == original["thread_id"] and reply["subject"] == f"Re: {original['subject']}"
    assert reply["to"] == [original["from_address"]] and reply["folder"] == "sent" and reply["in_reply_to"]
    again = lio.data(lio.post(f"/inbox/reply/{reply['id']}", json={"config_id": 1, "body": "Ping"}, prefix=V1), 201)
    assert again["subject"] == reply["subject"] and again["thread_id"] == original["thread_id"]
    error_of(lio.post(f"/inbox/reply/{original['id']}", as_="globex", json={"config_id": 3, "body": "x"}),
             404, "not_found")


# -- calendar and availability -------------------------------------------------------------------
def test_availability_is_working_hours_in_tz_on_weekdays(lio):
    day = future_monday()
    slots = lio.data(lio.get(f"/calendar/availability?date={day}&duration=60&tz=America/New_York"))
    assert len(slots) == 8
    assert slots[0]["start"].startswith(f"{day}T") and slots[0]["start"][11:13] in ("13", "14")
    assert lio.data(lio.get(f"/calendar/availability?date={day + timedelta(days=5)}")) == []   # Saturday
    assert "tz" in error_of(lio.get(f"/calendar/availability?date={day}&tz=Mars/Base"), 422,
                            "validation_error")["fields"]
    error_of(lio.get("/calendar/availability?date=2026-13-01"), 422, "validation_error")
    assert lio.data(lio.get("/calendar/availability?date=2020-01-06")) == []                  # the past


def test_events_and_meetings_both_block_availability(lio):
    day = future_monday()
    before = lio.data(lio.get(f"/calendar/availability?date={day}&duration=60"))
    assert f"{day}T10:00:00.000Z" in [s["start"] for s in before]
    lio.data(lio.post("/calendar/google/events", json={
        "summary": "Dentist", "start": {"dateTime": f"{day}T19:00:00", "timeZone": "Asia/Tokyo"},
        "end": {"dateTime": f"{day}T20:00:00", "timeZone": "Asia/Tokyo"}}), 201)
    lio.data(lio.post("/meeting/add", json={"title": "Demo", "start_time": f"{day}T14:00:00Z",
                                            "end_time": f"{day}T14:30:00Z"}), 201)
    after = [s["start"] for s in lio.data(lio.get(f"/calendar/availability?date={day}&duration=60"))]
    assert f"{day}T10:00:00.000Z" not in after and f"{day}T14:00:00.000Z" not in after
    assert len(after) == len(before) - 2
    rep = lio.data(lio.get(f"/calendar/availability?date={day}&duration=60", as_="rep"))
    assert len(rep) == len(before)                                   # another user's calendar is untouched


def test_calendar_events_per_provider(lio):
    created = lio.data(lio.post("/calendar/outlook/events", prefix=V1, json={
        "subject": "Board", "start": "2026-07-01T09:00:00Z", "end": "2026-07-01T10:00:00Z",
        "attendees": [{"emailAddress": {"address": "b@x.test"}}]}), 201)
    assert created["summary"] == "Board" and created["attendees"] == ["b@x.test"]
    listed = lio.data(lio.get("/calendar/outlook/events?from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z"))
    assert [e["id"] for e in listed] == [created["id"]]
    assert lio.data(lio.get("/calendar/outlook/events", as_="globex")) and created["id"] not in [
        e["id"] for e in lio.data(lio.get("/calendar/outlook/events", as_="globex"))]
    error_of(lio.get("/calendar/yahoo/events"), 404, "not_found")
    error_of(lio.post("/calendar/google/events", json={"summary": "x", "start": "2026-07-01T10:00:00Z",
                                                        "end": "2026-07-01T09:00:00Z"}), 422, "validation_error")
    error_of(lio.post("/calendar/google/events", json={"start": "2026-07-01T10:00:00Z",
                                                        "end": "2026-07-01T11:00:00Z"}), 422, "validation_error")


# -- meetings -------------------------------------------------------------------------------------
def test_meeting_add_view_update_delete(lio):
    lead_id = lio.data(lio.get("/lead/list"))[0]["id"]
    created = lio.data(lio.post("/meeting/add", json={
        "title": "Kickoff", "start_time": "2026-08-03T10:00:00Z", "end_time": "2026-08-03T11:00:00Z",
        "lead_id": lead_id, "attendees": ["a@x.test", {"email": "b@x.test", "name": "B"}], "meeting_tool": "zoom"}),
        201)
    assert created["status"] == 1 and created["meeting_url"].startswith("https://zoom.us/j/")
    assert lio.data(lio.get(f"/meeting/view/{created['id']}", prefix=V1))["title"] == "Kickoff"
    assert created["id"] in [m["id"] for m in lio.data(lio.get(f"/meeting/list?lead_id={lead_id}"))]
    moved = lio.data(lio.post(f"/meeting/update/{created['id']}", json={"start_time": "2026-08-04T10:00:00Z",
                                                                        "end_time": "2026-08-04T11:00:00Z"}))
    assert moved["status"] == 2
    held = lio.data(lio.post(f"/meeting/update/{created['id']}", json={"status": 3, "title": "Kickoff!"}))
    assert held["status"] == 3 and held["title"] == "Kickoff!"
    assert lio.data(lio.delete(f"/meeting/delete/{created['id']}")) == {"deleted": 1}
    error_of(lio.get(f"/meeting/view/{created['id']}"), 404, "not_found")


def test_meeting_validation_and_isolation(lio):
    base = {"title": "T", "start_time": "2026-08-03T10:00:00Z", "end_time": "2026-08-03T11:00:00Z"}
    globex_lead = lio.data(lio.get("/lead/list", as_="globex"))[0]["id"]
    for change, field in (({"end_time": "2026-08-03T09:00:00Z"}, "end_time"), ({"start_time": "soon"}, "start_time"),
                          ({"lead_id": globex_lead}, "lead_id"), ({"meeting_tool": "skype"}, "meeting_tool"),
                          ({"attendees": ["nope"]}, "attendees"), ({"title": None}, "title")):
        assert field in error_of(lio.post("/meeting/add", json={**base, **change}), 422, "validation_error")["fields"]
    globex_meeting = lio.data(lio.get("/meeting/list", as_="globex"))[0]["id"]
    error_of(lio.get(f"/meeting/view/{globex_meeting}"), 404, "not_found")
    error_of(lio.post(f"/meeting/update/{globex_meeting}", json={"title": "x"}), 404, "not_found")
    error_of(lio.delete(f"/meeting/delete/{globex_meeting}"), 404, "not_found")
    error_of(lio.get("/meeting/list?status=9"), 422, "validation_error")


def test_transcripts_exist_only_for_held_meetings(lio):
    held = lio.data(lio.get("/meeting/list?status=3"))[0]
    segments = lio.data(lio.get(f"/meeting/{held['id']}/transcript"))["segments"]
    assert segments and all(s["text"] for s in segments)
    scheduled = lio.data(lio.get("/meeting/list?status=1"))[0]
    assert "transcript" in error_of(lio.get(f"/meeting/{scheduled['id']}/transcript"), 404, "not_found")["message"]


def test_summary_is_deterministic_saved_and_charged(lio):
    held = lio.data(lio.get("/meeting/list?status=3"))[0]
    first = lio.data(lio.post(f"/meeting/{held['id']}/generate-summary", json={"detail": "detailed"}))
    second = lio.data(lio.post(f"/meeting/{held['id']}/generate-summary", json={"detail": "detailed"}, prefix=V1))
    assert first["summary"] == second["summary"] and "Next step" in first["summary"]
    assert second["credits_balance"] == 1000 - 2 * first["credits_spent"]
    assert lio.data(lio.get(f"/meeting/view/{held['id']}"))["summary"] == first["summary"]
    error_of(lio.post(f"/meeting/{held['id']}/generate-summary", json={"detail": "epic"}), 422, "validation_error")


@pytest.mark.parametrize("method, path, body, status", [
    ("GET", "/meeting/view/99999999999999999999999", None, 404),
    ("GET", "/inbox/view/99999999999999999999999?config_id=1", None, 404),
    ("GET", "/calendar/availability?date=9999-12-31&tz=Etc/GMT%2B12", None, 422),
    ("GET", "/calendar/availability?date=2026-12-07&tz=..%2F..%2Fetc%2Fpasswd", None, 422),
    ("POST", "/calendar/google/events", {"summary": "x", "start": {"dateTime": 5}, "end": "2026-01-01T01:00:00Z"}, 422),
    ("POST", "/meeting/add", {"title": "x", "start_time": "0001-01-01T00:00:00Z", "end_time": "0001-01-01T01:00:00Z"},
     422),
])
def test_hostile_input_is_a_4xx(lio, method, path, body, status):
    response = lio.call(method, path, json=body)
    assert response.status_code == status and response.get_json()["success"] is False
