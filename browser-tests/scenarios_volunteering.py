"""Scenarios about sustainable volunteering (issue 15): a volunteer signs up for a shift, declines an offer
without giving a reason, logs the hours they gave and sees their load against their pledge; an organizer sees
who holds a standing role on the rotation board and hands it over."""
import datetime

from scenarios_events import set_datetime


def post_work(org, slug, kind, title, fields=None, datetimes=None):
    """ORG posts work of KIND on the group's board; lands on its page."""
    org.open(f"/groups/{slug}/work")
    form = org.form_of("title")
    org.choose("kind", kind, form)
    org.type("title", title, form)
    for name, value in (fields or {}).items():
        org.type(name, value, form)
    for name, value in (datetimes or {}).items():
        set_datetime(org, name, value)
    org.shot(f"post-{kind}-filled")
    org.submit(form, "Post")
    assert org.flash() == "Posted.", f"posting {title}: flash {org.flash()!r}"
    assert org.h1() == title, f"the work page's h1 is {org.h1()!r}"
    return org.path


def offer(org, work_path, someone):
    org.open(work_path)
    form = org.form_of("person")
    org.type("person", f"@{someone.handle}", form)
    org.submit(form, "Offer")
    assert org.flash().startswith("Offered."), f"offering: flash {org.flash()!r}"


def accept_offer(person, title=None):
    """PERSON accepts the offer waiting on their own work page (of TITLE, when given), ticking the over-pledge
    consent when it is asked."""
    person.open("/volunteering")
    offers = person.one("section[aria-labelledby=offers]")
    if title is not None:
        assert title in offers.text, f"{title} is not offered: {offers.text!r}"
    for box in person.all("input[type=checkbox]", offers):  # asked only when the work takes them over their pledge
        person.tick(box.get_attribute("name"), True, offers)
    person.press("Accept", offers)
    assert person.flash() == "You took it on. Thank you.", f"accepting: flash {person.flash()!r}"


def volunteer_signs_up_declines_logs_hours_and_sees_load(s):
    org = s.person("vera", f"Vera Swift {s.tag}")
    vol = s.person("wren", f"Wren Tern {s.tag}")
    name = f"Care Circle {s.tag}"
    slug = org.create_group(name, "circle")
    vol.open(f"/groups/{slug}")
    vol.press("Join")
    form = vol.form_of("hours")
    vol.type("hours", "4", form)
    vol.submit(form, "Save pledge")

    start = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    shift = post_work(org, slug, "shift", "Food bank door", {"places": "2"},
                      {"starts": f"{start}T10:00", "ends": f"{start}T12:00"})
    vol.open(f"/groups/{slug}/work")
    vol.click_link("Food bank door")
    vol.press("Sign up")
    assert vol.flash() == "You signed up. Thank you.", f"signing up: flash {vol.flash()!r}"
    assert "1 of 2 places taken." in vol.main_text(), "the shift does not count the place taken"

    task = post_work(org, slug, "task", "Write the spring leaflet", {"minutes": "60"})
    offer(org, task, vol)
    vol.open("/volunteering")
    vol.shot("offer-waiting")
    offers = vol.one("section[aria-labelledby=offers]")
    assert "Write the spring leaflet" in offers.text, "the offer is not on the volunteer's page"
    vol.press("Decline", offers)
    assert vol.flash() == "You declined it.", f"declining: flash {vol.flash()!r}"
    org.open(task)
    assert "declined" not in org.main_text(), "the organizer sees the decline"

    vol.open("/volunteering")
    form = vol.form_of("minutes")
    vol.choose("group", slug, form)
    vol.type("minutes", "90", form)
    vol.type("note", "Sorted the donations", form)
    vol.submit(form, "Log hours")
    assert vol.flash() == "Your hours are logged.", f"logging hours: flash {vol.flash()!r}"
    load = vol.one("section[aria-labelledby=load]").text
    assert "of the 4 you pledged" in load, f"the load section reads {load!r}"
    assert "90 minutes for" in vol.one("section[aria-labelledby=hours]").text, "the logged hours are not listed"
    vol.shot("load")


def organizer_hands_a_role_over(s):
    org = s.person("vera", f"Vera Swift {s.tag}")
    vol = s.person("wren", f"Wren Tern {s.tag}")
    kit = s.person("kit", f"Kit Pipit {s.tag}")
    slug = org.create_group(f"Rota Circle {s.tag}", "circle")
    for someone in (vol, kit):
        someone.open(f"/groups/{slug}")
        someone.press("Join")
    role = post_work(org, slug, "role", "Treasurer", {"weeklyHours": "1", "termMonths": "6"})
    offer(org, role, vol)
    accept_offer(vol)

    org.open(f"/groups/{slug}/rotation")
    org.shot("rotation")
    assert f"Held by Wren Tern {s.tag}" in org.main_text(), "the rotation board does not show who holds the role"
    org.click_link("Hand it over")
    form = org.form_of("checklist")
    org.choose("outgoing", vol.handle, form)
    org.type("incoming", f"@{kit.handle}", form)
    org.type("checklist", "The cash box key is with the secretary.", form)
    org.submit(form, "Record the handover")
    assert org.flash() == "Handed over: the newcomer is offered the role.", f"handing over: flash {org.flash()!r}"
    text = org.main_text()
    assert "handed on" in text and "offered, waiting for an answer" in text, f"the role page reads {text!r}"


SCENARIOS = [volunteer_signs_up_declines_logs_hours_and_sees_load, organizer_hands_a_role_over]
