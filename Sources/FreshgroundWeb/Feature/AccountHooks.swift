import Foundation
import FreshgroundStore
import SQLKit

/// What a person's account means to each feature (see `Feature`): its part of their download, what stands in
/// the way of deleting the account, what it forgets when they do, and its part of their own page. Features hold
/// nothing about people by default.
extension Feature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] { [:] }
    package func accountNotices(of person: Int, on sql: any SQLDatabase) async throws -> [AccountNotice] { [] }
    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {}
    package func accountSummary(of person: Int, services: AppServices) async throws -> HTML? { nil }
}

/// Something the person must know, or do first (`blocks`), before deleting their account, with a link to where
/// it is done (the members page of a group they are the last organizer of).
package struct AccountNotice: Sendable, Equatable {
    package let text: String
    package let link: String
    package let linkLabel: String
    package let blocks: Bool

    package init(text: String, link: String, linkLabel: String, blocks: Bool) {
        self.text = text
        self.link = link
        self.linkLabel = linkLabel
        self.blocks = blocks
    }
}

/// The rows of a query as JSON objects, every selected column under its name, for a person's download: a new
/// column a query selects (`SELECT m.*`) shows up without a new struct. Columns ending in `_at` are times (ISO
/// 8601); anything else is a number, true/false or text, as stored.
package enum AccountRecords {
    package static func rows(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> JSONValue {
        .array(try await sql.raw(query).rows(Record.self).map { .object($0.values) })
    }

    private struct Record: Decodable {
        let values: [String: JSONValue]

        init(from decoder: any Decoder) throws {
            let row = try decoder.container(keyedBy: Key.self)
            var values: [String: JSONValue] = [:]
            for key in row.allKeys { values[key.stringValue] = try Self.value(of: key, in: row) }
            self.values = values
        }

        private static func value(of key: Key, in row: KeyedDecodingContainer<Key>) throws -> JSONValue {
            if try row.decodeNil(forKey: key) { return .null }
            if key.stringValue.hasSuffix("_at"), let date = try? row.decode(Date.self, forKey: key) {
                return .string(ZonedTime.iso(date))
            }
            let whole = try? row.decode(Int.self, forKey: key)
            let real = try? row.decode(Double.self, forKey: key)
            switch (whole, real) {
            case (let whole?, let real?) where Double(whole) != real: return .double(real)
            case (let whole?, _): return .int(whole)
            case (nil, let real?): return .double(real)
            case (nil, nil): break
            }
            if let flag = try? row.decode(Bool.self, forKey: key) { return .bool(flag) }
            return .string(try row.decode(String.self, forKey: key))
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
