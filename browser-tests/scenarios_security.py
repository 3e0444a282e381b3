"""Scenarios about signing in safely: two-factor sign-in (setting it up, the code step of logging in, recovery
codes, turning it off), the session list, the site-wide requirement an administrator sets at /admin/security and
a group's own requirement of its organizers. Each tries the forms with bad input first, as people do: an empty
code, a wrong code, a recovery code used before. Every refusal must come back with a message tied to its field
(aria-invalid, aria-describedby, an announced summary), keep what may be kept, and be saved as a screenshot.

The codes come from the key the page shows, computed here as an authenticator app would (RFC 6238: HMAC-SHA-1,
30-second steps, 6 digits). The server takes each step's code once, so a person's last used step is remembered
and the next code waits for a later step when it must.

The administrator is the demo data's `admin` at the demo server (run.py --demo-url); the site-wide requirement is
turned off again at the end, so it does not hold back anyone else.
"""
import base64
import hmac
import struct
import sys
import time

from browser import Person
from selenium.webdriver.common.by import By

STEP_SECONDS = 30
WRONG_CODE_MESSAGE = "not right"


# -- codes, as an authenticator app makes them ---------------------------------------------------------------------
def totp(key, step):
    """The 6-digit code of the base32 KEY for the 30-second STEP (RFC 6238 with SHA-1)."""
    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), "sha1").digest()
    offset = digest[-1] & 0x0F
    number = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{number:06d}"


def current_step():
    return int(time.time()) // STEP_SECONDS


def wrong_code(key):
    """Six digits that are none of the codes the server would take now (the current step and one either side)."""
    step = current_step()
    taken = {totp(key, s) for s in range(step - 2, step + 3)}
    return next(c for c in (f"{n:06d}" for n in range(123456, 1_000_000, 111111)) if c not in taken)


class Authenticator:
    """What a person's app knows: the key, and the last step whose code the server took (it takes each once)."""

    def __init__(self, key):
        self.key = key
        self.last_step = None
        self.recovery_codes = []

    def code(self):
        """A code for a step later than the last used one, waiting up to 30 seconds for it when needed."""
        while self.last_step is not None and current_step() <= self.last_step:
            time.sleep(0.5)
        if (time.time() % STEP_SECONDS) > STEP_SECONDS - 2:  # too close to the step's end to type and send
            time.sleep(2.5)
        self.last_step = current_step()
        return totp(self.key, self.last_step)


# -- what the pages must do with bad input ---------------------------------------------------------------------------
def shown_key(person):
    """The setup key on /me/two-factor, without the spaces that group it by four."""
    found = person.all("#totp-secret")
    assert found, f"no setup key (#totp-secret) on {person.path}: {person.main_text()[:300]!r}"
    key = "".join(found[0].text.split())
    assert len(key) >= 16 and all(c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in key), f"odd setup key {key!r}"
    return key


def assert_field_error(person, name, status, says=None):
    """The form came back refused (STATUS) with a message tied to the field NAME, announced above the form, and the
    field reachable to fix it; the code typed is not kept (a one-time code is never shown again)."""
    error = person.all(f"main #{name}-error")
    assert error and error[0].text.strip(), f"no message #{name}-error on {person.path}: {person.main_text()[:400]!r}"
    if says:
        assert says in error[0].text, f"#{name}-error reads {error[0].text!r}, expected it to say {says!r}"
    assert person.http_status() in (None, status), f"the refused form answered {person.http_status()}, not {status}"
    alert = person.all("main .form-error[role=alert]")
    assert alert and alert[0].text.strip(), "no announced (role=alert) summary above the refused form"
    field = person.field(name)
    assert field.get_attribute("aria-invalid") == "true", f"the refused field {name!r} is not marked aria-invalid"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert f"{name}-error" in described, f"{name}'s aria-describedby {described} does not name its message"
    person.driver.execute_script("arguments[0].focus()", field)  # (a click would toggle a checkbox)
    assert person.driver.switch_to.active_element.get_attribute("id") == name, f"the field {name!r} takes no focus"
    return error[0].text.strip()


def recovery_codes_on_page(person):
    codes = [c.text.strip() for c in person.all("main ol#recovery-codes li code")]
    assert len(codes) == 10 and all(codes), f"expected 10 recovery codes on {person.path}, found {codes!r}"
    assert len(set(codes)) == 10, f"the recovery codes repeat: {codes!r}"
    return codes


