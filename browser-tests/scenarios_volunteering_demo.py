"""Scenarios about sustainable volunteering (issue 15) on the demo data, at the server run.py's --demo-url names.

In the first public group demo1 organizes, `freshground demo` writes a treasurer's role demo1 has held past its
six-month term and two years of joins and logged hours in which many people went quiet
(Sources/Freshground/Demo/VolunteeringDemo.swift). The figures page shows that revolving door; the rotation board
marks the role due, and the organizer hands it on. The handover changes the database, so these scenarios want it
freshly filled (scripts/test fills one for every run); the figures come first, before the role changes hands.
"""
import re
from scenarios_volunteering import accept_offer

ORGANIZER = "demo1"
# A member of demo1's group since about two years, with hours pledged (the demo's seeded memberships). The demo
# gives nobody the treasurer's skill, so they say on their own page that they keep accounts, and the rotation board
# can name someone to ask.
BOOKKEEPER = "demo101"
ROLE = "Treasurer"


def open_board(org):
    """From ORG's own page, through the role they hold, to the group's work board; returns (slug, group name)."""
    org.open("/volunteering")
    held = org.one("section[aria-labelledby=held]")
    links = [a for a in org.all("a", held) if a.text.strip() == ROLE]
    assert links, f"{org.handle} holds no {ROLE} role on /volunteering (is --demo-url a fresh demo?): {held.text!r}"
    org.click(links[0])
    org.click_link("Back to the board")
    match = re.fullmatch(r"/groups/([^/]+)/work", org.path)
    assert match, f"'Back to the board' led to {org.path}, not a group's work board"
    assert org.h1().endswith(": work"), f"the board's h1 is {org.h1()!r}"
    return match.group(1), org.h1()[: -len(": work")]


def role_on_board(org):
    """The rotation board's item for the role, as a list item element."""
    items = [li for li in org.all("main ul.items > li") if org.one("h2 a", li).text.strip() == ROLE]
    assert len(items) == 1, f"the rotation board lists {len(items)} roles called {ROLE}: {org.main_text()!r}"
    return items[0]


def volunteering_demo_figures_show_the_revolving_door(s):
    org = s.demo_person(ORGANIZER)
    slug, group = open_board(org)
    org.click_link("Figures")
    assert org.path == f"/groups/{slug}/figures", f"'Figures' led to {org.path}"
    assert org.h1() == f"{group}: volunteering figures", f"the figures page's h1 is {org.h1()!r}"
    org.shot("figures", full=True)

    turnover = org.one("section[aria-labelledby=turnover]").text
    door = re.search(r"Revolving door: (\d+\.\d\d) — in the last 12 months (\d+) people left for (\d+) who joined",
                     turnover)
    assert door, f"the revolving door is not shown with a ratio and counts: {turnover[:400]!r}"
    ratio, left, joined = float(door.group(1)), int(door.group(2)), int(door.group(3))
    assert left >= 5 and joined >= 5, f"the ratio is shown from fewer than 5 people: {door.group(0)!r}"
    assert abs(ratio - left / joined) < 0.006, f"{ratio} is not {left} left / {joined} joined"

    # Drawn on the server: the page has no script, yet every chart is an SVG picture with its title and description,
    # and the same figures as a table whose caption is that title.
    assert org.driver.execute_script("return document.scripts.length") == 0, "the figures page runs a script"
    charts = org.all("main figure.chart")
    assert len(charts) >= 5, f"the figures page has {len(charts)} charts"
    titles = []
    for chart in charts:
        svg = org.one("svg[role=img]", chart)
        title_id, desc_id = svg.get_attribute("aria-labelledby").split()
        title = org.one(f"title#{title_id}", svg).get_attribute("textContent").strip()
        assert title and org.one(f"desc#{desc_id}", svg).get_attribute("textContent").strip(), \
            f"a chart's SVG lacks its title or description ({title_id!r})"
        caption = org.one("details table.chart-table caption", chart).get_attribute("textContent").strip()
        assert caption == title, f"the table under {title!r} is captioned {caption!r}"
        titles.append(title)
    assert "Joined and left, month by month" in titles, f"no turnover chart among {titles}"

    chart = charts[titles.index("Joined and left, month by month")]
    org.one("details > summary", chart).click()
    table = org.one("table.chart-table", chart)
    assert table.is_displayed(), "the turnover table does not open"
    org.check_accessibility()
    rows = {org.one("th[scope=row]", tr).text.strip(): [td.text.strip() for td in org.all("td", tr)]
            for tr in org.all("tbody tr", table)}
    assert set(rows) == {"Joined", "Left"}, f"the turnover table's rows are {sorted(rows)}"
    assert all(len(cells) == 12 for cells in rows.values()), f"the turnover table does not cover 12 months: {rows}"
    assert all(re.fullmatch(r"\d+|<5", cell) for cells in rows.values() for cell in cells), f"odd cells: {rows}"
    org.driver.execute_script("arguments[0].scrollIntoView()", table)
    org.shot("turnover-table")

    roles = org.one("section[aria-labelledby=roles]")
    org.click(org.one("a", roles))
    assert org.path == f"/groups/{slug}/rotation", f"the figures' link to the rotation board led to {org.path}"


