"""Freshground's federation against independent fediverse software: fediverse-pasture's test actors, which sign
and check signatures with bovine (its own HTTP Signatures code, not ours).

Started by scripts/test against a running server (demo data, federation allowed to reach loopback):

1. verify_actor: pasture's ActorVerifier looks a public group up by WebFinger, fetches its actor (signed and
   unsigned) and posts to its inbox as six actors. The inbox must refuse the unsigned posts (alice, dean) and
   take the signed ones (bob, claire, emily, frank; claire and frank only show their keys to signed fetches, so
   our key fetches must be signed by our instance actor, which pasture checks).
2. follow: pasture's bob follows the group with a bovine-signed Follow; the group must answer Accept and send
   its recent posts and events as Create(Article) and Create(Event), and its re-shares of events it promotes
   as Announce, to bob's inbox, whose server only takes requests whose signatures it verifies against the
   group's published key.
3. reply: bob posts a signed Create(Note) in reply to a position of an open debate; it must join the debate as a
   comment under bob's handle, with its script dropped.
4. herd: a bovine-herd server (oracle-tests/herd_app.py), which refuses unsigned fetches of its actors, has its
   actor follow the group through its own outbox; the herd must verify and store the group's Accept and its
   recent items, so our inbox verified the herd's signature (after a signed fetch of its key) and the herd ours.

Prints one line per check and "N passed, M failed" last; exits 1 if any failed.
"""

import argparse
import os
import asyncio
import json
import re
import secrets
import socket
import sqlite3
import subprocess
import tempfile
import sys
import urllib.error
import urllib.request

import aiohttp
from hypercorn.asyncio import serve
from hypercorn.config import Config
from quart import Quart

from bovine import BovineClient
from fediverse_pasture.data_provider import DataProvider, bovine_actor_for_actor_data
from fediverse_pasture.server import BlueprintForActors
from fediverse_pasture.server.verify_actor import ActorVerifier
from fediverse_pasture.types import Message

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def public_group(base_url):
    """A group of the directory that WebFinger finds (a public one) whose outbox holds posts, events it leads
    and events it re-shares, so every kind of item is checked."""
    page = urllib.request.urlopen(f"{base_url}/groups").read().decode()
    host = base_url.split("://", 1)[1]
    for slug in dict.fromkeys(re.findall(r'href="/groups/([a-z0-9-]+)"', page)):
        if slug == "new":
            continue
        try:
            finger = json.load(urllib.request.urlopen(f"{base_url}/.well-known/webfinger?resource=acct:{slug}@{host}"))
            actor = next(link["href"] for link in finger["links"] if link["rel"] == "self")
            outbox = json.load(urllib.request.urlopen(f"{actor}/outbox"))
        except Exception:
            continue
        kinds = {a["type"] if a["type"] == "Announce" else a["object"]["type"] for a in outbox["orderedItems"]}
        if {"Article", "Event", "Announce"} <= kinds:
            return slug
    raise SystemExit("no public group with posts, events and re-shares found in the directory")


def open_debate_position(base_url):
    """The newest open debate with a position, and that position, from the public API."""
    debates = json.loads(urllib.request.urlopen(f"{base_url}/api/v1/debates").read())["items"]
    for item in debates:
        debate = json.loads(urllib.request.urlopen(f"{base_url}/api/v1/debates/{item['id']}").read())["debate"]
        if not debate.get("closed") and debate.get("positions"):
            return item["id"], debate["positions"][0]["id"]
    raise SystemExit("the demo site has no open debate with a position")


def herd_command(env, *args):
    """Runs bovine-store's command line on the herd's database and returns what it printed."""
    return subprocess.run(
        [sys.executable, "-m", "bovine_store", *args], env=env, check=True, capture_output=True, text=True
    ).stdout


