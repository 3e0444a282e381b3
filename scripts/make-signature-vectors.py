"""Makes the fixed vectors of HTTPSignatureTests with Python's `cryptography`, an implementation independent of
ours: an RSA key, a cavage signing string as Mastodon builds it, its rsa-sha256 (PKCS#1 v1.5) signature and the
body's SHA-256 Digest. Run once; the output is pasted into the test."""
import base64, hashlib
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
body = b'{"type":"Follow","actor":"https://remote.example/users/alice"}'
digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
text = (
    "(request-target): post /ap/groups/7/inbox\n"
    "host: social.example\n"
    "date: Tue, 22 Sep 2026 14:13:00 GMT\n"
    f"digest: {digest}"
)
signature = base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
print(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode())
print(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
print(digest)
print(signature)
