#!/usr/bin/env python3
"""What scripts/bench asks for, chosen from its SQLite demo database.

Usage: bench-routes.py DB OUT. Writes wrk scripts that spread the load (every public group, every directory
page, 20,000 articles and events, the pages of the longest debate) and three env files with the figures
scripts/bench prints: the library's (search words read from the FTS5 vocabulary as stems), the events' and the
campaigns'.
"""
import random, sqlite3, sys
db, out = sqlite3.connect(sys.argv[1]), sys.argv[2]
done_lua = """
done = function(summary, latency, requests)
  io.write(string.format("p95 %d\\n", latency:percentile(95)))
end
"""
with open(f"{out}/p95.lua", "w") as f:
    f.write(done_lua)
slugs = [r[0] for r in db.execute("SELECT slug FROM groups WHERE visibility = 'public'")]
pages = max(1, len(slugs) // 20)
def script(name, paths):
    with open(f"{out}/{name}.lua", "w") as f:
        f.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}" + """
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
""" + done_lua)
script("groups", [f"/groups/{s}" for s in slugs])
script("directory", [f"/groups?page={n}" for n in range(1, pages + 1)])
articles = [r[0] for r in db.execute(
    "SELECT p.id FROM posts p JOIN groups g ON g.id = p.group_id WHERE p.status = 'published' "
    "AND g.visibility = 'public' AND p.kind IN ('article', 'pamphlet', 'report', 'link', 'recording') ORDER BY p.id")]
random.seed(1917)
sample = random.sample(articles, min(20000, len(articles)))
script("library", [f"/library/{i}" for i in sample])
debate, replies = db.execute(
    "SELECT debate_id, COUNT(*) FROM replies GROUP BY debate_id ORDER BY COUNT(*) DESC, debate_id LIMIT 1").fetchone()
script("debate", [f"/debates/{debate}?page={n}" for n in range(2, (replies + 199) // 200 + 1)])
db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab('main', 'search_docs', 'row')")
docs = db.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0]
common = db.execute("SELECT term, doc FROM vocab WHERE length(term) >= 6 AND term GLOB '[a-z]*' "
                    "ORDER BY doc DESC, term LIMIT 1").fetchone()
rare = db.execute("SELECT term, doc FROM vocab WHERE doc BETWEEN 5 AND 15 AND length(term) >= 8 "
                  "AND term GLOB '[a-z]*' ORDER BY abs(doc - 10), term LIMIT 1").fetchone() \
    or db.execute("SELECT term, doc FROM vocab WHERE term GLOB '[a-z]*' ORDER BY doc, term LIMIT 1").fetchone()
events = [r[0] for r in db.execute("SELECT id FROM events WHERE is_public = 1 ORDER BY id")]
script("events", [f"/events/{i}" for i in random.sample(events, min(20000, len(events)))])
city, month, in_month = db.execute(
    "SELECT c.slug, CASE WHEN typeof(e.starts_at) IN ('real', 'integer') "
    "THEN strftime('%Y-%m', e.starts_at, 'unixepoch') ELSE substr(e.starts_at, 1, 7) END AS month, COUNT(*) FROM events e JOIN cities c ON c.id = e.city_id "
    "WHERE e.is_public = 1 GROUP BY c.slug, month ORDER BY COUNT(*) DESC, c.slug LIMIT 1").fetchone()
city_events = db.execute(
    "SELECT COUNT(*) FROM events e JOIN cities c ON c.id = e.city_id WHERE c.slug = ?", (city,)).fetchone()[0]
conference, sessions = db.execute(
    "SELECT event_id, COUNT(*) FROM conference_sessions GROUP BY event_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
busiest = db.execute(
    "SELECT event_id, COUNT(*) FROM rsvps GROUP BY event_id ORDER BY COUNT(*) DESC, event_id LIMIT 1").fetchone()
with open(f"{out}/events.env", "w") as f:
    f.write(f"EVENTS={len(events)}\nEVENT_ID={busiest[0]}\nEVENT_RSVPS={busiest[1]}\nCITY={city}\n"
            f"MONTH={month}\nMONTH_EVENTS={in_month}\nCITY_EVENTS={city_events}\n"
            f"CONFERENCE_ID={conference}\nCONFERENCE_SESSIONS={sessions}\n")
campaign, campaign_signatures = db.execute(
    "SELECT p.campaign_id, COUNT(*) FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id "
    "JOIN campaigns c ON c.id = p.campaign_id WHERE c.is_public = 1 "
    "GROUP BY p.campaign_id ORDER BY COUNT(*) DESC, p.campaign_id LIMIT 1").fetchone()
campaign_groups = db.execute(
    "SELECT COUNT(*) FROM campaign_participants WHERE campaign_id = ? AND status IN ('lead', 'accepted')",
    (campaign,)).fetchone()[0]
petition, petition_signatures = db.execute(
    "SELECT s.petition_id, COUNT(*) FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id "
    "JOIN groups g ON g.id = p.group_id WHERE p.campaign_id = ? AND g.visibility = 'public' "
    "GROUP BY s.petition_id ORDER BY COUNT(*) DESC, s.petition_id LIMIT 1", (campaign,)).fetchone()
plan_group, plan_year, plan_items = db.execute(
    "SELECT g.slug, pl.year, COUNT(*) FROM plans pl JOIN groups g ON g.id = pl.group_id "
    "JOIN plan_items i ON i.plan_id = pl.id WHERE g.visibility = 'public' "
    "GROUP BY pl.id, g.slug, pl.year ORDER BY COUNT(*) DESC, pl.id LIMIT 1").fetchone()
official, official_votes = db.execute(
    "SELECT v.official_id, COUNT(*) FROM official_votes v JOIN officials o ON o.id = v.official_id "
    "JOIN groups g ON g.id = o.group_id WHERE g.visibility = 'public' "
    "GROUP BY v.official_id ORDER BY COUNT(*) DESC, v.official_id LIMIT 1").fetchone()
with open(f"{out}/campaigns.env", "w") as f:
    f.write(f"CAMPAIGN_ID={campaign}\nCAMPAIGN_GROUPS={campaign_groups}\nCAMPAIGN_SIGNATURES={campaign_signatures}\n"
            f"PETITION_ID={petition}\nPETITION_SIGNATURES={petition_signatures}\nPLAN_GROUP={plan_group}\n"
            f"PLAN_YEAR={plan_year}\nPLAN_ITEMS={plan_items}\nOFFICIAL_ID={official}\nOFFICIAL_VOTES={official_votes}\n")
with open(f"{out}/library.env", "w") as f:
    f.write(f"ARTICLES={len(articles)}\nARTICLE_ID={sample[0]}\nDEBATE_ID={debate}\nDEBATE_REPLIES={replies}\n"
            f"SEARCH_DOCS={docs}\nCOMMON_WORD={common[0]}\nCOMMON_DOCS={common[1]}\n"
            f"RARE_WORD={rare[0]}\nRARE_DOCS={rare[1]}\n")
