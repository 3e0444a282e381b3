import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import Federation

/// The signing code against fixed vectors made by an independent implementation (Python's `cryptography`, with
/// `scripts/make-signature-vectors.py`): PKCS#1 v1.5 signatures are deterministic, so ours must be byte for byte
/// the same, and theirs must verify with our code.
@Suite struct HTTPSignatureTests {
    static let privatePEM = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDf8hIpaT4SEOui
        x4AI9zA7E8ZdnjguhTHi9zmkciciymXPg0Gf0QUCrr383Ufelsj4yNm47C5iw23V
        bQeMFEG+QeMbucsTv2Uuxoeyiy/ZTRhS25RY+I68kX9+QuWcv+Ww0879s0Z74uNK
        IcUNHP+x7xdlFoSujD2+Y3CrclxPyzAGGxOeODbMYmxXpmFYjG8OxshssRswFFJJ
        jZyuCH3A0SDblxm5b5G+/ewNJMaxkcn+RTt2syVyPx4GndIgXUPHaOketmtlcNHG
        AIoPrOyUtbArGFtQ9T9FIvjiVZ8OWfeY9/LgA3BUN68YdwH+YlgBuW+0PcfTnesi
        OZJF/zw1AgMBAAECggEAIEvtcZpzcLCPAxlJbkGT65k0/PBiAteDs8tavUwXN82/
        tBcmYjGHSvU/ghW5lTDix/pTZ/dr0yODFgoU0g9j0df3tFptnqn2IjJQhJ/NJUYY
        kW6IbPJfx3MmU2O7cIk+S2uoiO8PZbN5ewn2vKbne1ZTZelC9ldUWj5GE/u4s2sB
        oGyYUO3uGLv9DaOh1bOrOIm25/QH2R/ghjm6jIPQJxZw7XfyX7B6dnxdIdgDDh7i
        h6GXOb9R19ekbWTrJsHBc7kvnlxUnNnRzL2Vjpe7sXKYCjajHtw4CGMLZ19wlC31
        WU08z5eCmoXUtOdKYWOvH/5xTGMdtVnhTtWcptBPOwKBgQD54ZB5JGn9RIdNDs6M
        DzKKyk63u4akCHqIdrveX5gU1n/VQkJ/zFI49TG3XG/shKQhlzfXwTVMyy5c35hW
        n5Hsh0q6RfBc+1kEKKSEMISJp6NZ3h2tcYJGyx9Oz0TT+fx+gocvwfazbNIfnChh
        oVtwYQLe7vh7ChRrOmIzHGj1jwKBgQDlbeyJ4ptX+HLcnBlvb3leBn+w+vnaIo6E
        R0DvouVY+mPuCLXGenqH55wxfRBSvmFBWtHi3e3iNZ4bcQKRyjLsme4fsOsjJMFs
        R+FbhnizgD9MtD0LJHDLCZ7NlgPxRF+ZNEXh7pLOe0k/8TV4PqKXu91bl7AYmBcB
        GS4SwX93+wKBgEjNVSBWYaLuklT7GWZpDxqssp6JPkMQTVLw9O9m/pIjpH7nnSRK
        zTHXDjMT9W/9fSxkOFrd6b+D+vAIHQQv3X4CNN1sfwk4GclCZhw1XogUlV0bf54G
        0iP6DhcSAEWaMdxR/z0Ez/GapOWcw48eSdvGB+YXzcFbQHO1QOMPRe01AoGAXbcj
        EcegkLSJppeUxDISr1eUPSSnfnTzJhE88yXk7Q2KWCbyqVpKRs1SvdxKGKJvc5S3
        eyYQD4C7TpZA6HBhkMfnvsYzpi1TXPmXkh1BnIDcWmadMLn34NfTKEMI5Tp6mkgB
        66HaEcHGT/olTzK2k6hHaSxy3/jwHKC+cyba/JUCgYEAqrT7KbKsto73sflD2+n2
        P5FEEiiceGv433P3Q/Vbv4noauSF/g75jxy17vKsnUo62UmzZTDBPFdP5oh0gk9A
        pw9QlNNRMvicLBAEFnVTZmYZQNJcOml+c92M4h/fCzRGmmqCpcKribUXrEsTIDPt
        40U31HEHFYBOAexmXaBod/s=
        -----END PRIVATE KEY-----
        """
    static let publicPEM = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3/ISKWk+EhDroseACPcw
        OxPGXZ44LoUx4vc5pHInIsplz4NBn9EFAq69/N1H3pbI+MjZuOwuYsNt1W0HjBRB
        vkHjG7nLE79lLsaHsosv2U0YUtuUWPiOvJF/fkLlnL/lsNPO/bNGe+LjSiHFDRz/
        se8XZRaErow9vmNwq3JcT8swBhsTnjg2zGJsV6ZhWIxvDsbIbLEbMBRSSY2crgh9
        wNEg25cZuW+Rvv3sDSTGsZHJ/kU7drMlcj8eBp3SIF1Dx2jpHrZrZXDRxgCKD6zs
        lLWwKxhbUPU/RSL44lWfDln3mPfy4ANwVDevGHcB/mJYAblvtD3H053rIjmSRf88
        NQIDAQAB
        -----END PUBLIC KEY-----
        """
    static let body = #"{"type":"Follow","actor":"https://remote.example/users/alice"}"#
    static let digest = "SHA-256=WAyuz8VT6TN/JbuNXRFisJtq8Lri2Odd45aP8mr77NY="
    static let signature =
        "V7Z3H4EoBDBct+AGc4KxkVaKV6v/6MPmwmx840NGcCPsnXIcjMqgyT7ZsfqMURxvEUsP5Z08Rmfqb5EoTIio6zZVQYyYMrJ1XT6//Fob+v4IX3W6suSLHmw6Y4xcocFlRr3WqlYxD9si/umYpLV2ghmz86X0+3xSaJtl7XZ5peEUTVRa621e1FAXuiwzVpNUKLNN1+VcqknbXbAhtEYALxUKuy2umVAvDeTp2/bSSswcvdDnX+d2EMjCAFTtdOOkhZIVz/mpF/0oi9QNF01oI3ifaEOqFxgSA86CKMFPT32XrjBPd24w7+NxBgQO3nQVshhIlrrTFms5RHOJEQTmjg=="
    static let headers = [
        "host": "social.example", "date": "Tue, 22 Sep 2026 14:13:00 GMT", "digest": digest,
    ]

