import Foundation
import FreshgroundStore
import SQLKit
import Testing

/// The store's two ways to read rows: a `Decodable` struct whose properties are the columns in camelCase, or, for
/// the hottest reads, a `RowReadable` type that reads its cells by name. Either way a missing column or an unknown
/// stored value is an error, never a nil or a default; both engines run it (the suite's database is SQLite unless
/// `FRESHGROUND_TEST_DATABASE` names a PostgreSQL server).
@Suite struct RowDecodingTests {
    private enum Colour: String, Decodable { case red, green }

    private struct Row: Decodable {
        let cityID: Int
        let bodyHTML: String
        let placeKind: Colour
        let note: String?
    }

    /// The same row read by its own reader, as the hottest row types are.
    private struct ReadRow: RowReadable {
        let cityID: Int
        let placeKind: Colour
        let note: String?

        init(row: any SQLRow) throws {
            cityID = try row.integer("city_id")
            placeKind = try row.value("place_kind", as: Colour.self)
            note = try row.optionalText("note")
        }
    }

    @Test func aRowReaderKeepsTheSameRules() async throws {
        try await withApp { app in
            let sql = app.store.sql
            // act
            let read = try await sql.raw("SELECT 7 AS city_id, 'green' AS place_kind, NULL AS note").row(ReadRow.self)
            let noted = try await sql.raw("SELECT 8 AS city_id, 'red' AS place_kind, 'n' AS note").rows(ReadRow.self)

            // check: values, and NULL as nil
            #expect(read?.cityID == 7 && read?.placeKind == .green && read?.note == nil)
            #expect(noted.map(\.note) == ["n"])
            // a missing column is an error even for an optional
            await #expect(throws: (any Error).self) {
                try await sql.raw("SELECT 7 AS city_id, 'red' AS place_kind").row(ReadRow.self)
            }
            // an unknown stored value names its column and value
            await #expect {
                try await sql.raw("SELECT 7 AS city_id, 'purple' AS place_kind, NULL AS note").row(ReadRow.self)
            } throws: { error in
                (error as? StoredValueError).map { $0.column == "place_kind" && $0.value == "purple" } ?? false
            }
        }
    }

    @Test func aTruthValueIsTrueOrFalseAndAnyOtherNumberIsAnError() async throws {
        try await withApp { app in
            // act: comparisons are 1 and 0 on SQLite and booleans on PostgreSQL
            let row = try #require(try await app.store.sql.raw("SELECT 1 = 1 AS yes, 1 = 0 AS no").first())
            let two = try #require(try await app.store.sql.raw("SELECT 2 AS flag").first())

            // check
            #expect(try row.bool("yes") == true && row.bool("no") == false)
            #expect(throws: (any Error).self) { try two.bool("flag") }
        }
    }

    @Test func propertyNamesBecomeSnakeCaseColumnsWithAcronymsAsOneWord() {
        #expect(columnName(forProperty: "placeKind") == "place_kind")
        #expect(columnName(forProperty: "cityID") == "city_id")
        #expect(columnName(forProperty: "bodyHTML") == "body_html")
        #expect(columnName(forProperty: "bodyHTMLText") == "body_html_text")
        #expect(columnName(forProperty: "week2Title") == "week2_title")
        #expect(columnName(forProperty: "id") == "id")
        #expect(columnName(forProperty: "URLValue") == "url_value")
        #expect(columnName(forProperty: "naïveURLValue") == "naïve_url_value", "a name outside ASCII, by the same rule")
    }

    @Test func aRowDecodesIntoItsStructAndNullIntoNil() async throws {
        try await withApp { app in
            // act
            let row = try await app.store.sql.raw(
                "SELECT 7 AS city_id, 'x' AS body_html, 'green' AS place_kind, NULL AS note"
            ).row(Row.self)

            // check
            #expect(row?.cityID == 7)
            #expect(row?.bodyHTML == "x")
            #expect(row?.placeKind == .green)
            #expect(row?.note == nil)
        }
    }

    @Test func aMissingColumnIsAnErrorEvenForAnOptional() async throws {
        try await withApp { app in
            // act: the query forgot `note`, which an optional property would otherwise read as nil
            let query = app.store.sql.raw("SELECT 7 AS city_id, 'x' AS body_html, 'red' AS place_kind")

            // check
            await #expect(throws: DecodingError.self) { try await query.row(Row.self) }
        }
    }

    @Test func anUnknownStoredValueIsAnErrorNotADefault() async throws {
        try await withApp { app in
            // act
            let query = app.store.sql.raw(
                "SELECT 7 AS city_id, 'x' AS body_html, 'purple' AS place_kind, NULL AS note"
            )

            // check
            await #expect(throws: (any Error).self) { try await query.rows(Row.self) }
        }
    }
}
