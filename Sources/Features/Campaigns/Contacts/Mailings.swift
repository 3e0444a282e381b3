import Foundation
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit

/// A group writing to its contacts in a campaign, held to the campaign's list-sharing agreement when the mail is
/// sent: contacts who came through another group's page (an opt-in) may be written to only as often as the
/// agreement allows in the 365 days before sending, and only once the mailing was announced to those groups the
/// agreement's days of notice before (`MailingNotices`). Without an agreement, their consent alone governs.
package struct Mailings: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// The purpose of the unsubscribe links' tokens in `mail_link_tokens`: a signature's `mail_token` is the key
    /// they stand for, never mailed, and each copy of a mailing gets a token of its own, kept only as a digest.
    static let linkPurpose = "campaigns.unsubscribe"

    /// Who a mailing goes to: every contact, or only those who signed through the group's own page.
    package enum Audience: String, Sendable, CaseIterable {
        case all, own

        var label: String {
            self == .all
                ? "Everyone our group may write to (with those who opted in on other groups’ pages)"
                : "Only those who signed through our own page"
        }
    }

    package struct Input: Sendable {
        package var subject = ""
        package var body = ""
        package var audience = Audience.all

        package init() {}

        init(form: FormData) {
            subject = form["subject"]
            body = form.raw("body")
            audience = Audience(rawValue: form["audience"]) ?? .all
        }

        /// The subject and the text, or the refusal of a missing or too long one.
        func checked() throws -> (subject: String, body: String) {
            var errors: [String: String] = [:]
            let subject = FieldRules.line(subject, "subject", "Give the email a subject.", max: 150, &errors)
            let body = FieldRules.text(body, "body", max: 20_000, &errors).trimmingWhitespace()
            if body.isEmpty, errors["body"] == nil { errors["body"] = "Write the email." }
            if !errors.isEmpty { throw AppError.validation(errors) }
            return (subject, body)
        }
    }

    /// Sends a mailing from the group with id `group` (whose organizer the caller checked `person` is) to its
    /// contacts through the outbox, each copy with the contact's own link to stop the group's mail (in the body
    /// and as a one-click `List-Unsubscribe`). Refused with `AppError.validation` when it reaches another group's
    /// contacts more often than the agreement allows, or without the notice it asks for, or reaches nobody.
    /// `announced` is the mailing announced to partners that this sends (`MailingNotices.send`): only the
    /// partners told are then written to. Returns the number of copies.
    @discardableResult
    package func send(
        _ campaign: Campaign,
        group: Participant,
        _ input: Input,
        by person: CurrentPerson,
        announced: Int? = nil
    ) async throws -> Int {
        let (subject, body) = try input.checked()
        let now = services.clock()
        let sent = try await services.store.transaction { sql -> Int in
            // Taking the group's row first makes two sends of one group wait for each other (PostgreSQL locks the
            // row; SQLite's write transaction is exclusive), so both cannot pass the count below.
            try await sql.raw(
                """
                UPDATE campaign_participants SET statement_version = statement_version
                WHERE campaign_id = \(bind: campaign.id) AND group_id = \(bind: group.groupID)
                """
            ).run()
            var partners: Set<Int>?
            if let announced {
                partners = try await MailingNotices.due(
                    announced,
                    campaign: campaign.id,
                    group: group.groupID,
                    now: now,
                    on: sql
                )
            }
            let recipients = try await Self.recipients(campaign.id, group.groupID, input.audience, sql)
                .filter { !$0.other || partners?.contains($0.via) != false }
            guard !recipients.isEmpty else {
                throw AppError.validation([FieldSet.formMessage: "Nobody to write to yet: no contact has confirmed."])
            }
            let others = recipients.filter(\.other).count
            if others > 0, let refusal = try await Self.refusal(campaign.id, group, now, sql) {
                throw AppError.validation([FieldSet.formMessage: refusal])
            }
            if others > 0, announced == nil, let days = try await Sharing.noticeDays(campaign.id, on: sql), days > 0 {
                throw AppError.validation([
                    FieldSet.formMessage: """
                    This mailing reaches \(others) \(others == 1 ? "person" : "people") who signed through other \
                    groups’ pages. The sharing agreement gives those groups \(Sharing.noticeLabel(days)): announce \
                    it to them first (“Announce to partners”). Announced now, it may be sent from \
                    \(utcText(now.addingTimeInterval(Double(days) * 24 * 3600))).
                    """
                ])
            }
            let id = try await sql.insertReturningID(
                into: "campaign_mailings",
                [
                    "campaign_id": campaign.id, "group_id": group.groupID, "subject": subject, "body": body,
                    "reaches_others": others > 0, "own_recipients": recipients.count - others,
                    "other_recipients": others, "batch": "", "created_by": person.id, "sent_at": now,
                ]
            )
            let batch = "campaign-mailing-\(id)"
            try await sql.update("campaign_mailings").set("batch", to: batch).where("id", .equal, id).run()
            if let announced {
                try await sql.update("campaign_mailing_notices").set("mailing_id", to: id)
                    .where("id", .equal, announced).run()
            }
            let tokens = try await MailLinks.mint(Self.linkPurpose, for: recipients.map(\.mailToken), at: now, on: sql)
            for (recipient, token) in zip(recipients, tokens) {
                try await services.outbox.enqueue(
                    message(recipient, token: token, subject: subject, body: body, campaign: campaign, group: group),
                    on: sql,
                    batch: batch
                )
            }
            return recipients.count
        }
        services.deliverMailSoon()
        return sent
    }

    /// Why a mailing reaching other groups' contacts cannot go now, or nil when the agreement allows it.
    static func refusal(
        _ campaign: Int,
        _ group: Participant,
        _ now: Date,
        _ sql: any SQLDatabase
    ) async throws
        -> String?
    {
        let year: TimeInterval = 365 * 24 * 3600
        guard let agreement = try await PetitionQueries.agreement(campaign, on: sql),
            let limit = agreement.mailingsPerYear
        else { return nil }
        let sentAt = try await sql.raw(
            """
            SELECT sent_at FROM campaign_mailings WHERE campaign_id = \(bind: campaign)
            AND group_id = \(bind: group.groupID) AND reaches_others = \(bind: true)
            AND sent_at > \(bind: now.addingTimeInterval(-year)) ORDER BY sent_at
            """
        ).column("sent_at", as: Date.self)
        guard sentAt.count >= limit else { return nil }
        let allowed = limit == 0 ? "no mailings" : "\(limit) mailing\(limit == 1 ? "" : "s") a year"
        let until: String =
            limit == 0
            ? ""
            : " The next is allowed from \(ZonedTime.dateLabel(sentAt[sentAt.count - limit].addingTimeInterval(year), zone: "UTC"))."
        return """
            The campaign’s sharing agreement allows \(allowed) to people who signed through another group’s page; \
            \(group.name) has sent \(sentAt.count) in the last 365 days, so this one is not sent. Write only to \
            those who signed through your own page, or wait.\(until)
            """
    }

    struct Recipient {
        let email: String
        let name: String
        /// The key of the contact's unsubscribe links.
        let mailToken: String
        let petition: String
        /// The group whose page they signed through.
        let via: Int
        /// True when the contact came through another group's page (an opt-in).
        var other = false
    }

    /// Every contact whose consent stands now, once each (by address); one who also signed through the group's own
    /// page counts as its own.
    static func recipients(
        _ campaign: Int,
        _ group: Int,
        _ audience: Audience,
        _ sql: any SQLDatabase
    ) async throws -> [Recipient] {
        let own = try await sql.raw(
            """
            SELECT s.email, s.name, s.mail_token, p.title AS petition, s.via_group_id AS via FROM campaign_signatures s
            JOIN campaign_petitions p ON p.id = s.petition_id
            WHERE p.campaign_id = \(bind: campaign) AND s.via_group_id = \(bind: group) AND s.status = 'confirmed'
            AND s.unsubscribed_at IS NULL AND s.email IS NOT NULL ORDER BY s.id
            """
        ).rows(RecipientRow.self)
        let optedIn =
            audience == .own
            ? []
            : try await sql.raw(
                """
                SELECT s.email, s.name, s.mail_token, p.title AS petition, s.via_group_id AS via
                FROM campaign_contact_optins o
                JOIN campaign_signatures s ON s.id = o.signature_id JOIN campaign_petitions p ON p.id = s.petition_id
                WHERE p.campaign_id = \(bind: campaign) AND o.group_id = \(bind: group) AND o.withdrawn_at IS NULL
                AND s.status = 'confirmed' AND s.email IS NOT NULL ORDER BY o.id
                """
            ).rows(RecipientRow.self)
        var seen = Set<String>()
        var recipients: [Recipient] = []
        for (rows, other) in [(own, false), (optedIn, true)] {
            for row in rows where seen.insert(row.email).inserted {
                recipients.append(
                    Recipient(
                        email: row.email,
                        name: row.name,
                        mailToken: row.mailToken,
                        petition: row.petition,
                        via: row.via,
                        other: other
                    )
                )
            }
        }
        return recipients
    }

    private func message(
        _ recipient: Recipient,
        token: String,
        subject: String,
        body: String,
        campaign: Campaign,
        group: Participant
    ) -> MailMessage {
        let site = services.site.base
        let stop = "\(site)\(CampaignPaths.unsubscribe(token, group.slug))"
        let why =
            recipient.other
            ? "you ticked “\(Signatures.wording(group.name))” when you signed “\(recipient.petition)”"
            : "you signed “\(recipient.petition)” through the page of \(group.name)"
        return MailMessage(
            to: recipient.email,
            toName: recipient.name,
            subject: subject,
            body: """
                \(body)

                --
                \(group.name) writes to you about the campaign “\(campaign.title)” because \(why).
                To stop emails from \(group.name) about this campaign: \(stop)
                \(services.site.name): \(site)\(CampaignPaths.campaign(campaign.id))
                """,
            list: MailingList(
                name: "\(group.name): \(campaign.title)",
                id: "campaign-\(campaign.id)-\(group.slug).\(URL(string: site)?.host ?? "localhost")",
                unsubscribeURL: stop
            )
        )
    }

    /// Stops the mail of the group with `slug` to the contact of the link: unsubscribed from it if they signed
    /// through its page, their opt-in to it withdrawn (kept, dated, as proof) if they ticked its box. Every
    /// signature with that address in the campaign is covered. Returns the group's name and the campaign's
    /// title, or nil for an unknown link.
    package func unsubscribe(token: String, group slug: String, apply: Bool) async throws -> (String, String)? {
        let sql = services.store.sql
        guard let key = try await MailLinks.key(of: token, Self.linkPurpose, at: services.clock(), on: sql),
            let found = try await sql.raw(
                """
                SELECT s.email, p.campaign_id, c.title, g.id AS group_id, g.name AS group_name
                FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id
                JOIN campaigns c ON c.id = p.campaign_id
                JOIN campaign_participants cp ON cp.campaign_id = p.campaign_id
                JOIN groups g ON g.id = cp.group_id AND g.slug = \(bind: slug.lowercased())
                WHERE s.mail_token = \(bind: key) AND s.email IS NOT NULL
                """
            ).row(UnsubscribeRow.self)
        else { return nil }
        guard apply else { return (found.groupName, found.title) }
        let now = services.clock()
        let same: SQLQueryString = """
            SELECT s.id FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id
            WHERE p.campaign_id = \(bind: found.campaignId) AND s.email = \(bind: found.email)
            """
        try await services.store.transaction { sql in
            try await sql.raw(
                """
                UPDATE campaign_signatures SET unsubscribed_at = \(bind: now) WHERE via_group_id = \(bind: found.groupId)
                AND unsubscribed_at IS NULL AND id IN (\(same))
                """
            ).run()
            try await sql.raw(
                """
                UPDATE campaign_contact_optins SET withdrawn_at = \(bind: now) WHERE group_id = \(bind: found.groupId)
                AND withdrawn_at IS NULL AND signature_id IN (\(same))
                """
            ).run()
        }
        return (found.groupName, found.title)
    }

    private struct UnsubscribeRow: Decodable {
        let email: String
        let campaignId: Int
        let title: String
        let groupId: Int
        let groupName: String
    }
}

private struct RecipientRow: Decodable {
    let email: String
    let name: String
    let mailToken: String
    let petition: String
    let via: Int
}
