"""Scenarios about joint campaigns (issue 14): a coalition's campaign that two circles of different trends join,
each with its own statement; joint demands adopted by a vote of the groups; a petition signed through one circle's
page with an opt-in to the other; and the coalition's monthly reports, whose digest arrives by mail."""
import datetime
import re

from browser import By, link_in_mail, read_mail
from scenarios_decisions import close_now, closes_in, consent, decision_id
from scenarios_events import set_datetime

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def with_confirmed_address(s, label, display_name):
    """LABEL signed up with an email address, confirmed from the mailed link (digests go only to addresses)."""
    someone = s.person(label, display_name, sign_up=False)
    someone.handle = f"{label}_{s.tag}"
    address = f"{label}-{s.tag}@example.org"
    someone.signup(email=address)
    someone.open(link_in_mail(read_mail(s.maildir, address, "Confirm your email address"), "/signup/email/"))
    someone.press("Add the address")
    assert address in someone.flash(), f"{label}: confirming the address, the flash is {someone.flash()!r}"
    return someone, address


def campaign_id(person):
    match = re.fullmatch(r"/campaigns/(\d+)", person.path)
    assert match, f"expected a campaign's page, was on {person.path}"
    return match.group(1)


def statement_of(person, group):
    """The text of GROUP's column among the statements side by side on the campaign page."""
    section = person.one("section[aria-labelledby=statements]")
    column = next((a for a in person.all("div.statements > article.position", section)
                   if a.find_element(By.CSS_SELECTOR, "h3").text.strip() == group), None)
    assert column is not None, f"{group} has no column among the statements"
    return column.text


def start_campaign(org, coalition, title):
    org.open("/campaigns")
    org.click_link("Start a campaign")
    form = org.form_of("title")
    org.type("title", title, form)
    org.type("summary", "Every landlord in the city fixes the damp and mould **before winter**.", form)
    org.choose("group", coalition, form)
    org.choose("visibility", "public", form)
    org.choose("adoption", "consent", form)
    org.shot("campaign-filled")
    org.submit(form, "Start the campaign")
    assert org.flash() == "Campaign started. Invite the groups to join.", f"flash: {org.flash()!r}"
    assert org.h1() == title, f"the campaign page's h1 is {org.h1()!r}"
    return campaign_id(org)


def invite(org, campaign, name):
    org.open(f"/campaigns/{campaign}")
    form = org.form_of("group")
    org.type("group", name, form)
    org.submit(form, "Invite")
    assert org.flash() == "Invited. The group's organizers will answer.", f"inviting {name}: {org.flash()!r}"
    waiting = org.one("section[aria-labelledby=invite]").text
    assert f"{name}: asked, no answer yet" in waiting, f"the invitations do not list {name}: {waiting!r}"


def accept_and_state(delegate, campaign, group, position, reservations, slogans):
    """DELEGATE accepts for GROUP on the invitations page, then publishes its statement."""
    delegate.open("/campaigns/invitations")
    delegate.shot("invitations")
    delegate.press(f"Accept for {group}")
    assert delegate.path == f"/campaigns/{campaign}", f"accepting led to {delegate.path}"
    assert delegate.flash() == "Your group now takes part. Publish its statement.", f"flash: {delegate.flash()!r}"
    delegate.click_link(f"Write {group}’s statement")
    form = delegate.form_of("position")
    delegate.type("position", position, form)
    delegate.type("reservations", reservations, form)
    delegate.type("slogans", slogans, form)
    delegate.shot("statement-filled")
    delegate.submit(form, "Publish this version")
    assert delegate.flash() == "Statement published.", f"{group}: flash after publishing {delegate.flash()!r}"
    assert position.split(".")[0] in statement_of(delegate, group), f"{group}'s statement is not in its column"


def adopt_demands(org, campaign, title, groups):
    """ORG writes the joint demands and puts them to the vote; each of GROUPS' (delegate, name) agrees; ORG closes
    the vote early and the campaign page shows the demands adopted."""
    org.open(f"/campaigns/{campaign}")
    assert "No joint demands adopted yet." in org.one("section[aria-labelledby=demands]").text
    org.click_link("Write the joint demands or put them to the vote")
    form = org.form_of("text")
    demands = "1. Damp and mould fixed within 14 days of a report.\n2. No rent rise for a home with open repairs."
    org.type("text", demands, form)
    org.submit(form, "Save as version 1")
    assert org.flash().startswith("Saved as a new version."), f"flash after saving the demands: {org.flash()!r}"
    set_datetime(org, "closesAt", closes_in(3))
    org.shot("demands-written", full=True)
    org.press("Put version 1 to the vote of the groups")
    assert org.flash() == "The groups taking part are asked to vote, by their organizers.", f"flash: {org.flash()!r}"
    decision = decision_id(org)
    vote = f"Joint demands of “{title}” (version 1)"
    assert org.h1() == vote, f"the vote's h1 is {org.h1()!r}"
    for delegate, name in groups:
        consent(delegate, name, vote, "agree")
    close_now(org, decision)
    org.click_link(f"The joint demands of {title}")
    section = org.one("section[aria-labelledby=demands]").text
    assert "Adopted by the groups: version 1" in section, f"the demands are not adopted: {section!r}"
    assert "Damp and mould fixed within 14 days of a report." in section, "the adopted demands' text is not shown"
    assert "Version 1: adopted" in section, f"version 1 is not marked adopted: {section!r}"
    org.shot("demands-adopted", full=True)


