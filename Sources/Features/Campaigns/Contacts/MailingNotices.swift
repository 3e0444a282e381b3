import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Notice to partners: a mailing that reaches people who signed through other groups' pages is announced first.
/// The organizers of each of those groups (its partners) are told who mails, when, how many of their signers and
/// the subject, and may read the mailing (never who receives it). It may be sent once the agreement's days of
/// notice have passed since the announcement, to the partners told only.
package struct MailingNotices: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Announces the mailing `input` of `group` (whose organizer the caller checked `person` is) to the groups
    /// whose signers among its recipients opted in to it; returns the announcement's id. Refused when it reaches
    /// nobody through another group's page (it needs no notice then).
    package func announce(
        _ campaign: Campaign,
        group: Participant,
        _ input: Mailings.Input,
        by person: CurrentPerson
    ) async throws -> Int {
        let (subject, body) = try input.checked()
        let now = services.clock()
        let id = try await services.store.transaction { sql -> Int in
            let others = try await Mailings.recipients(campaign.id, group.groupID, input.audience, sql).filter(\.other)
            guard !others.isEmpty else {
                throw AppError.validation([
                    FieldSet.formMessage: """
                    This mailing reaches only those who signed through your own page: it needs no notice, so \
                    send it.
                    """
                ])
            }
            let days = try await Sharing.noticeDays(campaign.id, on: sql) ?? 0
            let sendFrom = now.addingTimeInterval(Double(days) * 24 * 3600)
            let id = try await sql.insertReturningID(
                into: "campaign_mailing_notices",
                [
                    "campaign_id": campaign.id, "group_id": group.groupID, "subject": subject, "body": body,
                    "audience": input.audience.rawValue, "other_recipients": others.count,
                    "announced_by": person.id, "announced_at": now, "send_from": sendFrom,
                ]
            )
            let signers = Dictionary(grouping: others, by: \.via).mapValues(\.count)
            for (partner, count) in signers.sorted(by: { $0.key < $1.key }) {
                try await sql.insert(into: "campaign_mailing_notice_groups").columns("notice_id", "group_id", "signers")
                    .values(SQLBind(id), SQLBind(partner), SQLBind(count)).run()
            }
            let names = try await sql.raw(
                """
                SELECT id, name, visibility FROM groups WHERE id IN (\(binds: Array(signers.keys) + [group.groupID]))
                """
            ).rows(NamedGroup.self)
            // The announcer is named only when everyone may see it; a partner is told only of its own signers.
            let announcer = names.first { $0.id == group.groupID && $0.visibility == "public" }?.name ?? "A group"
            for partner in names where signers[partner.id] != nil {
                let count = signers[partner.id] ?? 0
                let people = count == 1 ? "1 person" : "\(count) people"
                try await Notifications.notify(
                    try await GroupAccess(sql).organizerIDs(of: partner.id),
                    Notice(
                        kind: .partnerMailing,
                        title: """
                            \(announcer) will email \(people) who signed through \(partner.name)’s page in \
                            “\(campaign.title)”, from \(utcText(sendFrom)): “\(subject)”
                            """,
                        body: """
                            They ticked the box to let \(announcer) contact them. Under the campaign’s sharing \
                            agreement (\(Sharing.noticeLabel(days))) the mailing may go from \(utcText(sendFrom)). \
                            You may read it; who receives it is not shown.
                            """,
                        path: CampaignPaths.mailingNotice(campaign.id, id)
                    ),
                    except: person.id,
                    services: services,
                    on: sql
                )
            }
            return id
        }
        services.deliverMailSoon()
        return id
    }

    /// Sends the announced mailing `id` of `group` (refused before its notice has passed, or when it was sent).
    package func send(_ campaign: Campaign, group: Participant, _ id: Int, by person: CurrentPerson) async throws {
        let notice = try await mailing(campaign.id, group: group.groupID, id: id)
        var input = Mailings.Input()
        input.subject = notice.subject
        input.body = notice.body
        input.audience = Mailings.Audience(rawValue: notice.audience) ?? .all
        try await Mailings(services: services).send(campaign, group: group, input, by: person, announced: id)
    }

    /// The partners told of the announced mailing `id`, when it may be sent now (read in the sending transaction);
    /// refused with the moment it may go, or when it went already.
    static func due(_ id: Int, campaign: Int, group: Int, now: Date, on sql: any SQLDatabase) async throws -> Set<Int> {
        guard
            let notice = try await sql.raw(
                """
                SELECT \(Self.columns) FROM campaign_mailing_notices n
                WHERE n.id = \(bind: id) AND n.campaign_id = \(bind: campaign) AND n.group_id = \(bind: group)
                """
            ).row(AnnouncedMailing.self)
        else { throw AppError.notFound }
        if notice.mailingId != nil {
            throw AppError.validation([FieldSet.formMessage: "This announced mailing was sent already."])
        }
        if now < notice.sendFrom {
            throw AppError.validation([
                FieldSet.formMessage: """
                Not sent: the partner groups were told on \(utcText(notice.announcedAt)), and the sharing \
                agreement gives them notice until \(utcText(notice.sendFrom)). It may be sent from then.
                """
            ])
        }
        return Set(
            try await sql.raw("SELECT group_id FROM campaign_mailing_notice_groups WHERE notice_id = \(bind: id)")
                .column("group_id", as: Int.self)
        )
    }

    /// The group's announced mailings in the campaign, newest first.
    package func announced(_ campaign: Int, group: Int) async throws -> [AnnouncedMailing] {
        try await services.store.sql.raw(
            """
            SELECT \(Self.columns) FROM campaign_mailing_notices n
            WHERE n.campaign_id = \(bind: campaign) AND n.group_id = \(bind: group) ORDER BY n.id DESC LIMIT 50
            """
        ).rows(AnnouncedMailing.self)
    }

    /// The group's announced mailing `id`; not found for another group's.
    package func mailing(_ campaign: Int, group: Int, id: Int) async throws -> AnnouncedMailing {
        guard let found = try await announced(campaign, group: group).first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        return found
    }

    /// The announced mailing `id` as its page shows it to `viewer`: an organizer of the announcing group or of a
    /// partner group (anyone else: not found). The announcer is named as the viewer may see it, and only the
    /// viewer's own groups among the partners are listed, with their signers counted: never a name.
    package func notice(_ id: Int, campaign: Int, viewer: CurrentPerson) async throws -> NoticeView {
        let sql = services.store.sql
        let organizing = CampaignRules.answeringRoles
        guard
            let mailing = try await sql.raw(
                """
                SELECT \(Self.columns) FROM campaign_mailing_notices n
                WHERE n.id = \(bind: id) AND n.campaign_id = \(bind: campaign)
                AND (\(GroupAccess.actsFor("n.group_id", viewer, roles: organizing)) OR n.id IN (
                SELECT ng.notice_id FROM campaign_mailing_notice_groups ng
                WHERE ng.group_id IN (\(GroupAccess.groupIDs(actedForBy: viewer, roles: organizing))))
                )
                """
            ).row(AnnouncedMailing.self),
            let announcer = try await sql.raw(
                """
                SELECT \(GroupAccess.shownColumns("g", to: viewer)) FROM groups g WHERE g.id = \(bind: mailing.groupID)
                """
            ).row(GroupRef.self)
        else { throw AppError.notFound }
        let yours = try await sql.raw(
            """
            SELECT g.name, ng.signers FROM campaign_mailing_notice_groups ng JOIN groups g ON g.id = ng.group_id
            WHERE ng.notice_id = \(bind: id)
            AND ng.group_id IN (\(GroupAccess.groupIDs(actedForBy: viewer, roles: organizing))) ORDER BY g.name
            """
        ).rows(PartnerCount.self)
        return NoticeView(
            mailing: mailing,
            announcer: announcer,
            sends: !(try await GroupAccess(sql).acted([mailing.groupID], by: viewer, roles: organizing).isEmpty),
            yours: yours
        )
    }

    private static let columns: SQLQueryString = """
        n.id, n.group_id, n.subject, n.body, n.audience, n.other_recipients, n.announced_at, n.send_from, n.mailing_id
        """

    private struct NamedGroup: Decodable {
        let id: Int
        let name: String
        let visibility: String
    }
}

/// A mailing a group announced to the groups whose signers it reaches.
package struct AnnouncedMailing: Sendable, Codable, Equatable {
    package let id: Int
    /// The announcing group.
    package let groupID: Int
    package let subject: String
    package let body: String
    package let audience: String
    /// How many of its recipients signed through other groups' pages, when it was announced.
    package let otherRecipients: Int
    package let announcedAt: Date
    /// When it may be sent: the agreement's days of notice after the announcement.
    package let sendFrom: Date
    /// The mailing it became once sent.
    package let mailingId: Int?
}

/// A partner group's signers among an announced mailing's recipients (a count, never who).
package struct PartnerCount: Sendable, Codable, Equatable {
    package let name: String
    package let signers: Int
}

/// An announced mailing as one organizer may read it.
package struct NoticeView: Sendable, Equatable {
    package let mailing: AnnouncedMailing
    /// The announcing group, as the viewer may see it.
    package let announcer: GroupRef
    /// True for an organizer of the announcing group (who may send it).
    package let sends: Bool
    /// The viewer's own groups among the partners, with their signers counted.
    package let yours: [PartnerCount]
}
