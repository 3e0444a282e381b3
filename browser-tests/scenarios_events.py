"""Scenarios about events (issue 4): the speaker roster, a speaking tour across cities, a clash warning,
an RSVP without an account confirmed by email, and a conference from its call for proposals to its schedule."""
import datetime
import re

from browser import http_get, read_mail


def day(offset):
    """The date OFFSET days from today, as forms take it."""
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def event_id(person):
    match = re.fullmatch(r"/events/(\d+)", person.path)
    assert match, f"not on an event page: {person.path}"
    return match.group(1)


def add_speaker(carol, center, name):
    """A center's organizer adds a speaker with dates they can travel; returns the speaker's number."""
    carol.open("/speakers/new")
    carol.choose("group", center)
    carol.type("name", name)
    carol.choose("city", "london")
    carol.type("topics", "housing, tenant unions")
    carol.type("bio", "Organized the **rent strike** of 2024.")
    carol.type("contact", "speaker@example.org")
    carol.submit(carol.form_of("name"), "Add the speaker")
    match = re.fullmatch(r"/speakers/(\d+)", carol.path)
    assert match, f"adding a speaker should land on its page, landed on {carol.path}"
    form = carol.form_of("from")
    set_datetime(carol, "from", day(20))
    set_datetime(carol, "until", day(40))
    carol.submit(form, "Add the dates", skip_browser_checks=True)
    assert day(20) in carol.main_text(), "the availability window is not shown"
    carol.shot("speaker-added")
    return match.group(1)


def plan_tour(s, speaker, coalition, stops):
    """The coalition's organizer plans a tour through STOPS [(city slug, host slug)]; each host accepts."""
    alice = s.person("alice", f"Alice Coalition {s.tag}")
    alice.open("/tours/new")
    alice.type("speaker", speaker)
    alice.choose("group", coalition)
    alice.type("title", f"Rent strike tour {s.tag}")
    set_datetime(alice, "from", day(25))
    set_datetime(alice, "until", day(35))
    alice.submit(alice.form_of("speaker"), "Start planning", skip_browser_checks=True)
    tour = alice.path
    assert re.fullmatch(r"/tours/\d+", tour), f"planning a tour should land on its page, landed on {tour}"
    for city, host in stops:
        form = alice.form_of("hosts")
        alice.choose("city", city, form)
        alice.type("hosts", host, form)
        alice.submit(form, "Add the stop")
        assert alice.path == tour, f"adding a stop left the tour page for {alice.path}"
    alice.shot("tour-stops")
    return tour


def accept_stop(person, tour, group_name):
    """The host group's organizer accepts its stop (the planning group's own stop may be accepted already)."""
    person.open(tour)
    label = f"Accept for {group_name}"
    if any(b.text.strip() == label for b in person.all("main button")):
        person.press(label)
    assert f"Accept for {group_name}" not in person.main_text(), f"{group_name} still has to accept"
    person.shot("tour-accepted")