async def herd_follows(group_uri):
    """Starts a bovine-herd server with one actor, milka, has milka follow the group through the herd's outbox
    (the herd signs and delivers the Follow itself), and checks what the herd stored in milka's inbox."""
    workdir = tempfile.mkdtemp(prefix="fg-herd-")
    database = os.path.join(workdir, "bovine.sqlite3")
    port = free_port()
    domain = f"http://127.0.0.1:{port}"
    env = dict(os.environ, BOVINE_DB_URL=f"sqlite://{database}",
               PYTHONPATH=os.path.dirname(os.path.abspath(__file__)))
    herd_command(env, "create")
    registered = herd_command(env, "register", "--domain", domain, "--handle", "milka")
    name = registered.strip().split()[-1]
    secret = re.search(r"secret: (\S+)", herd_command(env, "key", "--new", name)).group(1)
    with open(os.path.join(workdir, "herd.log"), "w") as log:
        herd = subprocess.Popen(
            [sys.executable, "-m", "hypercorn", "herd_app:app", "--bind", f"127.0.0.1:{port}"],
            env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{domain}/.well-known/nodeinfo", timeout=2)
                break
            except OSError:
                await asyncio.sleep(0.5)
        async with BovineClient(domain=domain, secret=secret) as client:
            milka = client.actor_id
            try:
                urllib.request.urlopen(milka, timeout=5)
                unsigned = 200
            except urllib.error.HTTPError as error:
                unsigned = error.code
            check("the herd refuses unsigned fetches of its actor", unsigned == 401, str(unsigned))
            sent = await client.send_to_outbox(client.activity_factory.follow(group_uri).build())
            check("the herd takes milka's Follow of the group into its outbox", sent.status in (200, 201, 202),
                  str(sent.status))
        stored = []
        for _ in range(120):
            with sqlite3.connect(database) as db:
                stored = db.execute(
                    """SELECT e.stream_name, json_extract(s.content, '$.type'), json_extract(s.content, '$.actor')
                    FROM collectionitem c JOIN bovineactorendpoint e ON e.name = c.part_of
                    LEFT JOIN storedjsonobject s ON s.id = c.object_id"""
                ).fetchall()
            inbox = [(kind, actor) for stream, kind, actor in stored if stream.upper() == "INBOX"]
            if ("Accept", group_uri) in inbox and ("Create", group_uri) in inbox:
                break
            await asyncio.sleep(0.5)
        inbox = [(kind, actor) for stream, kind, actor in stored if stream.upper() == "INBOX"]
        check("the herd verified and stored the group's Accept of milka's follow", ("Accept", group_uri) in inbox,
              str(stored)[:500])
        check("the herd verified and stored the group's recent items (Create)", ("Create", group_uri) in inbox,
              str(stored)[:500])
    finally:
        herd.terminate()
        herd.wait(timeout=10)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    host = base.split("://", 1)[1]
    slug = public_group(base)
    print(f"group: {slug}", flush=True)

    provider = DataProvider.generate()
    actors = provider.possible_actors + [provider.one_actor]
    received = []

    async def on_inbox(data):
        received.append(data)

    app = Quart(__name__)
    app.register_blueprint(BlueprintForActors(actors, on_inbox=on_inbox).blueprint)
    port = free_port()
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    stop = asyncio.Event()
    server = asyncio.create_task(serve(app, config, shutdown_trigger=stop.wait))
    await asyncio.sleep(1)
    domain = f"127.0.0.1:{port}"

    try:
        # 1. verify_actor
        verifier = ActorVerifier(
            actor_list=actors, remote_uri=f"acct:{slug}@{host}", domain=domain, message=Message(), timeout=20
        )
        result = await verifier.verify()
        check("WebFinger resolves the group to the actor it serves", result.get("webfinger") is True, str(result))
        for name, signed in [
            ("alice", False), ("bob", True), ("claire", True), ("dean", False), ("emily", True), ("frank", True)
        ]:
            got = result.get(name, {})
            check(f"{name} fetches the group's actor", got.get("get_actor") is True, str(got))
            verb = "takes" if signed else "refuses"
            check(
                f"the inbox {verb} {name}'s {'signed' if signed else 'unsigned'} post",
                got.get("post_inbox") is signed,
                str(got),
            )

        # 2. follow
        actor_uri = verifier.remote_actor_uri
        bob_data = next(a for a in actors if a.actor_name == "bob")
        bob_id = f"http://{domain}/bob"
        bob, _ = bovine_actor_for_actor_data(bob_id, bob_data)
        async with aiohttp.ClientSession() as session:
            await bob.init(session=session)
            group = await bob.get(actor_uri)
            follow_id = f"{bob_id}/follows/{secrets.token_hex(8)}"
            response = await bob.post(
                group["inbox"],
                data={
                    "@context": "https://www.w3.org/ns/activitystreams",
                    "id": follow_id,
                    "type": "Follow",
                    "actor": bob_id,
                    "object": actor_uri,
                },
            )
            check("the group's inbox takes bob's signed Follow", response.status == 202, str(response.status))
            outbox = await bob.get(group["outbox"])
        items = outbox.get("orderedItems", [])
        expected = {kind: sum(1 for a in items if a.get("type") == "Create" and a["object"].get("type") == kind)
                    for kind in ("Article", "Event")}
        expected_announces = sum(1 for a in items if a.get("type") == "Announce")
        for _ in range(120):
            creates = [a for a in received if a.get("type") == "Create"]
            announces = [a for a in received if a.get("type") == "Announce"]
            if (any(a.get("type") == "Accept" for a in received) and len(creates) >= sum(expected.values())
                    and len(announces) >= expected_announces):
                break
            await asyncio.sleep(0.5)
        accepts = [a for a in received if a.get("type") == "Accept"]
        check(
            "bob's server verified and took the group's Accept of the follow",
            any((a.get("object") or {}).get("id") == follow_id and a.get("actor") == actor_uri for a in accepts),
            str(accepts)[:500],
        )
        creates = [a for a in received if a.get("type") == "Create" and a.get("actor") == actor_uri]
        for kind, count in expected.items():
            got = [a for a in creates if (a.get("object") or {}).get("type") == kind]
            check(
                f"bob's server verified and took the group's {count} recent items as Create({kind})",
                count > 0 and len(got) >= count,
                f"{len(got)} of {count} expected",
            )
        events = [a["object"] for a in creates if (a.get("object") or {}).get("type") == "Event"]
        check(
            "each Event says when (start, end, time zone) and never carries an online link",
            all(e.get("startTime") and e.get("endTime") and e.get("timezone") for e in events)
            and not any("onlineURL" in str(e) or "meet." in str(e) for e in events),
            str(events[:1])[:500],
        )
        announces = [a for a in received if a.get("type") == "Announce" and a.get("actor") == actor_uri]
        check(
            f"bob's server verified and took the group's {expected_announces} re-shares (Announce) of events it promotes",
            expected_announces > 0 and len(announces) >= expected_announces,
            f"{len(announces)} of {expected_announces}",
        )

        # 3. a signed reply into an open debate, as bob's server sends it
        debate_id, position_id = open_debate_position(base)
        note_id = f"{bob_id}/notes/{secrets.token_hex(8)}"
        words = f"Reply from the pasture {secrets.token_hex(4)}"
        async with aiohttp.ClientSession() as session:
            await bob.init(session=session)
            response = await bob.post(
                group["inbox"],
                data={
                    "@context": "https://www.w3.org/ns/activitystreams",
                    "id": f"{note_id}/create",
                    "type": "Create",
                    "actor": bob_id,
                    "object": {
                        "id": note_id,
                        "type": "Note",
                        "attributedTo": bob_id,
                        "inReplyTo": f"{base}/ap/positions/{position_id}",
                        "content": f"<p>{words}<script>alert(1)</script></p>",
                        "to": ["https://www.w3.org/ns/activitystreams#Public"],
                    },
                },
            )
        check("the inbox takes bob's signed reply to a debate", response.status == 202, str(response.status))
        found = []
        for _ in range(10):
            number = 1
            while True:
                replies = json.loads(
                    urllib.request.urlopen(f"{base}/api/v1/debates/{debate_id}?page={number}").read()
                )["replies"]
                found += [r for r in replies.get("items", []) if words in (r.get("bodyHTML") or "")]
                if found or not replies.get("hasNext"):
                    break
                number += 1
            if found:
                break
            await asyncio.sleep(0.5)
        check(
            "the reply joins the debate as a comment under bob's handle, its script dropped",
            len(found) == 1 and found[0].get("stance") == "comment" and f"@bob@{domain}" in found[0].get("author", "")
            and "<script" not in found[0].get("bodyHTML", ""),
            str(found)[:500],
        )

        # 4. a bovine-herd server, which takes only signed fetches of its actors, follows the group
        await herd_follows(actor_uri)
    finally:
        stop.set()
        await server

    passed = sum(RESULTS)
    failed = len(RESULTS) - passed
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    asyncio.run(main())
