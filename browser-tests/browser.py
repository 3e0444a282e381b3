"""What every browser scenario shares: the browser, the screenshots, the people and the JUnit report.

A Person is one person at one headless Chromium, finding fields by their labels and buttons and links by
their text, as a keyboard or screen-reader user would. A Suite holds the people of one run; scenario
modules (scenarios_*.py) receive it.
"""
import email
import email.policy
import os
import re
import secrets
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    sys.exit("the browser tests need Selenium 4: apt-get install python3-selenium (or pip install selenium)")

WAIT_SECONDS = 15
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBMIT = "button[type=submit], button:not([type]), input[type=submit]"
WINDOW = (1280, 1000)
DEMO_PASSWORD = "freshground-demo"  # every person `freshground demo` writes has it (DemoData.password)


def new_driver():
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=%d,%d" % WINDOW):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


def xpath_literal(text):
    assert "'" not in text, f"cannot quote {text!r}"
    return f"'{text}'"


def http_get(url):
    """GET URL without a browser (and without proxies): (status, content type, text)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=15) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")


def read_mail(maildir, address, subject_start, timeout=15):
    """The first message to ADDRESS whose subject starts with SUBJECT_START, decoded."""
    assert maildir, "no --maildir: the browser stage needs the test mail server"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name in sorted(n for n in os.listdir(maildir) if n.endswith(".eml")):  # not tmp/, where they are written
            with open(os.path.join(maildir, name), "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            if address in str(message.get("To", "")) and str(message.get("Subject", "")).startswith(subject_start):
                return message
        time.sleep(0.3)
    raise AssertionError(f"no message to {address} with a subject starting {subject_start!r} arrived in {maildir}")


def link_in_mail(message, path_start):
    """The path (from PATH_START on) of the first link in MESSAGE's plain text whose path starts with PATH_START."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(rf"https?://[^/\s]+({re.escape(path_start)}[A-Za-z0-9_\-/]+)", body)
    assert links, f"no {path_start} link in the mail {message.get('Subject')!r}: {body[:500]!r}"
    return links[0]