def set_up_two_factor(person):
    """Sets up two-factor sign-in on /me/two-factor with a right code; returns the person's Authenticator with the
    recovery codes shown."""
    person.open("/me/two-factor")
    app = Authenticator(shown_key(person))
    form = person.form_of("code")
    person.type("code", app.code(), form)
    person.submit(form, "Turn on two-factor sign-in")
    assert person.h1() == "Two-factor sign-in is on", f"a right code led to {person.path}, h1 {person.h1()!r}"
    app.recovery_codes = recovery_codes_on_page(person)
    return app


def log_in_with_password(person):
    """Logs in with the handle and password; with two-factor sign-in on, that leads to the code step."""
    person.open("/login")
    form = person.form_of("login")
    person.type("login", person.handle, form)
    person.type("password", person.password, form)
    person.submit(form, "Log in")


def enter_code(person, code):
    form = person.form_of("code")
    person.type("code", code, form)
    person.submit(form, "Log in", skip_browser_checks=True)


def enrolled_person(s):
    """Tess, on the main server, with two-factor sign-in set up (by the first scenario, or now)."""
    tess = s.person("tess", f"Tess Curlew {s.tag}")
    if not getattr(s, "tess_app", None):
        s.tess_app = set_up_two_factor(tess)
    return tess, s.tess_app


# -- the scenarios --------------------------------------------------------------------------------------------------
def two_factor_set_up_after_an_empty_and_a_wrong_code(s):
    """A person sets up two-factor sign-in at /me/two-factor: an empty code and then a wrong one are refused with a
    message at the field, the same key still shown; the right code from the key turns it on and shows ten recovery
    codes, this once only."""
    tess = s.person("tess", f"Tess Curlew {s.tag}")
    tess.open("/me/two-factor")
    assert tess.h1() == "Two-factor sign-in", f"/me/two-factor's h1 is {tess.h1()!r}"
    key = shown_key(tess)
    assert f"secret={key}" in tess.one("#totp-url").get_attribute("href"), "the app link does not carry the key shown"
    tess.shot("two-factor-setup")

    tess.submit(tess.form_of("code"), "Turn on two-factor sign-in", skip_browser_checks=True)
    assert_field_error(tess, "code", 422, says="Type the 6 digits")
    assert shown_key(tess) == key, "the refused empty code changed the key the app was given"
    tess.shot("setup-empty-code-refused", full=True)

    form = tess.form_of("code")
    tess.type("code", wrong_code(key), form)
    tess.submit(form, "Turn on two-factor sign-in")
    message = assert_field_error(tess, "code", 422)
    assert "match" in message or WRONG_CODE_MESSAGE in message, f"the wrong code's message reads {message!r}"
    assert shown_key(tess) == key, "after a wrong code the page shows another key than the one in the app"
    assert tess.field("code").get_attribute("value") == "", "the refused code is shown again"
    tess.shot("setup-wrong-code-refused", full=True)

    tess.open("/me/two-factor")  # a reload keeps the key the app already holds
    assert shown_key(tess) == key, "reloading the setup page changed the key"
    app = Authenticator(key)
    form = tess.form_of("code")
    tess.type("code", " ".join([(code := app.code())[:3], code[3:]]), form)  # typed as the app groups it
    tess.submit(form, "Turn on two-factor sign-in")
    assert tess.h1() == "Two-factor sign-in is on", f"the right code led to h1 {tess.h1()!r} on {tess.path}"
    app.recovery_codes = recovery_codes_on_page(tess)
    tess.shot("recovery-codes", full=True)
    s.tess_app = app

    tess.open("/me/two-factor")
    state = tess.one("#two-factor-state").text
    assert "on" in state and "10 unused recovery codes" in state, f"the two-factor page reads {state!r}"
    assert not tess.all("#recovery-codes"), "the recovery codes are shown again after leaving their page"
    assert not tess.all("#totp-secret"), "the key is still shown once two-factor sign-in is on"
    page = tess.driver.page_source
    assert not any(c in page for c in app.recovery_codes), "a recovery code appears on the two-factor page again"
    tess.shot("two-factor-on")


