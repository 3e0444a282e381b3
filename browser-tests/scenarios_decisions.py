"""Scenarios about decisions (issue 13): a coalition whose groups decide by consent, amending a blocked proposal,
and a center electing its editorial board by Scottish STV with a secret ballot and a ballot board.

The election needs 40 voters; signing up 39 of them in a browser would take minutes, so they sign up, join and
vote over plain HTTP (HttpVoter: the same forms, the CSRF token sent back as the form field, as a browser does).
Everything the scenario checks is seen in a browser."""
import datetime
import http.cookiejar
import random
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from browser import By
from scenarios_events import set_datetime

CSRF_COOKIE, CSRF_FIELD = "fg_csrf", "_csrf"


class HttpVoter:
    """A person using the site's forms without a browser: a cookie jar, and each form's CSRF field filled from it."""

    def __init__(self, base_url, handle, display_name):
        self.base_url = base_url
        self.handle = handle
        self.display_name = display_name
        self.password = "kettle-" + secrets.token_hex(8)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path, fields=None):
        """GET PATH, or POST FIELDS to it with the CSRF field; redirects followed. (status, final path, text)."""
        data = None
        if fields is not None:
            token = next((c.value for c in self.jar if c.name == CSRF_COOKIE), None)
            assert token, f"{self.handle}: no {CSRF_COOKIE} cookie before posting to {path}"
            data = urllib.parse.urlencode(list(fields) + [(CSRF_FIELD, token)]).encode()
        try:
            with self.opener.open(self.base_url + path, data=data, timeout=30) as response:
                final = urllib.parse.urlparse(response.geturl()).path
                return response.status, final, response.read().decode("utf-8")
        except urllib.error.HTTPError as refused:
            return refused.code, path, refused.read().decode("utf-8", "replace")

    def post_ok(self, path, fields, what):
        status, final, text = self.request(path, fields)
        assert status == 200, f"{self.handle}: {what} answered {status}: {re.sub(r'<[^>]+>', ' ', text)[:300]!r}"
        return final, text

    def sign_up_and_join(self, slug):
        self.request("/signup")  # gives the CSRF cookie
        final, text = self.post_ok("/signup", [("handle", self.handle), ("display_name", self.display_name),
                                               ("password", self.password), ("next", "/")], "signing up")
        assert 'action="/logout"' in text, f"{self.handle}: not logged in after signing up (on {final})"
        _, _, group_page = self.request(f"/groups/{slug}")
        join = f"/groups/{slug}/join"
        assert f'action="{join}"' in group_page, f"{self.handle}: the group page has no join form"
        self.post_ok(join, [], "joining")

    def rank(self, decision, ranks):
        """Casts a ranked ballot: RANKS maps a choice's index to its rank (1 first). Returns the tracker shown."""
        fields = [(f"option-{i}", str(r)) for i, r in sorted(ranks.items())]
        _, text = self.post_ok(f"/decisions/{decision}/vote", fields, "voting")
        tracker = re.search(r'<code class="tracker">([^<]+)</code>', text)
        assert tracker, f"{self.handle}: the vote's answer shows no tracker"
        return tracker.group(1)


def closes_in(days):
    """A closing time DAYS from now, as the form's datetime-local field takes it in UTC."""
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M")


def decision_id(person):
    match = re.fullmatch(r"/decisions/([^/]+)", person.path)
    assert match, f"expected a decision's page, was on {person.path}"
    return match.group(1)


def open_decision_form(organizer, slug):
    organizer.open(f"/groups/{slug}/decisions")
    organizer.click_link("Put a question to the vote")
    return organizer.form_of("title")


def put_to_vote(organizer, form, title):
    organizer.type("zone", "UTC", form)
    set_datetime(organizer, "closesAt", closes_in(3))
    organizer.shot("decision-filled", full=True)
    organizer.submit(form, "Put it to the vote")
    assert organizer.flash() == "The question is put to the vote.", f"flash: {organizer.flash()!r}"
    assert organizer.h1() == title, f"the decision page's h1 is {organizer.h1()!r}"
    organizer.shot("decision-open")
    return decision_id(organizer)


def close_now(organizer, decision):
    organizer.open(f"/decisions/{decision}")
    organizer.click_link("Close the vote now")
    organizer.shot("close-confirm")
    organizer.press("Close the vote now")
    assert organizer.path == f"/decisions/{decision}", f"closing led to {organizer.path}"
    assert organizer.flash() == "The vote is closed.", f"flash after closing: {organizer.flash()!r}"


