import Crypto
import Foundation
import FreshgroundWeb
import HTTPTypes
import Testing
import _CryptoExtras

@testable import Federation

/// RFC 9421 signatures are verified as well as cavage ones: against a vector made by the Python package
/// `http-message-signatures` (scripts/make-message-signature-vectors.py, with HTTPSignatureTests' key), and
/// end to end through the inbox.
@Suite struct MessageSignatureTests {
    static let input =
        #"sig1=("@method" "@target-uri" "content-digest" "date");created=1790086380;keyid="https://remote.example/users/alice#main-key";alg="rsa-v1_5-sha256""#
    static let signature =
        "sig1=:3S/LiYG234CDEFBPepQORMuutsTIaCUkgOMr7F+iRB5bGgHUzzhiyJ48P52JJC7ZisgaaLmOQ1NtkqumsmAPEQHiQn5jGEZbkkEOGGuyiV4ZR0M9focBJVHEc2p3RcflQO1WRbGRQjnvS8NwX314d1D+l3J5/VGMfwLyhCW4BRd3/yqP2BODIZ2H6oIYR1bdk/OPj9OseNviiizipOh64vt4LQDcOP0ZOFax0vK4gfWbort0m2ZMCvs53KphVydn3dJAcDtOuXNLIm6CzPLAMQypKUzxncAYAZTXmwToB8nUjMzRY/JnQTxx4t9BGjluppVr6HmxTHL7YyAoGxHIlA==:"
    static let headers = [
        "host": "social.example", "date": "Tue, 22 Sep 2026 14:13:00 GMT",
        "content-type": "application/activity+json",
        "content-digest": "sha-256=:WAyuz8VT6TN/JbuNXRFisJtq8Lri2Odd45aP8mr77NY=:",
    ]

    @Test func pythonSignatureVerifiesAndATamperedOneDoesNot() throws {
        let parsed = try #require(MessageSignatures.parse(input: Self.input, signature: Self.signature))
        #expect(parsed.components == ["@method", "@target-uri", "content-digest", "date"])
        #expect(parsed.keyID == "https://remote.example/users/alice#main-key")
        #expect(parsed.created == Date(timeIntervalSince1970: 1_790_086_380))
        #expect(MessageSignatures.coversInbox(parsed))
        let key = try _RSA.Signing.PublicKey(pemRepresentation: HTTPSignatureTests.publicPEM)
        func valid(
            method: String = "POST",
            target: String = "/ap/groups/7/inbox",
            headers: [String: String] = Self.headers
        )
            -> Bool
        {
            MessageSignatures.isValid(
                parsed,
                method: method,
                target: target,
                scheme: "https",
                headers: headers,
                key: key
            )
        }
        #expect(valid())
        #expect(!valid(method: "PUT"))
        #expect(!valid(target: "/ap/groups/8/inbox"))
        var other = Self.headers
        other["content-digest"] = "sha-256=:AAAAz8VT6TN/JbuNXRFisJtq8Lri2Odd45aP8mr77NY=:"
        #expect(!valid(headers: other))
        other = Self.headers
        other["date"] = nil
        #expect(!valid(headers: other))
    }

    @Test func unsupportedSignaturesAreRefused() throws {
        let pss = Self.input.replacingOccurrences(of: "rsa-v1_5-sha256", with: "rsa-pss-sha512")
        let parsed = try #require(MessageSignatures.parse(input: pss, signature: Self.signature))
        let key = try _RSA.Signing.PublicKey(pemRepresentation: HTTPSignatureTests.publicPEM)
        let target = "/ap/groups/7/inbox"
        #expect(
            !MessageSignatures.isValid(
                parsed,
                method: "POST",
                target: target,
                scheme: "https",
                headers: Self.headers,
                key: key
            )
        )
        // Components with parameters, a missing key id, or a signature under another label are not read.
        #expect(
            MessageSignatures.parse(input: #"sig1=("@query-param";name="a");keyid="k""#, signature: "sig1=:AA==:")
                == nil
        )
        #expect(MessageSignatures.parse(input: #"sig1=("@method");created=1"#, signature: "sig1=:AA==:") == nil)
        #expect(MessageSignatures.parse(input: Self.input, signature: "sig2=:AA==:") == nil)
        // Without the digest, or without where it went, it is not enough for an inbox.
        let bare = try #require(
            MessageSignatures.parse(input: #"sig1=("@method" "@target-uri");keyid="k""#, signature: "sig1=:AA==:")
        )
        #expect(!MessageSignatures.coversInbox(bare))
    }

    @Test func theInboxTakesAnRFC9421SignedFollow() async throws {
        try await withApp { app in
            try await RemotePeer.with { peer in
                var organizer = try await app.person("organizer")
                let slug = try await organizer.createGroup("Leeds Renters", kind: "center")
                let actor = try await Fediverse.actorID(of: slug, in: app)
                let follow = Fediverse.follow(
                    id: peer.base + "/follows/9421",
                    actor: peer.actor("alice"),
                    object: actor
                )
                let body = try follow.serialized()
                func send(created: Date, covering components: String) async throws -> HTTPResponse.Status {
                    let digest = "sha-256=:" + Data(SHA256Digest.of(body)).base64EncodedString() + ":"
                    let parameters =
                        "(\(components));created=\(Int(created.timeIntervalSince1970));keyid=\"\(peer.keyID("alice"))\""
                    var lines: [String] = []
                    for component in components.split(separator: " ").map({ String($0.dropFirst().dropLast()) }) {
                        switch component {
                        case "@method": lines.append("\"@method\": POST")
                        case "@target-uri": lines.append("\"@target-uri\": http://127.0.0.1:8080/ap/inbox")
                        default: lines.append("\"content-digest\": \(digest)")
                        }
                    }
                    lines.append("\"@signature-params\": \(parameters)")
                    let signed = try peer.key.signature(
                        for: Data(lines.joined(separator: "\n").utf8),
                        padding: .insecurePKCS1v1_5
                    )
                    return try await peer.post(
                        follow,
                        to: "/ap/inbox",
                        in: app,
                        date: app.clock.now,
                        headers: [
                            "content-digest": digest, "signature-input": "sig1=" + parameters,
                            "signature": "sig1=:\(signed.rawRepresentation.base64EncodedString()):",
                        ],
                        signed: false
                    )
                }
                // Too old, or not covering the digest: refused. As Mastodon signs it: taken, and answered.
                let full = #""@method" "@target-uri" "content-digest""#
                #expect(
                    try await send(created: app.clock.now.addingTimeInterval(-7200), covering: full) == .unauthorized
                )
                #expect(try await send(created: app.clock.now, covering: #""@method" "@target-uri""#) == .unauthorized)
                #expect(try await send(created: app.clock.now, covering: full) == .accepted)
                let federation = Federator(services: app.services())
                _ = try await federation.deliveries.deliverDue()
                let accept = try await peer.waitFor("Accept") { $0.activity["type"] == "Accept" }
                #expect(accept.activity["object"]?["id"] == follow["id"])
            }
        }
    }
}

private enum SHA256Digest {
    static func of(_ data: Data) -> [UInt8] { Array(Crypto.SHA256.hash(data: data)) }
}
