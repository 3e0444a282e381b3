"""Makes the fixed RFC 9421 vectors of MessageSignatureTests with `http-message-signatures` (pip), an
implementation independent of ours: it signs a POST to a group's inbox with rsa-v1_5-sha256 (what Mastodon
sends) using the test key of HTTPSignatureTests, read from that Swift file. Run once with a venv that has the
package; the output is pasted into the test."""
import datetime
import hashlib
import base64
import pathlib
import re
import types

import http_message_signatures as hms
from cryptography.hazmat.primitives import serialization

swift = pathlib.Path(__file__).parent.parent / "Tests/FreshgroundTests/Federation/HTTPSignatureTests.swift"
pem = re.search(r'privatePEM = """\n(.*?)"""', swift.read_text(), re.S).group(1)
pem = "\n".join(line.strip() for line in pem.strip().splitlines()) + "\n"
key = serialization.load_pem_private_key(pem.encode(), password=None)


class Keys(hms.HTTPSignatureKeyResolver):
    def resolve_private_key(self, key_id):
        return key

    def resolve_public_key(self, key_id):
        return key.public_key()


body = b'{"type":"Follow","actor":"https://remote.example/users/alice"}'
request = types.SimpleNamespace(
    method="POST",
    url="https://social.example/ap/groups/7/inbox",
    headers={
        "Host": "social.example",
        "Date": "Tue, 22 Sep 2026 14:13:00 GMT",
        "Content-Type": "application/activity+json",
    },
)
signer = hms.HTTPMessageSigner(signature_algorithm=hms.algorithms.RSA_V1_5_SHA256, key_resolver=Keys())
signer.sign(
    request,
    key_id="https://remote.example/users/alice#main-key",
    created=datetime.datetime(2026, 9, 22, 14, 13, tzinfo=datetime.timezone.utc),
    label="sig1",
    covered_component_ids=("@method", "@target-uri", "content-digest", "date"),
    body=body,
)
assert request.headers["Content-Digest"] == "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
for name in ("Content-Digest", "Signature-Input", "Signature"):
    print(f"{name}: {request.headers[name]}")
verifier = hms.HTTPMessageVerifier(signature_algorithm=hms.algorithms.RSA_V1_5_SHA256, key_resolver=Keys())
verifier.verify(request, max_age=datetime.timedelta(days=36500))
print("verified by the library itself")