    @Test func digestMatchesPython() {
        #expect(HTTPSignatures.digest(of: Data(Self.body.utf8)) == Self.digest)
    }

    @Test func signatureMatchesPythonByteForByte() throws {
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: Self.privatePEM)
        let header = try HTTPSignatures.signature(
            method: "POST",
            target: "/ap/groups/7/inbox",
            headers: Self.headers,
            keyID: "https://social.example/ap/groups/7#main-key",
            key: key
        )
        let parsed = try #require(HTTPSignatures.parse(header))
        #expect(parsed.signature.base64EncodedString() == Self.signature)
        #expect(parsed.headers == ["(request-target)", "host", "date", "digest"])
        #expect(parsed.keyID == "https://social.example/ap/groups/7#main-key")
        #expect(parsed.algorithm == "rsa-sha256")
    }

    @Test func pythonSignatureVerifiesAndATamperedOneDoesNot() throws {
        let key = try _RSA.Signing.PublicKey(pemRepresentation: Self.publicPEM)
        let header =
            "keyId=\"https://remote.example/users/alice#main-key\",algorithm=\"rsa-sha256\","
            + "headers=\"(request-target) host date digest\",signature=\"\(Self.signature)\""
        let parsed = try #require(HTTPSignatures.parse(header))
        #expect(
            HTTPSignatures.isValid(
                parsed,
                method: "POST",
                target: "/ap/groups/7/inbox",
                headers: Self.headers,
                key: key
            )
        )
        // Another path, another date or another body's digest: the same signature no longer holds.
        #expect(
            !HTTPSignatures.isValid(
                parsed,
                method: "POST",
                target: "/ap/groups/8/inbox",
                headers: Self.headers,
                key: key
            )
        )
        var later = Self.headers
        later["date"] = "Tue, 22 Sep 2026 14:13:01 GMT"
        #expect(!HTTPSignatures.isValid(parsed, method: "POST", target: "/ap/groups/7/inbox", headers: later, key: key))
        var otherBody = Self.headers
        otherBody["digest"] = HTTPSignatures.digest(of: Data("{}".utf8))
        #expect(
            !HTTPSignatures.isValid(parsed, method: "POST", target: "/ap/groups/7/inbox", headers: otherBody, key: key)
        )
        // A header the signature names but the request lacks fails too, rather than being skipped.
        var missing = Self.headers
        missing["digest"] = nil
        #expect(
            !HTTPSignatures.isValid(parsed, method: "POST", target: "/ap/groups/7/inbox", headers: missing, key: key)
        )
    }

    @Test func pssSignatureIsRefused() throws {
        // _CryptoExtras signs with PSS unless told otherwise; Mastodon would refuse that, and so do we.
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: Self.privatePEM)
        let text = try #require(
            HTTPSignatures.signingString(
                method: "POST",
                target: "/ap/groups/7/inbox",
                headers: Self.headers,
                names: HTTPSignatures.signedHeaders(hasBody: true)
            )
        )
        let pss = try key.signature(for: Data(text.utf8), padding: .PSS)
        let parsed = HTTPSignatures.Parsed(
            keyID: "k",
            algorithm: "rsa-sha256",
            headers: HTTPSignatures.signedHeaders(hasBody: true),
            signature: pss.rawRepresentation
        )
        #expect(
            !HTTPSignatures.isValid(
                parsed,
                method: "POST",
                target: "/ap/groups/7/inbox",
                headers: Self.headers,
                key: key.publicKey
            )
        )
    }

    @Test func digestsAreReadAsOtherServersWriteThem() {
        let body = Data(Self.body.utf8)
        let value = String(Self.digest.dropFirst("SHA-256=".count))
        // Mastodon's `SHA-256=`, bovine's `sha-256=`, RFC 9530's Content-Digest; each only when signed.
        #expect(Inbox.digestMatches(body, headers: ["digest": Self.digest], signed: ["digest"]))
        #expect(Inbox.digestMatches(body, headers: ["digest": "sha-256=" + value], signed: ["digest"]))
        #expect(
            Inbox.digestMatches(body, headers: ["content-digest": "sha-256=:\(value):"], signed: ["content-digest"])
        )
        #expect(!Inbox.digestMatches(body, headers: ["digest": Self.digest], signed: ["date"]))
        #expect(!Inbox.digestMatches(body, headers: ["digest": "SHA-256=" + value.reversed()], signed: ["digest"]))
        #expect(!Inbox.digestMatches(body, headers: ["digest": "SHA-512=" + value], signed: ["digest"]))
        #expect(
            !Inbox.digestMatches(
                body,
                headers: ["digest": Self.digest, "content-digest": "sha-256=:AAAA:"],
                signed: ["digest", "content-digest"]
            )
        )
    }

    @Test func httpDatesRoundTrip() throws {
        let date = try #require(HTTPSignatures.parseHTTPDate("Tue, 22 Sep 2026 14:13:00 GMT"))
        #expect(HTTPSignatures.httpDate(date) == "Tue, 22 Sep 2026 14:13:00 GMT")
        #expect(HTTPSignatures.httpDate(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPSignatures.parseHTTPDate("2026-09-22T14:13:00Z") == nil)
    }

    @Test func malformedSignatureHeadersAreNotParsed() {
        #expect(HTTPSignatures.parse("") == nil)
        #expect(HTTPSignatures.parse("keyId=\"k\"") == nil)
        #expect(HTTPSignatures.parse("keyId=k,signature=abc") == nil)
        #expect(HTTPSignatures.parse("keyId=\"k\",signature=\"not base64!\"") == nil)
        // Without a headers list, only the date is signed, as the draft says.
        #expect(HTTPSignatures.parse("keyId=\"k\",signature=\"AAAA\"")?.headers == ["date"])
    }
}

