import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A city as the roster and tours show it.
package struct RosterCity: Sendable, Codable, Equatable {
    package let id: Int
    package let slug: String
    package let name: String
}

package struct SpeakerTalk: Sendable, Codable, Equatable {
    package let id: Int
    package let title: String
    package let abstract: String
    package let minutes: Int
}

/// Dates the speaker can travel and speak, inclusive.
package struct SpeakerWindow: Sendable, Codable, Equatable {
    package let id: Int
    package let startsOn: String
    package let endsOn: String
}

package struct SpeakerRecommendation: Sendable, Codable, Equatable {
    package let group: GroupRef
    package let note: String
}

/// A speaker in a list or search result. Never carries the private contact.
package struct SpeakerCard: Sendable, Codable, Equatable {
    package let id: Int
    package let name: String
    /// The speaker's handle when they are a person on the site.
    @Nullable package private(set) var handle: String?
    package let city: RosterCity
    package let topics: [String]
    package let recommendations: Int
    package let url: String

    enum CodingKeys: String, CodingKey { case id, name, handle, city, topics, recommendations, url }

    package init(id: Int, name: String, handle: String?, city: RosterCity, topics: [String], recommendations: Int) {
        self.id = id
        self.name = name
        self.handle = handle
        self.city = city
        self.topics = topics
        self.recommendations = recommendations
        url = SpeakerPaths.speaker(id)
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int.self, forKey: .id),
            name: try c.decode(String.self, forKey: .name),
            handle: try c.decodeIfPresent(String.self, forKey: .handle),
            city: try c.decode(RosterCity.self, forKey: .city),
            topics: try c.decode([String].self, forKey: .topics),
            recommendations: try c.decode(Int.self, forKey: .recommendations)
        )
    }
}

/// A speaker's entry. `contact` is filled only for viewers `SpeakerQueries.canSeeContact` allows, and is
/// `null` for everyone else.
package struct Speaker: Sendable, Encodable {
    package let id: Int
    package let name: String
    @Nullable package private(set) var handle: String?
    package let bio: String
    package let bioHTML: String
    package let city: RosterCity
    package let topics: [String]
    package var talks: [SpeakerTalk]
    package var availability: [SpeakerWindow]
    package var recommendedBy: [SpeakerRecommendation]
    @Nullable package private(set) var addedFor: GroupRef?
    @Nullable package var contact: String?
    /// Whether the viewer may change the entry (not part of the JSON).
    package var canEdit: Bool
    package let url: String

    enum CodingKeys: String, CodingKey {
        case id, name, handle, bio, bioHTML, city, topics, talks, availability, recommendedBy, addedFor, contact, url
    }

    /// The memberwise initializer, with `url` made from `id`.
    init(
        id: Int,
        name: String,
        handle: String?,
        bio: String,
        bioHTML: String,
        city: RosterCity,
        topics: [String],
        talks: [SpeakerTalk],
        availability: [SpeakerWindow],
        recommendedBy: [SpeakerRecommendation],
        addedFor: GroupRef?,
        contact: String?,
        canEdit: Bool
    ) {
        self.id = id
        self.name = name
        self.handle = handle
        self.bio = bio
        self.bioHTML = bioHTML
        self.city = city
        self.topics = topics
        self.talks = talks
        self.availability = availability
        self.recommendedBy = recommendedBy
        self.addedFor = addedFor
        self.contact = contact
        self.canEdit = canEdit
        url = SpeakerPaths.speaker(id)
    }
}

/// What the form or the API gives to add or change a speaker.
package struct SpeakerInput: Sendable, Decodable {
    package var name: String
    /// A person on the site (their handle); empty for a speaker known only by name.
    package var handle: String
    package var contact: String
    package var bio: String
    /// The home city's slug.
    package var city: String
    package var topics: [String]
    /// The group the entry is added for (its slug); the person must organize or edit it.
    package var group: String

    enum CodingKeys: String, CodingKey { case name, handle, contact, bio, city, topics, group }

    package init(
        name: String,
        handle: String = "",
        contact: String = "",
        bio: String = "",
        city: String,
        topics: [String] = [],
        group: String = ""
    ) {
        self.name = name
        self.handle = handle
        self.contact = contact
        self.bio = bio
        self.city = city
        self.topics = topics
        self.group = group
    }

    package init(form: FormData) {
        self.init(
            name: form["name"],
            handle: form["handle"],
            contact: form.raw("contact"),
            bio: form.raw("bio"),
            city: form["city"],
            topics: form["topics"].split(separator: ",").map(String.init),
            group: form["group"]
        )
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
            handle: try c.decodeIfPresent(String.self, forKey: .handle) ?? "",
            contact: try c.decodeIfPresent(String.self, forKey: .contact) ?? "",
            bio: try c.decodeIfPresent(String.self, forKey: .bio) ?? "",
            city: try c.decodeIfPresent(String.self, forKey: .city) ?? "",
            topics: try c.decodeIfPresent([String].self, forKey: .topics) ?? [],
            group: try c.decodeIfPresent(String.self, forKey: .group) ?? ""
        )
    }
}

/// Checks shared by the roster and tours: one-line text, long text and dates, each failure a message for a field.
enum RosterRules {
    static func line(
        _ text: String,
        _ field: String,
        _ message: String?,
        max: Int,
        _ errors: inout [String: String]
    )
        -> String
    {
        let value = clean(text).trimmingCharacters(in: .whitespacesAndNewlines)
        let oneLine = value.split(whereSeparator: \.isNewline).joined(separator: " ")
        if let message, oneLine.isEmpty || oneLine.count > max {
            errors[field] = message
        } else if oneLine.count > max {
            errors[field] = "Keep it under \(max) characters."
        }
        return oneLine
    }

    static func text(_ text: String, _ field: String, max: Int, _ errors: inout [String: String]) -> String {
        let value = clean(text).trimmingCharacters(in: .whitespacesAndNewlines)
        if value.count > max { errors[field] = "Keep it under \(max) characters." }
        return value
    }

    static func day(_ text: String, _ field: String, _ errors: inout [String: String]) -> LocalDay? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let day = LocalDay(trimmed), (2000...2200).contains(day.year) else {
            errors[field] = trimmed.isEmpty ? "Give a date." : "Give the date as YYYY-MM-DD, for example 2026-05-01."
            return nil
        }
        return day
    }

    /// Topics as typed: trimmed, empty ones dropped, duplicates (ignoring case) kept once, at most 12.
    static func topics(_ topics: [String], _ errors: inout [String: String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for topic in topics {
            let value = clean(topic).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty, seen.insert(value.lowercased()).inserted else { continue }
            if value.count > 60 { errors["topics"] = "Keep each topic under 60 characters." }
            result.append(value)
        }
        if result.count > 12 { errors["topics"] = "Give at most 12 topics." }
        return result
    }

    /// Control characters (NUL among them) never belong in a field.
    private static func clean(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || $0.properties.generalCategory != .control }
            )
        )
    }
}
