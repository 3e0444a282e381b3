import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import Synchronization

/// What a person's rights over others are, as far as two-factor sign-in goes: whether they organize any group,
/// and the names of the groups they organize that require it of their organizers.
package struct TwoFactorDuty: Sendable, Equatable {
    package let organizes: Bool
    package let requiredBy: [String]

    package init(organizes: Bool, requiredBy: [String]) {
        self.organizes = organizes
        self.requiredBy = requiredBy
    }

    package static let none = TwoFactorDuty(organizes: false, requiredBy: [])
}

/// Where People learns a person's `TwoFactorDuty`. People cannot read groups (Groups depends on People, not the
/// reverse), so Groups registers the answer here when its routes are added; without it nobody has a duty.
package enum TwoFactorDuties {
    package typealias Source = @Sendable (_ personID: Int, _ sql: any SQLDatabase) async throws -> TwoFactorDuty

    /// The answer, boxed. Taking a bare closure out of the `Mutex` (`withLock { $0 }`) leaked the thunk it made
    /// for the copy, 64 bytes on every signed-in request (found with heaptrack under the soak); a class reference
    /// needs no thunk.
    private final class Registered: Sendable {
        let answer: Source
        init(_ answer: @escaping Source) { self.answer = answer }
    }

    private static let source = Mutex<Registered?>(nil)

    /// Sets the answer; registering again replaces it (every app built in one process registers the same one).
    package static func register(_ answer: @escaping Source) {
        let registered = Registered(answer)
        source.withLock { $0 = registered }
    }

    static func duty(of personID: Int, on sql: any SQLDatabase) async throws -> TwoFactorDuty {
        guard let registered = source.withLock({ $0 }) else { return .none }
        return try await registered.answer(personID, sql)
    }
}

/// The site's own settings about sign-in, which its administrators change at `/admin/security`.
package struct SiteSecurity: Sendable {
    static let stewardsKey = "two_factor_for_stewards"
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Whether everyone with rights over others (site administrators and group organizers) must use two-factor
    /// sign-in.
    package func twoFactorForStewards() async throws -> Bool {
        try await services.store.sql.select().column("value").from("site_settings")
            .where("key", .equal, Self.stewardsKey).value("value", as: String.self) == "true"
    }

    func setTwoFactorForStewards(_ required: Bool) async throws {
        try await services.store.transaction { tx in
            try await tx.delete(from: "site_settings").where("key", .equal, Self.stewardsKey).run()
            try await tx.insert(into: "site_settings").columns("key", "value")
                .values(SQLBind(Self.stewardsKey), SQLBind(required ? "true" : "false")).run()
        }
    }
}

/// Whether a signed-in person must set up two-factor sign-in before doing anything else, and why.
struct TwoFactorPolicy: Sendable {
    let services: AppServices

    /// Why `person` must set up two-factor sign-in now, or nil when they need not (or have). For nearly everyone
    /// (who organize nothing, or have set it up, or whom neither a group nor the site holds to it) `facts` read
    /// with the session answer, with no statement of its own; without them, or for someone held to it, it reads.
    func reason(for person: CurrentPerson, facts: PersonFacts = PersonFacts()) async throws -> String? {
        if let organized = facts[.organizedGroups], organized == 0, !person.isAdmin { return nil }
        if let enrolled = facts[.twoFactorEnrolled], enrolled > 0 { return nil }
        if facts[.organizedGroupsRequiringTwoFactor] == 0, facts[.siteRequiresTwoFactor] == 0 { return nil }
        let duty = try await TwoFactorDuties.duty(of: person.id, on: services.store.sql)
        guard person.isAdmin || duty.organizes else { return nil }
        guard try await !TwoFactor(services: services).enrolled(person.id) else { return nil }
        if !duty.requiredBy.isEmpty {
            let names = duty.requiredBy.joined(separator: ", ")
            let groups =
                duty.requiredBy.count == 1 ? "The group \(names) requires its" : "The groups \(names) require their"
            return "\(groups) organizers to use two-factor sign-in. Set it up to go on."
        }
        guard try await SiteSecurity(services: services).twoFactorForStewards() else { return nil }
        return "This site requires two-factor sign-in of everyone with rights over others (site administrators and "
            + "group organizers). Set it up to go on."
    }
}
