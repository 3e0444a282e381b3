"""Checks of `freshground count` as an election officer uses it: the Glasgow 2007 Springburn ward counted by each
rule (its winners are Droop's), what the JSON holds, what the table ends with, and how a missing file, a bad BLT
file, too many seats and wrong options are refused. Each check answers None when it holds, or what went wrong."""

import json
import os
import subprocess
import tempfile

SPRINGBURN = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests/FreshgroundCoreTests/Fixtures/Springburn-2007.blt"
)
SPRINGBURN_ELECTED = ["Allan Stewart", "James Todd", "Phil Greene"]


def run(binary, *args, cwd=None):
    return subprocess.run([os.path.abspath(binary), "count", *args], capture_output=True, text=True, cwd=cwd)


def votes(text):
    whole, fraction = text.split(".")
    return int(whole) * 100_000 + int(fraction)


def check_scottish_json(binary):
    done = run(binary, "--json", SPRINGBURN)
    if done.returncode != 0:
        return f"exit status {done.returncode}: {done.stderr.strip()}"
    result = json.loads(done.stdout)
    if result["elected"] != SPRINGBURN_ELECTED:
        return f"elected {result['elected']}, Droop elects {SPRINGBURN_ELECTED}"
    if (result["quota"], result["valid"], result["seats"]) != ("1353.00000", "5410.00000", 3):
        return f"quota {result['quota']}, valid {result['valid']}, seats {result['seats']}"
    first = result["stages"][0]
    if (first["action"], first["candidate"]) != ("first-preferences", None):
        return f"the first stage is {first['action']} of {first['candidate']}"
    if [s["action"] for s in result["stages"][1:]] != ["surplus", "surplus", "exclusion", "exclusion"]:
        return f"stages {[s['action'] for s in result['stages']]}"
    for number, stage in enumerate(result["stages"], 1):
        total = sum(votes(v) for v in stage["votes"].values()) + votes(stage["non_transferable"]) + votes(stage["loss"])
        if total != votes(result["valid"]):
            return f"stage {number} adds up to {total}, not the valid votes"
    if result["lots"] != []:
        return f"lots {result['lots']} in a count without ties"
    return None


def check_meek_json(binary):
    done = run(binary, "--json", "--rule", "meek", SPRINGBURN)
    result = json.loads(done.stdout) if done.returncode == 0 else None
    if not result:
        return f"exit status {done.returncode}: {done.stderr.strip()}"
    rounds = [s for s in result["stages"] if s["action"] == "iteration"]
    if not rounds or any("quota" not in s or s["iterations"] < 1 for s in rounds):
        return f"no iteration stage with its quota and iterations: {[s['action'] for s in result['stages']]}"
    if len(result["elected"]) != 3:
        return f"elected {result['elected']} for 3 seats"
    return None


def check_schulze_json(binary):
    done = run(binary, "--json", "--rule", "schulze", "--seats", "2", SPRINGBURN)
    result = json.loads(done.stdout) if done.returncode == 0 else None
    if not result:
        return f"exit status {done.returncode}: {done.stderr.strip()}"
    order = [name for tier in result["ranking"] for name in tier]
    if result["stages"] != [] or result["elected"] != order[:2] or len(order) != 10:
        return f"stages {result['stages']}, elected {result['elected']}, ranking {result['ranking']}"
    if result["pairwise"]["Allan Stewart"]["Kenny Smith"] <= result["pairwise"]["Kenny Smith"]["Allan Stewart"]:
        return "the pairwise counts do not show Allan Stewart above Kenny Smith"
    return None


def check_text(binary):
    with tempfile.TemporaryDirectory() as empty:
        done = run(binary, SPRINGBURN, cwd=empty)
        left = os.listdir(empty)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or lines[-1] != "Elected: " + ", ".join(SPRINGBURN_ELECTED):
        return f"exit status {done.returncode}, last line {lines[-1:]}"
    if not any(line.startswith("Non-transferable") for line in lines):
        return "no non-transferable row in the table"
    if left:
        return f"counting wrote {left} into the working folder (a database?)"
    return None


def check_refusals(binary):
    with tempfile.TemporaryDirectory() as folder:
        bad = os.path.join(folder, "bad.blt")
        with open(bad, "w", encoding="utf-8") as out:
            out.write('3 1\n1 2 x 0\n0\n"a"\n"b"\n"c"\n')
        cases = [
            (["missing.blt"], 1, "no such file"),
            ([bad], 1, "bad.blt:2:"),
            (["--seats", "11", SPRINGBURN], 1, "only 10 candidates"),
            (["--rule", "stv", SPRINGBURN], 64, "scottish-stv"),
            (["--rule", "irv", "--seats", "2", SPRINGBURN], 64, "one seat"),
            (["--seats", "0", SPRINGBURN], 64, "at least 1"),
        ]
        for args, status, words in cases:
            done = run(binary, *args)
            if done.returncode != status or words not in done.stderr or "Fatal error" in done.stderr:
                return f"count {' '.join(args)}: exit status {done.returncode}, stderr {done.stderr.strip()[:200]}"
        done = run(binary, "--json", bad, SPRINGBURN)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 1 or len(lines) != 2 or "error" not in json.loads(lines[0]):
            return f"a bad file among good ones: exit status {done.returncode}, output {lines}"
        if json.loads(lines[1])["elected"] != SPRINGBURN_ELECTED:
            return "the good file after a bad one was not counted"
    return None


CHECKS = [check_scottish_json, check_meek_json, check_schulze_json, check_text, check_refusals]


def run_checks(binary):
    """Runs every check; returns the problems, each naming its check."""
    problems = []
    for check in CHECKS:
        try:
            problem = check(binary)
        except Exception as error:  # a crash or unreadable output is a failed check
            problem = f"{type(error).__name__}: {error}"
        if problem:
            problems.append(f"{check.__name__}: {problem}")
    return problems
