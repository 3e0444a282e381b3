"""Accessibility checks: axe-core, injected by the test through WebDriver, on every page state a scenario reaches.

The site never serves axe: its script comes from the axe-playwright-python package in .venv (only its bundled
axe.min.js is used, so Playwright itself is not needed; scripts/test installs it with --no-deps). axe runs with
its default rules (WCAG 2 A and AA and the best practices); a scenario fails when any page it reached had a
violation. A page state is its address and the shape of its document (elements, ids, classes, roles, whether
fields are invalid), so a form shown again with messages is checked again, while the same page opened twice is not.
"""
import importlib.resources
import re

AXE_PACKAGE = "axe_playwright_python"

# Nodes axe reports that are not problems. Each entry: (rule id, the node's target as axe prints it, why). Keep it
# empty unless a rule is truly wrong about one node; never list a whole rule.
FALSE_POSITIVES = ()

SIGNATURE_JS = """
const parts = [location.pathname + location.search];
for (const e of document.querySelectorAll('body *')) {
  parts.push(e.tagName + '#' + e.id + '.' + e.className + '@' + (e.getAttribute('role') || '')
    + (e.getAttribute('aria-invalid') || '') + (e.open ? 'open' : ''));
}
return parts.join('|');
"""

RUN_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html || '', summary: n.failureSummary || ''}))}))}))
  .catch(e => done({error: String(e)}));
"""


def axe_source():
    """The bundled axe.min.js; refuses anything but axe-core 4.x."""
    try:
        source = importlib.resources.files(AXE_PACKAGE).joinpath("axe.min.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as missing:
        raise RuntimeError("axe-core is missing: .venv/bin/python -m pip install --no-deps "
                           "'axe-playwright-python==0.1.8' (scripts/test does this)") from missing
    match = re.match(r"/\*! axe v(\d+)\.(\d+)\.(\d+)", source)
    assert match and match.group(1) == "4", f"expected axe-core 4.x, the package bundles {source[:30]!r}"
    return ".".join(match.groups()), source


def is_false_positive(rule, node):
    return any(rule == known and " ".join(node["target"]) == target for known, target, why in FALSE_POSITIVES)


class Finding:
    def __init__(self, url, who, violation):
        self.url = url
        self.who = who
        self.rule = violation["id"]
        self.impact = violation["impact"]
        self.help = violation["help"]
        self.nodes = violation["nodes"]

    def lines(self):
        yield f"{self.rule} ({self.impact}) on {self.url} [{self.who}]: {self.help}"
        for node in self.nodes[:8]:
            summary = " ".join(node["summary"].split())
            html = " ".join(node["html"].split())
            yield f"    {' '.join(node['target'])} ({html[:120]}): {summary[:300]}"
        if len(self.nodes) > 8:
            yield f"    ... and {len(self.nodes) - 8} more nodes"


class Axe:
    """One per run: checks page states, remembers which it has seen and what it found in the current scenario."""

    def __init__(self):
        self.version, self.source = axe_source()
        self.seen = set()
        self.findings = []
        self.pages = 0
        self.by_rule = {}

    def check(self, person):
        driver = person.driver
        signature = driver.execute_script(SIGNATURE_JS)
        if signature in self.seen:
            return
        self.seen.add(signature)
        if not driver.execute_script("return typeof window.axe === 'object'"):
            driver.execute_script(self.source)
        driver.set_script_timeout(60)
        result = driver.execute_async_script(RUN_JS)
        assert "error" not in result, f"axe failed on {driver.current_url}: {result.get('error')}"
        self.pages += 1
        for violation in result["violations"]:
            violation["nodes"] = [n for n in violation["nodes"] if not is_false_positive(violation["id"], n)]
            if not violation["nodes"]:
                continue
            finding = Finding(driver.current_url, person.label, violation)
            self.findings.append(finding)
            self.by_rule[finding.rule] = self.by_rule.get(finding.rule, 0) + len(finding.nodes)

    def take_findings(self):
        """The current scenario's findings as one readable message (None when there were none), then forgets them."""
        findings, self.findings = self.findings, []
        if not findings:
            return None
        rules = sorted({f.rule for f in findings})
        pages = len({f.url for f in findings})
        lines = [f"axe-core {self.version}: {len(findings)} violations on {pages} pages ({', '.join(rules)})"]
        for finding in findings:
            lines.extend(finding.lines())
        return "\n".join(lines)

    def summary(self):
        rules = ", ".join(f"{rule}: {count}" for rule, count in sorted(self.by_rule.items())) or "no violations"
        return f"axe-core {self.version}: {self.pages} page states checked; {rules}"
