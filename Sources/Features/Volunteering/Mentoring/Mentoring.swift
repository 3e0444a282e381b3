import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Notifications
import SQLKit

/// Mentoring pairs a group's organizers set up: a mentor and a mentee among its members, a skill, and a rhythm
/// of check-ins (every so many days). When a check-in is due both are reminded by mail, once per check-in, unless
/// either is on a pause; the next one is then set a rhythm later.
struct Mentoring: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// One pair as its group's organizers see it.
    struct Pair: Sendable, Decodable {
        let id: Int
        let mentor: String
        let mentee: String
        let skill: String
        let everyDays: Int
        let nextOn: String
    }

    func pairs(group: Int) async throws -> [Pair] {
        try await sql.raw(
            """
            SELECT x.id, a.handle AS mentor, b.handle AS mentee, x.skill, x.every_days, x.next_on \
            FROM volunteer_mentoring x JOIN people a ON a.id = x.mentor_id JOIN people b ON b.id = x.mentee_id \
            WHERE x.group_id = \(bind: group) AND x.ended_at IS NULL ORDER BY x.next_on, x.id
            """
        ).rows(Pair.self)
    }

    /// Pairs two members of the group; the first check-in is a rhythm from today.
    func pair(
        group: Int,
        mentor: String,
        mentee: String,
        skill: String,
        every: String,
        by person: CurrentPerson
    ) async throws {
        var errors: [String: String] = [:]
        let people = VolunteerPeople(sql)
        let mentorID = try await people.member(handle: mentor, of: group)
        let menteeID = try await people.member(handle: mentee, of: group)
        if mentorID == nil { errors["mentor"] = "Choose a member of the group." }
        if menteeID == nil { errors["mentee"] = "Choose a member of the group." }
        if let mentorID, mentorID == menteeID { errors["mentee"] = "Choose someone other than the mentor." }
        let skill = FieldRules.line(skill, "skill", "Name the skill they work on.", max: 40, &errors)
        let days = Int(every.trimmingWhitespace())
        if days == nil || !(3...90).contains(days ?? 0) { errors["every"] = "Give from 3 to 90 days." }
        guard errors.isEmpty, let mentorID, let menteeID, let days else { throw AppError.validation(errors) }
        let today = IsoDay.day(of: services.clock())
        try await services.store.transaction { tx in
            _ = try await tx.insertReturningID(
                into: "volunteer_mentoring",
                [
                    "group_id": group, "mentor_id": mentorID, "mentee_id": menteeID, "skill": skill.lowercased(),
                    "every_days": days, "next_on": IsoDay.format(today + days), "created_by": person.id,
                    "created_at": services.clock(),
                ]
            )
            // Both learn of the pairing now, each with the other's handle and the rhythm; the first check-in
            // reminder comes a rhythm later.
            for (to, other, role) in [(mentorID, mentee, "mentor"), (menteeID, mentor, "mentee")] {
                try await Notifications.notify(
                    [to],
                    Notice(
                        kind: .workOffer,
                        title: "You are paired for mentoring in \(skill.lowercased())",
                        body: "You are the \(role), with @\(VolunteerPeople.handle(other)). "
                            + "You will be reminded to check in every \(days) days.",
                        path: VolunteerPaths.mine()
                    ),
                    except: person.id,
                    services: services,
                    on: tx
                )
            }
        }
    }

    /// Ends a pair of the group (it leaves the list; nothing else changes).
    func end(_ id: Int, group: Int) async throws {
        let ended = try await sql.raw(
            """
            UPDATE volunteer_mentoring SET ended_at = \(bind: services.clock()) WHERE id = \(bind: id) \
            AND group_id = \(bind: group) AND ended_at IS NULL RETURNING id
            """
        ).all()
        guard !ended.isEmpty else { throw AppError.notFound }
    }

    /// Mails both people of each pair whose check-in is due, and sets the next one; returns how many pairs.
    func remindDue(now: Date) async throws -> Int {
        let today = IsoDay.format(IsoDay.day(of: now))
        let due = try await sql.raw(
            """
            SELECT x.id, x.skill, x.every_days, x.next_on, a.email AS mentor_email, a.handle AS mentor, \
            b.email AS mentee_email, b.handle AS mentee FROM volunteer_mentoring x JOIN people a ON a.id = x.mentor_id \
            JOIN people b ON b.id = x.mentee_id WHERE x.ended_at IS NULL AND x.next_on <= \(bind: today) \
            AND NOT EXISTS (SELECT 1 FROM volunteer_pauses s WHERE s.person_id IN (x.mentor_id, x.mentee_id) \
            AND s.until_on > \(bind: today)) ORDER BY x.id LIMIT 1000
            """
        ).rows(Due.self)
        var sent = 0
        for pair in due {
            let next = IsoDay.format(IsoDay.day(of: now) + pair.everyDays)
            let claimed = try await services.store.transaction { tx -> Bool in
                let rows = try await tx.raw(
                    """
                    UPDATE volunteer_mentoring SET next_on = \(bind: next), reminded_on = \(bind: today) \
                    WHERE id = \(bind: pair.id) AND next_on = \(bind: pair.nextOn) RETURNING id
                    """
                ).all()
                guard !rows.isEmpty else { return false }
                for (address, me, other) in [
                    (pair.mentorEmail, pair.mentor, "@\(pair.mentee)"),
                    (pair.menteeEmail, pair.mentee, "@\(pair.mentor)"),
                ] {
                    guard let address, !address.isEmpty else { continue }
                    try await services.queueMail(
                        to: address,
                        name: me,
                        subject: "Mentoring check-in: \(pair.skill)",
                        body: """
                            Hello \(me),

                            It is time for your mentoring check-in with \(other) on \(pair.skill). \
                            The next one is due on \(next).
                            """,
                        signaturePath: VolunteerPaths.mine(),
                        on: tx
                    )
                }
                return true
            }
            if claimed { sent += 1 }
        }
        if sent > 0 { services.deliverMailSoon() }
        return sent
    }

    private struct Due: Decodable {
        let id: Int
        let skill: String
        let everyDays: Int
        let nextOn: String
        let mentorEmail: String?
        let mentor: String
        let menteeEmail: String?
        let mentee: String
    }
}