def two_factor_log_in_wrong_code_then_recovery_codes(s):
    """Logged out, the person logs in again: after the password comes the code step; a wrong code is refused there
    with a message, a recovery code logs in (once), the same recovery code is refused next time, and a code from
    the app works."""
    tess, app = enrolled_person(s)
    tess.logout()

    log_in_with_password(tess)
    assert tess.path == "/login/code", f"with two-factor sign-in on, the password led to {tess.path}"
    assert not tess.logged_in(), "the password alone logged in"
    tess.shot("code-step")
    enter_code(tess, wrong_code(app.key))
    assert_field_error(tess, "code", 401, says=WRONG_CODE_MESSAGE)
    assert not tess.logged_in(), "a wrong code logged in"
    assert tess.path == "/login/code", f"a wrong code left the code step for {tess.path}"
    tess.shot("code-step-wrong-code", full=True)

    enter_code(tess, "")  # not a guess: answered with what to type, not "not right", and not throttled
    assert_field_error(tess, "code", 422, says="Type the code your app shows")
    assert not tess.logged_in(), "an empty code logged in"
    tess.shot("code-step-empty-code")

    used = app.recovery_codes[0]
    enter_code(tess, used.upper())  # as someone might copy it off paper
    assert tess.logged_in(), f"a recovery code did not log in: {tess.main_text()[:300]!r}"
    assert "9 left" in tess.flash(), f"the flash after a recovery code reads {tess.flash()!r}"
    tess.shot("logged-in-with-recovery-code")
    tess.logout()

    log_in_with_password(tess)
    enter_code(tess, used)
    assert_field_error(tess, "code", 401, says=WRONG_CODE_MESSAGE)
    assert not tess.logged_in(), "a used recovery code logged in again"
    tess.shot("used-recovery-code-refused")
    enter_code(tess, app.code())
    assert tess.logged_in(), f"a fresh code from the app did not log in: {tess.main_text()[:300]!r}"
    assert tess.path == "/", f"the code step led to {tess.path}"

    tess.open("/me/two-factor")
    state = tess.one("#two-factor-state").text
    assert "9 unused recovery codes" in state, f"after using one recovery code the page reads {state!r}"


def two_factor_off_needs_a_right_code(s):
    """Turning two-factor sign-in off takes a code: a wrong one is refused with a message at its field and leaves it
    on (and the other form on the page untouched); a right one turns it off, and the next setup has a new key."""
    tess, app = enrolled_person(s)
    tess.open("/me/two-factor")
    form = tess.form_of("disable_code")
    tess.type("disable_code", wrong_code(app.key), form)
    tess.submit(form, "Turn off two-factor sign-in")
    assert_field_error(tess, "disable_code", 422, says=WRONG_CODE_MESSAGE)
    assert "is on" in tess.one("#two-factor-state").text, "a wrong code to turn it off left the page not saying on"
    assert not tess.all("#regenerate_code-error"), "the refusal also marked the recovery-codes form"
    assert tess.field("regenerate_code").get_attribute("aria-invalid") != "true", "the other form's field is invalid"
    tess.shot("turn-off-wrong-code", full=True)
    tess.logout()
    log_in_with_password(tess)
    assert tess.path == "/login/code", "after a refused turn-off, logging in no longer asks for a code"
    enter_code(tess, app.recovery_codes[1])  # (a code from the app would wait for the next 30 seconds)
    assert tess.logged_in(), "an unused recovery code did not log in"

    tess.open("/me/two-factor")
    form = tess.form_of("disable_code")
    tess.type("disable_code", app.code(), form)
    tess.submit(form, "Turn off two-factor sign-in")
    assert tess.flash() == "Two-factor sign-in is off.", f"the flash after turning it off reads {tess.flash()!r}"
    assert shown_key(tess) != app.key, "after turning it off, setting it up again offers the old key"
    tess.shot("two-factor-off")
    s.tess_app = None
    tess.logout()
    tess.login()  # the password alone again
    assert tess.logged_in(), "with two-factor sign-in off, the password alone does not log in"


