import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A person's skills (ones they have, ones they want to learn) and their pause, which only they set.
package struct SkillWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// One skill as the person sees it.
    package struct Skill: Sendable, Codable, Equatable {
        package let skill: String
        package let wants: Bool
        package let practisedAt: Date?
    }

    package func skills(of person: Int) async throws -> [Skill] {
        try await sql.raw(
            "SELECT skill, wants, practised_at FROM volunteer_skills WHERE person_id = \(bind: person) ORDER BY wants, skill"
        ).rows(Skill.self)
    }

    /// Replaces the person's skills with `has` and `wants` (comma-separated), keeping when each was practised.
    package func save(has: String, wants: String, for person: CurrentPerson) async throws {
        let now = services.clock()
        try await services.store.transaction { tx in
            for (text, wanting) in [(has, false), (wants, true)] {
                let list = VolunteerSkills.list(text)
                let stored = try await tx.raw(
                    "SELECT skill FROM volunteer_skills WHERE person_id = \(bind: person.id) AND wants = \(bind: wanting)"
                ).column("skill", as: String.self)
                for gone in stored where !list.contains(gone) {
                    try await tx.raw(
                        """
                        DELETE FROM volunteer_skills WHERE person_id = \(bind: person.id) AND skill = \(bind: gone) \
                        AND wants = \(bind: wanting)
                        """
                    ).run()
                }
                for skill in list {
                    let exists = try await tx.raw(
                        """
                        SELECT 1 AS one FROM volunteer_skills WHERE person_id = \(bind: person.id) \
                        AND skill = \(bind: skill) AND wants = \(bind: wanting)
                        """
                    ).first()
                    guard exists == nil else { continue }
                    try await tx.insert(into: "volunteer_skills")
                        .columns("person_id", "skill", "wants", "created_at")
                        .values(SQLBind(person.id), SQLBind(skill), SQLBind(wanting), SQLBind(now)).run()
                }
            }
        }
    }

    /// Marks `skills` practised for the person (a finished task was tagged with them), adding them as skills
    /// they have when they had not said so.
    static func practised(_ skills: Set<String>, person: Int, at: Date, on sql: any SQLDatabase) async throws {
        for skill in skills.sorted() {
            try await sql.raw(
                """
                UPDATE volunteer_skills SET practised_at = \(bind: at) WHERE person_id = \(bind: person) \
                AND skill = \(bind: skill) AND practised_at IS NULL
                """
            ).run()
            let has = try await sql.raw(
                """
                SELECT 1 AS one FROM volunteer_skills WHERE person_id = \(bind: person) AND skill = \(bind: skill) \
                AND wants = \(bind: false)
                """
            ).first()
            if has == nil {
                try await sql.insert(into: "volunteer_skills")
                    .columns("person_id", "skill", "wants", "practised_at", "created_at")
                    .values(SQLBind(person), SQLBind(skill), SQLBind(false), SQLBind(at), SQLBind(at)).run()
            }
        }
    }

    /// The day the person's pause ends, if they are paused now.
    package func pause(of person: Int) async throws -> String? {
        let until = try await sql.raw("SELECT until_on FROM volunteer_pauses WHERE person_id = \(bind: person)")
            .value("until_on", as: String.self)
        guard let until, let day = IsoDay.parse(until), day > IsoDay.day(of: services.clock()) else { return nil }
        return until
    }

    /// Pauses the person until `until` (YYYY-MM-DD, after today, within two years), or ends the pause (empty).
    package func setPause(until text: String, for person: CurrentPerson) async throws {
        try await sql.raw("DELETE FROM volunteer_pauses WHERE person_id = \(bind: person.id)").run()
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { return }
        let today = IsoDay.day(of: services.clock())
        guard let day = IsoDay.parse(text), day > today, day <= today + 730 else {
            throw AppError.validation([
                "until": "Give the day you are back as YYYY-MM-DD, after today and within two years."
            ])
        }
        try await sql.insert(into: "volunteer_pauses").columns("person_id", "until_on", "created_at")
            .values(SQLBind(person.id), SQLBind(IsoDay.format(day)), SQLBind(services.clock())).run()
    }
}
