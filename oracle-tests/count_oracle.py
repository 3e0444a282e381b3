#!/usr/bin/env python3
"""Differential test of `freshground count` against the pref_voting package (issue 13).

Generates random elections with a fixed seed (2-20 candidates, 1-5 seats, 10-100,000 ballots: most small, a few
large, and some built to tie), writes them as BLT files into a temporary folder, counts them with the built binary
(`freshground count --json --rule R FILE...`, many files per process) and compares the winners with pref_voting:

  scottish-stv  stv_scottish (SSI 2007/42). Winners are compared as sets: pref_voting returns them sorted, and both
                elect the candidates who reach the quota at one stage together. When our count drew lots,
                pref_voting is handed the same draws (a stand-in for its rng that answers each draw among the same
                candidates as ours did, or among more of them where pref_voting 1.18.2 does not narrow a tie by
                the earlier stages as far as the rules do), so the two counts must still agree; if the draws do
                not line up, ours must be among the outcomes of pref_voting's own random draws.
  irv           instant_runoff_put (every winner some way of breaking ties can give). Ours, which breaks ties by
                the earlier stages and then by lot, must be one of them, and the only one when there is one.
  schulze       beat_path (the Schulze method's winners, with extended strict preference: a ranked candidate
                is preferred to an unranked one; links weighed by winning votes, as ours are). The top tier of
                our ranking must be exactly its winners, and our first candidate one of them.

First checks the command as an election officer uses it (oracle-tests/cli_checks.py: the Springburn 2007 ward by
each rule, the JSON, the table, refused files and options). Prints "N elections, M compared, D differ" and, for each
rule, how many comparisons were exact and how many were
settled by lot. The first BLT file that differs for each rule is copied to build/oracle/ with what each side said.
Exits 1 when anything differs (or the binary fails), 0 otherwise.

  .venv/bin/python oracle-tests/count_oracle.py [--binary .build/debug/freshground] [--elections 3000] [--seed 13]
"""

import argparse
import concurrent.futures
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

from cli_checks import CHECKS, run_checks
from elections import Election, generate_elections
from oracle import compare_irv, compare_schulze, compare_stv

RULES = ("scottish-stv", "irv", "schulze")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build/debug/freshground", help="the freshground executable")
    parser.add_argument("--elections", type=int, default=3000, help="how many random elections")
    parser.add_argument("--seed", type=int, default=13, help="seed of the random elections")
    parser.add_argument("--rules", default=",".join(RULES), help="rules to compare, comma-separated")
    parser.add_argument("--batch", type=int, default=250, help="files counted by one process")
    parser.add_argument("--out", default="build/oracle", help="where a differing election is saved")
    return parser.parse_args()


def available(binary, rule, sample):
    """Whether the binary counts `rule` at all; a rule it refuses as not yet available is skipped, with its reason."""
    done = subprocess.run([binary, "count", "--json", "--rule", rule, sample], capture_output=True, text=True)
    if done.returncode == 64 and "not available" in done.stderr:
        return False, next(line for line in done.stderr.splitlines() if "not available" in line).strip()
    return True, ""


