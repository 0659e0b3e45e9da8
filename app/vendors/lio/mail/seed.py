"""Seed: mail configurations (Acme gmail for user 142, Acme smtp for 143, Globex outlook), inbox
messages in every folder with threads and read/unread, meetings (held ones with transcripts, future
scheduled ones) and calendar events — all relative to ANCHOR."""

from datetime import timedelta

import orjson

from app.vendors.lio.common import iso
from app.vendors.lio.mail.store import CONFIGS, EVENTS, MEETINGS, MESSAGES
from app.vendors.lio.seeding import ANCHOR

SECRET = "0" * 64        # a stored hash stand-in; never returned
CONFIG_ROWS = [
    (1, "org_acme", 142, "gmail", "you@company.com", "Your Name"),
    (2, "org_acme", 143, "smtp", "rep@company.com", "Riley Rep"),
    (3, "org_globex", 201, "outlook", "admin@globex.test", "Grace Globex"),
]
CORRESPONDENTS = [("jane.doe@northwind.test", "Pricing for 50 seats"), ("omar@initech.test", "Demo follow-up"),
                  ("li.wei@umbrella.test", "Security questionnaire"), ("sara@hooli.test", "Contract renewal"),
                  ("max@vandelay.test", "Intro call next week?"), ("ana@stark.test", "Integration question")]
TRANSCRIPT_LINES = [
    ("host", "Thanks for joining. Let's review where you are with lead routing today."),
    ("guest", "We route leads by hand and lose about a day on each inbound request."),
    ("host", "Automatic assignment by territory and score would remove that delay."),
    ("guest", "Budget is approved for this quarter if the pilot shows results."),
    ("host", "Next step: a two-week pilot with the sales team, starting Monday."),
]


def _transcript(host, guest):
    return orjson.dumps([{"at": f"00:{i * 2:02d}:{(i * 17) % 60:02d}", "speaker": host if who == "host" else guest,
                          "text": text} for i, (who, text) in enumerate(TRANSCRIPT_LINES)]).decode()


def run(sdb, rand, scale, tick):
    stamp = iso(ANCHOR - timedelta(days=60))
    sdb[CONFIGS].insert_all({"id": i, "org_id": o, "user_id": u, "mailer": m, "from_address": a, "from_name": n,
                             "secret": SECRET, "state_id": 1, "created_at": stamp, "updated_at": stamp}
                            for i, o, u, m, a, n in CONFIG_ROWS)
    messages = []
    for config_id, org_id, user_id, _, address, name in CONFIG_ROWS:
        for n, (other, subject) in enumerate(CORRESPONDENTS):
            at = ANCHOR - timedelta(days=n * 2 + 1, hours=rand.randint(0, 8))
            thread = f"thr_seed_{config_id}_{n}"
            base = {"org_id": org_id, "config_id": config_id, "thread_id": thread, "cc": "[]", "bcc": "[]",
                    "user_id": user_id}
            messages.append({**base, "folder": "inbox" if n < 4 else "archive", "from_address": other,
                             "from_name": other.split("@")[0].replace(".", " ").title(),
                             "to_addresses": orjson.dumps([address]).decode(), "subject": subject,
                             "body": f"Hi {name.split()[0]},\n\n{subject}: could you get back to me?\n",
                             "is_read": int(n % 2 == 1), "created_at": iso(at)})
            if n in (1, 3):
                messages.append({**base, "folder": "sent", "from_address": address, "from_name": name,
                                 "to_addresses": orjson.dumps([other]).decode(), "subject": f"Re: {subject}",
                                 "body": "Thanks — happy to help, details below.", "is_read": 1,
                                 "tracking_token": f"trk_seed_{config_id}_{n}", "created_at": iso(at + timedelta(hours=3))})
        messages.append({"org_id": org_id, "config_id": config_id, "thread_id": f"thr_seed_{config_id}_draft",
                         "cc": "[]", "bcc": "[]", "user_id": user_id, "folder": "drafts", "from_address": address,
                         "from_name": name, "to_addresses": orjson.dumps(["prospect@example.test"]).decode(),
                         "subject": "Quick question", "body": "Draft: would a short call this week work?",
                         "is_read": 1, "created_at": iso(ANCHOR - timedelta(hours=5))})
    sdb[MESSAGES].insert_all(messages)
    meetings = []
    for org_id, user_id, host in (("org_acme", 142, "Your Name"), ("org_globex", 201, "Grace Globex")):
        plan = [(-14, 3), (-7, 3), (-3, 3), (-2, 4), (1, 1), (2, 1), (8, 1)] if user_id == 142 else [(-5, 3), (3, 1)]
        for n, (days, status) in enumerate(plan):
            start = (ANCHOR + timedelta(days=days)).replace(hour=10 + n % 5, minute=0)
            guest, subject = CORRESPONDENTS[n % len(CORRESPONDENTS)]
            guest_name = guest.split("@")[0].replace(".", " ").title()
            meetings.append({
                "org_id": org_id, "user_id": user_id, "title": f"{subject} — {guest_name}", "start_time": iso(start),
                "end_time": iso(start + timedelta(minutes=30)), "attendees": orjson.dumps([{"email": guest}]).decode(),
                "meeting_tool": "meet", "meeting_url": f"https://meet.google.com/seed-{org_id[4:]}-{n}",
                "description": f"Call about: {subject.lower()}.", "timezone": "UTC", "status": status,
                "transcript": _transcript(host, guest_name) if status == 3 else None, "source": "seed",
                "created_at": iso(start - timedelta(days=5)), "updated_at": iso(start - timedelta(days=5))})
    sdb[MEETINGS].insert_all(meetings)
    events = []
    for org_id, user_id in (("org_acme", 142), ("org_acme", 143), ("org_globex", 201)):
        for n, (provider, days, hour, title) in enumerate([("google", 1, 14, "Team sync"),
                                                            ("outlook", 2, 9, "Pipeline review"),
                                                            ("google", 3, 12, "Lunch & learn")]):
            start = (ANCHOR + timedelta(days=days)).replace(hour=hour, minute=0)
            events.append({"org_id": org_id, "user_id": user_id, "provider": provider,
                           "external_id": f"evt_seed_{user_id}_{n}", "summary": title, "start_at": iso(start),
                           "end_at": iso(start + timedelta(hours=1)), "time_zone": "UTC", "attendees": "[]",
                           "created_at": iso(ANCHOR - timedelta(days=1))})
    sdb[EVENTS].insert_all(events)
