"""Scenarios about study series (issue 5): organizers from two groups build a three-week syllabus, 46 people
from 8 groups enroll, the first session forms breakouts of 6 to 7 that mix groups, note-takers write their
notes, and the report is attached to week 1 and reaches every participant's mailbox."""
import email
import email.policy
import http.cookiejar
import json
import os
import re
import time
import urllib.parse
import urllib.request

from selenium.webdriver.support.ui import Select
from selenium.webdriver.common.by import By

from scenarios_events import day, set_datetime

PASSWORD = "study-kettle-2026"


class Client:
    """A person using the site over plain HTTP (for the crowd a scenario needs around the people in browsers)."""

    def __init__(self, base_url, cookies=None):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.jar))
        host = urllib.parse.urlparse(base_url).hostname
        for name, value in (cookies or {}).items():
            self.jar.set_cookie(http.cookiejar.Cookie(
                0, name, value, None, False, host, False, False, "/", True, False, None, False, None, None, {}))

    def csrf(self):
        token = next((c.value for c in self.jar if c.name == "fg_csrf"), None)
        if token is None:
            self.opener.open(self.base_url + "/login", timeout=15).read()
            token = next(c.value for c in self.jar if c.name == "fg_csrf")
        return token

    def form(self, path, fields):
        data = urllib.parse.urlencode(list(fields.items()) + [("_csrf", self.csrf())]).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method="POST")
        with self.opener.open(request, timeout=15) as response:
            return urllib.parse.urlparse(response.geturl()).path

    def get(self, path):
        request = urllib.request.Request(self.base_url + path, headers={"Accept": "application/json"})
        with self.opener.open(request, timeout=15) as response:
            return json.loads(response.read().decode())

    def api(self, method, path, body):
        request = urllib.request.Request(self.base_url + path, data=json.dumps(body).encode(), method=method,
                                         headers={"Content-Type": "application/json", "Accept": "application/json",
                                                  "X-CSRF-Token": self.csrf()})
        with self.opener.open(request, timeout=15) as response:
            return json.loads(response.read().decode() or "null")


def sign_up(s, handle, email_address):
    """Signs up over HTTP and adds the address by the link sign-up mails to it."""
    client = Client(s.base_url)
    client.form("/signup", {"handle": handle, "display_name": handle.capitalize(), "email": email_address,
                            "password": PASSWORD})
    client.form(email_confirmation_path(s.maildir, email_address), {})
    return client


def email_confirmation_path(maildir, address, timeout=15):
    """The path of the link in the "Confirm your email address" message to ADDRESS."""
    assert maildir, "no --maildir: the browser stage needs the test mail server"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name in sorted(os.listdir(maildir)):
            if not name.endswith(".eml"):
                continue
            with open(os.path.join(maildir, name), "rb") as f:
                raw = f.read()
            if address.encode() not in raw:  # a cheap look first: the directory holds every scenario's mail
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            if str(message.get("Subject", "")) != "Confirm your email address":
                continue
            found = re.search(r"https?://\S+?(/signup/email/[A-Za-z0-9_-]+)", message.get_body(("plain",)).get_content())
            assert found, f"no link in the message to {address}"
            return found.group(1)
        time.sleep(0.3)
    raise AssertionError(f"no confirmation message to {address} arrived in {maildir}")


def browser_client(person):
    """HTTP with the browser's own session, for the organizer's many small API calls."""
    return Client(person.base_url, {c["name"]: c["value"] for c in person.driver.get_cookies()})


def series_id(person):
    match = re.fullmatch(r"/study/(\d+)(/.*)?", person.path)
    assert match, f"not on a series page: {person.path}"
    return match.group(1)


def add_week(person, series, topic, introduction, questions):
    person.open(f"/study/{series}")
    form = person.form_of("topic")
    person.type("topic", topic, form)
    person.type("introduction", introduction, form)
    person.type("questions", "\n".join(questions), form)
    person.submit(form, "Add the week", skip_browser_checks=True)
    assert re.fullmatch(rf"/study/{series}/weeks/\d+", person.path), f"adding a week landed on {person.path}"