class Recorder:
    """Numbers and saves the screenshots of a run: DIR/NN-step-name.png."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.scenario = ""
        self.files = []
        os.makedirs(directory, exist_ok=True)

    def shot(self, driver, step, full=False):
        """FULL: the whole page, not only the window (the window grows for the picture, then shrinks back)."""
        self.count += 1
        name = re.sub(r"[^a-z0-9]+", "-", f"{self.scenario}-{step}".lower()).strip("-")
        path = os.path.join(self.directory, f"{self.count:02d}-{name}.png")
        if full:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(WINDOW[0], max(WINDOW[1], min(int(height) + 150, 8000)))
        try:
            driver.save_screenshot(path)
        finally:
            if full:
                driver.set_window_size(*WINDOW)
        self.files.append(path)
        return path


class Person:
    """One person at one browser. Knows how to use the site's pages."""

    def __init__(self, label, base_url, recorder, handle=None, display_name=None, axe=None):
        self.label = label
        self.axe = axe  # accessibility.Axe: checks every page this person reaches
        self.base_url = base_url
        self.recorder = recorder
        self.handle = handle
        self.display_name = display_name
        self.password = "kettle-" + secrets.token_hex(8)
        self.signed_up = False
        self.attempts = 0
        self.driver = new_driver()

    # -- low-level helpers -------------------------------------------------
    def shot(self, step, full=False):
        return self.recorder.shot(self.driver, f"{self.label}-{step}", full)

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
        self.check_accessibility()

    def check_accessibility(self):
        """Runs axe on the page as it is now (each page state once a run); the scenario fails at its end on any violation."""
        if self.axe:
            self.axe.check(self)

    @property
    def path(self):
        return urlparse(self.driver.current_url).path

    def h1(self):
        found = self.all("h1")
        return found[0].text.strip() if found else ""

    def main_text(self):
        return self.one("main#main").text

    def field(self, name, scope=None):
        """The input named NAME, checked to have a <label for=...>."""
        element = self.one(f'main [name="{name}"]', scope)
        field_id = element.get_attribute("id")
        assert field_id, f"field {name!r} has no id, so no label can point at it"
        assert self.all(f'label[for="{field_id}"]'), f"field {name!r} has no <label for={field_id}>"
        return element

    def type(self, name, value, scope=None):
        """Types VALUE into the field NAME; a field that offers choices by name as a <select> gets the option VALUE."""
        element = self.field(name, scope)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
            return
        element.clear()
        element.send_keys(value)

    def choose(self, name, value, scope=None):
        Select(self.field(name, scope)).select_by_value(value)

    def tick(self, name, on=True, scope=None):
        """Sets the labelled checkbox NAME to ON (pressing space on it, as a keyboard user would)."""
        box = self.field(name, scope)
        if box.is_selected() != on:
            box.send_keys(" ")
        assert box.is_selected() == on, f"checkbox {name!r} did not become {'checked' if on else 'unchecked'}"

    def radio(self, label, scope):
        """Picks the radio button whose wrapping <label> reads LABEL."""
        button = scope.find_element(By.XPATH, f".//label[normalize-space()={xpath_literal(label)}]//input[@type='radio']")
        button.click()
        assert button.is_selected(), f"radio {label!r} is not selected"

    def form_of(self, name):
        return self.field(name).find_element(By.XPATH, "./ancestor::form")

    def button(self, text, scope=None):
        literal = xpath_literal(text)
        return (scope or self.driver).find_element(
            By.XPATH, f".//button[normalize-space()={literal}] | .//input[@type='submit' and @value={literal}]")

    def _click_and_wait(self, element):
        # The old page is marked in its window object; a new document does not carry the mark. (Waiting for the
        # old <html> to go stale breaks at random in recent Chromium: "Node ... does not belong to the document".)
        self.driver.execute_script("window.__freshgroundOldPage = true")
        element.click()

        def new_page(driver):
            try:
                return driver.execute_script("return !window.__freshgroundOldPage && document.readyState !== 'loading'")
            except WebDriverException:  # between two documents
                return False

        self.wait(new_page, "the page did not change after the click")
        self.wait_css("main#main")
        self.check_accessibility()

    def submit(self, form, button_text=None, skip_browser_checks=False):
        """Clicks the form's button (the one reading BUTTON_TEXT, when given)."""
        if skip_browser_checks:  # let the server, not the browser, judge the input
            self.driver.execute_script("arguments[0].noValidate = true", form)
        self._click_and_wait(self.button(button_text, form) if button_text else self.one(SUBMIT, form))

    def click(self, element):
        """Clicks ELEMENT (a link or button found some other way than by its text) and waits for the next page."""
        self._click_and_wait(element)

    def press(self, button_text, scope=None):
        """Clicks the button reading BUTTON_TEXT anywhere in main (or SCOPE) and waits for the next page."""
        self._click_and_wait(self.button(button_text, scope or self.one("main#main")))

    def click_link(self, text):
        self._click_and_wait(self.driver.find_element(By.XPATH, f"//a[normalize-space()={xpath_literal(text)}]"))

    def flash(self):
        found = self.all("p.flash[role=status]")
        return found[0].text.strip() if found else ""

    def logged_in(self):
        return bool(self.all('header form[action="/logout"]'))

    def http_status(self):
        """The main document's HTTP status, when the browser reports it (else None)."""
        status = self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null")
        return status or None

    # -- what a person does ------------------------------------------------
    def signup(self, email=None, lands_on="/", opened=False):
        """Signs up on /signup (or the sign-up page already OPENED, such as one with a next address)."""
        if not opened:
            self.open("/signup")
        self.shot("signup-page")
        self.type("handle", self.handle)
        self.type("display_name", self.display_name)
        if email:
            self.type("email", email)
        self.type("password", self.password)
        self.shot("signup-filled")
        self.submit(self.form_of("handle"))
        self.wait_css('header form[action="/logout"]')
        assert self.path == lands_on, f"after signing up, expected to be on {lands_on} but was on {self.path}"
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

    def create_group(self, name, kind, city="Leeds", description="", join_policy="open"):
        """Fills /groups/new; returns the new group's slug (read off the URL)."""
        self.open("/groups/new")
        self.shot(f"new-{kind}-page")
        self.type("name", name)
        self.choose("kind", kind)
        self.type("description", description or f"A {kind} in {city}.")
        self.choose("place_kind", "city")
        self.type("city", city)
        self.choose("visibility", "public")
        self.choose("join_policy", join_policy)
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
        assert title in self.main_text(), "the post page does not show the title"
        self.shot("posted")


class Suite:
    """The people of one run (each with their own browser) and what the scenarios set up for each other."""

    def __init__(self, base_url, recorder, axe=None, demo_url=None):
        self.base_url = base_url
        self.demo_url = demo_url  # a server on a database filled by `freshground demo` (run.py --demo-url), or None
        self.recorder = recorder
        self.axe = axe
        self.tag = secrets.token_hex(3)
        self.people = {}
        self.circle = None  # (slug, name)
        self.center = None

    def person(self, label, display_name=None, sign_up=True):
        """The person called LABEL, with a browser of their own; signed up on first use."""
        if label not in self.people:
            self.people[label] = Person(label, self.base_url, self.recorder, None, display_name, self.axe)
        someone = self.people[label]
        if sign_up and not someone.signed_up:
            someone.attempts += 1  # a fresh handle if an earlier scenario's signup broke halfway
            someone.handle = f"{label.lower()}_{self.tag}" + (f"_{someone.attempts}" if someone.attempts > 1 else "")
            someone.signup()
        return someone

    def demo_person(self, handle, password=DEMO_PASSWORD):
        """HANDLE of the demo data at the demo server, with a browser of their own; logged in when not already."""
        assert self.demo_url, ("no --demo-url: this scenario needs a second server on a database filled by "
                               "`freshground demo` (scripts/test starts one on build/browser/demo.sqlite)")
        key = f"demo:{handle}"
        if key not in self.people:
            self.people[key] = Person(handle, self.demo_url, self.recorder, handle, None, self.axe)
            self.people[key].password = password
        someone = self.people[key]
        if not someone.logged_in():
            someone.login()
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