def outcome(person):
    return person.one("p.outcome").text.strip()


POSITIONS = {"agree": "Agree", "block": "Block", "stand-aside": "Stand aside"}


def consent(delegate, group, title, position, reason=""):
    """DELEGATE finds TITLE among their decisions and casts GROUP's POSITION (a radio's value); the open vote's
    table of each group's position then shows it with the reason."""
    delegate.open("/decisions")
    delegate.click_link(title)
    delegate.one(f'label[for="position-{position}"]').click()
    assert delegate.one(f"#position-{position}").is_selected(), f"the {position} position was not chosen"
    if reason:
        delegate.type("reason", reason)
    delegate.shot(f"ballot-{position}")
    delegate.press("Cast my vote")
    assert delegate.flash() == "Your vote is counted.", f"{delegate.label}: flash after voting {delegate.flash()!r}"
    row = next((r for r in delegate.all("main table tbody tr") if group in r.text), None)
    assert row is not None, f"{delegate.label}: {group} is not in the table of each group's position"
    assert POSITIONS[position] in row.text and reason in row.text, f"{group}'s position reads {row.text!r}"


def coalition_decides_by_consent_after_amending(s):
    """Three circles and a coalition: the coalition's organizer puts a consent proposal to the circles (one with
    two voices); one blocks with a reason; the organizer closes early, amends the text and puts it to the vote
    again; all consent (one stands aside) and it passes."""
    names, slugs, delegates = [], [], []
    for label, place in (("kai", "Beeston"), ("lou", "Armley"), ("mae", "Harehills")):
        delegate = s.person(label, f"{label.title()} Delegate {s.tag}")
        name = f"{place} Renters Circle {s.tag}"
        slugs.append(delegate.create_group(name, "circle", "Leeds"))
        names.append(name)
        delegates.append(delegate)
    kai, lou, mae = delegates
    org = s.person("otto", f"Otto Coalition {s.tag}")
    coalition_name = f"Leeds Renters Coalition {s.tag}"
    coalition = org.create_group(coalition_name, "coalition", "Leeds")

    title = f"Rent strike at Tower Block {s.tag}"
    form = open_decision_form(org, coalition)
    org.type("title", title, form)
    org.type("body", "All circles withhold rent from 1 March until the repairs are done.", form)
    org.choose("kind", "consent", form)
    org.choose("electorate", "groups", form)
    org.type("units", f"{names[0]}\n{names[1]} = 2\n{names[2]}", form)
    org.tick("secret", False, form)
    decision = put_to_vote(org, form, title)
    rules = org.one("dl.rules").text
    assert "Groups, by their delegates: 4 voices in all" in rules, f"the rules do not name 4 voices: {rules!r}"

    consent(kai, names[0], title, "agree")
    reason = "Half our members have no savings to fall back on if evicted."
    consent(lou, names[1], title, "block", reason)
    consent(mae, names[2], title, "agree")
    close_now(org, decision)
    assert outcome(org).startswith("Blocked by 2."), f"the outcome reads {outcome(org)!r}"
    positions = org.one("main table:last-of-type").text
    assert names[1] in positions and reason in positions, "the blocking circle's position and reason are not shown"
    org.shot("blocked", full=True)

    org.click_link("Amend it and put it to the vote again")
    form = org.form_of("title")
    assert org.field("title", form).get_attribute("value") == f"{title} (amended)", "the amend form lost the title"
    assert names[1] in org.field("units", form).get_attribute("value"), "the amend form lost the voting groups"
    org.type("body", "All circles withhold rent from 1 March; a hardship fund covers members facing eviction.", form)
    amended = put_to_vote(org, form, f"{title} (amended)")
    assert amended != decision, "amending reopened the same decision instead of a new one"

    consent(kai, names[0], f"{title} (amended)", "agree")
    consent(lou, names[1], f"{title} (amended)", "agree", "With the hardship fund we can take part.")
    consent(mae, names[2], f"{title} (amended)", "stand-aside", "We doubt it will work but will not stop it.")
    close_now(org, amended)
    assert outcome(org).startswith("Passed: no block"), f"the outcome reads {outcome(org)!r}"
    org.shot("passed", full=True)


