"""Public booking: profile, availability, confirm (meeting + lead + notification), conflicts."""

from datetime import UTC, datetime, timedelta

from app.core import db
from tests.vendors.lio.conftest import V1, error_of

API = "/lio/api"


def future_monday(weeks=3):
    day = datetime.now(UTC).date() + timedelta(weeks=weeks)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def slots(lio, day, slug="your-name", prefix=V1, **query):
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    return lio.data(lio.get(f"/booking/{slug}/availability?date={day}{extra}", as_=None, prefix=prefix))


def test_profile_without_auth_under_both_prefixes(lio):
    for prefix in (V1, API):
        profile = lio.data(lio.get("/booking/your-name", as_=None, prefix=prefix))
        assert profile["name"] == "Your Name" and profile["organization"] == "Acme Corp"
        assert profile["durations"] and profile["timezone"]
    error_of(lio.get("/booking/nobody-here", as_=None, prefix=V1), 404, "not_found")


def test_availability_validates_and_honours_from_to(lio):
    day = future_monday()
    assert len(slots(lio, day)) == 16
    narrowed = slots(lio, day, **{"from": "10:00", "to": "12:00"})
    assert [s["start"][11:16] for s in narrowed] == ["10:00", "10:30", "11:00", "11:30"]
    for query in ("", f"date={day}&duration=5", f"date={day}&duration=500", f"date={day}&tz=No/Where",
                  "date=yesterday", f"date={day}&from=25:00"):
        error_of(lio.get(f"/booking/your-name/availability?{query}", as_=None, prefix=V1), 422, "validation_error")
    error_of(lio.get(f"/booking/nobody/availability?date={day}", as_=None), 404, "not_found")


def test_confirm_creates_meeting_and_lead_and_removes_the_slot(lio, app):
    day = future_monday()
    slot = slots(lio, day)[2]
    body = {**slot, "name": "Jane Booker", "email": "jane.booker@newco.test", "company": "NewCo", "notes": "Hi"}
    done = lio.data(lio.post("/booking/your-name/confirm", as_=None, prefix=V1, json=body), 201)
    meeting = done["meeting"]
    assert done["lead_created"] and meeting["status"] == 1 and meeting["user_id"] == 142
    assert meeting["start_time"] == slot["start"] and meeting["attendees"][0]["email"] == body["email"]
    lead = lio.data(lio.get(f"/lead/view/{done['lead_id']}"))
    assert lead["email"] == body["email"] and lead["lead_source"] == 1
    assert lio.data(lio.get(f"/meeting/view/{meeting['id']}"))["lead_id"] == done["lead_id"]
    assert slot["start"] not in [s["start"] for s in slots(lio, day)]
    with app.app_context():                   # the notification (its route belongs to another area)
        rows = db.conn().execute("SELECT user_id, data FROM lio_notifications WHERE type = 'booking'").fetchall()
    assert [(r["user_id"], f'"meeting_id":{meeting["id"]}' in r["data"]) for r in rows] == [(142, True)]


def test_confirm_matches_an_existing_lead_by_email(lio):
    lead = lio.data(lio.get("/lead/list"))[0]
    slot = slots(lio, future_monday())[0]
    done = lio.data(lio.post("/booking/your-name/confirm", as_=None, prefix=API,
                             json={**slot, "name": "Known Person", "email": lead["email"].upper()}), 201)
    assert done["lead_id"] == lead["id"] and done["lead_created"] is False


def test_double_booking_is_a_conflict(lio):
    slot = slots(lio, future_monday())[5]
    body = {**slot, "name": "A", "email": "a@first.test"}
    lio.data(lio.post("/booking/your-name/confirm", as_=None, prefix=V1, json=body), 201)
    error_of(lio.post("/booking/your-name/confirm", as_=None, prefix=V1,
                      json={**body, "email": "b@second.test"}), 409, "conflict")


def test_confirm_refuses_slots_not_offered(lio):
    day = future_monday()
    slot = slots(lio, day)[0]
    for start, end in ((f"{day}T09:10:00Z", f"{day}T09:40:00Z"),          # off the grid
                       (f"{day}T07:00:00Z", f"{day}T07:30:00Z"),          # before working hours
                       (f"{day + timedelta(days=5)}T10:00:00Z", f"{day + timedelta(days=5)}T10:30:00Z"),  # Saturday
                       ("2020-01-06T10:00:00Z", "2020-01-06T10:30:00Z"),  # the past
                       (slot["start"], slot["start"])):                   # empty
        error_of(lio.post("/booking/your-name/confirm", as_=None, prefix=V1,
                          json={"start": start, "end": end, "name": "X", "email": "x@y.test"}), 422, "validation_error")
    for change in ({"email": "nope"}, {"name": " "}, {"start": "soon"}):
        error_of(lio.post("/booking/your-name/confirm", as_=None, prefix=V1,
                          json={**slot, "name": "X", "email": "x@y.test", **change}), 422, "validation_error")
    error_of(lio.post("/booking/nobody/confirm", as_=None, json={**slot, "name": "X", "email": "x@y.test"}),
             404, "not_found")


def test_calendar_events_and_meetings_block_the_booking_page(lio):
    day = future_monday()
    before = [s["start"] for s in slots(lio, day)]
    lio.data(lio.post("/calendar/google/events", json={"summary": "Busy", "start": f"{day}T09:00:00Z",
                                                       "end": f"{day}T10:00:00Z"}), 201)
    lio.data(lio.post("/meeting/add", json={"title": "Internal", "start_time": f"{day}T15:00:00Z",
                                            "end_time": f"{day}T15:30:00Z"}), 201)
    after = [s["start"] for s in slots(lio, day)]
    assert set(before) - set(after) == {f"{day}T09:00:00.000Z", f"{day}T09:30:00.000Z", f"{day}T15:00:00.000Z"}
    busy = {"start": f"{day}T15:00:00Z", "end": f"{day}T15:30:00Z", "name": "X", "email": "x@y.test"}
    error_of(lio.post("/booking/your-name/confirm", as_=None, json=busy), 409, "conflict")


def test_booking_acts_for_the_pages_org_only(lio):
    slot = slots(lio, future_monday(), slug="grace-globex")[0]
    done = lio.data(lio.post("/booking/grace-globex/confirm", as_=None, prefix=V1,
                             json={**slot, "name": "G", "email": "g@guest.test"}), 201)
    error_of(lio.get(f"/lead/view/{done['lead_id']}"), 404, "not_found")
    assert lio.data(lio.get(f"/lead/view/{done['lead_id']}", as_="globex"))["email"] == "g@guest.test"
    error_of(lio.get(f"/meeting/view/{done['meeting']['id']}"), 404, "not_found")
