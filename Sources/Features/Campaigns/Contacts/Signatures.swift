import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Signing a petition through one group's page: the signer becomes that group's contact only. Each other
/// public group taking part is a separate unticked box; a ticked one is stored with its exact label and the
/// moment of signing. Without an account nothing counts until the emailed link is followed (as RSVPs by email);
/// with one it counts at once. The link lets the signer withdraw, which empties their name and address.
package struct Signatures: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The label of the box for `group`, stored as it was shown.
    static func wording(_ group: String) -> String { "Also let \(group) contact me" }

    /// What a signer gives: the boxes ticked are the slugs in `optIns`.
    package struct Input: Sendable {
        package var name = ""
        package var email = ""
        package var optIns: Set<String> = []

        package init() {}
    }

    /// Signs `petition` through the group `via`, offering `offers`. Signed in: confirmed at once with the
    /// account's address. Anonymous (refused on a site that sends no mail): the address is sent a link and the answer is the same whether or not it had
    /// signed before, so the form tells nobody who signed.
    package func sign(
        _ petition: Petition,
        via: TakingPart,
        offers: [TakingPart],
        _ input: Input,
        by person: CurrentPerson?
    ) async throws {
        guard person != nil || services.mailer.delivers else {
            throw AppError.validation([
                "email": "This site sends no email, so it cannot confirm a signature by email: log in to sign."
            ])
        }
        var errors: [String: String] = [:]
        let name = FieldRules.line(
            input.name,
            "name",
            "Give your name (it can be just a first name).",
            max: 100,
            &errors
        )
        var email: String?
        if let person {
            email =
                try await sql.select().column("email").from("people").where("id", .equal, person.id)
                .value("email", as: String?.self) ?? nil
        } else {
            let typed = FieldRules.line(
                input.email,
                "email",
                "Give your email address: we send a link to confirm.",
                max: 254,
                &errors
            ).lowercased()
            if errors["email"] == nil && !FieldRules.looksLikeEmail(typed) {
                errors["email"] = "Give a full email address."
            }
            email = typed
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let address = email
        let token = Token.random()
        let now = services.clock()
        let mail = SignatureMail(services: services)
        try await services.store.transaction { sql in
            if let person, try await Self.signed(petition.id, person: person.id, sql) {
                throw AppError.validation([FieldSet.formMessage: "You have already signed this."])
            }
            if let email = address, let existing = try await Self.existing(petition.id, email: email, sql) {
                guard existing.status == .unconfirmed else {
                    if person != nil {
                        throw AppError.validation([FieldSet.formMessage: "Your email address has already signed this."])
                    }
                    try await mail.alreadySigned(petition, email: email, name: name, on: sql)
                    return
                }
                try await sql.delete(from: "campaign_signatures").where("id", .equal, existing.id).run()
            }
            let id: Int
            do {
                id = try await sql.insertReturningID(
                    into: "campaign_signatures",
                    [
                        "petition_id": petition.id, "via_group_id": via.id, "person_id": person?.id, "name": name,
                        "email": address,
                        "status": (person == nil ? SignatureStatus.unconfirmed : .confirmed).rawValue,
                        "token": Token.digest(token), "mail_token": MailLinks.newKey(), "created_at": now,
                        "confirmed_at": person == nil ? nil : now,
                    ]
                )
            } catch  where error.isConstraintFailure {
                throw AppError.validation([FieldSet.formMessage: "This email address has already signed this."])
            }
            if person != nil { try await SignatureCounts.increment(petition: petition.id, group: via.id, on: sql) }
            for group in offers where input.optIns.contains(group.slug) {
                try await sql.insert(into: "campaign_contact_optins")
                    .columns("signature_id", "group_id", "wording", "consented_at")
                    .values(SQLBind(id), SQLBind(group.id), SQLBind(Self.wording(group.name)), SQLBind(now))
                    .run()
            }
            guard let email = address else { return }
            if person == nil {
                try await mail.confirmLink(petition, via: via, email: email, name: name, token: token, on: sql)
            } else {
                try await mail.signed(petition, via: via, email: email, name: name, token: token, on: sql)
            }
        }
        services.deliverMailSoon()
    }

    /// The signature an emailed link stands for.
    package struct Found: Sendable, Decodable {
        package let id: Int
        package let petitionId: Int
        package let campaignId: Int
        package let title: String
        package let kind: PetitionKind
        package let viaName: String
        package let name: String
        package let status: SignatureStatus
        package let createdAt: Date
    }

    /// The signature of the link's token, or nil.
    package func find(token: String) async throws -> Found? {
        guard Token.isWellFormed(token) else { return nil }
        return try await sql.raw(
            """
            SELECT s.id, s.petition_id, p.campaign_id, p.title, p.kind, g.name AS via_name, s.name, s.status,
            s.created_at FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id
            JOIN groups g ON g.id = s.via_group_id WHERE s.token = \(bind: Token.digest(token))
            """
        ).row(Found.self)
    }

    /// The boxes the signer ticked, with their labels and moments, and whether each still stands.
    package func optIns(of signature: Int) async throws -> [OptInRecord] {
        try await sql.raw(
            """
            SELECT wording, consented_at, withdrawn_at FROM campaign_contact_optins
            WHERE signature_id = \(bind: signature) ORDER BY id
            """
        ).rows(OptInRecord.self)
    }

    /// Follows the emailed link: the signature counts from now. Not found for an unknown link.
    package func confirm(token: String) async throws {
        guard let found = try await find(token: token) else { throw AppError.notFound }
        guard found.status == .unconfirmed else { return }
        let now = services.clock()
        try await services.store.transaction { sql in
            // Counted only by the update that confirmed it, when two follow the link at once.
            let confirmed = try await sql.update("campaign_signatures")
                .set("status", to: SignatureStatus.confirmed.rawValue)
                .set("confirmed_at", to: now).where("id", .equal, found.id)
                .where("status", .equal, SignatureStatus.unconfirmed.rawValue)
                .returning("petition_id", "via_group_id").rows(Counted.self)
            for row in confirmed {
                try await SignatureCounts.increment(petition: row.petitionID, group: row.viaGroupID, on: sql)
            }
        }
    }

    /// The signer takes their signature back: it stops counting, their name and address are emptied and their
    /// opt-ins deleted; no group keeps them.
    package func withdraw(token: String) async throws {
        guard let found = try await find(token: token) else { throw AppError.notFound }
        try await withdraw(found.id)
    }

    /// A signed-in signer takes back their signature of `petition` (they may have no address for a link).
    package func withdraw(petition: Int, by person: CurrentPerson) async throws {
        guard let mine = try await own(petition, by: person) else {
            throw AppError.conflict("You have not signed this.")
        }
        try await withdraw(mine.id)
    }

    /// The signed-in person's signature of `petition` that counts, if any.
    package func own(_ petition: Int, by person: CurrentPerson?) async throws -> OwnSignature? {
        guard let person else { return nil }
        return try await sql.raw(
            """
            SELECT s.id, g.name AS via_name, s.created_at FROM campaign_signatures s
            JOIN groups g ON g.id = s.via_group_id
            WHERE s.petition_id = \(bind: petition) AND s.person_id = \(bind: person.id) AND s.status = 'confirmed'
            """
        ).row(OwnSignature.self)
    }

    /// Withdraws the signature whatever its status; one that counted (confirmed, or erased with its account) is
    /// uncounted only by the update that found it counting.
    private func withdraw(_ id: Int) async throws {
        try await services.store.transaction { sql in
            try await sql.delete(from: "campaign_contact_optins").where("signature_id", .equal, id).run()
            let counted = try await sql.update("campaign_signatures")
                .set("status", to: SignatureStatus.withdrawn.rawValue)
                .where("id", .equal, id).where("status", .in, [SignatureStatus.confirmed, .erased].map(\.rawValue))
                .returning("petition_id", "via_group_id").rows(Counted.self)
            for row in counted {
                try await SignatureCounts.decrement(petition: row.petitionID, group: row.viaGroupID, on: sql)
            }
            try await sql.update("campaign_signatures").set("status", to: SignatureStatus.withdrawn.rawValue)
                .set("name", to: "").set("email", to: SQLLiteral.null).set("person_id", to: SQLLiteral.null)
                .where("id", .equal, id).run()
        }
    }

    /// The petition and group of a signature whose counting a write changed.
    private struct Counted: Decodable {
        let petitionID: Int
        let viaGroupID: Int
    }

    private static func signed(_ petition: Int, person: Int, _ sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("id").from("campaign_signatures").where("petition_id", .equal, petition)
            .where("person_id", .equal, person).where("status", .in, ["unconfirmed", "confirmed"])
            .first() != nil
    }

    private static func existing(_ petition: Int, email: String, _ sql: any SQLDatabase) async throws -> Existing? {
        try await sql.select().columns("id", "status").from("campaign_signatures")
            .where("petition_id", .equal, petition).where("email", .equal, email).row(Existing.self)
    }

    private struct Existing: Decodable {
        let id: Int
        let status: SignatureStatus
    }
}

/// A signed-in person's own signature of a petition.
package struct OwnSignature: Sendable, Decodable, Equatable {
    package let id: Int
    package let viaName: String
    package let createdAt: Date
}

/// A box a signer ticked.
package struct OptInRecord: Sendable, Decodable, Equatable {
    package let wording: String
    package let consentedAt: Date
    package let withdrawnAt: Date?
}
