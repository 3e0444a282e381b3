#!/usr/bin/env python3
"""Freshground browser tests: people using the site through its pages only.

Each scenario drives headless Chromium (Debian's chromium + chromium-driver) the
way a person would: typing into labelled fields and clicking buttons and links.
Every step saves a screenshot; the run writes a JUnit XML report and prints
"N passed, N failed". Handles and group names carry a random suffix, so the
tests can run against a database that already holds data.

    python3 browser-tests/run.py --base-url http://127.0.0.1:8080 \
        --screenshots build/screenshots --junit build/browser-junit.xml
"""
import argparse
import os
import re
import secrets
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    sys.exit("run.py needs Selenium 4: apt-get install python3-selenium (or pip install selenium)")

WAIT_SECONDS = 15
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBMIT = "button[type=submit], button:not([type]), input[type=submit]"


def new_driver():
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


def xpath_literal(text):
    assert "'" not in text, f"cannot quote {text!r}"
    return f"'{text}'"


class Recorder:
    """Numbers and saves the screenshots of a run: DIR/NN-step-name.png."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.scenario = ""
        self.files = []
        os.makedirs(directory, exist_ok=True)

    def shot(self, driver, step):
        self.count += 1
        name = re.sub(r"[^a-z0-9]+", "-", f"{self.scenario}-{step}".lower()).strip("-")
        path = os.path.join(self.directory, f"{self.count:02d}-{name}.png")
        driver.save_screenshot(path)
        self.files.append(path)
        return path


class Person:
    """One person at one browser. Knows how to use the site's pages."""

    def __init__(self, label, base_url, recorder, handle=None, display_name=None):
        self.label = label
        self.base_url = base_url
        self.recorder = recorder
        self.handle = handle
        self.display_name = display_name
        self.password = "kettle-" + secrets.token_hex(8)
        self.signed_up = False
        self.attempts = 0
        self.driver = new_driver()

    # -- low-level helpers -------------------------------------------------
    def shot(self, step):
        return self.recorder.shot(self.driver, f"{self.label}-{step}")

    def wait(self, condition, message):
        return WebDriverWait(self.driver, WAIT_SECONDS).until(condition, message)

    def wait_css(self, css):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, css)), f"{css} never appeared")

    def all(self, css, scope=None):
        return (scope or self.driver).find_elements(By.CSS_SELECTOR, css)

    def one(self, css, scope=None):
        return (scope or self.driver).find_element(By.CSS_SELECTOR, css)

    def open(self, path):
        self.driver.get(self.base_url + path)
        self.wait_css("main#main")

    @property
    def path(self):
        return urlparse(self.driver.current_url).path

    def h1(self):
        found = self.all("h1")
        return found[0].text.strip() if found else ""

    def field(self, name, scope=None):
        """The input named NAME, checked to have a <label for=...>."""
        element = self.one(f'main [name="{name}"]', scope)
        field_id = element.get_attribute("id")
        assert field_id, f"field {name!r} has no id, so no label can point at it"
        assert self.all(f'label[for="{field_id}"]'), f"field {name!r} has no <label for={field_id}>"
        return element

    def type(self, name, value, scope=None):
        element = self.field(name, scope)
        element.clear()
        element.send_keys(value)

    def choose(self, name, value, scope=None):
        Select(self.field(name, scope)).select_by_value(value)

    def form_of(self, name):
        return self.field(name).find_element(By.XPATH, "./ancestor::form")

    def _click_and_wait(self, element):
        page = self.one("html")
        element.click()
        self.wait(EC.staleness_of(page), "the page did not change after the click")
        self.wait_css("main#main")

    def submit(self, form, button_text=None, skip_browser_checks=False):
        """Clicks the form's button (the one reading BUTTON_TEXT, when given)."""
        if skip_browser_checks:  # let the server, not the browser, judge the input
            self.driver.execute_script("arguments[0].noValidate = true", form)
        if button_text:
            text = xpath_literal(button_text)
            button = form.find_element(
                By.XPATH, f".//button[normalize-space()={text}] | .//input[@type='submit' and @value={text}]")
        else:
            button = self.one(SUBMIT, form)
        self._click_and_wait(button)

    def click_link(self, text):
        self._click_and_wait(self.driver.find_element(By.XPATH, f"//a[normalize-space()={xpath_literal(text)}]"))

    def logged_in(self):
        return bool(self.all('header form[action="/logout"]'))

    def http_status(self):
        """The main document's HTTP status, when the browser reports it (else None)."""
        status = self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null")
        return status or None

    # -- what a person does ------------------------------------------------
    def signup(self):
        self.open("/signup")
        self.shot("signup-page")
        self.type("handle", self.handle)
        self.type("display_name", self.display_name)
        self.type("password", self.password)
        self.shot("signup-filled")
        self.submit(self.form_of("handle"))
        self.wait_css('header form[action="/logout"]')
        assert self.path == "/", f"after signing up, expected to be on / but was on {self.path}"
        self.signed_up = True
        self.shot("signed-up")

    def login(self):
        self.open("/login")
        self.type("login", self.handle)
        self.type("password", self.password)
        self.submit(self.form_of("login"))
        self.wait_css('header form[action="/logout"]')
        self.shot("logged-in")

    def logout(self):
        self.submit(self.one('header form[action="/logout"]'), "Log out")
        assert not self.logged_in(), "still logged in after Log out"

    def create_group(self, name, kind, city="Leeds", description=""):
        """Fills /groups/new; returns the new group's slug (read off the URL)."""
        self.open("/groups/new")
        self.shot(f"new-{kind}-page")
        self.type("name", name)
        self.choose("kind", kind)
        self.type("description", description or f"A {kind} in {city}.")
        self.choose("place_kind", "city")
        self.type("city", city)
        self.choose("visibility", "public")
        self.choose("join_policy", "open")
        self.type("basis", f"We are a **{kind}** in {city}.\n\n- mutual aid\n- solidarity")
        self.shot(f"new-{kind}-filled")
        self.submit(self.form_of("name"))
        match = re.fullmatch(r"/groups/([^/]+)", self.path)
        assert match, f"creating a group should land on /groups/SLUG, landed on {self.path}"
        assert self.h1() == name, f"group page h1 is {self.h1()!r}, expected {name!r}"
        self.shot(f"{kind}-created")
        return match.group(1)

    def follow(self, slug, with_group):
        self.open(f"/groups/{slug}")
        form = self.wait_css("form#follow-form")
        self.choose("group", with_group, form)
        self.shot("follow-chosen")
        self.submit(form, "Follow")
        self.shot("followed")

    def post(self, slug, title, body):
        self.open(f"/groups/{slug}")
        self.click_link("New post")
        self.type("title", title)
        self.type("body", body)
        self.shot("post-filled")
        self.submit(self.form_of("title"))
        assert re.fullmatch(rf"/groups/{re.escape(slug)}/posts/[^/]+", self.path), \
            f"after posting, expected the post page, got {self.path}"
        assert title in self.one("main#main").text, "the post page does not show the title"
        self.shot("posted")