def sessions_list_and_sign_out_another(s):
    """A person logged in in two browsers sees both on /me/sessions, this one marked, and signs the other out from
    its row after a step that asks first (it cannot be undone: the other browser has to log in again)."""
    uma = s.person("uma", f"Uma Avocet {s.tag}")
    phone = Person("uma-phone", s.base_url, s.recorder, uma.handle, uma.display_name, s.axe)
    s.people["uma-phone"] = phone  # closed with everyone at the end
    phone.password = uma.password
    phone.login()

    uma.open("/me/sessions")
    rows = uma.all("table#sessions tbody tr")
    assert len(rows) == 2, f"two browsers logged in, /me/sessions lists {len(rows)}: {uma.main_text()[:400]!r}"
    current = [r for r in rows if "This session" in r.text]
    assert len(current) == 1, "not exactly one row is marked as this session"
    other = next(r for r in rows if r is not current[0])
    link = other.find_element(By.CSS_SELECTOR, "a")
    name = link.get_attribute("textContent")
    assert "started" in name, f"the other row's link does not say which session it signs out: {name!r}"
    uma.shot("sessions")
    uma.click(link)  # it cannot be undone, so a step asks first and names the session
    assert uma.path.endswith("/sign-out"), f"signing a session out led to {uma.path}, not a confirming step"
    assert "Sign out this session?" in uma.main_text(), f"the confirming step reads {uma.main_text()[:200]!r}"
    uma.shot("session-confirm")
    uma.click(uma.one("main button[type=submit]"))
    assert uma.path == "/me/sessions", f"signing a session out led to {uma.path}"
    assert uma.flash() == "That session is signed out.", f"the flash after signing out a session: {uma.flash()!r}"
    assert len(uma.all("table#sessions tbody tr")) == 1, "the signed-out session is still listed"
    assert uma.all("#only-session"), "with one session left the page does not say it is the only one"
    assert uma.logged_in(), "signing out the other session signed out this one"
    uma.shot("session-signed-out")
    phone.open("/")
    assert not phone.logged_in(), "the signed-out browser is still logged in"
    phone.shot("signed-out-browser")


def lift_site_requirement(admin):
    """Unticks the site-wide requirement (setting up the admin's own two-factor sign-in first when it holds them
    back). While a failure is on its way up, a failure here is not allowed to hide it."""
    failing = sys.exc_info()[0] is not None
    try:
        admin.open("/admin/security")
        if admin.path == "/me/two-factor" and admin.app is None:
            admin.app = set_up_two_factor(admin)
            admin.open("/admin/security")
        admin.tick("two_factor_for_stewards", on=False)
        admin.submit(admin.form_of("two_factor_for_stewards"), "Save")
    except Exception:
        if not failing:
            raise


def site_admin_requires_two_factor_of_organizers(s):
    """At the demo server, the site administrator finds /admin working, then requires two-factor sign-in of everyone
    with rights over others at /admin/security: they themselves are sent to set it up, then see the box saved; an
    organizer is sent to /me/two-factor from any page, told why; a member who organizes nothing is not. The
    administrator then lifts the requirement and turns their own two-factor sign-in off again."""
    org = Person("olu", s.demo_url or "", s.recorder, f"olu_{s.tag}", f"Olu Godwit {s.tag}", s.axe)
    s.people["demo:olu"] = org
    admin = s.demo_person("admin")
    org.signup()
    org.create_group(f"Harehills Renters Circle {s.tag}", "circle", "Leeds")

    admin.open("/admin")
    assert admin.h1() == "Site status", f"/admin's h1 is {admin.h1()!r}"
    assert admin.http_status() in (None, 200), f"/admin answered {admin.http_status()}"
    admin.shot("admin-status", full=True)
    admin.click_link("Sign-in security: require two-factor sign-in")
    assert admin.path == "/admin/security", f"/admin's sign-in security link led to {admin.path}"
    assert admin.h1() == "Sign-in security", f"/admin/security's h1 is {admin.h1()!r}"
    assert not admin.field("two_factor_for_stewards").is_selected(), "the demo site already requires two-factor"
    admin.tick("two_factor_for_stewards")
    admin.shot("admin-security-ticked")
    admin.submit(admin.form_of("two_factor_for_stewards"), "Save")
    admin.app = None
    try:
        # The administrator has rights over others and no two-factor sign-in yet: the setting applies at once.
        assert admin.path == "/me/two-factor", f"after requiring it site-wide the admin is on {admin.path}"
        assert "requires two-factor sign-in" in admin.main_text(), "the admin is not told why they must set it up"
        admin.shot("admin-sent-to-set-up", full=True)
        admin.open("/groups")
        assert admin.path == "/me/two-factor", f"an admin without two-factor could open {admin.path}"
        admin.app = set_up_two_factor(admin)
        admin.open("/admin/security")
        assert admin.path == "/admin/security", f"with two-factor on, the admin was sent to {admin.path}"
        assert admin.field("two_factor_for_stewards").is_selected(), "the saved requirement is not ticked"
        admin.shot("admin-security-saved")

        org.open("/")
        assert org.path == "/me/two-factor", f"an organizer without two-factor was let through to {org.path}"
        notice = org.all("main p.notice")
        assert notice and "requires two-factor sign-in" in notice[0].text, "the organizer is not told why"
        assert shown_key(org), "the organizer is not given a key to set it up"
        org.shot("organizer-sent-to-set-up", full=True)
        org.open("/groups/new")
        assert org.path == "/me/two-factor", f"the held-back organizer could open {org.path}"
        org.logout()
        assert not org.logged_in(), "the held-back organizer could not log out"

        member = Person("pip", s.demo_url, s.recorder, f"pip_{s.tag}", f"Pip Stint {s.tag}", s.axe)
        s.people["demo:pip"] = member
        member.signup()  # lands on /, as signup() checks: not held back
        member.open("/groups")
        assert member.path == "/groups", f"someone who organizes nothing was sent to {member.path}"
    finally:
        lift_site_requirement(admin)
    assert admin.path == "/admin/security", f"lifting the requirement led to {admin.path}"
    assert admin.flash() == "Two-factor sign-in is no longer required site-wide.", f"flash: {admin.flash()!r}"
    assert not admin.field("two_factor_for_stewards").is_selected(), "the lifted requirement is still ticked"
    admin.shot("admin-security-lifted")
    admin.open("/admin")
    audit = admin.main_text()
    for action in ("required two-factor sign-in", "stopped requiring two-factor sign-in"):
        assert action in audit, f"/admin's audit log does not record that the admin {action}"
    admin.shot("admin-audit", full=True)
    org.login()
    assert org.path == "/", f"with the requirement lifted, the organizer is on {org.path}"
    admin.open("/me/two-factor")
    form = admin.form_of("disable_code")
    admin.type("disable_code", admin.app.recovery_codes[0], form)
    admin.submit(form, "Turn off two-factor sign-in")
    assert admin.flash() == "Two-factor sign-in is off.", f"turning it off with a recovery code: {admin.flash()!r}"


