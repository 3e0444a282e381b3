"""Scenarios about people (issue 12): joining a group from an invitation link, a forgotten password reset by the
link mailed to the account's confirmed address, and an editor who learns of a submission from a notification, and a person who deletes their account."""
import re

from browser import link_in_mail, read_mail


def invited_person_signs_up_and_joins(s):
    """An organizer makes a one-use invitation link on the members page of a group that takes members only by
    invitation; a newcomer without an account opens it, signs up from it, comes back to it and joins."""
    ann = s.ann()
    name = f"Kirkstall Allotment Circle {s.tag}"
    slug = ann.create_group(name, "circle", "Leeds", join_policy="invite")
    ann.open(f"/groups/{slug}/members")
    form = ann.form_of("expires_in")
    ann.choose("expires_in", "7", form)
    ann.type("max_uses", "1", form)
    ann.shot("invite-filled")
    ann.submit(form, "Create an invitation link")
    flash = ann.flash()
    links = re.findall(r"https?://[^/\s]+(/invites/[A-Za-z0-9_-]+)", flash)
    assert links, f"the flash after creating a link shows no /invites/ link: {flash!r}"
    invite = links[0]
    assert "0 of 1" in ann.one("table#invites").text, "the live links do not show the new link with 0 of 1 uses"
    ann.shot("invite-created")

    dee = s.person("dee", f"Dee Allotment {s.tag}", sign_up=False)
    dee.handle = f"dee_{s.tag}"
    dee.open(invite)
    assert dee.h1() == f"You are invited to join {name}", f"the invitation page's h1 is {dee.h1()!r}"
    dee.shot("invitation")
    dee.click_link("sign up")
    assert dee.path == "/signup", f"the invitation's sign-up link led to {dee.path}"
    dee.signup(lands_on=invite, opened=True)  # back at the invitation
    dee.shot("back-at-invitation")
    dee.press(f"Join {name}")
    assert dee.path == f"/groups/{slug}", f"joining led to {dee.path}, not the group page"
    assert dee.flash() == f"Welcome to {name}!", f"the flash after joining is {dee.flash()!r}"
    assert "You are a member of this group." in dee.main_text(), "the group page does not say the newcomer is a member"
    dee.shot("joined")

    ann.open(f"/groups/{slug}/members")
    row = next((r for r in ann.all("table#members tbody tr") if f"@{dee.handle}" in r.text), None)
    assert row is not None, f"@{dee.handle} is not in the member list"
    assert "member" in row.text and "active" in row.text, f"the newcomer's row reads {row.text!r}"
    assert not ann.all("table#invites"), "the used-up one-use link is still listed as live"
    ann.shot("members-with-newcomer")
    dee.open(invite)
    assert "no longer valid" in dee.h1(), "a used-up invitation link still offers to join"


def forgotten_password_is_reset_by_mail(s):
    """A person signs up with an email address and confirms it by the mailed link; later, logged out and without
    their password, they ask for a reset link, choose a new password from the mail, and log in with it."""
    fay = s.person("fay", f"Fay Kestrel {s.tag}", sign_up=False)
    fay.handle = f"fay_{s.tag}"
    address = f"fay-{s.tag}@example.org"
    fay.signup(email=address)
    fay.open(link_in_mail(read_mail(s.maildir, address, "Confirm your email address"), "/signup/email/"))
    fay.press("Add the address")
    assert address in fay.flash(), f"confirming the address: the flash is {fay.flash()!r}"
    fay.logout()

    fay.open("/login")
    fay.click_link("Forgot your password?")
    form = fay.form_of("login")
    fay.type("login", address, form)
    fay.shot("forgot-filled")
    fay.submit(form, "Send me a link")
    assert fay.flash().startswith("If an account has that address, we sent it a link."), f"flash: {fay.flash()!r}"
    reset = link_in_mail(read_mail(s.maildir, address, "Reset your password"), "/password/reset/")
    fay.open(reset)
    assert fay.h1() == "Choose a new password", f"the reset link's page h1 is {fay.h1()!r}"
    old, fay.password = fay.password, "teapot-" + s.tag + "-new"
    form = fay.form_of("password")
    fay.type("password", fay.password, form)
    fay.type("password_confirmation", "not the same " + s.tag, form)
    fay.submit(form, "Set the new password", skip_browser_checks=True)
    assert fay.all("#password_confirmation-error"), "two different passwords were not refused with a message"
    assert not fay.logged_in(), "a refused new password logged the person in"
    fay.shot("reset-refused")
    form = fay.form_of("password")
    fay.type("password", fay.password, form)
    fay.type("password_confirmation", fay.password, form)
    fay.submit(form, "Set the new password")
    assert fay.logged_in(), "setting the new password did not log in"
    assert "Your new password is set." in fay.flash(), f"flash after the reset: {fay.flash()!r}"
    fay.shot("reset-done")
    fay.logout()

    fay.open(reset)
    assert "no longer valid" in fay.h1(), "the used reset link still offers a new password"
    fay.open("/login")
    form = fay.form_of("login")
    fay.type("login", fay.handle, form)
    fay.type("password", old, form)
    fay.submit(form, "Log in")
    assert not fay.logged_in(), "the old password still logs in"
    fay.login()
    assert fay.logged_in(), "the new password does not log in"


