"""Random elections for the counting oracle, written as BLT files.

Most elections are small (10-200 ballots), some middling, a few large (up to 100,000 ballots). Voters follow a
Plackett-Luce model with skewed candidate popularity and rank a few candidates or all of them. Electorates over 300
draw their ballots from a pool of voter types, so pref_voting (which works per distinct ranking) stays fast. About
one election in seven is built to tie: rotations of one ranking in equal numbers, rankings paired with their
reverses, or a handful of voters over several candidates. Some withdraw candidates or hold empty ballots (which the
count ignores), and the BLT is written sometimes one ballot a line, sometimes with weights.
"""

import collections
import dataclasses
import itertools
import math
import os


@dataclasses.dataclass
class Election:
    index: int
    path: str
    kind: str  # random, rotation, mirror or tiny
    candidates: int
    seats: int
    voters: int
    withdrawn: frozenset
    # Distinct rankings (candidate numbers from 0, withdrawn ones removed, none empty) and how many ballots each.
    rankings: list
    counts: list

    @property
    def names(self):
        return candidate_names(self.candidates)

    def describe(self):
        return (
            f"#{self.index} ({self.kind}): {self.candidates} candidates, {self.seats} seats, {self.voters} ballots"
            + (f", withdrawn {sorted(self.withdrawn)}" if self.withdrawn else "")
        )


def candidate_names(count):
    """Unique names, some with spaces, an apostrophe or letters outside ASCII."""
    pool = ["Ana Ruiz", "Zoë Adler", "Kofi Mensah", "Siobhán O'Neill", "Li Wei", "Jonas", "Priya Nair", "Olu"]
    return [f"{pool[i % len(pool)]} {i + 1}" for i in range(count)]


def plackett_luce(rng, weights, length):
    """A ranking of `length` candidates, each next one drawn in proportion to its weight among those left."""
    left = list(range(len(weights)))
    ranking = []
    for _ in range(length):
        total = sum(weights[c] for c in left)
        pick = rng.random() * total
        for position, candidate in enumerate(left):
            pick -= weights[candidate]
            if pick <= 0 or position == len(left) - 1:
                ranking.append(candidate)
                left.pop(position)
                break
    return tuple(ranking)


def ranking_length(rng, candidates):
    """Most voters rank a few candidates; a third rank them all."""
    if rng.random() < 0.33:
        return candidates
    return min(candidates, 1 + int(rng.expovariate(0.6)))


def voter_count(rng):
    roll = rng.random()
    if roll < 0.62:
        return rng.randint(10, 200)
    if roll < 0.87:
        return rng.randint(200, 2_000)
    if roll < 0.96:
        return rng.randint(2_000, 20_000)
    return rng.randint(20_000, 100_000)


def random_election(rng):
    candidates = rng.randint(2, 20)
    voters = voter_count(rng)
    spread = rng.uniform(0.2, 1.6)
    weights = [math.exp(rng.gauss(0, spread)) for _ in range(candidates)]
    if voters <= 300:
        ballots = collections.Counter(
            plackett_luce(rng, weights, ranking_length(rng, candidates)) for _ in range(voters)
        )
    else:
        # A pool of voter types, popular ones more common (Zipf), drawn `voters` times.
        types = [plackett_luce(rng, weights, ranking_length(rng, candidates)) for _ in range(rng.randint(30, 300))]
        popularity = [1 / (rank + 1) ** rng.uniform(0.5, 1.2) for rank in range(len(types))]
        ballots = collections.Counter(rng.choices(types, weights=popularity, k=voters))
    return candidates, ballots


def tie_election(rng, kind):
    if kind == "rotation":
        candidates = rng.randint(3, 6)
        base = rng.sample(range(candidates), candidates)
        length = rng.randint(1, candidates)
        copies = rng.randint(1, 5)
        ballots = collections.Counter()
        for turn in range(candidates):
            ballots[tuple((base[turn:] + base[:turn])[:length])] += copies
        if rng.random() < 0.5:
            ballots[tuple(rng.sample(range(candidates), rng.randint(1, candidates)))] += 1
    elif kind == "mirror":
        candidates = rng.randint(3, 6)
        ballots = collections.Counter()
        for _ in range(rng.randint(1, 4)):
            ranking = rng.sample(range(candidates), candidates)
            copies = rng.randint(1, 6)
            ballots[tuple(ranking)] += copies
            ballots[tuple(reversed(ranking))] += copies
    else:  # tiny: a handful of voters over several candidates
        candidates = rng.randint(3, 8)
        ballots = collections.Counter(
            tuple(rng.sample(range(candidates), rng.randint(1, 3))) for _ in range(rng.randint(10, 25))
        )
    return candidates, ballots


def generate_elections(rng, count, workdir):
    elections = []
    for index in range(count):
        roll = rng.random()
        kind = "random" if roll < 0.86 else ("rotation" if roll < 0.91 else ("mirror" if roll < 0.95 else "tiny"))
        candidates, ballots = random_election(rng) if kind == "random" else tie_election(rng, kind)
        withdrawn = frozenset()
        if kind == "random" and candidates >= 4 and rng.random() < 0.05:
            withdrawn = frozenset(rng.sample(range(candidates), rng.randint(1, 2)))
        standing = candidates - len(withdrawn)
        seats = 1 if standing <= 2 else rng.randint(1, min(5, standing - 1))
        if kind != "random":
            seats = rng.randint(1, min(3, standing - 1))
        empty = rng.randint(1, 3) if rng.random() < 0.1 else 0
        path = os.path.join(workdir, f"e{index:05d}.blt")
        write_blt(rng, path, candidates, seats, withdrawn, ballots, empty, f"Oracle election {index}")
        # What pref_voting counts: rankings without withdrawn candidates, empty ones dropped.
        counted = collections.Counter()
        for ranking, number in ballots.items():
            kept = tuple(c for c in ranking if c not in withdrawn)
            if kept:
                counted[kept] += number
        elections.append(
            Election(
                index=index,
                path=path,
                kind=kind,
                candidates=candidates,
                seats=seats,
                voters=sum(ballots.values()),
                withdrawn=withdrawn,
                rankings=list(counted.keys()),
                counts=list(counted.values()),
            )
        )
    return elections


def write_blt(rng, path, candidates, seats, withdrawn, ballots, empty, title):
    """Weighted lines or one ballot a line (for fewer than 20,000 ballots), shuffled, with the odd comment."""
    lines = [f"{candidates} {seats}"]
    if withdrawn:
        lines.append(" ".join(f"-{c + 1}" for c in sorted(withdrawn)))
    items = list(ballots.items())
    if sum(ballots.values()) < 20_000 and rng.random() < 0.4:
        singles = list(itertools.chain.from_iterable([ranking] * number for ranking, number in items))
        rng.shuffle(singles)
        items = [(ranking, 1) for ranking in singles]
    else:
        rng.shuffle(items)
    for ranking, number in items:
        lines.append(" ".join(str(x) for x in [number, *(c + 1 for c in ranking), 0]))
    lines += ["1 0"] * empty
    if rng.random() < 0.1:
        lines.insert(1, "# a comment line, which the count skips")
    lines.append("0")
    lines += [f'"{name}"' for name in candidate_names(candidates)]
    lines.append(f'"{title}"')
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
