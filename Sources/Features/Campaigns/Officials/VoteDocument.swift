import Foundation

// The parts of a Popolo or Open Civic Data `vote_event` that an import reads; everything else in the document is
// ignored. Popolo: `id`/`identifier`, `motion` (an object with `text`, or text) or `motion_id`, `start_date`,
// `result`, `counts[{option, value, group_id?}]`, `votes[{voter_id | voter{id, name}, option, group_id?, weight?}]`.
// OCD: `identifier`, `motion_text`, `start_date`, `result`, `counts[{option, value}]`,
// `votes[{option, voter_name, voter_id?}]`.

/// An identifier given as text or as a number.
struct TextValue: Decodable, Equatable {
    let text: String

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if let number = try? value.decode(Int.self) {
            text = String(number)
        } else {
            text = try value.decode(String.self)
        }
    }
}

struct RawEvent: Decodable {
    let id: TextValue?
    let identifier: TextValue?
    let motion: RawMotion?
    let motionId: String?
    let motionText: String?
    let startDate: String?
    let result: String?
    let counts: [RawCount]?
    let votes: [RawVote]?

    enum CodingKeys: String, CodingKey {
        case id, identifier, motion, result, counts, votes
        case motionId = "motion_id"
        case motionText = "motion_text"
        case startDate = "start_date"
    }
}

/// A motion as an object with its text, or as the text itself.
struct RawMotion: Decodable {
    let text: String?

    enum CodingKeys: String, CodingKey { case text }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.text = text
        } else {
            text = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .text)
        }
    }
}

struct RawCount: Decodable {
    let option: String
    let value: Int
    let groupId: TextValue?

    enum CodingKeys: String, CodingKey {
        case option, value
        case groupId = "group_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        option = try container.decode(String.self, forKey: .option).lowercased()
        value = try container.decode(Int.self, forKey: .value)
        groupId = try container.decodeIfPresent(TextValue.self, forKey: .groupId)
    }
}

struct RawVote: Decodable {
    let option: String
    let voterId: TextValue?
    let voter: RawVoter?
    let voterNameField: String?
    let groupId: TextValue?
    let weight: Double?

    enum CodingKeys: String, CodingKey {
        case option, voter, weight
        case voterId = "voter_id"
        case voterNameField = "voter_name"
        case groupId = "group_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        option = try container.decode(String.self, forKey: .option).lowercased()
        voterId = try container.decodeIfPresent(TextValue.self, forKey: .voterId)
        voter = try container.decodeIfPresent(RawVoter.self, forKey: .voter)
        voterNameField = try container.decodeIfPresent(String.self, forKey: .voterNameField)
        groupId = try container.decodeIfPresent(TextValue.self, forKey: .groupId)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight)
    }

    /// The voter's id as the document gives it.
    var voterID: String? { voterId?.text ?? voter?.id?.text }

    /// The voter's name: Popolo's `voter.name`, OCD's `voter_name`.
    func voterName(_ format: VoteImport.Format) -> String? {
        format == .popolo ? voter?.name ?? voterNameField : voterNameField ?? voter?.name
    }

    /// Who cast the vote, to find a voter listed twice: the id, else the name.
    func voterKey(_ format: VoteImport.Format) -> String? { voterID ?? voterName(format) }
}

/// Popolo's voter object.
struct RawVoter: Decodable {
    let id: TextValue?
    let name: String?
}