def notified_editor_accepts_a_submission(s):
    """A writer submits an article to a center's journal; the center's organizer sees the unread count in the
    header, opens the notification from the notifications page and accepts the piece on the page it leads to."""
    hal = s.person("hal", f"Hal Harrier {s.tag}")
    center_name = f"Chapeltown Workers Center {s.tag}"
    center = hal.create_group(center_name, "center", "Leeds")
    ivy = s.person("ivy", f"Ivy Plover {s.tag}")
    title = f"What the bus strike won {s.tag}"
    ivy.open(f"/library/new?journal={center}")
    form = ivy.form_of("title")
    ivy.choose("kind", "article", form)
    ivy.type("title", title, form)
    ivy.type("body", "Drivers held out for **eleven days** and won paid breaks.", form)
    ivy.submit(form, "Save the draft", skip_browser_checks=True)
    ivy.press(f"Submit to {center_name}")
    assert ivy.flash().startswith("Submitted"), f"flash after submitting: {ivy.flash()!r}"
    piece = ivy.path

    hal.open("/")
    count = hal.all("header details.me-menu summary .badge.count")
    assert count and count[0].text.startswith("1"), "the header shows no unread count of 1 for the editor"
    hal.one("header details.me-menu summary").click()
    hal.check_accessibility()  # the open menu
    link = hal.one('header a[href="/notifications"]')
    assert "1" in link.text, f"the menu's notifications link reads {link.text!r}, without the count"
    hal.shot("unread-count")
    hal.click(link)
    notice = f"“{title}” was submitted to {center_name}"
    unread = [item for item in hal.all("main li.notification.unread") if notice in item.text]
    assert unread, f"no unread notification {notice!r} on {hal.path}"
    hal.shot("notifications")
    hal.click(hal.one("a", unread[0]))
    assert hal.path == piece, f"the notification led to {hal.path}, not the piece {piece}"
    review = hal.form_of("action")
    hal.choose("action", "accept", review)
    hal.type("note", "Clear and useful, thank you.", review)
    hal.submit(review, "Send")
    assert hal.flash() == "Accepted and published.", f"flash after accepting: {hal.flash()!r}"
    hal.shot("accepted")
    hal.open("/notifications")
    assert not [i for i in hal.all("main li.notification.unread") if notice in i.text], "the opened notice is unread"
    assert not hal.all("header .badge.count"), "the header still shows an unread count"


def person_deletes_their_account(s):
    """A member with a pledge deletes their account from /me: a wrong password is refused with a message; then they
    are logged out, cannot log in again, and are gone from the group's member list."""
    circle, _ = s.ensure_circle()
    jo = s.person("jo", f"Jo Dunnock {s.tag}")
    jo.open(f"/groups/{circle}")
    jo.press("Join")
    form = jo.form_of("hours")
    jo.type("hours", "3", form)
    jo.submit(form, "Save pledge")
    ann = s.ann()
    ann.open(f"/groups/{circle}/members")
    assert f"@{jo.handle}" in ann.one("table#members").text, "the new member is not in the member list"

    jo.open("/me")
    jo.click_link("Delete your account…")
    form = jo.form_of("password")
    jo.type("password", "not-my-password-" + s.tag, form)
    jo.type("confirm_handle", jo.handle, form)
    jo.submit(form, "Delete my account", skip_browser_checks=True)
    assert jo.all("#password-error"), "a wrong password did not stop the deletion with a message"
    assert jo.logged_in(), "a refused deletion logged the person out"
    assert jo.field("confirm_handle").get_attribute("value") == jo.handle, "the refused form lost the handle typed"
    jo.shot("delete-refused")
    form = jo.form_of("password")
    jo.type("password", jo.password, form)
    jo.shot("delete-filled")
    jo.submit(form, "Delete my account")
    assert jo.path == "/", f"deleting the account led to {jo.path}"
    assert jo.flash() == "Your account is deleted.", f"flash after deleting: {jo.flash()!r}"
    assert not jo.logged_in(), "still logged in after deleting the account"
    jo.shot("deleted")

    jo.open("/login")
    form = jo.form_of("login")
    jo.type("login", jo.handle, form)
    jo.type("password", jo.password, form)
    jo.submit(form, "Log in")
    assert not jo.logged_in(), "the deleted account still logs in"
    ann.open(f"/groups/{circle}/members")
    assert f"@{jo.handle}" not in ann.one("table#members").text, "the deleted account is still in the member list"
    ann.shot("member-gone")


SCENARIOS = [
    invited_person_signs_up_and_joins,
    forgotten_password_is_reset_by_mail,
    notified_editor_accepts_a_submission,
    person_deletes_their_account,
]
