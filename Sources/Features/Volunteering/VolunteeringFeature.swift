import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Sustainable volunteering: tasks, shifts and standing roles sized to the hours people pledged, offers people may
/// decline without a mark against them, rotation and handovers, skills and mentoring, and the figures (retention,
/// the revolving door, load) that show a group who is burning out and who is drifting away. Built on Groups
/// (where pledges are kept) and Events (work can serve an event).
package struct VolunteeringFeature: Feature {
    package init() {}

    package var migrations: [any Migration] { volunteerMigrations }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package var navigation: [NavigationLink] {
        [NavigationLink("My work", VolunteerPaths.mine(), .signedIn, order: 32)]
    }

    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        try await VolunteerRecords.data(of: person, on: services.store.sql)
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await VolunteerRecords.forget(person, on: sql)
    }

    package func register(on router: Router<AppContext>, services: AppServices) {
        BoardRoutes(services: services).register(on: router)
        MineRoutes(services: services).register(on: router)
        RotationRoutes(services: services).register(on: router)
        CheckinRoutes(services: services).register(on: router)
        SettingsRoutes(services: services).register(on: router)
        MentoringRoutes(services: services).register(on: router)
        VolunteeringAPI(services: services).register(on: router)
        FigureRoutes(services: services).register(on: router)
        PeopleRoutes(services: services).register(on: router)
        PeopleAPI(services: services).register(on: router)
    }
}

/// Queues the shift reminders and follow-ups that are due (see `ShiftReminders`) and the notices of chronic
/// overload (`OverloadWatch`) and mentoring check-ins (`Mentoring`); returns how many.
package func sendVolunteerReminders(services: AppServices) async throws -> Int {
    let now = services.clock()
    try await HoursRollUp(services: services).run(now: now)
    return try await ShiftReminders(services: services).sendDue(now: now)
        + OverloadWatch(services: services).sendDue(now: now) + Mentoring(services: services).remindDue(now: now)
}
