import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import HummingbirdOTP
import SQLKit

/// Two-factor sign-in with TOTP codes from an authenticator app, and single-use recovery codes for when the app is
/// lost. Codes are checked against the app's clock (`services.clock`), one 30-second step either side allowed for
/// a phone's clock that is a little off; a code's step is remembered, so no code is accepted twice.
package struct TwoFactor: Sendable {
    static let timeStep = 30
    static let recoveryCodeCount = 10
    /// Letters and digits that are not easily mistaken for each other (no 0/o, 1/l/i).
    static let recoveryAlphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// What a person needs to add the account to their authenticator app: the secret in base32 (typed by hand)
    /// and the `otpauth://` address (which apps also read from a link or a QR code).
    package struct Enrolment: Sendable, Equatable {
        package let base32: String
        package let url: String
    }

    /// How a code was accepted: a TOTP code, or a recovery code (now used) with the number still unused.
    package enum Accepted: Sendable, Equatable {
        case totp
        case recovery(left: Int)
    }

    /// Whether the person has confirmed two-factor sign-in.
    package func enrolled(_ personID: Int) async throws -> Bool {
        try await services.store.sql.select().column("person_id").from("person_totp")
            .where("person_id", .equal, personID).where("confirmed_at", .isNot, SQLLiteral.null)
            .value("person_id", as: Int.self) != nil
    }

    /// The secret being set up for a person who has not confirmed two-factor sign-in yet (made on first asking, then
    /// kept, so the app they added it to still matches after a reload); nil once it is confirmed.
    func enrolment(personID: Int, handle: String) async throws -> Enrolment? {
        let sql = services.store.sql
        if try await stored(personID) == nil {
            // Two requests at once may both insert; the unique person_id keeps one, and both read it below.
            _ = try? await sql.insertReturningID(
                into: "person_totp",
                ["person_id": personID, "secret": Token.random(bytes: 20), "created_at": services.clock()]
            )
        }
        guard let row = try await stored(personID), row.confirmedAt == nil else { return nil }
        let url = TOTP(secret: row.secret).createAuthenticatorURL(
            label: "\(services.site.name):\(handle)",
            issuer: services.site.name
        )
        let base32 = url.firstMatch(of: /secret=([A-Z2-7]+)/).map { String($0.output.1) } ?? ""
        return Enrolment(base32: base32, url: url)
    }

    /// Confirms the secret being set up with a code it gives, and returns the new recovery codes (shown once).
    func confirm(personID: Int, code: String) async throws -> [String] {
        guard !Self.normalized(code).isEmpty else {
            throw AppError.validation(["code": "Type the 6 digits your app shows now."])
        }
        guard let row = try await stored(personID), row.confirmedAt == nil, let step = matchingStep(row, code)
        else {
            throw AppError.validation(["code": "That code does not match. Type the 6 digits your app shows now."])
        }
        let now = services.clock()
        return try await services.store.transaction { tx in
            try await tx.update("person_totp").set("confirmed_at", to: now).set("last_step", to: step)
                .where("person_id", .equal, personID).run()
            return try await Self.replaceRecoveryCodes(personID: personID, now: now, on: tx)
        }
    }

    /// Accepts a TOTP code not used before, or an unused recovery code (which is then used up); nil for anything
    /// else. Each acceptance is one guarded write, so two requests with the same code cannot both pass.
    func accept(personID: Int, code: String) async throws -> Accepted? {
        let sql = services.store.sql
        guard let row = try await stored(personID), row.confirmedAt != nil else { return nil }
        if let step = matchingStep(row, code) {
            let taken = try await sql.update("person_totp").set("last_step", to: step)
                .where("person_id", .equal, personID)
                .where { $0.where("last_step", .is, SQLLiteral.null).orWhere("last_step", .lessThan, step) }
                .returning("person_id").all()
            return taken.isEmpty ? nil : .totp
        }
        let used = try await sql.update("person_recovery_codes").set("used_at", to: services.clock())
            .where("person_id", .equal, personID).where("code_digest", .equal, Token.digest(Self.normalized(code)))
            .where("used_at", .is, SQLLiteral.null).returning("id").all()
        guard !used.isEmpty else { return nil }
        return .recovery(left: try await unusedRecoveryCodes(personID))
    }

    /// How many recovery codes the person has not used.
    package func unusedRecoveryCodes(_ personID: Int) async throws -> Int {
        try await services.store.sql.count(
            { $0.where("person_id", .equal, personID).where("used_at", .is, SQLLiteral.null) },
            from: "person_recovery_codes"
        )
    }

    /// Replaces every recovery code with ten new ones, returned to be shown once.
    func regenerateRecoveryCodes(personID: Int) async throws -> [String] {
        let now = services.clock()
        return try await services.store.transaction { tx in
            try await Self.replaceRecoveryCodes(personID: personID, now: now, on: tx)
        }
    }

    /// Turns two-factor sign-in off: the secret and the recovery codes go.
    func disable(personID: Int) async throws {
        try await services.store.transaction { tx in
            try await tx.delete(from: "person_recovery_codes").where("person_id", .equal, personID).run()
            try await tx.delete(from: "person_totp").where("person_id", .equal, personID).run()
        }
    }

    private static func replaceRecoveryCodes(
        personID: Int,
        now: Date,
        on sql: any SQLDatabase
    ) async throws
        -> [String]
    {
        try await sql.delete(from: "person_recovery_codes").where("person_id", .equal, personID).run()
        let codes = (0..<recoveryCodeCount).map { _ in newRecoveryCode() }
        try await sql.insertRows(
            into: "person_recovery_codes",
            columns: ["person_id", "code_digest", "created_at"],
            rows: codes.map { [personID, Token.digest(normalized($0)), now] }
        )
        return codes
    }

    /// Ten letters and digits from the unambiguous alphabet, as two groups of five (`k3m9p-x7r2a`).
    private static func newRecoveryCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<10).map { _ in recoveryAlphabet.randomElement(using: &generator)! }
        return String(letters[0..<5]) + "-" + String(letters[5...])
    }

    /// A code as typed, without spaces or dashes and in lower case.
    static func normalized(_ code: String) -> String {
        String(code.lowercased().filter { $0 != " " && $0 != "-" })
    }

    /// The step (within one of now) whose TOTP code `code` is, if any.
    private func matchingStep(_ row: StoredSecret, _ code: String) -> Int64? {
        let digits = Self.normalized(code)
        guard digits.count == 6, let number = Int(digits) else { return nil }
        let totp = TOTP(secret: row.secret, timeStep: Self.timeStep)
        let now = Int64(services.clock().timeIntervalSince1970) / Int64(Self.timeStep)
        return [now, now - 1, now + 1].first { step in
            totp.compute(date: Date(timeIntervalSince1970: TimeInterval(step * Int64(Self.timeStep)))) == number
        }
    }

    private func stored(_ personID: Int) async throws -> StoredSecret? {
        try await services.store.sql.select().columns("secret", "confirmed_at").from("person_totp")
            .where("person_id", .equal, personID).row(StoredSecret.self)
    }
}

/// A person's TOTP secret and whether it is confirmed.
private struct StoredSecret: Decodable {
    let secret: String
    let confirmedAt: Date?
}
