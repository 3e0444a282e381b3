"""Scenarios about groups: following, private member lists, forms that keep what was typed, no third parties."""
from browser import By


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