def start_petition(delegate, campaign, slug, title):
    delegate.open(f"/campaigns/{campaign}")
    delegate.click_link("Start a petition or pledge")
    form = delegate.form_of("title")
    delegate.choose("group", slug, form)
    delegate.choose("kind", "petition", form)
    delegate.type("title", title, form)
    delegate.type("text", "We, tenants of Leeds, ask the council to **inspect every reported home** this winter.", form)
    delegate.submit(form, "Publish")
    assert delegate.flash() == "Published. Share its signing pages.", f"flash after publishing: {delegate.flash()!r}"
    assert delegate.h1() == title, f"the petition page's h1 is {delegate.h1()!r}"
    match = re.fullmatch(rf"/campaigns/{campaign}/petitions/(\d+)", delegate.path)
    assert match, f"publishing led to {delegate.path}"
    return delegate.path


def contacts_page(delegate, campaign, group):
    delegate.open(f"/campaigns/{campaign}")
    delegate.click_link(f"{group}’s contacts")
    assert delegate.h1().startswith(f"{group}’s contacts"), f"the contacts page's h1 is {delegate.h1()!r}"


def file_report(delegate, coalition_name, group, month, did):
    """DELEGATE opens the coalition's reports from the campaign page's link, the month, and files GROUP's report."""
    delegate.click_link(f"Monthly reports to {coalition_name}")
    delegate.click_link(month)
    delegate.click_link(f"Write {group}’s report")
    form = delegate.form_of("did")
    delegate.type("did", did, form)
    delegate.type("learned", "Tenants come to a meeting when a neighbour knocks, not when a leaflet does.", form)
    delegate.type("needs", "Someone who knows the housing code.", form)
    delegate.submit(form, "Save the report")
    assert delegate.flash() == "Report saved. It goes out with the digest.", f"flash: {delegate.flash()!r}"
    filed = delegate.one("section[aria-labelledby=filed]").text
    assert group in filed and did in filed, f"{group}'s report is not among the reports: {filed!r}"