class Suite:
    def __init__(self, base_url, recorder):
        self.base_url = base_url
        self.recorder = recorder
        self.tag = secrets.token_hex(3)
        self.people = {}
        self.circle = None  # (slug, name)
        self.center = None

    def person(self, label, display_name=None, sign_up=True):
        """The person called LABEL, with a browser of their own; signed up on first use."""
        if label not in self.people:
            self.people[label] = Person(label, self.base_url, self.recorder, None, display_name)
        someone = self.people[label]
        if sign_up and not someone.signed_up:
            someone.attempts += 1  # a fresh handle if an earlier scenario's signup broke halfway
            someone.handle = f"{label.lower()}_{self.tag}" + (f"_{someone.attempts}" if someone.attempts > 1 else "")
            someone.signup()
        return someone

    def ann(self):
        return self.person("ann", f"Red Kite {self.tag}")

    def bo(self):
        return self.person("bo", f"Night Heron {self.tag}")

    def anonymous(self):
        return self.person("anon", sign_up=False)

    def ensure_circle(self):
        if not self.circle:
            name = f"Leeds Tenants Circle {self.tag}"
            self.circle = (self.ann().create_group(name, "circle", "Leeds"), name)
        return self.circle

    def close(self):
        for someone in self.people.values():
            try:
                someone.driver.quit()
            except Exception:
                pass


# -- scenarios -----------------------------------------------------------------
def follow_brings_center_posts_to_circle_feed(s):
    a, b = s.ann(), s.bo()
    circle, circle_name = s.ensure_circle()
    center_name = f"Hyde Park Resource Center {s.tag}"
    center = b.create_group(center_name, "center", "Leeds")
    s.center = (center, center_name)
    a.follow(center, circle)
    title = f"Repair cafe on Saturday {s.tag}"
    b.post(center, title, "Bring **anything** broken.\n\n- bikes\n- radios\n")
    assert b.all("main strong"), "the Markdown body was not rendered (no <strong>)"
    a.open("/")
    a.wait(lambda d: any(e.text.strip() == title for e in d.find_elements(By.CSS_SELECTOR, "article.post h2.post-title")),
           f"no article.post titled {title!r} in A's feed")
    a.shot("feed")
    post = next(p for p in a.all("article.post") if a.one("h2.post-title", p).text.strip() == title)
    link = a.one("h2.post-title a", post).get_attribute("href")
    assert f"/groups/{center}/posts/" in link, f"post title links to {link}"
    source = a.one(".post-source", post).text
    for needed in (center_name, circle_name, "via"):
        assert needed in source, f".post-source {source!r} does not mention {needed!r}"


def assert_not_found(person, what):
    person.shot(f"{what}-not-found")
    heading = (person.h1() + " " + person.driver.title).lower()
    assert "not found" in heading, f"{what}: expected a not-found page, h1/title were {heading!r}"
    assert not person.all("table#members"), f"{what}: the member table was shown"
    status = person.http_status()
    assert status in (None, 404), f"{what}: HTTP status {status}, expected 404"


