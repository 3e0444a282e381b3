import Foundation
import HummingbirdOTP
import Testing

/// Setting up two-factor sign-in the way a person does: reading the key off the page into an authenticator (here
/// HummingbirdOTP's TOTP, on the app's test clock) and typing back the code it gives.
enum TwoFactorSupport {
    /// The TOTP secret behind the base32 key the set-up page shows.
    static func secret(on page: Page) throws -> String {
        let match = try #require(page.body.firstMatch(of: /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/))
        return try base32Decode(String(match.output.1).replacingOccurrences(of: " ", with: ""))
    }

    /// The 6-digit code for `secret` at the app's time, `steps` 30-second steps away.
    static func code(_ secret: String, _ app: TestApp, steps: Int = 0) -> String {
        let value = TOTP(secret: secret).compute(date: app.clock.now.addingTimeInterval(TimeInterval(30 * steps)))
        return String(format: "%06d", value)
    }

    /// The recovery codes a page shows once.
    static func recoveryCodes(on page: Page) -> [String] {
        page.body.matches(of: /<li><code>([a-z0-9-]+)<\/code><\/li>/).map { String($0.output.1) }
    }

    /// Sets up two-factor sign-in for the signed-in `visitor`; returns the secret and the recovery codes. The clock
    /// then moves on a step, so the next code is a new one.
    static func enrol(_ visitor: inout Visitor, _ app: TestApp) async throws -> (secret: String, codes: [String]) {
        let page = try await visitor.get("/me/two-factor")
        let secret = try secret(on: page)
        let confirmed = try await visitor.post("/me/two-factor", [("code", code(secret, app))])
        try #require(confirmed.status == .ok)
        app.clock.advance(seconds: 30)
        return (secret, recoveryCodes(on: confirmed))
    }

    /// A fresh browser that has typed `handle`'s right password; the response to it.
    static func passwordStep(_ app: TestApp, _ handle: String) async throws -> (Visitor, Page) {
        var visitor = app.visitor()
        _ = try await visitor.get("/login")
        let page = try await visitor.post("/login", [("login", handle), ("password", Visitor.password)])
        return (visitor, page)
    }

    /// RFC 4648 base32 without padding, decoded to the UTF-8 text it encodes.
    static func base32Decode(_ text: String) throws -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text {
            let value = try #require(alphabet.firstIndex(of: character))
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