def coalition_campaign_with_two_circles(s):
    """A coalition starts a campaign adopted by consent and invites two circles of different trends; each accepts
    and publishes its own, opposing statement, shown side by side. The groups adopt the joint demands by a vote
    closed early. A circle starts a petition; a person without an account signs through circle A's page, ticks
    circle B's box and confirms by mail: B's organizer sees the name with its consent time, and so does A's. Every
    group taking part files its report for this month, and the coalition's organizer sends the digest now."""
    org, org_address = with_confirmed_address(s, "nia", f"Nia Coalition {s.tag}")
    pat = s.person("pat", f"Pat Tenant {s.tag}")
    quin = s.person("quin", f"Quin Tenant {s.tag}")
    name_a = f"Holbeck Renters Union {s.tag}"
    name_b = f"Burley Tenants Mutual Aid {s.tag}"
    slug_a = pat.create_group(name_a, "circle", "Leeds",
                              description="Tenants who organize to strike: rent withheld until the repairs are done.")
    slug_b = quin.create_group(name_b, "circle", "Leeds",
                              description="Neighbours who help each other and press the council through the courts.")
    coalition_name = f"Leeds Housing Coalition {s.tag}"
    coalition = org.create_group(coalition_name, "coalition", "Leeds")

    title = f"Dry homes before winter {s.tag}"
    campaign = start_campaign(org, coalition, title)
    invite(org, campaign, name_a)
    invite(org, campaign, name_b)
    org.shot("invited", full=True)

    accept_and_state(pat, campaign, name_a,
                     "A rent strike is the only lever landlords feel. We withhold rent from every home with mould.",
                     "Legal action is slow and tenants are evicted before a court sits.", "No repairs, no rent")
    accept_and_state(quin, campaign, name_b,
                     "A rent strike puts the poorest at risk of eviction. We press the council to enforce the law.",
                     "We will not ask members to withhold rent.", "Enforce the housing code\nDry homes now")
    quin.shot("statements", full=True)
    column_a, column_b = statement_of(quin, name_a), statement_of(quin, name_b)
    assert "withhold rent from every home" in column_a and "No repairs, no rent" in column_a, column_a
    assert "press the council" in column_b and "Dry homes now" in column_b, column_b
    assert "press the council" not in column_a and "withhold rent from every home" not in column_b, \
        "a group's column shows the other group's statement"
    assert quin.all(f'a[href="/campaigns/{campaign}/groups/{slug_b}/statement"]'), "B cannot change its statement"
    assert not quin.all(f'a[href="/campaigns/{campaign}/groups/{slug_a}/statement"]'), \
        "B's organizer is offered to change A's statement"

    adopt_demands(org, campaign, title, [(org, coalition_name), (pat, name_a), (quin, name_b)])

    petition_title = f"Inspect every damp home {s.tag}"
    petition = start_petition(pat, campaign, slug_a, petition_title)

    sam = s.person("sam", sign_up=False)
    signer, signer_address = f"Sam Signer {s.tag}", f"sam-{s.tag}@example.org"
    sam.open(petition)
    assert not sam.logged_in(), "the signer should be signed out"
    sam.click_link(f"Sign the petition through {name_a}")
    form = sam.form_of("name")
    sam.type("name", signer, form)
    sam.type("email", signer_address, form)
    box = sam.field(f"optin-{slug_b}", form)
    assert not box.is_selected(), f"the box for {name_b} is ticked before the signer ticks it"
    sam.tick(f"optin-{slug_b}", True, form)
    sam.shot("signing", full=True)
    sam.submit(form, "Sign the petition")
    assert sam.flash().startswith("Check your email"), f"flash after signing: {sam.flash()!r}"
    sam.open(link_in_mail(read_mail(s.maildir, signer_address, f"Confirm your signature: {petition_title}"),
                          "/campaigns/signatures/"))
    sam.press("Confirm my signature")
    assert sam.flash() == "Confirmed: your signature counts.", f"flash after confirming: {sam.flash()!r}"
    assert f"Also let {name_b} contact me" in sam.main_text(), "the signer's page does not show the box ticked"
    sam.shot("confirmed")
    confirmed_at = datetime.datetime.now(datetime.timezone.utc)

    contacts_page(quin, campaign, name_b)
    opted = quin.all("section[aria-labelledby=opted] li")
    assert len(opted) == 1, f"{name_b} has {len(opted)} opted-in contacts, not 1"
    assert signer in opted[0].text and "consent given" in opted[0].text, f"the opt-in reads {opted[0].text!r}"
    consented = datetime.datetime.fromisoformat(
        opted[0].find_element(By.CSS_SELECTOR, "time").get_attribute("datetime").replace("Z", "+00:00"))
    assert abs((confirmed_at - consented).total_seconds()) < 600, f"the consent time {consented} is not today's"
    assert not quin.all("section[aria-labelledby=own] li"), f"{name_b} lists signers of its own page it never had"
    quin.shot("contacts-b", full=True)
    contacts_page(pat, campaign, name_a)
    own = pat.one("section[aria-labelledby=own]").text
    assert signer in own and signer_address in own, f"{name_a} does not list the signer: {own!r}"
    pat.shot("contacts-a", full=True)

    now = datetime.datetime.now(datetime.timezone.utc)
    month = f"{MONTHS[now.month - 1]} {now.year}"
    for delegate, group, did in ((pat, name_a, "Knocked on 120 doors in Holbeck."),
                                 (quin, name_b, "Filed 14 complaints with the council."),
                                 (org, coalition_name, "Brought the circles together on joint demands.")):
        delegate.open(f"/campaigns/{campaign}")
        file_report(delegate, coalition_name, group, month, did)
    assert "Every group taking part has reported." in org.main_text(), "the digest page still lists a group missing"
    org.shot("reports", full=True)
    org.click_link("Send the digest now")
    org.shot("send-confirm")
    org.press("Send the digest now")
    assert org.flash() == "The digest is on its way to the organizers.", f"flash after sending: {org.flash()!r}"
    assert "The digest went out on" in org.main_text(), "the digest page does not say the digest went out"
    digest = read_mail(s.maildir, org_address, "Monthly reports from your coalition")
    body = digest.get_body(preferencelist=("plain",)).get_content()
    for group, did in ((name_a, "Knocked on 120 doors"), (name_b, "Filed 14 complaints"),
                       (coalition_name, "Brought the circles together")):
        assert f"== {group} ==" in body and did in body, f"the digest mail lacks {group}'s report: {body[:800]!r}"


SCENARIOS = [coalition_campaign_with_two_circles]