def group_cannot_require_two_factor_its_organizer_skips(s):
    """An organizer without two-factor sign-in ticks "Organizers must use two-factor sign-in" while editing the
    group: refused with a message at the box, everything typed kept and nothing saved. Once they set it up, the
    same edit saves."""
    gil = s.person("gil", f"Gil Whimbrel {s.tag}")
    name = f"Beeston Tenants Circle {s.tag}"
    slug = gil.create_group(name, "circle", "Leeds")
    gil.open(f"/groups/{slug}/edit")
    old_description = gil.field("description").get_attribute("value")
    new_description = f"Renters on the Beeston estates, meeting weekly. {s.tag}"
    form = gil.form_of("require_two_factor")
    gil.type("description", new_description, form)
    gil.type("place_name", "Cross Flatts Park", form)
    gil.tick("require_two_factor", scope=form)
    gil.submit(form, "Save", skip_browser_checks=True)
    message = assert_field_error(gil, "require_two_factor", 422)
    assert "two-factor" in message, f"the refusal reads {message!r}"
    assert gil.field("require_two_factor").is_selected(), "the refused form unticked the box"
    assert gil.field("description").get_attribute("value") == new_description, "the refused form lost the description"
    assert gil.field("place_name").get_attribute("value") == "Cross Flatts Park", "the refused form lost the place"
    assert gil.field("name").get_attribute("value") == name, "the refused form lost the name"
    assert gil.logged_in() and gil.path == f"/groups/{slug}/edit", f"the refusal led to {gil.path}"
    gil.shot("require-two-factor-refused", full=True)

    gil.open(f"/groups/{slug}/edit")
    assert gil.field("description").get_attribute("value") == old_description, "the refused edit saved the description"
    assert not gil.field("require_two_factor").is_selected(), "the refused requirement was saved"

    set_up_two_factor(gil)
    gil.open(f"/groups/{slug}/edit")
    form = gil.form_of("require_two_factor")
    gil.tick("require_two_factor", scope=form)
    gil.submit(form, "Save")
    assert gil.path == f"/groups/{slug}" and gil.flash() == "Saved.", f"saving led to {gil.path}, {gil.flash()!r}"
    gil.open(f"/groups/{slug}/edit")
    assert gil.field("require_two_factor").is_selected(), "the saved requirement is not ticked when editing again"
    gil.shot("require-two-factor-saved")


SCENARIOS = [
    two_factor_set_up_after_an_empty_and_a_wrong_code,
    two_factor_log_in_wrong_code_then_recovery_codes,
    two_factor_off_needs_a_right_code,
    sessions_list_and_sign_out_another,
    site_admin_requires_two_factor_of_organizers,
    group_cannot_require_two_factor_its_organizer_skips,
]