def member_list_is_private(s):
    circle, _ = s.ensure_circle()
    b = s.bo()
    b.open(f"/groups/{circle}/members")
    assert_not_found(b, "non-member")
    anon = s.anonymous()
    anon.open(f"/groups/{circle}/members")
    assert_not_found(anon, "anonymous")
    a = s.ann()
    a.open(f"/groups/{circle}/members")
    table = a.wait_css("table#members")
    a.shot("organizer-members")
    assert a.handle in table.text, f"organizer's handle {a.handle!r} missing from the member list"


def bad_input_keeps_what_was_typed(s):
    anon = s.anonymous()
    if anon.logged_in():
        anon.logout()
    anon.open("/signup")
    handle = f"short_{s.tag}"
    anon.type("handle", handle)
    anon.type("password", "tooshort")
    anon.shot("short-password-filled")
    anon.submit(anon.form_of("handle"), skip_browser_checks=True)
    error = anon.wait_css("#password-error")
    anon.shot("short-password-error")
    assert error.text.strip(), "#password-error is empty"
    assert anon.field("handle").get_attribute("value") == handle, "the handle typed was lost"
    assert not anon.logged_in(), "a rejected signup logged the person in"

    a = s.ann()
    a.open("/groups/new")
    description = f"Neighbours sharing tools {s.tag}"
    a.type("description", description)
    a.shot("empty-name-filled")
    a.submit(a.form_of("name"), skip_browser_checks=True)
    error = a.wait_css("#name-error")
    a.shot("empty-name-error")
    assert error.text.strip(), "#name-error is empty"
    assert a.field("description").get_attribute("value") == description, "the description typed was lost"


RESOURCES_JS = "return performance.getEntriesByType('resource').map(e => e.name)"
REFERENCES_JS = """return Array.from(document.querySelectorAll(
  '[src], link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], link[rel~=modulepreload]'))
  .map(e => e.src || e.href)"""


def pages_load_nothing_third_party(s):
    circle, _ = s.ensure_circle()
    anon, a = s.anonymous(), s.ann()
    visits = [(anon, p) for p in ("/", "/login", "/signup", "/groups", f"/groups/{circle}")]
    visits += [(a, p) for p in ("/", "/groups/new", f"/groups/{circle}", f"/groups/{circle}/members")]
    own = s.base_url + "/"
    for person, path in visits:
        person.open(path)
        person.shot("page-" + (path.strip("/") or "home"))
        assert person.h1(), f"{path}: no <h1>"
        loaded = person.driver.execute_script(RESOURCES_JS)
        referenced = person.driver.execute_script(REFERENCES_JS)
        foreign = [u for u in loaded + referenced if not u.startswith(own)]
        assert not foreign, f"{path} ({person.label}) loads from elsewhere: {foreign}"
        assert any(u.startswith(own + "assets/site.css") for u in loaded), f"{path}: site.css was not loaded"


SCENARIOS = [
    follow_brings_center_posts_to_circle_feed,
    member_list_is_private,
    bad_input_keeps_what_was_typed,
    pages_load_nothing_third_party,
]


def write_junit(path, results, total_time):
    failures = sum(1 for r in results if r["failure"])
    suite = ET.Element("testsuite", name="browser-tests", tests=str(len(results)), failures=str(failures),
                       errors="0", skipped="0", time=f"{total_time:.3f}",
                       timestamp=time.strftime("%Y-%m-%dT%H:%M:%S"))
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="browser-tests", name=r["name"], time=f"{r['time']:.3f}")
        if r["failure"]:
            message, trace, kind = r["failure"]
            failure = ET.SubElement(case, "failure", message=message, type=kind)
            failure.text = trace
        ET.SubElement(case, "system-out").text = "\n".join(r["screenshots"])
    root = ET.Element("testsuites")
    root.append(suite)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--junit", required=True)
    args = parser.parse_args()

    recorder = Recorder(args.screenshots)
    suite = Suite(args.base_url.rstrip("/"), recorder)
    results, started = [], time.monotonic()
    try:
        for scenario in SCENARIOS:
            recorder.scenario = "abcdefghijklmnopqrstuvwxyz"[len(results)]
            first_shot, t0 = len(recorder.files), time.monotonic()
            failure = None
            try:
                scenario(suite)
            except Exception as exc:
                message = f"{type(exc).__name__}: {exc}".strip() or type(exc).__name__
                failure = (message.splitlines()[0][:500], traceback.format_exc(), type(exc).__name__)
                for someone in suite.people.values():
                    try:
                        someone.shot("failure")
                    except Exception:
                        pass
            results.append({"name": scenario.__name__, "time": time.monotonic() - t0, "failure": failure,
                            "screenshots": recorder.files[first_shot:]})
            print(f"{'FAIL' if failure else 'ok  '} {scenario.__name__}" + (f": {failure[0]}" if failure else ""),
                  flush=True)
    finally:
        suite.close()
    write_junit(args.junit, results, time.monotonic() - started)
    failed = sum(1 for r in results if r["failure"])
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
