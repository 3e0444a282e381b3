"""pref_voting's side of the counting oracle: each rule prepares pref_voting's answer for an election, then judges
our JSON against it, answering (verdict, detail). Verdicts: "exact" (no tie was left to lot), "lot" (settled by
lot, pref_voting given our draws and agreeing), "possible" (ours is one of the outcomes pref_voting allows for a
tie), "differ"."""

import random

import pref_voting.iterative_methods as iterative
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.proportional_methods import stv_scottish


def profile(election):
    """The election as pref_voting's profile of (truncated) rankings over the candidates who stand."""
    standing = [c for c in range(election.candidates) if c not in election.withdrawn]
    rankings = [{c: position + 1 for position, c in enumerate(r)} for r in election.rankings]
    return ProfileWithTies(rankings, rcounts=election.counts, candidates=standing)


def numbers(election, names):
    index = {name: number for number, name in enumerate(election.names)}
    return [index[name] for name in names]


class DrawRecorder:
    """A seeded stand-in for pref_voting's rng that counts the lots it is asked to draw."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.draws = 0

    def choice(self, seq):
        self.draws += 1
        return self.random.choice(seq)


class OurLots:
    """Answers pref_voting's draws as our count drew them, in order: a draw among the same candidates as our next
    lot, or among more of them, gets our choice. More: when earlier stages narrow a tie to several candidates but
    not to one, pref_voting 1.18.2 draws among all who were tied (its history_prefer gives up), while the rules
    (SSI 2007/42 rules 49 and 51, as Droop counts them) and ours draw among the narrowed ones; our choice is then
    one of its candidates too. Any other draw is random, and counted."""

    def __init__(self, lots, seed):
        self.lots = lots  # [(set of candidates, chosen)]
        self.next = 0
        self.random = random.Random(seed)
        self.unmatched = 0
        self.wider = 0

    def choice(self, seq):
        if self.next < len(self.lots):
            among, chosen = self.lots[self.next]
            if among <= set(seq):
                self.next += 1
                self.wider += among != set(seq)
                return chosen
        self.unmatched += 1
        return self.random.choice(seq)


def picks(ours):
    """Our lots that chose whose surplus goes first or who is excluded: pref_voting draws those too. The others only
    put candidates elected at one stage in order, which pref_voting does not do. At a stage, the ordering lots come
    first; a pick is the last lot drawn after that stage, and the next stage acts on the candidate it chose."""
    last = {}
    for lot in ours["lots"]:
        last[lot["after_stage"]] = lot
    chosen = []
    for after, lot in sorted(last.items()):
        following = ours["stages"][after] if after < len(ours["stages"]) else None
        if following and following["action"] in ("surplus", "exclusion") and following["candidate"] == lot["chosen"]:
            chosen.append(lot)
    return chosen


class ScottishSTV:
    @staticmethod
    def prepare(election):
        recorder = DrawRecorder(election.index)
        prof = profile(election)
        winners = stv_scottish(prof, num_seats=election.seats, rng=recorder)
        return {"profile": prof, "winners": set(winners), "draws": recorder.draws}

    @staticmethod
    def judge(election, ours, theirs):
        elected = set(numbers(election, ours["elected"]))
        if len(ours["elected"]) != election.seats:
            return "differ", f"ours elected {len(ours['elected'])} for {election.seats} seats"
        if not ours["lots"] and theirs["draws"] == 0:
            if elected == theirs["winners"]:
                return "exact", ""
            return "differ", f"ours {sorted(elected)}, stv_scottish {sorted(theirs['winners'])}"
        # A lot was drawn: count again, giving pref_voting our draws.
        lots = [(set(numbers(election, lot["among"])), numbers(election, [lot["chosen"]])[0]) for lot in picks(ours)]
        replay = OurLots(lots, election.index)
        winners = set(stv_scottish(theirs["profile"], num_seats=election.seats, rng=replay))
        if replay.unmatched == 0 and replay.next == len(lots):
            if winners == elected:
                return "lot", ""
            return "differ", f"ours {sorted(elected)}, stv_scottish with our lots {sorted(winners)}"
        # The draws did not line up: ours must be one of the outcomes pref_voting's own draws can give.
        outcomes = {frozenset(winners)}
        for seed in range(40):
            outcomes.add(frozenset(stv_scottish(theirs["profile"], num_seats=election.seats, rng=random.Random(seed))))
            if frozenset(elected) in outcomes:
                return "possible", ""
        return "differ", (
            f"ours {sorted(elected)} (lots {ours['lots']}), stv_scottish drew other lots and gave "
            f"{sorted(sorted(o) for o in outcomes)}"
        )


def _memoized_put():
    """pref_voting's IRV with parallel-universe tie-breaking, remembered per set of continuing candidates (its
    recursion calls the module's function by name, so the memo serves every level). Candidates with no votes go
    first in every order of exclusion, so they are dropped at once rather than in every order."""
    original = iterative._instant_runoff_put_for_profile_with_ties
    memo = {}

    def put(prof, curr_cands=None, score_method="approval"):
        cands = frozenset(prof.candidates if curr_cands is None else curr_cands)
        key = (id(prof), cands, score_method)
        if key not in memo:
            scores = prof.tops_scores(curr_cands=sorted(cands), score_type=score_method)
            voted = frozenset(c for c in cands if scores[c] > 0)
            if voted and voted != cands:
                memo[key] = put(prof, voted, score_method)
            else:
                memo[key] = original(prof, curr_cands=sorted(cands), score_method=score_method)
        return memo[key]

    iterative._instant_runoff_put_for_profile_with_ties = put
    return memo


_PUT_MEMO = _memoized_put()


class IRV:
    @staticmethod
    def prepare(election):
        prof = profile(election)
        winners = set(iterative.instant_runoff_put(prof))
        _PUT_MEMO.clear()
        return {"winners": winners}

    @staticmethod
    def judge(election, ours, theirs):
        elected = numbers(election, ours["elected"])
        if len(elected) != 1 or elected[0] not in theirs["winners"]:
            return "differ", f"ours {elected}, instant_runoff_put {sorted(theirs['winners'])}"
        return ("exact" if len(theirs["winners"]) == 1 else "possible"), ""


class Schulze:
    @staticmethod
    def prepare(election):
        prof = profile(election)
        prof.use_extended_strict_preference()
        # Ours weighs a link i -> j by the ballots ranking i above j (winning votes), not by the margin.
        return {"winners": set(beat_path(prof, strength_function=prof.support))}

    @staticmethod
    def judge(election, ours, theirs):
        top = set(numbers(election, ours["ranking"][0])) if ours.get("ranking") else set()
        first = numbers(election, ours["elected"][:1])
        if top != theirs["winners"] or not first or first[0] not in top:
            return "differ", f"ours top tier {sorted(top)}, first {first}, beat_path {sorted(theirs['winners'])}"
        return ("exact" if len(top) == 1 else "possible"), ""


compare_stv = ScottishSTV
compare_irv = IRV
compare_schulze = Schulze