/// Requests to other servers never reach this machine's network unless the test setting allows loopback.
@Suite struct AddressGuardTests {
    @Test func privateLoopbackAndMetadataAddressesAreNotPublic() {
        for address: [UInt8] in [
            [127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1],
            [169, 254, 169, 254],
            [0, 0, 0, 0], [100, 64, 0, 1], [224, 0, 0, 1], [255, 255, 255, 255],
            Array(repeating: 0, count: 15) + [1],
            Array(repeating: 0, count: 16),
            [0xfe, 0x80] + Array(repeating: 0, count: 13) + [1],
            [0xfd, 0x12] + Array(repeating: 0, count: 14),
            Array(repeating: 0, count: 10) + [0xff, 0xff, 169, 254, 169, 254],
            Array(repeating: 0, count: 10) + [0xff, 0xff, 127, 0, 0, 1],
        ] {
            #expect(!AddressGuard.isPublic(address), "\(address)")
        }
        #expect(AddressGuard.isPublic([93, 184, 216, 34]))
        #expect(AddressGuard.isPublic([172, 32, 0, 1]))
        #expect(AddressGuard.isPublic([0x2a, 0x01, 0x4f, 0x8] + Array(repeating: 0, count: 11) + [1]))
        // The test setting lets loopback through, and nothing else.
        #expect(AddressGuard.isPublic([127, 0, 0, 1], allowLoopback: true))
        #expect(!AddressGuard.isPublic([169, 254, 169, 254], allowLoopback: true))
        #expect(!AddressGuard.isPublic([10, 0, 0, 1], allowLoopback: true))
    }

    @Test func addressesThatMayNotBeFetchedAreRefused() async {
        let refused = [
            "http://127.0.0.1:8080/actor", "https://127.0.0.1/actor", "https://169.254.169.254/latest/meta-data/",
            "https://[::1]/actor", "https://[::ffff:169.254.169.254]/x", "https://localhost/actor",
            "http://example.org/actor", "ftp://example.org/actor", "file:///etc/passwd", "https:///nohost",
        ]
        for address in refused {
            await #expect(throws: AddressGuard.Refusal.self, "\(address)") {
                try await AddressGuard.check(address, allowLoopback: false)
            }
        }
        await #expect(throws: AddressGuard.Refusal.forbidden("169.254.169.254")) {
            try await AddressGuard.check("https://169.254.169.254/latest/meta-data/", allowLoopback: false)
        }
        // With the test setting: loopback over plain http, and still not the metadata address.
        await #expect(throws: Never.self) { try await AddressGuard.check("http://127.0.0.1:9/a", allowLoopback: true) }
        await #expect(throws: AddressGuard.Refusal.forbidden("169.254.169.254")) {
            try await AddressGuard.check("http://169.254.169.254/", allowLoopback: true)
        }
    }
}
