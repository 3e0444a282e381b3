"""Scenarios about the library (issue 3): a report from below, its review, the common journal and a debate."""
from browser import By, http_get, xpath_literal


def write_report(worker, journal, journal_name, report, happening):
    """Fills /library/new?kind=report&journal=JOURNAL with REPORT (happening as given) and saves the draft; the
    journal's field shows the group by its name."""
    worker.open(f"/library/new?kind=report&journal={journal}")
    assert worker.h1() == "Write for a journal", f"the form's h1 is {worker.h1()!r}"
    assert worker.field("kind").get_attribute("value") == "report", "the kind was not taken from the address"
    shown = worker.field("journal").get_attribute("value")
    assert shown == journal_name, f"the journal was not taken from the address: {shown!r}"
    worker.type("title", report["title"])
    worker.type("byline", report["pseudonym"])
    worker.tick("pseudonym", True)
    worker.choose("placeKind", "workplace")
    worker.type("sector", report["sector"])
    worker.type("city", report["city"])
    worker.type("placeName", report["place"])
    worker.tick("hidePlace", True)
    worker.type("happening", happening)
    worker.type("doing", report["doing"])
    worker.type("needs", report["needs"])
    worker.submit(worker.form_of("title"), "Save the draft", skip_browser_checks=True)


def report_error_is_announced(worker, journal, journal_name, report):
    """Saving a report without "What is happening" shows the error, tied to the field, and keeps the rest."""
    write_report(worker, journal, journal_name, report, happening="")
    error = worker.wait_css("#happening-error")
    assert worker.http_status() in (None, 422), f"the refused form answered {worker.http_status()}, expected 422"
    assert error.text.strip(), "#happening-error is empty"
    alert = worker.all("main .form-error[role=alert]")
    assert alert and alert[0].text.strip(), "no announced (role=alert) summary above the form"
    field = worker.field("happening")
    assert field.get_attribute("aria-invalid") == "true", "the empty field is not marked aria-invalid"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert "happening-error" in described, f"the field's aria-describedby {described} does not name the error"
    field.click()
    active = worker.driver.switch_to.active_element
    assert active.get_attribute("id") == "happening", "the field with the error cannot be focused"
    for name in ("title", "byline", "sector", "city", "placeName", "needs"):
        assert worker.field(name).get_attribute("value"), f"the {name} typed was lost"
    assert worker.field("pseudonym").is_selected(), "the pseudonym box was unticked by the refused form"
    assert worker.field("hidePlace").is_selected(), "the hide-the-place box was unticked by the refused form"
    worker.shot("report-error", full=True)


def piece_id(person):
    parts = person.path.strip("/").split("/")
    assert len(parts) == 2 and parts[0] == "library" and parts[1].isdigit(), f"not on a piece page: {person.path}"
    return parts[1]


def position_section(person, statement):
    sections = [p for p in person.all("section.position") if person.one("h3", p).text.strip() == statement]
    assert sections, f"no section.position headed {statement!r}"
    return sections[0]


def state_position(person, statement, argument, circle_slug):
    form = person.form_of("statement")
    person.type("statement", statement, form)
    person.type("argument", argument, form)
    stated_for = person.field("group", form)
    label = person.one(f'label[for="{stated_for.get_attribute("id")}"]').text.strip()
    assert label == "Stated for", f"the group select is labelled {label!r}"
    person.choose("group", circle_slug, form)
    person.submit(form, "State the position")
    assert person.flash() == "Your position is stated.", f"flash after stating: {person.flash()!r}"


def reply_to(person, statement, stance, body):
    """Opens "Reply to this position" under STATEMENT, picks STANCE (For/Against), writes BODY, sends."""
    section = position_section(person, statement)
    details = section.find_element(By.XPATH, "./details")
    summary = details.find_element(By.XPATH, "./summary")
    assert summary.text.strip() == "Reply to this position", f"the position's reply toggle reads {summary.text!r}"
    summary.click()
    assert details.get_attribute("open") is not None, "the reply form did not open"
    form = details.find_element(By.TAG_NAME, "form")
    person.radio(stance, form)
    person.type("body", body, form)
    person.submit(form, "Send the reply")
    assert person.flash() == "Your reply is posted.", f"flash after replying: {person.flash()!r}"


