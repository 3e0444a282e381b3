#!/usr/bin/env python3
"""Freshground browser tests: people using the site through its pages only.

Each scenario drives headless Chromium (Debian's chromium + chromium-driver) the
way a person would: typing into labelled fields and clicking buttons and links.
Every step saves a screenshot; the run writes a JUnit XML report and prints
"N passed, N failed". Handles and group names carry a random suffix, so the
tests can run against a database that already holds data.

    python3 browser-tests/run.py --base-url http://127.0.0.1:8080 \\
        --screenshots build/screenshots --junit build/browser-junit.xml [--maildir build/mail] \\
        [--demo-url http://127.0.0.1:8081]

--maildir names the directory where the test mail server (scripts/smtp-sink.py) writes each message the
server sends; scenarios find it as suite.maildir (None when not given).

--demo-url names a second server whose database `freshground demo` filled (freshly: its scenarios change it);
scenarios that need the demo data reach it through suite.demo_person(handle) and fail when it is not given.

--only REGEX runs only the scenarios whose names match it.

Every page state a scenario reaches is checked with axe-core (accessibility.py); a scenario with any violation
fails, and the run ends with a line per rule found.

The helpers live in browser.py, the scenarios in scenarios_*.py.
"""
import argparse
import os
import re
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from accessibility import Axe  # noqa: E402
from browser import Recorder, Suite, write_junit  # noqa: E402
import scenarios_groups  # noqa: E402
import scenarios_library  # noqa: E402
import scenarios_events  # noqa: E402
import scenarios_study  # noqa: E402
import scenarios_people  # noqa: E402
import scenarios_decisions  # noqa: E402
import scenarios_campaigns  # noqa: E402
import scenarios_volunteering  # noqa: E402
import scenarios_volunteering_demo  # noqa: E402
import scenarios_security  # noqa: E402

SCENARIOS = (
    scenarios_groups.SCENARIOS + scenarios_library.SCENARIOS + scenarios_events.SCENARIOS + scenarios_study.SCENARIOS
    + scenarios_people.SCENARIOS + scenarios_decisions.SCENARIOS + scenarios_campaigns.SCENARIOS
    + scenarios_volunteering.SCENARIOS + scenarios_volunteering_demo.SCENARIOS + scenarios_security.SCENARIOS
)


def scenario_label(index):
    """a, b, ... z, then aa, ab, ...: the prefix of a scenario's screenshots, in the order they ran."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def run_one(scenario, suite):
    """Runs SCENARIO; returns None or (message, traceback, kind). On failure everyone's screen is saved."""
    try:
        scenario(suite)
        axe_report = suite.axe.take_findings()
        if not axe_report:
            return None
        print(axe_report, flush=True)
        return (axe_report.splitlines()[0], axe_report, "AccessibilityError")
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}".strip() or type(exc).__name__
        trace = traceback.format_exc()
        axe_report = suite.axe.take_findings()
        if axe_report:
            print(axe_report, flush=True)
            trace += "\n" + axe_report
        failure = (message.splitlines()[0][:500], trace, type(exc).__name__)
        for someone in suite.people.values():
            try:
                someone.shot("failure")
            except Exception:
                pass
        return failure


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--junit", required=True)
    parser.add_argument("--maildir", help="where the test mail server writes the messages it receives")
    parser.add_argument("--demo-url", help="a server on a database freshly filled by freshground demo")
    parser.add_argument("--only", help="run only the scenarios whose names match this regular expression")
    args = parser.parse_args()
    scenarios = [s for s in SCENARIOS if not args.only or re.search(args.only, s.__name__)]

    recorder = Recorder(args.screenshots)
    suite = Suite(args.base_url.rstrip("/"), recorder, Axe(), args.demo_url.rstrip("/") if args.demo_url else None)
    suite.maildir = os.path.abspath(args.maildir) if args.maildir else None
    results, started = [], time.monotonic()
    try:
        for scenario in scenarios:
            recorder.scenario = scenario_label(len(results))
            first_shot, t0 = len(recorder.files), time.monotonic()
            failure = run_one(scenario, suite)
            results.append({"name": scenario.__name__, "time": time.monotonic() - t0, "failure": failure,
                            "screenshots": recorder.files[first_shot:]})
            print(f"{'FAIL' if failure else 'ok  '} {scenario.__name__}" + (f": {failure[0]}" if failure else ""),
                  flush=True)
    finally:
        suite.close()
    write_junit(args.junit, results, time.monotonic() - started)
    print(suite.axe.summary())
    failed = sum(1 for r in results if r["failure"])
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
