import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// How a person gets mail of each kind, and the one-click unsubscribe links. A kind without a row is mailed at
/// once; a row is made the first time it is saved or a mail of the kind is sent. The row's `unsubscribe_token` is
/// the key of its links (`MailLinks`), never mailed: each mail gets a token of its own, kept only as a digest.
package struct NotificationSettings: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// The scope of a digest's unsubscribe token: it turns every kind the person gets in the digest to no email.
    static let digestScope = "digest"

    /// The purpose of the unsubscribe links' tokens in `mail_link_tokens`.
    static let linkPurpose = "notifications.unsubscribe"

    /// Each kind's delivery for the person.
    package func deliveries(of person: Int) async throws -> [NotificationKind: Delivery] {
        var result = Dictionary(uniqueKeysWithValues: NotificationKind.allCases.map { ($0, Delivery.now) })
        for row in try await services.store.sql.select().columns("kind", "delivery").from("notification_settings")
            .where("person_id", .equal, person).rows(SettingRow.self)
        {
            if let kind = NotificationKind(rawValue: row.kind), let delivery = Delivery(rawValue: row.delivery) {
                result[kind] = delivery
            }
        }
        return result
    }

    /// Saves the form's choice for every kind (fields named by the kind's raw value); refuses a missing or unknown
    /// choice, saving nothing.
    package func save(for person: Int, form: FormData) async throws {
        var chosen: [NotificationKind: Delivery] = [:]
        var errors: [String: String] = [:]
        for kind in NotificationKind.allCases {
            if let delivery = Delivery(rawValue: form[kind.rawValue]) {
                chosen[kind] = delivery
            } else {
                errors[kind.rawValue] = "Choose email at once, a daily digest or no email."
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let choices = chosen
        try await services.store.transaction { sql in
            for (kind, delivery) in choices { try await set(delivery, person: person, scope: kind.rawValue, on: sql) }
        }
    }

    /// What an unsubscribe token stops: the kind (nil for the daily digest), whose it is, and whether mail of it
    /// still comes; nil for an unknown token.
    package func subscription(token: String) async throws -> Subscription? {
        guard let row = try await setting(of: token, on: services.store.sql) else { return nil }
        let deliveries = try await deliveries(of: row.personId)
        if row.kind == Self.digestScope {
            return Subscription(kind: nil, receiving: deliveries.values.contains(.digest))
        }
        guard let kind = NotificationKind(rawValue: row.kind) else { return nil }
        return Subscription(kind: kind, receiving: deliveries[kind] != Delivery.none)
    }

    /// One-click unsubscribe: the token's kind (or every kind in the digest) turns to no email; false for an
    /// unknown token.
    package func unsubscribe(token: String) async throws -> Bool {
        try await services.store.transaction { sql in
            guard let row = try await setting(of: token, on: sql) else { return false }
            var update = sql.update("notification_settings").set("delivery", to: Delivery.none.rawValue)
                .where("person_id", .equal, row.personId)
            update =
                row.kind == Self.digestScope
                ? update.where("delivery", .equal, Delivery.digest.rawValue)
                    .where("kind", .notEqual, Self.digestScope)
                : update.where("kind", .equal, row.kind)
            try await update.run()
            return true
        }
    }

    /// A new unsubscribe token for one mail to the person about `scope` (a kind's raw value, or `digestScope`),
    /// kept only as a digest; the setting is made on first use with the default (mail at once). In the caller's
    /// transaction.
    func unsubscribeToken(person: Int, scope: String, on sql: any SQLDatabase) async throws -> String {
        let key = try await linkKey(person: person, scope: scope, on: sql)
        return try await MailLinks.mint(Self.linkPurpose, for: key, at: services.clock(), on: sql)
    }

    private func set(_ delivery: Delivery, person: Int, scope: String, on sql: any SQLDatabase) async throws {
        _ = try await linkKey(person: person, scope: scope, on: sql)
        try await sql.update("notification_settings").set("delivery", to: delivery.rawValue)
            .where("person_id", .equal, person).where("kind", .equal, scope).run()
    }

    /// The key of the setting's unsubscribe links, with the setting made first if there is none.
    private func linkKey(person: Int, scope: String, on sql: any SQLDatabase) async throws -> String {
        if let key = try await existingKey(person: person, scope: scope, on: sql) { return key }
        try await sql.insert(into: "notification_settings")
            .columns("person_id", "kind", "delivery", "unsubscribe_token")
            .values(SQLBind(person), SQLBind(scope), SQLBind(Delivery.now.rawValue), SQLBind(MailLinks.newKey()))
            .ignoringConflicts(with: ["person_id", "kind"])
            .run()
        guard let key = try await existingKey(person: person, scope: scope, on: sql) else {
            throw AppError.conflict("The notification settings could not be saved.")
        }
        return key
    }

    private func existingKey(person: Int, scope: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.select().column("unsubscribe_token").from("notification_settings")
            .where("person_id", .equal, person).where("kind", .equal, scope)
            .value("unsubscribe_token", as: String.self)
    }

    /// The setting a mailed unsubscribe token stops; nil for an unknown or expired token.
    private func setting(of token: String, on sql: any SQLDatabase) async throws -> TokenRow? {
        guard let key = try await MailLinks.key(of: token, Self.linkPurpose, at: services.clock(), on: sql) else {
            return nil
        }
        return try await sql.select().columns("person_id", "kind").from("notification_settings")
            .where("unsubscribe_token", .equal, key).row(TokenRow.self)
    }
}

/// What an unsubscribe link stops.
package struct Subscription: Sendable, Equatable {
    /// The kind, or nil for the daily digest.
    package let kind: NotificationKind?
    /// Whether mail of it still comes.
    package let receiving: Bool

    /// How the unsubscribe page names it.
    package var name: String { kind.map { "“\($0.label)”" } ?? "the daily digest" }
}

private struct SettingRow: Decodable {
    let kind: String
    let delivery: String
}

private struct TokenRow: Decodable {
    let personId: Int
    let kind: String
}