def speaking_tour_and_clash(s):
    """A center adds a speaker; two circles in two cities and a coalition plan a three-stop tour; one circle gets
    a clash warning on the evening of its stop and moves its meeting."""
    carol = s.person("carol", f"Carol Center {s.tag}")
    center = carol.create_group(f"Speakers Center {s.tag}", "center", "Leeds")
    speaker_name = f"Rosa Tour {s.tag}"
    speaker = add_speaker(carol, center, speaker_name)
    ann = s.ann()
    circle, circle_name = s.ensure_circle()
    bo = s.bo()
    glasgow_name = f"Glasgow Renters {s.tag}"
    glasgow = bo.create_group(glasgow_name, "circle", "Glasgow")
    alice = s.person("alice", f"Alice Coalition {s.tag}")
    coalition_name = f"Northern Coalition {s.tag}"
    coalition = alice.create_group(coalition_name, "coalition", "Manchester")
    tour = plan_tour(s, speaker, coalition, [("leeds", circle), ("glasgow", glasgow), ("manchester", coalition)])
    accept_stop(ann, tour, circle_name)
    accept_stop(bo, tour, glasgow_name)
    accept_stop(alice, tour, coalition_name)
    alice.open(tour)
    alice.press("Schedule the tour")
    alice.shot("tour-scheduled")
    assert "scheduled" in alice.main_text().lower(), "the tour page does not say it is scheduled"
    # Each stop is an event co-hosted by its groups, listed on the circles' event pages.
    for someone, slug in ((ann, circle), (bo, glasgow)):
        someone.open(f"/groups/{slug}/events")
        assert speaker_name in someone.main_text(), f"/groups/{slug}/events does not list the tour's talk"
    # The Leeds stop: the circle co-hosts it, so its organizer can read its time in the change form.
    ann.open(f"/groups/{circle}/events")
    ann.click_link(next(a.text for a in ann.all("main .event-card h3 a") if speaker_name in a.text))
    stop = event_id(ann)
    ann.open(f"/events/{stop}/edit")
    start = ann.field("start").get_attribute("value")
    end = ann.field("end").get_attribute("value")
    # The circle plans its own meeting for that evening: the form warns before saving, naming the talk.
    ann.open("/events/new")
    form = ann.form_of("title")
    ann.choose("host", circle, form)
    ann.type("title", f"Circle meeting {s.tag}", form)
    set_datetime(ann, "start", start)
    set_datetime(ann, "end", end)
    ann.type("city", "Leeds", form)
    ann.submit(form, "Schedule the event", skip_browser_checks=True)
    warning = ann.wait_css("section.clash-warning[role=alert]")
    assert speaker_name in warning.text, f"the clash warning does not name the tour's talk: {warning.text!r}"
    assert ann.http_status() in (None, 409), f"the warned form answered {ann.http_status()}"
    ann.shot("clash-warning", full=True)
    # It moves the meeting to the next evening and saves.
    next_start = shift_day(start)
    set_datetime(ann, "start", next_start)
    set_datetime(ann, "end", shift_day(end))
    ann.submit(ann.form_of("title"), "Schedule it anyway", skip_browser_checks=True)
    assert re.fullmatch(r"/events/\d+", ann.path), f"the moved meeting was not saved: {ann.path}"
    assert ann.flash() == "The event is scheduled.", f"flash after moving: {ann.flash()!r}"
    ann.shot("meeting-moved")
    s.tour_stop = stop


def set_datetime(person, name, value):
    """Sets a datetime-local field to VALUE (2026-03-28T19:00) through script: typing into it depends on the
    browser's locale, and a screen reader user would use its own date picker."""
    field = person.field(name)
    person.driver.execute_script("arguments[0].value = arguments[1]", field, value)
    assert field.get_attribute("value") == value, f"{name} did not take {value}"


def errors(person):
    """The field messages on the page, for failure messages."""
    return [e.text for e in person.all("main .field-error, main .form-error")]


def shift_day(local):
    moment = datetime.datetime.fromisoformat(local) + datetime.timedelta(days=1)
    return moment.strftime("%Y-%m-%dT%H:%M")


def rsvp_without_account(s):
    """A person without an account RSVPs to the tour's Leeds talk and confirms the place by the emailed link."""
    if not getattr(s, "tour_stop", None):  # the tour scenario failed: a plain event of the circle's will do
        ann = s.ann()
        circle, _ = s.ensure_circle()
        ann.open("/events/new")
        form = ann.form_of("title")
        ann.choose("host", circle, form)
        ann.type("title", f"Open meeting {s.tag}", form)
        set_datetime(ann, "start", f"{day(50)}T19:00")
        set_datetime(ann, "end", f"{day(50)}T21:00")
        ann.type("city", "Leeds", form)
        ann.submit(form, "Schedule the event", skip_browser_checks=True)
        s.tour_stop = event_id(ann)
    guest = s.anonymous()
    guest.open(f"/events/{s.tour_stop}")
    address = f"guest-{s.tag}@example.org"
    form = guest.form_of("email")
    guest.type("name", "Gil", form)
    guest.type("email", address, form)
    guest.submit(form, "Send me the confirmation link")
    assert "Check your email" in guest.flash(), f"flash after asking: {guest.flash()!r}"
    message = read_mail(s.maildir, address, "Confirm your place")
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+/rsvp/[A-Za-z0-9_-]+", body)
    assert links, f"no confirmation link in the email: {body[:500]!r}"
    path = "/rsvp/" + links[0].rsplit("/rsvp/", 1)[1]
    guest.open(path)
    assert "not confirmed yet" in guest.main_text(), "the link's page does not say the place waits for confirmation"
    guest.press("Confirm my place")
    assert "You're going." in guest.main_text(), "after confirming, the page does not say the guest is going"
    guest.shot("rsvp-confirmed")
    read_mail(s.maildir, address, "You're going")