def volunteering_demo_organizer_hands_over_a_role_due_for_rotation(s):
    org = s.demo_person(ORGANIZER)
    slug, group = open_board(org)
    org.click_link("Rotation")
    assert org.h1() == f"{group}: rotation", f"the rotation board's h1 is {org.h1()!r}"
    org.shot("rotation-due")
    item = role_on_board(org)
    assert "rotation due" in org.one("h2", item).text, f"{ROLE} is not marked rotation due: {item.text!r}"
    assert re.search(rf"Held by [^;]*\(@{ORGANIZER}\) since \d{{4}}-\d\d-\d\d\.", item.text), \
        f"the board does not say {ORGANIZER} holds {ROLE}: {item.text!r}"

    keeper = s.demo_person(BOOKKEEPER)
    keeper.open("/volunteering")
    form = keeper.form_of("has")
    keeper.type("has", "accounts", form)
    keeper.submit(form, "Save skills")
    assert keeper.flash() == "Your skills are saved.", f"saving skills: flash {keeper.flash()!r}"

    org.open(f"/groups/{slug}/rotation")
    item = role_on_board(org)
    assert "Could take it next:" in item.text, f"the board names nobody to take {ROLE} next: {item.text!r}"
    org.shot("rotation-successors")
    org.click(org.one("a[href$='/handover']", item))
    suggested = [p.text for p in org.all("main p") if p.text.startswith("Could take it:")]
    assert suggested, f"the handover page names nobody who could take {ROLE}: {org.main_text()!r}"
    successor = re.findall(r"@([A-Za-z0-9_]+)", suggested[0])[0]
    form = org.form_of("checklist")
    org.choose("outgoing", ORGANIZER, form)
    org.type("incoming", f"@{successor}", form)
    org.type("checklist", "The bank mandate form is in the office drawer; the books close in March.", form)
    org.shot("handover-filled")
    org.submit(form, "Record the handover")
    assert org.flash() == "Handed over: the newcomer is offered the role.", f"handing over: flash {org.flash()!r}"
    text = org.main_text()
    assert "handed on" in text and "offered, waiting for an answer" in text, f"the role page reads {text!r}"

    accept_offer(s.demo_person(successor), ROLE)

    org.open(f"/groups/{slug}/rotation")
    org.shot("rotation-after")
    item = role_on_board(org)
    assert "rotation due" not in org.one("h2", item).text, f"{ROLE} is still due after the handover: {item.text!r}"
    assert re.search(rf"Held by [^;]*\(@{successor}\) since \d{{4}}-\d\d-\d\d\.", item.text), \
        f"the board does not say @{successor} holds {ROLE} now: {item.text!r}"
    assert f"(@{ORGANIZER})" not in item.text.split("Before:")[0], f"{ORGANIZER} still holds {ROLE}: {item.text!r}"
    assert re.search(rf"Before: [^;]*\(@{ORGANIZER}\), \d{{4}}-\d\d-\d\d to \d{{4}}-\d\d-\d\d", item.text), \
        f"the board does not keep {ORGANIZER}'s term in the role's history: {item.text!r}"
    assert "1 handover recorded." in item.text, f"the board does not count the handover: {item.text!r}"


SCENARIOS = [volunteering_demo_figures_show_the_revolving_door,
             volunteering_demo_organizer_hands_over_a_role_due_for_rotation]