CANDIDATES = ["Asha Patel", "Ben Okafor", "Carla Ruiz", "Dan Whitely", "Esi Mensah", "Femi Adeyemi", "Gita Rao",
              "Hugh Lam"]
SUPPORT = [9, 7, 6, 2, 5, 4, 3, 1]  # how likely each candidate is to be ranked high


def preferences(rng):
    """A ranking of a few candidates, the better supported more often first: choice index -> rank."""
    pool, order = list(range(len(CANDIDATES))), []
    for _ in range(rng.randint(2, 6)):
        pick = rng.choices(pool, weights=[SUPPORT[i] for i in pool])[0]
        pool.remove(pick)
        order.append(pick)
    return {choice: rank for rank, choice in enumerate(order, start=1)}


def center_elects_a_board_by_stv(s):
    """A center of 40 members elects a five-seat editorial board from eight candidates by Scottish STV with a
    secret ballot: a member ranks with the selects and gets a tracker; after the close another member reads who
    was elected, the stage table, the chart and finds the tracker on the ballot board."""
    org = s.person("rosa", f"Rosa Organizer {s.tag}")
    center_name = f"Meanwood Community Press {s.tag}"
    center = org.create_group(center_name, "center", "Leeds", join_policy="open")

    voters = [HttpVoter(s.base_url, f"v{n:02d}_{s.tag}", f"Voter {n} {s.tag}") for n in range(39)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda v: v.sign_up_and_join(center), voters))

    title = f"Editorial board {s.tag}"
    form = open_decision_form(org, center)
    org.type("title", title, form)
    org.type("body", "Five editors for the next year.", form)
    org.choose("kind", "ranked", form)
    org.type("options", "\n".join(CANDIDATES), form)
    org.type("seats", "5", form)
    org.choose("rankedRule", "scottish-stv", form)
    org.tick("secret", True, form)
    decision = put_to_vote(org, form, title)
    rules = org.one("dl.rules").text
    assert "counted by Scottish STV for 5 seats" in rules, f"the rules do not state the count: {rules!r}"
    assert f"The members of {center_name} when the vote was opened: 40" in rules, f"not 40 voters: {rules!r}"

    rng = random.Random(13)
    ballots = [(voter, preferences(rng)) for voter in voters[1:]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda ballot: ballot[0].rank(decision, ballot[1]), ballots))

    # One member votes in the browser, ranking four candidates with the selects.
    member = s.person("vera", sign_up=False)
    member.handle, member.password = voters[0].handle, voters[0].password
    member.login()
    member.signed_up = True
    member.open("/decisions")
    member.click_link(title)
    assert "38 of 40 have voted." in member.main_text(), "the turnout line does not say 38 of 40"
    for choice, rank in ((2, 1), (0, 2), (6, 3), (3, 4)):
        member.choose(f"option-{choice}", str(rank))
    member.shot("ranked")
    member.press("Cast my vote")
    assert member.h1() == "Your vote is counted", f"after voting the page h1 is {member.h1()!r}"
    tracker = member.one("code.tracker").text.strip()
    assert tracker, "no tracker shown"
    member.shot("tracker")

    close_now(org, decision)
    member.open(f"/decisions/{decision}")
    member.shot("results", full=True)
    said = outcome(member)
    assert said.startswith("Elected by Scottish STV"), f"the outcome reads {said!r}"
    text = member.main_text()
    assert "The count, stage by stage" in text, "no stage table"
    stages = member.all("table.stages thead th[scope=col]")
    assert len(stages) >= 3, f"the stage table has only {len(stages) - 1} stages"
    assert len(member.all("main ol li")) == 5, "five candidates should be listed as elected"
    assert member.all('main figure svg[role="img"]'), "no chart (an svg with role img)"
    member.click_link("Ballot board")
    rows = member.all("main table tbody tr")
    assert len(rows) == 39, f"the ballot board lists {len(rows)} ballots, not 39"
    mine = next((r for r in rows if r.find_element(By.CSS_SELECTOR, "th").text.strip() == tracker), None)
    assert mine is not None, f"the tracker {tracker} is not on the ballot board"
    expected = "1. Carla Ruiz, 2. Asha Patel, 3. Gita Rao, 4. Dan Whitely"
    assert expected in mine.text, f"the board shows the ballot as {mine.text!r}"
    member.shot("board", full=True)


SCENARIOS = [
    coalition_decides_by_consent_after_amending,
    center_elects_a_board_by_stv,
]