def run_batch(binary, rule, paths):
    """Counts `paths` in one process and returns one parsed JSON object per file, in order."""
    done = subprocess.run(
        [binary, "count", "--json", "--rule", rule, *paths], capture_output=True, text=True, timeout=600
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if len(paths) == 1 and lines:
        lines = [done.stdout]
    if len(lines) != len(paths):
        raise RuntimeError(
            f"{binary} count --rule {rule} gave {len(lines)} results for {len(paths)} files "
            f"(exit status {done.returncode}): {done.stderr.strip()[:500]}"
        )
    results = [json.loads(line) for line in lines]
    failed = [r for r in results if "error" in r]
    if failed or done.returncode != 0:
        raise RuntimeError(f"{binary} count --rule {rule} failed: {failed[:1]} {done.stderr.strip()[:500]}")
    return results


def save_difference(out, rule, election, ours, detail):
    os.makedirs(out, exist_ok=True)
    stem = os.path.join(out, f"first-difference-{rule}")
    shutil.copyfile(election.path, stem + ".blt")
    with open(stem + ".txt", "w", encoding="utf-8") as report:
        report.write(f"rule: {rule}\nelection: {election.describe()}\n{detail}\n\nour JSON:\n")
        report.write(json.dumps(ours, indent=2, ensure_ascii=False) + "\n")
    return stem + ".blt"


def main():
    args = parse_args()
    started = time.monotonic()
    rules = [r for r in args.rules.split(",") if r]
    for rule in rules:
        if rule not in RULES:
            sys.exit(f"unknown rule {rule}; choose from {', '.join(RULES)}")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no executable at {args.binary}: build first (swift build)")

    # A copy of the binary, so a build that replaces it during the run changes nothing.
    workdir = tempfile.mkdtemp(prefix="count-oracle-")
    args.binary = shutil.copy2(args.binary, os.path.join(workdir, "freshground"))
    problems = run_checks(args.binary)
    print(f"  command-line checks: {len(CHECKS) - len(problems)} of {len(CHECKS)} hold")
    for problem in problems:
        print(f"  FAILED: {problem}")

    try:
        elections = generate_elections(random.Random(args.seed), args.elections, workdir)
        generated = time.monotonic()
        skipped = {}
        compared_rules = []
        for rule in rules:
            ok, reason = available(args.binary, rule, elections[0].path)
            if ok:
                compared_rules.append(rule)
            else:
                skipped[rule] = reason

        # The binary counts every batch in the background (one process at a time, one core) while pref_voting counts
        # the same elections here (the other core).
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        futures = {}
        for rule in compared_rules:
            chosen = [e for e in elections if applies(rule, e)]
            for start in range(0, len(chosen), args.batch):
                part = chosen[start : start + args.batch]
                futures[(rule, start)] = (part, pool.submit(run_batch, args.binary, rule, [e.path for e in part]))

        compare = {"scottish-stv": compare_stv, "irv": compare_irv, "schulze": compare_schulze}
        theirs = {}
        for rule in compared_rules:
            for election in elections:
                if applies(rule, election):
                    theirs[(rule, election.index)] = compare[rule].prepare(election)
        counted = time.monotonic()

        tally = {rule: {"exact": 0, "lot": 0, "possible": 0, "differ": 0} for rule in compared_rules}
        first = {}
        broken = []
        for (rule, _), (part, future) in futures.items():
            try:
                results = future.result()
            except Exception as error:  # a crash or a refused file is a failure, not a difference
                broken.append(str(error))
                continue
            for election, ours in zip(part, results):
                verdict, detail = compare[rule].judge(election, ours, theirs[(rule, election.index)])
                tally[rule][verdict] += 1
                if verdict == "differ" and rule not in first:
                    first[rule] = save_difference(args.out, rule, election, ours, detail)
                    print(f"{rule}: DIFFERS on {election.describe()}: {detail}")
        pool.shutdown()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    compared = sum(sum(t.values()) for t in tally.values())
    differ = sum(t["differ"] for t in tally.values())
    for rule in compared_rules:
        t = tally[rule]
        print(f"  {rule}: {sum(t.values())} compared: {t['exact']} with no tie left to lot, {t['lot']} settled by "
              f"lot the same way, {t['possible']} by lot where ours is one possible outcome, {t['differ']} differ"
              + (f" (first: {first[rule]})" if rule in first else ""))
    for rule, reason in skipped.items():
        print(f"  {rule}: not compared, the binary refuses it: {reason}")
    for problem in broken:
        print(f"  FAILED: {problem}")
    large = sum(1 for e in elections if e.voters >= 10_000)
    tied = sum(1 for e in elections if e.kind != "random")
    print(f"  ({large} elections of 10,000 ballots or more, {tied} built to tie; generated in "
          f"{generated - started:.1f} s, pref_voting took {counted - generated:.1f} s, "
          f"{time.monotonic() - started:.1f} s in all)")
    failed = f", {len(broken)} runs of the binary failed" if broken else ""
    failed += f", {len(problems)} command-line checks failed" if problems else ""
    print(f"{len(elections)} elections, {compared} compared, {differ} differ{failed}")
    sys.exit(1 if differ or broken or problems else 0)


def applies(rule, election: Election):
    """IRV is compared on the one-seat elections and those built to tie (pref_voting's IRV is the slow one)."""
    return rule != "irv" or election.seats == 1 or election.kind != "random"


if __name__ == "__main__":
    main()