def add_reading(person, kind, url, title):
    form = person.form_of("readingUrl")
    person.choose("readingKind", kind, form)
    person.type("readingUrl", url, form)
    person.type("readingTitle", title, form)
    person.submit(form, "Add the reading", skip_browser_checks=True)
    assert person.flash() == "Reading added.", f"flash after a reading: {person.flash()!r}"


def reports_in(maildir, subject_start):
    """Every message in MAILDIR whose subject starts with SUBJECT_START, by recipient."""
    found = {}
    for name in sorted(os.listdir(maildir)):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(maildir, name), "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        if str(message.get("Subject", "")).startswith(subject_start):
            found.setdefault(str(message["X-Envelope-To"]), []).append(message)
    return found


def study_series_from_syllabus_to_report(s):
    """Two circles run a reading series: syllabus, 46 people from 8 groups, breakouts, notes and the report."""
    assert s.maildir, "no --maildir: the browser stage needs the test mail server"
    ann = s.ann()
    leeds, _ = s.ensure_circle()
    gil = s.person("gil", f"Curlew {s.tag}")
    glasgow = gil.create_group(f"Glasgow Reading Circle {s.tag}", "circle", "Glasgow")

    # Ann starts the series for her circle and invites Glasgow; Gil accepts for his circle.
    ann.open("/study/new")
    form = ann.form_of("title")
    ann.type("title", f"Revolutions of 1848 {s.tag}", form)
    ann.type("description", "A weekly reading and discussion series, open to all.", form)
    ann.choose("group", leeds, form)
    ann.submit(form, "Start the series", skip_browser_checks=True)
    series = series_id(ann)
    ann.type("group", glasgow)
    ann.submit(ann.form_of("group"), "Invite")
    gil.open("/study")
    assert "asks" in gil.main_text() and "to co-organize" in gil.main_text(), "Gil is not asked to co-organize"
    gil.press("Accept")
    assert "co-organizes" in gil.flash(), f"flash after accepting: {gil.flash()!r}"
    gil.shot("co-organizing")

    # Three weeks, written by both organizers, with readings of both kinds and a long film.
    add_week(ann, series, "The February days", "How a banquet campaign became a republic.", ["Who fought?", "Why so fast?"])
    add_reading(ann, "critical review", "https://archive.example.org/overview", "A continent in revolt")
    add_reading(ann, "from the archive", "https://archive.example.org/proclamation", "The proclamation")
    form = ann.form_of("mediaTitle")
    ann.choose("mediaKind", "film", form)
    ann.type("mediaTitle", "La Commune", form)
    ann.type("mediaUrl", "https://films.example.org/commune.mp4", form)
    ann.type("mediaSizeMB", "2100", form)
    ann.submit(form, "Add", skip_browser_checks=True)
    form = ann.form_of("start")
    set_datetime(ann, "start", f"{day(1)}T19:00")
    ann.type("city", "Leeds", form)
    ann.type("address", "Quaker Meeting House", form)
    ann.type("onlineURL", "https://meet.example.org/1848", form)
    ann.submit(form, "Schedule", skip_browser_checks=True)
    assert ann.flash() == "Session scheduled.", f"flash after scheduling: {ann.flash()!r}"
    ann.open(f"/study/{series}/weeks/1")
    text = ann.main_text()
    for shown in ("A continent in revolt", "The proclamation", "La Commune", "(download, ", "Who fought?"):
        assert shown in text, f"week 1 does not show {shown!r}"
    ann.shot("week-1", full=True)
    add_week(gil, series, "The June days", "The national workshops and the rising.", ["What were the workshops for?"])
    add_reading(gil, "critical review", "https://archive.example.org/june", "Bread and the republic")
    add_week(gil, series, "Vienna, Berlin, Budapest", "The revolution spreads east.", ["What split the movements?"])
    add_reading(gil, "from the archive", "https://archive.example.org/vienna", "Demands of the Vienna students")
    ann.open(f"/study/{series}")
    text = ann.main_text()
    for topic in ("The February days", "The June days", "Vienna, Berlin, Budapest"):
        assert topic in text, f"the syllabus does not list {topic}"
    ann.shot("syllabus", full=True)

    # 46 people from 8 groups: six more circles, and people in each of the eight; one enrolls in a browser.
    groups = [leeds, glasgow]
    for number in range(6):
        founder = sign_up(s, f"founder{number}_{s.tag}", f"founder{number}-{s.tag}@example.org")
        landed = founder.form("/groups", {"name": f"Circle {number} {s.tag}", "kind": "circle",
                                          "description": "A circle.", "place_kind": "city", "city": "Leeds",
                                          "visibility": "public", "join_policy": "open", "basis": "Solidarity."})
        assert landed.startswith("/groups/"), f"creating a circle landed on {landed}"
        groups.append(landed.removeprefix("/groups/"))
    hana = s.person("hana", sign_up=False)
    hana.handle = f"hana_{s.tag}"
    hana.open("/signup")
    hana.type("handle", hana.handle)
    hana.type("display_name", f"Hana {s.tag}")
    hana.type("email", f"hana-{s.tag}@example.org")
    hana.type("password", hana.password)
    hana.submit(hana.form_of("handle"))
    hana.signed_up = True
    # The address counts once Hana follows the link mailed to it.
    hana.open(email_confirmation_path(s.maildir, f"hana-{s.tag}@example.org"))
    hana.press("Add the address")
    assert "is now the email address of" in hana.flash(), f"flash after the link: {hana.flash()!r}"
    hana.open(f"/groups/{glasgow}")
    hana.press("Join")
    hana.open(f"/study/{series}")
    hana.tick("newcomer")
    hana.press("Enroll")
    assert "You are enrolled" in hana.main_text(), "Hana's enrollment does not show"
    hana.shot("enrolled")
    group_of = {hana.handle: glasgow}
    emails = {hana.handle: f"hana-{s.tag}@example.org"}
    crowd = {}
    for number in range(45):
        handle = f"reader{number}_{s.tag}"
        emails[handle] = f"reader{number}-{s.tag}@example.org"
        client = sign_up(s, handle, emails[handle])
        group = groups[(number + 2) % 8]
        client.form(f"/groups/{group}/join", {})
        answer = client.api("POST", f"/api/v1/study/{series}/enrollment", {"newcomer": number % 5 == 0, "online": number < 6})
        assert answer["status"] == "enrolled", f"{handle} could not enroll: {answer}"
        group_of[handle] = group
        crowd[handle] = client
    ann.open(f"/study/{series}")
    assert "46 participants" in ann.main_text(), "the series does not count 46 participants"

    # The session: everyone is recorded (six online), the first three with the roll call on Ann's session page
    # (one choice each, one Save) and the rest over the API with her session, and Ann forms breakouts of 6 in her
    # browser.
    # (The API first: the roll call saves what its page shows for everyone, so it is opened after.)
    organizer = browser_client(ann)
    marked = {}
    for number, handle in enumerate(group_of):
        mode = "online" if 1 <= number <= 6 else "room"
        if number < 3:
            marked[handle] = mode
        else:
            organizer.api("PUT", f"/api/v1/study/{series}/weeks/1/attendance/{handle}", {"mode": mode})
    ann.open(f"/study/{series}/weeks/1/session")
    for handle, mode in marked.items():
        ann.choose(f"mode-{handle}", mode)
    ann.press("Save attendance")
    ann.open(f"/study/{series}/weeks/1/session")
    for handle, mode in marked.items():
        chosen = Select(ann.field(f"mode-{handle}")).first_selected_option.get_attribute("value")
        assert chosen == mode, f"{handle}'s roll call reads {chosen!r}, not {mode!r}"
    ann.open(f"/study/{series}/weeks/1/session")
    assert "Attendance (46 here)" in ann.main_text(), "the attendance does not count 46"
    form = ann.form_of("size")
    ann.type("size", "6", form)
    assert ann.field("keepOnlineTogether", form).is_selected(), "online people are not kept together by default"
    ann.submit(form, "Form breakouts", skip_browser_checks=True)
    assert ann.flash() == "Breakouts formed.", f"flash after forming: {ann.flash()!r}"
    assert "Mixing score:" in ann.main_text(), "no mixing score"
    ann.shot("breakouts", full=True)
    rooms = organizer.get(f"/api/v1/study/{series}/weeks/1/breakouts")["rooms"]
    assert len(rooms) == 7, f"expected 7 breakouts for 46 people, got {len(rooms)}"
    placed = [m["handle"] for room in rooms for m in room["members"]]
    assert sorted(placed) == sorted(group_of), "the breakouts do not hold each of the 46 exactly once"
    # Breakouts.sizes: 46 // 6 = 7 breakouts, the 4 left over go one each to the first four.
    assert sorted(len(room["members"]) for room in rooms) == [6, 6, 6, 7, 7, 7, 7]
    for room in rooms:
        members = [m["handle"] for m in room["members"]]
        assert 6 <= len(members) <= 7, f"breakout {room['number']} has {len(members)} people"
        mixed = {group_of[h] for h in members}
        assert len(mixed) >= 3, f"breakout {room['number']} mixes only {len(mixed)} groups"

    # Note-takers: Hana takes on her breakout's notes in her browser; Ann names two elsewhere, one writes by API.
    hanas = next(r for r in rooms if hana.handle in [m["handle"] for m in r["members"]])
    other, third = [r for r in rooms if r["number"] != hanas["number"]][:2]
    taker = other["members"][0]["handle"]
    hana.open(f"/study/{series}/weeks/1/session")
    assert "Your breakout" in hana.main_text()
    hana.press("Take the notes")
    hana.click_link("Write the notes")
    hana.type("notes", "We started from who fought on the barricades: craft workers more than factory hands.")
    hana.press("Save the notes")
    assert hana.flash() == "Notes saved.", f"flash after notes: {hana.flash()!r}"
    hana.shot("notes")
    for room, handle in ((other, taker), (third, third["members"][-1]["handle"])):
        form = ann.one(f'form[action$="/breakouts/{room["number"]}/note-taker"]')
        ann.choose("handle", handle, form)
        ann.submit(form, "Name")
    named = {r["number"]: r.get("noteTaker") for r in organizer.get(f"/api/v1/study/{series}/weeks/1/breakouts")["rooms"]}
    assert named[other["number"]] == taker and named[third["number"]] == third["members"][-1]["handle"], \
        f"the named note-takers are not recorded: {named}"
    assert named[hanas["number"]] == hana.handle, f"Hana is not her breakout's note-taker: {named}"
    crowd[taker].api("PUT", f"/api/v1/study/{series}/weeks/1/breakouts/{other['number']}/notes",
                     {"notes": "The clubs carried the revolution, not the government."})
    ann.open(f"/study/{series}/weeks/1/session")
    text = ann.main_text()
    assert "craft workers" in text and "The clubs carried" in text, "the organizer does not see all notes together"
    ann.shot("all-notes", full=True)

    # The report: attached to week 1 and sent to the list.
    form = ann.form_of("report")
    ann.type("report", "Thirty-nine of us met, seven online.\n\n- Who fought on the barricades\n- The clubs", form)
    assert ann.field("send", form).is_selected(), "sending to the list is not the default for a first report"
    ann.submit(form, "Save the report", skip_browser_checks=True)
    assert ann.flash() == "Report saved and sent to the list.", f"flash after the report: {ann.flash()!r}"
    ann.open(f"/study/{series}/weeks/1")
    assert "Session report" in ann.main_text() and "Thirty-nine of us met" in ann.main_text()
    ann.shot("week-1-report", full=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = reports_in(s.maildir, "Report: Revolutions of 1848")
        if all(address in found for address in emails.values()):
            break
        time.sleep(0.5)
    missing = [address for address in emails.values() if address not in found]
    assert not missing, f"{len(missing)} participants got no report, such as {missing[:3]}"
    for address in emails.values():
        assert len(found[address]) == 1, f"{address} got {len(found[address])} reports"
        message = found[address][0]
        assert str(message["List-Unsubscribe"]).startswith("<http"), f"List-Unsubscribe: {message['List-Unsubscribe']!r}"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Thirty-nine of us met" in message.get_body(preferencelist=("plain",)).get_content()

    # Hana follows the unsubscribe link from her mail.
    link = str(found[emails[hana.handle]][0]["List-Unsubscribe"]).strip("<>")
    hana.open(urllib.parse.urlparse(link).path)
    hana.press("Stop the emails")
    assert "You get no more emails" in hana.main_text(), "unsubscribing did not say it worked"
    hana.shot("unsubscribed")


SCENARIOS = [study_series_from_syllabus_to_report]