def conference_runs_a_call(s):
    """A coalition's conference: a call for proposals, two accepted sessions placed in a room, the schedule
    published and seen by a visitor without an account."""
    alice = s.person("alice", f"Alice Coalition {s.tag}")
    coalition = getattr(s, "coalition", None) or alice.create_group(f"Conference Coalition {s.tag}", "coalition", "Leeds")
    alice.open("/events/new")
    form = alice.form_of("title")
    alice.choose("host", coalition, form)
    alice.choose("kind", "conference", form)
    title = f"Northern Left Conference {s.tag}"
    alice.type("title", title, form)
    set_datetime(alice, "start", f"{day(60)}T09:00")
    set_datetime(alice, "end", f"{day(61)}T18:00")
    alice.type("city", "Leeds", form)
    alice.submit(form, "Schedule the event", skip_browser_checks=True)
    conference = event_id(alice)
    alice.click_link("The conference: call for proposals, program and schedule")
    base = f"/events/{conference}/conference"
    settings = alice.form_of("cfpText")
    alice.tick("cfpOpen", True, settings)
    alice.type("cfpText", "Talks and workshops on organizing at work and at home.", settings)
    alice.submit(settings, "Save the settings")
    room = alice.form_of("roomName")
    alice.type("roomName", "Main hall", room)
    alice.submit(room, "Add the room")
    alice.shot("conference-set-up")
    titles = [f"Rent strikes now {s.tag}", f"Organizing the night shift {s.tag}"]
    for someone, proposal in ((s.ann(), titles[0]), (s.bo(), titles[1])):
        someone.open(f"{base}/proposals/new")
        form = someone.form_of("title")
        someone.type("title", proposal, form)
        someone.type("abstract", "What worked, what failed, and what we would do next.", form)
        someone.submit(form, "Send the proposal")
        someone.shot("proposal-sent")
    for proposal in titles:
        alice.open(f"{base}/proposals")
        alice.click_link(proposal)
        alice.press("Accept")
        alice.shot("proposal-accepted")
    alice.open(f"{base}/schedule/edit")
    for hour, proposal in ((10, titles[0]), (11, titles[1])):
        form = alice.form_of("proposal")
        option = next(o for o in alice.field("proposal").find_elements("tag name", "option") if proposal in o.text)
        alice.choose("proposal", option.get_attribute("value"), form)
        hall = next(o for o in alice.field("room").find_elements("tag name", "option") if o.text == "Main hall")
        alice.choose("room", hall.get_attribute("value"), form)
        set_datetime(alice, "start", f"{day(60)}T{hour}:00")
        set_datetime(alice, "end", f"{day(60)}T{hour}:50")
        alice.submit(form, "Place the session", skip_browser_checks=True)
        assert "/schedule/edit" in alice.path, f"placing a session was refused: {errors(alice)}"
    alice.open(base)
    settings = alice.form_of("cfpText")
    alice.tick("schedulePublished", True, settings)
    alice.submit(settings, "Save the settings")
    visitor = s.anonymous()
    visitor.open(f"{base}/schedule")
    text = visitor.main_text()
    for proposal in titles:
        assert proposal in text, f"the published schedule does not show {proposal!r}"
    assert text.index(titles[0]) < text.index(titles[1]), "the schedule is not in time order"
    visitor.shot("schedule-published", full=True)
    status, _, ics = http_get(f"{s.base_url}/events/{conference}/conference/schedule.ics")
    assert status == 200 and ics.count("BEGIN:VEVENT") == 2, "the schedule's iCalendar feed does not hold both sessions"


SCENARIOS = [speaking_tour_and_clash, rsvp_without_account, conference_runs_a_call]
