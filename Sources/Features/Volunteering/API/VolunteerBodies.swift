import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A piece of work as the API shows it to whoever may see it.
struct WorkBody: Encodable, Sendable {
    let id: Int
    let group: GroupRef
    let kind: String
    let title: String
    let details: String
    let skills: [String]
    let status: String
    let minutes: Int?
    let due: String?
    let startsAt: Date?
    let endsAt: Date?
    let zone: String
    let places: Int?
    let taken: Int
    let shiftRole: String
    let weeklyHours: Double?
    let termMonths: Int?
    let event: Int?

    init(_ work: Work, group: GroupRef, taken: Int) {
        id = work.id
        self.group = group
        kind = work.kind.rawValue
        title = work.title
        details = work.details
        skills = VolunteerSkills.list(work.skills)
        status = work.status.rawValue
        minutes = work.minutes
        due = work.dueOn
        startsAt = work.startsAt
        endsAt = work.endsAt
        zone = work.zone
        places = work.places
        self.taken = taken
        shiftRole = work.shiftRole
        weeklyHours = work.weeklyHours
        termMonths = work.termMonths
        event = work.eventID
    }
}

/// One piece of work with the caller's own part, and the sign-ups for those who may see them.
struct WorkDetailBody: Encodable, Sendable {
    let work: WorkBody
    let mine: PartBody?
    let signUps: [SignUpBody]?
}

/// The caller's own part in a piece of work.
struct PartBody: Encodable, Sendable {
    let id: Int
    let state: String
    let overPledge: Bool
}

/// A sign-up as the work's organizers and lead see it.
struct SignUpBody: Encodable, Sendable {
    let id: Int
    let handle: String
    let name: String
    let state: String
    let startsOn: String?
    let endsOn: String?

    init(_ signUp: SignUp) {
        id = signUp.id
        handle = signUp.handle
        name = signUp.name
        state = signUp.state.rawValue
        startsOn = signUp.startsOn
        endsOn = signUp.endsOn
    }
}

/// The caller's part in a piece of work, with the work, on their own list.
struct MyPartBody: Encodable, Sendable {
    let id: Int
    let state: String
    let overPledge: Bool
    let startsOn: String?
    let endsOn: String?
    let work: WorkBody

    init(_ part: MyPart) {
        id = part.assignment.assignmentId
        state = part.assignment.state.rawValue
        overPledge = part.assignment.overPledge
        startsOn = part.assignment.startsOn
        endsOn = part.assignment.endsOn
        work = WorkBody(part.work, group: part.group, taken: 0)
    }
}

/// The caller's own work, load and history.
struct MyWorkBody: Encodable, Sendable {
    let pledge: Double
    let weeks: [WeekBody]
    let chronicallyOverloaded: Bool
    let current: [MyPartBody]
    let past: [MyPartBody]
    let pausedUntil: String?
    let skills: [SkillBody]
    let nextSteps: NextStepsBody
}

/// The caller's next steps, the groups where they put them off, and why none are offered when none may be.
struct NextStepsBody: Encodable, Sendable {
    let items: [Item]
    let putOff: [PutOff]
    let held: String?

    struct Item: Encodable, Sendable {
        let group: GroupRef
        let stage: String
        let next: String
        let invitation: String
        let title: String?
        let path: String?
    }

    struct PutOff: Encodable, Sendable {
        let group: GroupRef
        let until: String?
    }

    init(_ list: NextStepList) {
        items = list.steps.map {
            Item(
                group: $0.group,
                stage: $0.rung.rawValue,
                next: $0.next.rawValue,
                invitation: $0.invitation,
                title: $0.title,
                path: $0.path
            )
        }
        putOff = list.putOff.map { PutOff(group: $0.group, until: $0.until) }
        held = list.held
    }
}

struct NextStepPaceBody: Decodable, Sendable {
    let pace: String?
}

/// One week of the caller's load: the Monday it starts, the hours taken on, their share of the pledge.
struct WeekBody: Encodable, Sendable {
    let starts: String
    let hours: Double
    let ratio: Double?

    init(_ week: VolunteerLoad.Week) {
        starts = IsoDay.format(week.week * 7 - 3)
        hours = week.hours
        ratio = week.ratio
    }
}

struct SkillBody: Encodable, Sendable {
    let skill: String
    let wants: Bool
    let practisedAt: Date?
}

/// What an offer tells the organizer: the offer's id and whether it would take the person over their pledge.
struct OfferResultBody: Encodable, Sendable {
    let id: Int
    let overPledge: Bool
}

struct SignUpInputBody: Decodable, Sendable {
    let confirmOverPledge: Bool?
}

struct OfferInputBody: Decodable, Sendable {
    let person: String?
}

struct AnswerInputBody: Decodable, Sendable {
    let accept: Bool?
    let confirmOverPledge: Bool?
}

struct HoursInputBody: Decodable, Sendable {
    let group: String?
    let work: Int?
    let minutes: Int?
    let day: String?
    let note: String?
}

struct PauseInputBody: Codable, Sendable {
    let until: String?
}

struct SkillsInputBody: Decodable, Sendable {
    let has: String?
    let wants: String?
}

struct HoursEntryBody: Encodable, Sendable {
    let id: Int
    let group: String
    let work: String?
    let minutes: Int
    let day: String
    let note: String

    init(_ entry: HoursLog.Entry) {
        id = entry.id
        group = entry.groupName
        work = entry.workTitle
        minutes = entry.minutes
        day = entry.onDay
        note = entry.note
    }
}

struct AccessEntryBody: Encodable, Sendable {
    let viewer: String
    let viewerHandle: String
    let group: String?
    let what: String
    let at: Date
}