def report_travels_from_worker_to_journal_and_debate(s):
    t = s.tag
    editor = s.person("eda", f"Kestrel {t}")
    center_name = f"Riverside Workers Center {t}"
    center = editor.create_group(center_name, "center", "Sheffield")

    worker = s.person("wen", f"Wren Porter {t}")
    report = {
        "title": f"Night shift at the parcel depot {t}", "pseudonym": f"Dock Sparrow {t}",
        "sector": "logistics", "city": "Sheffield", "place": f"Northgate Parcel Depot {t}",
        "doing": "We meet at the gate before the shift and keep a list of every missed break.",
        "needs": "A room to meet in and someone who knows employment law.",
        "happening": "Breaks are cut to ten minutes and the scanners time every trip to the toilet.",
    }
    # -- the worker writes the report: first without what is happening, then complete
    report_error_is_announced(worker, center, center_name, report)
    worker.type("happening", report["happening"])
    worker.submit(worker.form_of("title"), "Save the draft", skip_browser_checks=True)
    number = piece_id(worker)
    assert worker.h1() == report["title"], f"the draft's h1 is {worker.h1()!r}"
    assert "Draft" in worker.one("main p.status").text, "the new piece is not shown as a draft"
    worker.shot("draft")
    worker.press(f"Submit to {center_name}")
    assert worker.flash().startswith("Submitted"), f"flash after submitting: {worker.flash()!r}"
    assert "Submitted" in worker.one("main p.status").text, "the piece is not shown as submitted"
    worker.shot("submitted")

    # -- the center's editor finds it in the queue and accepts it
    editor.open(f"/groups/{center}/submissions")
    queue = editor.main_text()
    assert report["title"] in queue, "the submission is not in the editors' queue"
    editor.shot("queue")
    editor.click_link(report["title"])
    assert piece_id(editor) == number, f"the queue links to {editor.path}, not to /library/{number}"
    assert f"@{worker.handle}" in editor.one("main p.private-note").text, "editors are not told who submitted it"
    assert report["place"] in editor.one("main p.report-place").text, "editors do not see the hidden workplace"
    review = editor.form_of("action")
    editor.choose("action", "accept", review)
    editor.type("note", "Thank you, this is clear and careful.", review)
    editor.shot("review-filled")
    editor.submit(review, "Send")
    assert editor.flash() == "Accepted and published.", f"flash after accepting: {editor.flash()!r}"
    assert not editor.all("main p.status"), "the published piece still shows a status line"
    editor.shot("published")

    # -- a second center's organizer recommends it for the common journal
    organizer = s.person("ola", f"Osprey {t}")
    second_name = f"Eastside Solidarity Center {t}"
    second = organizer.create_group(second_name, "center", "Manchester")
    organizer.open(f"/library/{number}")
    legend = organizer.driver.find_element(By.XPATH, "//main//legend[normalize-space()='Recommend for the journal']")
    recommend = legend.find_element(By.XPATH, "./ancestor::form")
    organizer.choose("group", second, recommend)
    organizer.type("note", "Every depot in the region should read this.", recommend)
    organizer.submit(recommend, "Recommend")
    assert organizer.flash() == "Recommended for the journal.", f"flash after recommending: {organizer.flash()!r}"
    assert second_name in organizer.one("main section.recommended").text, "the piece does not list its recommender"
    organizer.open("/journal")
    cards = [c for c in organizer.all("main li.piece-card") if report["title"] in c.text]
    assert cards, "the recommended piece is not on /journal"
    by = organizer.one("p.recommended-by", cards[0]).text
    assert "Recommended by" in by and second_name in by, f"the journal card says {by!r}"
    organizer.shot("journal", full=True)

    status, kind, feed = http_get(f"{s.base_url}/journal/feed.atom")
    assert status == 200 and "application/atom+xml" in kind, f"/journal/feed.atom answered {status} {kind}"
    assert report["title"] in feed, "the journal's Atom feed lacks the piece's title"
    for secret, what in ((worker.handle, "handle"), (worker.display_name, "name"), (report["place"], "workplace")):
        assert secret not in feed, f"the journal's Atom feed shows the worker's {what}"

    # -- an anonymous visitor reads it: pseudonym, no handle, no exact place
    anon = s.anonymous()
    if anon.logged_in():
        anon.logout()
    anon.open(f"/library/{number}")
    assert anon.h1() == report["title"], f"anonymous visitor sees h1 {anon.h1()!r}"
    page = anon.main_text() + anon.driver.title
    assert report["pseudonym"] in anon.one("main p.meta").text, "the byline does not show the pseudonym"
    for secret, what in ((worker.handle, "handle"), (worker.display_name, "name"), (report["place"], "workplace")):
        assert secret not in page, f"the piece page shows the worker's {what} to an anonymous visitor"
    place = anon.one("main p.report-place").text
    assert "Sheffield" in place and "logistics" in place, f"the report's place line reads {place!r}"
    assert not anon.all("main p.private-note"), "an anonymous visitor sees the private note"
    anon.shot("piece", full=True)

    # -- members of two circles argue about it
    cara = s.person("cara", f"Swift {t}")
    cara_circle_name = f"Bristol Couriers Circle {t}"
    cara_circle = cara.create_group(cara_circle_name, "circle", "Bristol")
    dev = s.person("dev", f"Dipper {t}")
    dev_circle_name = f"Glasgow Warehouse Circle {t}"
    dev_circle = dev.create_group(dev_circle_name, "circle", "Glasgow")

    cara.open(f"/library/{number}")
    cara.click_link("Open a debate about this piece")
    named = cara.field("publication").get_attribute("value")
    assert named in (number, report["title"]), f"the debate form names the piece as {named!r}"
    question = f"Should depot workers strike over breaks now? {t}"
    cara.type("question", question)
    cara.type("description", "The report shows how breaks are being cut. What should we do first?")
    cara.submit(cara.form_of("question"), "Open the debate")
    assert cara.path.startswith("/debates/") and cara.h1() == question, f"opening landed on {cara.path}"
    debate = cara.path
    assert report["title"] in cara.main_text(), "the debate page does not link its piece"
    yes = f"Strike now, while the peak season needs us {t}"
    no = f"Build the union first, strike later {t}"
    state_position(cara, yes, "Peak season is when the depot can least afford a walkout.", cara_circle)

    dev.open(debate)
    state_position(dev, no, "A strike without a union behind it gets people sacked.", dev_circle)
    reply_to(dev, yes, "Against", "Half the night shift are agency workers; they would be let go first.")
    cara.open(debate)
    reply_to(cara, no, "Against", "Waiting for a union means waiting forever; the strike builds the union.")

    for statement, circle_name, opener in ((yes, cara_circle_name, cara), (no, dev_circle_name, dev)):
        section = position_section(cara, statement)
        meta = cara.one("p.meta", section).text
        assert circle_name in meta, f"position {statement!r} is not shown as stated for {circle_name}: {meta!r}"
        replies = cara.all("ol.replies li.reply.stance-against", section)
        assert len(replies) == 1, f"position {statement!r} has {len(replies)} replies against, expected 1"
        other = dev if opener is cara else cara
        assert other.display_name in replies[0].text, f"the reply under {statement!r} is not by {other.label}"
    cara.shot("debate", full=True)
    cara.open(f"/library/{number}")
    piece_links = cara.driver.find_elements(By.XPATH, f"//main//a[normalize-space()={xpath_literal(question)}]")
    assert piece_links, "the piece page does not list the debate about it"


SCENARIOS = [report_travels_from_worker_to_journal_and_debate]
